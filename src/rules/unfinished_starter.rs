//! `unfinished-starter`: a sentence starter with nothing after it.

use super::{Context, Finding, RuleDocs};

pub const DOCS: RuleDocs = RuleDocs {
    what: "Fires on a starter such as \"My recommendation is …\" that is still waiting for its sentence: followed by nothing, an ellipsis, or a placeholder like `TBD` or `[…]`.",
    why: "The fixes and snippets leave a starter for you to finish. A starter on its own tells your VP nothing, so this reminds you before the meeting.",
    example: "## The leadership move\nMy recommendation is …",
    fix: "No automatic fix: finish the sentence in your own words.",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    ctx.talk()
        .filter(|s| ctx.judge(s).is_unfinished_starter())
        .map(|s| Finding {
            range: s.range.clone(),
            message: "Finish this sentence: the starter is here, the point is not yet.".to_string(),
            fixes: Vec::new(),
            related: Vec::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::*;

    const RULE: &str = "unfinished-starter";

    #[test]
    fn fires_on_bare_starters_only() {
        assert_fires_on(
            RULE,
            "My recommendation is …\n\nWhat I'm seeing is TBD.\n\nWhat I need from you is a call.\n",
            &["My recommendation is", "What I'm seeing is"],
        );
        assert_quiet(RULE, "The decision I'm making is to wait.\n");
    }
}
