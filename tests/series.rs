//! The 1:1 series through the real protocol (in memory): the rules that read across
//! meetings (`open-action-item`, `repeated-ask`, `outcome-changed`) in both orders, the
//! "Carry over" action, the "Carry over: …" completion items and hover on action items
//! and asks.

mod common;

use common::model::{apply_text_edits, position};
use common::{capabilities, codes, TestClient};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/oneonone-tests/dana.1on1.md";

/// Newest first, CRLF, an emoji: the current entry changes the outcome without a word,
/// asks again for the contractors, carries one action item and drops another.
const NEWEST_FIRST: &str = "# Dana 🎯 1:1s\r\n\r\n## Parking lot\r\n- Offsite dates\r\n\r\n## 2026-11-23\r\n\r\n### Outcome\r\nCut SMB churn to 2% by the end of Q2.\r\n\r\n### Insight\r\nWhat I'm seeing is that churned accounts never finished onboarding.\r\n\r\n### Leadership move\r\nMy recommendation is to hire two contractors for the reconciliation backlog.\r\n\r\n- [ ] Book the offsite (Priya)\r\n\r\n## 2026-11-16\r\n\r\n### Outcome\r\nClose the books in four days by February.\r\n\r\n### Leadership move\r\nWhat I need from you is approval for two contractors on the reconciliation backlog. Could you introduce me to their CFO?\r\n\r\n### Action items\r\n- [ ] Send the close checklist to finance by Nov 20 (Dana)\r\n- [ ] Book the offsite @priya\r\n- [x] Draft the hiring plan\r\n";

/// Oldest first with bold dates and labels: the same story, the current entry at the end.
const OLDEST_FIRST: &str = "# Lin / Okafor\n\n**Oct 6**\n\n**Outcome:** Close the books in four days by February.\n\n**Ask:** I need your approval for two contractors on the reconciliation backlog.\n\n- [ ] Call the auditors about the January timeline\n- [ ] Book the offsite\n\n**Oct 20**\n\n**Outcome:** Launch the partner API in EMEA by March.\n\n**Insight:** What I'm seeing is that partners stall on sandbox keys.\n\n**Ask:** Could you approve two contractors for the reconciliation backlog?\n\n- [ ] Book the offsite\n";

const SERIES_RULES: [&str; 3] = ["open-action-item", "repeated-ask", "outcome-changed"];

async fn opened(text: &str) -> (TestClient, Vec<Value>) {
    let mut c = TestClient::in_memory();
    c.initialize(capabilities(false, false), json!({})).await;
    c.open(URI, text, 1).await;
    let diags = c.diagnostics(URI, Some(1)).await;
    (c, diags)
}

fn line_of(text: &str, needle: &str) -> u64 {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    text[..at].matches('\n').count() as u64
}

fn at(text: &str, needle: &str) -> Value {
    let (line, character) = position(text, text.find(needle).unwrap(), false);
    json!({"line": line, "character": character})
}

fn find<'a>(diags: &'a [Value], rule: &str) -> &'a Value {
    diags
        .iter()
        .find(|d| d["code"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {:?}", codes(diags)))
}

fn start_line(d: &Value) -> u64 {
    d["range"]["start"]["line"].as_u64().unwrap()
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

async fn hover(c: &mut TestClient, text: &str, needle: &str) -> Value {
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": at(text, needle)}),
    )
    .await
}

#[tokio::test]
async fn the_rules_read_across_meetings_in_both_orders() {
    for (text, heading, outcome, ask) in [
        (
            NEWEST_FIRST,
            "## 2026-11-23",
            "Cut SMB churn",
            "My recommendation is to hire",
        ),
        (
            OLDEST_FIRST,
            "**Oct 20**",
            "Launch the partner API",
            "Could you approve",
        ),
    ] {
        let (_c, diags) = opened(text).await;
        let open = find(&diags, "open-action-item");
        assert_eq!(start_line(open), line_of(text, heading), "{text}");
        assert_eq!(open["severity"], 3, "information");
        let repeated = find(&diags, "repeated-ask");
        assert_eq!(start_line(repeated), line_of(text, ask));
        assert_eq!(repeated["severity"], 3, "information");
        let changed = find(&diags, "outcome-changed");
        assert_eq!(start_line(changed), line_of(text, outcome));
        assert_eq!(changed["severity"], 4, "hint");
        // One finding each, and nothing flagged in the history.
        let heading_line = line_of(text, heading);
        for rule in SERIES_RULES {
            assert_eq!(codes(&diags).iter().filter(|c| *c == rule).count(), 1);
        }
        for d in &diags {
            let line = start_line(d);
            let current = if text == NEWEST_FIRST {
                line >= heading_line && line < line_of(text, "## 2026-11-16")
            } else {
                line >= heading_line
            };
            assert!(current, "{} at line {line}", d["code"]);
        }
    }
    // The message names what was dropped, in the entry it was first written in.
    let (_c, diags) = opened(NEWEST_FIRST).await;
    let message = find(&diags, "open-action-item")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.starts_with("1 action item from earlier entries is still open and not in this one: \"Send the close checklist to finance by Nov 20…\" (2026-11-16)."),
        "{message}"
    );
}

