//! `outcome-changed`: the outcome differs in substance from the previous entry's, and no
//! sentence says why.

use super::{Context, Finding, RuleDocs};
use crate::agenda::Sentence;
use crate::diagnostic::Related;
use crate::series::{self, render::shorten, words};

pub const DOCS: RuleDocs = RuleDocs {
    what: "In a running doc (or a folder of dated agendas), fires on the current entry's outcome when it is about something else than the outcome of the latest earlier entry that states one (few content words in common), and nothing in the outcome part, or next to the outcome sentence, says why (\"because\", \"now that\", \"instead of\", \"no longer\", \"changed\", \"since\"). Rewording the same goal is not a change.",
    why: "The outcome is the thread that ties the series together. When it changes without a word, your VP cannot tell a deliberate shift of priorities from drift; one sentence about why keeps the story straight.",
    example: "## 2026-11-23\n### Outcome\nCut SMB churn to 2% by the end of Q2.\n\n## 2026-11-16\n### Outcome\nClose the books in four days by February.",
    fix: "No automatic fix: add a sentence saying why the outcome changed (what happened, what it replaces), or keep last time's outcome if it still stands.",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    let Some(history) = ctx.history else {
        return Vec::new();
    };
    let Some((previous, entry)) = history.previous_outcome() else {
        return Vec::new();
    };
    let current: Vec<&Sentence> = ctx
        .agenda
        .sentences
        .iter()
        .filter(|s| series::is_outcome(ctx.text, ctx.agenda, s))
        .collect();
    let Some(first) = current.first() else {
        return Vec::new();
    };
    let now: Vec<Vec<String>> = current
        .iter()
        .map(|s| words::content_words(&s.norm))
        .collect();
    let before: Vec<&Vec<String>> = entry.outcomes.iter().map(|o| &o.words).collect();
    let pairwise = now
        .iter()
        .any(|a| before.iter().any(|b| words::same_subject(a, b)));
    let union = |sets: Vec<&Vec<String>>| {
        let mut all: Vec<String> = sets.into_iter().flatten().cloned().collect();
        all.sort_unstable();
        all.dedup();
        all
    };
    let whole = words::same_subject(&union(now.iter().collect()), &union(before));
    if pairwise || whole || says_why(ctx, &current) {
        return Vec::new();
    }
    vec![Finding {
        range: first.range.clone(),
        message: format!(
            "This outcome is not the one of {} (\"{}\"), and nothing here says why. If it changed, say why in a sentence; if not, keep the same outcome so the series reads as one thread.",
            history.name(previous),
            shorten(&entry.outcomes[0].text, 80)
        ),
        fixes: Vec::new(),
        related: vec![Related {
            range: entry.outcomes[0].range.clone(),
            file: entry.file.clone(),
            message: format!("The outcome on {}", history.name(previous)),
        }],
    }]
}

/// A sentence in the outcome's section or block, or right after an outcome sentence,
/// gives a reason or says what changed.
fn says_why(ctx: &Context, outcomes: &[&Sentence]) -> bool {
    let sentences = &ctx.agenda.sentences;
    sentences.iter().enumerate().any(|(i, s)| {
        let near = outcomes.iter().any(|o| {
            (o.section.is_some() && o.section == s.section)
                || o.block == s.block
                || (i > 0 && sentences[i - 1].range == o.range)
        });
        near && (words::gives_reason(&s.norm) || words::is_follow_up(&s.norm))
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::*;

    const RULE: &str = "outcome-changed";

    fn doc(current: &str) -> String {
        format!("# Dana\n\n## 2026-11-23\n\n### Outcome\n{current}\n\n### Ask\nMy recommendation is to buy the connector.\n\n## 2026-11-16\n\n### Outcome\nClose the books in four days by February.\n\n## 2026-11-09\n\nNo outcome that week.\n")
    }

    #[test]
    fn fires_when_the_outcome_moves_without_a_word() {
        let text = doc("Cut SMB churn to 2% by the end of Q2.");
        assert_fires_on(RULE, &text, &["Cut SMB churn"]);
        assert_eq!(
            findings(RULE, &text)[0].message,
            "This outcome is not the one of 2026-11-16 (\"Close the books in four days by February.\"), and nothing here says why. If it changed, say why in a sentence; if not, keep the same outcome so the series reads as one thread."
        );
    }

    #[test]
    fn rewording_or_a_reason_is_not_flagged() {
        for current in [
            "Get the monthly close down to four days by end of February.",
            "Close the books in four days by February. Then halve the manual reconciliations.",
            "Cut SMB churn to 2% by the end of Q2. The close moved to the finance team after the reorg.",
            "Now that the close is on track, cut SMB churn to 2% by the end of Q2.",
        ] {
            assert_quiet(RULE, &doc(current));
        }
        // Nothing to compare with: no earlier outcome, or no outcome now, or no entries.
        assert_quiet(
            RULE,
            "## 2026-11-23\n### Outcome\nCut SMB churn to 2%.\n\n## 2026-11-16\nBusy week.\n",
        );
        assert_quiet(
            RULE,
            "## 2026-11-23\nMy recommendation is to ship.\n\n## 2026-11-16\n### Outcome\nClose the books in four days.\n",
        );
        assert_quiet(RULE, "### Outcome\nCut SMB churn to 2%.\n");
    }

    #[test]
    fn compares_with_the_latest_earlier_outcome_in_either_order() {
        let text = "**Nov 9**\n**Outcome:** Close the books in four days by February.\n\n**Nov 16**\nA quiet week.\n\n**Nov 23**\n**Outcome:** Cut SMB churn to 2% by the end of Q2.\n";
        assert_fires_on(RULE, text, &["Cut SMB churn"]);
    }
}
