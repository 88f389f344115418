//! Action items: what someone agreed to do, written as a checklist item (`- [ ] Send the
//! deck`, `- [x] Book the offsite`) or a tagged line (`TODO: send the deck`, `DONE: booked
//! the offsite`), with an optional owner (`@dana`, `(Dana)` at the end, `Dana:` at the start)
//! and due date (`by Dec 12`, `due 2026-12-12`, `📅 2026-12-12`).
//!
//! Action items are read line by line, outside fenced code and front matter, so finding them
//! costs a line scan. They are never status and never the agenda's ask: a task list is the
//! record of who does what, not a report of work or a request to the VP.

use crate::agenda::classify_heading;
use crate::dates::{self, Date, EntryMark};
use crate::entries::{line_end, Fence};
use crate::patterns::normalise;
use std::ops::Range;

/// One action item. Ranges are byte offsets into the text it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionItem {
    /// The item's line, without its line break.
    pub line: Range<usize>,
    /// The item's words: after the list marker, the checkbox or the tag.
    pub text: Range<usize>,
    /// `- [x]` or `DONE:`.
    pub done: bool,
    pub owner: Option<String>,
    pub due: Option<Date>,
    /// The item's words as written (`text`'s bytes).
    pub words: String,
    /// The content words of the item without its owner and due date: the same item
    /// written again (in another entry, re-dated or reworded a little) has the same key.
    /// An item with no content words ("Do it") is keyed by its normalised words.
    pub key: Vec<String>,
}

impl ActionItem {
    /// Moves the item `by` bytes later (an entry's items into the whole document).
    pub fn shift(&mut self, by: usize) {
        self.line = self.line.start + by..self.line.end + by;
        self.text = self.text.start + by..self.text.end + by;
    }

    /// Whether `other` is the same item: the same key.
    pub fn same_as(&self, other: &ActionItem) -> bool {
        self.key == other.key
    }
}

/// Whether a block of a parsed agenda is an action item: a task-list item, or a block
/// whose first line is a checklist item or starts with a `TODO:`/`DONE:` tag. `text` is
/// the text the agenda was parsed from.
pub fn is_action_block(text: &str, block: &crate::agenda::Block) -> bool {
    matches!(
        block.kind,
        crate::agenda::BlockKind::Item { task: true, .. }
    ) || is_action_line(text, block.range.start)
}

/// Every action item in `text`, in order. `reference` is the date a due date written
/// without a year is read next to (the entry's date, else today).
pub fn find(text: &str, reference: Date) -> Vec<ActionItem> {
    let mut out = Vec::new();
    let mut at = crate::agenda::front_matter(text).map_or(0, |r| r.end);
    let mut fence = Fence::default();
    while at < text.len() {
        let (end, next) = line_end(text, at);
        let line = &text[at..end];
        let start = at;
        at = next;
        let trimmed = line.trim_start_matches([' ', '\t']);
        if fence.is_code(trimmed) {
            continue;
        }
        if let Some(item) = parse_line(line, reference) {
            out.push(ActionItem {
                line: start..end,
                text: item.text.start + start..item.text.end + start,
                ..item
            });
        }
    }
    out
}

/// Whether the line holding `offset` in `text` is an action item (the engine's rules ask
/// this of a sentence to keep action items out of status and asks).
pub fn is_action_line(text: &str, offset: usize) -> bool {
    let offset = offset.min(text.len());
    let start = crate::agenda::line_start(text, offset);
    let end = crate::entries::line_end(text, offset).0;
    let any_day = Date::from_unix_days(0);
    any_day.is_some_and(|d| parse_line(&text[start..end], d).is_some())
}

/// Reads one line as an action item; ranges relative to the line.
pub fn parse_line(line: &str, reference: Date) -> Option<ActionItem> {
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = &line[indent..];
    let after_marker = crate::agenda::list_marker(rest).map(|n| indent + n);
    let (done, words_start) = match after_marker.and_then(|m| checkbox(&line[m..]).map(|c| (m, c)))
    {
        Some((m, (done, n))) => (done, m + n),
        None => {
            let from = after_marker.unwrap_or(indent);
            let (done, n) = tag(&line[from..])?;
            (done, from + n)
        }
    };
    let words = &line[words_start..];
    let lead = words.len() - words.trim_start().len();
    let trimmed = words.trim();
    let text = words_start + lead..words_start + lead + trimmed.len();
    let words = trimmed;
    if words.is_empty() {
        return None;
    }
    let mut cut: Vec<Range<usize>> = Vec::new();
    let due = due(words, reference, &mut cut);
    // An owner in brackets may come last or just before the due date.
    let end = match cut.first() {
        Some(r) if words[r.end..].trim_end_matches(['.', ' ']).is_empty() => r.start,
        _ => words.len(),
    };
    let owner = owner(words, end, &mut cut);
    let mut kept = String::with_capacity(words.len());
    let mut from = 0;
    cut.sort_by_key(|r| r.start);
    for r in &cut {
        if r.start >= from {
            kept.push_str(&words[from..r.start]);
            kept.push(' ');
            from = r.end;
        }
    }
    kept.push_str(&words[from.min(words.len())..]);
    let norm = normalise(&kept);
    let mut key = super::words::content_words(&norm);
    if key.is_empty() {
        key.push(norm);
    }
    Some(ActionItem {
        line: 0..line.len(),
        text,
        done,
        owner,
        due,
        words: words.to_string(),
        key,
    })
}

