//! Fuzzing on stable Rust: proptest feeds arbitrary text, text made of awkward atoms and
//! Markdown-ish agendas with noise spliced in to `check()`, `fix_all()` and the server's
//! request features, and checks that nothing panics and every range and edit is usable.
//!
//! `ONEONONE_FUZZ_CASES` (default 2000) cases in all, shared by the four properties.
//! Every property is asserted unconditionally. A long run:
//! `ONEONONE_FUZZ_CASES=1000000 cargo test --release --test fuzz -- --nocapture`.

mod common;

use common::arb;
use oneonone_ls::agenda::Agenda;
use oneonone_ls::rules::RULES;
use oneonone_ls::server::features::{self, Snapshot};
use oneonone_ls::server::position::{byte_to_position, position_to_byte, Encoding};
use oneonone_ls::{apply_edits, check_parsed, fix_all, Config, Severity};
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, TestRunner};
use ropey::Rope;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use tower_lsp_server::ls_types::{CodeActionKind, CodeActionOrCommand, Position, Uri};

/// The four properties below share the `ONEONONE_FUZZ_CASES` budget (default 2000).
fn cases() -> u32 {
    let total: u32 = std::env::var("ONEONONE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    (total / 4).max(1)
}

fn runner() -> TestRunner {
    TestRunner::new(RunnerConfig {
        cases: cases(),
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..RunnerConfig::default()
    })
}

/// A configuration that varies thresholds and severities, always within what the
/// settings accept (positive numbers, known rules).
fn config() -> impl Strategy<Value = Config> {
    (
        1usize..8,
        1usize..600,
        prop_oneof![Just(4 * 1024 * 1024), 1usize..4096],
        prop_oneof![Just(500), 1usize..20],
        prop::collection::vec(0u8..6, RULES.len()),
    )
        .prop_map(|(items, words, max_bytes, max_diags, sev)| {
            let mut c = Config::default();
            c.thresholds.status_dump_items = items;
            c.thresholds.long_agenda_words = words;
            c.thresholds.max_bytes = max_bytes;
            c.thresholds.max_diagnostics = max_diags;
            for (rule, s) in RULES.iter().zip(sev) {
                let severity = match s {
                    0 => None,
                    1 => Some(Severity::Hint),
                    2 => Some(Severity::Error),
                    _ => continue,
                };
                c.severities.insert(rule.id.to_string(), severity);
            }
            c
        })
}

/// Markdown-ish text: agenda blocks with atoms spliced between them.
fn markdownish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![3 => arb::block(), 2 => arb::atom_text(12), 1 => arb::list_block()],
        0..16,
    )
    .prop_map(|parts| parts.concat())
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Between the `\r` and the `\n` of a CRLF: no LSP position names that offset.
fn splits_crlf(text: &str, at: usize) -> bool {
    at > 0 && text.as_bytes().get(at - 1) == Some(&b'\r') && text.as_bytes().get(at) == Some(&b'\n')
}

fn assert_position_in(rope: &Rope, p: &Position, what: &str) {
    let line = p.line as usize;
    assert!(
        line < rope.len_lines(),
        "{what}: line {line} of {}",
        rope.len_lines()
    );
}

/// Safe fixes only move lines: every non-blank line of the old text is still there,
/// byte for byte.
fn assert_keeps_lines(text: &str, fixed: &str) {
    let mut before: Vec<&str> = text
        .split(['\n', '\r'])
        .filter(|l| !l.trim().is_empty())
        .collect();
    let mut after: Vec<&str> = fixed
        .split(['\n', '\r'])
        .filter(|l| !l.trim().is_empty())
        .collect();
    before.sort_unstable();
    after.sort_unstable();
    let mut rest = after.iter().peekable();
    for line in &before {
        while rest.peek().is_some_and(|a| *a < line) {
            rest.next();
        }
        assert_eq!(
            rest.next(),
            Some(line),
            "fix_all lost the line {line:?}\n--- before\n{text:?}\n--- after\n{fixed:?}"
        );
    }
}

