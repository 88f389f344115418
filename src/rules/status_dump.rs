//! `status-dump`: routine status items fill the 1:1 instead of a pre-read.

use super::{Context, Finding, RuleDocs};
use crate::agenda::{Block, BlockKind, PartKind};
use crate::diagnostic::{Edit, Fix};
use crate::edit::{insert_block, part_style, part_title, PartStyle};

pub const DOCS: RuleDocs = RuleDocs {
    what: "Counts routine status items in the 1:1 itself: top-level list items that report done, shipped, completed or in-progress work, carry a ✅ or a percentage, or are task-list entries. Fires at five (configurable with `thresholds.status-dump-items`). Items under a pre-read heading (\"Pre-read\", \"FYI\", \"Sent by email\", \"Async\", \"Before the meeting\") are not counted; a heading called \"Updates\" or \"Status\" is not a pre-read.",
    why: "Status is worth sending, not worth meeting about. Read aloud, it uses up the time your VP has for the decisions and risks only you can bring. Send it before the meeting and spend the 1:1 on what needs them.",
    example: "## Updates\n- Shipped the welcome email\n- Finished the field cleanup\n- Completed interviews\n- Help centre 80% migrated\n- QA in progress",
    fix: "Moves the items, word for word, into a pre-read part (created at the end of the agenda when there is none). This fix is safe: `check --fix` and \"Fix all\" apply it.",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    let cat = ctx.patterns();
    let items: Vec<&Block> = ctx
        .agenda
        .blocks
        .iter()
        .filter(|b| {
            let top_level = matches!(
                b.kind,
                BlockKind::Item {
                    top_level: true,
                    ..
                }
            );
            let task = matches!(b.kind, BlockKind::Item { task: true, .. });
            let in_talk = b
                .section
                .is_none_or(|i| ctx.agenda.sections[i].kind != PartKind::PreRead);
            top_level && in_talk && (task || cat.is_status_item(&b.norm))
        })
        .collect();
    let threshold = ctx.config.thresholds.status_dump_items;
    if items.len() < threshold {
        return Vec::new();
    }
    let (first, last) = (items[0], items[items.len() - 1]);
    let end = trim_line_end(ctx.text, last.outer.end);
    vec![Finding {
        range: first.outer.start..end.max(first.outer.start),
        message: format!(
            "{} routine status items are taking up the 1:1. Send them before the meeting as a pre-read, and keep the time for your outcome, insight and ask.",
            items.len()
        ),
        fixes: vec![move_fix(ctx, &items)],
    }]
}

fn trim_line_end(text: &str, end: usize) -> usize {
    let s = &text[..end];
    end - (s.len() - s.trim_end_matches(['\n', '\r']).len())
}

/// Deletes each item's lines and inserts the same lines, verbatim and in order, into
/// the pre-read.
fn move_fix(ctx: &Context, items: &[&Block]) -> Fix {
    let nl = ctx.agenda.line_ending;
    let mut edits: Vec<Edit> = items
        .iter()
        .map(|b| Edit::delete(b.outer.clone()))
        .collect();
    let mut moved = String::new();
    for b in items {
        let lines = &ctx.text[b.outer.clone()];
        moved.push_str(lines);
        if !lines.ends_with('\n') {
            moved.push_str(nl);
        }
    }
    let moved = moved.trim_end_matches(['\n', '\r']);
    let pre_read = ctx
        .agenda
        .sections
        .iter()
        .rfind(|s| s.kind == PartKind::PreRead);
    let (title, insertion) = match pre_read {
        Some(section) => {
            let at = section.range.end.min(ctx.text.len());
            (
                "Move the status items into the pre-read",
                insert_list(ctx.text, at, moved, nl),
            )
        }
        None => {
            let heading = match part_style(ctx) {
                PartStyle::Heading(level) => {
                    format!(
                        "{} {}",
                        "#".repeat(level as usize),
                        part_title(PartKind::PreRead)
                    )
                }
                PartStyle::Label | PartStyle::Bare => {
                    format!("## {}", part_title(PartKind::PreRead))
                }
            };
            (
                "Move the status items into a new pre-read part",
                insert_block(ctx.text, ctx.text.len(), &[&heading, "", moved], nl),
            )
        }
    };
    edits.push(insertion);
    Fix::new(title, edits, true)
}

/// Inserts list lines at the end of the pre-read: straight after a list that ends it,
/// so the items join it, else as a block of their own.
fn insert_list(text: &str, at: usize, moved: &str, nl: &str) -> Edit {
    let before = text[..at].trim_end_matches(['\n', '\r']);
    let last_line = before.rsplit('\n').next().unwrap_or("").trim_start();
    let ends_with_list = last_line.starts_with(['-', '*', '+'])
        || last_line
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if ends_with_list && before.len() < at {
        let line_break = before.len() + text[before.len()..at].find('\n').map_or(0, |i| i + 1);
        if line_break > before.len() && line_break <= at {
            return Edit::insert(line_break, format!("{moved}{nl}"));
        }
    }
    insert_block(text, at, &[moved], nl)
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::*;

    const RULE: &str = "status-dump";

    const DUMP: &str = "## Updates\n- Shipped the welcome email\n- Finished the field cleanup\n- Completed interviews\n- Help centre 80% migrated\n- QA in progress\n";

    #[test]
    fn fires_at_five_status_items() {
        assert_count(RULE, DUMP, 1);
        assert_quiet(
            RULE,
            "## Updates\n- Shipped A\n- Finished B\n- Completed C\n- Merged D\n",
        );
        assert_count(RULE, "- [x] A\n- [ ] B\n- [x] C\n- [ ] D\n- [x] E\n", 1);
    }

    #[test]
    fn the_pre_read_and_asks_are_not_status() {
        let pre_read = DUMP.replace("## Updates", "## FYI (sent by email)");
        assert_quiet(RULE, &pre_read);
        assert_quiet(
            RULE,
            "## Asks\n- Budget for two contractors\n- An intro to their CFO\n- Approval to pause the beta\n- A decision on pricing\n- Air cover with Sales\n",
        );
        assert_quiet(
            RULE,
            "> - Shipped A\n> - Shipped B\n> - Shipped C\n> - Shipped D\n> - Shipped E\n",
        );
    }

    #[test]
    fn fix_moves_items_verbatim_into_a_new_pre_read() {
        let text = format!("# 1:1\n\nMy recommendation is to ship.\n\n{DUMP}\nThoughts?\n");
        assert_fix(
            RULE,
            &text,
            "Move the status items into a new pre-read part",
            "# 1:1\n\nMy recommendation is to ship.\n\n## Updates\n\nThoughts?\n\n## Pre-read (send before the meeting)\n\n- Shipped the welcome email\n- Finished the field cleanup\n- Completed interviews\n- Help centre 80% migrated\n- QA in progress\n",
        );
    }

    #[test]
    fn fix_appends_to_an_existing_pre_read_list() {
        let text = format!("{DUMP}\n## Pre-read\n- Hired a PM\n");
        assert_fix(
            RULE,
            &text,
            "Move the status items into the pre-read",
            "## Updates\n\n## Pre-read\n- Hired a PM\n- Shipped the welcome email\n- Finished the field cleanup\n- Completed interviews\n- Help centre 80% migrated\n- QA in progress\n",
        );
    }
}
