//! End-to-end tests through the real protocol, against the server over an in-memory
//! duplex (the same service the binary serves over stdio).

mod common;

use common::model::{apply_text_edits, offset, position};
use common::{capabilities, codes, TestClient, STRONG, WEAK};
use oneonone_ls::rules::Context;
use oneonone_ls::Diagnostic;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const URI: &str = "file:///tmp/oneonone-tests/weekly.1on1.md";

async fn started(utf8: bool, snippets: bool) -> TestClient {
    let mut c = TestClient::in_memory();
    c.initialize(capabilities(utf8, snippets), json!({})).await;
    c
}

#[tokio::test]
async fn initialize_advertises_capabilities_and_negotiates_encoding() {
    let mut c = TestClient::in_memory();
    let r = c.initialize(capabilities(false, true), json!({})).await;
    let caps = &r["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(
        caps["completionProvider"]["triggerCharacters"],
        json!(["#"])
    );
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["documentSymbolProvider"], true);
    let kinds = caps["codeActionProvider"]["codeActionKinds"]
        .as_array()
        .unwrap();
    assert!(kinds.contains(&json!("quickfix")));
    assert!(kinds.contains(&json!("source.fixAll.oneonone")));
    assert_eq!(r["serverInfo"]["name"], "oneonone-ls");

    let mut c = TestClient::in_memory();
    let r = c.initialize(capabilities(true, true), json!({})).await;
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-8");
}

#[tokio::test]
async fn open_publishes_findings_with_the_version() {
    let mut c = started(false, true).await;
    c.open(URI, WEAK, 7).await;
    let diags = c.diagnostics(URI, Some(7)).await;
    assert_eq!(
        codes(&diags),
        [
            "handoff-closing",
            "missing-ask",
            "missing-insight",
            "missing-outcome",
            "status-dump",
            "vague-opening"
        ]
    );
    for d in &diags {
        assert_eq!(d["source"], "oneonone");
        assert_eq!(d["data"]["rule"], d["code"]);
    }
    let vague = diags.iter().find(|d| d["code"] == "vague-opening").unwrap();
    assert_eq!(vague["range"]["start"], json!({"line": 2, "character": 0}));
    assert_eq!(vague["severity"], 2);
    let outcome = diags
        .iter()
        .find(|d| d["code"] == "missing-outcome")
        .unwrap();
    assert_eq!(outcome["severity"], 3);

    c.open("file:///tmp/oneonone-tests/good.1on1.md", STRONG, 1)
        .await;
    let diags = c
        .diagnostics("file:///tmp/oneonone-tests/good.1on1.md", Some(1))
        .await;
    assert!(diags.is_empty(), "{diags:?}");

    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    )
    .await;
    let msg = c
        .wait_for("diagnostics cleared on close", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == URI
                && m["params"]["diagnostics"] == json!([])
        })
        .await;
    assert!(msg["params"]["version"].is_null());
}

#[tokio::test]
async fn other_markdown_is_left_alone() {
    let mut c = started(false, true).await;
    let uri = "file:///tmp/oneonone-tests/README.md";
    c.open(uri, WEAK, 1).await;
    let completion = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 0}}),
        )
        .await;
    assert!(completion.is_null());
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 5}}, "context": {"diagnostics": []}}),
        )
        .await;
    assert!(actions.is_null());
    // An agenda opened afterwards is answered, and nothing was published for README.md.
    c.open(URI, WEAK, 1).await;
    c.diagnostics(URI, Some(1)).await;
    while let Some(m) = c.has_unread(Duration::from_millis(200)).await {
        assert_ne!(m["params"]["uri"], uri, "README.md got {m}");
    }
}

/// Types a sequence of edits under one encoding and checks the server's text against the
/// reference model by the positions of what it reports.
async fn edits_with_emoji_cjk_crlf(utf8: bool) {
    let mut c = started(utf8, true).await;
    let mut text = String::from("# 1:1 with Zoë 🎯\r\n\r\n## Outcome\r\nThe most important outcome I'm focused on right now is 東京 growth 🚀.\r\n");
    c.open(URI, &text, 1).await;
    c.diagnostics(URI, Some(1)).await;
    // Insert a hand-off after the emoji line, then replace the CJK word, then delete a char.
    let edits: Vec<(u32, u32, u32, u32, &str)> = vec![
        (3, 75, 3, 75, " Thoughts?"),
        (3, 55, 3, 57, "大阪と東京"),
        (0, 13, 0, 14, "e"),
    ];
    let mut version = 1;
    for (l1, c1, l2, c2, new) in edits {
        // Positions are computed in the negotiated encoding by the reference model.
        let line_text: Vec<&str> = text.split("\r\n").collect();
        let units = |l: u32, ch: u32| -> u32 {
            let line = line_text[l as usize];
            let prefix: String = line.chars().take(ch as usize).collect();
            if utf8 {
                prefix.len() as u32
            } else {
                prefix.encode_utf16().count() as u32
            }
        };
        let (s, e) = (units(l1, c1), units(l2, c2));
        let change = json!({"range": {"start": {"line": l1, "character": s}, "end": {"line": l2, "character": e}}, "text": new});
        text = apply_text_edits(
            &text,
            &[json!({"range": change["range"], "newText": new})],
            utf8,
        );
        version += 1;
        c.change(URI, version, json!([change])).await;
    }
    let diags = c.diagnostics(URI, Some(version)).await;
    let handoff = diags
        .iter()
        .find(|d| d["code"] == "handoff-closing")
        .expect("hand-off found");
    let start = &handoff["range"]["start"];
    let at = offset(
        &text,
        start["line"].as_u64().unwrap() as u32,
        start["character"].as_u64().unwrap() as u32,
        utf8,
    );
    assert!(
        text[at..].starts_with("Thoughts?"),
        "server and model disagree: {:?}",
        &text[at..]
    );
    assert!(
        text.contains("大阪と東京") && text.starts_with("# 1:1 with Zoe 🎯"),
        "{text}"
    );
    // The hand-off's end is where the model says "Thoughts?" ends.
    let end = &handoff["range"]["end"];
    let (l, ch) = position(&text, at + "Thoughts?".len(), utf8);
    assert_eq!(
        (
            end["line"].as_u64().unwrap() as u32,
            end["character"].as_u64().unwrap() as u32
        ),
        (l, ch)
    );
}

