//! The builder walks pulldown-cmark's events once and collects headings, blocks (with
//! their plain text mapped back to the source), tables (`tables.rs`), labels at line starts
//! (`labels.rs`) and `oneonone-disable` comments.

use super::tables::TableBuild;
use super::*;
use crate::patterns::classify_heading;

/// The `oneonone-disable` comment.
pub(super) fn disable_comment() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"oneonone-disable(?:\s+([a-z0-9][a-z0-9,\s-]*?))?\s*-->")
            .expect("disable pattern compiles")
    })
}

// ---------------------------------------------------------------------------------------
// The builder walks pulldown-cmark's events once.

/// A stretch of a block's plain text and the source it came from.
#[derive(Debug, Clone)]
pub(super) struct Segment {
    pub(super) plain: usize,
    pub(super) src: Range<usize>,
    /// The plain text is its source byte for byte, so every offset inside maps one to
    /// one; otherwise (an entity, an escape, a line break) only its two ends map.
    pub(super) exact: bool,
    /// Where its two ends map: `src` widened over a code span's backticks, so that a
    /// sentence starting or ending with the span takes them in.
    pub(super) outer: Range<usize>,
}

/// Bold or italic text inside a block: where it is in the plain text and in the source
/// (the source range includes the `**` markers).
#[derive(Debug, Clone)]
pub(super) struct Emphasis {
    pub(super) plain: Range<usize>,
    pub(super) src: Range<usize>,
}

/// A line this long may have been wrapped by its writer's editor: the line after it at
/// the margin goes on with its sentence unless the long line ends one.
const WRAPPED_LINE: usize = 60;

#[derive(Debug, Clone)]
pub(super) struct OpenBlock {
    pub(super) kind: BlockKind,
    pub(super) start: usize,
    pub(super) outer: Range<usize>,
    pub(super) plain: String,
    pub(super) segments: Vec<Segment>,
    pub(super) emphasis: Vec<Emphasis>,
    /// Emphasis started and not yet ended: plain offset and source range.
    pub(super) emphasis_open: Vec<(usize, Range<usize>)>,
}

pub(super) enum Container {
    Item,
    Paragraph {
        owns_block: bool,
    },
    /// An item whose text ran on into a paragraph of the writer's own (see
    /// [`Builder::split_run_on`]): the item's end finishes that paragraph.
    RunOn,
    /// An HTML block (`<aside>` … as Notion exports a callout).
    Html,
    Other,
}

pub(super) struct Builder<'a> {
    pub(super) text: &'a str,
    pub(super) agenda: Agenda,
    pub(super) open: Vec<OpenBlock>,
    pub(super) containers: Vec<Container>,
    pub(super) skip: usize,
    pub(super) heading: Option<(u8, usize, String)>,
    /// What each heading's own words name, in order (kinds are settled in `finish`).
    pub(super) heading_classes: Vec<Option<PartKind>>,
    /// Sections that end where their table row ends: (section index, row end).
    pub(super) row_ends: Vec<(usize, usize)>,
    /// The open `<details>` toggles, each with the section its `<summary>` opened.
    pub(super) toggles: Vec<Option<usize>>,
    /// Sections that end where their toggle's `</details>` is: (section index, end).
    pub(super) toggle_ends: Vec<(usize, usize)>,
    pub(super) finished: Vec<(OpenBlock, Range<usize>)>,
    pub(super) table: Option<TableBuild>,
}

