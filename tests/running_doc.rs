//! Running docs through the real protocol (in memory): findings, fixes, hover, completion
//! and the outline concern the current entry only, in both orders, and "Start the next
//! entry" inserts today's entry where the file adds them.

mod common;

use common::model::apply_text_edits;
use common::{capabilities, codes, TestClient};
use oneonone_ls::dates::{self, Date};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/oneonone-tests/dana.1on1.md";

/// Newest first, CRLF, an emoji: the current entry is on top, with an activity opening
/// and a hand-off; the older entry holds every part and a hand-off of its own.
const NEWEST_FIRST: &str = "# Dana 🎯 1:1s\r\n\r\n## Parking lot\r\n- Offsite dates\r\n\r\n## 2026-11-16\r\n\r\nWe're still working on the reconciliation backlog.\r\n\r\nLet me know what you think.\r\n\r\n## 2026-11-09\r\n\r\n### Outcome\r\nClose the books in four days by February.\r\n\r\n### Insight\r\nWhat I'm seeing is that late items are manual reconciliations.\r\n\r\n### Leadership move\r\nMy recommendation is to buy the connector. Thoughts?\r\n";

/// Oldest first with bold lines: the current entry is at the bottom.
const OLDEST_FIRST: &str = "# Lin / Okafor\n\n**Oct 6**\nQuick update, nothing major. Thoughts on the roadmap?\n\n**Nov 3**\nStill chasing the vendor on the SDK licence.\n";

async fn started() -> TestClient {
    let mut c = TestClient::in_memory();
    c.initialize(capabilities(false, true), json!({})).await;
    c
}

fn line_of(text: &str, needle: &str) -> u64 {
    text[..text.find(needle).unwrap()].matches('\n').count() as u64
}

async fn actions_at(c: &mut TestClient, line: u64) -> Vec<Value> {
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "context": {"diagnostics": []}}),
        )
        .await;
    r.as_array().cloned().unwrap_or_default()
}

fn titled<'a>(actions: &'a [Value], title: &str) -> Option<&'a Value> {
    actions.iter().find(|a| a["title"] == title)
}

#[tokio::test]
async fn findings_and_fixes_land_in_the_current_entry_in_both_orders() {
    for (text, current) in [(NEWEST_FIRST, "## 2026-11-16"), (OLDEST_FIRST, "**Nov 3**")] {
        let mut c = started().await;
        c.open(URI, text, 1).await;
        let diags = c.diagnostics(URI, Some(1)).await;
        let start = line_of(text, current);
        // Nothing in history or the standing section is flagged.
        for d in &diags {
            let line = d["range"]["start"]["line"].as_u64().unwrap();
            assert!(
                line > start,
                "{} flagged at line {line} in:\n{text}",
                d["code"]
            );
        }
        let found = codes(&diags);
        for rule in [
            "missing-ask",
            "missing-outcome",
            "missing-insight",
            "vague-opening",
        ] {
            assert!(found.contains(&rule.to_string()), "{rule} not in {found:?}");
        }
        // "Add the missing part" inserts into the current entry, never at the top.
        let outcome = diags
            .iter()
            .find(|d| d["code"] == "missing-outcome")
            .unwrap();
        let line = outcome["range"]["start"]["line"].as_u64().unwrap();
        let actions = actions_at(&mut c, line).await;
        let add = actions
            .iter()
            .find(|a| a["title"].as_str().unwrap().starts_with("Add an outcome"))
            .unwrap_or_else(|| panic!("no outcome fix in {actions:#?}"));
        let edits = add["edit"]["changes"][URI].as_array().unwrap();
        let fixed = apply_text_edits(text, edits, false);
        let inserted_at = edits[0]["range"]["start"]["line"].as_u64().unwrap();
        assert!(inserted_at > start, "inserted at line {inserted_at}");
        // Every byte of history is still there, in place.
        let history_end = text.find(current).unwrap();
        if current.starts_with("##") {
            assert_eq!(fixed[..history_end], text[..history_end]);
            assert!(fixed.ends_with(&text[text.find("## 2026-11-09").unwrap()..]));
        } else {
            assert!(fixed.starts_with(&text[..history_end]));
        }
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": fixed}]}),
        )
        .await;
        let after = codes(&c.diagnostics(URI, Some(2)).await);
        assert!(!after.contains(&"missing-outcome".to_string()), "{after:?}");
    }
}

