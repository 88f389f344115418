//! The words the series compares: content words (what an ask or an outcome is about, so
//! that a reworded sentence is still the same one) and the phrases that say what happened
//! since the last meeting or why something changed.
//!
//! The lists are data: each is one string of words or phrases, with the sentences that must
//! and must not match beside them in the tests at the bottom.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Words that carry no subject: articles, pronouns, auxiliaries, prepositions, the
/// scaffolding of an ask ("my recommendation is to", "what I need from you is") and of an
/// outcome ("the most important outcome I'm focused on right now is"), and words of time
/// that change from week to week.
const STOP: &str = "a about above after again against all also am an and any are as at be \
    because been before being below between both but by can could did do does doing down \
    during each few for from further had has have having he her here hers him his how i i'd \
    i'll i'm i've if in into is it it's its itself just let let's me more most my myself no \
    nor not now of off on once only or other our ours out over own same she should so some \
    such than that that's the their them then there these they this those through to too \
    under until up very was we we'd we'll we're we've were what when where which while who \
    whom why will with would you you'd you'll you're your yours \
    ask asking asks need needs needed want wants like please help recommend recommendation \
    recommending propose proposal proposing suggest suggesting think decide decided deciding \
    decision making weighing tradeoff trade-off important outcome focused focus right \
    priority goal result driving get getting go going make still us let's know thoughts \
    feel
    today tomorrow yesterday week weeks month months quarter time last next this \
    monday tuesday wednesday thursday friday saturday sunday \
    jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june \
    july august september october november december due deadline";

/// Phrases that say an ask comes back on purpose, or what happened since it was last
/// made ("Following up on the budget", "We still need the headcount decision").
const FOLLOW_UP: &str = "again|follow up|follow-up|following up|followup|still need|still \
    waiting|still blocked|still open|still pending|since last time|since we last|since our \
    last|last time|last week|as discussed|as we discussed|revisit|revisiting|circling back|\
    coming back to|bringing back|re-raise|reraise|raising again|second time|third time|\
    escalat|no answer|no decision yet|not decided|hasn't moved|has not moved|didn't move|\
    did not move|update on|what changed|changed since|since then";

/// Phrases that give a reason or say what changed ("because the vendor slipped", "now
/// that the reorg is done", "instead of the EMEA launch").
const REASON: &str = "because|since|due to|as a result|so that|given that|given the|now that|\
    instead of|instead|no longer|changed|change of|changing|shift|shifted|switched|\
    switching|pivot|replac|reprioriti|deprioriti|dropped|dropping|moved from|moving from|\
    after the|following the|which means|that means|this means|so we|so i|why:|reason";

/// The content words of a normalised sentence, light-stemmed, sorted and without
/// duplicates: the words left when the scaffolding and the stop words are gone.
pub fn content_words(norm: &str) -> Vec<String> {
    let mut out: Vec<String> = norm
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '%'))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty() && !is_stop(w))
        .map(stem)
        .filter(|w| !w.is_empty())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether two sets of content words (from [`content_words`]) are about the same thing:
/// at least two shared words, and the shared words are at least half of both sets
/// together (Dice coefficient ≥ 0.5). Word order and small rewording do not matter.
pub fn same_subject(a: &[String], b: &[String]) -> bool {
    let shared = shared(a, b);
    shared >= 2 && 4 * shared >= a.len() + b.len()
}