#[tokio::test]
async fn incremental_edits_utf16() {
    edits_with_emoji_cjk_crlf(false).await;
}

#[tokio::test]
async fn incremental_edits_utf8() {
    edits_with_emoji_cjk_crlf(true).await;
}

#[tokio::test]
async fn many_edits_back_to_back_apply_in_order() {
    let mut c = started(false, true).await;
    let mut text = String::from("# Notes\n\n");
    c.open(URI, &text, 1).await;
    // 300 single-character inserts sent without waiting: the final text only comes out
    // right if every edit was applied in the order sent.
    let typed =
        "My recommendation is to pilot one owner per account before we scale it. ".repeat(4);
    let mut version = 1;
    for ch in typed.chars().take(300) {
        let (l, col) = position(&text, text.len(), false);
        c.change(URI, version + 1, json!([{"range": {"start": {"line": l, "character": col}, "end": {"line": l, "character": col}}, "text": ch.to_string()}])).await;
        text.push(ch);
        version += 1;
    }
    let diags = c.diagnostics(URI, Some(version)).await;
    // The document the server holds is the text we typed: ask it for the outline range.
    let symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let end = &symbols[0]["range"]["end"];
    assert_eq!(
        (
            end["line"].as_u64().unwrap() as u32,
            end["character"].as_u64().unwrap() as u32
        ),
        position(&text, text.len(), false)
    );
    assert!(
        !codes(&diags).contains(&"missing-ask".to_string()),
        "{diags:?}"
    );
    // A full-text code action round trip proves the server's copy byte for byte: the
    // "turn off" fix inserts at offset 0 and the test applies it to its own copy.
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
        )
        .await;
    assert!(
        actions.as_array().is_some_and(|a| !a.is_empty()),
        "{actions}"
    );
}

fn action_titled<'a>(actions: &'a Value, title: &str) -> &'a Value {
    actions
        .as_array()
        .and_then(|a| a.iter().find(|x| x["title"] == title))
        .unwrap_or_else(|| panic!("no action {title:?} in {actions:#}"))
}

#[tokio::test]
async fn code_action_applied_removes_the_finding() {
    for utf8 in [false, true] {
        let mut c = started(utf8, true).await;
        let text = WEAK.replace('\n', "\r\n").replace("Dana", "Dana 🎯");
        c.open(URI, &text, 1).await;
        let diags = c.diagnostics(URI, Some(1)).await;
        let handoff = diags
            .iter()
            .find(|d| d["code"] == "handoff-closing")
            .unwrap()
            .clone();
        let actions = c
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": URI}, "range": handoff["range"], "context": {"diagnostics": [handoff], "only": ["quickfix"]}}),
            )
            .await;
        let fix = action_titled(&actions, "Replace with \"My recommendation is …\"");
        assert_eq!(fix["kind"], "quickfix");
        assert_eq!(fix["isPreferred"], true);
        assert_eq!(fix["diagnostics"][0]["code"], "handoff-closing");
        let edits = fix["edit"]["changes"][URI].as_array().unwrap();
        let fixed = apply_text_edits(&text, edits, utf8);
        assert_eq!(
            fixed,
            text.replace("Let me know what you think.", "My recommendation is …")
        );
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": fixed}]}),
        )
        .await;
        let diags = c.diagnostics(URI, Some(2)).await;
        let codes = codes(&diags);
        assert!(!codes.contains(&"handoff-closing".into()), "{codes:?}");
        assert!(
            !codes.contains(&"missing-ask".into()),
            "the starter counts as an ask"
        );
        assert!(codes.contains(&"unfinished-starter".into()));
    }
}

#[tokio::test]
async fn fix_all_moves_status_and_refactors_insert() {
    let mut c = started(false, true).await;
    c.open(URI, WEAK, 1).await;
    c.diagnostics(URI, Some(1)).await;
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let all = action_titled(&actions, "Fix all safe 1:1 findings");
    assert_eq!(all["kind"], "source.fixAll.oneonone");
    let fixed = apply_text_edits(WEAK, all["edit"]["changes"][URI].as_array().unwrap(), false);
    assert!(fixed
        .contains("## Pre-read (send before the meeting)\n\n- Shipped the new welcome email\n"));
    let mut before: Vec<&str> = WEAK.lines().collect();
    let mut after: Vec<&str> = fixed.lines().collect();
    before.retain(|l| !l.is_empty());
    after.retain(|l| !l.is_empty() && !l.starts_with("## Pre-read"));
    before.sort();
    after.sort();
    assert_eq!(before, after, "every line kept verbatim");

    // Refactors: missing parts anywhere, starters inside a part.
    let text = "# 1:1\n\n## The leadership move\n\n";
    c.open("file:///tmp/oneonone-tests/b.1on1.md", text, 1)
        .await;
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": "file:///tmp/oneonone-tests/b.1on1.md"}, "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}}, "context": {"diagnostics": [], "only": ["refactor"]}}),
        )
        .await;
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    for t in [
        "Insert starter: \"My recommendation is …\"",
        "Insert starter: \"What I need from you is …\"",
        "Insert starter: \"The decision I'm making is …\"",
        "Insert starter: \"The tradeoff I'm weighing is …\"",
        "Add the missing part: the outcome",
        "Add the missing part: the insight",
    ] {
        assert!(titles.contains(&t), "{t} missing from {titles:?}");
    }
    assert!(
        !titles.iter().any(|t| t.contains("leadership move")),
        "{titles:?}"
    );
    let add = action_titled(&actions, "Add the missing part: the outcome");
    let fixed = apply_text_edits(
        text,
        add["edit"]["changes"]["file:///tmp/oneonone-tests/b.1on1.md"]
            .as_array()
            .unwrap(),
        false,
    );
    assert_eq!(fixed, "# 1:1\n\n## The outcome\n\nThe most important outcome I'm focused on right now is …\n\n## The leadership move\n\n");
}

