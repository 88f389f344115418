//! The catalogue as data: the TOML files of `data/patterns/`, parsed and expanded.
//!
//! Every file is compiled into the binary ([`BUILT_IN`]) and parsed at first use, so an
//! installed server needs no data folder. Reading never fails: a file or an entry that
//! cannot be read is left out and reported as a [`Problem`]; the test in
//! `tests/patterns.rs` keeps the shipped files free of problems.

use serde::Deserialize;
use std::fmt;

/// The data files, by name, as compiled into the binary.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "classes.toml",
        include_str!("../../data/patterns/classes.toml"),
    ),
    (
        "headings.toml",
        include_str!("../../data/patterns/headings.toml"),
    ),
    (
        "activity.toml",
        include_str!("../../data/patterns/activity.toml"),
    ),
    (
        "handoff.toml",
        include_str!("../../data/patterns/handoff.toml"),
    ),
    (
        "open-question.toml",
        include_str!("../../data/patterns/open-question.toml"),
    ),
    ("ask.toml", include_str!("../../data/patterns/ask.toml")),
    (
        "request.toml",
        include_str!("../../data/patterns/request.toml"),
    ),
    (
        "outcome.toml",
        include_str!("../../data/patterns/outcome.toml"),
    ),
    (
        "insight.toml",
        include_str!("../../data/patterns/insight.toml"),
    ),
    (
        "status-strong.toml",
        include_str!("../../data/patterns/status-strong.toml"),
    ),
    (
        "status-weak.toml",
        include_str!("../../data/patterns/status-weak.toml"),
    ),
    (
        "participle-ending.toml",
        include_str!("../../data/patterns/participle-ending.toml"),
    ),
    (
        "status-cell-strong.toml",
        include_str!("../../data/patterns/status-cell-strong.toml"),
    ),
    (
        "status-cell-weak.toml",
        include_str!("../../data/patterns/status-cell-weak.toml"),
    ),
    (
        "not-past-tense.toml",
        include_str!("../../data/patterns/not-past-tense.toml"),
    ),
    (
        "irregular-past.toml",
        include_str!("../../data/patterns/irregular-past.toml"),
    ),
    (
        "irregular-participles.toml",
        include_str!("../../data/patterns/irregular-participles.toml"),
    ),
    (
        "answer.toml",
        include_str!("../../data/patterns/answer.toml"),
    ),
    (
        "count-words.toml",
        include_str!("../../data/patterns/count-words.toml"),
    ),
    (
        "asks-back.toml",
        include_str!("../../data/patterns/asks-back.toml"),
    ),
    (
        "fact-question.toml",
        include_str!("../../data/patterns/fact-question.toml"),
    ),
    (
        "decision-question.toml",
        include_str!("../../data/patterns/decision-question.toml"),
    ),
    (
        "report-time.toml",
        include_str!("../../data/patterns/report-time.toml"),
    ),
    (
        "report-team.toml",
        include_str!("../../data/patterns/report-team.toml"),
    ),
    ("hedge.toml", include_str!("../../data/patterns/hedge.toml")),
    (
        "preamble.toml",
        include_str!("../../data/patterns/preamble.toml"),
    ),
    (
        "sign-off.toml",
        include_str!("../../data/patterns/sign-off.toml"),
    ),
    (
        "unfinished.toml",
        include_str!("../../data/patterns/unfinished.toml"),
    ),
    (
        "request-noun.toml",
        include_str!("../../data/patterns/request-noun.toml"),
    ),
    (
        "priority.toml",
        include_str!("../../data/patterns/priority.toml"),
    ),
];

/// Where the data files live in the repository, for messages.
pub const DIR: &str = "data/patterns";

/// A group file: a description, how its patterns are wrapped, and its entries.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub title: String,
    pub description: String,
    /// Put before every pattern of the group (usually `{lead}` or nothing).
    #[serde(default)]
    pub before: String,
    /// Put after every pattern of the group (usually `{end}` or nothing).
    #[serde(default)]
    pub after: String,
    #[serde(default)]
    pub entry: Vec<Entry>,
}

