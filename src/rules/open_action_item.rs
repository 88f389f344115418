//! `open-action-item`: action items still open in earlier entries are not carried into the
//! current one.

use super::{Context, Finding, RuleDocs, ENTRY_HEADING};
use crate::agenda::{next_line, LABEL_LEVEL};
use crate::diagnostic::{Edit, Fix, Related};
use crate::edit::{content_end, insert_block, part_style, PartStyle};
use crate::series::{iso, render::shorten, OpenItem, Series};

pub const DOCS: RuleDocs = RuleDocs {
    what: "In a running doc (or a folder of dated agendas), fires on the current entry's heading when action items written in earlier entries (`- [ ] …`, `TODO: …`) are still open there (no later entry marks them done: `- [x] …`, `DONE: …`) and the current entry does not hold them. An item counts as the same when its words are the same apart from its owner (`@dana`, `(Dana)`, `Dana:`), its due date (`by Dec 12`, `due 2026-12-12`, `📅 2026-12-12`) and small words. Items kept in a standing section outside the entries (\"## Action items\" on top) are tracked there and never reported. The message names the items whose due date has passed as overdue.",
    why: "Commitments made in a 1:1 and never mentioned again are how trust erodes: your VP remembers what you said you would do. Carrying them forward keeps each one visible until it is done or consciously dropped.",
    example: "## 2026-11-23\nMy recommendation is to hire two contractors.\n\n## 2026-11-16\n- [ ] Send the deck to finance by Nov 20",
    fix: "\"Carry over N open action items\" copies them, word for word and unchecked, into an \"Action items\" list at the end of the current entry (the one there, or a new one). The earlier entries are not changed. Mark an item done (`- [x]`) where it was written to close it instead.",
};

/// How many items a message names before "and N more".
const NAMED: usize = 3;

pub fn check(ctx: &Context) -> Vec<Finding> {
    let Some(series) = ctx.history else {
        return Vec::new();
    };
    let open = series.open_items();
    if open.is_empty() {
        return Vec::new();
    }
    vec![Finding {
        range: ENTRY_HEADING,
        message: message(ctx, series, &open),
        fixes: vec![carry_over(ctx, &open)],
        related: open.iter().map(|o| related(series, o)).collect(),
    }]
}

/// Where an open item was last written, with its dates.
fn related(series: &Series, o: &OpenItem) -> Related {
    let mut message = format!("Open action item, written on {}", series.name(o.first));
    if o.last != o.first {
        message.push_str(&format!(", last on {}", series.name(o.last)));
    }
    Related {
        range: o.item.line.clone(),
        file: series.entries[o.last].file.clone(),
        message,
    }
}

fn message(ctx: &Context, series: &Series, open: &[OpenItem]) -> String {
    let today = ctx.config.today.or(series.current().and_then(|c| c.date));
    let n = open.len();
    let mut named: Vec<String> = open
        .iter()
        .take(NAMED)
        .map(|o| {
            format!(
                "\"{}\" ({})",
                shorten(&o.item.words, 50),
                series.name(o.first)
            )
        })
        .collect();
    if n > NAMED {
        named.push(format!("and {} more", n - NAMED));
    }
    let overdue: Vec<String> = open
        .iter()
        .filter_map(|o| {
            let due = o.item.due?;
            today
                .is_some_and(|t| due < t)
                .then(|| format!("\"{}\" (due {})", shorten(&o.item.words, 50), iso(due)))
        })
        .collect();
    let (items, are) = if n == 1 {
        ("action item", "is")
    } else {
        ("action items", "are")
    };
    let mut msg = format!(
        "{n} {items} from earlier entries {are} still open and not in this one: {}.",
        named.join(", ")
    );
    if !overdue.is_empty() {
        msg.push_str(&format!(" Overdue: {}.", overdue.join(", ")));
    }
    msg.push_str(" Carry them over, or mark them done where they were written.");
    msg
}

