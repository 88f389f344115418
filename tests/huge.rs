//! Huge and hostile input: the engine completes on each (no stack overflow, no panic),
//! reports `analysis-limited` when a document is over its budget, and the server
//! answers for a 50 MB document. Nothing here asserts timing (CI runs debug builds);
//! each test prints how long it took, for the record.

mod common;

use common::{capabilities, codes, TestClient};
use oneonone_ls::agenda::Agenda;
use oneonone_ls::{check, fix_all, Config, Diagnostic};
use serde_json::json;
use std::time::Instant;

const MB: usize = 1024 * 1024;

/// Checks `text`, prints the time, and asserts every range is usable.
fn checked(name: &str, text: &str) -> Vec<Diagnostic> {
    checked_with(name, text, &Config::default())
}

/// A budget that takes the whole of these shapes (1 to 2 MB): they test how the engine
/// copes with them, not where the budget cuts.
fn whole(name: &str, text: &str) -> Vec<Diagnostic> {
    let mut config = Config::default();
    config.thresholds.max_bytes = 4 * MB;
    checked_with(name, text, &config)
}

fn checked_with(name: &str, text: &str, config: &Config) -> Vec<Diagnostic> {
    let started = Instant::now();
    let found = check(text, config);
    println!(
        "{name}: {} bytes checked in {:.2?}, {} findings",
        text.len(),
        started.elapsed(),
        found.len()
    );
    for d in &found {
        assert!(d.range.start <= d.range.end && d.range.end <= text.len());
        assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
    }
    found
}

fn rules(found: &[Diagnostic]) -> Vec<&'static str> {
    let mut v: Vec<&str> = found.iter().map(|d| d.rule).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// About `size` bytes of agenda-like text that is mostly fine: headings, paragraphs,
/// list items, one status item per section.
fn filler(size: usize) -> String {
    let unit = "## Notes\n\nWhat I'm seeing is that the renewal risk sits with three accounts.\n\n- Shipped the billing fix\n- Asked Finance for the numbers\n\nMy recommendation is to call them this week.\n\n";
    unit.repeat(size / unit.len() + 1)
}

/// The same with a hand-off in every section: findings everywhere.
fn noisy_filler(size: usize) -> String {
    let unit = "## Notes\n\nWhat I'm seeing is that the renewal risk sits with three accounts.\n\n- Shipped the billing fix\n\nLet me know what you think.\n\n";
    unit.repeat(size / unit.len() + 1)
}

#[test]
fn a_50_mb_document_is_checked_in_part_and_says_so() {
    let text = filler(50 * MB);
    let found = checked("50 MB", &text);
    let limited: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.rule == "analysis-limited")
        .collect();
    assert_eq!(limited.len(), 1, "{:?}", rules(&found));
    let budget = Config::default().thresholds.max_bytes;
    let at = limited[0].range.start;
    assert!(at <= budget && at > budget - 1024, "cut at {at}");
    assert!(text[..at].ends_with('\n'), "the cut is at a line boundary");
    // Whole-document rules are skipped, findings stay inside the analysed part.
    assert!(!found.iter().any(|d| d.rule == "long-agenda"));
    assert!(found.iter().all(|d| d.range.end <= at));
    assert!(found.len() <= Config::default().thresholds.max_diagnostics);
}

#[test]
fn a_one_megabyte_single_line_is_checked() {
    let line = "We are still working on it and thoughts are welcome ".repeat(MB / 52 + 1);
    let found = whole("1 MB line", &line);
    assert!(rules(&found).contains(&"missing-ask"));
    let dots = "a. ".repeat(MB / 3);
    whole("1 MB of one-letter sentences", &dots);
    let no_spaces = "x".repeat(MB);
    whole("1 MB without a space", &no_spaces);
}

#[test]
fn a_hundred_thousand_headings_are_checked() {
    let mut text = String::with_capacity(2 * MB);
    for i in 0..100_000 {
        text.push_str(&format!("## Heading {i}\n"));
    }
    let agenda = Agenda::parse(&text, usize::MAX);
    assert_eq!(agenda.sections.len(), 100_000);
    let found = whole("100,000 headings", &text);
    assert_eq!(
        rules(&found),
        ["missing-ask", "missing-insight", "missing-outcome"]
    );
}

#[test]
fn fifty_thousand_dash_lines_are_thematic_breaks_read_once() {
    // Front matter is only looked for at the top. (pulldown-cmark's metadata blocks,
    // which the parser no longer enables, searched the rest of the text for a closing
    // line from every `---` line: minutes on this text.)
    let text = "---\t\nWe met with Sales.\n\n".repeat(50_000);
    let agenda = Agenda::parse(&text, usize::MAX);
    assert_eq!(agenda.front_matter, None);
    assert_eq!(agenda.sentences.len(), 50_000);
    whole("50,000 dash lines", &text);
}

