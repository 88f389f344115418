//! The rule table: every rule's id, default severity, summary, documentation and check.
//!
//! Rule ids are written here and nowhere else; they are what users see in findings and
//! write in their configuration.

use crate::agenda::{Agenda, Block, PartKind, Sentence};
use crate::config::Config;
use crate::diagnostic::{Fix, Related, Severity};
use crate::patterns::{catalogue, Catalogue, Judged};
use crate::series::Series;
use std::ops::Range;

mod analysis_limited;
mod reading;
pub use reading::Reading;
mod competing_priorities;
mod handoff_closing;
mod hedged_ask;
mod long_agenda;
mod missing_ask;
mod missing_insight;
mod missing_outcome;
mod missing_part;
mod open_action_item;
mod outcome_changed;
mod repeated_ask;
mod status_dump;
mod unfinished_starter;
mod vague_opening;

#[cfg(test)]
pub(crate) mod test_support;

/// What a rule reports, before the table adds its id and severity.
#[derive(Debug, Clone)]
pub struct Finding {
    pub range: Range<usize>,
    pub message: String,
    pub fixes: Vec<Fix>,
    /// Places in the history that explain it (see [`Related`]); empty for most rules.
    pub related: Vec<Related>,
}

/// What a rule sees.
pub struct Context<'a> {
    pub text: &'a str,
    pub agenda: &'a Agenda,
    pub config: &'a Config,
    /// The series this agenda is the current entry of (set by [`crate::View`] for a
    /// running doc); `None` for an agenda on its own, and then the rules that read across
    /// meetings are quiet.
    pub history: Option<&'a Series>,
    /// Each sentence's reading, by [`Sentence::index`]: built once per check and shared by
    /// every rule, so that no sentence is read twice.
    readings: Vec<Reading<'a>>,
    /// The reading of an empty sentence, for a sentence that is not this agenda's.
    nothing: Reading<'a>,
    /// Which blocks are action items, by block index.
    action_items: Vec<bool>,
}

/// The range a rule gives a finding about the current entry as a whole: [`crate::View`]
/// puts it on the entry's heading, which lies before the text the rules see.
pub const ENTRY_HEADING: Range<usize> = usize::MAX..usize::MAX;

impl<'a> Context<'a> {
    pub fn new(text: &'a str, agenda: &'a Agenda, config: &'a Config) -> Self {
        let readings = agenda
            .sentences
            .iter()
            .map(|s| {
                let second_opinion = !agenda.kind_of_sentence(s).is_part();
                Reading::new(catalogue().judge(&s.norm), second_opinion)
            })
            .collect();
        Context {
            text,
            agenda,
            config,
            history: None,
            readings,
            nothing: Reading::new(catalogue().judge(""), false),
            action_items: agenda
                .blocks
                .iter()
                .map(|b| crate::series::actions::is_action_block(text, b))
                .collect(),
        }
    }

    /// The same context with the series it belongs to.
    pub fn with_history(self, history: Option<&'a Series>) -> Self {
        Context { history, ..self }
    }

    /// The sentence is part of an action item (`- [ ] …`, `TODO: …`): never status, never
    /// the agenda's ask.
    pub fn in_action_item(&self, s: &Sentence) -> bool {
        self.action_items.get(s.block).copied().unwrap_or(false)
    }

    pub fn patterns(&self) -> &'static Catalogue {
        catalogue()
    }

    /// What a sentence of this agenda reads as (see [`Reading`]).
    pub fn judge(&self, s: &Sentence) -> &Reading<'a> {
        match self.readings.get(s.index) {
            Some(reading) if reading.catalogue.norm == &*s.norm => reading,
            _ => &self.nothing,
        }
    }

    /// The catalogue's view of a block as a whole (a list item, a status line).
    pub fn judge_block<'s>(&'s self, b: &'s Block) -> Judged<'s> {
        catalogue().judge(&b.norm)
    }

    /// Sentences of 1:1 talk (everything outside the pre-read).
    pub fn talk(&self) -> impl Iterator<Item = &Sentence> {
        self.agenda.talk()
    }

    pub fn kind(&self, s: &Sentence) -> PartKind {
        self.agenda.kind_of_sentence(s)
    }
}