/// Everything that must hold for any text: no panic, ranges inside the text on
/// character boundaries, every edit of every fix applicable, fix-all well formed, the
/// request features answer with positions inside the document.
fn exercise(text: &str, config: &Config, probes: &[f64]) {
    let agenda = Agenda::parse(text, config.thresholds.max_bytes);
    assert!(agenda.analysed <= text.len() && text.is_char_boundary(agenda.analysed));
    let findings = check_parsed(text, &agenda, config);
    assert!(findings.len() <= config.thresholds.max_diagnostics);
    for d in &findings {
        assert!(RULES.iter().any(|r| r.id == d.rule));
        assert!(config.severity(d.rule, Some(Severity::Hint)).is_some());
        let r = &d.range;
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "{}: range {r:?} outside the text {text:?}",
            d.rule
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{}: range {r:?} splits a character in {text:?}",
            d.rule
        );
        assert!(
            !splits_crlf(text, r.start) && !splits_crlf(text, r.end),
            "{}: range {r:?} splits a CRLF in {text:?}",
            d.rule
        );
        assert!(!d.message.is_empty());
        for fix in &d.fixes {
            let mut last_end = 0;
            for e in &fix.edits {
                assert!(
                    e.range.start >= last_end
                        && e.range.start <= e.range.end
                        && e.range.end <= text.len()
                        && text.is_char_boundary(e.range.start)
                        && text.is_char_boundary(e.range.end),
                    "{}: fix {:?} has a bad edit {e:?} in {text:?}",
                    d.rule,
                    fix.title
                );
                assert!(
                    !splits_crlf(text, e.range.start) && !splits_crlf(text, e.range.end),
                    "{}: fix {:?} edit {e:?} splits a CRLF in {text:?}",
                    d.rule,
                    fix.title
                );
                // Over the budget, nothing past the cut is edited (a new part may still be
                // added at the very end).
                assert!(
                    e.range.end <= agenda.analysed || e.range == (text.len()..text.len()),
                    "{}: fix {:?} edit {e:?} goes past the cut at {} in {text:?}",
                    d.rule,
                    fix.title,
                    agenda.analysed
                );
                last_end = last_end.max(e.range.end);
            }
            let (_, applied) = apply_edits(text, &fix.edits);
            assert!(
                applied == fix.edits.len(),
                "{}: {:?} cannot be applied to {text:?}",
                d.rule,
                fix.title
            );
        }
    }
    let fixed = fix_all(text, config);
    assert_keeps_lines(text, &fixed);

    // The server's features on this text, at a few offsets.
    let rope = Rope::from_str(text);
    let uri: Uri = "file:///fuzz/a.1on1.md".parse().unwrap();
    // Through the view, as the server reads a document (a running doc's current entry).
    let view = oneonone_ls::View::of(text, config);
    let view_findings = view.check(config);
    for enc in [Encoding::Utf16, Encoding::Utf8] {
        let snap = Snapshot {
            uri: &uri,
            version: 1,
            rope: &rope,
            text: view.scoped(),
            offset: view.scope.start,
            document: text,
            entries: &view.entries,
            series: view.series.as_ref(),
            agenda: &view.agenda,
            findings: &view_findings,
            config,
            enc,
        };
        for s in features::symbols(&snap) {
            assert_position_in(&rope, &s.range.end, "symbol");
        }
        for &p in probes {
            let at = floor_boundary(text, (p * text.len() as f64) as usize);
            if !splits_crlf(text, at) {
                let pos = byte_to_position(&rope, at, enc);
                assert_eq!(position_to_byte(&rope, pos, enc), at, "round trip at {at}");
            }
            for item in features::completion(&snap, at, p < 0.5) {
                if let Some(tower_lsp_server::ls_types::CompletionTextEdit::Edit(e)) =
                    &item.text_edit
                {
                    assert_position_in(&rope, &e.range.end, "completion");
                }
            }
            if let Some(h) = features::hover(&snap, at) {
                if let Some(r) = h.range {
                    assert_position_in(&rope, &r.end, "hover");
                }
            }
            let end = floor_boundary(text, at + 7);
            let only = [CodeActionKind::new(features::FIX_ALL_KIND)];
            for only in [None, Some(&only[..])] {
                for a in features::code_actions(&snap, at..end, &[], only) {
                    let CodeActionOrCommand::CodeAction(a) = a else {
                        panic!("a command, not an action")
                    };
                    // "Draft the pre-read email" edits nothing: it names a command.
                    let Some(edit) = a.edit else {
                        let command = a.command.map(|c| c.command);
                        assert_eq!(command.as_deref(), Some(features::PREREAD_COMMAND));
                        continue;
                    };
                    for edits in edit.changes.unwrap().values() {
                        for e in edits {
                            assert_position_in(&rope, &e.range.end, "code action");
                        }
                    }
                }
            }
        }
    }
}

fn run<S: Strategy<Value = String>>(name: &str, strategy: S) {
    let started = Instant::now();
    let count = AtomicU64::new(0);
    let mut runner = runner();
    let result = runner.run(
        &(
            strategy,
            config(),
            prop::collection::vec(0.0f64..=1.0, 1..4),
        ),
        |(text, config, probes)| {
            count.fetch_add(1, Ordering::Relaxed);
            exercise(&text, &config, &probes);
            Ok(())
        },
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
    println!(
        "fuzz {name}: {} cases in {:.1?}",
        count.load(Ordering::Relaxed),
        started.elapsed()
    );
}

#[test]
fn arbitrary_unicode_text() {
    run("arbitrary text", any::<String>());
}

#[test]
fn awkward_atoms() {
    run("atoms", arb::atom_text(80));
}

#[test]
fn markdownish_agendas() {
    run("markdown-ish", markdownish());
}

#[test]
fn realistic_agendas() {
    run("agendas", arb::agenda());
}