/// How many words two sorted, deduplicated lists share.
pub fn shared(a: &[String], b: &[String]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The sentence says the ask comes back on purpose or what happened since.
pub fn is_follow_up(norm: &str) -> bool {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    contains_phrase(norm, LIST.get_or_init(|| phrases(FOLLOW_UP)))
}

/// The sentence gives a reason or says what changed.
pub fn gives_reason(norm: &str) -> bool {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    contains_phrase(norm, LIST.get_or_init(|| phrases(REASON)))
}

/// Whether `norm` holds one of the phrases, starting at a word boundary (a phrase may be
/// a word's beginning: `escalat` matches "escalating").
fn contains_phrase(norm: &str, phrases: &[String]) -> bool {
    phrases.iter().any(|p| {
        norm.match_indices(p.as_str()).any(|(i, _)| {
            norm[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// A `|`-separated list as phrases, their spaces collapsed.
fn phrases(list: &str) -> Vec<String> {
    list.split('|')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn is_stop(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP.split_whitespace().collect())
        .contains(w)
}

/// A light stemmer, the same for every word: "hiring", "hired", "hires" and "hire" are
/// all "hir"; "contractors" is "contractor"; "books" is "book".
fn stem(w: &str) -> String {
    let mut w = w.strip_suffix("'s").unwrap_or(w);
    let long = |s: &str, suffix: &str| s.len() >= suffix.len() + 3 && s.ends_with(suffix);
    if long(w, "ies") {
        return format!("{}y", &w[..w.len() - 3]);
    }
    for suffix in ["ing", "ed", "es", "s"] {
        if long(w, suffix) && !(suffix == "s" && w.ends_with("ss")) {
            w = &w[..w.len() - suffix.len()];
            break;
        }
    }
    let w = if w.len() > 3 {
        w.strip_suffix('e').unwrap_or(w)
    } else {
        w
    };
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::normalise;

    fn words(s: &str) -> Vec<String> {
        content_words(&normalise(s))
    }

    #[test]
    fn content_words_drop_the_scaffolding() {
        assert_eq!(
            words("My recommendation is to hire two contractors for the migration."),
            ["contractor", "hir", "migration", "two"]
        );
        assert_eq!(
            words("What I need from you is approval to hire two contractors."),
            ["approval", "contractor", "hir", "two"]
        );
        assert_eq!(words("Let me know what you think."), Vec::<String>::new());
    }

    #[test]
    fn rewording_is_the_same_subject() {
        let same = [
            (
                "Close the books in four days by February.",
                "Get the monthly close down to four days by end of February.",
            ),
            (
                "My recommendation is to hire two contractors for the migration.",
                "I need your approval for two contractors on the migration.",
            ),
            (
                "Could you introduce me to their CFO?",
                "An intro to their CFO, please: could you introduce us?",
            ),
        ];
        for (a, b) in same {
            assert!(same_subject(&words(a), &words(b)), "{a:?} / {b:?}");
        }
        let different = [
            (
                "Close the books in four days by February.",
                "Cut SMB churn to 2% by the end of Q2.",
            ),
            (
                "My recommendation is to hire two contractors for the migration.",
                "My recommendation is to pause the beta until the SDK licence is signed.",
            ),
            // One shared word is not a subject.
            (
                "Approve the vendor contract.",
                "Approve the offsite budget.",
            ),
        ];
        for (a, b) in different {
            assert!(!same_subject(&words(a), &words(b)), "{a:?} / {b:?}");
        }
    }

    #[test]
    fn follow_ups_and_reasons() {
        for s in [
            "Following up on the contractor budget.",
            "We still need a decision on the vendor.",
            "Asking again: can we hire two contractors?",
            "Since last time, finance signed off on one of the two.",
            "I'd like to escalate the licence question.",
        ] {
            assert!(is_follow_up(&normalise(s)), "{s:?}");
        }
        for s in [
            "My recommendation is to hire two contractors.",
            "We gained three customers.",
            "The stillness of the market.",
        ] {
            assert!(!is_follow_up(&normalise(s)), "{s:?}");
        }
        for s in [
            "The outcome changed because the board moved the IPO.",
            "Now that billing is live, the focus is churn.",
            "Churn replaces the close as my first outcome.",
            "We reprioritized after the reorg.",
        ] {
            assert!(gives_reason(&normalise(s)), "{s:?}");
        }
        for s in [
            "Cut churn to 2% by Q2.",
            "The books close in four days.",
            "Exchange rates hit the margin.",
        ] {
            assert!(!gives_reason(&normalise(s)), "{s:?}");
        }
    }
}
