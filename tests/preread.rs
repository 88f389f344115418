//! The pre-read email through the real protocol (in memory): the command
//! `oneonone.preread` (advertised, answering `{ subject, body, text, mailto }` or a clear
//! error) and the code action "Draft the pre-read email" on the pre-read part.

mod common;

use common::{capabilities, TestClient, WEAK};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/oneonone-tests/dana.1on1.md";

/// A running doc, newest first, in CRLF with an emoji: the current entry has every part
/// and a pre-read; the older entry has a pre-read of its own.
const DOC: &str = "# Dana 🎯 1:1s\r\n\r\n## 2026-12-08\r\n\r\n### Outcome\r\nClose the books in four days by February.\r\n\r\n### Leadership move\r\nMy recommendation is to buy the connector.\r\n\r\n### Pre-read\r\n- Shipped the café menu\r\n- Finished the field cleanup\r\n\r\n## 2026-12-01\r\n\r\n### Pre-read\r\n- An old item\r\n";

async fn started() -> TestClient {
    let mut c = TestClient::in_memory();
    let init = c.initialize(capabilities(false, true), json!({})).await;
    let caps = &init["capabilities"];
    assert!(caps["executeCommandProvider"]["commands"]
        .as_array()
        .unwrap()
        .contains(&json!("oneonone.preread")));
    assert!(caps["codeActionProvider"]["codeActionKinds"]
        .as_array()
        .unwrap()
        .contains(&json!("refactor")));
    c
}

fn line_of(text: &str, needle: &str) -> u64 {
    text[..text.find(needle).unwrap()].matches('\n').count() as u64
}

async fn actions_at(c: &mut TestClient, uri: &str, line: u64, only: Option<Value>) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(only) = only {
        context["only"] = only;
    }
    c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": line, "character": 2}, "end": {"line": line, "character": 2}}, "context": context}),
    )
    .await
    .as_array()
    .cloned()
    .unwrap_or_default()
}

fn draft(actions: &[Value]) -> Option<&Value> {
    actions
        .iter()
        .find(|a| a["title"] == "Draft the pre-read email")
}

#[tokio::test]
async fn the_command_answers_the_current_entrys_email() {
    let mut c = started().await;
    c.open(URI, DOC, 1).await;
    c.diagnostics(URI, Some(1)).await;
    let email = c
        .request(
            "workspace/executeCommand",
            json!({"command": "oneonone.preread", "arguments": [URI]}),
        )
        .await;
    assert_eq!(email["subject"], "Pre-read for our 1:1 on Tue 8 Dec");
    let body = "Here is the routine status ahead of our 1:1, so that the meeting can go to the outcome I'm driving: \"Close the books in four days by February\".\n\n- Shipped the café menu\n- Finished the field cleanup\n";
    assert_eq!(email["body"], body);
    assert_eq!(
        email["text"],
        format!("Subject: Pre-read for our 1:1 on Tue 8 Dec\n\n{body}")
    );
    let mailto = email["mailto"].as_str().unwrap();
    assert!(
        mailto.starts_with(
            "mailto:?subject=Pre-read%20for%20our%201%3A1%20on%20Tue%208%20Dec&body=Here%20is"
        ),
        "{mailto}"
    );
    assert!(
        mailto.ends_with("February%22.%0D%0A%0D%0A-%20Shipped%20the%20caf%C3%A9%20menu%0D%0A-%20Finished%20the%20field%20cleanup%0D%0A"),
        "{mailto}"
    );

    // The email follows the document: an edit to the pre-read shows in the next answer.
    let line = line_of(DOC, "- Finished");
    c.change(
        URI,
        2,
        json!([{"range": {"start": {"line": line, "character": 2}, "end": {"line": line, "character": 10}}, "text": "Closed"}]),
    )
    .await;
    let email = c
        .request(
            "workspace/executeCommand",
            json!({"command": "oneonone.preread", "arguments": [URI]}),
        )
        .await;
    assert!(
        email["body"]
            .as_str()
            .unwrap()
            .ends_with("- Closed the field cleanup\n"),
        "{email}"
    );
}

#[tokio::test]
async fn nothing_to_send_and_bad_arguments_are_clear_errors() {
    let mut c = started().await;
    let weak = "file:///tmp/oneonone-tests/weak.1on1.md";
    c.open(weak, WEAK, 1).await;
    c.diagnostics(weak, Some(1)).await;
    let resp = c
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "oneonone.preread", "arguments": [weak]}),
        )
        .await;
    assert_eq!(resp["error"]["code"], -32803, "{resp}");
    let message = resp["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("Nothing to send yet: there is no pre-read part.")
            && message.contains("Move the routine status into a pre-read first"),
        "{message}"
    );
    for arguments in [
        json!([]),
        json!([42]),
        json!(["file:///tmp/not-open.1on1.md"]),
    ] {
        let resp = c
            .request_raw(
                "workspace/executeCommand",
                json!({"command": "oneonone.preread", "arguments": arguments}),
            )
            .await;
        assert_eq!(resp["error"]["code"], -32602, "{arguments}: {resp}");
    }
    // The server still serves.
    let ok = c
        .request_raw(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": weak}}),
        )
        .await;
    assert!(ok.get("error").is_none(), "{ok}");
    // No code action to draft an email that does not exist.
    for line in 0..12 {
        assert!(draft(&actions_at(&mut c, weak, line, None).await).is_none());
    }
}

#[tokio::test]
async fn the_code_action_is_offered_on_the_pre_read_part_only() {
    let mut c = started().await;
    c.open(URI, DOC, 1).await;
    c.diagnostics(URI, Some(1)).await;
    for needle in ["### Pre-read", "- Shipped the café", "- Finished"] {
        let actions = actions_at(&mut c, URI, line_of(DOC, needle), None).await;
        let a = draft(&actions).unwrap_or_else(|| panic!("{needle}: {actions:#?}"));
        assert_eq!(a["kind"], "refactor");
        assert!(a.get("edit").is_none(), "changes nothing: {a}");
        assert_eq!(
            a["command"],
            json!({"title": "Draft the pre-read email", "command": "oneonone.preread", "arguments": [URI]})
        );
        // Asked for refactors, it is there; asked for quick fixes only, it is not.
        let only = actions_at(&mut c, URI, line_of(DOC, needle), Some(json!(["refactor"]))).await;
        assert!(draft(&only).is_some());
        let quickfix =
            actions_at(&mut c, URI, line_of(DOC, needle), Some(json!(["quickfix"]))).await;
        assert!(draft(&quickfix).is_none());
    }
    // Not in the meeting's own parts, and not in an older entry's pre-read.
    for needle in ["Close the books", "My recommendation", "- An old item"] {
        let actions = actions_at(&mut c, URI, line_of(DOC, needle), None).await;
        assert!(draft(&actions).is_none(), "{needle}: {actions:#?}");
    }
}