#[tokio::test]
async fn the_rules_are_settings_like_any_other() {
    let mut c = TestClient::in_memory();
    c.initialize(
        capabilities(false, false),
        json!({"initializationOptions": {"rules": {"repeated-ask": "warning", "outcome-changed": "off"}}}),
    )
    .await;
    c.open(URI, NEWEST_FIRST, 1).await;
    let diags = c.diagnostics(URI, Some(1)).await;
    assert_eq!(find(&diags, "repeated-ask")["severity"], 2);
    assert!(!codes(&diags).contains(&"outcome-changed".to_string()));
}

#[tokio::test]
async fn carry_over_copies_the_open_items_into_the_current_entry() {
    for (text, heading, n) in [
        (NEWEST_FIRST, "## 2026-11-23", 1),
        (OLDEST_FIRST, "**Oct 20**", 1),
    ] {
        let (mut c, _) = opened(text).await;
        let actions = actions_at(&mut c, line_of(text, heading)).await;
        let title = format!(
            "Carry over {n} open action item{}",
            if n == 1 { "" } else { "s" }
        );
        let carry = actions
            .iter()
            .find(|a| a["title"] == title.as_str())
            .unwrap_or_else(|| panic!("no {title:?} in {actions:#?}"));
        assert_eq!(carry["kind"], "quickfix");
        let edits = carry["edit"]["changes"][URI].as_array().unwrap();
        assert_eq!(edits.len(), 1);
        assert_eq!(
            edits[0]["range"]["start"], edits[0]["range"]["end"],
            "inserts only"
        );
        let inserted = edits[0]["newText"].as_str().unwrap();
        let fixed = apply_text_edits(text, edits, false);
        // Only inserted: the originals are where they were, word for word.
        assert_eq!(fixed.replacen(inserted, "", 1), text);
        let at = fixed.find(inserted).unwrap();
        if text == NEWEST_FIRST {
            assert!(at < fixed.find("## 2026-11-16").unwrap());
            assert!(at > fixed.find("## 2026-11-23").unwrap());
            assert!(
                inserted.contains("### Action items\r\n\r\n- [ ] Send the close checklist to finance by Nov 20 (Dana)\r\n"),
                "{inserted:?}"
            );
        } else {
            assert!(at > fixed.find("**Oct 20**").unwrap());
            assert!(
                inserted.contains(
                    "**Action items:**\n- [ ] Call the auditors about the January timeline\n"
                ),
                "{inserted:?}"
            );
        }
        c.change(URI, 2, json!([{"text": fixed}])).await;
        let after = codes(&c.diagnostics(URI, Some(2)).await);
        assert!(
            !after.contains(&"open-action-item".to_string()),
            "{after:?}"
        );
    }
}

