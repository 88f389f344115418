//! Building a running doc's series from the last version's when only the current entry
//! changed: a keystroke in this week's entry of a ten-year doc re-reads this week's entry,
//! not ten years of history.
//!
//! The last version's history is reused when the text outside the current entry's body
//! is byte for byte the same (its entries then have the same headings and bodies, moved by
//! the change in the current entry's length when they come after it), the entries read
//! the same (dates, levels, titles, which one is current, which fit in the budget), and
//! the configuration reads them the same way. Anything else builds the series afresh, so
//! the result is always the one [`Series::of`] gives.

use super::{entry_summary, line_ending, order, read_flags, reference_date, Series};
use crate::config::Config;
use crate::entries::Entries;
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
    /// [`Series::of`], reusing `previous` when only the current entry's body changed.
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

fn reuse(text: &str, entries: &Entries, config: &Config, p: Previous) -> Option<Series> {
    let (now, then) = (entries.current?, p.entries.current?);
    let (body, old) = (&entries.list[now].body, &p.entries.list[then].body);
    let same_entries = now == then
        && entries.list.len() == p.entries.list.len()
        && entries.list.iter().zip(&p.entries.list).all(|(a, b)| {
            a.date == b.date && a.next == b.next && a.level == b.level && a.title == b.title
        });
    let same_config = config.thresholds.max_bytes == p.config.thresholds.max_bytes
        && config.today == p.config.today;
    if !same_entries
        || !same_config
        || p.series.entries.len() != entries.list.len()
        || text.get(..body.start) != p.text.get(..old.start)
        || text.get(body.end..) != p.text.get(old.end..)
    {
        return None;
    }
    let order = order(entries);
    if read_flags(entries, &order, config) != read_flags(p.entries, &order, p.config) {
        return None;
    }
    let delta = body.end as isize - old.end as isize;
    let after = old.end;
    let moved = |r: &Range<usize>| -> Range<usize> {
        if r.start >= after {
            r.start.wrapping_add_signed(delta)..r.end.wrapping_add_signed(delta)
        } else {
            r.clone()
        }
    };
    let mut series = p.series.clone();
    let current = series.current?;
    for (k, s) in series.entries.iter_mut().enumerate() {
        if k == current {
            continue;
        }
        s.heading = moved(&s.heading);
        s.body = moved(&s.body);
        for said in s.outcomes.iter_mut().chain(s.asks.iter_mut()) {
            said.range = moved(&said.range);
        }
        for a in &mut s.actions {
            a.line = moved(&a.line);
            a.text = moved(&a.text);
        }
    }
    for a in &mut series.standing {
        a.line = moved(&a.line);
        a.text = moved(&a.text);
    }
    let reference = reference_date(config, entries);
    series.entries[current] = entry_summary(text, entries, now, true, reference, config);
    series.line_ending = line_ending(text);
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
    fn a_change_outside_the_current_entry_builds_afresh() {
        assert!(!assert_same(
            DOC,
            &DOC.replace("Close the books", "Close the book")
        ));
        assert!(!assert_same(
            DOC,
            &DOC.replace("Renew the audit", "Renew it")
        ));
        // A new entry, a heading typed into the current one.
        assert!(!assert_same(
            DOC,
            &DOC.replace("# Log\n", "# Log\n\n## 2026-11-30\nx\n")
        ));
        assert!(!assert_same(
            DOC,
            &DOC.replace("to ship.", "to ship.\n\n## 2026-11-30\n")
        ));
    }

    proptest! {
        /// Any edit anywhere: when the history is reused, the series is the one built
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