/// Copies the items, unchecked and word for word, into the current entry's "Action items"
/// list: the one it has (a heading or label of that name), else a new one at its end.
fn carry_over(ctx: &Context, open: &[OpenItem]) -> Fix {
    let nl = ctx
        .history
        .map(|s| s.line_ending)
        .filter(|nl| !nl.is_empty())
        .unwrap_or(ctx.agenda.line_ending);
    let lines: Vec<String> = open
        .iter()
        .map(|o| format!("- [ ] {}", o.item.words))
        .collect();
    let title = match open.len() {
        1 => "Carry over 1 open action item".to_string(),
        n => format!("Carry over {n} open action items"),
    };
    let edit = match action_list(ctx.text) {
        Some(ActionList {
            list_end: Some(end),
            ..
        }) => Edit::insert(end, [lines.join(nl).as_str(), nl].concat()),
        Some(ActionList { title_end, .. }) => {
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            insert_block(ctx.text, title_end, &refs, nl)
        }
        None => {
            let heading = new_heading(ctx);
            let mut block: Vec<&str> = vec![heading.as_str()];
            if !heading.starts_with("**") {
                block.push("");
            }
            block.extend(lines.iter().map(String::as_str));
            let at = content_end(ctx, 0..ctx.text.len()).unwrap_or(ctx.text.len());
            insert_block(ctx.text, at, &block, nl)
        }
    };
    Fix::new(title, vec![edit], false)
}

/// The entry's own "Action items" list: where its title line ends, and where the list
/// under it ends (just past the line break of its last item), if it has items.
struct ActionList {
    title_end: usize,
    list_end: Option<usize>,
}

/// The last line of `text` titled "Action items" (a heading, a bold line or a plain
/// `Action items:` line; also "Actions", "To do"), and the list right under it.
fn action_list(text: &str) -> Option<ActionList> {
    let mut found = None;
    let mut at = 0;
    while at < text.len() {
        let next = next_line(text, at);
        let line = text[at..next].trim_end_matches(['\n', '\r']);
        let title = line
            .trim_start_matches('#')
            .trim()
            .trim_matches(['*', '_'])
            .trim_end_matches(':')
            .trim_matches(['*', '_']);
        if is_action_items_title(title) {
            found = Some(at..next);
        }
        at = next;
    }
    let title = found?;
    let mut list_end = None;
    let mut at = title.end;
    let mut blank = false;
    while at < text.len() {
        let next = next_line(text, at);
        let line = text[at..next].trim_end_matches(['\n', '\r']);
        let body = line.trim_start();
        if body.is_empty() {
            blank = true;
        } else if is_list_line(body)
            || (list_end.is_some() && !blank && line.starts_with([' ', '\t']))
        {
            list_end = Some(next);
            blank = false;
        } else if list_end.is_some() || !blank || !body.starts_with('#') {
            break;
        }
        at = next;
    }
    // A list that ends the text without a line break gets one before the new items.
    let list_end = list_end.filter(|&end| text[..end].ends_with(['\n', '\r']));
    Some(ActionList {
        title_end: title.end,
        list_end,
    })
}

/// `- …`, `* …`, `+ …`, `1. …`.
fn is_list_line(body: &str) -> bool {
    body.starts_with(['-', '*', '+']) && body[1..].starts_with([' ', '\t'])
        || body.split_once(['.', ')']).is_some_and(|(n, rest)| {
            !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && rest.starts_with(' ')
        })
}

/// "Action items", "Actions", "To do" and the like, any case.
fn is_action_items_title(title: &str) -> bool {
    let t = title.trim().to_ascii_lowercase();
    matches!(
        t.as_str(),
        "action items" | "action item" | "actions" | "todo" | "todos" | "to do" | "to-do"
    )
}

