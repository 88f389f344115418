//! The pattern catalogue: the language the rules recognise.
//!
//! The catalogue is data: one TOML file per group under `data/patterns/` (activity
//! reports, hand-offs, asks, outcomes, insights, status items, hedges, …, the word
//! classes in `classes.toml`, the heading vocabulary in `headings.toml`). Each entry
//! carries its pattern and the sentences it must and must not match; `tests/patterns.rs`
//! checks every example, and `docs/patterns.md` is generated from the same files
//! ([`markdown`]). The files are compiled into the binary and read at the first
//! [`catalogue()`] call.
//!
//! Every pattern runs on a *normalised* sentence ([`normalise`]): lower case, curly quotes
//! and apostrophes made straight, whitespace collapsed, leading bullets, quotes and emoji
//! removed. Only the linear-time `regex` crate is used, so no input can make matching
//! backtrack. A group is one regex, `before(?:p1|p2|…)after`, compiled once, and a
//! sentence is judged by a handful of group matches whatever its length.
//!
//! Two conventions keep the automata small and fast. Windows between words are unbounded
//! loops over a class that stops at sentence punctuation (`[^.;]*?`), never counted
//! repetitions such as `{0,60}`, which multiply the automaton's size; and, because
//! normalised text has only single spaces and the catalogue's words are ASCII, `\s`
//! becomes a space and `\w`, `\b` their ASCII forms when a pattern is read. A Unicode `\b`
//! would stop the lazy DFA at the first emoji or dash.
//!
//! # Word classes
//!
//! Patterns are written against *word classes* rather than example sentences. A pattern
//! names a class as `{name}` (who can be the subject of a report, what counts as a
//! meeting, a period of time, a deadline, a decision verb, a vague object such as "this"
//! or "the plan", …). "Had a couple of long calls with the vendor" is recognised because
//! *had* + a count + up to two words + a `{meeting}` noun is an activity report, not
//! because that sentence is listed anywhere.
//!
//! # From groups to judgements
//!
//! A group answers one question about a sentence ([`Group`]); [`Judged`] combines them as
//! the rules need: a hand-off is never also an ask, a request form is an ask unless the
//! sentence is a hand-off, and routine status gives way to any ask, outcome or insight.

mod check;
mod data;
mod docs;
mod headings;
mod judged;
mod matcher;
mod normalise;

pub use check::check_files;
pub use data::{ascii_word_boundaries, Problem, BUILT_IN};
pub use docs::markdown;
pub use headings::{classify_heading, classify_plain_label};
pub use judged::Judged;
pub use normalise::{normalise, normalise_into};

use data::{Data, Flavour, GroupSpec};
use headings::Headings;
use matcher::Matcher;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};

/// Sentence starters, exactly as the product suggests them.
pub const OUTCOME_STARTER: &str = "The most important outcome I'm focused on right now is";
pub const INSIGHT_STARTER: &str = "What I'm seeing is";
pub const MOVE_STARTERS: [&str; 4] = [
    "My recommendation is",
    "What I need from you is",
    "The decision I'm making is",
    "The tradeoff I'm weighing is",
];

/// Words ending in "ed" that are not past tense, so they do not make an item routine
/// status (`data/patterns/not-past-tense.toml`).
pub static NOT_PAST_TENSE: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    catalogue()
        .matcher(Group::NotPastTense)
        .word_list()
        .iter()
        .map(|w| &**w)
        .collect()
});

/// A group of patterns a normalised sentence is tested against: one data file each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Group {
    Activity,
    Handoff,
    OpenQuestion,
    Ask,
    Request,
    Outcome,
    Insight,
    StatusStrong,
    StatusWeak,
    Hedge,
    Preamble,
    Unfinished,
    ParticipleEnding,
    RequestNoun,
    Priority,
    StatusCellStrong,
    StatusCellWeak,
    NotPastTense,
    IrregularPast,
    IrregularParticiple,
    Answer,
    CountWord,
    AsksBack,
    FactQuestion,
    DecisionQuestion,
    ReportTime,
    ReportTeam,
    SignOff,
}