/// `[ ]`, `[x]`, `[X]` and the space after it: (done, length).
fn checkbox(s: &str) -> Option<(bool, usize)> {
    let done = match s.get(..3)? {
        "[ ]" => false,
        "[x]" | "[X]" => true,
        _ => return None,
    };
    let rest = &s[3..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    (spaces > 0 || rest.is_empty()).then_some((done, 3 + spaces))
}

/// `TODO:`, `To do:`, `To-do:`, `DONE:` (any case, bold or not) at the start: (done, length).
fn tag(s: &str) -> Option<(bool, usize)> {
    let (inner, bold) = match s.strip_prefix("**") {
        Some(inner) => (inner, 2),
        None => (s, 0),
    };
    let colon = inner.find(':')?;
    let name = &inner[..colon];
    let is = |tag: &str| name.eq_ignore_ascii_case(tag);
    let done = if is("todo") || is("to do") || is("to-do") {
        false
    } else if is("done") {
        true
    } else {
        return None;
    };
    let mut n = bold + colon + 1;
    if bold > 0 {
        n += usize::from(s[n..].starts_with("**")) * 2;
    }
    Some((done, n))
}

/// The owner: `@name` anywhere, else `(Name)` at the end (before `end`), else `Name:` at
/// the start.
/// Pushes the owner's bytes onto `cut`.
fn owner(words: &str, end: usize, cut: &mut Vec<Range<usize>>) -> Option<String> {
    for (i, _) in words.match_indices('@') {
        let before = words[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric()) {
            continue; // an email address
        }
        let name_len = words[i + 1..]
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '_' | '-')))
            .unwrap_or(words.len() - i - 1);
        let name = words[i + 1..i + 1 + name_len].trim_end_matches(['.', '-']);
        if name.chars().next().is_some_and(char::is_alphabetic) {
            cut.push(i..i + 1 + name.len());
            return Some(name.to_string());
        }
    }
    let trimmed = words[..end].trim_end_matches(['.', ' ', ',']);
    if let Some(inner) = trimmed
        .strip_suffix(')')
        .and_then(|s| s.rfind('(').map(|i| (i, &s[i + 1..])))
    {
        let (open, name) = inner;
        if is_name(name) {
            cut.push(open..trimmed.len());
            return Some(name.trim().to_string());
        }
    }
    if let Some(colon) = words.find(':') {
        let name = &words[..colon];
        if is_name(name) && classify_heading(name).is_none() && !is_label(name) {
            cut.push(0..colon + 1);
            return Some(name.trim().to_string());
        }
    }
    None
}

/// One to three capitalised words of letters (`Dana`, `Priya K.`, `Jean-Luc`).
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
        })
        && !words.iter().any(|w| is_month_or_weekday(w))
}

/// Words that label a line without naming a person ("Next:", "Note:", "Due:").
fn is_label(s: &str) -> bool {
    const LABELS: &[&str] = &[
        "note",
        "notes",
        "next",
        "next steps",
        "action",
        "actions",
        "action item",
        "owner",
        "due",
        "deadline",
        "update",
        "updates",
        "status",
        "risk",
        "blocker",
        "fyi",
        "why",
        "context",
        "decision",
        "question",
        "follow-up",
        "follow up",
        "idea",
        "topic",
        "discuss",
    ];
    LABELS.iter().any(|l| l.eq_ignore_ascii_case(s.trim()))
}

fn is_month_or_weekday(w: &str) -> bool {
    let any_day = Date::from_unix_days(0);
    // "Dec 12" is a date; "Dec" alone reads as a month when a day follows it.
    any_day.is_some_and(|d| dates::entry_mark(&format!("{w} 1"), d).is_some())
}

