//! Building a running doc's series from the last version's: an entry whose body is byte
//! for byte the same keeps its summary (moved to where the body now is), so a keystroke
//! re-reads the one entry it changed, not ten years of history.
//!
//! The last version's summaries are reused when the entries read the same (as many, with
//! the same dates, levels, titles and markers, the same current one, the same ones within
//! the budget) and the configuration reads them the same way. An entry's summary depends
//! only on its body's text, its date (or the current entry's, for dates without a year)
//! and that configuration, so the result is always the one [`Series::of`] gives.

use super::{
    entry_summary, line_ending, order, read_flags, reference_date, standing, Series, Summary,
};
use crate::config::Config;
use crate::entries::Entries;
use std::collections::HashMap;
use std::ops::Range;

/// An earlier version of the document and what was read of it.
#[derive(Clone, Copy)]
pub struct Previous<'a> {
    pub text: &'a str,
    pub entries: &'a Entries,
    pub series: &'a Series,
    pub config: &'a Config,
}

impl Series {
    /// [`Series::of`], reusing `previous` for every entry whose body did not change.
    pub fn of_after(
        text: &str,
        entries: &Entries,
        config: &Config,
        previous: Option<Previous>,
    ) -> Option<Series> {
        previous
            .and_then(|p| reuse(text, entries, config, p))
            .or_else(|| Series::of(text, entries, config))
    }
}

/// The files a folder series was last built from, and that series.
#[derive(Clone, Copy)]
pub struct FolderPrevious<'a> {
    /// `(name, text)` of each file it read (those left out too; any order).
    pub files: &'a [(&'a str, &'a str)],
    pub series: &'a Series,
    pub config: &'a Config,
}

impl Series {
    /// [`Series::of_folder`], reusing `previous`'s summary of every file whose text is the
    /// same byte for byte (and dated the same), so that a keystroke in the current file
    /// re-reads that file only. The result is always the one [`Series::of_folder`] gives.
    pub fn of_folder_after(
        files: &[(String, String)],
        config: &Config,
        previous: Option<FolderPrevious>,
    ) -> Series {
        let Some(p) = previous.filter(|p| same_config(config, p.config)) else {
            return Series::of_folder(files, config);
        };
        let texts: HashMap<&str, &str> = p.files.iter().copied().collect();
        let summaries: HashMap<&str, &Summary> = p
            .series
            .entries
            .iter()
            .filter_map(|e| Some((e.file.as_deref()?, e)))
            .collect();
        Series::folder_with(files, config, |name, text, date| {
            let before = summaries.get(name)?;
            (texts.get(name) == Some(&text) && before.date == Some(date)).then(|| (*before).clone())
        })
    }
}

/// Whether two configurations read an entry the same way.
fn same_config(a: &Config, b: &Config) -> bool {
    a.thresholds.max_bytes == b.thresholds.max_bytes && a.today == b.today
}

