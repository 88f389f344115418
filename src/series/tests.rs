use super::*;
use proptest::prelude::*;

fn day(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn series(text: &str) -> Series {
    let config = Config::default();
    Series::of(text, &Entries::find(text, None), &config).expect("entries")
}

/// Newest first: the current entry on top, two older ones below.
const NEWEST_FIRST: &str = "# Dana / Priya\n\n## Action items\n- [ ] Renew the SOC 2 audit\n\n## 2026-11-23\n\n### Outcome\nGet the monthly close down to four days by end of February.\n\n### Ask\nI still need your approval for two contractors.\n\n- [ ] Send the deck to finance (Dana)\n\n## 2026-11-16\n\n### Outcome\nClose the books in four days by February.\n\nMy recommendation is to hire two contractors for the reconciliation backlog.\n\n- [ ] Send the deck to finance by Nov 20\n- [ ] Book the offsite @priya\n- [x] Draft the hiring plan\n- [ ] Renew the SOC 2 audit\n\n## 2026-11-09\n\n### Outcome\nClose the books in four days by February.\n\n- [ ] Draft the hiring plan\n- [ ] Call the auditors\n- TODO: clean up the vendor list\n";

#[test]
fn a_running_doc_oldest_first_with_its_parts() {
    let s = series(NEWEST_FIRST);
    let dates: Vec<Option<Date>> = s.entries.iter().map(|e| e.date).collect();
    assert_eq!(
        dates,
        [
            Some(day(2026, 11, 9)),
            Some(day(2026, 11, 16)),
            Some(day(2026, 11, 23))
        ]
    );
    assert_eq!(s.current, Some(2));
    assert_eq!(s.earlier().len(), 2);
    let middle = &s.entries[1];
    assert_eq!(
        middle
            .outcomes
            .iter()
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>(),
        ["Close the books in four days by February."]
    );
    assert_eq!(
        middle
            .asks
            .iter()
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>(),
        ["My recommendation is to hire two contractors for the reconciliation backlog."]
    );
    // Ranges are offsets into the whole document.
    let ask = &middle.asks[0];
    assert_eq!(&NEWEST_FIRST[ask.range.clone()], ask.text);
    let items = &middle.actions;
    assert_eq!(items.len(), 4);
    assert_eq!(
        &NEWEST_FIRST[items[0].text.clone()],
        "Send the deck to finance by Nov 20"
    );
    assert_eq!(items[0].due, Some(day(2026, 11, 20)));
    assert_eq!(items[1].owner.as_deref(), Some("priya"));
    assert!(items[2].done);
    // The oldest entry's TODO tag is an action item, not an ask or an outcome.
    assert_eq!(s.entries[0].actions.len(), 3);
    assert!(s.entries[0].asks.is_empty());
    // The standing "Action items" list is outside every entry.
    assert_eq!(s.standing.len(), 1);
}

#[test]
fn open_items_are_the_ones_dropped_on_the_way() {
    let s = series(NEWEST_FIRST);
    let open: Vec<(&str, usize, usize)> = s
        .open_items()
        .iter()
        .map(|o| (o.item.words.as_str(), o.first, o.last))
        .collect();
    // "Draft the hiring plan" was closed; "Send the deck" is in the current entry (its
    // owner and due date differ); "Renew the SOC 2 audit" is in the standing list.
    assert_eq!(
        open,
        [
            ("Call the auditors", 0, 0),
            ("clean up the vendor list", 0, 0),
            ("Book the offsite @priya", 1, 1),
        ]
    );
    let deck = &s.entries[2].actions[0];
    assert_eq!(s.first_written(deck), Some(1));
}

#[test]
fn earlier_asks_and_the_previous_outcome() {
    let s = series(NEWEST_FIRST);
    let current = s.current().unwrap();
    let ask = &current.asks[0];
    let earlier = s.earlier_asks(&ask.words);
    assert_eq!(earlier.len(), 1);
    assert_eq!(earlier[0].0, 1);
    let (i, prev) = s.previous_outcome().unwrap();
    assert_eq!(i, 1);
    assert!(words::same_subject(
        &prev.outcomes[0].words,
        &current.outcomes[0].words
    ));
    assert_eq!(s.name(1), "2026-11-16");
}

#[test]
fn oldest_first_with_bold_dates_and_a_next_marker() {
    let text = "**Oct 6**\n- [ ] Call legal\n\n**Oct 20**\nQuick one.\n\n**Next 1:1**\nPlan.\n";
    let s = series(text);
    let titles: Vec<&str> = s.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Oct 6", "Oct 20", "Next 1:1"]);
    assert_eq!(s.current, Some(2));
    assert!(s.entries[2].next);
    assert_eq!(s.open_items().len(), 1);
    assert_eq!(s.name(2), "Next 1:1");
}

#[test]
fn same_date_twice_the_later_in_the_file_is_newer() {
    let text = "## 2026-11-16\n- [ ] A thing to do\n## 2026-11-16\nB.\n";
    let s = series(text);
    assert_eq!(s.current, Some(1));
    assert_eq!(s.entries[0].actions.len(), 1);
    assert_eq!(s.open_items().len(), 1);
}

#[test]
fn no_entries_no_series() {
    let config = Config::default();
    let text = "# 1:1\n\n## Outcome\nA goal.\n- [ ] Something\n";
    assert!(Series::of(text, &Entries::find(text, None), &config).is_none());
}

#[test]
fn a_folder_is_a_series_by_file_name_or_front_matter() {
    let files: Vec<(String, String)> = [
        ("notes/2026-11-16.1on1.md", "## Outcome\nClose the books in four days.\n- [ ] Send the deck\n"),
        ("notes/kickoff.1on1.md", "---\ntitle: Kickoff\ndate: \"2026-11-02\"\n---\nMy recommendation is to hire two contractors.\n"),
        ("notes/dana_2026-11-09.1on1.md", "- [x] Send the deck\n"),
        ("notes/undated.1on1.md", "Nothing here.\n"),
        ("notes/Nov 23.1on1.md", "Latest.\n"),
    ]
    .iter()
    .map(|(n, t)| (n.to_string(), t.to_string()))
    .collect();
    let config = Config {
        today: Date::new(2026, 12, 1),
        ..Config::default()
    };
    let s = Series::of_folder(&files, &config);
    let order: Vec<&str> = s
        .entries
        .iter()
        .map(|e| e.file.as_deref().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "notes/kickoff.1on1.md",
            "notes/dana_2026-11-09.1on1.md",
            "notes/2026-11-16.1on1.md",
            "notes/Nov 23.1on1.md"
        ]
    );
    assert_eq!(s.current, Some(3));
    assert_eq!(s.entries[0].asks.len(), 1);
    // Each file's ranges are its own.
    let (_, text) = &files[0];
    let item = &s.entries[2].actions[0];
    assert_eq!(&text[item.text.clone()], "Send the deck");
    // Opened after it was done: still open, not in the current file.
    assert_eq!(s.open_items().len(), 1);
    assert_eq!(s.action_counts(), [(0, 0), (1, 1), (0, 0), (0, 0)]);
}

