//! The memo that carries pattern results from one version of a document to the next
//! (`check_parsed_with`) never changes a finding: after any sequence of edits, the
//! findings with the memo are exactly those of a fresh `check`. The server's form
//! (`check_parsed_titles`, fixes without their edits) differs from it in the edits only.

mod common;

use common::arb::{self, edit, floor_char};
use oneonone_ls::{agenda::Agenda, check, check_parsed_titles, check_parsed_with, Config, Memo};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config as RunnerConfig, TestRunner};

/// Text people type into an agenda, whole sentences and fragments.
const INSERTS: &[&str] = &[
    "Let me know what you think.",
    "My recommendation is to ship.",
    "What I'm seeing is churn in week two.",
    "- Shipped the audit log\n",
    "We're still working on it. ",
    "Thoughts?",
    "\n\n## The leadership move\n",
    "\n## Pre-read\n- Done\n",
    "The most important outcome I'm focused on right now is ",
    "maybe ",
    "x",
    " ",
    "\n",
    "é",
    "東京",
    "🎯",
    "**Ask:** ",
    ".",
];

fn compare(versions: impl IntoIterator<Item = String>) -> Result<(), TestCaseError> {
    let config = Config::default();
    let mut memo = Memo::default();
    let mut titles_memo = Memo::default();
    for text in versions {
        let agenda = Agenda::parse(&text, config.thresholds.max_bytes);
        // Parsing with the memo gives exactly the fresh parse.
        let remembered = memo.parse(&text, config.thresholds.max_bytes);
        prop_assert_eq!(&remembered, &agenda, "text: {:?}", text);
        let with_memo = check_parsed_with(&text, &agenda, &config, &mut memo);
        let fresh = check(&text, &config);
        prop_assert_eq!(&with_memo, &fresh, "text: {:?}", text);
        // Titles only: the same findings and fixes, with no edits.
        let titles = check_parsed_titles(&text, &agenda, &config, Some(&mut titles_memo));
        let mut stripped = fresh.clone();
        for f in stripped.iter_mut().flat_map(|d| d.fixes.iter_mut()) {
            f.edits.clear();
        }
        prop_assert_eq!(&titles, &stripped, "text: {:?}", text);
        // And without a memo (a file on disk, checked once).
        let once = check_parsed_titles(&text, &agenda, &config, None);
        prop_assert_eq!(&once, &stripped, "text: {:?}", text);
        // The memo holds the sentences of the latest version, and stays bounded.
        let (s, b, h) = (
            agenda.sentences.len(),
            agenda.blocks.len(),
            agenda.sections.len(),
        );
        prop_assert!(
            memo.len() <= 3 * (s + 2 * b + 2 * h) + 3 * 256,
            "{}",
            memo.len()
        );
    }
    Ok(())
}

/// Cases for the property below: `ONEONONE_MEMO_CASES` (default 64), for long runs.
fn cases() -> u32 {
    std::env::var("ONEONONE_MEMO_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn findings_with_the_memo_equal_a_fresh_check(
        start in arb::agenda(),
        edits in prop::collection::vec((any::<usize>(), 0usize..40, select(INSERTS)), 1..30),
    ) {
        let mut versions = vec![start.clone()];
        let mut text = start;
        for e in &edits {
            text = edit(&text, e);
            versions.push(text.clone());
        }
        compare(versions)?;
    }
}

/// Typing a sentence one character at a time, then deleting it again, through an agenda
/// that changes what the rules conclude at several points on the way.
#[test]
fn typing_and_deleting_a_hand_off_character_by_character() {
    let base = "# 1:1\n\n## The outcome\nThe most important outcome I'm focused on right now is churn.\n\n## Asks\n";
    let sentence = "Let me know what you think. My recommendation is to ship.";
    let mut versions = Vec::new();
    for n in (0..=sentence.len()).filter(|n| sentence.is_char_boundary(*n)) {
        versions.push(format!("{base}{}\n", &sentence[..n]));
    }
    for n in (0..=sentence.len())
        .rev()
        .filter(|n| sentence.is_char_boundary(*n))
    {
        versions.push(format!("{base}{}\n", &sentence[..n]));
    }
    compare(versions).unwrap();
}