impl Group {
    /// Every group, in declaration order.
    pub const ALL: [Group; 28] = [
        Group::Activity,
        Group::Handoff,
        Group::OpenQuestion,
        Group::Ask,
        Group::Request,
        Group::Outcome,
        Group::Insight,
        Group::StatusStrong,
        Group::StatusWeak,
        Group::Hedge,
        Group::Preamble,
        Group::Unfinished,
        Group::ParticipleEnding,
        Group::RequestNoun,
        Group::Priority,
        Group::StatusCellStrong,
        Group::StatusCellWeak,
        Group::NotPastTense,
        Group::IrregularPast,
        Group::IrregularParticiple,
        Group::Answer,
        Group::CountWord,
        Group::AsksBack,
        Group::FactQuestion,
        Group::DecisionQuestion,
        Group::ReportTime,
        Group::ReportTeam,
        Group::SignOff,
    ];

    /// The group's file: `data/patterns/{file}.toml`.
    pub fn file(self) -> &'static str {
        match self {
            Group::Activity => "activity",
            Group::Handoff => "handoff",
            Group::OpenQuestion => "open-question",
            Group::Ask => "ask",
            Group::Request => "request",
            Group::Outcome => "outcome",
            Group::Insight => "insight",
            Group::StatusStrong => "status-strong",
            Group::StatusWeak => "status-weak",
            Group::Hedge => "hedge",
            Group::Preamble => "preamble",
            Group::SignOff => "sign-off",
            Group::Unfinished => "unfinished",
            Group::ParticipleEnding => "participle-ending",
            Group::RequestNoun => "request-noun",
            Group::Priority => "priority",
            Group::StatusCellStrong => "status-cell-strong",
            Group::StatusCellWeak => "status-cell-weak",
            Group::NotPastTense => "not-past-tense",
            Group::IrregularPast => "irregular-past",
            Group::IrregularParticiple => "irregular-participles",
            Group::Answer => "answer",
            Group::CountWord => "count-words",
            Group::AsksBack => "asks-back",
            Group::FactQuestion => "fact-question",
            Group::DecisionQuestion => "decision-question",
            Group::ReportTime => "report-time",
            Group::ReportTeam => "report-team",
        }
    }
}

/// How much a list item or table row looks like routine status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusStrength {
    None,
    /// Status words that also describe risks: "blocked", "delayed", "80%".
    Weak,
    /// Done work: "Shipped…", "✅", "complete".
    Strong,
}

/// The compiled catalogue: one matcher per [`Group`], and the heading vocabulary.
pub struct Catalogue {
    /// Which catalogue this is, for the answers kept between checks (see [`Judged`]).
    id: usize,
    data: Data,
    groups: Vec<Matcher>,
    headings: Headings,
}

/// The one compiled catalogue, from the files built into the binary. Problems in them
/// (which `tests/patterns.rs` rules out) are logged, never fatal.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let (catalogue, problems) = Catalogue::from_files(BUILT_IN);
        for problem in problems {
            tracing::error!("pattern catalogue: {problem}");
        }
        catalogue
    })
}

