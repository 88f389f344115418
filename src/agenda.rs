//! Understanding an agenda: Markdown in, parts, blocks and sentences out.
//!
//! [`Agenda::parse`] never fails. It runs the text through pulldown-cmark and keeps what
//! the rules judge as the author's prose: paragraphs and list items. Code blocks, block
//! quotes, tables, HTML and front matter are never prose; headings and bold labels
//! (`**Outcome:** …`) start sections instead. Every position is a byte offset into the
//! parsed text.

use crate::patterns::{catalogue, normalise};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

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

/// A heading or a bold label and the text it governs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: PartKind,
    /// True when the kind came from a parent heading ("### Details" under "## Outcome").
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
}

/// The level given to sections started by a label such as `**Ask:**`.
pub const LABEL_LEVEL: u8 = 7;

impl Section {
    pub fn is_label(&self) -> bool {
        self.level == LABEL_LEVEL
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

/// A paragraph or list item of prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The prose itself (after any label).
    pub range: Range<usize>,
    /// For an item: the whole item, from its marker through its last line, nested items included.
    pub outer: Range<usize>,
    /// Index into [`Agenda::sections`].
    pub section: Option<usize>,
    /// Indices into [`Agenda::sentences`].
    pub sentences: Range<usize>,
    /// The prose as normalised text, for judging the block as a whole.
    pub norm: String,
}

/// One sentence of prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    /// Lower-cased, quotes straightened, leading bullets and emoji removed.
    pub norm: String,
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
#[derive(Debug, Clone, Default)]
pub struct Agenda {
    pub len: usize,
    /// How many bytes were analysed; less than `len` when the text was over budget.
    pub analysed: usize,
    pub front_matter: Option<Range<usize>>,
    pub sections: Vec<Section>,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub disabled: Disabled,
    /// "\r\n" when the text uses it, else "\n": inserted text follows the file.
    pub line_ending: &'static str,
    /// Words of prose outside the pre-read.
    pub words: usize,
}

impl Agenda {
    /// Parses at most `budget` bytes of `text` (cut at a line boundary).
    pub fn parse(text: &str, budget: usize) -> Agenda {
        let analysed = if text.len() <= budget {
            text.len()
        } else {
            let mut cut = budget;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text[..cut].rfind('\n').map_or(cut, |i| i + 1)
        };
        let mut agenda = Builder::new(&text[..analysed]).run();
        agenda.len = text.len();
        agenda.analysed = analysed;
        agenda.line_ending = if text[..analysed.min(4096).min(text.len())].contains("\r\n")
            || text.contains("\r\n")
        {
            "\r\n"
        } else {
            "\n"
        };
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

    /// Sentences in the given section.
    pub fn sentences_in(&self, section: usize) -> impl Iterator<Item = &Sentence> {
        self.sentences
            .iter()
            .filter(move |s| s.section == Some(section))
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

/// Classifies a heading's or bold label's words.
pub fn classify_heading(title: &str) -> Option<PartKind> {
    let norm = normalise(title);
    let rx = heading_patterns();
    let stripped = rx.numbering.replace(&norm, "");
    if rx.pre_read.is_match(&stripped) {
        return Some(PartKind::PreRead);
    }
    [
        (PartKind::Status, &rx.status),
        (PartKind::Outcome, &rx.outcome),
        (PartKind::Insight, &rx.insight),
        (PartKind::Move, &rx.moves),
    ]
    .into_iter()
    .filter_map(|(kind, re)| re.find(&stripped).map(|m| (m.start(), kind)))
    .min_by_key(|(pos, _)| *pos)
    .map(|(_, kind)| kind)
}

/// Classifies a plain `Name:` label: only a part's exact name counts.
fn classify_plain_label(label: &str) -> Option<PartKind> {
    let norm = normalise(label);
    if heading_patterns().exact_label.is_match(&norm) {
        classify_heading(label)
    } else {
        None
    }
}

struct HeadingPatterns {
    numbering: Regex,
    pre_read: Regex,
    status: Regex,
    outcome: Regex,
    insight: Regex,
    moves: Regex,
    exact_label: Regex,
    plain_label: Regex,
    disable: Regex,
}

fn heading_patterns() -> &'static HeadingPatterns {
    static P: OnceLock<HeadingPatterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("heading pattern compiles");
        HeadingPatterns {
            numbering: re(r"^(?:(?:part|step|section)\s+)?(?:\d{1,2}|[ivx]{1,4}|[a-c])[.):]\s+|^#\d+\s+|^(?:part|step)\s+\d+\s*[:.-]?\s*"),
            pre_read: re(r"\b(?:pre-?read|pre reads?|read-?ahead|e-?mail(?:ed)?|fyi|async|asynchronous|before (?:the|our|this|each|every) (?:meeting|1:1|one-on-one|sync|call|chat)|sent (?:ahead|in advance|beforehand)|in advance|for reference|appendix)\b"),
            status: re(r"\b(?:updates?|status|progress|what i did|what we did|this week|last week|accomplishments|highlights|recap|activity|activities|completed|shipped|done)\b"),
            outcome: re(r"\b(?:outcomes?|impact|results?|what i'm driving|driving|goals?|objectives?|priority|priorities|north star)\b"),
            insight: re(r"\b(?:insights?|what i'm seeing|seeing|observations?|risks?|patterns?|signals?|blockers?|learnings?|what i learned|concerns?|trends?|findings?|noticing)\b"),
            moves: re(r"\b(?:leadership move|moves?|asks?|recommendations?|decisions?|next moves?|next steps?|what i need|need from you|requests?|support|proposals?|trade-?offs?|help needed)\b"),
            exact_label: re(r"^(?:the )?(?:outcome|impact|result|goal|what i'm driving|insight|what i'm seeing|observation|risk|pattern|signal|blocker|leadership move|ask|asks|recommendation|decision|next move|next steps?|what i need|request|support|proposal|trade-?off|pre-?read|fyi|updates?|status)$"),
            plain_label: re(r"^\s*([A-Za-z][A-Za-z'’ /&-]{1,40}?)\s*:\s+"),
            disable: re(r"oneonone-disable(?:\s+([a-z0-9][a-z0-9,\s-]*?))?\s*-->"),
        }
    })
}

/// Splits plain prose into sentence ranges (byte offsets into `plain`), trimmed.
pub fn split_sentences(plain: &str) -> Vec<Range<usize>> {
    const ABBREVIATIONS: &[&str] = &[
        "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "inc", "ltd", "jr", "sr", "st",
        "approx", "no", "fig", "cf", "al", "est", "dept", "co", "corp", "mt", "prof", "eg", "ie",
        "u.s", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "q", "wk", "min", "max", "avg", "ref", "re", "ca",
    ];
    let bytes = plain.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let push = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        let s = &plain[from..to];
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        if !trimmed.is_empty() {
            out.push(from + lead..from + lead + trimmed.len());
        }
    };
    let mut iter = plain.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match c {
            '.' | '!' | '?' | '…' | '。' | '！' | '？' => {
                // Swallow the run of terminators and closing marks.
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = iter.peek() {
                    if matches!(
                        d,
                        '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']' | '*' | '_'
                    ) {
                        end = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                let cjk = matches!(c, '。' | '！' | '？');
                let next = plain[end..].chars().next();
                let boundary = if cjk {
                    true
                } else {
                    match next {
                        None => true,
                        Some(n) if n.is_whitespace() => {
                            let after = plain[end..].trim_start().chars().next();
                            let lowercase_follows = after.is_some_and(|a| a.is_lowercase());
                            let abbrev = c == '.' && end == i + 1 && {
                                let word_start = plain[..i]
                                    .rfind(|ch: char| ch.is_whitespace() || ch == '(')
                                    .map_or(0, |p| p + 1);
                                let word = plain[word_start..i].to_lowercase();
                                let word = word.trim_start_matches(['"', '\'', '“', '‘']);
                                ABBREVIATIONS.contains(&word)
                                    || (word.chars().count() == 1
                                        && word.chars().all(|ch| ch.is_alphabetic()))
                            };
                            !lowercase_follows && !abbrev
                        }
                        Some(_) => false,
                    }
                };
                if boundary {
                    push(start, end, &mut out);
                    start = end;
                }
            }
            '\n' => {
                // A blank line always ends a sentence; a single line break does when the
                // line before is complete and the next begins like a new sentence.
                let next = plain[i + 1..].chars().next();
                let prev = plain[start..i].trim_end().chars().last();
                let boundary = match next {
                    Some('\n') => true,
                    Some(n) => {
                        let starts_anew = n.is_uppercase()
                            || n.is_ascii_digit()
                            || !(n.is_alphabetic() || n.is_whitespace());
                        let open = prev.is_some_and(|p| ",;:(-–—/&+".contains(p));
                        starts_anew && !open
                    }
                    None => true,
                };
                if boundary {
                    push(start, i, &mut out);
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    if start < bytes.len() {
        push(start, bytes.len(), &mut out);
    }
    out
}

// ---------------------------------------------------------------------------------------
// The builder walks pulldown-cmark's events once.

struct Segment {
    plain: usize,
    src: Range<usize>,
}

struct OpenBlock {
    kind: BlockKind,
    start: usize,
    outer: Range<usize>,
    plain: String,
    segments: Vec<Segment>,
    label: LabelState,
    /// Set when a label ended the previous text: the next text's leading colon is part of it.
    label_end: usize,
}

#[derive(PartialEq, Eq)]
enum LabelState {
    /// Nothing seen yet: a label may still begin.
    Open,
    InStrong,
    AfterStrong,
    /// Decided (a label was taken, or the block began with prose).
    Closed,
}

enum Container {
    Item,
    Paragraph { owns_block: bool },
    Other,
}

struct Builder<'a> {
    text: &'a str,
    agenda: Agenda,
    open: Vec<OpenBlock>,
    containers: Vec<Container>,
    skip: usize,
    heading: Option<(u8, usize, String)>,
    heading_stack: Vec<(u8, PartKind)>,
    finished: Vec<(OpenBlock, Range<usize>)>,
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
            heading_stack: Vec::new(),
            finished: Vec::new(),
        }
    }

    fn run(mut self) -> Agenda {
        let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH;
        let parser = Parser::new_ext(self.text, options).into_offset_iter();
        for (event, range) in parser {
            self.event(event, range);
        }
        self.finish()
    }

    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if self.skip > 0 {
            match event {
                Event::Start(
                    Tag::BlockQuote(_)
                    | Tag::CodeBlock(_)
                    | Tag::MetadataBlock(_)
                    | Tag::Table(_)
                    | Tag::Image { .. },
                ) => self.skip += 1,
                Event::End(
                    TagEnd::BlockQuote(_)
                    | TagEnd::CodeBlock
                    | TagEnd::MetadataBlock(_)
                    | TagEnd::Table
                    | TagEnd::Image,
                ) => self.skip -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::MetadataBlock(_)) => {
                self.agenda.front_matter = Some(range);
                self.skip += 1;
            }
            Event::Start(
                Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::Table(_) | Tag::Image { .. },
            ) => self.skip += 1,
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level as u8, range.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(range),
            Event::Start(Tag::Item) => {
                let top_level = !self.containers.iter().any(|c| matches!(c, Container::Item));
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
                            block.push_text("\n\n", range.start..range.start);
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
            Event::Start(Tag::Strong) => {
                if let Some(block) = self.open.last_mut() {
                    if block.label == LabelState::Open && block.plain.trim().is_empty() {
                        block.label = LabelState::InStrong;
                    } else if block.label == LabelState::Open {
                        block.label = LabelState::Closed;
                    }
                }
            }
            Event::End(TagEnd::Strong) => {
                if let Some(block) = self.open.last_mut() {
                    if block.label == LabelState::InStrong {
                        block.label = LabelState::AfterStrong;
                        let label = block.plain.trim().to_string();
                        if label.ends_with(':') {
                            self.take_label(range.end);
                        }
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => self.text_event(&t, range),
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, title)) = self.heading.as_mut() {
                    title.push(' ');
                } else if let Some(block) = self.open.last_mut() {
                    block.push_text("\n", range);
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => self.html(&t),
            _ => {}
        }
    }

    fn text_event(&mut self, t: &str, range: Range<usize>) {
        if let Some((_, _, title)) = self.heading.as_mut() {
            title.push_str(t);
            return;
        }
        let Some(state) = self.open.last().map(|b| &b.label) else {
            return;
        };
        if *state == LabelState::AfterStrong {
            // `**Outcome**: text`: the colon comes right after the bold words.
            if let Some(rest) = t.trim_start().strip_prefix(':') {
                let colon_end = if t.len() == range.len() {
                    range.end - rest.len()
                } else {
                    range.start
                };
                if self.take_label(colon_end) {
                    let rest = rest.trim_start();
                    let from = if t.len() == range.len() {
                        range.end - rest.len()
                    } else {
                        range.start
                    };
                    if let Some(block) = self.open.last_mut() {
                        block.push_text(rest, from..range.end);
                    }
                    return;
                }
            }
        }
        let Some(block) = self.open.last_mut() else {
            return;
        };
        match block.label {
            LabelState::AfterStrong => block.label = LabelState::Closed,
            LabelState::Open if !t.trim().is_empty() => block.label = LabelState::Closed,
            _ => {}
        }
        block.push_text(t, range);
    }

    /// The bold words at the start of the current block end at `label_end`; when they name
    /// a part they become a section and the block's prose starts after them.
    fn take_label(&mut self, label_end: usize) -> bool {
        let Some(block) = self.open.last_mut() else {
            return false;
        };
        let title = block.plain.trim().trim_end_matches(':').trim().to_string();
        let Some(kind) = classify_heading(&title) else {
            block.label = LabelState::Closed;
            return false;
        };
        let label_start = block
            .segments
            .first()
            .map_or(block.start, |s| s.src.start)
            .min(label_end);
        self.agenda.sections.push(Section {
            kind,
            inherited: false,
            title,
            level: LABEL_LEVEL,
            heading: label_start..label_end,
            range: label_start..label_end,
            content_start: label_end,
        });
        block.plain.clear();
        block.segments.clear();
        block.label = LabelState::Closed;
        block.label_end = label_end;
        true
    }

    fn end_heading(&mut self, range: Range<usize>) {
        let Some((level, start, title)) = self.heading.take() else {
            return;
        };
        let title = title.trim().to_string();
        while self.heading_stack.last().is_some_and(|(l, _)| *l >= level) {
            self.heading_stack.pop();
        }
        let (kind, inherited) = match classify_heading(&title) {
            Some(kind) => (kind, false),
            None => match self.heading_stack.last() {
                Some((_, parent)) if *parent != PartKind::Other => (*parent, true),
                _ => (PartKind::Other, false),
            },
        };
        self.heading_stack.push((level, kind));
        let line_end = self.text[range.clone()]
            .trim_end_matches(['\r', '\n'])
            .len()
            + range.start;
        self.agenda.sections.push(Section {
            kind,
            inherited,
            title,
            level,
            heading: start..line_end,
            range: start..range.end,
            content_start: range.end,
        });
    }

    fn html(&mut self, html: &str) {
        let rx = heading_patterns();
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
        // Plain `Outcome:` labels (without bold) are found once the block is complete.
        let mut finished = std::mem::take(&mut self.finished);
        for (block, _) in finished.iter_mut() {
            if block.label == LabelState::Closed && block.label_end > 0 {
                continue;
            }
            let rx = heading_patterns();
            let Some(caps) = rx.plain_label.captures(&block.plain) else {
                continue;
            };
            let whole = caps.get(0).map_or(0..0, |m| m.range());
            let name = caps.get(1).map_or("", |m| m.as_str());
            let Some(kind) = classify_plain_label(name) else {
                continue;
            };
            let label_start = block.map(0, false);
            let label_end = block.map(whole.end, false);
            agenda.sections.push(Section {
                kind,
                inherited: false,
                title: name.trim().to_string(),
                level: LABEL_LEVEL,
                heading: label_start..label_end,
                range: label_start..label_end,
                content_start: label_end,
            });
            block.drop_prefix(whole.end);
        }
        // Sections in text order; each ends where the next at its level or above begins.
        agenda.sections.sort_by_key(|s| s.range.start);
        let starts: Vec<(usize, u8)> = agenda
            .sections
            .iter()
            .map(|s| (s.range.start, s.level))
            .collect();
        for (i, section) in agenda.sections.iter_mut().enumerate() {
            let end = starts[i + 1..]
                .iter()
                .find(|(_, level)| {
                    if section.level == LABEL_LEVEL {
                        true
                    } else {
                        *level <= section.level
                    }
                })
                .map_or(text.len(), |(start, _)| *start);
            section.range.end = end.max(section.range.start);
        }
        // Blocks in text order, each in the last section that began before it.
        finished.sort_by_key(|(b, _)| b.start);
        let section_starts: Vec<usize> = agenda.sections.iter().map(|s| s.range.start).collect();
        for (block, outer) in finished {
            if block.plain.trim().is_empty() {
                continue;
            }
            let range_start = block.map(0, false);
            let range_end = block.map(block.plain.len(), true);
            let anchor = block.start.max(block.label_end.saturating_sub(1));
            let section = section_starts
                .partition_point(|&s| s <= anchor)
                .checked_sub(1);
            let block_index = agenda.blocks.len();
            let first_sentence = agenda.sentences.len();
            let pre_read = section.is_some_and(|i| agenda.sections[i].kind == PartKind::PreRead);
            for r in split_sentences(&block.plain) {
                let src = block.map(r.start, false)..block.map(r.end, true);
                let norm = normalise(&block.plain[r.clone()]);
                if norm.is_empty() {
                    continue;
                }
                if !pre_read {
                    agenda.words += norm.split_whitespace().count();
                }
                agenda.sentences.push(Sentence {
                    range: src,
                    norm,
                    block: block_index,
                    section,
                });
            }
            let outer = match block.kind {
                BlockKind::Item { .. } => full_lines(text, outer),
                BlockKind::Paragraph => outer,
            };
            agenda.blocks.push(Block {
                kind: block.kind,
                range: range_start..range_end.max(range_start),
                outer,
                section,
                sentences: first_sentence..agenda.sentences.len(),
                norm: normalise(&block.plain),
            });
        }
        let _ = catalogue();
        agenda
    }
}

/// Widens a range to whole lines, including the final line break but not the blank
/// lines that may trail it.
fn full_lines(text: &str, range: Range<usize>) -> Range<usize> {
    let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let content_end = range.start + text[range.clone()].trim_end().len();
    let end = text[content_end..]
        .find('\n')
        .map_or(text.len(), |i| content_end + i + 1);
    start..end
}

impl OpenBlock {
    fn new(kind: BlockKind, range: Range<usize>) -> Self {
        OpenBlock {
            kind,
            start: range.start,
            outer: range,
            plain: String::new(),
            segments: Vec::new(),
            label: LabelState::Open,
            label_end: 0,
        }
    }

    fn push_text(&mut self, t: &str, src: Range<usize>) {
        if t.is_empty() {
            return;
        }
        self.segments.push(Segment {
            plain: self.plain.len(),
            src,
        });
        self.plain.push_str(t);
    }

    /// Maps an offset in the plain text back to the source. `end` maps an exclusive end.
    fn map(&self, p: usize, end: bool) -> usize {
        let idx = self
            .segments
            .partition_point(|s| if end { s.plain < p } else { s.plain <= p });
        let Some(seg) = idx.checked_sub(1).map(|i| &self.segments[i]) else {
            return self.segments.first().map_or(self.start, |s| s.src.start);
        };
        (seg.src.start + (p - seg.plain)).min(seg.src.end)
    }

    fn drop_prefix(&mut self, n: usize) {
        let src = self.map(n, false);
        let rest = self.plain[n..].to_string();
        let segments = std::mem::take(&mut self.segments);
        self.plain.clear();
        for seg in segments {
            let seg_len = seg.src.len();
            let plain_end = if seg_len > 0 {
                seg.plain + seg_len
            } else {
                seg.plain
            };
            if plain_end <= n && seg_len > 0 {
                continue;
            }
            let from = n.saturating_sub(seg.plain);
            let start = seg.src.start + from.min(seg_len);
            self.segments.push(Segment {
                plain: seg.plain.saturating_sub(n),
                src: start.max(src)..seg.src.end.max(src),
            });
        }
        self.plain = rest;
        self.label_end = src;
        self.label = LabelState::Closed;
    }
}