#[tokio::test]
async fn completion_offers_last_meetings_open_asks_and_action_items() {
    // A current entry that has not yet asked for the CFO intro and has an empty line.
    let text = NEWEST_FIRST.replace(
        "- [ ] Book the offsite (Priya)\r\n",
        "- [ ] Book the offsite (Priya)\r\n\r\n\r\n",
    );
    let (mut c, _) = opened(&text).await;
    let empty = line_of(&text, "- [ ] Book the offsite (Priya)") + 2;
    let items = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": {"line": empty, "character": 0}}),
        )
        .await;
    let items = items.as_array().cloned().unwrap_or_default();
    let carried: Vec<(&str, &str)> = items
        .iter()
        .filter(|i| i["label"].as_str().unwrap().starts_with("Carry over: "))
        .map(|i| {
            (
                i["label"].as_str().unwrap(),
                i["textEdit"]["newText"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        carried,
        [
            (
                "Carry over: Send the close checklist to finance by Nov 20 (Dana)",
                "- [ ] Send the close checklist to finance by Nov 20 (Dana)"
            ),
            (
                "Carry over: Could you introduce me to their CFO?",
                "Following up from 2026-11-16: Could you introduce me to their CFO?"
            ),
        ],
        "the contractors ask is already made, the offsite already carried"
    );
    // The carried ask says it is a follow-up: repeated-ask leaves it alone.
    let ask = items
        .iter()
        .find(|i| i["label"] == "Carry over: Could you introduce me to their CFO?")
        .unwrap();
    let fixed = apply_text_edits(&text, &[ask["textEdit"].clone()], false);
    c.change(URI, 2, json!([{"text": fixed}])).await;
    let diags = c.diagnostics(URI, Some(2)).await;
    let repeated: Vec<u64> = diags
        .iter()
        .filter(|d| d["code"] == "repeated-ask")
        .map(start_line)
        .collect();
    assert_eq!(repeated, [line_of(&fixed, "My recommendation is to hire")]);

    // Nothing to carry outside the current entry.
    let history = line_of(&text, "Close the books") + 1;
    let items = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": {"line": history, "character": 0}}),
        )
        .await;
    assert!(!items
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["label"].as_str().unwrap().starts_with("Carry over")));
}

#[tokio::test]
async fn hover_tells_an_items_and_an_asks_history() {
    let (mut c, _) = opened(NEWEST_FIRST).await;
    let item = hover(&mut c, NEWEST_FIRST, "Book the offsite (Priya)").await;
    let md = item["contents"]["value"].as_str().unwrap();
    assert_eq!(
        md,
        "**Action item** (open)\n\nFirst written on 2026-11-16 (1 entry ago). Owner: Priya.\n"
    );
    let ask = hover(&mut c, NEWEST_FIRST, "hire two contractors").await;
    let md = ask["contents"]["value"].as_str().unwrap();
    // The finding's own hover, then the earlier entries that asked the same.
    assert!(md.starts_with("**repeated-ask**"), "{md}");
    assert!(
        md.contains("**Asked before**\n\n- 2026-11-16: \"What I need from you is approval for two contractors on the reconciliation backlog.\"\n"),
        "{md}"
    );
    // The finding on the heading is explained there.
    let heading = hover(&mut c, NEWEST_FIRST, "2026-11-23").await;
    assert!(heading["contents"]["value"]
        .as_str()
        .unwrap()
        .starts_with("**open-action-item**"));
    // An ask made for the first time has no history to tell.
    let (mut c, _) = opened(OLDEST_FIRST).await;
    let first = hover(&mut c, OLDEST_FIRST, "What I'm seeing").await;
    assert!(first.is_null(), "{first}");
}

