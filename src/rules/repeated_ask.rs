//! `repeated-ask`: the current entry asks for what an earlier entry already asked, and says
//! nothing of what happened since.

use super::{Context, Finding, RuleDocs};
use crate::agenda::Sentence;
use crate::diagnostic::Related;
use crate::series::{self, render::shorten, words};

pub const DOCS: RuleDocs = RuleDocs {
    what: "In a running doc (or a folder of dated agendas), fires on an ask of the current entry that an earlier entry already made: the same request in close words (most of their content words are shared; word order, small words and the ask's opening such as \"My recommendation is\" do not count). It stays quiet when the ask, or the sentence before it, says what happened since: \"again\", \"following up on\", \"still need\", \"since last time\", \"escalate\", or a reason (\"because\", \"now that\").",
    why: "An ask that comes back week after week unchanged is a decision that is not being made. Saying what changed since last time, or raising the stakes, gives your VP a reason to act now instead of hearing it once more.",
    example: "## 2026-11-23\nMy recommendation is to hire two contractors for the backlog.\n\n## 2026-11-16\nMy recommendation is to hire two contractors for the reconciliation backlog.",
    fix: "No automatic fix: say what happened since the last time you asked, or escalate (what it costs to wait, a date you need the answer by).",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    let Some(history) = ctx.history else {
        return Vec::new();
    };
    let sentences = &ctx.agenda.sentences;
    let mut out = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        if !series::is_ask(ctx.text, ctx.agenda, s) {
            continue;
        }
        let ask = series::said(ctx.text, s);
        let earlier = history.earlier_asks(&ask.words);
        let Some(&(last, said)) = earlier.last() else {
            continue;
        };
        if says_what_changed(ctx, s, i.checked_sub(1).map(|p| &sentences[p])) {
            continue;
        }
        let when = match earlier.len() {
            1 => format!("on {}", history.name(last)),
            n => format!(
                "in {n} earlier entries, first on {}",
                history.name(earlier[0].0)
            ),
        };
        out.push(Finding {
            range: s.range.clone(),
            message: format!(
                "You asked for this {when} (last time: \"{}\"). Say what changed since then, or escalate: what waiting costs, and by when you need the answer.",
                shorten(&said.text, 80)
            ),
            fixes: Vec::new(),
            related: earlier
                .iter()
                .map(|&(e, said)| Related {
                    range: said.range.clone(),
                    file: history.entries[e].file.clone(),
                    message: format!("Asked on {}", history.name(e)),
                })
                .collect(),
        });
    }
    out
}

/// The ask, its block, or the sentence just before it says what happened since or why.
fn says_what_changed(ctx: &Context, ask: &Sentence, previous: Option<&Sentence>) -> bool {
    let block = ctx
        .agenda
        .blocks
        .get(ask.block)
        .map_or(0..0, |b| b.sentences.clone());
    let in_block = ctx.agenda.sentences.get(block).unwrap_or(&[]);
    std::iter::once(ask)
        .chain(in_block)
        .chain(previous)
        .any(|s| words::is_follow_up(&s.norm) || words::gives_reason(&s.norm))
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::*;

    const RULE: &str = "repeated-ask";

    fn doc(current: &str) -> String {
        format!("# Dana\n\n## 2026-11-23\n\n{current}\n\n## 2026-11-16\n\n### Ask\nMy recommendation is to hire two contractors for the reconciliation backlog.\n\n## 2026-11-09\n\nCould you introduce me to their CFO?\n")
    }

    #[test]
    fn fires_on_the_same_ask_in_close_words() {
        let text = doc("I need your approval to hire two contractors for the backlog.");
        assert_fires_on(RULE, &text, &["I need your approval"]);
        let found = findings(RULE, &text);
        assert_eq!(
            found[0].message,
            "You asked for this on 2026-11-16 (last time: \"My recommendation is to hire two contractors for the reconciliation backlog.\"). Say what changed since then, or escalate: what waiting costs, and by when you need the answer."
        );
    }

    #[test]
    fn counts_every_earlier_entry_that_asked() {
        let text = doc("Could you introduce me to their CFO? I need your approval to hire two contractors for the backlog.")
            .replace("Could you introduce me to their CFO?\n", "Could you introduce me to their CFO?\n\n## 2026-11-02\n\nMy recommendation is to hire two contractors for the backlog.\n");
        let found = findings(RULE, &text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[1]
            .message
            .starts_with("You asked for this in 2 earlier entries, first on 2026-11-02"));
    }

    #[test]
    fn quiet_when_it_says_what_changed_or_is_new() {
        for current in [
            "Following up on last time: I still need your approval to hire two contractors for the backlog.",
            "Finance approved one of the two last week. I need your approval to hire two contractors for the backlog.",
            "I need your approval to hire two contractors for the backlog, because the audit moved to January.",
            "My recommendation is to pause the beta until the SDK licence is signed.",
            // An action item is not an ask.
            "- [ ] Hire two contractors for the reconciliation backlog",
        ] {
            assert_quiet(RULE, &doc(current));
        }
        // No history: an agenda on its own.
        assert_quiet(
            RULE,
            "My recommendation is to hire two contractors for the reconciliation backlog.\n",
        );
    }

    #[test]
    fn oldest_first() {
        let text = "**Nov 9**\nMy recommendation is to hire two contractors for the backlog.\n\n**Nov 16**\nWhat I need from you is approval for two contractors on the backlog.\n";
        assert_fires_on(RULE, text, &["What I need from you"]);
    }
}
