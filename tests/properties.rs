//! Properties: the server's text never drifts from the editor's, and fixes never lose a word.
//!
//! Edits: random sequences of incremental changes (inserts, deletes, replacements,
//! ranges past the end of a line or of the document, reversed ranges, positions inside
//! a surrogate pair or a UTF-8 sequence, CRLF and lone CR, emoji, CJK, combining marks)
//! go through the server's `DocumentStore` and through the plain reference model in
//! `tests/common/model.rs`, under UTF-16 and UTF-8; the texts must stay equal. One
//! property drives the same through the real protocol (in memory).
//!
//! Fixes: on generated agendas, every offered fix changes only the spans its edits name,
//! applies in an editor (LSP edits through the model) exactly as in the engine, and the
//! status-dump move keeps every line of every item.

mod common;

use common::expect::{expected_diagnostics, expected_symbols, published};
use common::{arb, capabilities, model, TestClient};
use oneonone_ls::server::convert;
use oneonone_ls::server::documents::{ChangeOutcome, DocumentStore};
use oneonone_ls::server::position::{byte_to_position, position_to_byte, Encoding};
use oneonone_ls::{apply_edits, check, fix_all, Config, Diagnostic};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config as RunnerConfig;
use ropey::Rope;
use serde_json::{json, Value};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

use common::model::LspRange;

/// Text pieces that stress positions: multi-unit characters, every line ending, and
/// characters that look like line breaks but are not LSP line breaks.
const PIECES: &[&str] = &[
    "a",
    "b",
    "xyz",
    " ",
    "\t",
    "\n",
    "\n",
    "\r\n",
    "\r\n",
    "\r",
    "é",
    "e\u{301}",
    "東京",
    "😀",
    "👩‍💻",
    "🇫🇷",
    "\u{2028}",
    "\u{85}",
    "\u{b}",
    "\u{c}",
    "# ",
    "- ",
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(select(PIECES), 0..max).prop_map(|v| v.concat())
}

/// A line or character: mostly near the text, sometimes far past it.
fn coordinate(near: u32) -> impl Strategy<Value = u32> {
    prop_oneof![
        8 => 0..near,
        1 => near..near + 100,
        1 => Just(u32::MAX),
    ]
}

/// One content change: a range (or none, replacing everything) and the new text.
fn change() -> impl Strategy<Value = (LspRange, String)> {
    let pos = || (coordinate(8), coordinate(14));
    (
        prop_oneof![
            20 => (pos(), pos()).prop_map(Some),
            // An insertion: start = end.
            6 => pos().prop_map(|p| Some((p, p))),
            1 => Just(None),
        ],
        text(6),
    )
}

fn event(range: LspRange, text: &str) -> TextDocumentContentChangeEvent {
    TextDocumentContentChangeEvent {
        range: range
            .map(|((l1, c1), (l2, c2))| Range::new(Position::new(l1, c1), Position::new(l2, c2))),
        range_length: None,
        text: text.to_string(),
    }
}

fn uri() -> Uri {
    "file:///tmp/oneonone-properties/a.1on1.md".parse().unwrap()
}

fn runner(cases: u32) -> RunnerConfig {
    RunnerConfig {
        cases,
        failure_persistence: None,
        ..RunnerConfig::default()
    }
}

