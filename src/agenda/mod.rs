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

use crate::patterns::normalise;
use crate::sentences::each_sentence;
pub use crate::sentences::split_sentences;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

mod builder;
mod envelope;
mod finish;
mod front_matter;
mod labels;
mod tables;

pub use crate::patterns::classify_heading;
use builder::Builder;

pub(crate) use envelope::names_the_meeting;
pub(crate) use front_matter::front_matter;
pub(crate) use labels::chat_prefix;
pub(crate) use labels::plain_label_name;

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
    /// Its place in [`Agenda::sentences`].
    pub index: usize,
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
    let first = text.find('\r')?;
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
    match text.find('\r') {
        None => "\n",
        Some(i) if bytes.get(i + 1) == Some(&b'\n') => "\r\n",
        Some(_) if text.contains("\r\n") => "\r\n",
        Some(i) if text[..i].contains('\n') => "\n",
        Some(_) => "\r",
    }
}

/// Compiles the reader's own few patterns (comments, labels, email greetings and
/// sign-offs), which are otherwise compiled by the first document read. The server calls
/// this at start, off the protocol thread, while the catalogue compiles.
pub fn prepare() {
    builder::disable_comment();
    labels::plain_label();
    envelope::vocabulary();
}

/// Where the line holding `at` starts: just past the last line ending (LF, CRLF or a
/// lone CR) before it.
pub fn line_start(text: &str, at: usize) -> usize {
    text.as_bytes()[..at]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1)
}

/// `- `, `* `, `+ `, `1. `, `1) ` (escaped or not): the length of the marker with its space.
pub(crate) fn list_marker(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    // A Google Docs export escapes the marker: `\- [ ] …`, `1\. …`.
    let escaped = usize::from(b.first() == Some(&b'\\'));
    let n = if matches!(b.get(escaped), Some(b'-' | b'*' | b'+')) {
        escaped + 1
    } else {
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let escaped = usize::from(b.get(digits) == Some(&b'\\'));
        if !(1..=9).contains(&digits) || !matches!(b.get(digits + escaped), Some(b'.' | b')')) {
            return None;
        }
        digits + escaped + 1
    };
    let spaces = b[n..]
        .iter()
        .take_while(|c| matches!(c, b' ' | b'\t'))
        .count();
    (spaces > 0 || n == b.len()).then_some(n + spaces)
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

#[cfg(test)]
mod tests;
