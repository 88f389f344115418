//! `analysis-limited`: the document is over the analysis budget.

use super::{Context, Finding, RuleDocs};

pub const DOCS: RuleDocs = RuleDocs {
    what: "Fires on documents larger than the analysis budget (1 MiB, about 170,000 words, by default; `thresholds.max-bytes`). Only the start of the document is checked, and the whole-agenda rules (missing parts, length) are skipped.",
    why: "Checking must never make typing wait. A 1:1 agenda is a page or two; a file this large is something else, and a partial check is more useful than a frozen editor.",
    example: "(a 50 MB file named notes.1on1.md)",
    fix: "No fix: split the file, or raise `thresholds.max-bytes`.",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    if !ctx.agenda.is_limited() {
        return Vec::new();
    }
    let at = ctx.agenda.analysed;
    vec![Finding {
        range: at..at,
        message: format!(
            "Only the first {} KiB of this {} KiB document were checked (the budget is thresholds.max-bytes); findings that need the whole agenda are skipped.",
            at / 1024,
            ctx.agenda.len / 1024
        ),
        fixes: Vec::new(),
        related: Vec::new(),
    }]
}

#[cfg(test)]
mod tests {
    use crate::{check, Config};

    #[test]
    fn large_documents_are_checked_in_part() {
        let mut config = Config::default();
        config.thresholds.max_bytes = 64;
        let text = "Thoughts?\n".repeat(20);
        let found = check(&text, &config);
        let limited: Vec<_> = found
            .iter()
            .filter(|d| d.rule == "analysis-limited")
            .collect();
        assert_eq!(limited.len(), 1);
        assert!(found.iter().all(|d| d.rule != "missing-ask"));
        let handoffs = found.iter().filter(|d| d.rule == "handoff-closing").count();
        assert_eq!(handoffs, 6, "only the analysed lines are judged");
    }
}