/// Single characters typed and deleted: letters, digits, spaces and punctuation (which a
/// patch may handle) and Markdown syntax, line breaks and emoji (which it must leave to
/// the full parse).
const TYPED: &[&str] = &[
    "a", "Z", "3", " ", " ", ".", ",", "?", "'", "\"", "-", "(", ")", "’", "é", "東", "😀", "*",
    "_", "[", "]", ":", "#", "|", "`", "<", "&", "\\", "\n", "\r\n", "=", "1. ",
];

/// Every version parsed with the memo, patched or not, equals a fresh parse; and on
/// agendas being typed into, the patch is taken often enough for this to test it.
#[test]
fn patched_parses_equal_fresh_parses() {
    let budget = Config::default().thresholds.max_bytes;
    let mut runner = TestRunner::new(RunnerConfig {
        cases: cases() * 4,
        failure_persistence: None,
        ..RunnerConfig::default()
    });
    let typed = std::cell::Cell::new((0u64, 0u64));
    // Each edit at an arbitrary offset, or moved to the end of its line (where people
    // type most) and maybe deleting backwards from there.
    let strategy = (
        arb::agenda(),
        prop::collection::vec(
            (any::<usize>(), 0usize..3, select(TYPED), any::<bool>()),
            1..60,
        ),
    );
    runner
        .run(&strategy, |(start, edits)| {
            let mut memo = Memo::default();
            let mut text = start;
            memo.parse(&text, budget);
            for &(at, delete, insert, line_end) in &edits {
                let mut at = floor_char(&text, at % (text.len() + 1));
                if line_end {
                    at = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
                    at = floor_char(&text, at.saturating_sub(delete));
                }
                text = edit(&text, &(at, delete, insert));
                let remembered = memo.parse(&text, budget);
                prop_assert_eq!(
                    &remembered,
                    &Agenda::parse(&text, budget),
                    "text: {:?}",
                    text
                );
            }
            let (patched, versions) = typed.get();
            typed.set((patched + memo.patched(), versions + edits.len() as u64));
            Ok(())
        })
        .unwrap();
    let (patched, versions) = typed.get();
    eprintln!("{patched} of {versions} versions patched");
    assert!(
        patched * 20 > versions,
        "only {patched} of {versions} versions were patched"
    );
}

/// Typing a paragraph into the example agenda one character at a time (in the middle of
/// a line, at the end of a line, at the end of the document) and deleting it again:
/// most keystrokes are patched, and every version equals a fresh parse.
#[test]
fn typing_into_the_example_is_patched() {
    let budget = Config::default().thresholds.max_bytes;
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/weak.1on1.md"
    ))
    .unwrap();
    // Into the middle of a line of prose, after its first word.
    let line = example
        .lines()
        .find(|l| l.split(' ').count() > 4 && !l.contains(['*', '#', '[', ':', '|', '_', '`']))
        .expect("a plain line of prose");
    let at = example.find(line).unwrap() + line.find(' ').unwrap() + 1;
    let typed =
        "we lost two (not one) design partners — Zoë’s 東京 team too 🚀 — and Acme is next. ";
    let mut memo = Memo::default();
    memo.parse(&example, budget);
    let mut versions = 0;
    let mut text = example.clone();
    let mut check = |text: &str| {
        versions += 1;
        assert_eq!(
            memo.parse(text, budget),
            Agenda::parse(text, budget),
            "{text:?}"
        );
    };
    for (i, c) in typed.char_indices() {
        text.insert(at + i, c);
        check(&text);
    }
    for i in (0..typed.len()).rev() {
        if typed.is_char_boundary(i) {
            text.remove(at + i);
            check(&text);
        }
    }
    assert_eq!(text, example);
    // At the end of the line, and at the end of the document.
    let line_end = at + example[at..].find('\n').unwrap();
    for end in [line_end, example.trim_end().len()] {
        let mut text = example.clone();
        for (i, c) in typed.trim_end().char_indices() {
            text.insert(end + i, c);
            check(&text);
        }
    }
    eprintln!("{} of {versions} keystrokes patched", memo.patched());
    // A space typed at the end of a line, and the letter after it, take the full parse
    // (trailing spaces can make a line break): two keystrokes per word there.
    assert!(
        memo.patched() * 4 >= versions * 3,
        "{} of {versions} keystrokes patched",
        memo.patched()
    );
}