proptest! {
    #![proptest_config(runner(400))]

    /// The store and the model agree after every batch, in both encodings.
    #[test]
    fn store_matches_model(
        initial in text(40),
        batches in prop::collection::vec(prop::collection::vec(change(), 1..4), 1..25),
    ) {
        for (enc, utf8) in [(Encoding::Utf16, false), (Encoding::Utf8, true)] {
            let mut store = DocumentStore::default();
            store.open(uri(), &initial, 1);
            let mut expected = initial.clone();
            for (i, batch) in batches.iter().enumerate() {
                let events: Vec<_> = batch.iter().map(|(r, t)| event(*r, t)).collect();
                let version = i as i32 + 2;
                let outcome = store.change(&uri(), version, &events, enc);
                prop_assert_eq!(outcome, ChangeOutcome::Applied);
                for (r, t) in batch {
                    expected = model::apply_change(&expected, *r, t, utf8);
                }
                let doc = store.get(&uri()).unwrap();
                prop_assert_eq!(doc.rope.to_string(), expected.clone(), "{:?} batch {}: {:?}", enc, i, batch);
                prop_assert_eq!(doc.version, version);
            }
        }
    }

    /// Positions ↔ offsets: the server's conversions agree with the model everywhere.
    #[test]
    fn positions_match_model(
        t in text(60),
        probes in prop::collection::vec((coordinate(12), coordinate(16)), 1..20),
    ) {
        let rope = Rope::from_str(&t);
        for (enc, utf8) in [(Encoding::Utf16, false), (Encoding::Utf8, true)] {
            for &(line, character) in &probes {
                prop_assert_eq!(
                    position_to_byte(&rope, Position::new(line, character), enc),
                    model::offset(&t, line, character, utf8),
                    "{:?} ({}, {}) in {:?}", enc, line, character, t
                );
            }
            for (offset, _) in t.char_indices().chain([(t.len(), ' ')]) {
                let p = byte_to_position(&rope, offset, enc);
                prop_assert_eq!((p.line, p.character), model::position(&t, offset, utf8));
                // Every offset but the middle of a CRLF has a position that leads back to it.
                if !(t[..offset].ends_with('\r') && t[offset..].starts_with('\n')) {
                    prop_assert_eq!(position_to_byte(&rope, p, enc), offset);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Through the protocol

/// Agendas with awkward text spliced in, so that edits land among real findings.
fn protocol_text() -> impl Strategy<Value = String> {
    (arb::agenda(), text(20), 0usize..400).prop_map(|(a, t, at)| {
        let mut at = at.min(a.len());
        while !a.is_char_boundary(at) {
            at -= 1;
        }
        format!("{}{t}{}", &a[..at], &a[at..])
    })
}

proptest! {
    #![proptest_config(runner(24))]

    /// Edits sent without waiting, then the findings and the outline of the last version
    /// must be those of the model's text.
    #[test]
    fn protocol_matches_model(
        utf8 in any::<bool>(),
        initial in protocol_text(),
        batches in prop::collection::vec(prop::collection::vec(change(), 1..3), 1..30),
    ) {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let (expected_text, got_diags, got_symbols) = rt.block_on(async {
            let mut c = TestClient::in_memory();
            c.initialize(capabilities(utf8, true), json!({})).await;
            let uri = uri().as_str().to_string();
            c.open(&uri, &initial, 1).await;
            let mut expected = initial.clone();
            let mut version = 1;
            for batch in &batches {
                version += 1;
                let changes: Vec<Value> =
                    batch.iter().map(|(r, t)| model::change_json(*r, t)).collect();
                c.change(&uri, version, Value::Array(changes)).await;
                for (r, t) in batch {
                    expected = model::apply_change(&expected, *r, t, utf8);
                }
            }
            let diags = c.diagnostics(&uri, Some(version)).await;
            let symbols = c
                .request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}))
                .await;
            c.shutdown_and_exit().await;
            (expected, diags, symbols)
        });
        prop_assert_eq!(published(&got_diags), expected_diagnostics(&expected_text, utf8));
        prop_assert_eq!(got_symbols, expected_symbols(uri().as_str(), &expected_text, enc));
    }
}

// ---------------------------------------------------------------------------------------
// Nothing is lost

/// `out` is `text` with exactly the named spans replaced: the text between edits is
/// there, unchanged and in order. Checked by walking `out`, independently of
/// `apply_edits`.
fn assert_only_named_spans_change(text: &str, out: &str, fix_title: &str, d: &Diagnostic) {
    let fix = d.fixes.iter().find(|f| f.title == fix_title).unwrap();
    let mut rest = out;
    let mut cursor = 0;
    for e in &fix.edits {
        let kept = &text[cursor..e.range.start];
        rest = rest.strip_prefix(kept).unwrap_or_else(|| {
            panic!(
                "{}: {fix_title:?} changed text outside its edits before {:?}",
                d.rule, e.range
            )
        });
        rest = rest
            .strip_prefix(e.replacement.as_str())
            .unwrap_or_else(|| {
                panic!(
                    "{}: {fix_title:?} did not put its replacement at {:?}",
                    d.rule, e.range
                )
            });
        cursor = e.range.end;
    }
    assert_eq!(
        rest,
        &text[cursor..],
        "{}: {fix_title:?} changed the tail",
        d.rule
    );
}

/// Non-blank lines, without their line breaks, sorted: a multiset.
fn line_multiset(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text
        .split('\n')
        .flat_map(|l| l.split('\r'))
        .filter(|l| !l.trim().is_empty())
        .collect();
    lines.sort_unstable();
    lines
}

fn is_pre_read_heading(line: &str) -> bool {
    let t = line.trim_start_matches('#').trim();
    line.starts_with('#') && t == "Pre-read (send before the meeting)"
}

fn assert_move_keeps_every_line(before: &str, after: &str) {
    let old = line_multiset(before);
    let mut new = line_multiset(after);
    if let Some(i) = new.iter().position(|l| is_pre_read_heading(l)) {
        if !old.iter().any(|l| is_pre_read_heading(l)) || old.len() < new.len() {
            new.remove(i);
        }
    }
    assert_eq!(
        old, new,
        "the status-dump move changed the lines\n--- before\n{before:?}\n--- after\n{after:?}"
    );
}

proptest! {
    #![proptest_config(runner(300))]

    #[test]
    fn fixes_change_only_their_spans(text in arb::agenda()) {
        let config = Config::default();
        let rope = Rope::from_str(&text);
        for d in check(&text, &config) {
            for fix in &d.fixes {
                let (out, applied) = apply_edits(&text, &fix.edits);
                prop_assert_eq!(applied, fix.edits.len(), "{}: {:?} has unusable edits", d.rule, fix.title);
                assert_only_named_spans_change(&text, &out, &fix.title, &d);
                // What an editor does with the LSP edits is what the engine meant.
                for (enc, utf8) in [(Encoding::Utf16, false), (Encoding::Utf8, true)] {
                    let edits = serde_json::to_value(convert::text_edits(&rope, fix, enc)).unwrap();
                    let in_editor = model::apply_text_edits(&text, edits.as_array().unwrap(), utf8);
                    prop_assert_eq!(&in_editor, &out, "{}: {:?} under {:?}", d.rule, fix.title, enc);
                }
                if d.rule == "status-dump" && fix.title.starts_with("Move") {
                    prop_assert!(fix.safe);
                    // Nothing is inserted inside a span the move deletes.
                    for ins in fix.edits.iter().filter(|e| e.range.is_empty()) {
                        prop_assert!(
                            !fix.edits.iter().any(|del| del.range.start < ins.range.start
                                && ins.range.start < del.range.end),
                            "the move inserts inside its own deletion: {:?}", fix.edits
                        );
                    }
                    assert_move_keeps_every_line(&text, &out);
                }
            }
        }
    }

    #[test]
    fn fix_all_keeps_every_line_and_settles(text in arb::agenda()) {
        let config = Config::default();
        let fixed = fix_all(&text, &config);
        assert_move_keeps_every_line(&text, &fixed);
        prop_assert!(fix_all(&fixed, &config) == fixed, "a second fix-all changed more:\n{:?}", fixed);
        prop_assert!(
            check(&fixed, &config).iter().all(|d| d.rule != "status-dump"),
            "status-dump still fires after fix-all:\n{:?}", fixed
        );
    }
}

/// The example's status list moves word for word (a fixed case of the property above).
#[test]
fn weak_example_status_items_move_verbatim() {
    let text = common::WEAK;
    let d = check(text, &Config::default())
        .into_iter()
        .find(|d| d.rule == "status-dump")
        .expect("status-dump on the weak example");
    let (out, _) = apply_edits(text, &d.fixes[0].edits);
    assert_move_keeps_every_line(text, &out);
    assert!(out.contains("\n- Shipped the new welcome email\n"));
    let crlf = text.replace('\n', "\r\n");
    let fixed = fix_all(&crlf, &Config::default());
    assert_move_keeps_every_line(&crlf, &fixed);
    assert!(
        !fixed.replace("\r\n", "").contains('\n'),
        "CRLF file got a bare LF"
    );
}