/// `oneonone-ls series PATH` as the command line runs it (the files read, the series
/// printed), on a running doc in both orders and on a folder, as lines and as JSON.
#[test]
fn the_series_command_on_a_running_doc_and_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let run = |path: &std::path::Path, json: bool| {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = oneonone_ls::series_cli::run(path, json, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    };
    let doc = dir.path().join("dana.1on1.md");
    std::fs::write(&doc, NEWEST_FIRST).unwrap();
    let (code, out, err) = run(&doc, false);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "  2026-11-16  outcome: Close the books in four days by February.  asks: \"What I need from you is approval for two contractors on…\" \"Could you introduce me to their CFO?\"  actions: 3 opened, 1 closed\n\
         * 2026-11-23  outcome: Cut SMB churn to 2% by the end of Q2.  asks: \"My recommendation is to hire two contractors for the…\"  actions: 0 opened, 0 closed  (current)\n"
    );
    let lin = dir.path().join("lin.1on1.md");
    std::fs::write(&lin, OLDEST_FIRST).unwrap();
    let (code, out, _) = run(&lin, true);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["title"], "Oct 6");
    assert_eq!(entries[0]["current"], false);
    assert_eq!(entries[1]["current"], true);
    assert_eq!(
        entries[0]["asks"],
        json!(["I need your approval for two contractors on the reconciliation backlog."])
    );
    assert_eq!(entries[0]["actions"]["opened"], 2);
    assert_eq!(
        entries[0]["actions"]["items"][0],
        json!({"text": "Call the auditors about the January timeline", "done": false, "owner": null, "due": null})
    );

    // A folder: dated by file name or front matter; the rest is left out.
    let folder = dir.path().join("okafor");
    std::fs::create_dir(&folder).unwrap();
    for (name, text) in [
        (
            "2026-11-16.1on1.md",
            "### Outcome\nClose the books.\n\n- [ ] Call legal\n",
        ),
        (
            "kickoff.1on1.md",
            "---\ndate: 2026-11-09\n---\nMy recommendation is to ship.\n",
        ),
        ("notes.1on1.md", "Undated.\n"),
    ] {
        std::fs::write(folder.join(name), text).unwrap();
    }
    let (code, out, _) = run(&folder, false);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "  2026-11-09  outcome: —  asks: \"My recommendation is to ship.\"  actions: 0 opened, 0 closed\n\
         * 2026-11-16  outcome: Close the books.  asks: —  actions: 1 opened, 0 closed  (current)\n"
    );
    let (code, out, _) = run(&folder, true);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["entries"][0]["file"], "kickoff.1on1.md");
    assert_eq!(v["entries"][1]["date"], "2026-11-16");

    // No series: said, exit code 2.
    let plain = dir.path().join("plain.1on1.md");
    std::fs::write(&plain, "## Outcome\nA goal.\n").unwrap();
    let (code, out, err) = run(&plain, false);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("no dated entries"), "{err}");
    let (code, _, err) = run(&dir.path().join("missing.1on1.md"), false);
    assert_eq!(code, 2);
    assert!(err.starts_with("error: "), "{err}");
}

/// docs/running-docs.md shows a running doc before and after "Carry over" and what
/// `oneonone-ls series` prints for it: both are what the engine does.
#[test]
fn the_running_docs_page_shows_what_the_engine_does() {
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/running-docs.md"),
    )
    .unwrap();
    let section = &page[page.find("## The series").unwrap()..];
    let blocks: Vec<&str> = section
        .split("```")
        .skip(1)
        .step_by(2)
        .map(|b| b.split_once('\n').unwrap().1)
        .collect();
    let (before, after, lines) = (blocks[0], blocks[1], blocks[2]);
    let config = oneonone_ls::Config::default();
    let found = oneonone_ls::check(before, &config);
    let open = found
        .iter()
        .find(|d| d.rule == "open-action-item")
        .expect("open-action-item on the example");
    let fix = open
        .fixes
        .iter()
        .find(|f| f.title == "Carry over 2 open action items")
        .expect("the carry-over fix");
    let (fixed, _) = oneonone_ls::apply_edits(before, &fix.edits);
    assert_eq!(fixed, after);
    let printed = oneonone_ls::series::render::output(
        &[("dana.1on1.md".to_string(), before.to_string())],
        false,
        &config,
        false,
    )
    .unwrap();
    assert_eq!(printed, lines);
}

