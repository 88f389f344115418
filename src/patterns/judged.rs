//! A normalised sentence and what the catalogue makes of it: each group asked once, its
//! answer kept for the next question and, per thread, for the next check
//! ([`crate::memo`]).

use super::{classify_plain_label, Catalogue, Group, StatusStrength};
use crate::agenda::{plain_label_name, PartKind};
use crate::memo::Memo;
use std::cell::{Cell, RefCell};

const GROUPS: usize = Group::ALL.len();

/// Each group's answer for a sentence, by group index, once asked.
type Known = [Option<bool>; GROUPS];

thread_local! {
    /// The answers for the sentences this thread judged lately, with the catalogue's id.
    static KNOWN: RefCell<Memo<(usize, Known)>> = RefCell::new(Memo::default());
}

/// A normalised sentence and what the catalogue makes of it. Each group runs the first
/// time a question needs it; its answer is kept for the next question, and, when the
/// `Judged` is dropped, for the next check that meets the same sentence ([`crate::memo`]).
pub struct Judged<'a> {
    cat: &'a Catalogue,
    pub norm: &'a str,
    known: Cell<Known>,
    /// Whether a group ran here (so there is something new to keep).
    learned: Cell<bool>,
}

impl Drop for Judged<'_> {
    fn drop(&mut self) {
        if self.learned.get() {
            let kept = (self.cat.id, self.known.get());
            KNOWN.with(|m| m.borrow_mut().put(self.norm, kept));
        }
    }
}

