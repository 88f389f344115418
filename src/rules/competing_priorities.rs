//! `competing-priorities`: more than one thing is "the most important".

use super::{Context, Finding, RuleDocs};
use std::collections::HashSet;

pub const DOCS: RuleDocs = RuleDocs {
    what: "Fires on the second and later sentences that each claim to be the most important outcome or the top priority, when they name something different from the first claim. Restating the same priority (\"Invoicing accuracy is also my top priority\") is fine, and so is someone else's priority (\"It's also Finance's top priority\").",
    why: "One outcome anchors the conversation; two \"most important\" outcomes tell your VP you have not chosen. Pick the one that matters most and let the other wait or become context.",
    example: "The most important outcome I'm focused on is renewals.\nMy top priority is the hiring plan.",
    fix: "No automatic fix: choose one outcome and reword the others.",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut claims = ctx.talk().filter(|s| ctx.judge(s).claims_top_priority());
    let Some(first) = claims.next() else {
        return Vec::new();
    };
    let anchor: HashSet<&str> = candidate_words(&first.norm)
        .filter(|w| !is_generic(w))
        .collect();
    // The anchor holds no generic word, so a claim's words need no filtering to be
    // looked up in it.
    claims
        .filter(|s| !candidate_words(&s.norm).any(|w| anchor.contains(w)))
        .map(|s| Finding {
            range: s.range.clone(),
            message: "Another \"most important\" outcome. One outcome anchors the 1:1; choose the one that matters most.".to_string(),
            fixes: Vec::new(),
            related: Vec::new(),
        })
        .collect()
}

/// The words that say what a claim is about: longer words, minus the words every claim
/// shares ("important", "priority", "focused", …). "invoicing" and "invoices" meet on
/// their first six letters.
/// Words of five letters or more, cut to their first six (a crude stem).
fn candidate_words(norm: &str) -> impl Iterator<Item = &str> {
    norm.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 5)
        .map(|w| w.char_indices().nth(6).map_or(w, |(i, _)| &w[..i]))
}

/// Words that say "this is a priority" rather than what the priority is.
fn is_generic(word: &str) -> bool {
    const GENERIC: &[&str] = &[
        "important",
        "priority",
        "priorit",
        "outcome",
        "focused",
        "focusing",
        "right",
        "really",
        "single",
        "number",
        "quarter",
        "month",
        "about",
        "which",
        "their",
        "there",
        "these",
        "those",
        "while",
        "thing",
        "things",
        "getting",
        "making",
        "because",
        "also",
        "again",
        "though",
        "still",
        "other",
        "every",
        "first",
        "current",
        "currently",
        "driving",
        "would",
        "should",
        "could",
        "being",
        "today",
        "this",
        "that",
        "with",
        "from",
        "into",
        "most",
        "top",
        "goal",
        "goals",
        "result",
        "results",
        "year",
        "half",
        "week",
    ];
    GENERIC
        .iter()
        .any(|g| g.starts_with(word) || word.starts_with(g))
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::*;

    const RULE: &str = "competing-priorities";

    #[test]
    fn fires_on_the_second_claim() {
        assert_fires_on(
            RULE,
            "The most important outcome I'm focused on right now is renewals.\n\nMy top priority is the hiring plan.\n\nThe most important thing is morale.\n",
            &["My top priority", "The most important thing"],
        );
        assert_quiet(RULE, "The most important outcome I'm focused on right now is renewals. It is also the priority for Sales.\n");
    }

    #[test]
    fn restating_the_same_priority_is_fine() {
        assert_quiet(
            RULE,
            "The most important outcome I'm focused on right now is getting invoicing errors below 1%.\n\nInvoice accuracy is my top priority because every error costs a support ticket.\n",
        );
    }
}
