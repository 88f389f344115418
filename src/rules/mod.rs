//! The rule table: every rule's id, default severity, summary, documentation and check.
//!
//! Rule ids are written here and nowhere else; they are what users see in findings and
//! write in their configuration.

use crate::agenda::parallel;
use crate::agenda::{Agenda, Block, BlockKind, PartKind, Sentence};
use crate::config::Config;
use crate::diagnostic::{Fix, Severity};
use crate::patterns::{catalogue, Catalogue, Group, Judged, Marks, SharedMarks};
use rayon::prelude::*;
use std::ops::Range;

mod analysis_limited;
mod competing_priorities;
mod handoff_closing;
mod hedged_ask;
mod long_agenda;
mod missing_ask;
mod missing_insight;
mod missing_outcome;
mod missing_part;
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
}

/// The groups the rules ask of nearly every sentence of talk, whatever it says.
const TALK_GROUPS: [Group; 6] = [
    Group::Handoff,
    Group::OpenQuestion,
    Group::Unfinished,
    Group::Priority,
    Group::Ask,
    Group::Request,
];

/// What a rule sees.
pub struct Context<'a> {
    pub text: &'a str,
    pub agenda: &'a Agenda,
    pub config: &'a Config,
    /// Whether fixes carry their edits. Without them a fix is its title and safety only:
    /// what a client is shown with each diagnostic, at a fraction of the cost. The edits
    /// are built when a code action asks for them.
    pub edits: bool,
    /// What the catalogue has found in each sentence so far, by sentence index.
    marks: Vec<SharedMarks>,
    /// The same for each block as a whole, by block index.
    block_marks: Vec<SharedMarks>,
    /// What was known about each sentence and then each block before the rules ran.
    known: Vec<Marks>,
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, agenda: &'a Agenda, config: &'a Config) -> Self {
        Self::with_marks(text, agenda, config, |_| Marks::default())
    }

    /// A context whose sentences start with what is already known about them.
    pub fn with_marks(
        text: &'a str,
        agenda: &'a Agenda,
        config: &'a Config,
        known: impl Fn(&str) -> Marks,
    ) -> Self {
        let known: Vec<Marks> = agenda
            .sentences
            .iter()
            .map(|s| known(&s.norm))
            .chain(agenda.blocks.iter().map(|b| known(&b.norm)))
            .collect();
        let (sentences, blocks) = known.split_at(agenda.sentences.len());
        let marks: Vec<SharedMarks> = sentences.iter().copied().map(SharedMarks::new).collect();
        let block_marks: Vec<SharedMarks> = blocks.iter().copied().map(SharedMarks::new).collect();
        if parallel(text.len()) {
            prejudge(agenda, &marks, &block_marks);
        }
        Context {
            text,
            agenda,
            config,
            edits: true,
            marks,
            block_marks,
            known,
        }
    }

    /// Each sentence and block with what the catalogue found in it, and whether that is
    /// more than was known before the rules ran.
    pub fn marks(&self) -> impl Iterator<Item = (&'a str, Marks, bool)> + Clone + '_ {
        let sentences = self.agenda.sentences.iter().map(|s| &*s.norm);
        let blocks = self.agenda.blocks.iter().map(|b| &*b.norm);
        sentences
            .zip(&self.marks)
            .chain(blocks.zip(&self.block_marks))
            .zip(&self.known)
            .map(|((norm, m), known)| (norm, m.get(), m.get() != *known))
    }

    pub fn patterns(&self) -> &'static Catalogue {
        catalogue()
    }

    /// The catalogue's view of a sentence of this agenda; each pattern group runs at most
    /// once per sentence, whichever rules ask.
    pub fn judge<'s>(&'s self, s: &'s Sentence) -> Judged<'s> {
        let index = index_of(&self.agenda.sentences, s);
        // A sentence from elsewhere is judged without remembering.
        catalogue().judge(&s.norm, index.and_then(|i| self.marks.get(i)))
    }

    /// The catalogue's view of a block as a whole (a list item, a status line).
    pub fn judge_block<'s>(&'s self, b: &'s Block) -> Judged<'s> {
        // A one-sentence block shares its sentence's marks.
        if let Some(s) = sole_sentence(self.agenda, b) {
            return self.judge(&self.agenda.sentences[s]);
        }
        let index = index_of(&self.agenda.blocks, b);
        catalogue().judge(&b.norm, index.and_then(|i| self.block_marks.get(i)))
    }

    /// Sentences of 1:1 talk (everything outside the pre-read).
    pub fn talk(&self) -> impl Iterator<Item = &Sentence> {
        self.agenda.talk()
    }

    pub fn kind(&self, s: &Sentence) -> PartKind {
        self.agenda.kind_of_sentence(s)
    }
}