/// The heading of a new "Action items" list: one level below the entry's heading (a
/// label under a bold-line entry), or in the agenda's own style for a file.
fn new_heading(ctx: &Context) -> String {
    let level = ctx.history.and_then(|s| s.current()).map_or(0, |c| c.level);
    match level {
        1..=5 => format!("{} Action items", "#".repeat(usize::from(level) + 1)),
        6 | LABEL_LEVEL => "**Action items:**".to_string(),
        _ => match part_style(ctx) {
            PartStyle::Heading(l) => format!("{} Action items", "#".repeat(usize::from(l))),
            PartStyle::Label => "**Action items:**".to_string(),
            PartStyle::Bare => "## Action items".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::*;

    const RULE: &str = "open-action-item";

    const DOC: &str = "# Dana\n\n## 2026-11-23\n\nMy recommendation is to hire two contractors.\n\n## 2026-11-16\n\n- [ ] Send the deck to finance by Nov 20\n- [ ] Book the offsite (Priya)\n- [x] Draft the hiring plan\n\n## 2026-11-09\n\n- [ ] Draft the hiring plan\n- TODO: call the auditors\n";

    #[test]
    fn fires_on_the_current_entrys_heading() {
        let found = findings(RULE, DOC);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&DOC[found[0].range.clone()], "## 2026-11-23");
        assert_eq!(
            found[0].message,
            "3 action items from earlier entries are still open and not in this one: \"call the auditors\" (2026-11-09), \"Send the deck to finance by Nov 20\" (2026-11-16), \"Book the offsite (Priya)\" (2026-11-16). Overdue: \"Send the deck to finance by Nov 20\" (due 2026-11-20). Carry them over, or mark them done where they were written."
        );
    }

    #[test]
    fn carry_over_copies_into_a_new_list_at_the_end_of_the_entry() {
        assert_fix(
            RULE,
            DOC,
            "Carry over 3 open action items",
            &DOC.replace(
                "contractors.\n\n## 2026-11-16",
                "contractors.\n\n### Action items\n\n- [ ] call the auditors\n- [ ] Send the deck to finance by Nov 20\n- [ ] Book the offsite (Priya)\n\n## 2026-11-16",
            ),
        );
    }

    #[test]
    fn carry_over_joins_the_entrys_own_list() {
        let text = DOC.replace(
            "contractors.\n\n## 2026-11-16",
            "contractors.\n\n**Action items:**\n- [ ] Book the offsite\n\n## 2026-11-16",
        );
        assert_fix(
            RULE,
            &text,
            "Carry over 2 open action items",
            &text.replace(
                "- [ ] Book the offsite\n\n## 2026-11-16",
                "- [ ] Book the offsite\n- [ ] call the auditors\n- [ ] Send the deck to finance by Nov 20\n\n## 2026-11-16",
            ),
        );
    }

    #[test]
    fn oldest_first_with_bold_dates_and_crlf() {
        let text =
            "**Oct 6**\r\n- [ ] Call legal\r\n\r\n**Oct 20**\r\nMy recommendation is to ship.";
        assert_fix(
            RULE,
            text,
            "Carry over 1 open action item",
            "**Oct 6**\r\n- [ ] Call legal\r\n\r\n**Oct 20**\r\nMy recommendation is to ship.\r\n\r\n**Action items:**\r\n- [ ] Call legal\r\n",
        );
        let found = findings(RULE, text);
        assert_eq!(&text[found[0].range.clone()], "**Oct 20**");
    }

    #[test]
    fn quiet_when_carried_closed_tracked_or_alone() {
        // Carried (re-dated and with an owner), or closed later.
        assert_quiet(
            RULE,
            "## 2026-11-23\n- [ ] @priya send the deck to finance due 2026-11-30\n\n## 2026-11-16\n- [ ] Send the deck to finance by Nov 20\n- [x] Call legal\n\n## 2026-11-09\n- [ ] Call legal\n",
        );
        assert_quiet(
            RULE,
            "## 2026-11-23\nx\n\n## 2026-11-16\n- [x] Call legal\n\n## 2026-11-09\n- [ ] Call legal\n",
        );
        // In a standing list on top.
        assert_quiet(
            RULE,
            "## Action items\n- [ ] Call legal\n\n## 2026-11-23\nx\n\n## 2026-11-16\n- [ ] Call legal\n",
        );
        // No entries: an agenda on its own has no history.
        assert_quiet(RULE, "## Outcome\nA goal.\n\n- [ ] Call legal\n");
        // Turned off anywhere in the file.
        assert_quiet(RULE, &format!("<!-- oneonone-disable {RULE} -->\n{DOC}"));
    }
}