impl Catalogue {
    /// Builds a catalogue from data files, `(file name, text)`, as [`catalogue()`] does from
    /// the built-in ones. It never fails: a file, a group or an entry that cannot be read
    /// is left out (a group without its file matches nothing) and reported.
    pub fn from_files(files: &[(&str, &str)]) -> (Catalogue, Vec<Problem>) {
        let (data, mut problems) = Data::parse(files);
        let compile = |g: Group, problems: &mut Vec<Problem>| match data.group(g.file()) {
            Some(spec) => compile_group(&data, g.file(), spec, problems),
            None => {
                problems.push(Problem::new(
                    g.file(),
                    "",
                    "missing: every group needs a file",
                ));
                Matcher::Never
            }
        };
        // Compiling the groups and the heading vocabulary is most of what the first document
        // waits for, and their sizes range from a few words to tens of kilobytes of pattern:
        // the other thread takes the headings, then the groups are shared between the two,
        // the largest first, each to the share with less to do so far.
        let size = |g: Group| {
            data.group(g.file()).map_or(0, |spec| {
                data.group_source(g.file(), spec, Flavour::Sentence).0.len()
            })
        };
        let mut by_size: Vec<(usize, Group)> = Group::ALL.iter().map(|&g| (size(g), g)).collect();
        by_size.sort_by_key(|&(n, _)| std::cmp::Reverse(n));
        let (mut here, mut there) = (Vec::new(), Vec::new());
        let h = &data.headings;
        let headings_size: usize = [
            &h.numbering,
            &h.pre_read,
            &h.status,
            &h.outcome,
            &h.insight,
            &h.moves,
            &h.exact_label,
        ]
        .iter()
        .map(|spec| {
            data.group_source("headings", spec, Flavour::Heading)
                .0
                .len()
        })
        .sum();
        let (mut here_size, mut there_size) = (0, headings_size);
        for (n, g) in by_size {
            if here_size <= there_size {
                here_size += n;
                here.push(g);
            } else {
                there_size += n;
                there.push(g);
            }
        }
        let compile_all = |groups: Vec<Group>| {
            let mut problems = Vec::new();
            let compiled: Vec<(Group, Matcher)> = groups
                .into_iter()
                .map(|g| (g, compile(g, &mut problems)))
                .collect();
            (compiled, problems)
        };
        let (mut compiled, found, headings) = std::thread::scope(|scope| {
            let other = std::thread::Builder::new()
                .name("oneonone-catalogue-2".into())
                .spawn_scoped(scope, || {
                    let mut problems = Vec::new();
                    let headings = Headings::new(&data, &mut problems);
                    let (compiled, found) = compile_all(there);
                    problems.extend(found);
                    (compiled, problems, headings)
                });
            let (mut compiled, mut found) = compile_all(here);
            // Without the second thread (it could not start, or it failed), its groups and
            // the headings are compiled below, on this one.
            match other.map(|t| t.join()) {
                Ok(Ok((theirs, their_problems, headings))) => {
                    compiled.extend(theirs);
                    found.extend(their_problems);
                    (compiled, found, Some(headings))
                }
                _ => (compiled, found, None),
            }
        });
        problems.extend(found);
        let groups = Group::ALL
            .iter()
            .map(|&g| match compiled.iter().position(|(c, _)| *c == g) {
                Some(i) => compiled.swap_remove(i).1,
                None => compile(g, &mut problems),
            })
            .collect();
        let headings = headings.unwrap_or_else(|| Headings::new(&data, &mut problems));
        static NEXT_ID: AtomicUsize = AtomicUsize::new(0);
        let catalogue = Catalogue {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            data,
            groups,
            headings,
        };
        (catalogue, problems)
    }

    fn matcher(&self, group: Group) -> &Matcher {
        &self.groups[group as usize]
    }

    /// The catalogue's view of a normalised sentence.
    pub fn judge<'a>(&'a self, s: &'a str) -> Judged<'a> {
        Judged::new(self, s)
    }