/// Keystrokes: typed in the current entry, the series is built from the last version's
/// (the history is not read again); typed in the history, it is read again. Either way the
/// findings are those of the new text.
#[tokio::test]
async fn edits_in_the_current_entry_and_in_the_history() {
    let (mut c, diags) = opened(NEWEST_FIRST).await;
    assert!(codes(&diags).contains(&"open-action-item".to_string()));
    // Type the dropped item into the current entry, one ranged change at a time.
    let mut text = NEWEST_FIRST.to_string();
    let typed = "- [ ] Send the close checklist to finance\r\n";
    for (version, piece) in [(2, &typed[..20]), (3, &typed[20..])] {
        let at = position(
            &text,
            text.find("- [ ] Book the offsite (Priya)").unwrap(),
            false,
        );
        let change = common::model::change_json(Some((at, at)), piece);
        text = common::model::apply_change(&text, Some((at, at)), piece, false);
        c.change(URI, version, json!([change])).await;
        let found = codes(&c.diagnostics(URI, Some(version)).await);
        assert_eq!(
            found.contains(&"open-action-item".to_string()),
            version == 2,
            "version {version}: {found:?}"
        );
    }
    // Reopen the item in the history: "Draft the hiring plan" was done; undo it.
    let at = text.find("- [x] Draft the hiring plan").unwrap() + 3;
    let (l, ch) = position(&text, at, false);
    let change = common::model::change_json(Some(((l, ch), (l, ch + 1))), " ");
    text = common::model::apply_change(&text, Some(((l, ch), (l, ch + 1))), " ", false);
    c.change(URI, 4, json!([change])).await;
    let diags = c.diagnostics(URI, Some(4)).await;
    let message = find(&diags, "open-action-item")["message"]
        .as_str()
        .unwrap();
    assert!(
        message.starts_with("1 action item from earlier entries is still open and not in this one: \"Draft the hiring plan\""),
        "{message}\n{text}"
    );
}

/// The client capabilities of `capabilities`, with `relatedInformation` advertised or not.
fn related_caps(related: bool) -> Value {
    let mut caps = capabilities(false, false);
    caps["textDocument"]["publishDiagnostics"]["relatedInformation"] = json!(related);
    caps
}

