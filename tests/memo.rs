//! The memo that carries pattern results from one version of a document to the next
//! (`check_parsed_with`) never changes a finding: after any sequence of edits, the
//! findings with the memo are exactly those of a fresh `check`. The server's form
//! (`check_parsed_titles`, fixes without their edits) differs from it in the edits only.

mod common;

use common::arb;
use oneonone_ls::{agenda::Agenda, check, check_parsed_titles, check_parsed_with, Config, Memo};
use proptest::prelude::*;
use proptest::sample::select;

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

fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn edit(text: &str, (at, delete, insert): &(usize, usize, &str)) -> String {
    let start = floor_char(text, *at % (text.len() + 1));
    let end = floor_char(text, start + delete);
    let mut out = String::with_capacity(text.len() + insert.len());
    out.push_str(&text[..start]);
    out.push_str(insert);
    out.push_str(&text[end.max(start)..]);
    out
}

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
        let titles = check_parsed_titles(&text, &agenda, &config, &mut titles_memo);
        let mut stripped = fresh.clone();
        for f in stripped.iter_mut().flat_map(|d| d.fixes.iter_mut()) {
            f.edits.clear();
        }
        prop_assert_eq!(&titles, &stripped, "text: {:?}", text);
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