impl<'a> Judged<'a> {
    /// What the catalogue already knows of `s` from this thread's last checks, and the
    /// rest to ask.
    pub(super) fn new(cat: &'a Catalogue, s: &'a str) -> Judged<'a> {
        let known = KNOWN.with(|m| match m.borrow().get(s) {
            Some(&(id, known)) if id == cat.id => known,
            _ => [None; GROUPS],
        });
        Judged {
            cat,
            norm: s,
            known: Cell::new(known),
            learned: Cell::new(false),
        }
    }

    /// Whether the group matches, running it only if it has not run on this text yet.
    pub fn has(&self, group: Group) -> bool {
        let i = group as usize;
        if let Some(hit) = self.known.get()[i] {
            return hit;
        }
        // Words in double quotes are mentioned, not said: "not a "we need more people"
        // problem" asks for nothing, and "tickets mentioning "pay to win" went from 12 to
        // 47" aims at nothing.
        let text = if matches!(group, Group::Ask | Group::Request | Group::Outcome) {
            without_quoted(self.norm)
        } else {
            std::borrow::Cow::Borrowed(self.norm)
        };
        let hit = self.cat.matcher(group).is_match(&text)
            || (group == Group::Handoff && self.hands_off_in_a_clause());
        // Read after the match: the clause test may have asked (and kept) another group.
        let mut known = self.known.get();
        known[i] = Some(hit);
        self.known.set(known);
        self.learned.set(true);
        hit
    }
    /// A hand-off as the sentence's first clause, and after it the writer only bears the
    /// choice out ("up to you really, i can live with the carousel too", "your call, we're
    /// fine either way"), or as its last clause after a comment ("both have merits, and
    /// i'll go with whichever you prefer"): the whole sentence hands the choice back (an
    /// ask anywhere in it still makes it an ask, see [`Judged::is_handoff`]).
    fn hands_off_in_a_clause(&self) -> bool {
        const BEARS_OUT: [&str; 13] = [
            "i ",
            "i'm ",
            "i'd ",
            "i'll ",
            "i've ",
            "we ",
            "we're ",
            "we'd ",
            "we'll ",
            "either ",
            "whatever ",
            "whichever ",
            "both ",
        ];
        // A request form anywhere ("We should freeze deploys — thoughts?") keeps the
        // sentence an ask, as a question with a proposal in it is.
        if self.has(Group::Request) {
            return false;
        }
        let (norm, handoff) = (self.norm, self.cat.matcher(Group::Handoff));
        // A spaced hyphen or a colon sets a clause off too ("carrier renewal for the
        // scotland lanes - thoughts?").
        norm.match_indices([',', ';', '—', '–'])
            .chain(norm.match_indices(" - "))
            .chain(norm.match_indices(": "))
            .map(|(at, sep)| (&norm[..at], norm[at + sep.len()..].trim_start()))
            .any(|(first, rest)| {
                let last = ["and ", "so ", "but "]
                    .iter()
                    .find_map(|w| rest.strip_prefix(w))
                    .unwrap_or(rest);
                (BEARS_OUT.iter().any(|w| rest.starts_with(w)) && handoff.is_match(first))
                    || handoff.is_match(last)
            })
    }

    /// An activity report or an opening that says nothing.
    pub fn is_activity(&self) -> bool {
        self.has(Group::Activity)
    }
    /// The whole sentence hands the problem back, with no view of its own.
    pub fn is_handoff(&self) -> bool {
        self.has(Group::Handoff) && !self.has(Group::Ask)
    }
    /// Asks the VP's view with the move inside it: "lmk what you think we should do"
    /// (`asks-back.toml`).
    pub fn asks_back(&self) -> bool {
        self.has(Group::AsksBack)
    }
    /// Answers the question before it with a view: "Yes, …", "I think not yet.",
    /// "Probably: …" (`answer.toml`).
    pub fn is_answer(&self) -> bool {
        self.has(Group::Answer)
    }
    /// A yes/no question about what to do, with no view in it ("Should we push the
    /// launch?"). It hands the decision back unless a view follows it. A question for a
    /// fact ("Do we have the renewal date?", `fact-question.toml`) is none.
    pub fn is_open_question(&self) -> bool {
        self.has(Group::OpenQuestion)
            && !self.is_ask()
            && !self.is_handoff()
            && !self.has(Group::FactQuestion)
    }
    /// A recommendation, request, decision or tradeoff. A question that puts the decision
    /// to the VP ("Do we want to freeze deploys over the holidays?", "Do you want me to
    /// push Dublin, or would you rather …?") is none, whatever request sits inside it.
    pub fn is_ask(&self) -> bool {
        (self.has(Group::Ask) || (self.has(Group::Request) && !self.has(Group::Handoff)))
            && !self.puts_the_decision_back()
    }

    /// `decision-question.toml`: "do we …?", "should we …?", "do you want me to …?".
    fn puts_the_decision_back(&self) -> bool {
        self.has(Group::DecisionQuestion)
    }
    /// A result the writer is driving. A sentence opened by one of the move's starters
    /// ("The tradeoff I'm weighing is shipping in January or …", "What I need from you is
    /// sign-off for … in December") is the move, whatever target or deadline is in it.
    pub fn is_outcome(&self) -> bool {
        let label = self.labelled();
        // The writer's own label names the part ("What the beta taught me: … has to be
        // ready before we launch" is what they read, not what they aim for).
        ((self.has(Group::Outcome) && !changed_since(self.norm) && !idiom(self.norm))
            || label == Some(PartKind::Outcome))
            && label != Some(PartKind::Insight)
            && !super::MOVE_STARTERS
                .iter()
                .any(|m| starts_with_ignoring_case(self.norm, m))
    }
    pub fn is_insight(&self) -> bool {
        self.has(Group::Insight)
            || self.labelled() == Some(PartKind::Insight)
            || (states_a_view(self.norm) && !self.has(Group::Activity))
    }
    /// The part a sentence names with a plain label of its own, in the middle of a line
    /// or a table cell as at a line's start ("Launch is on the 10th. The bar I'm setting:
    /// 60 demos in 30 days."): an outcome or an insight, with words after the label that
    /// ask nothing. (A move's label proves nothing by itself: "Ask: thoughts?" hands off.)
    fn labelled(&self) -> Option<PartKind> {
        let (name, end) = plain_label_name(self.norm)?;
        let rest = self.norm[end..].trim();
        if rest.is_empty() || rest.ends_with('?') {
            return None;
        }
        classify_plain_label(name).filter(|k| matches!(k, PartKind::Outcome | PartKind::Insight))
    }
    pub fn claims_top_priority(&self) -> bool {
        self.has(Group::Priority)
    }
    pub fn is_hedged(&self) -> bool {
        self.has(Group::Hedge)
    }
    pub fn is_unfinished_starter(&self) -> bool {
        self.has(Group::Unfinished)
    }
    /// A noun phrase that requests something ("A decision on the vendor", "Budget for…").
    pub fn is_request_noun_phrase(&self) -> bool {
        self.has(Group::RequestNoun)
    }
    /// A greeting or a metadata line that comes before the agenda's real opening.
    pub fn is_preamble(&self) -> bool {
        self.has(Group::Preamble)
    }
    /// A closing pleasantry, the whole sentence ("Many thanks!").
    pub fn is_sign_off(&self) -> bool {
        self.has(Group::SignOff)
    }
    /// True when the sentence states an outcome, an insight or an ask: a point of its own.
    pub fn makes_a_point(&self) -> bool {
        self.is_outcome() || self.is_insight() || self.is_ask()
    }
    /// True when a list item is routine status (strong or weak).
    pub fn is_status_item(&self) -> bool {
        self.status_strength() != StatusStrength::None
    }
    /// How strongly a list item reads as routine status.
    pub fn status_strength(&self) -> StatusStrength {
        let s = self.norm;
        if s.is_empty() {
            return StatusStrength::None;
        }
        let strong = self.has(Group::StatusStrong) || self.past_tense_opening();
        let weak = !strong
            && (self.has(Group::StatusWeak)
                || (self.has(Group::ParticipleEnding) && !self.mentions_not_past_tense()));
        if !strong && !weak {
            return StatusStrength::None;
        }
        if self.has(Group::Ask)
            || self.has(Group::Request)
            || self.is_outcome()
            || self.is_insight()
        {
            return StatusStrength::None;
        }
        if strong {
            StatusStrength::Strong
        } else {
            StatusStrength::Weak
        }
    }

    /// The item opens with a past-tense verb ending in "-ed" ("Landed…", "Wrapped…").
    fn past_tense_opening(&self) -> bool {
        let word = self
            .norm
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        word.len() >= 5 && word.ends_with("ed") && !self.cat.is_not_past_tense(word)
    }

    /// The item holds an "-ed" word that is not past tense ("embedded", "needed").
    fn mentions_not_past_tense(&self) -> bool {
        self.norm
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.len() > 2 && w.ends_with("ed") && self.cat.is_not_past_tense(w))
    }
}

