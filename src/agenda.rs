//! Understanding an agenda: Markdown in, parts, blocks and sentences out.
//!
//! [`Agenda::parse`] never fails. It runs the text through pulldown-cmark and keeps what
//! the rules judge as the author's prose: paragraphs and list items. Code blocks, block
//! quotes, HTML and front matter are never prose; tables are kept as rows (for status
//! tables) but never judged as sentences. Headings and labels start sections: a bold or
//! italic label at the start of a line (`**Outcome:** …`, `**Ask**: …`, a bold line on its
//! own), or a plain `Ask: …` that names a part exactly. Labels are found at the start of
//! every line of a paragraph, so several labels in one paragraph each start their own
//! section, but only on the first line of a list item: a line that continues an item, and
//! a heading inside an item, are the item's prose, as Markdown shows them. Every
//! position is a byte offset into the parsed text.
//!
//! Sections nest: a heading's section runs to the next heading at its level or above; a
//! label's runs to the next section (and, inside a list item, no further than the item).
//! Every block and sentence belongs to the innermost section that contains it.

pub use crate::patterns::classify_heading;
use crate::patterns::{classify_plain_label, normalise};
use crate::sentences::each_sentence;
pub use crate::sentences::split_sentences;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

mod front_matter;

use front_matter::front_matter;

/// What a section of the agenda is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartKind {
    /// The business result being driven.
    Outcome,
    /// A pattern, risk, signal or blocker, interpreted.
    Insight,
    /// The recommendation, ask, decision or tradeoff.
    Move,
    /// Routine status sent before the meeting; never judged as 1:1 talk.
    PreRead,
    /// "Updates", "Status": the status dump a 1:1 should not carry.
    Status,
    /// Anything else (a title, "Context", "Agenda").
    Other,
}

impl PartKind {
    /// The three parts a strong 1:1 brings.
    pub const PARTS: [PartKind; 3] = [PartKind::Outcome, PartKind::Insight, PartKind::Move];

    pub fn name(self) -> &'static str {
        match self {
            PartKind::Outcome => "the outcome",
            PartKind::Insight => "the insight",
            PartKind::Move => "the leadership move",
            PartKind::PreRead => "the pre-read",
            PartKind::Status => "a status section",
            PartKind::Other => "a section",
        }
    }

    pub fn is_part(self) -> bool {
        matches!(self, PartKind::Outcome | PartKind::Insight | PartKind::Move)
    }
}

/// A heading or a label and the text it governs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: PartKind,
    /// True when the kind came from a parent heading ("### Details" under "## Outcome"),
    /// or when a label sits inside a pre-read (it stays pre-read).
    pub inherited: bool,
    /// The heading's or label's own words, without `#` or `**`.
    pub title: String,
    /// 1–6 for headings; [`LABEL_LEVEL`] for a label.
    pub level: u8,
    /// The heading line (without its line break) or the label with its colon.
    pub heading: Range<usize>,
    /// From the heading to the start of the next section at the same or a higher level.
    pub range: Range<usize>,
    /// Where the section's own text begins: after the heading line or the label.
    pub content_start: usize,
    /// Sentences whose innermost section is this one.
    pub sentence_count: usize,
    /// The first of them, as an index into [`Agenda::sentences`].
    pub first_sentence: Option<usize>,
    /// Tables whose innermost section is this one.
    pub table_count: usize,
    /// A label at the start of a list item: its section ends with the item.
    pub in_item: bool,
}

/// The level given to sections started by a label such as `**Ask:**`.
pub const LABEL_LEVEL: u8 = 7;

impl Section {
    pub fn is_label(&self) -> bool {
        self.level == LABEL_LEVEL
    }

    /// True when the section holds prose or a table of its own.
    pub fn has_content(&self) -> bool {
        self.sentence_count > 0 || self.table_count > 0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A list item; `top_level` when it is not nested inside another item.
    Item {
        top_level: bool,
        task: bool,
    },
}

/// A paragraph or list item of prose (or the part of one that follows a label).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The prose itself (after any label).
    pub range: Range<usize>,
    /// For an item: the whole item, from its marker through its last line, nested items
    /// included.
    pub outer: Range<usize>,
    /// Index into [`Agenda::sections`].
    pub section: Option<usize>,
    /// Indices into [`Agenda::sentences`].
    pub sentences: Range<usize>,
    /// The prose as normalised text, for judging the block as a whole.
    pub norm: Arc<str>,
}

/// A table: its lines and its body rows, cell by cell (normalised).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Whole lines, from the header row through the last row's line break.
    pub range: Range<usize>,
    pub rows: Vec<Vec<String>>,
    pub section: Option<usize>,
}

/// One sentence of prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    /// Lower-cased, quotes straightened, leading bullets and emoji removed.
    pub norm: Arc<str>,
    pub block: usize,
    pub section: Option<usize>,
}

/// Rules switched off for this file with `<!-- oneonone-disable RULE -->`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Disabled {
    pub all: bool,
    pub rules: Vec<String>,
}

impl Disabled {
    pub fn contains(&self, rule: &str) -> bool {
        self.all || self.rules.iter().any(|r| r == rule)
    }
}

/// A parsed agenda.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agenda {
    pub len: usize,
    /// How many bytes were analysed; less than `len` when the text was over budget.
    pub analysed: usize,
    pub front_matter: Option<Range<usize>>,
    pub sections: Vec<Section>,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub tables: Vec<Table>,
    pub disabled: Disabled,
    /// "\r\n" when the text uses it, "\r" when it breaks lines with lone CRs only, else
    /// "\n": inserted text follows the file.
    pub line_ending: &'static str,
    /// Words of prose outside the pre-read.
    pub words: usize,
}

impl Agenda {
    /// Parses at most `budget` bytes of `text`: up to the last line end within the budget,
    /// or, when there is none, up to a character boundary.
    pub fn parse(text: &str, budget: usize) -> Agenda {
        let analysed = budget_cut(text, budget);
        let head = &text[..analysed];
        let lf;
        let source = match lone_crs_as_lfs(head) {
            Some(copy) => {
                lf = copy;
                lf.as_str()
            }
            None => head,
        };
        let mut agenda = Builder::new(source).run();
        agenda.len = text.len();
        agenda.analysed = analysed;
        agenda.line_ending = line_ending(text);
        agenda
    }