impl<'a> Builder<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Builder {
            text,
            agenda: Agenda::default(),
            open: Vec::new(),
            containers: Vec::new(),
            skip: 0,
            heading: None,
            heading_classes: Vec::new(),
            row_ends: Vec::new(),
            toggles: Vec::new(),
            toggle_ends: Vec::new(),
            finished: Vec::new(),
            table: None,
        }
    }

    pub(super) fn run(mut self) -> Agenda {
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
    pub(super) fn events(&mut self, part: Range<usize>) {
        let options =
            Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let text: &'a str = self.text;
        let parser = Parser::new_ext(&text[part.clone()], options).into_offset_iter();
        for (event, range) in parser {
            self.event(event, range.start + part.start..range.end + part.start);
        }
    }

    pub(super) fn event(&mut self, event: Event<'a>, range: Range<usize>) {
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
            self.table_event(event, range);
            return;
        }
        match event {
            Event::Start(Tag::Table(columns)) => {
                self.table = Some(TableBuild {
                    range,
                    columns: columns.len(),
                    ..TableBuild::default()
                });
            }
            // A callout (`> 💡 Priority: …`, as Notion exports one) is the
            // writer's own text; any other quote is someone else's words.
            // So is a quote right under a heading that names one of the three parts
            // ("## 💡 My read" then "> The requests we get aren't really for data."): what
            // the part holds is the writer's.
            Event::Start(Tag::BlockQuote(_))
                if is_callout(&self.text[range.clone()]) || self.opens_a_part(range.start) => {}
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
                if let Some(Container::Item | Container::RunOn) = self.containers.pop() {
                    if let Some(block) = self.open.pop() {
                        // A numbered heading as Word and Confluence export one, its text
                        // after a blank line ("2. Progress since last 1:1", then "2.1 …"):
                        // the list ends with it, and it heads what follows.
                        let next = next_text_line(self.text, range.end);
                        if super::list_marker(self.text[next..].trim_start()).is_none()
                            && next < self.text.len()
                            && self.numbered_heading(&block, next)
                        {
                            let title = block.plain.trim().to_string();
                            self.heading = Some((6, block.outer.start, title));
                            self.end_heading(block.outer.start..range.end);
                        } else {
                            let outer = block.outer.clone();
                            self.finished.push((block, outer));
                        }
                    }
                }
            }
            Event::Start(Tag::Paragraph)
                if !self.in_item() && is_toggle_title(&self.text[range.clone()]) =>
            {
                // A toggle exported as a line of its own ("▸ FYI before we meet", its
                // content indented under it) heads a section, as a heading would.
                self.heading = Some((6, range.start, String::new()));
                self.containers.push(Container::Other);
            }
            Event::End(TagEnd::Paragraph) if self.heading.is_some() => {
                self.containers.pop();
                if let Some((_, _, title)) = self.heading.as_mut() {
                    *title = title.trim_start_matches(TOGGLE_GLYPHS).trim().to_string();
                }
                let content = range.end;
                self.end_heading(range);
                // Its section is what is indented under it: it ends at the first line
                // after it that starts at the margin.
                let section = self.agenda.sections.len() - 1;
                self.toggle_ends
                    .push((section, indented_end(self.text, content)));
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
            // A line at the margin right under an item ("- Courier contract renewed" then
            // "The main risk I see is …") continues the item's text to CommonMark, but its
            // writer started a paragraph of their own after the list: it is one here.
            Event::SoftBreak if self.heading.is_none() && self.starts_a_paragraph(range.end) => {
                self.split_run_on(range)
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, title)) = self.heading.as_mut() {
                    title.push(' ');
                } else if let Some(block) = self.open.last_mut() {
                    block.push_segment("\n", range, false);
                }
            }
            Event::Start(Tag::HtmlBlock) => self.containers.push(Container::Html),
            Event::End(TagEnd::HtmlBlock) => {
                self.containers.pop();
            }
            Event::Html(t) if matches!(self.containers.last(), Some(Container::Html)) => {
                self.html(&t);
                self.toggle(&t, range.clone());
                // A line of text between the tags of an HTML block (a Notion callout's
                // "<aside>" then "💡 What I took away: …") is prose, a paragraph of its own.
                // Read as Markdown, so that its bold label ("🎯 **Outcome.** …") is one.
                let line = t.trim();
                if !line.is_empty() && !line.starts_with('<') {
                    // Without its indent, which would make it a code block.
                    let lead = t.len() - t.trim_start().len();
                    let src = range.start + lead..range.start + t.trim_end().len();
                    let html = self.containers.pop();
                    self.events(src);
                    self.containers.extend(html);
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => self.html(&t),
            _ => {}
        }
    }

    /// The line at `at` runs on at the margin under the text of a top-level list item (a
    /// lazy continuation line) and starts a thought of its own: the item's line is too
    /// short to have been wrapped there, or it ends a sentence and the line opens with a
    /// capital, a digit or markup.
    fn starts_a_paragraph(&self, at: usize) -> bool {
        let items = self
            .containers
            .iter()
            .filter(|c| matches!(c, Container::Item))
            .count();
        if self.skip > 0
            || items != 1
            || !matches!(
                self.containers.as_slice(),
                [.., Container::Item] | [.., Container::Item, Container::Paragraph { .. }]
            )
        {
            return false;
        }
        let line = &self.text[at..];
        let line = &line[..line.find(['\n', '\r']).unwrap_or(line.len())];
        let Some(first) = line.chars().next() else {
            return false;
        };
        // Inside a quote the line goes on after its "> ".
        if first.is_whitespace() || first == '>' {
            return false;
        }
        let before = &self.text[..at];
        let before = before.trim_end_matches(['\n', '\r']);
        let previous = &before[crate::agenda::line_start(self.text, before.len())..];
        let opens = line
            .trim_start_matches(['*', '_', '#'])
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_alphanumeric());
        // A long line may have been wrapped before a name or a number ("… thanks to" then
        // "Priya's work"): after one, only a line that follows a finished sentence starts.
        let finished = previous.trim_end().ends_with(['.', '!', '?', ':']);
        previous.chars().count() < WRAPPED_LINE || (opens && finished)
    }

    /// Ends the open item at the line break `range` and opens a paragraph for the rest of
    /// its text (see [`Builder::starts_a_paragraph`]).
    fn split_run_on(&mut self, range: Range<usize>) {
        let Some(mut item) = self.open.pop() else {
            return;
        };
        let rest = range.end..item.outer.end.max(range.end);
        if self.numbered_heading(&item, range.end) {
            // A numbered heading as Word and Confluence export one ("3. What I'm seeing"
            // then its text at the margin, "3.1 Only about …"): a section, as a heading.
            let title = item.plain.trim().to_string();
            self.heading = Some((6, item.outer.start, title));
            self.end_heading(item.outer.start..range.end);
        } else {
            item.outer.end = range.start;
            let outer = item.outer.clone();
            self.finished.push((item, outer));
        }
        self.open.push(OpenBlock::new(BlockKind::Paragraph, rest));
        // The item's end finishes the paragraph instead.
        if let Some(c) = self
            .containers
            .iter_mut()
            .rev()
            .find(|c| matches!(c, Container::Item))
        {
            *c = Container::RunOn;
        }
    }

    /// The top-level numbered item is a title (a few words, no full stop) over its text
    /// at the margin at `next`, numbered under it ("5. Any other business" then "5.1 …"),
    /// or the title names a part ("3. What I'm seeing"). Any other item ("1. Approve the
    /// Q3 budget" over a line) stays an item.
    fn numbered_heading(&self, item: &OpenBlock, next: usize) -> bool {
        let BlockKind::Item {
            top_level: true,
            task: false,
        } = item.kind
        else {
            return false;
        };
        let source = &self.text[item.outer.start..];
        let number = &source[..source.len()
            - source
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len()];
        if number.is_empty() || !source[number.len()..].starts_with(['.', ')']) {
            return false;
        }
        let title = item.plain.trim();
        if title.is_empty()
            || title.ends_with(['.', '!', '?'])
            || title.split_whitespace().count() > 8
        {
            return false;
        }
        let under = self.text[next..]
            .strip_prefix(number)
            .and_then(|r| r.strip_prefix('.'))
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        under || classify_heading(title).is_some()
    }

    /// True inside a list item. Lists and items alternate on the stack, so this looks at
    /// the first two entries at most.
    pub(super) fn in_item(&self) -> bool {
        self.containers
            .iter()
            .any(|c| matches!(c, Container::Item | Container::RunOn))
    }

    pub(super) fn end_heading(&mut self, range: Range<usize>) {
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

    /// Whether `at` is the first thing under a heading that names the outcome, the insight
    /// or the leadership move.
    fn opens_a_part(&self, at: usize) -> bool {
        let names_a_part = matches!(
            self.heading_classes.last(),
            Some(Some(PartKind::Outcome | PartKind::Insight | PartKind::Move))
        );
        names_a_part
            && self.agenda.sections.last().is_some_and(|s| {
                s.content_start <= at && self.text[s.content_start..at].trim().is_empty()
            })
    }

    pub(super) fn html(&mut self, html: &str) {
        self.agenda.disabled.read(html);
    }

    /// A toggle as Notion exports it (`<details>`, `<summary>Pre-read</summary>`, the
    /// Markdown inside, `</details>`): its summary heads a section, as a heading would,
    /// that ends with the toggle.
    fn toggle(&mut self, line: &str, range: Range<usize>) {
        if line.contains("<details") {
            self.toggles.push(None);
        }
        if let Some(open) = line.find("<summary>") {
            if let Some((title, _)) = line[open + "<summary>".len()..].split_once("</summary>") {
                let at = range.start + open;
                self.heading = Some((6, at, title.to_string()));
                self.end_heading(at..range.end);
                if let Some(open) = self.toggles.last_mut() {
                    *open = Some(self.agenda.sections.len() - 1);
                }
            }
        }
        if line.contains("</details>") {
            if let Some(Some(section)) = self.toggles.pop() {
                self.toggle_ends.push((section, range.start));
            }
        }
    }
}

