//! `missing-insight`: no insight part and no insight statement.

use super::{Context, Finding, RuleDocs};
use crate::agenda::PartKind;
use crate::patterns::INSIGHT_STARTER;

pub const DOCS: RuleDocs = RuleDocs {
    what: "Fires when the agenda has no insight part with text in it and no sentence that interprets what you see (\"I've noticed…\", \"The real risk is…\", \"The data shows…\").",
    why: "The insight is where your judgment shows: a pattern, a risk, a customer signal or a blocker your VP is too far away to notice. Facts without an interpretation leave that work to them.",
    example: "## Outcome\nActivation up 10% by June.\n\n## Ask\nMy recommendation is to hire a second designer.",
    fix: "Inserts an insight part after the outcome, opening with \"What I'm seeing is …\".",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    super::missing_part::check(
        ctx,
        PartKind::Insight,
        |j: &super::Reading| j.is_insight(),
        INSIGHT_STARTER,
        "No insight here: add one thing you are seeing (a pattern, risk, signal or blocker) and what you make of it.",
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::*;

    const RULE: &str = "missing-insight";

    #[test]
    fn fires_without_insight() {
        assert_count(
            RULE,
            "## Outcome\nRetention.\n\n## Ask\nMy recommendation is to ship.\n",
            1,
        );
    }

    #[test]
    fn a_part_or_a_statement_is_enough() {
        assert_quiet(RULE, "## Risks\nThe vendor may slip.\n");
        assert_quiet(RULE, "I've noticed that trials stall at invoicing.\n");
        assert_quiet(
            RULE,
            "**Signal:** three churned accounts named the same gap.\n",
        );
    }

    #[test]
    fn fix_inserts_the_insight_after_the_outcome() {
        assert_fix(
            RULE,
            "## Outcome\nRetention.\n\n## Ask\nMy recommendation is to ship.\n",
            "Add an insight: \"What I'm seeing is …\"",
            "## Outcome\nRetention.\n\n## The insight\n\nWhat I'm seeing is …\n\n## Ask\nMy recommendation is to ship.\n",
        );
    }
}