/// `(line, message)` of each related place of a finding, all in `uri`.
fn related(d: &Value, uri: &str) -> Vec<(u64, String)> {
    d["relatedInformation"]
        .as_array()
        .unwrap_or_else(|| panic!("no relatedInformation in {d}"))
        .iter()
        .map(|r| {
            assert_eq!(r["location"]["uri"], uri, "{r}");
            (
                r["location"]["range"]["start"]["line"].as_u64().unwrap(),
                r["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Related information points into the history, after the current entry (newest first) or
/// before it (oldest first): each open item where it was last written, each earlier ask and
/// the earlier outcome, with their dates. Only for a client that advertises it.
#[tokio::test]
async fn findings_point_at_the_history_they_are_about_in_both_orders() {
    for (text, open_items, asks, outcome) in [
        (
            NEWEST_FIRST,
            vec![(
                "- [ ] Send the close checklist",
                "Open action item, written on 2026-11-16",
            )],
            vec![("What I need from you", "Asked on 2026-11-16")],
            ("Close the books", "The outcome on 2026-11-16"),
        ),
        (
            OLDEST_FIRST,
            vec![(
                "- [ ] Call the auditors",
                "Open action item, written on 2026-10-06",
            )],
            vec![("I need your approval", "Asked on 2026-10-06")],
            ("Close the books", "The outcome on 2026-10-06"),
        ),
    ] {
        let mut c = TestClient::in_memory();
        c.initialize(related_caps(true), json!({})).await;
        c.open(URI, text, 1).await;
        let diags = c.diagnostics(URI, Some(1)).await;
        let expect = |places: &[(&str, &str)]| -> Vec<(u64, String)> {
            places
                .iter()
                .map(|(needle, message)| (line_of(text, needle), message.to_string()))
                .collect()
        };
        assert_eq!(
            related(find(&diags, "open-action-item"), URI),
            expect(&open_items)
        );
        assert_eq!(related(find(&diags, "repeated-ask"), URI), expect(&asks));
        assert_eq!(
            related(find(&diags, "outcome-changed"), URI),
            expect(&[outcome])
        );
        // The range is the whole item line, in the document's own positions.
        let item = &find(&diags, "open-action-item")["relatedInformation"][0]["location"]["range"];
        let line = open_items[0].0;
        let start = text.find(line).unwrap();
        let end = start + text[start..].find(['\r', '\n']).unwrap();
        assert_eq!(
            item["start"],
            json!({"line": line_of(text, line), "character": 0})
        );
        let (l, ch) = position(text, end, false);
        assert_eq!(item["end"], json!({"line": l, "character": ch}));
        // Other findings have none.
        for d in &diags {
            if !SERIES_RULES.contains(&d["code"].as_str().unwrap()) {
                assert!(d.get("relatedInformation").is_none(), "{d}");
            }
        }
    }
    // A client that does not advertise it gets none; the messages still say the dates.
    let (_c, diags) = opened(NEWEST_FIRST).await;
    let repeated = find(&diags, "repeated-ask");
    assert!(repeated.get("relatedInformation").is_none(), "{repeated}");
    assert!(repeated["message"]
        .as_str()
        .unwrap()
        .starts_with("You asked for this on 2026-11-16"));
}

/// `check` on a running doc shows the related places as notes, with their line and date,
/// and lists them in its JSON.
#[test]
fn check_shows_the_related_places_as_notes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lin.1on1.md"), OLDEST_FIRST).unwrap();
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_oneonone-ls"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    let out = run(&["check", "lin.1on1.md"]);
    let note = |needle: &str, message: &str| {
        let (line, col) = position(OLDEST_FIRST, OLDEST_FIRST.find(needle).unwrap(), false);
        format!(
            "  = note: lin.1on1.md:{}:{}: {message}\n",
            line + 1,
            col + 1
        )
    };
    let ask = note("I need your approval", "Asked on 2026-10-06");
    let item = note(
        "- [ ] Call the auditors",
        "Open action item, written on 2026-10-06",
    );
    assert!(out.contains(&ask), "{out}");
    assert!(out.contains(&item), "{out}");
    // Under their own finding.
    let repeated = out.find("information[repeated-ask]").unwrap();
    assert!(out.find(&ask).unwrap() > repeated, "{out}");
    let json: Value =
        serde_json::from_str(&run(&["check", "--format", "json", "lin.1on1.md"])).unwrap();
    let diags = json["files"][0]["diagnostics"].as_array().unwrap();
    let open = diags
        .iter()
        .find(|d| d["rule"] == "open-action-item")
        .unwrap();
    assert_eq!(
        open["related"],
        json!([{"line": line_of(OLDEST_FIRST, "- [ ] Call the auditors") + 1, "column": 1, "message": "Open action item, written on 2026-10-06"}])
    );
}

/// A folder of agendas dated by file name or front matter is a series in the editor: the
/// open agenda reads the earlier files of its folder (an open one as the editor has it, the
/// rest from disk; later and undated files are not its history). The rules with their
/// related places in the other files, the carry-over action, completion and hover.
#[tokio::test]
async fn a_folder_of_dated_agendas_is_a_series() {
    let dir = tempfile::tempdir().unwrap();
    let uri_of = |name: &str| format!("file://{}", dir.path().join(name).display());
    let kickoff = "---\ndate: 2026-11-02\n---\n### Outcome\nClose the books in four days by February.\n\n- [ ] Draft the hiring plan\n";
    let nov9_disk = "### Outcome\nClose the books in four days by February.\n";
    let nov9_open = "### Outcome\nClose the books in four days by February.\n\n### Ask\nI need your approval for two contractors on the reconciliation backlog.\n\n- [ ] Call the auditors about the January timeline\n- [x] Draft the hiring plan\n";
    let later =
        "### Outcome\nClose the books.\n\n- [x] Call the auditors about the January timeline\n";
    for (name, text) in [
        ("kickoff.1on1.md", kickoff),
        ("2026-11-09.1on1.md", nov9_disk),
        ("2026-11-30.1on1.md", later),
        ("notes.1on1.md", "- [ ] Undated, not in the series\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let current = "### Outcome\nLaunch the partner API in EMEA by March.\n\n### Insight\nWhat I'm seeing is that partners stall on sandbox keys.\n\n### Ask\nCould you approve two contractors for the reconciliation backlog?\n";
    let uri = uri_of("2026-11-16.1on1.md");
    let nov9 = uri_of("2026-11-09.1on1.md");
    let mut c = TestClient::in_memory();
    let root = format!("file://{}", dir.path().display());
    c.initialize(
        related_caps(true),
        json!({"workspaceFolders": [{"uri": root, "name": "okafor"}]}),
    )
    .await;
    // The earlier agenda is open with edits not saved: its open text counts.
    c.open(&nov9, nov9_open, 1).await;
    c.diagnostics(&nov9, Some(1)).await;
    c.open(&uri, current, 1).await;
    let diags = c.diagnostics(&uri, Some(1)).await;

    let open = find(&diags, "open-action-item");
    assert!(
        open["message"].as_str().unwrap().starts_with(
            "1 action item from earlier entries is still open and not in this one: \"Call the auditors about the January timeline\" (2026-11-09)."
        ),
        "{open}"
    );
    assert_eq!(
        related(open, &nov9),
        [(
            line_of(nov9_open, "- [ ] Call the auditors"),
            "Open action item, written on 2026-11-09".to_string()
        )]
    );
    let repeated = find(&diags, "repeated-ask");
    assert_eq!(start_line(repeated), line_of(current, "Could you approve"));
    assert_eq!(
        related(repeated, &nov9),
        [(
            line_of(nov9_open, "I need your approval"),
            "Asked on 2026-11-09".to_string()
        )]
    );
    assert_eq!(
        related(find(&diags, "outcome-changed"), &nov9),
        [(
            line_of(nov9_open, "Close the books"),
            "The outcome on 2026-11-09".to_string()
        )]
    );

    // Carry over: inserted into this file only.
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
        )
        .await;
    let carry = r
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Carry over 1 open action item")
        .unwrap_or_else(|| panic!("{r:#}"))
        .clone();
    let changes = carry["edit"]["changes"].as_object().unwrap();
    assert_eq!(changes.keys().collect::<Vec<_>>(), [&uri]);
    let fixed = apply_text_edits(current, changes[&uri].as_array().unwrap(), false);
    assert_eq!(
        fixed,
        format!(
            "{current}\n### Action items\n\n- [ ] Call the auditors about the January timeline\n"
        )
    );

    // Completion on a new empty line offers the open item.
    let text = format!("{current}\n");
    c.change(&uri, 2, json!([{"text": text}])).await;
    c.diagnostics(&uri, Some(2)).await;
    let items = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line_of(&text, "Could you") + 2, "character": 0}}),
        )
        .await;
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["label"].as_str())
        .filter(|l| l.starts_with("Carry over"))
        .collect();
    assert_eq!(
        labels,
        ["Carry over: Call the auditors about the January timeline"],
        "the ask is already made"
    );

    // Hover on an item carried from the folder's first agenda.
    let text = format!("{current}\n- [ ] Draft the hiring plan\n");
    c.change(&uri, 3, json!([{"text": text}])).await;
    c.diagnostics(&uri, Some(3)).await;
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": at(&text, "Draft the hiring")}),
        )
        .await;
    assert_eq!(
        h["contents"]["value"],
        "**Action item** (open)\n\nFirst written on 2026-11-02 (2 entries ago).\n"
    );

    // Without the open sibling, the file on disk is read: nothing open, nothing asked.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": nov9}}),
    )
    .await;
    c.change(&uri, 4, json!([{"text": current}])).await;
    let diags = c.diagnostics(&uri, Some(4)).await;
    let found = codes(&diags);
    assert!(!found.contains(&"repeated-ask".to_string()), "{found:?}");
    let open = find(&diags, "open-action-item");
    assert!(
        open["message"]
            .as_str()
            .unwrap()
            .contains("\"Draft the hiring plan\" (2026-11-02)"),
        "the disk version of 2026-11-09 does not close it: {open}"
    );

    // A keystroke in the open file reads no other file; once the client reports a file
    // changed on disk, it is read again at the next analysis (the others are kept).
    std::fs::write(
        dir.path().join("kickoff.1on1.md"),
        kickoff.replace(
            "- [ ] Draft the hiring plan",
            "- [x] Draft the hiring plan, done",
        ),
    )
    .unwrap();
    c.change(&uri, 5, json!([{"text": format!("{current}\n")}]))
        .await;
    let found = codes(&c.diagnostics(&uri, Some(5)).await);
    assert!(found.contains(&"open-action-item".to_string()), "{found:?}");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri_of("kickoff.1on1.md"), "type": 2}]}),
    )
    .await;
    c.change(&uri, 6, json!([{"text": format!("{current}\n\n")}]))
        .await;
    let found = codes(&c.diagnostics(&uri, Some(6)).await);
    assert!(
        !found.contains(&"open-action-item".to_string()),
        "{found:?}"
    );

    // A file with no date in its name or front matter has no folder series, nor has one
    // outside the workspace folders (the server reads nothing there).
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("2026-11-09.1on1.md"), nov9_open).unwrap();
    let elsewhere = format!(
        "file://{}",
        outside.path().join("2026-11-16.1on1.md").display()
    );
    for uri in [uri_of("draft.1on1.md"), elsewhere] {
        c.open(&uri, current, 1).await;
        let found = codes(&c.diagnostics(&uri, Some(1)).await);
        for rule in SERIES_RULES {
            assert!(!found.contains(&rule.to_string()), "{uri}: {found:?}");
        }
    }
}