#[tokio::test]
async fn completion_offers_parts_and_starters() {
    for snippets in [true, false] {
        let mut c = started(false, snippets).await;
        let text = "# 1:1\n\n## The outcome\n\n\n## The leadership move\nMy rec\n\n#";
        c.open(URI, text, 1).await;
        let at = |line: u32, character: u32| json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}});
        // An empty line inside the outcome: the part snippets and the outcome starter.
        let items = c.request("textDocument/completion", at(3, 0)).await;
        let labels: Vec<&str> = items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap())
            .collect();
        for l in [
            "Outcome part",
            "Insight part",
            "Leadership move part",
            "Pre-read part",
            "Whole agenda",
            "The most important outcome I'm focused on right now is …",
        ] {
            assert!(labels.contains(&l), "{l} missing: {labels:?}");
        }
        let outcome = &items.as_array().unwrap()[0];
        assert_eq!(outcome["label"], "Outcome part");
        assert!(outcome["documentation"]["value"]
            .as_str()
            .unwrap()
            .contains("Instead of"));
        let new_text = outcome["textEdit"]["newText"].as_str().unwrap();
        assert_eq!(outcome["insertTextFormat"], if snippets { 2 } else { 1 });
        assert_eq!(new_text.contains("${1:"), snippets, "{new_text}");
        assert!(new_text.starts_with(
            "## The outcome\n\nThe most important outcome I'm focused on right now is"
        ));
        // Inside the leadership move: all four starters, replacing what was typed.
        let items = c.request("textDocument/completion", at(6, 6)).await;
        let starters: Vec<&Value> = items
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == 1)
            .collect();
        assert_eq!(starters.len(), 4, "{items:#}");
        let rec = starters
            .iter()
            .find(|i| i["filterText"] == "My recommendation is")
            .unwrap();
        assert_eq!(
            rec["textEdit"]["range"]["start"],
            json!({"line": 6, "character": 0})
        );
        // After `#`: the part snippets at that heading level, replacing the `#`.
        let items = c.request("textDocument/completion", at(8, 1)).await;
        let first = &items.as_array().unwrap()[0];
        assert!(first["textEdit"]["newText"]
            .as_str()
            .unwrap()
            .starts_with("# The outcome"));
        assert_eq!(
            first["textEdit"]["range"]["start"],
            json!({"line": 8, "character": 0})
        );
        assert!(items.as_array().unwrap().iter().all(|i| i["kind"] == 15));
    }
}

#[tokio::test]
async fn hover_explains_parts_and_findings() {
    let mut c = started(false, true).await;
    c.open(URI, STRONG, 1).await;
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 11, "character": 5}}),
        )
        .await;
    let md = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(md.starts_with("**The insight**"), "{md}");
    assert!(
        md.contains("Instead of") && md.contains("What I'm seeing is"),
        "{md}"
    );
    c.open("file:///tmp/oneonone-tests/w.1on1.md", WEAK, 1)
        .await;
    let hover = c
        .request("textDocument/hover", json!({"textDocument": {"uri": "file:///tmp/oneonone-tests/w.1on1.md"}, "position": {"line": 12, "character": 3}}))
        .await;
    let md = hover["contents"]["value"].as_str().unwrap();
    assert!(md.starts_with("**handoff-closing**"), "{md}");
    assert_eq!(hover["range"]["start"], json!({"line": 12, "character": 0}));
    let nothing = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 13, "character": 3}}),
        )
        .await;
    assert!(nothing.is_null(), "{nothing}");
}