/// The due date after `📅`, `by`, `due`, `due:`, `due by` or `deadline:`. Pushes the
/// phrase's bytes onto `cut`.
fn due(words: &str, reference: Date, cut: &mut Vec<Range<usize>>) -> Option<Date> {
    let lower = words.to_ascii_lowercase();
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for key in ["📅", "by ", "due ", "due: ", "deadline: ", "deadline "] {
        for (i, _) in lower.match_indices(key) {
            let boundary = key == "📅"
                || lower[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
            if boundary {
                starts.push((i, i + key.len()));
            }
        }
    }
    starts.sort_unstable();
    for (phrase, after) in starts {
        let rest = &words[after..];
        let spans = word_spans(rest);
        for n in (1..=spans.len().min(4)).rev() {
            let end = spans[n - 1].end;
            let candidate = &rest[..end];
            for c in [candidate, candidate.trim_end_matches('.')] {
                if let Some(EntryMark::Dated { date, .. }) = dates::entry_mark(c, reference) {
                    cut.push(phrase..after + end);
                    return Some(date);
                }
            }
        }
    }
    None
}

/// The byte ranges of the whitespace-separated words of `s`.
fn word_spans(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push(st..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push(st..s.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    fn item(line: &str) -> Option<ActionItem> {
        parse_line(line, day(2026, 12, 1))
    }

    #[test]
    fn checklists_and_tags() {
        let cases = [
            (
                "- [ ] Send the deck to finance",
                false,
                "Send the deck to finance",
            ),
            ("* [x] Book the offsite", true, "Book the offsite"),
            ("  + [X] nested and done", true, "nested and done"),
            ("3. [ ] Numbered", false, "Numbered"),
            ("TODO: send the deck", false, "send the deck"),
            ("- To-do: draft the plan", false, "draft the plan"),
            ("- DONE: booked the room", true, "booked the room"),
            ("**TODO:** call legal", false, "call legal"),
            // Google Docs exports escape the marker.
            ("\\- [ ] Send the deck", false, "Send the deck"),
            ("2\\. [x] Booked the room", true, "Booked the room"),
        ];
        for (line, done, words) in cases {
            let it = item(line).unwrap_or_else(|| panic!("{line:?} is not an item"));
            assert_eq!(it.done, done, "{line:?}");
            assert_eq!(&line[it.text.clone()], words, "{line:?}");
        }
        for line in [
            "- Send the deck",
            "[ ] no list marker",
            "- [ ]",
            "- [ ]   ",
            "TODO: ",
            "- [y] other box",
            "-[ ] no space",
            "Todos: later",
            "DONE",
            "Shipped: the deck",
            "\\[ ] escaped box, no marker",
        ] {
            assert_eq!(item(line), None, "{line:?}");
        }
    }

    #[test]
    fn owners() {
        let cases = [
            ("- [ ] @dana send the deck", Some("dana")),
            ("- [ ] Send the deck (Dana)", Some("Dana")),
            ("- [ ] Send the deck (Priya K.).", Some("Priya K.")),
            ("- [ ] Dana: send the deck", Some("Dana")),
            ("- [ ] Mail ops@example.com the list", None),
            ("- [ ] Ask: approve the budget", None),
            ("- [ ] Note: check the numbers", None),
            ("- [ ] Send the deck (draft)", None),
            ("- [ ] Send the deck (Dec 12)", None),
        ];
        for (line, owner) in cases {
            assert_eq!(item(line).unwrap().owner.as_deref(), owner, "{line:?}");
        }
    }

    #[test]
    fn due_dates() {
        let cases = [
            ("- [ ] Send the deck by Dec 12", Some(day(2026, 12, 12))),
            ("- [ ] Send the deck by Dec 12.", Some(day(2026, 12, 12))),
            ("- [ ] Send the deck due 2027-01-08", Some(day(2027, 1, 8))),
            ("- [ ] Send the deck due: Jan 4", Some(day(2027, 1, 4))),
            ("- [ ] Send the deck 📅 2026-12-12", Some(day(2026, 12, 12))),
            (
                "- [ ] Send the deck by Fri, Dec 11 to Dana",
                Some(day(2026, 12, 11)),
            ),
            ("- [ ] Send the deck by Friday", None),
            ("- [ ] Cut costs by 20%", None),
            ("- [ ] Stand by the team", None),
        ];
        for (line, due) in cases {
            assert_eq!(item(line).unwrap().due, due, "{line:?}");
        }
    }

    #[test]
    fn the_same_item_rewritten_has_the_same_key() {
        let a = item("- [ ] Send the deck to finance (Dana) by Dec 12").unwrap();
        let b = item("- [x] @dana send deck to finance due 2026-12-19").unwrap();
        let c = item("- [ ] Send the pricing memo to finance").unwrap();
        assert_eq!(a.key, b.key);
        assert_ne!(a.key, c.key);
    }

    #[test]
    fn found_outside_code_and_front_matter() {
        let text = "---\ntodo: x\n---\n- [ ] One\n```\n- [ ] In code\n```\r\nTODO: two\r\n";
        let found = find(text, day(2026, 12, 1));
        let words: Vec<&str> = found.iter().map(|i| i.words.as_str()).collect();
        assert_eq!(words, ["One", "two"]);
        assert_eq!(&text[found[1].line.clone()], "TODO: two");
        assert!(is_action_line(text, text.find("two").unwrap()));
        assert!(!is_action_line(text, 0));
    }

    proptest! {
        /// Never panics, and every range lies on character boundaries inside the text.
        #[test]
        fn any_text(text in "(\\PC|\n|\r|[-*+\\[\\]xX@():📅 ]|by |due |TODO:|Dec 1|2026-12-1){0,60}") {
            for item in find(&text, day(2026, 12, 1)) {
                prop_assert!(text.get(item.line.clone()).is_some());
                prop_assert!(text.get(item.text.clone()).is_some());
                prop_assert!(item.line.start <= item.text.start && item.text.end <= item.line.end);
            }
            let _ = is_action_line(&text, text.len());
        }
    }
}