/// The sentence with each short phrase in double quotes (at most five words) left out, `"…"`
/// in its place: a phrase named ("pay to win", "we need more people") is mentioned, not
/// said. A whole clause in quotes is the writer's own ("Everything rolls up to "cut churn
/// from 4% to 2% by Q4"") and stays.
fn without_quoted(norm: &str) -> std::borrow::Cow<'_, str> {
    static QUOTED: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r#""([^"]*)""#).expect("a valid regex"));
    QUOTED.replace_all(norm, |c: &regex::Captures| {
        if c[1].split_whitespace().count() <= 5 {
            "\"…\"".to_string()
        } else {
            c[0].to_string()
        }
    })
}

/// The words of a move: a sentence with one of them recommends, asks or decides, whatever
/// view or reason comes with it.
const MOVE_WORDS: [&str; 23] = [
    "should",
    "must",
    "need",
    "needs",
    "needed",
    "let",
    "lets",
    "propose",
    "recommend",
    "suggest",
    "ask",
    "want",
    "wants",
    "ought",
    "ll",
    "d",
    "will",
    "would",
    "decide",
    "approve",
    "sign",
    "you",
    "your",
];

/// A change told from a point in time ("Avg discount crept from 14% to 22% since Sept, and
/// …"): "since" inside the first clause. It is what happened, whatever target it sounds
/// like. ("Since the reorg, my goal is …", which opens with it, is still the goal; a
/// "since" in a later clause is the target's context: "…, the first time since the
/// merger".)
fn changed_since(norm: &str) -> bool {
    let first = norm.split([',', ';', '—', '–']).next().unwrap_or(norm);
    first.contains(" since ")
}

/// An idiom that opens with a verb of holding ("Keep in mind the vendor is over $2M",
/// "Hold off on the hire until burn is under $1M"): no result held.
fn idiom(norm: &str) -> bool {
    const IDIOMS: [&str; 6] = [
        "keep in mind",
        "keep an eye",
        "keep track",
        "keep tabs",
        "hold off",
        "hold on",
    ];
    IDIOMS.iter().any(|i| norm.starts_with(i))
}

fn has_a_move_word(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| MOVE_WORDS.contains(&w))
}

/// The writer's view of how things stand, given as a view and asking nothing: "i think
/// we're one missed shipment away from line-down", "It seems to me, having sat through
/// the exit meetings, that the delay is structural", "My sense is the pilot sites never
/// bought in". An opener of opinion, then a claim of a few words that is no move: no
/// word of one ("should", "need", "I'll", "recommend", "you" …), no "the best path is to
/// …" or "better to …", and no "we" with a verb of what to do ("I think we commit to our
/// own name now"). A question is none.
fn states_a_view(norm: &str) -> bool {
    // The view may come as a later clause ("That's the same curve as 2023, and I don't
    // believe the lining makes it to June").
    const CLAUSES: [&str; 5] = [", and ", ", but ", "; ", " — ", " – "];
    !norm.trim_end().ends_with('?')
        && std::iter::once(norm)
            .chain(
                CLAUSES
                    .iter()
                    .flat_map(|c| norm.match_indices(c).map(|(at, c)| &norm[at + c.len()..])),
            )
            .any(view_opens)
}