#[tokio::test]
async fn symbols_outline_the_agenda() {
    let mut c = started(false, true).await;
    c.open(URI, STRONG, 1).await;
    let symbols = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let top = symbols.as_array().unwrap();
    assert_eq!(top.len(), 1, "{symbols:#}");
    assert_eq!(top[0]["name"], "1:1 with Dana");
    let kids: Vec<(&str, &str)> = top[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["name"].as_str().unwrap(),
                k["detail"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        kids,
        [
            ("The outcome", "the outcome"),
            ("The insight", "the insight"),
            ("The leadership move", "the leadership move"),
            ("Pre-read (emailed Monday)", "the pre-read"),
        ]
    );
    let outcome = &top[0]["children"][0];
    assert_eq!(
        outcome["selectionRange"]["start"],
        json!({"line": 7, "character": 0})
    );
    assert_eq!(outcome["range"]["end"], json!({"line": 11, "character": 0}));
}

#[tokio::test]
async fn workspace_scan_watched_files_and_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("team/node_modules")).unwrap();
    std::fs::write(root.join("team/a.1on1.md"), WEAK).unwrap();
    std::fs::write(root.join("team/node_modules/x.1on1.md"), WEAK).unwrap();
    std::fs::write(root.join("notes.md"), WEAK).unwrap();
    std::fs::write(root.join("bad.1on1.md"), b"\xff\xfe not utf-8").unwrap();
    std::fs::write(
        root.join(".oneonone.toml"),
        "[rules]\nstatus-dump = \"error\"\n",
    )
    .unwrap();
    let root_uri = format!("file://{}", root.display());
    let a_uri = format!("{root_uri}/team/a.1on1.md");
    let mut c = TestClient::in_memory();
    c.initialize(
        capabilities(false, true),
        json!({"workspaceFolders": [{"uri": root_uri, "name": "w"}]}),
    )
    .await;
    let diags = c.diagnostics(&a_uri, None).await;
    let dump = diags.iter().find(|d| d["code"] == "status-dump").unwrap();
    assert_eq!(dump["severity"], 1, "the workspace file raised it to error");
    assert!(c
        .server_requests
        .contains(&"client/registerCapability".to_string()));

    // A created file is checked; a deleted one is cleared.
    let b = root.join("b.1on1.md");
    std::fs::write(&b, "Thoughts?\n").unwrap();
    let b_uri = format!("{root_uri}/b.1on1.md");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": b_uri, "type": 1}]}),
    )
    .await;
    let diags = c.diagnostics(&b_uri, None).await;
    assert!(codes(&diags).contains(&"handoff-closing".to_string()));
    std::fs::remove_file(&b).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": b_uri, "type": 3}]}),
    )
    .await;
    assert!(c.diagnostics(&b_uri, None).await.is_empty());

    // An open document wins over its file.
    c.open(&a_uri, STRONG, 3).await;
    assert!(c.diagnostics(&a_uri, Some(3)).await.is_empty());

    // Editor settings turn a rule off and re-check.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"oneonone": {"rules": {"missing-ask": "off"}}}}),
    )
    .await;
    c.open("file:///elsewhere/x.1on1.md", "Busy week.\n", 1)
        .await;
    let diags = c.diagnostics("file:///elsewhere/x.1on1.md", Some(1)).await;
    let codes_x = codes(&diags);
    assert!(
        codes_x.contains(&"vague-opening".to_string())
            && !codes_x.contains(&"missing-ask".to_string()),
        "{codes_x:?}"
    );

    // A broken .oneonone.toml is reported with its line and key; defaults keep working.
    std::fs::write(
        root.join(".oneonone.toml"),
        "[rules]\n\nstatus-dump = \"loud\"\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("{root_uri}/.oneonone.toml"), "type": 2}]}),
    )
    .await;
    let msg = c
        .wait_for("showMessage", |m| m["method"] == "window/showMessage")
        .await;
    let text = msg["params"]["message"].as_str().unwrap();
    assert!(
        text.contains(".oneonone.toml")
            && text.contains("line 3")
            && text.contains("rules.status-dump"),
        "{text}"
    );
    let diags = c.diagnostics(&a_uri, Some(3)).await;
    assert!(diags.is_empty());
    c.shutdown_and_exit().await;
    // Nothing was ever published for the skipped files.
    while let Some(m) = c.has_unread(Duration::from_millis(100)).await {
        let uri = m["params"]["uri"].as_str().unwrap_or_default();
        assert!(
            !uri.contains("node_modules")
                && !uri.ends_with("notes.md")
                && !uri.ends_with("bad.1on1.md"),
            "{m}"
        );
    }
}

#[tokio::test]
async fn settings_from_initialization_options_and_pull() {
    let mut c = TestClient::in_memory();
    c.settings = json!({"rules": {"handoff-closing": "error"}});
    c.initialize(
        capabilities(false, true),
        json!({"initializationOptions": {"rules": {"vague-opening": "hint"}}}),
    )
    .await;
    c.open(URI, WEAK, 1).await;
    // The pulled settings replace the initial ones once they arrive.
    let msg = c
        .wait_for("diagnostics with pulled settings", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["diagnostics"].as_array().is_some_and(|d| {
                    d.iter()
                        .any(|x| x["code"] == "handoff-closing" && x["severity"] == 1)
                })
        })
        .await;
    let diags = msg["params"]["diagnostics"].as_array().unwrap();
    let vague = diags.iter().find(|d| d["code"] == "vague-opening").unwrap();
    assert_eq!(
        vague["severity"], 2,
        "pulled settings replace the initial ones"
    );
}

// ---------------------------------------------------------------------------------------
// Containment, stale results and the background analyser, with an injected checker

static STALE_VERSION: AtomicUsize = AtomicUsize::new(0);
static STALE_SETTINGS: AtomicUsize = AtomicUsize::new(0);
static BURST: AtomicUsize = AtomicUsize::new(0);