    pub fn is_limited(&self) -> bool {
        self.analysed < self.len
    }

    pub fn section_of(&self, s: &Sentence) -> Option<&Section> {
        s.section.map(|i| &self.sections[i])
    }

    pub fn kind_of_sentence(&self, s: &Sentence) -> PartKind {
        self.section_of(s).map_or(PartKind::Other, |sec| sec.kind)
    }

    /// The kind of the innermost section a block or table belongs to.
    pub fn kind_of_section(&self, section: Option<usize>) -> PartKind {
        section.map_or(PartKind::Other, |i| self.sections[i].kind)
    }

    /// Sentences that are 1:1 talk: everything but the pre-read.
    pub fn talk(&self) -> impl Iterator<Item = &Sentence> {
        self.sentences
            .iter()
            .filter(|s| self.kind_of_sentence(s) != PartKind::PreRead)
    }

    /// Sections of the given kind.
    pub fn parts(&self, kind: PartKind) -> impl Iterator<Item = (usize, &Section)> {
        self.sections
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.kind == kind)
    }

    /// Sentences in the given section (its own, not those of nested sections).
    pub fn sentences_in(&self, section: usize) -> impl Iterator<Item = &Sentence> {
        let (from, count) = self
            .sections
            .get(section)
            .and_then(|s| s.first_sentence.map(|f| (f, s.sentence_count)))
            .unwrap_or((0, 0));
        self.sentences[from..]
            .iter()
            .filter(move |s| s.section == Some(section))
            .take(count)
    }

    /// The first sentence of a section, in constant time.
    pub fn first_sentence_in(&self, section: usize) -> Option<&Sentence> {
        self.sections
            .get(section)?
            .first_sentence
            .map(|i| &self.sentences[i])
    }

    /// The innermost section containing `offset`.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        let idx = self.sections.partition_point(|s| s.range.start <= offset);
        self.sections[..idx]
            .iter()
            .rposition(|s| s.range.contains(&offset) || s.range.end == offset)
    }

    /// The sentence containing `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<&Sentence> {
        let idx = self.sentences.partition_point(|s| s.range.start <= offset);
        idx.checked_sub(1)
            .map(|i| &self.sentences[i])
            .filter(|s| offset <= s.range.end)
    }
}

/// Markdown syntax the builder looks for: a plain `Name:` label at the start of a line and
/// a disable comment. (The words that name a part are the catalogue's: `headings.toml`.)
struct Syntax {
    plain_label: Regex,
    disable: Regex,
}

fn syntax() -> &'static Syntax {
    static S: OnceLock<Syntax> = OnceLock::new();
    S.get_or_init(|| Syntax {
        plain_label: Regex::new(r"^([A-Za-z][A-Za-z'’ /&-]{1,40}?)\s*:(?:\s|$)")
            .expect("label pattern compiles"),
        disable: Regex::new(r"oneonone-disable(?:\s+([a-z0-9][a-z0-9,\s-]*?))?\s*-->")
            .expect("disable pattern compiles"),
    })
}

// ---------------------------------------------------------------------------------------
// The builder walks pulldown-cmark's events once.

/// A stretch of a block's plain text and the source it came from.
#[derive(Debug, Clone)]
struct Segment {
    plain: usize,
    src: Range<usize>,
    /// The plain text is its source byte for byte, so every offset inside maps one to
    /// one; otherwise (an entity, an escape, a line break) only its two ends map.
    exact: bool,
    /// Where its two ends map: `src` widened over a code span's backticks, so that a
    /// sentence starting or ending with the span takes them in.
    outer: Range<usize>,
}

/// Bold or italic text inside a block: where it is in the plain text and in the source
/// (the source range includes the `**` markers).
#[derive(Debug, Clone)]
struct Emphasis {
    plain: Range<usize>,
    src: Range<usize>,
}

#[derive(Debug, Clone)]
struct OpenBlock {
    kind: BlockKind,
    start: usize,
    outer: Range<usize>,
    plain: String,
    segments: Vec<Segment>,
    emphasis: Vec<Emphasis>,
    /// Emphasis started and not yet ended: plain offset and source range.
    emphasis_open: Vec<(usize, Range<usize>)>,
}

enum Container {
    Item,
    Paragraph { owns_block: bool },
    Other,
}

#[derive(Default)]
struct TableBuild {
    range: Range<usize>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: String,
    in_head: bool,
}

/// Sentences of a stretch of prose: ranges in it and their normalised text.
type Sentences = Vec<(Range<usize>, Arc<str>)>;

/// The sentences of a stretch of prose: ranges in it and normalised text (empty ones
/// dropped).
fn sentences_of(plain: &str) -> Sentences {
    let mut out = Sentences::new();
    each_sentence(plain, |r| {
        let norm = normalise(&plain[r.clone()]);
        if !norm.is_empty() {
            out.push((r, Arc::from(norm)));
        }
    });
    out
}

/// A block's normalised text, its sentences' norms joined, and how many words they hold.
fn block_norm(sentences: &Sentences) -> (Arc<str>, usize) {
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

struct Builder<'a> {
    text: &'a str,
    agenda: Agenda,
    open: Vec<OpenBlock>,
    containers: Vec<Container>,
    skip: usize,
    heading: Option<(u8, usize, String)>,
    /// What each heading's own words name, in order (kinds are settled in `finish`).
    heading_classes: Vec<Option<PartKind>>,
    finished: Vec<(OpenBlock, Range<usize>)>,
    table: Option<TableBuild>,
}