/// The block's only sentence, when the block reads exactly as it: the block is then
/// judged through the sentence.
fn sole_sentence(agenda: &Agenda, b: &Block) -> Option<usize> {
    let i = b.sentences.start;
    (b.sentences.len() == 1 && agenda.sentences.get(i)?.norm == b.norm).then_some(i)
}

/// For a long agenda: answers up front, on every core, the questions the rules ask of
/// nearly every sentence and list item (the groups in [`TALK_GROUPS`] for each sentence
/// of talk, how much each list item reads as status). The answers are the ones the
/// rules would get asking one by one; they only arrive sooner.
fn prejudge(agenda: &Agenda, marks: &[SharedMarks], block_marks: &[SharedMarks]) {
    // A list item's status is judged on its only sentence when the two read the same
    // (see `Context::judge_block`), else on the item.
    let mut sole = vec![false; marks.len()];
    let mut item = vec![false; block_marks.len()];
    for (i, b) in agenda.blocks.iter().enumerate() {
        if !matches!(b.kind, BlockKind::Item { task: false, .. }) {
            continue;
        }
        match sole_sentence(agenda, b) {
            Some(s) => sole[s] = true,
            None => item[i] = true,
        }
    }
    let judge = |m: &SharedMarks, norm: &str, talk: bool, status: bool| {
        let judged = catalogue().judge(norm, Some(m));
        if talk {
            for group in TALK_GROUPS {
                judged.has(group);
            }
        }
        if status {
            judged.status_strength();
        }
    };
    marks
        .par_iter()
        .zip(agenda.sentences.par_iter())
        .zip(sole.par_iter())
        .for_each(|((m, s), &sole)| {
            let talk = agenda.kind_of_sentence(s) != PartKind::PreRead;
            judge(m, &s.norm, talk, sole);
        });
    block_marks
        .par_iter()
        .zip(agenda.blocks.par_iter())
        .zip(item.par_iter())
        .filter(|(_, &item)| item)
        .for_each(|((m, b), _)| judge(m, &b.norm, false, true));
}

/// Where `item` sits in `items`, if it is one of them: from its address, in constant
/// time (rules ask for the same sentences many times per check).
fn index_of<T>(items: &[T], item: &T) -> Option<usize> {
    let size = std::mem::size_of::<T>();
    let offset = (item as *const T as usize).checked_sub(items.as_ptr() as usize)?;
    let index = offset.checked_div(size)?;
    (offset % size == 0 && index < items.len()).then_some(index)
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

#[cfg(test)]
mod tests {
    use super::index_of;

    #[test]
    fn index_of_finds_members_only() {
        let items = vec![String::from("a"), String::from("b"), String::from("c")];
        for (i, item) in items.iter().enumerate() {
            assert_eq!(index_of(&items, item), Some(i));
        }
        let other = String::from("b");
        assert_eq!(index_of(&items, &other), None);
        let copy = items.clone();
        assert_eq!(index_of(&items, &copy[1]), None);
        assert_eq!(index_of(&items[1..], &items[0]), None);
        assert_eq!(index_of(&items[..1], &items[2]), None);
    }
}