/// The engine, except on agendas that ask for trouble: "PANIC HERE" panics, "SLOW HERE"
/// takes 400 ms; the analyses of agendas naming a counter are counted (when they start).
fn checker(ctx: &Context) -> Vec<Diagnostic> {
    let text = ctx.text;
    for (name, counter) in [
        ("STALE-VERSION", &STALE_VERSION),
        ("STALE-SETTINGS", &STALE_SETTINGS),
        ("BURST", &BURST),
    ] {
        if text.contains(name) {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    }
    if text.contains("PANIC HERE") {
        panic!("injected failure");
    }
    if text.contains("SLOW HERE") {
        std::thread::sleep(Duration::from_millis(400));
    }
    oneonone_ls::check_context(ctx)
}

async fn started_with_checker() -> TestClient {
    let mut c = TestClient::in_memory_with(checker);
    c.initialize(capabilities(false, true), json!({})).await;
    c
}

/// An agenda too large to analyse in place, slow to analyse, and counted by `counter`.
fn large(counter: &str) -> String {
    let unit = "## Updates\n\n- Shipped the billing fix\n- Finished the cleanup\n- Completed interviews\n- Migration 80% done\n- QA in progress\n\nLet me know what you think.\n\n";
    let mut text = format!("# 1:1 SLOW HERE {counter}\n\n");
    while text.len() <= oneonone_ls::server::IN_PLACE_LIMIT {
        text.push_str(unit);
    }
    text
}

/// Waits until `counter` reaches `n`: an analysis has started.
async fn started_analyses(counter: &AtomicUsize, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while counter.load(Ordering::SeqCst) < n {
        assert!(Instant::now() < deadline, "no analysis started");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// The versions of the diagnostics published for `uri` among `msgs`.
fn published_versions(msgs: &[Value], uri: &str) -> Vec<Value> {
    msgs.iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .map(|m| m["params"]["version"].clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_analysis_costs_only_that_documents_update() {
    let mut c = started_with_checker().await;
    let bad = "file:///tmp/oneonone-tests/bad.1on1.md";
    c.open(bad, &format!("{WEAK}\nPANIC HERE\n"), 1).await;
    // Other documents still get their diagnostics.
    c.open(URI, WEAK, 1).await;
    assert!(codes(&c.diagnostics(URI, Some(1)).await).contains(&"status-dump".to_string()));
    // Requests on the failing document are answered, with nothing.
    let at = json!({"textDocument": {"uri": bad}, "position": {"line": 2, "character": 3}});
    for method in ["textDocument/hover", "textDocument/completion"] {
        let answer = c.request(method, at.clone()).await;
        assert!(answer.is_null(), "{method}: {answer}");
    }
    let outline = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": bad}}),
        )
        .await;
    assert!(outline.is_null(), "{outline}");
    // Its next version is analysed as usual, and its failed one was never published.
    c.change(bad, 2, json!([{"text": WEAK}])).await;
    assert!(codes(&c.diagnostics(bad, Some(2)).await).contains(&"status-dump".to_string()));
    assert!(published_versions(&c.drain().await, bad).is_empty());
    let outline = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": bad}}),
        )
        .await;
    assert!(outline.is_array(), "{outline}");
}

/// A large document's analysis of version 1 is still running when version 2 arrives: its
/// result is dropped, and only version 2 is published.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_result_for_a_replaced_version_is_never_published() {
    let mut c = started_with_checker().await;
    let text = large("STALE-VERSION");
    c.open(URI, &text, 1).await;
    started_analyses(&STALE_VERSION, 1).await;
    c.change(URI, 2, json!([{"text": format!("{text}Thoughts?\n")}]))
        .await;
    let diags = c.diagnostics(URI, Some(2)).await;
    assert!(codes(&diags).contains(&"handoff-closing".to_string()));
    tokio::time::sleep(Duration::from_millis(600)).await;
    let mut msgs: Vec<Value> = c.drain().await;
    msgs.retain(|m| m["params"]["uri"] == URI);
    assert!(published_versions(&msgs, URI).is_empty(), "{msgs:?}");
    assert_eq!(
        STALE_VERSION.load(Ordering::SeqCst),
        2,
        "version 1 was analysed"
    );
}

/// Settings change while a large document is analysed: the result made with the old
/// settings is dropped, and the document is analysed again with the new ones.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_result_made_with_replaced_settings_is_never_published() {
    let mut c = started_with_checker().await;
    let text = large("STALE-SETTINGS");
    c.open(URI, &text, 1).await;
    started_analyses(&STALE_SETTINGS, 1).await;
    // The server's first pull of the settings (sent at `initialized`) is answered while
    // the test reads the diagnostics, in either order with the notification: answer it
    // with the same settings, or a late answer would restore the defaults.
    c.settings = json!({"rules": {"status-dump": "off"}});
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"oneonone": {"rules": {"status-dump": "off"}}}}),
    )
    .await;
    let diags = c.diagnostics(URI, Some(1)).await;
    assert!(
        !codes(&diags).contains(&"status-dump".to_string()),
        "{diags:?}"
    );
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(published_versions(&c.drain().await, URI).is_empty());
    assert_eq!(STALE_SETTINGS.load(Ordering::SeqCst), 2);
}

/// A burst of edits to a large document, sent without waiting while it is analysed,
/// costs far fewer analyses than edits, and the last version is published.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_edits_to_a_large_document_costs_few_analyses() {
    let mut c = started_with_checker().await;
    let mut text = large("BURST");
    c.open(URI, &text, 1).await;
    c.diagnostics(URI, Some(1)).await;
    assert_eq!(BURST.load(Ordering::SeqCst), 1);
    let typed = "Thoughts?";
    let line = text.lines().count() as u32;
    for (i, ch) in typed.chars().enumerate() {
        let at = json!({"line": line, "character": i});
        c.change(
            URI,
            i as i64 + 2,
            json!([{"range": {"start": at, "end": at}, "text": ch.to_string()}]),
        )
        .await;
        text.push(ch);
    }
    let last = typed.len() as i64 + 1;
    let diags = c.diagnostics(URI, Some(last)).await;
    assert!(
        codes(&diags).contains(&"handoff-closing".to_string()),
        "{diags:?}"
    );
    let analyses = BURST.load(Ordering::SeqCst) - 1;
    // The first edit may start an analysis before the others arrive; the rest wait
    // together for the next one.
    assert!(
        analyses <= 3,
        "{analyses} analyses for {} edits",
        typed.len()
    );
    let versions = published_versions(&c.drain().await, URI);
    assert!(
        versions.is_empty(),
        "published after the last version: {versions:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Readiness at a glance: code lens, inlay hint, the command a missing part's lens runs.

const RUNNING: &str = "# Dana / Sam 🎯\n\n## 2026-11-23\nMy recommendation is to hire two contractors.\n- [ ] Draft the plan\n\n## 2026-11-16\nThe most important outcome I'm focused on right now is churn.\n- [ ] Send the deck to finance\n- [x] Book the offsite\n";

/// Client capabilities with code lens support, or without.
fn caps_with_lens(utf8: bool, lens: bool) -> Value {
    let mut caps = capabilities(utf8, true);
    if lens {
        caps["textDocument"]["codeLens"] = json!({"dynamicRegistration": false});
    }
    caps
}

async fn lenses(c: &mut TestClient, uri: &str) -> Vec<Value> {
    let r = c
        .request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    r.as_array().cloned().unwrap_or_default()
}

async fn hints(c: &mut TestClient, uri: &str, lines: (u32, u32)) -> Vec<Value> {
    let r = c
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": lines.0, "character": 0}, "end": {"line": lines.1, "character": 0}}}),
        )
        .await;
    r.as_array().cloned().unwrap_or_default()
}