#[test]
fn file_dates() {
    let r = day(2026, 12, 1);
    assert_eq!(
        file_date("2026-12-08.1on1.md", "", r),
        Some(day(2026, 12, 8))
    );
    assert_eq!(
        file_date("a/b/dana-2026-12-08.1on1.md", "", r),
        Some(day(2026, 12, 8))
    );
    assert_eq!(file_date("Dec 8.1on1.md", "", r), Some(day(2026, 12, 8)));
    assert_eq!(file_date("2026-13-08.1on1.md", "", r), None);
    assert_eq!(file_date("12026-12-08.1on1.md", "", r), None);
    assert_eq!(
        file_date("x.1on1.md", "---\ndate: 2026-11-02\n---\n", r),
        Some(day(2026, 11, 2))
    );
    assert_eq!(file_date("x.1on1.md", "date: 2026-11-02\n", r), None);
    assert_eq!(file_date("x.1on1.md", "---\ndate: soon\n---\n", r), None);
}

proptest! {
    /// Any text: the series never panics, its entries are oldest first, and every range
    /// it keeps lies inside the text on character boundaries.
    #[test]
    fn any_running_doc(
        parts in prop::collection::vec(
            prop_oneof![
                Just("## 2026-11-16\n".to_string()),
                Just("**Nov 3**\n".to_string()),
                Just("## Next 1:1\n".to_string()),
                Just("## Feb 30\n".to_string()),
                Just("- [ ] Send the deck by Dec 12 (Dana)\n".to_string()),
                Just("- [x] Send deck\r\n".to_string()),
                Just("TODO: call @legal\n".to_string()),
                Just("My recommendation is to hire two contractors.\n".to_string()),
                Just("### Outcome\nClose the books.\n".to_string()),
                Just("```\n".to_string()),
                "\\PC{0,20}\n",
            ],
            0..24,
        )
    ) {
        let text = parts.concat();
        let config = Config::default();
        let entries = Entries::find(&text, None);
        if let Some(s) = Series::of(&text, &entries, &config) {
            prop_assert_eq!(s.entries.len(), entries.list.len());
            for e in &s.entries {
                for r in e.outcomes.iter().chain(&e.asks).map(|x| x.range.clone())
                    .chain(e.actions.iter().flat_map(|a| [a.line.clone(), a.text.clone()]))
                {
                    prop_assert!(text.get(r.clone()).is_some(), "{:?}", r);
                    prop_assert!(e.body.start <= r.start && r.end <= e.body.end);
                }
            }
            let _ = s.open_items();
            let _ = s.action_counts();
            let _ = render::lines(&s);
        }
    }
}
