//! `hedged-ask`: an ask softened until it is easy to decline.

use super::{Context, Finding, RuleDocs};

pub const DOCS: RuleDocs = RuleDocs {
    what: "Fires on an ask that carries hedges: \"maybe\", \"perhaps\", \"I was wondering if\", \"if you have time\", \"just wanted to\". Off by default in the sense that it is only a hint; raise it in the configuration if you want it louder.",
    why: "A hedged ask invites a polite no. State what you need plainly; you can still be open to a different answer in the conversation.",
    example: "I was wondering if maybe you could join the Acme call?",
    fix: "No automatic fix: remove the hedges and state the ask.",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    ctx.talk()
        .filter(|s| {
            let j = ctx.judge(s);
            j.is_ask() && j.is_hedged() && !ctx.in_action_item(s)
        })
        .map(|s| Finding {
            range: s.range.clone(),
            message: "This ask is hedged. Say plainly what you need; it is easier to agree to."
                .to_string(),
            fixes: Vec::new(),
            related: Vec::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::*;

    const RULE: &str = "hedged-ask";

    #[test]
    fn fires_on_hedged_asks_only() {
        assert_fires_on(
            RULE,
            "I was wondering if maybe you could join the Acme call?\n\nCould you join the Acme call on Thursday?\n\nMaybe the vendor slips.\n",
            &["I was wondering"],
        );
    }

    #[test]
    fn an_action_item_is_not_an_ask() {
        assert_quiet(
            RULE,
            "- [ ] Maybe you could join the Acme call?\n\nMy recommendation is to ship.\n",
        );
    }
}
