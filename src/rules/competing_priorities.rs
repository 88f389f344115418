//! `competing-priorities`: more than one thing is "the most important".

use super::{Context, Finding, RuleDocs};

pub const DOCS: RuleDocs = RuleDocs {
    what: "Fires on the second and later sentences that each claim to be the most important outcome or the top priority.",
    why: "One outcome anchors the conversation; two \"most important\" outcomes tell your VP you have not chosen. Pick the one that matters most and let the other wait or become context.",
    example: "The most important outcome I'm focused on is renewals.\nMy top priority is the hiring plan.",
    fix: "No automatic fix: choose one outcome and reword the others.",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    let cat = ctx.patterns();
    ctx.talk()
        .filter(|s| cat.claims_top_priority(&s.norm))
        .skip(1)
        .map(|s| Finding {
            range: s.range.clone(),
            message: "Another \"most important\" outcome. One outcome anchors the 1:1; choose the one that matters most.".to_string(),
            fixes: Vec::new(),
        })
        .collect()
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
}