/// One pattern (or, in a word group, a list of words) with the examples that prove it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// What the entry recognises, in a few words, for the documentation.
    #[serde(default)]
    pub shape: Option<String>,
    #[serde(default)]
    pub pattern: Option<String>,
    /// Whole words instead of a pattern (`not-past-tense.toml`).
    #[serde(default)]
    pub words: Vec<String>,
    /// Sentences, as a person writes them, that this entry must match.
    #[serde(default)]
    pub matches: Vec<String>,
    /// Near misses that no entry of the group may match.
    #[serde(default)]
    pub not: Vec<String>,
}

/// `classes.toml`: the word classes patterns name as `{name}`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassesFile {
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub class: Vec<Class>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    pub name: String,
    pub description: String,
    pub pattern: String,
    /// Fragments, as the patterns see them, that the class must match whole.
    #[serde(default)]
    pub matches: Vec<String>,
    #[serde(default)]
    pub not: Vec<String>,
}

/// `headings.toml`: the words that make a heading or a label a part.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HeadingsFile {
    pub title: String,
    pub description: String,
    pub numbering: GroupSpec,
    pub pre_read: GroupSpec,
    pub status: GroupSpec,
    pub outcome: GroupSpec,
    pub insight: GroupSpec,
    #[serde(rename = "move")]
    pub moves: GroupSpec,
    pub exact_label: GroupSpec,
}

impl HeadingsFile {
    /// Each vocabulary with its table name in the file.
    pub fn vocabularies(&self) -> [(&'static str, &GroupSpec); 7] {
        [
            ("numbering", &self.numbering),
            ("pre-read", &self.pre_read),
            ("status", &self.status),
            ("outcome", &self.outcome),
            ("insight", &self.insight),
            ("move", &self.moves),
            ("exact-label", &self.exact_label),
        ]
    }
}

/// Everything the files hold, parsed.
#[derive(Debug, Clone, Default)]
pub struct Data {
    pub classes: ClassesFile,
    pub headings: HeadingsFile,
    /// The group files, by file stem ("handoff"), in the order given.
    pub groups: Vec<(String, GroupSpec)>,
}

impl Data {
    /// Parses `(file name, text)` pairs. A file that does not parse is left out.
    pub fn parse(files: &[(&str, &str)]) -> (Data, Vec<Problem>) {
        let mut data = Data::default();
        let mut problems = Vec::new();
        for &(name, text) in files {
            let fail = |e: toml::de::Error| Problem::new(name, "", format!("does not parse: {e}"));
            match name {
                "classes.toml" => match toml::from_str(text) {
                    Ok(c) => data.classes = c,
                    Err(e) => problems.push(fail(e)),
                },
                "headings.toml" => match toml::from_str(text) {
                    Ok(h) => data.headings = h,
                    Err(e) => problems.push(fail(e)),
                },
                _ => match toml::from_str(text) {
                    Ok(g) => data
                        .groups
                        .push((name.trim_end_matches(".toml").to_string(), g)),
                    Err(e) => problems.push(fail(e)),
                },
            }
        }
        (data, problems)
    }

    /// The group file named `stem`.
    pub fn group(&self, stem: &str) -> Option<&GroupSpec> {
        self.groups.iter().find(|(s, _)| s == stem).map(|(_, g)| g)
    }

    /// Expands `{name}` placeholders with the word classes, then makes the pattern's
    /// `\s`, `\w` and `\b` ASCII (see the module docs of `patterns`).
    pub fn expand(&self, pattern: &str) -> Result<String, String> {
        self.expand_as(pattern, Flavour::Sentence)
    }

    /// [`Data::expand`] for a flavour of text.
    pub fn expand_as(&self, pattern: &str, flavour: Flavour) -> Result<String, String> {
        let mut out = String::with_capacity(pattern.len());
        self.expand_into(pattern, &mut out, 0)?;
        Ok(match flavour {
            Flavour::Sentence => ascii_word_boundaries(&compact_classes(&out)),
            Flavour::Heading => ascii_word_boundaries(&out),
        })
    }

    fn expand_into(&self, pattern: &str, out: &mut String, depth: usize) -> Result<(), String> {
        if depth > 8 {
            return Err("word classes nest too deep (does a class name itself?)".into());
        }
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            let name_len = rest[open + 1..]
                .find(|c: char| {
                    !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                })
                .unwrap_or(rest.len() - open - 1);
            let name = &rest[open + 1..open + 1 + name_len];
            let closed = rest[open + 1 + name_len..].starts_with('}');
            // A counted repetition (`{0,2}`) or a literal brace is not a placeholder.
            if !closed || !name.starts_with(|c: char| c.is_ascii_lowercase()) {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
                continue;
            }
            let class = self
                .classes
                .class
                .iter()
                .find(|c| c.name == name)
                .ok_or_else(|| format!("unknown word class {{{name}}}"))?;
            out.push_str(&rest[..open]);
            self.expand_into(&class.pattern, out, depth + 1)?;
            rest = &rest[open + name_len + 2..];
        }
        out.push_str(rest);
        Ok(())
    }