/// A heading whose date does not parse (`Feb 30`) is an ordinary section, never an error
/// nor an entry: at an entry's level it is a standing section, whose action items are
/// tracked there. Of two entries with the same date the later in the file is the newer, so
/// the current one.
#[tokio::test]
async fn bad_dates_are_sections_and_the_later_of_two_same_dates_is_newer() {
    let text = "# Dana\n\n## 2026-11-16\n\n- [ ] Call legal\n\n## 2026-02-30\n\n- [ ] Book the offsite\n\n## 2026-11-16\n\nMy recommendation is to ship the connector.\n";
    let mut c = TestClient::in_memory();
    c.initialize(related_caps(true), json!({})).await;
    c.open(URI, text, 1).await;
    let diags = c.diagnostics(URI, Some(1)).await;
    let second = text.rfind("## 2026-11-16").unwrap();
    let open = find(&diags, "open-action-item");
    assert_eq!(
        start_line(open),
        text[..second].matches('\n').count() as u64
    );
    assert_eq!(
        related(open, URI),
        [(
            line_of(text, "- [ ] Call legal"),
            "Open action item, written on 2026-11-16".to_string()
        ),],
        "the Feb 30 section is not an entry: its item is kept there"
    );
    for d in &diags {
        assert_ne!(d["severity"], 1, "no error: {d}");
        assert!(
            start_line(d) >= start_line(open),
            "only the current entry: {d}"
        );
    }
}

