//! `missing-outcome`: no outcome part and no outcome statement.

use super::{Context, Finding, RuleDocs};
use crate::agenda::PartKind;
use crate::patterns::OUTCOME_STARTER;

pub const DOCS: RuleDocs = RuleDocs {
    what: "Fires when the agenda has no outcome part with text in it and no sentence that states an outcome (\"The result we're driving is…\", \"My top priority this quarter is…\").",
    why: "The outcome ties your work to a business result. Without it, everything else reads as a list of tasks, and your VP has to guess why it matters.",
    example: "## Updates\n- Shipped the welcome email",
    fix: "Inserts an outcome part, first among the parts, opening with \"The most important outcome I'm focused on right now is …\".",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    super::missing_part::check(
        ctx,
        PartKind::Outcome,
        |j: &super::Reading| j.is_outcome(),
        OUTCOME_STARTER,
        "No outcome here: say which business result this work drives, so the rest has a reason to matter.",
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::*;

    const RULE: &str = "missing-outcome";

    #[test]
    fn fires_without_outcome() {
        assert_count(RULE, "# 1:1\n\nMy recommendation is to ship.\n", 1);
        assert_count(
            RULE,
            "## Outcome\n\n## Ask\nMy recommendation is to ship.\n",
            1,
        );
    }

    #[test]
    fn a_part_or_a_statement_is_enough() {
        assert_quiet(RULE, "## Impact\nRenewals in EMEA.\n");
        assert_quiet(RULE, "Our top priority this quarter is renewals in EMEA.\n");
        assert_quiet(RULE, "### 1. The outcome\nWe're still working on it.\n");
    }

    #[test]
    fn a_target_read_as_done_work_is_an_outcome_when_the_model_is_sure() {
        // The catalogue reads "completed" as finished work; the model is sure of a target.
        let ask = "My recommendation is to fund the second region now.";
        assert_quiet(
            RULE,
            &format!("## Notes\nBy June I want every support region to have completed the move to the new ticket system.\n\n{ask}\n"),
        );
        assert_count(
            RULE,
            &format!("## Notes\nFinished the switch to the new scheduling tool in two plants.\n\n{ask}\n"),
            1,
        );
    }

    #[test]
    fn fix_inserts_the_outcome_first() {
        assert_fix(
            RULE,
            "# 1:1 with Dana\n\n## Insight\nWhat I'm seeing is churn.\n",
            "Add an outcome: \"The most important outcome I'm focused on right now is …\"",
            "# 1:1 with Dana\n\n## The outcome\n\nThe most important outcome I'm focused on right now is …\n\n## Insight\nWhat I'm seeing is churn.\n",
        );
    }
}
