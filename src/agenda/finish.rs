//! The end of a parse: sections get their kinds and ranges, blocks are split at their
//! labels, and each piece of prose becomes sentences in the innermost section around it.

use super::builder::{Builder, OpenBlock};
use super::labels::Label;
use super::*;

/// Sentences of a stretch of prose: ranges in it and their normalised text.
pub(super) type Sentences = Vec<(Range<usize>, Arc<str>)>;

/// The sentences of a stretch of prose: ranges in it and normalised text (empty ones
/// dropped).
pub(super) fn sentences_of(plain: &str) -> Sentences {
    let mut out = Sentences::new();
    each_sentence(plain, |r| {
        // A chat message's time and name ("[4:12 PM] mei: …") are not its words.
        let r = match super::labels::chat_prefix(&plain[r.clone()]) {
            Some(n) => (r.start + n).min(r.end)..r.end,
            None => r,
        };
        let norm = normalise(&plain[r.clone()]);
        if !norm.is_empty() {
            out.push((r, Arc::from(norm)));
        }
    });
    out
}

/// A block's normalised text, its sentences' norms joined, and how many words they hold.
pub(super) fn block_norm(sentences: &Sentences) -> (Arc<str>, usize) {
    let norm = sentences
        .iter()
        .map(|(_, n)| &**n)
        .collect::<Vec<_>>()
        .join(" ");
    let count = sentences.iter().map(|(_, n)| words(n)).sum();
    (Arc::from(norm), count)
}

/// Words in normalised text: words separated by single spaces.
pub(crate) fn words(norm: &str) -> usize {
    1 + norm.bytes().filter(|&b| b == b' ').count()
}

