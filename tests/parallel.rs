//! A long agenda is parsed and judged on every core (`agenda::PARALLEL_BYTES`): cut at
//! headings where Markdown holds nothing open and its parts parsed side by side, its
//! sentences split, its labels found, its blocks' norms joined and the rules' common
//! questions answered in parallel. None of that may change a thing: the parse, the
//! findings and what a memo remembers are exactly those of the same work done on one
//! thread, fresh or version after version.

mod common;

use common::arb::{self, edit, floor_char};
use oneonone_ls::agenda::{neutral_splits, with_parallel_from, Agenda, PARALLEL_BYTES};
use oneonone_ls::{check, check_parsed_with, Config, Diagnostic, Memo};
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, TestRunner};

/// Everything one version yields: the fresh parse and findings, the parse and findings
/// through a memo that has seen the versions before, and how many pieces of prose a
/// memo that only parses holds (a memo that also judges may hold more answers when the
/// cores answered questions up front).
type Outcome = (Agenda, Vec<Diagnostic>, Agenda, Vec<Diagnostic>, usize);

fn run(versions: &[String], threshold: usize) -> Vec<Outcome> {
    let config = Config::default();
    let budget = config.thresholds.max_bytes;
    with_parallel_from(threshold, || {
        let mut memo = Memo::default();
        let mut parse_memo = Memo::default();
        versions
            .iter()
            .map(|text| {
                let fresh = Agenda::parse(text, budget);
                let findings = check(text, &config);
                let remembered = memo.parse(text, budget);
                let with_memo = check_parsed_with(text, &remembered, &config, &mut memo);
                parse_memo.parse(text, budget);
                (fresh, findings, remembered, with_memo, parse_memo.len())
            })
            .collect()
    })
}

fn compare(versions: &[String]) -> Result<(), TestCaseError> {
    let one = run(versions, usize::MAX);
    let all = run(versions, 0);
    for ((one, all), text) in one.iter().zip(&all).zip(versions) {
        prop_assert_eq!(&one.0, &all.0, "parse, text: {:?}", text);
        prop_assert_eq!(&one.1, &all.1, "findings, text: {:?}", text);
        prop_assert_eq!(&one.2, &all.2, "parse with a memo, text: {:?}", text);
        prop_assert_eq!(&one.3, &all.3, "findings with a memo, text: {:?}", text);
        prop_assert_eq!(one.4, all.4, "pieces the memo holds, text: {:?}", text);
        // And the memo's work is the fresh work.
        prop_assert_eq!(&all.0, &all.2);
        prop_assert_eq!(&all.1, &all.3);
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("ONEONONE_PARALLEL_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128)
}

#[test]
fn sharing_work_between_cores_changes_nothing() {
    let mut runner = TestRunner::new(RunnerConfig {
        cases: cases(),
        ..RunnerConfig::default()
    });
    // Several agendas run together (repeated blocks, headings and labels included),
    // then edited: a version keeps most pieces of the one before, so the memo answers
    // some and the cores split the rest.
    let strategy = (
        prop::collection::vec(arb::agenda(), 1..5),
        prop::collection::vec((any::<usize>(), 0usize..40, arb::atom_text(30)), 0..4),
    );
    let cut = std::cell::Cell::new(0u32);
    runner
        .run(&strategy, |(parts, edits)| {
            // Parts under headings of their own, as a long agenda of weekly notes has
            // them: where nothing is left open before one, the text is cut there.
            let first = parts
                .iter()
                .enumerate()
                .map(|(i, part)| format!("## Week {i}\n\n{part}"))
                .collect::<Vec<_>>()
                .join("\n\n");
            if !neutral_splits(&first, 2).is_empty() {
                cut.set(cut.get() + 1);
            }
            let mut versions = vec![first.clone(), first.clone()];
            let mut text = first;
            for (at, delete, insert) in edits {
                text = edit(&text, &(at, delete, &insert));
                versions.push(text.clone());
            }
            compare(&versions)
        })
        .unwrap();
    // Enough texts were cut, or the parts' parse was hardly tested.
    assert!(
        cut.get() * 5 >= cases(),
        "only {} of {} texts were cut",
        cut.get(),
        cases()
    );
}

#[test]
fn a_long_agenda_is_the_same_on_every_core() {
    // The real threshold: the example agenda repeated past it, then typed into.
    let example = include_str!("../examples/weak.1on1.md");
    let mut text = String::new();
    while text.len() < 2 * PARALLEL_BYTES {
        text.push_str(example);
        text.push_str("\n\n");
    }
    let mut versions = vec![text.clone()];
    let middle = floor_char(&text, text.len() / 2);
    for typed in [
        "Let me know what you think. ",
        "**Ask:** a decision",
        "\n\n## Pre-read\n",
    ] {
        text.insert_str(middle, typed);
        versions.push(text.clone());
    }
    assert!(
        !neutral_splits(&versions[0], 2).is_empty(),
        "the text should be cut"
    );
    let one = run(&versions, usize::MAX);
    let default = run(&versions, PARALLEL_BYTES);
    assert!(
        !one[0].1.is_empty(),
        "the repeated example should get findings"
    );
    assert_eq!(one, default);
}