fn reuse(text: &str, entries: &Entries, config: &Config, p: Previous) -> Option<Series> {
    // No entries, no running doc (the last series may be a folder's: never reused here).
    if entries.list.is_empty() {
        return None;
    }
    let same_entries = entries.current == p.entries.current
        && entries.list.len() == p.entries.list.len()
        && entries.list.iter().zip(&p.entries.list).all(|(a, b)| {
            a.date == b.date && a.next == b.next && a.level == b.level && a.title == b.title
        });
    if !same_entries
        || !same_config(config, p.config)
        || p.series.entries.len() != entries.list.len()
    {
        return None;
    }
    let order = order(entries);
    let read = read_flags(entries, &order, config);
    if read != read_flags(p.entries, &order, p.config) {
        return None;
    }
    let reference = reference_date(config, entries);
    let mut series = Series {
        entries: Vec::with_capacity(order.len()),
        current: p.series.current,
        standing: standing(text, entries, reference),
        line_ending: line_ending(text),
    };
    for (k, &i) in order.iter().enumerate() {
        let (new, old) = (&entries.list[i], &p.entries.list[i]);
        let unchanged = text.get(new.body.clone()) == p.text.get(old.body.clone());
        let summary = match p.series.entries.get(k) {
            Some(before) if unchanged && before.body == old.body => {
                let mut s = before.clone();
                let moved = |r: &Range<usize>| {
                    (r.start - old.body.start + new.body.start)
                        ..(r.end - old.body.start + new.body.start)
                };
                for said in s.outcomes.iter_mut().chain(s.asks.iter_mut()) {
                    said.range = moved(&said.range);
                }
                for a in &mut s.actions {
                    a.line = moved(&a.line);
                    a.text = moved(&a.text);
                }
                s.heading = new.heading.clone();
                s.body = new.body.clone();
                s
            }
            _ => entry_summary(text, entries, i, read[i], reference, config),
        };
        series.entries.push(summary);
    }
    Some(series)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn config() -> Config {
        Config {
            today: crate::dates::Date::new(2026, 12, 7),
            ..Config::default()
        }
    }

    /// The series built from the last version's equals the one built afresh.
    fn assert_same(before: &str, after: &str) -> bool {
        let config = config();
        let then = Entries::find(before, config.today);
        let Some(old) = Series::of(before, &then, &config) else {
            return false;
        };
        let now = Entries::find(after, config.today);
        let previous = Previous {
            text: before,
            entries: &then,
            series: &old,
            config: &config,
        };
        let reused = reuse(after, &now, &config, previous);
        let fresh = Series::of(after, &now, &config);
        if let Some(reused) = &reused {
            assert_eq!(Some(reused), fresh.as_ref(), "{before:?} → {after:?}");
        }
        reused.is_some()
    }

    const DOC: &str = "# Log\n\n## Action items\n- [ ] Renew the audit\n\n## 2026-11-23\n\nMy recommendation is to ship.\n\n## 2026-11-16\n\n### Outcome\nClose the books.\n\n- [ ] Send the deck by Nov 20\n\n## Notes\n- [ ] Call legal\n";

    #[test]
    fn a_keystroke_in_the_current_entry_reuses_the_history() {
        let typed = DOC.replace("to ship.", "to ship next week. I need your approval.");
        assert!(assert_same(DOC, &typed));
        let deleted = DOC.replace("My recommendation is to ship.\n", "");
        assert!(assert_same(DOC, &deleted));
        // Oldest first: the history comes before.
        let oldest = "**Oct 6**\n- [ ] Call legal\n\n**Oct 20**\nMy recommendation is to ship.\n";
        assert!(assert_same(
            oldest,
            &format!("{oldest}- [ ] Book the offsite\n")
        ));
    }

    #[test]
    fn a_keystroke_in_an_old_entry_or_a_standing_section_reuses_the_rest() {
        for (from, to) in [
            ("Close the books", "Close the book"),
            ("- [ ] Send", "- [x] Send"),
            ("Renew the audit", "Renew it"),
        ] {
            assert!(assert_same(DOC, &DOC.replace(from, to)), "{from:?}");
        }
    }

    #[test]
    fn new_or_changed_entries_build_afresh() {
        // A new entry, a heading typed into the current one, a date changed.
        for (from, to) in [
            ("# Log\n", "# Log\n\n## 2026-11-30\nx\n"),
            ("to ship.", "to ship.\n\n## 2026-11-30\n"),
            ("2026-11-16", "2026-11-17"),
        ] {
            assert!(!assert_same(DOC, &DOC.replace(from, to)), "{from:?}");
        }
    }

    /// A folder series built from the last one: unchanged files keep their summaries, a
    /// changed, renamed or re-dated file is read again, and the result is the fresh one.
    #[test]
    fn a_folder_series_reuses_unchanged_files() {
        let config = config();
        let files = |current: &str, older: &str| -> Vec<(String, String)> {
            vec![
                ("2026-11-09.1on1.md".into(), older.into()),
                ("2026-11-16.1on1.md".into(), "- [ ] Call legal\n".into()),
                ("2026-11-23.1on1.md".into(), current.into()),
            ]
        };
        let before = files(
            "My recommendation is to ship.\n",
            "- [ ] Book the offsite\n",
        );
        let old = Series::of_folder(&before, &config);
        let pairs: Vec<(&str, &str)> = before
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let previous = FolderPrevious {
            files: &pairs,
            series: &old,
            config: &config,
        };
        for after in [
            files(
                "My recommendation is to ship it.\n",
                "- [ ] Book the offsite\n",
            ),
            files(
                "My recommendation is to ship.\n",
                "- [x] Book the offsite\n",
            ),
            vec![
                (
                    "2026-11-02.1on1.md".into(),
                    "- [ ] Book the offsite\n".into(),
                ),
                ("2026-11-16.1on1.md".into(), "- [ ] Call legal\n".into()),
                ("2026-11-23.1on1.md".into(), "x\n".into()),
            ],
        ] {
            let fresh = Series::of_folder(&after, &config);
            assert_eq!(
                Series::of_folder_after(&after, &config, Some(previous)),
                fresh
            );
        }
        // A summary is taken only for the same text: a stale one would show here.
        let changed = files("x\n", "- [x] Book the offsite\n");
        let reused = Series::of_folder_after(&changed, &config, Some(previous));
        assert!(reused.entries[0].actions[0].done);
        assert_eq!(reused.open_items().len(), 1);
    }

    proptest! {
        /// Any edit anywhere: when summaries are reused, the series is the one built
        /// afresh.
        #[test]
        fn reuse_is_exact(
            at in 0usize..200,
            cut in 0usize..12,
            insert in prop_oneof![
                Just(String::new()),
                Just("\n## 2026-11-30\n".to_string()),
                Just("- [ ] Call legal\n".to_string()),
                Just("### Nov 3\n".to_string()),
                Just("My recommendation is to hire two contractors. ".to_string()),
                "\\PC{0,12}",
            ],
        ) {
            let at = (at % DOC.len()..=DOC.len()).find(|&i| DOC.is_char_boundary(i)).unwrap_or(DOC.len());
            let end = (at + cut..=DOC.len()).find(|&i| DOC.is_char_boundary(i)).unwrap_or(DOC.len());
            let after = format!("{}{insert}{}", &DOC[..at], &DOC[end..]);
            assert_same(DOC, &after);
        }
    }
}
