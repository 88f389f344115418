//! `long-agenda`: too many words of talk for a 1:1.

use super::{Context, Finding, RuleDocs};
use crate::edit::document_anchor;

pub const DOCS: RuleDocs = RuleDocs {
    what: "Fires when the agenda outside its pre-read runs past a word budget (450 by default; `thresholds.long-agenda-words`).",
    why: "A 1:1 agenda is a plan for a conversation, not a document to read aloud. Past a few hundred words the point gets lost; move detail into the pre-read and keep the three parts sharp.",
    example: "(an agenda whose talk runs to 600 words)",
    fix: "No automatic fix: cut, or move detail into the pre-read.",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    let budget = ctx.config.thresholds.long_agenda_words;
    if ctx.agenda.is_limited() || ctx.agenda.words <= budget {
        return Vec::new();
    }
    vec![Finding {
        range: document_anchor(ctx),
        message: format!(
            "About {} words of talk, over the {budget}-word budget. Keep the three parts short and move detail into the pre-read.",
            ctx.agenda.words
        ),
        fixes: Vec::new(),
        related: Vec::new(),
    }]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::*;

    const RULE: &str = "long-agenda";

    #[test]
    fn fires_over_the_budget_and_ignores_the_pre_read() {
        let long = "My recommendation is to ship the beta now. ".repeat(60);
        assert_count(RULE, &long, 1);
        assert_quiet(RULE, &format!("## Pre-read\n\n{long}"));
        assert_quiet(RULE, "My recommendation is to ship.\n");
    }
}