    /// One entry's pattern as it is matched: wrapped in the group's `before` and `after`,
    /// expanded.
    pub fn entry_source(
        &self,
        group: &GroupSpec,
        entry: &Entry,
        flavour: Flavour,
    ) -> Result<String, String> {
        let pattern = entry
            .pattern
            .as_deref()
            .ok_or("the entry has no `pattern`")?;
        self.expand_as(
            &format!("{}(?:{pattern}){}", group.before, group.after),
            flavour,
        )
    }

    /// Whether a group can only match at the start of the text: its `before` starts with
    /// `^`, or, with no `before`, every entry does.
    pub fn anchored(&self, group: &GroupSpec) -> bool {
        let starts = |p: &str| self.expand(p).is_ok_and(|p| p.starts_with('^'));
        if group.before.is_empty() {
            group
                .entry
                .iter()
                .all(|e| e.pattern.as_deref().is_some_and(starts))
        } else {
            starts(&group.before)
        }
    }

    /// A whole group as one pattern: `before(?:(?:p1)|(?:p2)|…)after`, which matches
    /// exactly where one of the entries, wrapped on its own, would. Entries that do not
    /// expand are left out and reported.
    pub fn group_source(
        &self,
        file: &str,
        group: &GroupSpec,
        flavour: Flavour,
    ) -> (String, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut alternation = String::new();
        for (i, entry) in group.entry.iter().enumerate() {
            let Some(pattern) = entry.pattern.as_deref() else {
                continue;
            };
            match self.expand_as(pattern, flavour) {
                Ok(p) => {
                    if !alternation.is_empty() {
                        alternation.push('|');
                    }
                    alternation.push_str("(?:");
                    alternation.push_str(&p);
                    alternation.push(')');
                }
                Err(e) => problems.push(Problem::entry(file, i, e)),
            }
        }
        let mut wrap = |p: &str| {
            self.expand_as(p, flavour).unwrap_or_else(|e| {
                problems.push(Problem::new(file, "", e));
                String::new()
            })
        };
        let (before, after) = (wrap(&group.before), wrap(&group.after));
        (format!("{before}(?:{alternation}){after}"), problems)
    }
}

/// What a pattern reads, which decides how it is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// A normalised sentence: `\s`, `\w` and `\b` are made ASCII.
    Sentence,
    /// A normalised heading: only `\b` is made ASCII, as headings always were.
    Heading,
}

/// Normalised text has no whitespace but single spaces, so `\s` can be a space, and the
/// catalogue's words are ASCII, so `\w` can be ASCII: both make much smaller automata.
fn compact_classes(pattern: &str) -> String {
    pattern
        .replace(r"\s", " ")
        .replace(r"[\w", "[0-9a-z_")
        .replace(r"\w", r"(?-u:\w)")
}

/// Makes every `\b` an ASCII word boundary. The catalogue's words are ASCII, and a
/// Unicode `\b` stops the lazy DFA at the first non-ASCII byte (an emoji, a dash, a CJK
/// character), falling back to a matcher many times slower.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// Something wrong in a data file: which file, where in it, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// "entry 12", "class `subj`", "[pre-read] entry 2", or empty for the whole file.
    pub place: String,
    pub message: String,
}

impl Problem {
    pub fn new(file: &str, place: &str, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            place: place.to_string(),
            message: message.into(),
        }
    }

    /// A problem with an entry, counted from 1 as a person reads the file.
    pub fn entry(file: &str, index: usize, message: impl Into<String>) -> Self {
        Problem::new(file, &format!("entry {}", index + 1), message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = if self.file.ends_with(".toml") {
            self.file.clone()
        } else {
            format!("{}.toml", self.file)
        };
        if self.place.is_empty() {
            write!(f, "{DIR}/{file}: {}", self.message)
        } else {
            write!(f, "{DIR}/{file}: {}: {}", self.place, self.message)
        }
    }
}
