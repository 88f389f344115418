//! How long the series of a long running doc takes to build, against the rest of a check.
//!
//! `cargo run --release --example series_timing [ENTRIES]` (default 500): a newest-first
//! running doc of ENTRIES weekly entries, each with an outcome, an insight, an ask and a few
//! action items. Prints the median of 25 runs of: finding the entries, building the series
//! afresh, and a whole check (the entries, the current entry's parse, the series and every
//! rule), next to a check of the current entry alone; then the same after a keystroke in
//! the current entry and in an old one, with the last version's summaries reused (what the
//! server does).

use oneonone_ls::dates::Date;
use oneonone_ls::entries::Entries;
use oneonone_ls::series::{Previous, Series};
use oneonone_ls::{check, Config, View};
use std::time::{Duration, Instant};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(500);
    let doc = running_doc(n);
    let config = Config {
        today: Date::new(2026, 12, 7),
        ..Config::default()
    };
    let entries = Entries::find(&doc, config.today);
    let current = entries.current().expect("a current entry");
    let alone = doc[current.body.clone()].to_string();
    println!(
        "{n} entries, {} KiB; current entry {} bytes",
        doc.len() / 1024,
        alone.len()
    );
    let series = Series::of(&doc, &entries, &config).expect("a series");
    let findings = check(&doc, &config);
    println!(
        "series: {} entries, {} open action items; {} findings",
        series.entries.len(),
        series.open_items().len(),
        findings.len()
    );
    report("entries (line scan)", || {
        Entries::find(&doc, config.today);
    });
    report("series build", || {
        Series::of(&doc, &entries, &config);
    });
    report("check, whole doc", || {
        check(&doc, &config);
    });
    report("check, current entry alone", || {
        check(&alone, &config);
    });
    // A keystroke in the current entry: the server has the last version's analysis.
    let typed = format!(
        "{}x{}",
        &doc[..current.body.end - 2],
        &doc[current.body.end - 2..]
    );
    let typed_entries = Entries::find(&typed, config.today);
    let previous = Previous {
        text: &doc,
        entries: &entries,
        series: &series,
        config: &config,
    };
    assert_eq!(
        Series::of_after(&typed, &typed_entries, &config, Some(previous)),
        Series::of(&typed, &typed_entries, &config)
    );
    report("keystroke: series reused", || {
        Series::of_after(&typed, &typed_entries, &config, Some(previous));
    });
    report("keystroke: whole check", || {
        let view = View::of_after(&typed, &config, Some(previous));
        view.check(&config);
    });
    // A keystroke in an old entry: that entry is read again, the others reused.
    let old = &entries.list[entries.list.len() / 2];
    let typed_old = format!("{}x{}", &doc[..old.body.end - 2], &doc[old.body.end - 2..]);
    let old_entries = Entries::find(&typed_old, config.today);
    assert_eq!(
        Series::of_after(&typed_old, &old_entries, &config, Some(previous)),
        Series::of(&typed_old, &old_entries, &config)
    );
    report("old entry: series reused", || {
        Series::of_after(&typed_old, &old_entries, &config, Some(previous));
    });
    report("old entry: whole check", || {
        let view = View::of_after(&typed_old, &config, Some(previous));
        view.check(&config);
    });
}

fn report(what: &str, mut f: impl FnMut()) {
    f();
    let mut times: Vec<Duration> = (0..25)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "{what:<28} median {:>9.3} ms  (min {:.3}, max {:.3})",
        times[12].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[24].as_secs_f64() * 1e3
    );
}

/// Newest first, one entry a week back from 2026-12-07.
fn running_doc(n: usize) -> String {
    let mut doc = String::from("# Dana / Priya 1:1s\n\n## Parking lot\n- Offsite dates\n\n");
    let newest = Date::new(2026, 12, 7).expect("a date").unix_days();
    for i in 0..n {
        let Some(d) = Date::from_unix_days(newest - 7 * i as i64) else {
            break;
        };
        let topic = ["the close", "churn", "the partner API", "hiring", "pricing"][i % 5];
        doc.push_str(&format!(
            "## {:04}-{:02}-{:02}\n\n### Outcome\nThe most important outcome I'm focused on right now is {topic} by the end of the quarter.\n\n### Insight\nWhat I'm seeing is that {topic} stalls on manual work in week {i}.\n\n### Leadership move\nMy recommendation is to hire two contractors for {topic}.\n\n### Action items\n- [ ] Send the {topic} deck to finance by Dec 12 (Dana)\n- [x] Draft the plan for week {i}\n- [ ] Book the review for week {i} @priya\n\n",
            d.year, d.month, d.day
        ));
    }
    doc
}