    /// An activity report or an opening that says nothing.
    pub fn is_activity(&self, s: &str) -> bool {
        self.judge(s).is_activity()
    }
    /// The whole sentence hands the problem back, with no view of its own.
    pub fn is_handoff(&self, s: &str) -> bool {
        self.judge(s).is_handoff()
    }
    /// A yes/no question about what to do, with no view in it.
    pub fn is_open_question(&self, s: &str) -> bool {
        self.judge(s).is_open_question()
    }
    /// A recommendation, request, decision or tradeoff.
    pub fn is_ask(&self, s: &str) -> bool {
        self.judge(s).is_ask()
    }
    pub fn is_outcome(&self, s: &str) -> bool {
        self.judge(s).is_outcome()
    }
    pub fn is_insight(&self, s: &str) -> bool {
        self.judge(s).is_insight()
    }
    pub fn claims_top_priority(&self, s: &str) -> bool {
        self.judge(s).claims_top_priority()
    }
    pub fn is_hedged(&self, s: &str) -> bool {
        self.judge(s).is_hedged()
    }
    pub fn is_unfinished_starter(&self, s: &str) -> bool {
        self.judge(s).is_unfinished_starter()
    }
    pub fn is_request_noun_phrase(&self, s: &str) -> bool {
        self.judge(s).is_request_noun_phrase()
    }
    pub fn is_preamble(&self, s: &str) -> bool {
        self.judge(s).is_preamble()
    }
    pub fn makes_a_point(&self, s: &str) -> bool {
        self.judge(s).makes_a_point()
    }
    pub fn is_status_item(&self, s: &str) -> bool {
        self.judge(s).is_status_item()
    }
    /// How strongly a list item reads as routine status.
    pub fn status_strength(&self, s: &str) -> StatusStrength {
        self.judge(s).status_strength()
    }
    /// How strongly a table cell (normalised) is a status value on its own.
    pub fn status_cell(&self, cell: &str) -> StatusStrength {
        if self.matcher(Group::StatusCellStrong).is_match(cell) {
            StatusStrength::Strong
        } else if self.matcher(Group::StatusCellWeak).is_match(cell) {
            StatusStrength::Weak
        } else {
            StatusStrength::None
        }
    }
    /// Whether `word` ends in "ed" without being past tense ("needed", "embedded").
    pub fn is_not_past_tense(&self, word: &str) -> bool {
        self.matcher(Group::NotPastTense).has_word(word)
    }
    /// Whether `word` is a verb in the past tense without "-ed" ("met", "wrote").
    pub fn is_irregular_past(&self, word: &str) -> bool {
        self.matcher(Group::IrregularPast).has_word(word)
    }
    /// Whether `word` may open a report before its subject ("this", "week", "also";
    /// `report-time.toml`).
    pub fn is_report_time(&self, word: &str) -> bool {
        self.matcher(Group::ReportTime).has_word(word)
    }
    /// Whether `word` names a group that reports work ("team", "agents";
    /// `report-team.toml`).
    pub fn is_report_team(&self, word: &str) -> bool {
        self.matcher(Group::ReportTeam).has_word(word)
    }
    /// Whether `word` is a count written as a word ("three", "dozen"; not "one").
    pub fn is_count_word(&self, word: &str) -> bool {
        self.matcher(Group::CountWord).has_word(word)
    }
    /// Whether `word` is a past participle without "-ed" ("sent", "taken").
    pub fn is_irregular_participle(&self, word: &str) -> bool {
        self.matcher(Group::IrregularParticiple).has_word(word)
    }
    /// Which entries match a normalised sentence, as `file entry N` (counted from 1): a
    /// debugging aid for catalogue work. It compiles every entry, so it is slow.
    #[doc(hidden)]
    pub fn explain(&self, s: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (file, spec) in &self.data.groups {
            for (i, entry) in spec.entry.iter().enumerate() {
                let hit = match entry.pattern {
                    Some(_) => self
                        .data
                        .entry_source(spec, entry, Flavour::Sentence)
                        .ok()
                        .and_then(|p| matcher::compile(&p).ok())
                        .is_some_and(|re| re.is_match(s)),
                    None => Matcher::words(entry.words.iter().map(|w| &**w)).is_match(s),
                };
                if hit {
                    out.push(format!("{file} entry {}", i + 1));
                }
            }
        }
        out
    }
}

/// Compiles a group's patterns into one matcher (or its words into a word list). When the
/// whole does not compile, each entry is tried alone and the ones that fail are left out.
fn compile_group(
    data: &Data,
    file: &str,
    spec: &GroupSpec,
    problems: &mut Vec<Problem>,
) -> Matcher {
    if spec.entry.is_empty() {
        return Matcher::Never;
    }
    if spec.entry.iter().all(|e| e.pattern.is_none()) {
        return Matcher::words(spec.entry.iter().flat_map(|e| e.words.iter().map(|w| &**w)));
    }
    let anchored = data.anchored(spec);
    let (source, found) = data.group_source(file, spec, Flavour::Sentence);
    if found.is_empty() {
        if let Ok(m) = Matcher::pattern(&source, anchored) {
            return m;
        }
    }
    // Something does not compile: try each entry alone (which reports `found` again).
    let mut kept = spec.clone();
    kept.entry.clear();
    for (i, entry) in spec.entry.iter().enumerate() {
        match data
            .entry_source(spec, entry, Flavour::Sentence)
            .and_then(|p| matcher::compile(&p))
        {
            Ok(_) => kept.entry.push(entry.clone()),
            Err(e) => problems.push(Problem::entry(
                file,
                i,
                format!("pattern does not compile: {e}"),
            )),
        }
    }
    if kept.entry.is_empty() {
        return Matcher::Never;
    }
    let (source, _) = data.group_source(file, &kept, Flavour::Sentence);
    Matcher::pattern(&source, anchored).unwrap_or_else(|e| {
        problems.push(Problem::new(
            file,
            "",
            format!("the group does not compile: {e}"),
        ));
        Matcher::Never
    })
}

#[cfg(test)]
mod tests;