/// The README's running doc before and after "Carry over" is what the fix does.
#[test]
fn the_readme_shows_a_running_doc_before_and_after_carry_over() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let section = &readme[readme.find("## Running docs and other layouts").unwrap()..];
    let blocks: Vec<&str> = section
        .split("```markdown\n")
        .skip(1)
        .map(|b| &b[..b.find("```").unwrap()])
        .collect();
    let (before, after) = (blocks[0], blocks[1]);
    let found = oneonone_ls::check(before, &oneonone_ls::Config::default());
    let fix = found
        .iter()
        .filter(|d| d.rule == "open-action-item")
        .flat_map(|d| &d.fixes)
        .find(|f| f.title == "Carry over 1 open action item")
        .unwrap_or_else(|| panic!("no carry over in {found:#?}"));
    assert_eq!(oneonone_ls::apply_edits(before, &fix.edits).0, after);
}

/// Oldest first, the history above: completion offers the dropped item (the ask is already
/// made again), and hover on a carried item tells when it was first written.
#[tokio::test]
async fn completion_and_hover_oldest_first() {
    let text = format!("{OLDEST_FIRST}\n");
    let (mut c, _) = opened(&text).await;
    let last = text.matches('\n').count() as u64;
    let items = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": {"line": last, "character": 0}}),
        )
        .await;
    let carried: Vec<(&str, &str)> = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["label"].as_str().unwrap().starts_with("Carry over"))
        .map(|i| {
            (
                i["label"].as_str().unwrap(),
                i["textEdit"]["newText"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        carried,
        [(
            "Carry over: Call the auditors about the January timeline",
            "- [ ] Call the auditors about the January timeline"
        )]
    );
    let needle = "Book the offsite\n\n";
    let at = text.rfind(needle).unwrap();
    let (line, character) = position(&text, at, false);
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}}),
        )
        .await;
    assert_eq!(
        h["contents"]["value"],
        "**Action item** (open)\n\nFirst written on 2026-10-06 (1 entry ago).\n"
    );
}