/// The triangles a toggle's title starts with in exported text.
const TOGGLE_GLYPHS: [char; 6] = ['▸', '▶', '►', '▹', '▷', '‣'];

/// Where the lines indented under `from` end: the start of the first line after it that
/// has text at the margin (the end of the text when none has).
fn indented_end(text: &str, from: usize) -> usize {
    let mut at = from;
    for line in text[from..].split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() && !body.starts_with([' ', '\t']) {
            return at;
        }
        at += line.len();
    }
    text.len()
}

/// A toggle's title line: one line that starts with a triangle, then a few words and no
/// sentence's end ("▸ FYI before we meet").
fn is_toggle_title(source: &str) -> bool {
    let line = source.trim();
    let Some(rest) = line.strip_prefix(TOGGLE_GLYPHS) else {
        return false;
    };
    let words = rest.split_whitespace().count();
    !line.contains('\n') && (1..=10).contains(&words) && !rest.trim_end().ends_with(['.', '!', '?'])
}

impl Disabled {
    /// Takes in the `oneonone-disable` comments of `html`.
    pub fn read(&mut self, html: &str) {
        for caps in disable_comment().captures_iter(html) {
            match caps.get(1) {
                None => self.all = true,
                Some(list) => self.rules.extend(
                    list.as_str()
                        .split(|c: char| c == ',' || c.is_whitespace())
                        .filter(|r| !r.is_empty())
                        .map(str::to_string),
                ),
            }
        }
    }
}

impl OpenBlock {
    pub(super) fn new(kind: BlockKind, range: Range<usize>) -> Self {
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

    pub(super) fn push_segment(&mut self, t: &str, src: Range<usize>, exact: bool) {
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
    pub(super) fn push_source(&mut self, t: &str, text: &str, src: Range<usize>) {
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
    pub(super) fn map(&self, p: usize, end: bool) -> usize {
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
}

/// Whether a block quote is a callout: its text opens with an emoji or a symbol
/// ("> 💡 …", "> ⚠️ …").
fn is_callout(quote: &str) -> bool {
    let text = quote.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    // Arrows, symbols and emoji; not CJK punctuation such as a quotation's 「.
    text.chars()
        .next()
        .is_some_and(|c| matches!(u32::from(c), 0x2190..=0x2BFF | 0x1F000..))
}

/// Where the first line after `at` with any text starts.
fn next_text_line(text: &str, at: usize) -> usize {
    let mut pos = at.min(text.len());
    while pos < text.len() {
        let end = super::next_line(text, pos);
        if !text[pos..end].trim().is_empty() {
            return pos;
        }
        pos = end;
    }
    text.len()
}