/// A label found at the start of a line in a block.
struct Label {
    kind: PartKind,
    title: String,
    /// Plain offsets: where the line starts and where the label (with its colon) ends.
    line_start: usize,
    end: usize,
    /// Source range of the label itself.
    src: Range<usize>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        Builder {
            text,
            agenda: Agenda::default(),
            open: Vec::new(),
            containers: Vec::new(),
            skip: 0,
            heading: None,
            heading_classes: Vec::new(),
            finished: Vec::new(),
            table: None,
        }
    }

    fn run(mut self) -> Agenda {
        let text = self.text;
        // Front matter is found here, only at the top (see `front_matter`); the body
        // after it is parsed as a document of its own.
        let body = match front_matter(text) {
            Some(range) => {
                let body = front_matter::after(text, range.end);
                self.agenda.front_matter = Some(range);
                body
            }
            None => 0,
        };
        self.events(body..text.len());
        self.finish()
    }

    /// Runs pulldown-cmark over `part` of the text.
    fn events(&mut self, part: Range<usize>) {
        let options =
            Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let text: &'a str = self.text;
        let parser = Parser::new_ext(&text[part.clone()], options).into_offset_iter();
        for (event, range) in parser {
            self.event(event, range.start + part.start..range.end + part.start);
        }
    }

    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if self.skip > 0 {
            match event {
                Event::Start(
                    Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::Table(_) | Tag::Image { .. },
                ) => self.skip += 1,
                Event::End(
                    TagEnd::BlockQuote(_) | TagEnd::CodeBlock | TagEnd::Table | TagEnd::Image,
                ) => self.skip -= 1,
                _ => {}
            }
            return;
        }
        if self.table.is_some() {
            self.table_event(event);
            return;
        }
        match event {
            Event::Start(Tag::Table(_)) => {
                self.table = Some(TableBuild {
                    range,
                    ..TableBuild::default()
                });
            }
            Event::Start(Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::Image { .. }) => {
                self.skip += 1
            }
            // A heading inside a list item (`- ## Later`) is the item's prose, not a
            // section: a section that starts inside an item would hold the items after it.
            Event::Start(Tag::Heading { .. }) if self.in_item() => {
                if let Some(block) = self.open.last_mut() {
                    if !block.plain.is_empty() {
                        block.push_segment("\n\n", range.start..range.start, false);
                    }
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level as u8, range.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(range),
            Event::Start(Tag::Item) => {
                let top_level = !self.in_item();
                self.open.push(OpenBlock::new(
                    BlockKind::Item {
                        top_level,
                        task: false,
                    },
                    range.clone(),
                ));
                self.containers.push(Container::Item);
            }
            Event::End(TagEnd::Item) => {
                self.containers.pop();
                if let Some(block) = self.open.pop() {
                    let outer = block.outer.clone();
                    self.finished.push((block, outer));
                }
            }
            Event::Start(Tag::Paragraph) => {
                let in_item = matches!(self.containers.last(), Some(Container::Item));
                if in_item {
                    if let Some(block) = self.open.last_mut() {
                        if !block.plain.is_empty() {
                            block.push_segment("\n\n", range.start..range.start, false);
                        }
                    }
                } else {
                    self.open
                        .push(OpenBlock::new(BlockKind::Paragraph, range.clone()));
                }
                self.containers.push(Container::Paragraph {
                    owns_block: !in_item,
                });
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(Container::Paragraph { owns_block: true }) = self.containers.pop() {
                    if let Some(block) = self.open.pop() {
                        let outer = block.start..range.end;
                        self.finished.push((block, outer));
                    }
                }
            }
            Event::Start(Tag::List(_)) => self.containers.push(Container::Other),
            Event::End(TagEnd::List(_)) => {
                self.containers.pop();
            }
            Event::TaskListMarker(_) => {
                if let Some(block) = self.open.last_mut() {
                    if let BlockKind::Item { top_level, .. } = block.kind {
                        block.kind = BlockKind::Item {
                            top_level,
                            task: true,
                        };
                    }
                }
            }
            Event::Start(Tag::Strong | Tag::Emphasis) if self.heading.is_none() => {
                if let Some(block) = self.open.last_mut() {
                    block.emphasis_open.push((block.plain.len(), range));
                }
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis) if self.heading.is_none() => {
                if let Some(block) = self.open.last_mut() {
                    if let Some((start, src)) = block.emphasis_open.pop() {
                        block.emphasis.push(Emphasis {
                            plain: start..block.plain.len(),
                            src,
                        });
                    }
                }
            }
            Event::Text(t) => {
                if let Some((_, _, title)) = self.heading.as_mut() {
                    title.push_str(&t);
                } else if let Some(block) = self.open.last_mut() {
                    block.push_source(&t, self.text, range);
                }
            }
            Event::Code(t) => {
                if let Some((_, _, title)) = self.heading.as_mut() {
                    title.push_str(&t);
                } else if let Some(block) = self.open.last_mut() {
                    // The range holds the backtick fences; the text lies between them.
                    let source = &self.text[range.clone()];
                    let fence = source.bytes().take_while(|&b| b == b'`').count();
                    let inner = if source.len() >= 2 * fence {
                        range.start + fence..range.end - fence
                    } else {
                        range.clone()
                    };
                    let first = block.segments.len();
                    block.push_source(&t, self.text, inner);
                    if let Some(seg) = block.segments.get_mut(first) {
                        seg.outer.start = range.start;
                    }
                    if let Some(seg) = block.segments[first..].last_mut() {
                        seg.outer.end = range.end;
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, title)) = self.heading.as_mut() {
                    title.push(' ');
                } else if let Some(block) = self.open.last_mut() {
                    block.push_segment("\n", range, false);
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => self.html(&t),
            _ => {}
        }
    }

    /// True inside a list item. Lists and items alternate on the stack, so this looks at
    /// the first two entries at most.
    fn in_item(&self) -> bool {
        self.containers.iter().any(|c| matches!(c, Container::Item))
    }

    fn table_event(&mut self, event: Event<'a>) {
        let Some(table) = self.table.as_mut() else {
            return;
        };
        match event {
            Event::Start(Tag::TableHead) => table.in_head = true,
            Event::End(TagEnd::TableHead) => {
                table.in_head = false;
                table.row.clear();
            }
            Event::Start(Tag::TableRow) => table.row.clear(),
            Event::End(TagEnd::TableCell) => {
                let cell = normalise(&std::mem::take(&mut table.cell));
                table.row.push(cell);
            }
            Event::End(TagEnd::TableRow) => {
                let row = std::mem::take(&mut table.row);
                if !table.in_head {
                    table.rows.push(row);
                }
            }
            Event::Text(t) | Event::Code(t) => table.cell.push_str(&t),
            Event::SoftBreak | Event::HardBreak => table.cell.push(' '),
            Event::Html(t) | Event::InlineHtml(t) => {
                let t = t.to_string();
                self.html(&t);
            }
            Event::End(TagEnd::Table) => {
                if let Some(table) = self.table.take() {
                    let range = full_lines(self.text, table.range);
                    self.agenda.tables.push(Table {
                        range,
                        rows: table.rows,
                        section: None,
                    });
                }
            }
            _ => {}
        }
    }

    fn end_heading(&mut self, range: Range<usize>) {
        let Some((level, start, title)) = self.heading.take() else {
            return;
        };
        let title = title.trim().to_string();
        let class = classify_heading(&title);
        self.heading_classes.push(class);
        let line_end = self.text[range.clone()]
            .trim_end_matches(['\r', '\n'])
            .len()
            + range.start;
        self.agenda.sections.push(Section {
            kind: PartKind::Other,
            inherited: false,
            title,
            level,
            heading: start..line_end,
            range: start..range.end,
            content_start: range.end,
            sentence_count: 0,
            first_sentence: None,
            table_count: 0,
            in_item: false,
        });
    }

    fn html(&mut self, html: &str) {
        let rx = syntax();
        for caps in rx.disable.captures_iter(html) {
            match caps.get(1) {
                None => self.agenda.disabled.all = true,
                Some(list) => self.agenda.disabled.rules.extend(
                    list.as_str()
                        .split(|c: char| c == ',' || c.is_whitespace())
                        .filter(|r| !r.is_empty())
                        .map(str::to_string),
                ),
            }
        }
    }

    fn finish(mut self) -> Agenda {
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

        // Split every block at its labels.
        let mut pieces: Vec<Piece> = Vec::new();
        // Label sections, with the furthest their range may reach.
        let mut label_caps: Vec<(usize, usize)> = Vec::new();
        // In an item only its first line can hold a label: a line that continues the
        // item ("- Shipped A\n**Ask:** budget") is the item's prose, as Markdown shows it.
        let labels_of = |(block, _): &(OpenBlock, Range<usize>)| {
            block.labels(matches!(block.kind, BlockKind::Item { .. }))
        };
        let all_labels: Vec<Vec<Label>> = finished.iter().map(labels_of).collect();
        for ((index, (block, outer)), labels) in finished.iter().enumerate().zip(all_labels) {
            // Only a block with labels needs its end: widening every item to whole lines
            // would cost the length of its line, for every level of a nested list.
            let cap = match block.kind {
                BlockKind::Item { .. } if !labels.is_empty() => full_lines(text, outer.clone()).end,
                _ => text.len(),
            };
            let mut from = 0;
            let mut label: Option<usize> = None;
            for l in labels {
                if label.is_some() || !block.plain[from..l.line_start].trim().is_empty() {
                    pieces.push(Piece {
                        block: index,
                        plain: from..l.line_start,
                        label,
                        first: pieces.last().is_none_or(|p| p.block != index),
                    });
                }
                label = Some(agenda.sections.len());
                label_caps.push((l.src.start, cap));
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
            let end = next.min(cap).max(agenda.sections[i].heading.end);
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

/// A stretch of a block's plain text: before its first label, or after a label.
struct Piece {
    block: usize,
    plain: Range<usize>,
    /// The section the label before this piece started (an index, remapped after sorting).
    label: Option<usize>,
    /// The first piece of its block.
    first: bool,
}

/// For each `(offset, tag)` in ascending offset order, the innermost section containing the
/// offset, among the sections `include` accepts. Sections must be sorted by start and nest
/// (heading and label ranges do), so one walk with a stack is enough: linear in sections
/// plus offsets.
fn innermost<T: Copy>(
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

/// Where the analysis of `text` stops with `budget` bytes: just past the last line end
/// (LF, CRLF or a lone CR) within the budget, never between a CR and its LF; with no
/// line end in the budget, at the last character boundary within it.
fn budget_cut(text: &str, budget: usize) -> usize {
    if text.len() <= budget {
        return text.len();
    }
    let bytes = text.as_bytes();
    let mut cut = budget;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    if cut > 0 && bytes[cut - 1] == b'\r' && bytes[cut] == b'\n' {
        cut -= 1;
    }
    bytes[..cut]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(cut, |i| i + 1)
}

/// The text with every lone CR turned into an LF, or `None` when it has none. Both are
/// one byte, so every offset stays the same. pulldown-cmark does not yet treat a lone
/// CR as the line ending CommonMark says it is (an HTML block or a fence after one runs
/// on; pulldown-cmark issues 1056, 1106, 1112), so the builder reads this copy instead.
fn lone_crs_as_lfs(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes.get(i + 1) != Some(&b'\n');
    // Most texts have no CR at all: one vectorised search says so.
    let first = memchr::memchr(b'\r', bytes)?;
    if !(first..bytes.len()).any(|i| bytes[i] == b'\r' && lone(i)) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (i, _) in text[first..].match_indices('\r') {
        let i = first + i;
        if lone(i) {
            out.push_str(&text[from..i]);
            out.push('\n');
            from = i + 1;
        }
    }
    out.push_str(&text[from..]);
    Some(out)
}

/// The line ending inserted text should use: the first one in the text, except that a
/// file with any CRLF gets CRLF.
fn line_ending(text: &str) -> &'static str {
    let bytes = text.as_bytes();
    match memchr::memchr(b'\r', bytes) {
        None => "\n",
        Some(i) if bytes.get(i + 1) == Some(&b'\n') => "\r\n",
        Some(_) if text.contains("\r\n") => "\r\n",
        Some(i) if text[..i].contains('\n') => "\n",
        Some(_) => "\r",
    }
}

/// Where the line holding `at` starts: just past the last line ending (LF, CRLF or a
/// lone CR) before it.
pub fn line_start(text: &str, at: usize) -> usize {
    text.as_bytes()[..at]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1)
}

/// Just past the line ending (LF, CRLF or a lone CR) that ends the line holding `at`, or
/// the end of the text.
pub fn next_line(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    match bytes[at..].iter().position(|&b| b == b'\n' || b == b'\r') {
        None => text.len(),
        Some(i) if bytes[at + i] == b'\r' && bytes.get(at + i + 1) == Some(&b'\n') => at + i + 2,
        Some(i) => at + i + 1,
    }
}

/// Widens a range to whole lines, including the final line break but not the blank
/// lines that may trail it.
fn full_lines(text: &str, range: Range<usize>) -> Range<usize> {
    let from = range.start.min(text.len());
    let to = range.end.min(text.len()).max(from);
    let content_end = from + text[from..to].trim_end().len();
    line_start(text, from)..next_line(text, content_end)
}

impl OpenBlock {
    fn new(kind: BlockKind, range: Range<usize>) -> Self {
        OpenBlock {
            kind,
            start: range.start,
            outer: range,
            plain: String::new(),
            segments: Vec::new(),
            emphasis: Vec::new(),
            emphasis_open: Vec::new(),
        }
    }

    fn push_segment(&mut self, t: &str, src: Range<usize>, exact: bool) {
        if t.is_empty() {
            return;
        }
        self.segments.push(Segment {
            plain: self.plain.len(),
            outer: src.clone(),
            src,
            exact,
        });
        self.plain.push_str(t);
    }

    /// Pushes `t`, which pulldown-cmark read from `text[src]`. Almost always it is that
    /// very slice; else the two are aligned: runs of equal bytes map one to one, a space
    /// or line break that stands for a line ending maps to it (the indentation after it
    /// is skipped), whitespace the parser dropped is skipped, and whatever else differs
    /// (an entity, an escape) maps as a whole.
    fn push_source(&mut self, t: &str, text: &str, src: Range<usize>) {
        let source = &text[src.clone()];
        if t.len() == source.len() && (std::ptr::eq(t.as_ptr(), source.as_ptr()) || t == source) {
            self.push_segment(t, src, true);
            return;
        }
        let (tb, sb) = (t.as_bytes(), source.as_bytes());
        let at = src.start;
        // The exact run being matched: where it starts in `t` and in `source`.
        let (mut run_t, mut run_s) = (0, 0);
        let (mut i, mut j) = (0, 0);
        while i < tb.len() {
            if j < sb.len() && tb[i] == sb[j] {
                i += 1;
                j += 1;
                continue;
            }
            // End the run on a character boundary (its bytes are equal on both sides).
            while !t.is_char_boundary(i) {
                i -= 1;
                j -= 1;
            }
            self.push_segment(&t[run_t..i], at + run_s..at + j, true);
            let line_ending = match sb.get(j) {
                Some(b'\r') if sb.get(j + 1) == Some(&b'\n') => 2,
                Some(b'\r' | b'\n') => 1,
                _ => 0,
            };
            if line_ending > 0 && matches!(tb[i], b' ' | b'\n') {
                self.push_segment(&t[i..i + 1], at + j..at + j + line_ending, false);
                i += 1;
                j += line_ending;
                while j < sb.len() && matches!(sb[j], b' ' | b'\t') {
                    j += 1;
                }
            } else if j < sb.len() && matches!(sb[j], b' ' | b'\t') {
                j += 1;
            } else if let Some(k) = source[j..].find(&t[i..]) {
                j += k;
            } else {
                self.push_segment(&t[i..], at + j..src.end, false);
                return;
            }
            (run_t, run_s) = (i, j);
        }
        self.push_segment(&t[run_t..], at + run_s..at + j, true);
    }

    /// Maps an offset in the plain text back to the source. `end` maps an exclusive end.
    fn map(&self, p: usize, end: bool) -> usize {
        let idx = self
            .segments
            .partition_point(|s| if end { s.plain < p } else { s.plain <= p });
        let Some(seg) = idx.checked_sub(1).map(|i| &self.segments[i]) else {
            return self.segments.first().map_or(self.start, |s| s.outer.start);
        };
        let offset = p - seg.plain;
        let at = seg.src.start + offset;
        if offset == 0 && !end {
            seg.outer.start
        } else if !seg.exact || at >= seg.src.end {
            seg.outer.end
        } else {
            at
        }
    }

    /// The labels at the starts of this block's lines (or of its first line only), in order.
    fn labels(&self, first_line_only: bool) -> Vec<Label> {
        let mut out = Vec::new();
        let plain = self.plain.as_str();
        let mut emphasis: Vec<&Emphasis> = self.emphasis.iter().collect();
        emphasis.sort_by_key(|e| (e.plain.start, std::cmp::Reverse(e.plain.end)));
        let mut next_emphasis = 0;
        let rx = syntax();
        let mut line_start = 0;
        while line_start < plain.len() {
            let line_end = plain[line_start..]
                .find('\n')
                .map_or(plain.len(), |i| line_start + i);
            let line = &plain[line_start..line_end];
            // Leading space, emoji and symbols ("🎯 **Outcome:**") come before a label.
            let indent = line.len()
                - line
                    .trim_start_matches(|c: char| !(c.is_alphanumeric() || c == '\n'))
                    .len();
            let ls = line_start + indent;
            while next_emphasis < emphasis.len() && emphasis[next_emphasis].plain.start < ls {
                next_emphasis += 1;
            }
            let found = match emphasis.get(next_emphasis).filter(|e| e.plain.start == ls) {
                Some(e) => self.emphasis_label(e, line_end),
                None if !plain[ls..line_end].bytes().take(44).any(|b| b == b':') => None,
                None => rx
                    .plain_label
                    .captures(&plain[ls..line_end])
                    .and_then(|caps| {
                        let name = caps.get(1)?.as_str();
                        let kind = classify_plain_label(name)?;
                        let colon = ls + caps.get(0)?.as_str().trim_end().len();
                        Some((kind, name.trim().to_string(), colon, self.map(colon, true)))
                    }),
            };
            if let Some((kind, title, end, src_end)) = found {
                let src_start = self.map(ls, false);
                // The outermost run starting here comes first: its markers open the label.
                let src_start = emphasis
                    .get(next_emphasis)
                    .filter(|e| e.plain.start == ls)
                    .map_or(src_start, |e| e.src.start.min(src_start));
                out.push(Label {
                    kind,
                    title,
                    line_start,
                    end,
                    src: src_start..src_end.max(src_start),
                });
                // A bold label can run onto the next lines ("**Ask\nOutcome:**"): the
                // lines it covers are its own, and the next label starts after it.
                if end > line_end && !first_line_only {
                    line_start = plain[end..].find('\n').map_or(plain.len(), |i| end + i + 1);
                    continue;
                }
            }
            if first_line_only {
                break;
            }
            line_start = line_end + 1;
        }
        out
    }

    /// A bold or italic run at the start of a line is a label when it names a part and
    /// ends in a colon (inside or right after it) or a dash, or stands alone on its line.
    fn emphasis_label(
        &self,
        e: &Emphasis,
        line_end: usize,
    ) -> Option<(PartKind, String, usize, usize)> {
        let inner = &self.plain[e.plain.clone()];
        let after = &self.plain[e.plain.end.max(e.plain.start)..line_end.max(e.plain.end)];
        let trimmed = inner.trim_end();
        let (name, end, src_end) = if let Some(name) = trimmed
            .strip_suffix(':')
            .or_else(|| trimmed.strip_suffix('：'))
        {
            (name, e.plain.end, e.src.end)
        } else if let Some(rest) = after
            .trim_start()
            .strip_prefix([':', '：', '—', '–'])
            .or_else(|| after.trim_start().strip_prefix("- "))
        {
            let end = line_end - rest.len();
            (trimmed, end, self.map(end, true).max(e.src.end))
        } else if after.trim().is_empty() {
            (trimmed, e.plain.end, e.src.end)
        } else {
            return None;
        };
        let name = name.trim();
        if name.is_empty() || name.split_whitespace().count() > 8 {
            return None;
        }
        let kind = classify_heading(name)?;
        Some((kind, name.to_string(), end, src_end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Agenda {
        Agenda::parse(text, usize::MAX)
    }

    fn kinds(agenda: &Agenda, text: &str) -> Vec<(String, PartKind)> {
        agenda
            .sentences
            .iter()
            .map(|s| {
                (
                    text[s.range.clone()].to_string(),
                    agenda.kind_of_sentence(s),
                )
            })
            .collect()
    }

    #[test]
    fn headings_name_parts_with_synonyms_and_numbering() {
        for (title, kind) in [
            ("### 2) What I'm seeing", PartKind::Insight),
            ("## 1. The outcome", PartKind::Outcome),
            ("## 3 — The move", PartKind::Move),
            ("## Why this matters", PartKind::Outcome),
            ("## What's changed", PartKind::Insight),
            ("## Where I need you", PartKind::Move),
            ("## Risks and asks", PartKind::Insight),
            ("## This week's ask", PartKind::Move),
            ("## Updates", PartKind::Status),
            ("## Updates (sent by email)", PartKind::PreRead),
            ("## Sent async on Monday", PartKind::PreRead),
            ("## To read before we meet", PartKind::PreRead),
            ("## FYI", PartKind::PreRead),
            ("## Agenda", PartKind::Other),
        ] {
            let text = format!("{title}\nText here.\n");
            let agenda = parse(&text);
            assert_eq!(agenda.sections[0].kind, kind, "{title}");
        }
    }

    #[test]
    fn labels_on_every_line_of_a_paragraph() {
        let text = "**Outcome:** grow.\n**Insight:** churn clusters.\nAsk: two hires.\n";
        let agenda = parse(text);
        assert_eq!(
            kinds(&agenda, text),
            vec![
                ("grow.".to_string(), PartKind::Outcome),
                ("churn clusters.".to_string(), PartKind::Insight),
                ("two hires.".to_string(), PartKind::Move),
            ]
        );
        let labels: Vec<&str> = agenda
            .sections
            .iter()
            .map(|s| &text[s.heading.clone()])
            .collect();
        assert_eq!(labels, ["**Outcome:**", "**Insight:**", "Ask:"]);
    }

    #[test]
    fn colon_outside_bold_and_bold_lines_are_labels() {
        let text = "**Ask**: budget for two.\n\n**The insight**\n\nTrials stall.\n";
        let agenda = parse(text);
        assert_eq!(
            kinds(&agenda, text),
            vec![
                ("budget for two.".to_string(), PartKind::Move),
                ("Trials stall.".to_string(), PartKind::Insight),
            ]
        );
        assert_eq!(&text[agenda.sections[0].heading.clone()], "**Ask**:");
    }

    #[test]
    fn bold_words_that_are_not_labels_stay_prose() {
        let text = "**Important:** read this.\n\nContext: we moved.\n";
        let agenda = parse(text);
        assert!(agenda.sections.is_empty());
        assert_eq!(agenda.sentences.len(), 2);
    }

    #[test]
    fn labels_in_items_end_with_the_item() {
        let text = "## Notes\n- **Ask:** budget\n- Shipped A\n";
        let agenda = parse(text);
        assert_eq!(
            kinds(&agenda, text),
            vec![
                ("budget".to_string(), PartKind::Move),
                ("Shipped A".to_string(), PartKind::Other),
            ]
        );
    }

    #[test]
    fn labels_inside_a_pre_read_stay_pre_read() {
        let text = "## Pre-read\n**Risk:** vendor slips.\n\n- Shipped A\n";
        let agenda = parse(text);
        assert!(agenda
            .sentences
            .iter()
            .all(|s| agenda.kind_of_sentence(s) == PartKind::PreRead));
    }

    #[test]
    fn code_quotes_and_front_matter_are_not_prose_but_tables_keep_rows() {
        let text = "---\nwith: Dana\n---\n\n> Quoted.\n\n```\ncode.\n```\n\n| A | B |\n|---|---|\n| x | Done |\n\nProse.\n";
        let agenda = parse(text);
        assert_eq!(
            kinds(&agenda, text),
            vec![("Prose.".to_string(), PartKind::Other)]
        );
        assert_eq!(agenda.tables.len(), 1);
        assert_eq!(
            agenda.tables[0].rows,
            vec![vec!["x".to_string(), "done".to_string()]]
        );
        assert_eq!(
            &text[agenda.tables[0].range.clone()],
            "| A | B |\n|---|---|\n| x | Done |\n"
        );
        assert!(agenda.front_matter.is_some());
    }

    #[test]
    fn sentences_split_sensibly() {
        let split = |s: &str| -> Vec<String> {
            split_sentences(s)
                .into_iter()
                .map(|r| s[r].to_string())
                .collect()
        };
        assert_eq!(
            split("We cut costs e.g. hosting by 2.5% vs. last year. Next one!"),
            [
                "We cut costs e.g. hosting by 2.5% vs. last year.",
                "Next one!"
            ]
        );
        assert_eq!(
            split("hey dana! quick one. we shipped it"),
            ["hey dana!", "quick one.", "we shipped it"]
        );
        assert_eq!(
            split("東京の件。大阪の件。OK."),
            ["東京の件。", "大阪の件。", "OK."]
        );
        assert_eq!(
            split("Well… maybe not. Fine 🎉 Done."),
            ["Well… maybe not.", "Fine 🎉 Done."]
        );
        assert_eq!(
            split("Acme Inc. signed. U.S. team too."),
            ["Acme Inc. signed.", "U.S. team too."]
        );
    }

    /// Every combination of awkward fragments parses into valid, ordered, nested ranges.
    #[test]
    fn ranges_stay_valid_on_awkward_markdown() {
        let fragments = [
            "**Ask:**",
            "**Ask**",
            "**Outcome:** grow\n**Insight:** see",
            "*Risk* — slips",
            "🎯 **Outcome:** 東京",
            "Ask: ",
            "- **Ask:**\n  - nested",
            "**unclosed",
            "**bold\nacross** lines:",
            "| a | b |\n|---|---|\n| x | Done |",
            "> quote\n> **Ask:** no",
            "```\n**Ask:** code\n```",
            "## Pre-read\n**Risk:** x",
            "# Title",
            "1. **Decision**: now",
            "Thoughts?\r\nDone.",
            "e.g. x… y. Z!",
            "\u{200b}**Ask:**\u{00a0}x",
            "",
        ];
        for a in fragments {
            for b in fragments {
                let text = format!("{a}\n\n{b}\n{a}");
                let agenda = parse(&text);
                let ok = |r: &Range<usize>| {
                    r.start <= r.end
                        && r.end <= text.len()
                        && text.is_char_boundary(r.start)
                        && text.is_char_boundary(r.end)
                };
                for s in &agenda.sentences {
                    assert!(ok(&s.range), "{text:?}: sentence {:?}", s.range);
                }
                for w in agenda.sentences.windows(2) {
                    assert!(w[0].range.start <= w[1].range.start, "{text:?}: order");
                }
                for sec in &agenda.sections {
                    assert!(ok(&sec.range) && ok(&sec.heading), "{text:?}: {sec:?}");
                    assert!(sec.range.start <= sec.heading.start, "{text:?}: {sec:?}");
                }
                for w in agenda.sections.windows(2) {
                    let (x, y) = (&w[0].range, &w[1].range);
                    assert!(
                        y.start >= x.end || y.end <= x.end,
                        "{text:?}: sections overlap without nesting: {x:?} {y:?}"
                    );
                }
                for b in &agenda.blocks {
                    assert!(ok(&b.range) && ok(&b.outer), "{text:?}: {b:?}");
                }
            }
        }
    }

    /// Asserts every range of the parse is inside `text` and on character boundaries.
    #[track_caller]
    fn assert_valid(text: &str, agenda: &Agenda) {
        let ok = |r: &Range<usize>| {
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        };
        for s in &agenda.sentences {
            assert!(ok(&s.range), "{text:?}: sentence {:?}", s.range);
        }
        for sec in &agenda.sections {
            assert!(ok(&sec.range) && ok(&sec.heading), "{text:?}: {sec:?}");
        }
        for b in &agenda.blocks {
            assert!(ok(&b.range) && ok(&b.outer), "{text:?}: {b:?}");
        }
    }

    /// K8: a bold label that runs onto the next line, where another label starts.
    #[test]
    fn a_bold_label_running_onto_a_labelled_line() {
        for text in [
            "**Ask\nOutcome:** x",
            "**Risk\nAsk:** budget\nInsight: churn.",
            "Intro.\n**The ask\n**Outcome**: grow.",
        ] {
            let agenda = parse(text);
            assert_valid(text, &agenda);
        }
        let text = "**Ask\nOutcome:** two hires.\nInsight: churn.\n";
        let agenda = parse(text);
        let labels: Vec<&str> = agenda
            .sections
            .iter()
            .map(|s| &text[s.heading.clone()])
            .collect();
        assert_eq!(labels, ["**Ask\nOutcome:**", "Insight:"]);
        assert_eq!(
            kinds(&agenda, text),
            vec![
                ("two hires.".to_string(), PartKind::Move),
                ("churn.".to_string(), PartKind::Insight),
            ]
        );
    }

    /// K4: the text of a code span maps to where it is, not to its opening backticks.
    #[test]
    fn code_span_text_maps_to_its_source() {
        let text = "Ask about `東京`";
        let agenda = parse(text);
        assert_eq!(&text[agenda.blocks[0].range.clone()], text);
        crate::check(text, &crate::Config::default());
        let text = "See `東京. 大阪` now. Then ``a `b` 東``.";
        let agenda = parse(text);
        let sentences: Vec<&str> = agenda
            .sentences
            .iter()
            .map(|s| &text[s.range.clone()])
            .collect();
        assert_eq!(
            sentences,
            ["See `東京.", "大阪` now.", "Then ``a `b` 東``."]
        );
        for text in [
            "- Ask about ``東京``\n",
            "`` `東京` `` and `東\n京` too.",
            "- item `東京\n  大阪` x. Done\n",
            "Ask `東京`\r\nand `大阪\r\n  京`. Ok",
            "Ask: `東京`",
            "**Ask:** `東京`",
            "Ask &amp; `東京` &ngE; done. Next \\`東京`.",
            "<http://東京.jp> and <a@東京.jp>. Done.",
            // The panics tests/process.rs contains (K1, K4, K8, K9) in one agenda.
            "# 1:1\n\nWe met\u{a0}Dr. Smith today. Ask about `東京`.\n\nThe top priority is the Dvořák account. The most important thing is hiring.\n\n**1. \n**Ask:** Could you approve the budget?* Shipped the new welcome email\n  - nested detail\n",
        ] {
            let agenda = parse(text);
            assert_valid(text, &agenda);
            crate::check(text, &crate::Config::default());
        }
    }

    /// K2: a lone CR ends a line (and a list item) as an LF or a CRLF does.
    #[test]
    fn every_line_ending_ends_an_item() {
        for nl in ["\n", "\r\n", "\r"] {
            let text = "- Shipped A\n- Shipped B\n  - nested\n\n| a |\n|---|\n| x |\n\nDone.\n"
                .replace('\n', nl);
            let agenda = parse(&text);
            let outers: Vec<&str> = agenda
                .blocks
                .iter()
                .map(|b| &text[b.outer.clone()])
                .collect();
            let expected = [
                "- Shipped A\n",
                "- Shipped B\n  - nested\n",
                "  - nested\n",
                "Done.\n",
            ];
            assert_eq!(outers, expected.map(|s| s.replace('\n', nl)), "{nl:?}");
            let table = &text[agenda.tables[0].range.clone()];
            assert_eq!(table, "| a |\n|---|\n| x |\n".replace('\n', nl));
            assert_eq!(agenda.line_ending, nl);
        }
        // pulldown-cmark lets an HTML block or a paragraph run on past a lone CR; the
        // builder reads lone CRs as LFs, so the structure is the same as with LFs.
        let lf = "<!-- a comment -->\n\n## Pre-read\n\n- Shipped A\n  - nested\n```\ncode\n```\n\nDone.\n";
        let cr = lf.replace('\n', "\r");
        let (a, b) = (parse(lf), parse(&cr));
        assert_eq!(a.sections, b.sections);
        let ranges = |x: &Agenda| {
            x.blocks
                .iter()
                .map(|b| (b.range.clone(), b.outer.clone(), b.norm.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ranges(&a), ranges(&b));
        assert_eq!(a.sentences, b.sentences);
        assert_eq!(parse("a\nb\r\nc").line_ending, "\r\n");
        assert_eq!(parse("a\nb\rc").line_ending, "\n");
        assert_eq!(parse("a\rb\nc").line_ending, "\r");
        assert_eq!(parse("abc").line_ending, "\n");
    }

    /// K3: the budget cut falls just past the last line end (LF, CRLF or lone CR) within
    /// the budget, never inside a CRLF or a character; with none, at a character boundary.
    #[test]
    fn the_budget_cut_falls_at_a_line_end() {
        let cut = |text: &str, budget: usize| Agenda::parse(text, budget).analysed;
        assert_eq!(cut("ab\ncd\nef", 7), 6);
        assert_eq!(cut("ab\ncd\nef", 99), 8);
        assert_eq!(cut("ab\r\ncd\r\nef", 8), 8);
        assert_eq!(cut("ab\r\ncd\r\nef", 7), 4);
        assert_eq!(cut("ab\rcd\ref", 7), 6);
        assert_eq!(cut("ab\rcd\ref", 6), 6);
        assert_eq!(cut("ab\r\ncd", 3), 2);
        assert_eq!(cut("abcdef", 4), 4);
        assert_eq!(cut("ab東京", 4), 2);
        assert_eq!(cut("ab東京", 5), 5);
    }

    /// K5, K6: no section starts inside a list item but a label on its first line, which
    /// ends with the item.
    #[test]
    fn only_an_items_first_line_starts_a_section() {
        let text =
            "- Shipped A\n**Ask:** budget\n- Closed B\n  ## Pre-read\n  Sent.\n- **FYI:** sent\n";
        let agenda = parse(text);
        let sections: Vec<(&str, bool)> = agenda
            .sections
            .iter()
            .map(|s| (&text[s.heading.clone()], s.in_item))
            .collect();
        assert_eq!(sections, [("**FYI:**", true)]);
        let blocks: Vec<&str> = agenda
            .blocks
            .iter()
            .map(|b| &text[b.range.clone()])
            .collect();
        assert_eq!(
            blocks,
            [
                "Shipped A\n**Ask:** budget",
                "Closed B\n  ## Pre-read\n  Sent.",
                "sent"
            ]
        );
        assert_eq!(
            agenda.kind_of_section(agenda.blocks[2].section),
            PartKind::PreRead
        );
    }

    #[test]
    fn sections_know_their_sentences() {
        let text = "## Outcome\nOne. Two.\n\n## Ask\n\n## Insight\nThree.\n";
        let agenda = parse(text);
        let counts: Vec<usize> = agenda.sections.iter().map(|s| s.sentence_count).collect();
        assert_eq!(counts, [2, 0, 1]);
        assert_eq!(agenda.sentences_in(0).count(), 2);
        assert_eq!(
            agenda.first_sentence_in(2).map(|s| &*s.norm),
            Some("three.")
        );
    }
}