fn titles(lenses: &[Value]) -> Vec<&str> {
    lenses
        .iter()
        .map(|l| l["command"]["title"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_readiness_lens_sits_on_the_current_entry_and_adds_a_missing_part() {
    for utf8 in [false, true] {
        let mut c = TestClient::in_memory();
        let r = c.initialize(caps_with_lens(utf8, true), json!({})).await;
        let caps = &r["capabilities"];
        assert_eq!(caps["codeLensProvider"]["resolveProvider"], false);
        assert_eq!(caps["inlayHintProvider"], true);
        assert!(caps["executeCommandProvider"]["commands"]
            .as_array()
            .unwrap()
            .contains(&json!("oneonone.addPart")));
        c.open(URI, RUNNING, 1).await;
        c.diagnostics(URI, Some(1)).await;

        let found = lenses(&mut c, URI).await;
        assert_eq!(
            titles(&found),
            ["Outcome ✗", "Insight ✗", "Ask ✓", "2 open items"]
        );
        for l in &found {
            assert_eq!(
                l["range"],
                json!({"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 13}}),
                "on the current entry's heading"
            );
        }
        // A part that is there, and the open items, are labels; a missing one runs the
        // command with the document, the part and the version the lens was drawn for.
        assert_eq!(found[2]["command"]["command"], "");
        assert_eq!(found[3]["command"]["command"], "");
        let outcome = &found[0]["command"];
        assert_eq!(outcome["command"], "oneonone.addPart");
        assert_eq!(outcome["arguments"], json!([URI, "outcome", 1]));
        // A client that shows lenses gets no hint as well.
        assert!(hints(&mut c, URI, (0, 20)).await.is_empty());

        // Running it: the server asks the client to apply the part's fix.
        // (This client takes no versioned edits: a plain `changes` map.)
        let result = c
            .request(
                "workspace/executeCommand",
                json!({"command": outcome["command"], "arguments": outcome["arguments"]}),
            )
            .await;
        assert_eq!(result, Value::Null);
        assert_eq!(c.applied_edits.len(), 1);
        assert!(c.applied_edits[0]["edit"].get("documentChanges").is_none());
        let edits = c.applied_edits[0]["edit"]["changes"][URI]
            .as_array()
            .unwrap()
            .clone();
        let fixed = apply_text_edits(RUNNING, &edits, utf8);
        let entry_end = RUNNING.find("## 2026-11-16").unwrap();
        assert_eq!(
            &fixed[fixed.len() - (RUNNING.len() - entry_end)..],
            &RUNNING[entry_end..],
            "the earlier entry is untouched"
        );
        assert!(
            fixed[..fixed.find("## 2026-11-16").unwrap()]
                .contains("The most important outcome I'm focused on right now is …"),
            "{fixed}"
        );
        c.change(URI, 2, json!([{"text": fixed}])).await;
        let diags = c.diagnostics(URI, Some(2)).await;
        assert!(!codes(&diags).contains(&"missing-outcome".to_string()));
        assert_eq!(
            titles(&lenses(&mut c, URI).await),
            ["Outcome ✓", "Insight ✗", "Ask ✓", "2 open items"]
        );
        // Run again once the part is there: nothing to apply.
        c.request(
            "workspace/executeCommand",
            json!({"command": "oneonone.addPart", "arguments": [URI, "outcome"]}),
        )
        .await;
        assert_eq!(c.applied_edits.len(), 1);
        // Bad arguments are an error, not a crash.
        let bad = c
            .request_raw(
                "workspace/executeCommand",
                json!({"command": "oneonone.addPart", "arguments": [42]}),
            )
            .await;
        assert!(bad["error"]["message"]
            .as_str()
            .unwrap()
            .contains("a document URI, a part"));
        c.shutdown_and_exit().await;
    }
}

/// A client that takes versioned edits gets the part as a `documentChanges` edit naming
/// the version it was made for; a lens drawn for an older version is refused, with no edit.
#[tokio::test]
async fn the_missing_part_is_a_versioned_edit_and_a_stale_lens_is_refused() {
    let mut caps = caps_with_lens(false, true);
    caps["workspace"]["workspaceEdit"] = json!({"documentChanges": true});
    let mut c = TestClient::in_memory();
    c.initialize(caps, json!({})).await;
    c.open(URI, RUNNING, 1).await;
    c.diagnostics(URI, Some(1)).await;
    let stale = lenses(&mut c, URI).await[0]["command"].clone();
    assert_eq!(stale["arguments"], json!([URI, "outcome", 1]));

    // A keystroke at the top of the document after the lens was drawn.
    c.change(
        URI,
        2,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "\n"}]),
    )
    .await;
    let text = format!("\n{RUNNING}");
    c.diagnostics(URI, Some(2)).await;
    let refused = c
        .request_raw(
            "workspace/executeCommand",
            json!({"command": stale["command"], "arguments": stale["arguments"]}),
        )
        .await;
    assert_eq!(refused["error"]["code"], -32803, "{refused}");
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("changed since this lens was drawn (version 1, now 2)"),
        "{message}"
    );
    assert!(c.applied_edits.is_empty(), "{:?}", c.applied_edits);

    // The lens drawn again names version 2, and its edit is tied to that version.
    let fresh = lenses(&mut c, URI).await[0]["command"].clone();
    assert_eq!(fresh["arguments"], json!([URI, "outcome", 2]));
    let result = c
        .request(
            "workspace/executeCommand",
            json!({"command": fresh["command"], "arguments": fresh["arguments"]}),
        )
        .await;
    assert_eq!(result, Value::Null);
    assert_eq!(c.applied_edits.len(), 1);
    let edit = &c.applied_edits[0]["edit"];
    assert!(edit.get("changes").is_none(), "{edit}");
    let changes = edit["documentChanges"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0]["textDocument"],
        json!({"uri": URI, "version": 2})
    );
    let fixed = apply_text_edits(&text, changes[0]["edits"].as_array().unwrap(), false);
    let entry = &fixed[..fixed.find("## 2026-11-16").unwrap()];
    assert!(
        entry.starts_with("\n# Dana / Sam 🎯\n\n## 2026-11-23\n")
            && entry.contains("The most important outcome I'm focused on right now is …"),
        "{fixed}"
    );

    // A version that is not a number is a bad argument, not a stale lens.
    let bad = c
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "oneonone.addPart", "arguments": [URI, "outcome", "two"]}),
        )
        .await;
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    assert_eq!(c.applied_edits.len(), 1);
    c.shutdown_and_exit().await;
}