#[test]
fn ten_thousand_levels_of_lists_and_quotes_do_not_overflow_the_stack() {
    let lists = format!("{}Shipped it\n", "- ".repeat(10_000));
    let found = checked("10,000 nested list items on one line", &lists);
    assert!(rules(&found).contains(&"missing-ask"));

    // A staircase of 10,000 levels, each item on its own line, indented one more
    // level each time (CommonMark nests a list item indented past its parent's marker).
    let mut stairs = String::new();
    let mut indent = 0;
    for i in 0..10_000 {
        stairs.push_str(&" ".repeat(indent));
        stairs.push_str(&format!("- step {i}\n"));
        indent += 2;
        if indent > 200 {
            // Past a few levels the indentation would be code; restart a new list.
            indent = 0;
        }
    }
    checked("10,000 list lines, 100 deep", &stairs);

    let quotes = format!("{}Thoughts?\n", "> ".repeat(10_000));
    let found = checked("10,000 nested quotes", &quotes);
    assert!(
        !rules(&found).contains(&"handoff-closing"),
        "quotes are not the author's prose"
    );
    let mixed = format!("{}Thoughts?\n", "> - ".repeat(5_000));
    checked("5,000 quote-list pairs", &mixed);
    let emphasis = format!("{}x{}\n", "*".repeat(10_000), "*".repeat(10_000));
    checked("10,000 nested emphasis", &emphasis);
    let links = format!("{}x{}\n", "[".repeat(5_000), "](u)".repeat(5_000));
    checked("5,000 nested links", &links);
    let backticks = format!("{}x\n", "`".repeat(10_000));
    checked("10,000 backticks", &backticks);
    let html = "<div>".repeat(10_000);
    checked("10,000 open HTML blocks", &html);
}

/// K12: the agenda builder is linear in list nesting depth. The bounds are far above the
/// expected times (milliseconds in release), not a benchmark: quadratic work took 6 s
/// in release for 100,000 levels, which gets ten seconds in a debug build.
#[test]
fn a_5000_deep_nested_list_parses_in_well_under_a_second() {
    let deep = if cfg!(debug_assertions) { 10.0 } else { 1.0 };
    for (name, text, bound) in [
        (
            "5,000 nested items",
            format!("{}Shipped it\n", "- ".repeat(5_000)),
            1.0,
        ),
        (
            "5,000 nested items ending in a label",
            format!("{}**Ask:** budget\n", "- ".repeat(5_000)),
            1.0,
        ),
        (
            "5,000 nested items in 50 lines",
            format!("{}- Shipped it\n", "- ".repeat(100)).repeat(50),
            1.0,
        ),
        (
            "100,000 nested items",
            format!("{}Shipped it\n", "- ".repeat(100_000)),
            deep,
        ),
    ] {
        let started = Instant::now();
        let agenda = Agenda::parse(&text, usize::MAX);
        let took = started.elapsed();
        println!("{name}: parsed in {took:.2?}");
        assert!(!agenda.blocks.is_empty());
        assert!(took.as_secs_f64() < bound, "{name}: {took:?}");
        checked(name, &text);
    }
}

#[test]
fn fix_all_over_the_budget_keeps_every_line() {
    // A small budget keeps this quick in debug builds; the logic is the one a 50 MB
    // document goes through.
    let mut config = Config::default();
    config.thresholds.max_bytes = 256 * 1024;
    let text = noisy_filler(MB);
    let started = Instant::now();
    let fixed = fix_all(&text, &config);
    println!(
        "fix_all on 1 MB with a 256 KiB budget: {:.2?}",
        started.elapsed()
    );
    let lines = |t: &str| {
        let mut v: Vec<String> = t
            .lines()
            .filter(|l| !l.trim().is_empty() && *l != "## Pre-read (send before the meeting)")
            .map(str::to_string)
            .collect();
        v.sort_unstable();
        v
    };
    assert!(lines(&fixed) == lines(&text), "fix_all changed the lines");
    assert!(fixed.contains("## Pre-read (send before the meeting)"));
}

/// A 50 MB document through the protocol, in memory: diagnostics for it arrive, with
/// `analysis-limited`, and the server keeps answering for it and for others.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_answers_for_a_50_mb_document() {
    let mut c = TestClient::in_memory();
    // Debug builds on a busy machine take a while over 50 MB of JSON.
    c.timeout = std::time::Duration::from_secs(180);
    c.initialize(capabilities(false, true), json!({})).await;
    let uri = "file:///tmp/oneonone-huge/big.1on1.md";
    let text = filler(50 * MB);
    let started = Instant::now();
    c.open(uri, &text, 1).await;
    let diags = c.diagnostics(uri, Some(1)).await;
    println!(
        "50 MB through the protocol: diagnostics after {:.2?}",
        started.elapsed()
    );
    assert!(codes(&diags).contains(&"analysis-limited".to_string()));
    // Typing at the end of it: the new version is analysed too.
    let last_line = text.lines().count() as u32;
    c.change(
        uri,
        2,
        json!([{"range": {"start": {"line": last_line, "character": 0}, "end": {"line": last_line, "character": 0}}, "text": "My recommendation is to split this file.\n"}]),
    )
    .await;
    let diags = c.diagnostics(uri, Some(2)).await;
    assert!(codes(&diags).contains(&"analysis-limited".to_string()));
    let hover = c
        .request_raw(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}),
        )
        .await;
    assert!(hover.get("error").is_none(), "{hover}");
    // A small document is still served promptly beside it.
    let small = "file:///tmp/oneonone-huge/small.1on1.md";
    c.open(small, common::WEAK, 1).await;
    let diags = c.diagnostics(small, Some(1)).await;
    assert!(codes(&diags).contains(&"status-dump".to_string()));
    c.shutdown_and_exit().await;
}