#[tokio::test]
async fn hover_completion_and_outline_follow_the_current_entry() {
    let mut c = started().await;
    c.open(URI, NEWEST_FIRST, 1).await;
    c.diagnostics(URI, Some(1)).await;
    // Hover on an older entry's part heading: history is not explained.
    let old = line_of(NEWEST_FIRST, "### Insight");
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": old, "character": 5}}),
        )
        .await;
    assert!(hover.is_null(), "{hover}");
    // Hover on the current entry's hand-off explains it.
    let handoff = line_of(NEWEST_FIRST, "Let me know");
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": handoff, "character": 3}}),
        )
        .await;
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("handoff-closing"));

    // The outline: entries newest first, the current one marked and holding its parts.
    let symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["2026-11-16", "2026-11-09"]);
    assert_eq!(symbols[0]["detail"], "current entry");
    assert_eq!(symbols[1]["detail"], "entry");
    assert!(symbols[1]["children"].is_null());
}

#[tokio::test]
async fn start_the_next_entry_in_the_files_own_style_and_order() {
    let today = Date::today().unwrap();
    for (text, heading, on_top) in [
        (
            NEWEST_FIRST,
            format!("## {}", dates::format(today, &iso_style())),
            true,
        ),
        (OLDEST_FIRST, "**".to_string(), false),
    ] {
        let mut c = started().await;
        c.open(URI, text, 1).await;
        c.diagnostics(URI, Some(1)).await;
        let actions = actions_at(&mut c, 0).await;
        let start = titled(&actions, "Start the next entry")
            .unwrap_or_else(|| panic!("no action in {actions:#?}"));
        let edits = start["edit"]["changes"][URI].as_array().unwrap();
        assert_eq!(edits.len(), 1);
        assert_eq!(
            edits[0]["range"]["start"], edits[0]["range"]["end"],
            "inserts only"
        );
        let fixed = apply_text_edits(text, edits, false);
        let new_entry = edits[0]["newText"].as_str().unwrap();
        assert!(new_entry.trim_start().starts_with(&heading), "{new_entry}");
        assert!(new_entry.contains("My recommendation is"));
        // Only inserted: removing the new text gives the old text back.
        assert_eq!(fixed.replacen(new_entry, "", 1), text);
        if on_top {
            assert!(fixed.find(new_entry).unwrap() < fixed.find("## 2026-11-16").unwrap());
        } else {
            assert!(fixed.ends_with(new_entry));
        }
        // The new entry is now the current one: its placeholders are what is flagged.
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": fixed}]}),
        )
        .await;
        let after = codes(&c.diagnostics(URI, Some(2)).await);
        assert!(
            after.contains(&"unfinished-starter".to_string()),
            "{after:?}"
        );
        assert!(!after.contains(&"missing-ask".to_string()), "{after:?}");
        // And there is nothing more to start today.
        let actions = actions_at(&mut c, 0).await;
        assert!(titled(&actions, "Start the next entry").is_none());

        // The same as a completion item on an empty line.
        let mut c = started().await;
        c.open(URI, text, 1).await;
        c.diagnostics(URI, Some(1)).await;
        let empty = text.lines().position(|l| l.trim().is_empty()).unwrap() as u64;
        let items = c
            .request(
                "textDocument/completion",
                json!({"textDocument": {"uri": URI}, "position": {"line": empty, "character": 0}}),
            )
            .await;
        let item = items
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["label"] == "Start the next entry")
            .unwrap_or_else(|| panic!("{items:#?}"));
        assert_eq!(item["additionalTextEdits"][0]["newText"], new_entry);
        assert_eq!(item["additionalTextEdits"][0]["range"], edits[0]["range"]);
    }
}

/// The ISO style the newest-first doc writes its dates in.
fn iso_style() -> dates::DateStyle {
    match dates::entry_mark("2026-11-16", Date::new(2026, 11, 16).unwrap()) {
        Some(dates::EntryMark::Dated { style, .. }) => style,
        other => panic!("{other:?}"),
    }
}