#[tokio::test]
async fn without_code_lens_the_summary_is_an_inlay_hint_at_the_end_of_the_line() {
    for utf8 in [false, true] {
        let mut c = TestClient::in_memory();
        c.initialize(caps_with_lens(utf8, false), json!({})).await;
        let text = WEAK.replace("# 1:1 with Dana", "# 1:1 with Dana 🎯");
        c.open(URI, &text, 1).await;
        c.diagnostics(URI, Some(1)).await;
        let found = hints(&mut c, URI, (0, 30)).await;
        assert_eq!(found.len(), 1, "{found:?}");
        let first_line = "# 1:1 with Dana 🎯";
        let end = if utf8 {
            first_line.len()
        } else {
            first_line.encode_utf16().count()
        };
        assert_eq!(found[0]["position"], json!({"line": 0, "character": end}));
        assert_eq!(found[0]["label"], "Outcome ✗ · Insight ✗ · Ask ✗");
        assert_eq!(found[0]["paddingLeft"], true);
        // Only for a range that holds the line.
        assert!(hints(&mut c, URI, (2, 30)).await.is_empty());
    }
}

#[tokio::test]
async fn the_lens_and_the_hint_can_be_turned_off() {
    // The lens off: a client that shows lenses gets the hint instead.
    let settings = json!({"readiness": {"lens": false}});
    let mut c = TestClient::in_memory();
    c.settings = settings.clone();
    c.initialize(
        caps_with_lens(false, true),
        json!({ "initializationOptions": settings }),
    )
    .await;
    c.open(URI, WEAK, 1).await;
    c.diagnostics(URI, Some(1)).await;
    assert!(lenses(&mut c, URI).await.is_empty());
    assert_eq!(hints(&mut c, URI, (0, 30)).await.len(), 1);

    // Both off, from the folder's .oneonone.toml.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".oneonone.toml"),
        "[readiness]\nlens = false\nhint = false\n",
    )
    .unwrap();
    let root_uri = format!("file://{}", dir.path().display());
    let uri = format!("{root_uri}/w.1on1.md");
    for lens in [true, false] {
        let mut c = TestClient::in_memory();
        c.initialize(
            caps_with_lens(false, lens),
            json!({"workspaceFolders": [{"uri": root_uri, "name": "w"}]}),
        )
        .await;
        c.open(&uri, WEAK, 1).await;
        c.diagnostics(&uri, Some(1)).await;
        assert!(lenses(&mut c, &uri).await.is_empty());
        assert!(hints(&mut c, &uri, (0, 30)).await.is_empty());
    }
}

// ---------------------------------------------------------------------------------------
// Progress of the workspace scan.

fn workspace_of(n: usize) -> (tempfile::TempDir, String, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let root_uri = format!("file://{}", dir.path().display());
    let uris = (0..n)
        .map(|i| {
            let name = format!("{i:02}.1on1.md");
            std::fs::write(dir.path().join(&name), WEAK).unwrap();
            format!("{root_uri}/{name}")
        })
        .collect();
    (dir, root_uri, uris)
}