impl Builder<'_> {
    pub(super) fn finish(mut self) -> Agenda {
        let text = self.text;
        let mut agenda = std::mem::take(&mut self.agenda);
        // Headings arrive in order; each runs to the next at its level or above.
        let heading_count = agenda.sections.len();
        let mut finished = std::mem::take(&mut self.finished);
        finished.sort_by_key(|(b, _)| b.start);
        // A lone level-1 heading before any text is the agenda's title ("# Weekly recap
        // with Dana"), not a part; several level-1 headings are parts.
        let level_one = agenda.sections.iter().filter(|s| s.level == 1).count();
        let title = agenda.sections.first().is_some_and(|s| {
            s.level == 1
                && level_one == 1
                && finished
                    .first()
                    .is_none_or(|(b, _)| b.start > s.range.start)
        });
        let mut stack: Vec<(u8, PartKind)> = Vec::new();
        for i in 0..heading_count {
            let level = agenda.sections[i].level;
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                stack.pop();
            }
            let class = if i == 0 && title {
                None
            } else {
                self.heading_classes.get(i).copied().flatten()
            };
            let (kind, inherited) = match class {
                Some(kind) => (kind, false),
                None => match stack.last() {
                    Some((_, parent)) if *parent != PartKind::Other => (*parent, true),
                    _ => (PartKind::Other, false),
                },
            };
            agenda.sections[i].kind = kind;
            agenda.sections[i].inherited = inherited;
            stack.push((level, kind));
        }
        for i in 0..heading_count {
            let level = agenda.sections[i].level;
            let end = agenda.sections[i + 1..]
                .iter()
                .find(|s| s.level <= level)
                .map_or(text.len(), |s| s.range.start);
            agenda.sections[i].range.end = end.max(agenda.sections[i].range.start);
        }
        for &(i, end) in &self.toggle_ends {
            let range = &mut agenda.sections[i].range;
            range.end = range.end.min(end).max(range.start);
        }

        // Split every block at its labels.
        let mut pieces: Vec<Piece> = Vec::new();
        // Label sections, with the furthest their range may reach.
        let mut label_caps: Vec<(usize, usize)> = Vec::new();
        // A table row's part ends with its row.
        for &(i, end) in &self.row_ends {
            label_caps.push((agenda.sections[i].range.start, end));
        }
        // In an item only its first line can hold a label: a line that continues the
        // item ("- Shipped A\n**Ask:** budget") is the item's prose, as Markdown shows it.
        let labels_of = |(block, _): &(OpenBlock, Range<usize>)| {
            block.labels(matches!(block.kind, BlockKind::Item { .. }))
        };
        // An email's header lines, greeting and sign-off hold no prose.
        let first_heading = agenda
            .sections
            .first()
            .map_or(text.len(), |s| s.range.start);
        let mut keep = super::envelope::envelope(&finished, first_heading)
            .into_iter()
            .map(|envelope| !envelope);
        finished.retain(|_| keep.next().unwrap_or(true));
        // A label alone on its line ("**Insight:**") whose text is the list after it: the
        // reach of its list. There a label at the very start of a line that continues the
        // list's last item ("- Median gap: 19 days" then "**Ask:** …", no blank line) is
        // the next label of the run, not the item's prose; under a heading, or with no
        // label above the list, Markdown's reading stands.
        let heading_starts: Vec<usize> = agenda.sections.iter().map(|s| s.range.start).collect();
        let mut hanging: Option<usize> = None;
        let all_labels: Vec<Vec<Label>> = finished
            .iter()
            .map(|entry| {
                let block = &entry.0;
                let item = matches!(block.kind, BlockKind::Item { .. });
                if hanging.is_some_and(|end| {
                    let k = heading_starts.partition_point(|&h| h <= end);
                    heading_starts.get(k).is_some_and(|&h| h < block.start)
                }) {
                    hanging = None;
                }
                let labels = match hanging {
                    Some(_) if item => {
                        let mut all = block.labels(false);
                        all.retain(|l| l.line_start == 0 || at_line_start(text, l.src.start));
                        all
                    }
                    _ => labels_of(entry),
                };
                match labels.last() {
                    Some(l) if !l.tag && (!item || l.line_start > 0) => {
                        hanging = (!l.inline).then_some(l.src.end);
                    }
                    Some(_) => {}
                    None if item => {}
                    None => hanging = None,
                }
                labels
            })
            .collect();
        // Where tags start lines ("DISCUSS: …"), and the labels with text on their own
        // line ("FYI: …"), whose reach such a tag ends.
        let mut item_tags: Vec<usize> = Vec::new();
        let mut inline_labels: Vec<usize> = Vec::new();
        for ((index, (block, outer)), labels) in finished.iter().enumerate().zip(all_labels) {
            // Only a block with labels needs its end: widening every item to whole lines
            // would cost the length of its line, for every level of a nested list.
            // An item that is nothing but a part's name ("1. Outcome", a Word export's
            // numbered heading) heads what follows it, as a heading would.
            // (In a tight list, "1. Observations" then "2. Request", the items are a table
            // of contents: each label keeps to its item.)
            let heading_item = matches!(labels.as_slice(), [l] if !l.inline && !l.tag)
                && stands_apart(text, outer.clone());
            let cap = match block.kind {
                BlockKind::Item { .. } if !labels.is_empty() && !heading_item => {
                    full_lines(text, outer.clone()).end
                }
                _ => text.len(),
            };
            // An outcome label whose own text closes its paragraph ("Goal for the
            // quarter: X.") owns that paragraph only: the list or paragraphs after it
            // are the section's own (a finished-work list is status, not the goal). A
            // pre-read or another part's label keeps what follows it.
            // (Only a paragraph with labels needs its end, as for items above.)
            let own_cap = (matches!(block.kind, BlockKind::Paragraph)
                && !labels.is_empty()
                && block.plain.trim_end().ends_with(['.', '!']))
            .then(|| full_lines(text, outer.clone()).end);
            let mut from = 0;
            let mut label: Option<usize> = None;
            let mut label_inline = false;
            for l in labels {
                if l.item_tag {
                    item_tags.push(l.src.start);
                } else if l.inline && !l.tag {
                    inline_labels.push(l.src.start);
                }
                if l.tag {
                    // The words before the tag (if any) and after it are one piece each;
                    // the tag itself is neither, and the section does not change.
                    if !block.plain[from..l.line_start].trim().is_empty() {
                        pieces.push(Piece {
                            block: index,
                            plain: from..l.line_start,
                            label,
                            first: pieces.last().is_none_or(|p| p.block != index),
                        });
                    }
                    from = l.end;
                    if l.item_tag && label_inline {
                        label = None;
                    }
                    continue;
                }
                if label.is_some() || !block.plain[from..l.line_start].trim().is_empty() {
                    pieces.push(Piece {
                        block: index,
                        plain: from..l.line_start,
                        label,
                        first: pieces.last().is_none_or(|p| p.block != index),
                    });
                }
                label = Some(agenda.sections.len());
                label_inline = l.inline;
                label_caps.push((
                    l.src.start,
                    match own_cap {
                        Some(own) if l.inline && l.kind == PartKind::Outcome => own,
                        _ => cap,
                    },
                ));
                agenda.sections.push(Section {
                    kind: l.kind,
                    inherited: false,
                    title: l.title,
                    level: LABEL_LEVEL,
                    heading: l.src.clone(),
                    range: l.src.clone(),
                    content_start: l.src.end,
                    sentence_count: 0,
                    first_sentence: None,
                    table_count: 0,
                    in_item: matches!(block.kind, BlockKind::Item { .. }),
                });
                from = l.end;
            }
            pieces.push(Piece {
                block: index,
                plain: from..block.plain.len(),
                label,
                first: pieces.last().is_none_or(|p| p.block != index),
            });
        }

        // Sections in text order; remember where each piece's label went.
        let mut order: Vec<usize> = (0..agenda.sections.len()).collect();
        order.sort_by_key(|&i| (agenda.sections[i].range.start, agenda.sections[i].level));
        let mut new_index = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut sorted: Vec<Option<Section>> = agenda.sections.into_iter().map(Some).collect();
        agenda.sections = order
            .iter()
            .map(|&old| sorted[old].take().expect("each section moves once"))
            .collect();
        for piece in pieces.iter_mut() {
            piece.label = piece.label.map(|old| new_index[old]);
        }
        // A label runs to the next section, and no further than its list item.
        label_caps.sort_unstable();
        item_tags.sort_unstable();
        inline_labels.sort_unstable();
        let starts: Vec<usize> = agenda.sections.iter().map(|s| s.range.start).collect();
        for i in 0..agenda.sections.len() {
            if agenda.sections[i].level != LABEL_LEVEL {
                continue;
            }
            let start = agenda.sections[i].range.start;
            let next = starts[i + 1..].first().copied().unwrap_or(text.len());
            let cap = label_caps
                .binary_search_by_key(&start, |(s, _)| *s)
                .map_or(text.len(), |k| label_caps[k].1);
            // "FYI: …" then "DISCUSS: …": the tagged line is an item of its own, not
            // more of the label's text.
            let tag = inline_labels
                .binary_search(&start)
                .is_ok()
                .then(|| item_tags.partition_point(|&t| t <= start))
                .and_then(|k| item_tags.get(k).copied())
                .unwrap_or(text.len());
            let end = next.min(cap).min(tag).max(agenda.sections[i].heading.end);
            agenda.sections[i].range.end = end;
        }
        // A label inside a pre-read stays pre-read.
        let label_parents = innermost(
            &agenda.sections,
            agenda
                .sections
                .iter()
                .enumerate()
                .filter(|(_, s)| s.level == LABEL_LEVEL)
                .map(|(i, s)| (s.range.start, Some(i))),
            |s| s.level != LABEL_LEVEL,
        );
        for (i, parent) in label_parents {
            let Some(i) = i else { continue };
            if parent.is_some_and(|p| agenda.sections[p].kind == PartKind::PreRead) {
                agenda.sections[i].kind = PartKind::PreRead;
                agenda.sections[i].inherited = true;
            }
        }

        // Each piece belongs to its label, else to the innermost section around it.
        let mut anchored: Vec<(usize, usize)> = pieces
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let block = &finished[p.block].0;
                let anchor = match p.label {
                    Some(l) => agenda.sections[l].range.start,
                    None => block.map(p.plain.start, false).max(block.start),
                };
                (anchor, i)
            })
            .collect();
        anchored.sort_unstable();
        // Each piece's sentences, split up front: on every core for a long agenda.
        let plains: Vec<Option<&str>> = pieces
            .iter()
            .map(|p| {
                let plain = &finished[p.block].0.plain[p.plain.clone()];
                (!plain.trim().is_empty()).then_some(plain)
            })
            .collect();
        let mut found_all: Vec<Sentences> = plains
            .iter()
            .map(|p| p.map(sentences_of).unwrap_or_default())
            .collect();
        // Each piece's block norm and words.
        let mut joined: Vec<(Arc<str>, usize)> = found_all.iter().map(block_norm).collect();
        agenda
            .sentences
            .reserve(found_all.iter().map(Vec::len).sum());
        agenda.blocks.reserve(found_all.len());
        let homes = innermost(
            &agenda.sections,
            anchored.iter().map(|&(anchor, i)| (anchor, Some(i))),
            |_| true,
        );
        for (piece, home) in homes {
            let Some(piece) = piece else { continue };
            let p = &pieces[piece];
            let (block, outer) = &finished[p.block];
            let section = p.label.or(home);
            let Some(plain) = plains[piece] else {
                continue;
            };
            let lead = plain.len() - plain.trim_start().len();
            let trail = plain.len() - plain.trim_end().len();
            let range_start = block.map(p.plain.start + lead, false);
            let range_end = block.map(p.plain.end - trail, true).max(range_start);
            let block_index = agenda.blocks.len();
            let first_sentence = agenda.sentences.len();
            let pre_read = agenda.kind_of_section(section) == PartKind::PreRead;
            let found = std::mem::take(&mut found_all[piece]);
            let (norm, words) = std::mem::take(&mut joined[piece]);
            if !pre_read {
                agenda.words += words;
            }
            for (r, norm) in found {
                let src = block.map(p.plain.start + r.start, false)
                    ..block.map(p.plain.start + r.end, true);
                if let Some(i) = section {
                    let sec = &mut agenda.sections[i];
                    sec.sentence_count += 1;
                    sec.first_sentence.get_or_insert(agenda.sentences.len());
                }
                agenda.sentences.push(Sentence {
                    index: agenda.sentences.len(),
                    range: src,
                    norm,
                    block: block_index,
                    section,
                });
            }
            let outer = match block.kind {
                BlockKind::Item { .. } if p.first => full_lines(text, outer.clone()),
                BlockKind::Item { .. } => full_lines(text, range_start..range_end),
                BlockKind::Paragraph if p.first => block.start..range_end.max(outer.end),
                BlockKind::Paragraph => range_start..range_end,
            };
            agenda.blocks.push(Block {
                kind: block.kind,
                range: range_start..range_end,
                outer,
                section,
                sentences: first_sentence..agenda.sentences.len(),
                norm,
            });
        }

        // Tables belong to the innermost section around them.
        let tables = innermost(
            &agenda.sections,
            agenda
                .tables
                .iter()
                .enumerate()
                .map(|(i, t)| (t.range.start, Some(i))),
            |_| true,
        );
        for (table, home) in tables {
            let Some(table) = table else { continue };
            agenda.tables[table].section = home;
            if let Some(h) = home {
                agenda.sections[h].table_count += 1;
            }
        }
        agenda
    }
}