/// [`states_a_view`] for a sentence or clause that opens with the view.
fn view_opens(norm: &str) -> bool {
    const LEADS: [&str; 9] = [
        "anyway",
        "and",
        "but",
        "so",
        "honestly",
        "tbh",
        "fwiw",
        "personally",
        "ok",
    ];
    const OPENERS: [&str; 21] = [
        "i think ",
        "i believe ",
        "i reckon ",
        "i'd say ",
        "i feel like ",
        "i don't think ",
        "i don't believe ",
        "i doubt ",
        "i'm fairly sure ",
        "i'm pretty sure ",
        "i'm convinced ",
        "i'm not convinced ",
        "my sense is ",
        "my guess is ",
        "my hunch is ",
        "my gut says ",
        "my gut feeling is ",
        "it seems to me",
        "it looks to me like ",
        "in my view",
        "in my opinion",
    ];
    const MOVE_PHRASES: [&str; 13] = [
        " is to ",
        " are to ",
        "better to",
        "best to",
        "has to ",
        "have to ",
        "time to ",
        "to start",
        "worth ",
        " path",
        "go with",
        "the move",
        "the call",
    ];
    // After "we", a verb of how things are, not of what to do.
    const STATE: [&str; 13] = [
        "are", "were", "have", "had", "lost", "keep", "don't", "can't", "won't", "aren't",
        "haven't", "didn't", "got",
    ];
    let mut rest = norm.trim_start();
    while let Some(r) = LEADS.iter().find_map(|l| {
        let r = rest.strip_prefix(l)?;
        r.strip_prefix(", ").or_else(|| r.strip_prefix(' '))
    }) {
        rest = r;
    }
    let Some(claim) = OPENERS.iter().find_map(|o| rest.strip_prefix(o)) else {
        return false;
    };
    let claim = claim.trim_start_matches([',', ' ']);
    let claim = claim.strip_prefix("that ").unwrap_or(claim);
    let words: Vec<&str> = claim
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let spaced = format!(" {claim}");
    let we_act = words.first() == Some(&"we")
        && words
            .get(1)
            .is_some_and(|w| !STATE.contains(w) && !w.ends_with("ed"));
    // A verdict on how the work goes is status, not a reading ("I think it's mostly on
    // track", "I think the migration is done").
    const VERDICTS: [&str; 12] = [
        "on track",
        "done",
        "going well",
        "going fine",
        "fine",
        "good",
        "ok",
        "okay",
        "finished",
        "complete",
        "sorted",
        "under control",
    ];
    let tail = spaced.trim_end_matches(['.', '!', ' ']);
    let verdict = VERDICTS
        .iter()
        .any(|v| tail.strip_suffix(v).is_some_and(|b| b.ends_with(' ')));
    words.len() >= 4
        && !has_a_move_word(claim)
        && !MOVE_PHRASES.iter().any(|p| spaced.contains(p))
        && !we_act
        && !verdict
}

fn starts_with_ignoring_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod view_tests {
    use super::{states_a_view, without_quoted};

    #[test]
    fn quoted_words_are_left_out() {
        assert_eq!(
            without_quoted("it's a coverage gap, not a \"we need more people\" problem."),
            "it's a coverage gap, not a \"…\" problem."
        );
        assert_eq!(
            without_quoted("we need \"two more\" and \"one\""),
            "we need \"…\" and \"…\""
        );
        assert_eq!(without_quoted("an odd \" quote"), "an odd \" quote");
        assert_eq!(without_quoted("a \"b\" c \" d"), "a \"…\" c \" d");
    }

    #[test]
    fn a_view_of_how_things_stand_is_a_reading() {
        for yes in [
            "anyway i think we're one missed shipment away from line-down on the controllers",
            "it seems to me, having sat through the exit meetings, that the delay is structural",
            "my sense is the pilot sites never bought in to the new rota",
            "i don't believe the lining makes it to the june reline",
            "honestly, i reckon the churn is about company size, not usage",
            "that's the curve of 2023, and i don't believe the lining makes it to the june reline",
            "i think the plan won't survive the audit",
        ] {
            assert!(states_a_view(yes), "{yes}");
        }
        for no in [
            "i think we should pause the launch until the audit closes",
            "i think the cleanest path is to freeze new dashboard requests",
            "i think we commit to our own category name now",
            "i think better to give finance two more approvers",
            "i think we're good",
            "do you think the churn is about company size?",
            "i think you'll like the new layout a lot",
            "i think the migration is done.",
            "we're still working on the pricing page, but i think it's mostly on track.",
            "the delay is structural, not a matter of goodwill",
        ] {
            assert!(!states_a_view(no), "{no}");
        }
    }
}