#[tokio::test]
async fn the_workspace_scan_reports_progress_to_a_client_that_shows_it() {
    let (_dir, root_uri, uris) = workspace_of(12);
    let mut caps = capabilities(false, true);
    caps["window"] = json!({"workDoneProgress": true});
    let mut c = TestClient::in_memory();
    c.initialize(
        caps,
        json!({"workspaceFolders": [{"uri": root_uri, "name": "w"}]}),
    )
    .await;
    let mut progress = Vec::new();
    loop {
        let p = c
            .wait_for("$/progress", |m| m["method"] == "$/progress")
            .await;
        let done = p["params"]["value"]["kind"] == "end";
        progress.push(p["params"].clone());
        if done {
            break;
        }
    }
    assert!(c
        .server_requests
        .contains(&"window/workDoneProgress/create".to_string()));
    let token = &progress[0]["token"];
    assert!(progress.iter().all(|p| &p["token"] == token));
    let kinds: Vec<&str> = progress
        .iter()
        .map(|p| p["value"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.first(), Some(&"begin"));
    assert_eq!(kinds.last(), Some(&"end"));
    assert!(kinds[1..kinds.len() - 1].iter().all(|k| *k == "report"));
    let percents: Vec<u64> = progress[..progress.len() - 1]
        .iter()
        .map(|p| p["value"]["percentage"].as_u64().unwrap())
        .collect();
    assert_eq!(percents.first(), Some(&0));
    assert_eq!(percents.last(), Some(&100));
    assert!(percents.windows(2).all(|w| w[0] < w[1]), "{percents:?}");
    assert!(kinds.len() >= 4, "{kinds:?}");
    // Every file was checked.
    for uri in &uris {
        c.diagnostics(uri, None).await;
    }
}

#[tokio::test]
async fn no_progress_without_the_client_capability() {
    let (_dir, root_uri, uris) = workspace_of(12);
    let mut c = TestClient::in_memory();
    c.initialize(
        capabilities(false, true),
        json!({"workspaceFolders": [{"uri": root_uri, "name": "w"}]}),
    )
    .await;
    for uri in &uris {
        c.diagnostics(uri, None).await;
    }
    let mut rest = c.drain().await;
    while let Some(m) = c.has_unread(Duration::from_millis(300)).await {
        rest.push(m);
    }
    assert!(rest.iter().all(|m| m["method"] != "$/progress"), "{rest:?}");
    assert!(!c
        .server_requests
        .contains(&"window/workDoneProgress/create".to_string()));
}

static SCANNED: AtomicUsize = AtomicUsize::new(0);
static SCANNED_ALL_WHILE_BUSY: AtomicUsize = AtomicUsize::new(0);
static REWRITE: std::sync::Mutex<Option<std::path::PathBuf>> = std::sync::Mutex::new(None);
/// The files of the workspace in the test below: fewer than the scan's results that may
/// wait to be published, so that the scan can check them all while nothing is published.
const SCAN_FILES: usize = 40;

/// The engine, counting the analyses of agendas that say "SCANNED"; an agenda that says
/// "BUSY" holds the thread it is analysed on (the protocol task, for an open document)
/// until [`SCAN_FILES`] of those have been analysed (counted in
/// `SCANNED_ALL_WHILE_BUSY`), or 20 s have passed; then the file in `REWRITE` (one they
/// were read from) is given new text.
fn busy_checker(ctx: &Context) -> Vec<Diagnostic> {
    if ctx.text.contains("SCANNED") {
        SCANNED.fetch_add(1, Ordering::SeqCst);
    }
    if ctx.text.contains("BUSY") {
        let deadline = Instant::now() + Duration::from_secs(20);
        while SCANNED.load(Ordering::SeqCst) < SCAN_FILES && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        if SCANNED.load(Ordering::SeqCst) >= SCAN_FILES {
            SCANNED_ALL_WHILE_BUSY.fetch_add(1, Ordering::SeqCst);
        }
        if let Some(path) = REWRITE.lock().unwrap().take() {
            std::fs::write(path, STRONG).unwrap();
        }
    }
    oneonone_ls::check_context(ctx)
}

/// The scan checks files off the protocol task and does not wait for it between files:
/// while an open document's analysis holds the protocol task, the scan goes on to the
/// last file. A file that changes on disk meanwhile ends with the diagnostics of its new
/// text, never with those the scan made of the old one.
#[tokio::test]
async fn the_workspace_scan_goes_on_while_the_protocol_task_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let root_uri = format!("file://{}", dir.path().display());
    for i in 0..SCAN_FILES {
        let text = format!("{WEAK}\nSCANNED\n");
        std::fs::write(dir.path().join(format!("{i:03}.1on1.md")), text).unwrap();
    }
    std::fs::write(dir.path().join("strong.1on1.md"), STRONG).unwrap();
    let mut c = TestClient::in_memory_with(busy_checker);
    c.initialize(
        capabilities(false, true),
        json!({"workspaceFolders": [{"uri": root_uri, "name": "w"}]}),
    )
    .await;
    // The scan has begun; the protocol task is then held by the open document, and
    // 005 changes on disk once the scan has read it.
    let weak = c
        .diagnostics(&format!("{root_uri}/000.1on1.md"), None)
        .await;
    let before = SCANNED.load(Ordering::SeqCst);
    *REWRITE.lock().unwrap() = Some(dir.path().join("005.1on1.md"));
    let changed = format!("{root_uri}/005.1on1.md");
    c.open(URI, &format!("{WEAK}\nBUSY\n"), 1).await;
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": changed, "type": 2}]}),
    )
    .await;
    c.diagnostics(URI, Some(1)).await;
    assert_eq!(
        SCANNED_ALL_WHILE_BUSY.load(Ordering::SeqCst),
        1,
        "{} of {SCAN_FILES} files checked while the protocol task was busy, {before} before",
        SCANNED.load(Ordering::SeqCst)
    );
    // Every other file was published too.
    let strong = c
        .diagnostics(&format!("{root_uri}/strong.1on1.md"), None)
        .await;
    for i in (1..SCAN_FILES).filter(|&i| i != 5) {
        c.diagnostics(&format!("{root_uri}/{i:03}.1on1.md"), None)
            .await;
    }
    let mut rest = c.drain().await;
    while let Some(m) = c.has_unread(Duration::from_millis(500)).await {
        rest.push(m);
    }
    let last = rest
        .iter()
        .rfind(|m| m["params"]["uri"] == changed)
        .expect("diagnostics for the changed file");
    assert_ne!(codes(&weak), codes(&strong));
    assert_eq!(
        codes(last["params"]["diagnostics"].as_array().unwrap()),
        codes(&strong),
        "{rest:#?}"
    );
}

/// A settings change asks a client that can refresh to draw the lenses and hints again
/// (the lens may just have been turned off).
#[tokio::test]
async fn a_settings_change_refreshes_lenses_and_hints() {
    let mut caps = caps_with_lens(false, true);
    caps["workspace"]["codeLens"] = json!({"refreshSupport": true});
    caps["workspace"]["inlayHint"] = json!({"refreshSupport": true});
    let mut c = TestClient::in_memory();
    c.initialize(caps, json!({})).await;
    c.open(URI, WEAK, 1).await;
    c.diagnostics(URI, Some(1)).await;
    assert_eq!(lenses(&mut c, URI).await.len(), 3);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"oneonone": {"readiness": {"lens": false}}}}),
    )
    .await;
    c.diagnostics(URI, Some(1)).await;
    // The refresh requests come after the re-published diagnostics.
    assert!(lenses(&mut c, URI).await.is_empty());
    assert_eq!(hints(&mut c, URI, (0, 30)).await.len(), 1);
    let wanted = ["workspace/codeLens/refresh", "workspace/inlayHint/refresh"];
    let start = Instant::now();
    while !wanted
        .iter()
        .all(|w| c.server_requests.iter().any(|m| m == w))
        && start.elapsed() < Duration::from_secs(10)
    {
        c.has_unread(Duration::from_millis(100)).await;
    }
    for method in wanted {
        assert!(
            c.server_requests.iter().any(|m| m == method),
            "{method} in {:?}",
            c.server_requests
        );
    }
}