/// A rule's user documentation, in three parts plus its fix.
pub struct RuleDocs {
    pub what: &'static str,
    pub why: &'static str,
    /// A short agenda excerpt that triggers the rule.
    pub example: &'static str,
    /// What the rule's fixes do.
    pub fix: &'static str,
}

pub struct Rule {
    /// Stable, kebab-case, user-facing.
    pub id: &'static str,
    /// `None`: off unless the user turns it on.
    pub default_severity: Option<Severity>,
    pub summary: &'static str,
    pub docs: &'static RuleDocs,
    pub check: fn(&Context) -> Vec<Finding>,
}

/// Every rule, in the order findings are produced.
pub const RULES: &[Rule] = &[
    Rule {
        id: "missing-ask",
        default_severity: Some(Severity::Warning),
        summary: "The agenda asks for nothing: no recommendation, request, decision or tradeoff.",
        docs: &missing_ask::DOCS,
        check: missing_ask::check,
    },
    Rule {
        id: "vague-opening",
        default_severity: Some(Severity::Warning),
        summary: "The agenda or one of its parts opens with activity instead of its point.",
        docs: &vague_opening::DOCS,
        check: vague_opening::check,
    },
    Rule {
        id: "handoff-closing",
        default_severity: Some(Severity::Warning),
        summary: "A sentence hands the problem back without a view of your own.",
        docs: &handoff_closing::DOCS,
        check: handoff_closing::check,
    },
    Rule {
        id: "missing-outcome",
        default_severity: Some(Severity::Information),
        summary: "No outcome: the business result you are driving is not stated.",
        docs: &missing_outcome::DOCS,
        check: missing_outcome::check,
    },
    Rule {
        id: "missing-insight",
        default_severity: Some(Severity::Information),
        summary: "No insight: nothing you are seeing that your VP may not.",
        docs: &missing_insight::DOCS,
        check: missing_insight::check,
    },
    Rule {
        id: "status-dump",
        default_severity: Some(Severity::Warning),
        summary: "Routine status items fill the 1:1 instead of a pre-read.",
        docs: &status_dump::DOCS,
        check: status_dump::check,
    },
    Rule {
        id: "unfinished-starter",
        default_severity: Some(Severity::Information),
        summary: "A sentence starter is waiting for the rest of its sentence.",
        docs: &unfinished_starter::DOCS,
        check: unfinished_starter::check,
    },
    Rule {
        id: "competing-priorities",
        default_severity: Some(Severity::Information),
        summary: "More than one thing is called the most important.",
        docs: &competing_priorities::DOCS,
        check: competing_priorities::check,
    },
    Rule {
        id: "hedged-ask",
        default_severity: Some(Severity::Hint),
        summary: "An ask is softened by hedges until it is easy to decline.",
        docs: &hedged_ask::DOCS,
        check: hedged_ask::check,
    },
    Rule {
        id: "long-agenda",
        default_severity: Some(Severity::Hint),
        summary: "The talk part of the agenda is long for a 1:1.",
        docs: &long_agenda::DOCS,
        check: long_agenda::check,
    },
    Rule {
        id: "open-action-item",
        default_severity: Some(Severity::Information),
        summary: "Action items still open in earlier entries are not carried into this one.",
        docs: &open_action_item::DOCS,
        check: open_action_item::check,
    },
    Rule {
        id: "repeated-ask",
        default_severity: Some(Severity::Information),
        summary: "An earlier entry already asked for this, and nothing says what changed since.",
        docs: &repeated_ask::DOCS,
        check: repeated_ask::check,
    },
    Rule {
        id: "outcome-changed",
        default_severity: Some(Severity::Hint),
        summary: "The outcome differs from the previous entry's, and nothing says why.",
        docs: &outcome_changed::DOCS,
        check: outcome_changed::check,
    },
    Rule {
        id: "analysis-limited",
        default_severity: Some(Severity::Information),
        summary: "The document is over the analysis budget; only its start was checked.",
        docs: &analysis_limited::DOCS,
        check: analysis_limited::check,
    },
];

/// Looks a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