/// Nothing but emoji or symbols stand between the line's start and `at`: no indent.
fn at_line_start(text: &str, at: usize) -> bool {
    let line = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    !text[line..at].contains(|c: char| c.is_alphanumeric() || c == ' ' || c == '\t')
}

/// A stretch of a block's plain text: before its first label, or after a label.
pub(super) struct Piece {
    pub(super) block: usize,
    pub(super) plain: Range<usize>,
    /// The section the label before this piece started (an index, remapped after sorting).
    pub(super) label: Option<usize>,
    /// The first piece of its block.
    pub(super) first: bool,
}

/// For each `(offset, tag)` in ascending offset order, the innermost section containing the
/// offset, among the sections `include` accepts. Sections must be sorted by start and nest
/// (heading and label ranges do), so one walk with a stack is enough: linear in sections
/// plus offsets.
pub(super) fn innermost<T: Copy>(
    sections: &[Section],
    offsets: impl IntoIterator<Item = (usize, T)>,
    include: impl Fn(&Section) -> bool,
) -> Vec<(T, Option<usize>)> {
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut out = Vec::new();
    for (offset, tag) in offsets {
        while next < sections.len() && sections[next].range.start <= offset {
            let start = sections[next].range.start;
            while stack
                .last()
                .is_some_and(|&top| sections[top].range.end <= start)
            {
                stack.pop();
            }
            if include(&sections[next]) {
                stack.push(next);
            }
            next += 1;
        }
        while stack
            .last()
            .is_some_and(|&top| sections[top].range.end <= offset)
        {
            stack.pop();
        }
        out.push((tag, stack.last().copied()));
    }
    out
}

/// Blank lines (or the text's ends) around `range`'s lines: an item that is a list of its own.
fn stands_apart(text: &str, range: Range<usize>) -> bool {
    let lines = full_lines(text, range);
    let above = &text[..lines.start];
    let above = above.strip_suffix('\n').unwrap_or(above);
    let above = above.strip_suffix('\r').unwrap_or(above);
    let blank_above = above[line_start(above, above.len())..].trim().is_empty();
    let blank_below = text[lines.end..next_line(text, lines.end)]
        .trim()
        .is_empty();
    blank_above && blank_below
}
