//! Running docs: the current entry is read exactly as the same agenda on its own.
//!
//! For any agenda A and any history H of older dated entries, the findings on "A as the
//! newest entry over H" equal the findings on A alone, shifted to where A sits, in both
//! orders (newest first and oldest first), with bold-line and heading entries, apart from
//! the rules that read across meetings (`open-action-item`, `repeated-ask`,
//! `outcome-changed`). History is quiet: nothing outside the current entry (and its
//! heading) is flagged or changed by a fix.

mod common;

use common::arb;
use oneonone_ls::{check, Config, Diagnostic};
use proptest::prelude::*;
use proptest::sample::select;

/// The rules that read the history (the series of entries).
const SERIES_RULES: &[&str] = &["open-action-item", "repeated-ask", "outcome-changed"];

/// How entries are headed in the generated doc.
const STYLES: &[(&str, &str)] = &[("**", "**"), ("# ", ""), ("## ", "")];

fn shifted(found: Vec<Diagnostic>, by: usize) -> Vec<Diagnostic> {
    found
        .into_iter()
        .map(|mut d| {
            d.range = d.range.start + by..d.range.end + by;
            for e in d.fixes.iter_mut().flat_map(|f| f.edits.iter_mut()) {
                e.range = e.range.start + by..e.range.end + by;
            }
            d
        })
        .collect()
}

/// An entry's body: ends with a blank line, so the next heading starts a line of its own.
fn body(text: &str) -> String {
    format!("{}\n\n", text.trim_end_matches(['\n', '\r']))
}

/// Whether `text` has a heading at `level` or above, which would end an entry at `level`.
fn has_heading_at_or_above(text: &str, level: usize) -> bool {
    text.split(['\n', '\r']).any(|line| {
        let t = line.trim_start_matches(' ');
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        line.len() - t.len() <= 3
            && (1..=level).contains(&hashes)
            && (t.len() == hashes || t[hashes..].starts_with([' ', '\t']))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_current_entry_reads_as_the_agenda_alone(
        a in arb::agenda(),
        history in prop::collection::vec(arb::agenda(), 0..4),
        newest_first in any::<bool>(),
        style in select(STYLES),
    ) {
        // Plain line breaks: a doc keeps one kind, and entries are found line by line.
        let a = body(&a.replace("\r\n", "\n").replace('\r', "\n"));
        let history: Vec<String> = history
            .iter()
            .map(|h| body(&h.replace("\r\n", "\n").replace('\r', "\n")))
            // A rule turned off anywhere in the file is off in every entry (by design).
            .filter(|h| !h.contains("oneonone-disable"))
            .collect();
        let level = style.0.trim().len();
        if style.0 != "**" {
            prop_assume!(!has_heading_at_or_above(&a, level));
            prop_assume!(history.iter().all(|h| !has_heading_at_or_above(h, level)));
        }
        // A on 30 Nov, then one week earlier per history entry.
        let dates = ["2026-11-30", "2026-11-23", "2026-11-16", "2026-11-09", "2026-11-02"];
        let mut entries: Vec<(String, &str)> = vec![(a.clone(), dates[0])];
        for (h, d) in history.iter().zip(&dates[1..]) {
            entries.push((h.clone(), d));
        }
        if !newest_first {
            entries.reverse();
        }
        let mut doc = String::from("Standing notes about the parking lot.\n\n");
        let mut at = 0;
        for (text, date) in &entries {
            doc.push_str(&format!("{}{date}{}\n", style.0, style.1));
            if *date == dates[0] {
                at = doc.len();
            }
            doc.push_str(text);
        }
        // The rules that read across meetings are the only ones the history may change.
        let mut config = Config::default();
        for rule in SERIES_RULES {
            config.severities.insert(rule.to_string(), None);
        }
        let alone = shifted(check(&a, &config), at);
        let within = check(&doc, &config);
        prop_assert_eq!(&within, &alone, "doc:\n{}", doc);
        let heading = doc[..at].trim_end_matches('\n').rfind('\n').map_or(0, |i| i + 1);
        for d in check(&doc, &Config::default()) {
            let series = SERIES_RULES.contains(&d.rule);
            prop_assert!(series || within.contains(&d), "{:?}", d);
            // A series finding may stand on the current entry's heading.
            let from = if series { heading } else { at };
            prop_assert!(d.range.start >= from && d.range.end <= at + a.len(), "{:?}", d);
            for e in d.fixes.iter().flat_map(|f| &f.edits) {
                prop_assert!(e.range.start >= at && e.range.end <= at + a.len(), "{:?}", e);
            }
        }
    }
}

/// The corpus-layouts running docs, in miniature: last month's hand-off is not flagged
/// again, and this week's entry is judged without the history's parts.
#[test]
fn history_is_quiet_and_counts_for_nothing() {
    let doc = "# Log\n\n**Oct 6**\nQuick update. Thoughts?\n\n**Nov 3**\nWhat I'm seeing is that churn sits with two vendors.\n";
    let rules: Vec<&str> = check(doc, &Config::default())
        .iter()
        .map(|d| d.rule)
        .collect();
    assert!(!rules.contains(&"handoff-closing"), "{rules:?}");
    assert!(rules.contains(&"missing-ask"), "{rules:?}");
    assert!(!rules.contains(&"missing-insight"), "{rules:?}");

    // Newest first: the outcome, insight and ask of an older entry do not count now.
    let doc = "## 2026-11-16\nWe have been heads-down on the backlog.\n\n## 2026-11-09\n### Outcome\nClose in four days by February.\n### Insight\nWhat I'm seeing is that reconciliations are late.\n### Leadership move\nMy recommendation is to buy the connector.\n";
    let rules: Vec<&str> = check(doc, &Config::default())
        .iter()
        .map(|d| d.rule)
        .collect();
    for rule in ["missing-ask", "missing-outcome", "missing-insight"] {
        assert!(rules.contains(&rule), "{rule} not in {rules:?}");
    }
    // The fixes land in the current entry.
    for d in check(doc, &Config::default()) {
        for e in d.fixes.iter().flat_map(|f| &f.edits) {
            assert!(
                e.range.start >= 14 && e.range.end <= doc.find("## 2026-11-09").unwrap(),
                "{e:?}"
            );
        }
    }
}
