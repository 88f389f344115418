//! Which part a heading or a label names (`data/patterns/headings.toml`).

use super::data::{Data, Flavour, GroupSpec, Problem};
use super::{catalogue, matcher, normalise};
use crate::agenda::PartKind;
use regex::Regex;

/// The heading vocabulary, compiled: one regex per table of `headings.toml`. A table that
/// cannot be read is `None` and matches nothing.
pub(crate) struct Headings {
    numbering: Option<Regex>,
    pre_read: Option<Regex>,
    status: Option<Regex>,
    outcome: Option<Regex>,
    insight: Option<Regex>,
    moves: Option<Regex>,
    exact_label: Option<Regex>,
}

impl Headings {
    pub(crate) fn new(data: &Data, problems: &mut Vec<Problem>) -> Headings {
        let h = &data.headings;
        let mut compile = |table: &str, spec: &GroupSpec| {
            let place = format!("[{table}]");
            let (source, found) = data.group_source("headings", spec, Flavour::Heading);
            let found = found.into_iter().map(|p| Problem {
                place: format!("{place} {}", p.place),
                ..p
            });
            problems.extend(found);
            if spec.entry.is_empty() {
                problems.push(Problem::new("headings", &place, "no entries"));
                return None;
            }
            matcher::compile(&source)
                .map_err(|e| problems.push(Problem::new("headings", &place, e)))
                .ok()
        };
        Headings {
            numbering: compile("numbering", &h.numbering),
            pre_read: compile("pre-read", &h.pre_read),
            status: compile("status", &h.status),
            outcome: compile("outcome", &h.outcome),
            insight: compile("insight", &h.insight),
            moves: compile("move", &h.moves),
            exact_label: compile("exact-label", &h.exact_label),
        }
    }

    /// A heading's words, normalised, without their numbering ("2) What I'm seeing").
    fn words(&self, title: &str) -> String {
        let norm = normalise(title);
        match &self.numbering {
            Some(re) => re.replace(&norm, "").into_owned(),
            None => norm,
        }
    }
}

fn is_match(re: &Option<Regex>, s: &str) -> bool {
    re.as_ref().is_some_and(|re| re.is_match(s))
}

/// Classifies a heading's or bold label's words.
pub fn classify_heading(title: &str) -> Option<PartKind> {
    let rx = &catalogue().headings;
    let stripped = rx.words(title);
    if is_match(&rx.pre_read, &stripped) {
        return Some(PartKind::PreRead);
    }
    // The earliest part named wins ("Risks and asks" is an insight), and of two named at
    // the same place the longer ("What I'm after from you" is a move, "What I'm after"
    // an outcome); a part beats a status word ("This week's ask" is a leadership move).
    [
        (PartKind::Outcome, &rx.outcome),
        (PartKind::Insight, &rx.insight),
        (PartKind::Move, &rx.moves),
    ]
    .into_iter()
    .filter_map(|(kind, re)| {
        re.as_ref()?
            .find(&stripped)
            .map(|m| ((m.start(), std::cmp::Reverse(m.end())), kind))
    })
    .min_by_key(|(at, _)| *at)
    .map(|(_, kind)| kind)
    .or_else(|| is_match(&rx.status, &stripped).then_some(PartKind::Status))
}

/// Classifies a plain `Name:` label: only a part's exact name counts.
pub fn classify_plain_label(label: &str) -> Option<PartKind> {
    let rx = &catalogue().headings;
    if is_match(&rx.exact_label, &rx.words(label)) {
        classify_heading(label)
    } else {
        None
    }
}
