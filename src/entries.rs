//! Entries of a running doc: one file per relationship, one dated entry per meeting.
//!
//! Most people keep their 1:1 prep as one running document: a few standing sections on
//! top ("Parking lot", "Action items"), then one entry per meeting, headed by its date
//! (`## 2026-11-17`, `### Wed 3 June`, `**Nov 3**`) or marked as the next one (`## Next
//! 1:1`). [`Entries::find`] reads those headings; the **current entry** is the one marked
//! next, else the one with the latest date (the later in the file on a tie), wherever it
//! sits. The coach reads only the current entry: every other entry is history, and the
//! standing sections before the first entry are neither.
//!
//! Headings are found line by line (ATX headings and lines that are nothing but bold
//! text), outside fenced code and front matter, so the whole file is read at the cost
//! of a line scan even when it is far over the analysis budget. Dates are read by
//! [`crate::dates::entry_mark`]. Every heading level may hold dates; the entries are the
//! dated headings of the level that has the most of them (the higher level on a tie), so
//! that a part titled `### Launch — May 4` inside a `##` entry is not an entry itself.
//! A file with no entry is one agenda, read whole.

use crate::agenda::front_matter;
use crate::dates::{self, Date, DateStyle, EntryMark};
use crate::diagnostic::Edit;
use std::ops::Range;

/// Level given to a bold line (`**Nov 3**`): below every heading.
const BOLD_LEVEL: u8 = 7;
/// Level given to a plain line that is nothing but a date (`dec 2`, `next (dec 9)`) after
/// a blank line and with the entry's text right under it, as people write entries in a
/// plain-text note: below bold lines, and entries only in a file where no heading or bold
/// line holds a date and two such lines do.
const PLAIN_LEVEL: u8 = 8;
/// The longest plain line read as a possible entry.
const PLAIN_LIMIT: usize = 40;

/// One meeting's entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The heading line, without its line break.
    pub heading: Range<usize>,
    /// The heading's words (without `#` or `**`).
    pub title: String,
    /// 1–6 for a heading, 7 for a bold line.
    pub level: u8,
    /// From the end of the heading line to the next entry or the end of the section
    /// holding the entries.
    pub body: Range<usize>,
    /// The meeting's date (the year inferred when the heading has none); `None` for a
    /// next/upcoming marker without a date.
    pub date: Option<Date>,
    /// Marked as the next meeting (`## Next 1:1`, `## Upcoming (Jan 12)`).
    pub next: bool,
    /// How the date was written, to write the next one the same way.
    pub style: Option<DateStyle>,
}

/// The entries of a document, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entries {
    pub list: Vec<Entry>,
    /// Index of the current entry in `list`.
    pub current: Option<usize>,
}

impl Entries {
    /// Reads the entries of `text`. `today` sets the year of dates written without one
    /// when no entry before them has a year (the engine reads no clock: the front ends
    /// pass it).
    pub fn find(text: &str, today: Option<Date>) -> Entries {
        let candidates = headings(text);
        // A year-less date is read next to the dated entries around it: the first date
        // written with a year, else today, else a fixed reference.
        let fallback = Date::new(2026, 1, 1).expect("a valid date");
        let first_with_year = candidates
            .iter()
            .filter(|h| may_be_entry(&h.title))
            .find_map(
                |h| match dates::entry_mark(&h.title, today.unwrap_or(fallback))? {
                    EntryMark::Dated {
                        date,
                        year_given: true,
                        ..
                    } => Some(date),
                    _ => None,
                },
            );
        let mut reference = first_with_year.or(today).unwrap_or(fallback);
        let mut marked: Vec<(Heading, Option<EntryMark>)> = Vec::new();
        for h in candidates {
            let mark = may_be_entry(&h.title)
                .then(|| dates::entry_mark(&h.title, reference))
                .flatten();
            if let Some(EntryMark::Dated { date, .. }) = &mark {
                reference = *date;
            }
            marked.push((h, mark));
        }
        let level = entry_level(&marked);
        let Some(level) = level else {
            return Entries::default();
        };
        // Among dated entries, `## Today` or `## This week` is the one being prepared: at
        // the entries' level, or above dated headings with its own text under it and no
        // dated entry on both sides of it (`## Today` after the `### Mon 30 Nov` entries,
        // not a `## This week` inside an old entry; under a bold date, a heading is the
        // entry's own).
        let dated: Vec<usize> = marked
            .iter()
            .filter(|(h, m)| h.level == level && m.is_some())
            .map(|(h, _)| h.line.start)
            .collect();
        let outside = |at: usize| dated.iter().all(|&d| d < at) || dated.iter().all(|&d| d > at);
        for (h, mark) in &mut marked {
            let placed = h.level == level
                || (h.level < level
                    && level < BOLD_LEVEL
                    && text_follows(text, h.line.end)
                    && outside(h.line.start));
            if placed && dates::is_relative_day(&h.title) {
                // `## Today (07.12.2026)` is the entry being prepared, with its date.
                if let Some(EntryMark::Dated { date, style, .. }) = mark {
                    *mark = Some(EntryMark::Next {
                        date: Some(*date),
                        style: Some(*style),
                    });
                } else if mark.is_none() {
                    *mark = Some(EntryMark::Next {
                        date: None,
                        style: None,
                    });
                }
            }
        }
        // A next marker above the entries with nothing under it but a dated entry ("## Next"
        // then "**Dec 8, 2026**") marks that entry.
        for i in 0..marked.len().saturating_sub(1) {
            let (h, mark) = &marked[i];
            let (d, dated) = &marked[i + 1];
            let bare_marker =
                h.level < level && matches!(mark, Some(EntryMark::Next { date: None, .. }));
            if bare_marker && d.level == level && text[h.line.end..d.line.start].trim().is_empty() {
                if let Some(EntryMark::Dated { date, style, .. }) = *dated {
                    marked[i + 1].1 = Some(EntryMark::Next {
                        date: Some(date),
                        style: Some(style),
                    });
                    marked[i].1 = None;
                }
            }
        }
        let first = marked
            .iter()
            .position(|(h, mark)| h.level == level && mark.is_some())
            .unwrap_or(0);
        let container = container_level(&marked, first);
        let mut list = Vec::new();
        for (i, (h, mark)) in marked.iter().enumerate() {
            // An entry is a dated or next heading at the entries' level, or a next marker
            // above it ("## Next 1:1" over "### Nov 3" entries under "## Past").
            let Some(mark) = mark.as_ref().filter(|m| {
                h.level == level || (h.level < level && matches!(m, EntryMark::Next { .. }))
            }) else {
                continue;
            };
            let own = h.level;
            let end = marked[i + 1..]
                .iter()
                .find(|(next, next_mark)| {
                    let entry = next.level == level && next_mark.is_some();
                    if own >= BOLD_LEVEL {
                        // Bold lines inside an entry are its labels ("**Outcome:**").
                        entry || (next.level < own && next.level <= container)
                    } else {
                        // A heading at the entry's own level that names one of the three
                        // parts ("## 🎯 Outcome" under "## 2026-12-08") is the entry's part.
                        let part =
                            next.level == own && next_mark.is_none() && names_a_part(&next.title);
                        (next.level <= own && !part) || entry
                    }
                })
                .map_or(text.len(), |(next, _)| next.line.start);
            let (date, next, style) = match mark {
                EntryMark::Dated { date, style, .. } => (Some(*date), false, Some(*style)),
                EntryMark::Next { date, style } => (*date, true, *style),
            };
            let body_start = line_after(text, h.line.end).min(end);
            list.push(Entry {
                heading: h.line.clone(),
                title: h.title.clone(),
                level: own,
                body: body_start..end,
                date,
                next,
                style,
            });
        }
        let current = list.iter().position(|e| e.next).or_else(|| {
            // The latest date; on a tie, the later in the file.
            (0..list.len())
                .filter(|&i| list[i].date.is_some())
                .max_by_key(|&i| (list[i].date, i))
        });
        Entries { list, current }
    }

    pub fn current(&self) -> Option<&Entry> {
        self.current.map(|i| &self.list[i])
    }

    /// The newest entry comes first in the file (the usual order). A file with fewer
    /// than two dated entries is read as newest first.
    pub fn newest_first(&self) -> bool {
        let dated: Vec<Date> = self.list.iter().filter_map(|e| e.date).collect();
        match (dated.first(), dated.last()) {
            (Some(first), Some(last)) if dated.len() >= 2 => first >= last,
            _ => true,
        }
    }

    /// The entries other than the current one, with their dates: the history.
    pub fn history(&self) -> impl Iterator<Item = &Entry> {
        self.list
            .iter()
            .enumerate()
            .filter(move |(i, _)| Some(*i) != self.current)
            .map(|(_, e)| e)
    }
}

/// The edit that starts the next entry: a heading with `today`'s date written as the
/// newest entry writes its date, at the same level, and the three parts under it. It
/// goes before the first entry in a newest-first file and after the last one otherwise,
/// and only inserts. `None` when the file has no dated entry, or already has an entry
/// marked next or dated `today` or later.
pub fn next_entry(text: &str, entries: &Entries, today: Date) -> Option<Edit> {
    let newest = entries
        .list
        .iter()
        .enumerate()
        .filter(|(_, e)| e.date.is_some())
        .max_by_key(|(i, e)| (e.date, *i))?
        .1;
    if entries
        .list
        .iter()
        .any(|e| e.next || e.date.is_some_and(|d| d >= today))
    {
        return None;
    }
    let style = newest.style.as_ref()?;
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let date = dates::format(today, style);
    let (heading, part) = if newest.level == PLAIN_LEVEL {
        (date, None)
    } else if newest.level == BOLD_LEVEL {
        (format!("**{date}**"), None)
    } else {
        let hashes = "#".repeat(usize::from(newest.level));
        (
            format!("{hashes} {date}"),
            Some("#".repeat(usize::from(newest.level) + 1)),
        )
    };
    let parts = crate::guide::entry_parts(part.as_deref());
    let block = [heading.as_str(), "", parts.trim_end()]
        .join("\n")
        .replace('\n', nl);
    let newest_first = entries.newest_first();
    let edit = if newest_first {
        let first = entries.list.first()?;
        Edit::insert(first.heading.start, [block.as_str(), nl, nl].concat())
    } else {
        let last = entries.list.last()?;
        let at = last.body.end;
        let before = &text[..at];
        let lead = if before.is_empty() || before.ends_with("\n\n") || before.ends_with("\n\r\n") {
            String::new()
        } else if before.ends_with('\n') {
            nl.to_string()
        } else {
            [nl, nl].concat()
        };
        Edit::insert(at, [lead.as_str(), block.as_str(), nl].concat())
    };
    Some(edit)
}

/// A heading line or a bold line.
#[derive(Debug, Clone)]
struct Heading {
    line: Range<usize>,
    title: String,
    level: u8,
}

/// Whether a heading's words can be a date or a next marker at all: every date has a
/// digit (other than those of "1:1"), every marker one of a few words. Most headings of a
/// long document ("## The outcome", "# 1:1 with Sam") are sent away here without being
/// read as a date.
fn may_be_entry(title: &str) -> bool {
    let lower = title.to_ascii_lowercase();
    let digits = lower
        .replace("1:1", "")
        .replace("1-on-1", "")
        .replace("1on1", "");
    digits.bytes().any(|b| b.is_ascii_digit())
        || lower.contains("next")
        || lower.contains("upcoming")
        || lower.contains("agenda")
}

/// A heading's words name the outcome, the insight or the leadership move.
fn names_a_part(title: &str) -> bool {
    use crate::agenda::PartKind;
    matches!(
        crate::patterns::classify_heading(title),
        Some(PartKind::Outcome | PartKind::Insight | PartKind::Move)
    )
}

/// The level whose headings hold the most dates (the higher level on a tie). A next
/// marker alone makes no entries: "## Next week" in an ordinary agenda is a section.
fn entry_level(marked: &[(Heading, Option<EntryMark>)]) -> Option<u8> {
    let mut counts = [0usize; PLAIN_LEVEL as usize + 1];
    for (h, mark) in marked {
        // A next marker with its date ("December 8, 2026 — next") is a dated line too.
        if let Some(EntryMark::Dated { .. } | EntryMark::Next { date: Some(_), .. }) = mark {
            counts[usize::from(h.level)] += 1;
        }
    }
    (1..=BOLD_LEVEL)
        .filter(|&l| counts[usize::from(l)] > 0)
        .max_by_key(|&l| (counts[usize::from(l)], std::cmp::Reverse(l)))
        .or((counts[usize::from(PLAIN_LEVEL)] >= 2).then_some(PLAIN_LEVEL))
}

/// The level of the heading that holds the first entry, `i` (0 when none does): a heading
/// at that level or above ends the entries.
fn container_level(marked: &[(Heading, Option<EntryMark>)], i: usize) -> u8 {
    let level = marked[i].0.level;
    marked[..i]
        .iter()
        .rev()
        .map(|(h, _)| h.level)
        .find(|&l| l < level)
        .unwrap_or(0)
}

/// Every ATX heading and bold-only line outside fenced code and front matter, and the
/// short plain lines after a blank line that may be a date (see [`PLAIN_LEVEL`]).
fn headings(text: &str) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut at = front_matter(text).map_or(0, |r| r.end);
    let mut fence = Fence::default();
    let mut after_blank = true;
    while at < text.len() {
        let (end, next) = line_end(text, at);
        let line = &text[at..end];
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let range = at..end;
        at = next;
        let starts_block = std::mem::replace(&mut after_blank, trimmed.trim().is_empty());
        if indent > 3 {
            continue;
        }
        if fence.is_code(trimmed) {
            continue;
        }
        let heading = atx(trimmed)
            .map(|(level, title)| (level, title.to_string()))
            .or_else(|| bold_line(trimmed));
        if let Some((level, title)) = heading {
            out.push(Heading {
                line: range,
                title,
                level,
            });
        } else if starts_block && is_plain_title(trimmed) && has_body(text, next) {
            out.push(Heading {
                line: range,
                title: trimmed.trim().trim_end_matches(':').to_string(),
                level: PLAIN_LEVEL,
            });
        }
    }
    out
}

/// The first line with something on it from `at` on, trimmed.
fn next_filled_line(text: &str, mut at: usize) -> Option<&str> {
    while at < text.len() {
        let (end, next) = line_end(text, at);
        let line = text[at..end].trim();
        if !line.is_empty() {
            return Some(line);
        }
        at = next;
    }
    None
}

/// Whether text, not another heading, follows `at`.
fn text_follows(text: &str, at: usize) -> bool {
    next_filled_line(text, at).is_some_and(|l| !l.starts_with('#') && !l.starts_with("**"))
}

/// Whether the text under a plain date line starts at `at`, right under it or after
/// blank lines: a line that is not another plain date (a list of milestone dates has
/// none). A short line with a number in it ("Where we are on the Q4 number:") is text.
fn has_body(text: &str, at: usize) -> bool {
    let reference = Date::new(2026, 1, 1).expect("a valid date");
    next_filled_line(text, at)
        .is_some_and(|l| !(is_plain_title(l) && dates::entry_mark(l, reference).is_some()))
}

/// A short line of words that is no list item, quote, table row or label with text after
/// it: what may be a plain date line.
fn is_plain_title(line: &str) -> bool {
    let line = line.trim();
    let after_digits = line.trim_start_matches(|c: char| c.is_ascii_digit());
    let numbered = after_digits.starts_with(". ") || after_digits.starts_with(") ");
    !line.is_empty()
        && line.len() <= PLAIN_LIMIT
        && !line.starts_with(['-', '*', '+', '>', '|', '#', '['])
        && !numbered
        && !line.trim_end_matches(':').contains(": ")
        && may_be_entry(line)
}

/// Fenced code met line by line: which lines open, close or sit inside it.
#[derive(Default)]
pub(crate) struct Fence(Option<(u8, usize)>);

impl Fence {
    /// Whether `line` (its indentation trimmed) is a fence line or inside fenced code.
    pub(crate) fn is_code(&mut self, line: &str) -> bool {
        if let Some(marker) = fence_marker(line) {
            match self.0 {
                None => self.0 = Some(marker),
                Some((c, n)) if marker.0 == c && marker.1 >= n && is_closing(line) => self.0 = None,
                Some(_) => {}
            }
            return true;
        }
        self.0.is_some()
    }
}

/// The fence character and length of a line that opens or closes fenced code.
fn fence_marker(line: &str) -> Option<(u8, usize)> {
    let c = *line.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = line.bytes().take_while(|&b| b == c).count();
    (n >= 3 && !(c == b'`' && line[n..].contains('`'))).then_some((c, n))
}

fn is_closing(line: &str) -> bool {
    line.trim_start_matches(['`', '~']).trim().is_empty()
}

/// `## Title ##` → (2, "Title").
fn atx(line: &str) -> Option<(u8, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let title = rest.trim().trim_end_matches('#').trim_end();
    Some((level as u8, title))
}

/// `**Nov 3**`, `**Nov 3:**`, `__Nov 3__` → (7, "Nov 3"); a next marker may follow the
/// bold date: `**Dec 10** — next`, `**Dec 10** (next 1:1)` → (7, "Dec 10 — next").
fn bold_line(line: &str) -> Option<(u8, String)> {
    let line = line.trim_end();
    for marker in ["**", "__"] {
        let Some(inner) = line.strip_prefix(marker) else {
            continue;
        };
        let (inner, tail) = inner.split_once(marker)?;
        let inner = inner.trim().trim_end_matches(':');
        let tail = tail.trim_start_matches(':').trim();
        if inner.is_empty() {
            return None;
        }
        if tail.is_empty() {
            return Some((BOLD_LEVEL, inner.to_string()));
        }
        let title = format!("{inner} {tail}");
        return dates::is_next_marker(&title).then_some((BOLD_LEVEL, title));
    }
    None
}

/// Where the line starting at `at` ends (before its line break: LF, CRLF or a lone CR)
/// and where the next line starts.
pub(crate) fn line_end(text: &str, at: usize) -> (usize, usize) {
    match text[at..].find(['\n', '\r']) {
        None => (text.len(), text.len()),
        Some(i) if text[at + i..].starts_with("\r\n") => (at + i, at + i + 2),
        Some(i) => (at + i, at + i + 1),
    }
}

/// The start of the line after the one ending at `end`.
fn line_after(text: &str, end: usize) -> usize {
    line_end(text, end).1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Entries {
        Entries::find(text, Date::new(2026, 12, 6))
    }

    fn titles(e: &Entries) -> Vec<&str> {
        e.list.iter().map(|e| e.title.as_str()).collect()
    }

    #[test]
    fn newest_first_with_a_standing_section() {
        let text = "# Log\n\n## Parking lot\n- offsite\n\n## 2026-11-16\nBusy one.\n\n## 2026-11-09\n### Outcome\nA goal.\n";
        let e = find(text);
        assert_eq!(titles(&e), ["2026-11-16", "2026-11-09"]);
        let current = e.current().unwrap();
        assert_eq!(&text[current.body.clone()], "Busy one.\n\n");
        assert!(e.newest_first());
        assert_eq!(&text[e.list[1].body.clone()], "### Outcome\nA goal.\n");
    }

    /// Two plain date lines make a plain note's entries even when one of them is the next
    /// meeting's, marked beside its date.
    #[test]
    fn a_dated_next_line_counts_as_a_date_line() {
        let text = "Comms — running notes\n\nDecember 1, 2026\n\nSorry, running late.\n\nDecember 8, 2026 — next\n\nThe real point.\n";
        let e = find(text);
        assert_eq!(titles(&e), ["December 1, 2026", "December 8, 2026 — next"]);
        assert_eq!(
            &text[e.current().unwrap().body.clone()],
            "\nThe real point.\n"
        );
    }

    /// A plain-text note: entries headed by lines that are nothing but a date (or a next
    /// marker) after a blank line. One such line alone is no running doc.
    #[test]
    fn plain_date_lines_head_entries_in_a_plain_note() {
        let text = "notes - me + sam\n\nnext (dec 9)\n- the real point\n\ndec 2\n- thoughts?\n\nnov 25\n- first one\n";
        let e = find(text);
        assert_eq!(titles(&e), ["next (dec 9)", "dec 2", "nov 25"]);
        // The text may start after a blank line.
        let spaced = "# Log\n\nMon 17 Nov\n- older\n\nMon 24 Nov\n- old\n\nMon 8 Dec (upcoming)\n\nThe real point.\n";
        let s = find(spaced);
        assert_eq!(
            titles(&s),
            ["Mon 17 Nov", "Mon 24 Nov", "Mon 8 Dec (upcoming)"]
        );
        assert_eq!(
            &spaced[s.current().unwrap().body.clone()],
            "\nThe real point.\n"
        );
        assert_eq!(
            &text[e.current().unwrap().body.clone()],
            "- the real point\n\n"
        );
        // A short line with a number in it under a date line is the entry's text.
        let numbered = "December 10, 2026 (next)\n\nWhere we stand on the Q4 number:\n- a\n\nDecember 3, 2026\n\nOld text.\n\nNovember 19, 2026\n\nOlder.\n";
        assert_eq!(
            titles(&find(numbered)),
            [
                "December 10, 2026 (next)",
                "December 3, 2026",
                "November 19, 2026"
            ]
        );
        let next = next_entry(
            "dec 2\n- a\n\nnov 25\n- b\n",
            &find("dec 2\n- a\n\nnov 25\n- b\n"),
            Date::new(2026, 12, 9).unwrap(),
        )
        .unwrap();
        assert!(
            next.replacement.to_lowercase().starts_with("dec 9\n"),
            "{:?}",
            next.replacement
        );
        // One date line under a title, numbered items, labels with text, dates with no
        // text under them, a date line inside a paragraph: no entries.
        for text in [
            "Weekly sync\n\nDec 9\n- a point\n",
            "1. Dec 9\n- a\n\n2. Dec 2\n- b\n",
            "Owner: Sam\n\nDue: Dec 9\n- a\n\nDone: Dec 2\n- b\n",
            "Milestones\n\nDec 9\n\nJan 14\n\nFeb 2\n",
            "# Sync\n\nDec 9\nSome text\nDec 2\nMore text\n",
        ] {
            assert!(find(text).list.is_empty(), "{text:?}");
        }
    }

    /// "## Next" right above a dated entry marks that entry, even when a later date follows.
    #[test]
    fn a_next_heading_over_a_dated_entry_marks_it() {
        let text = "# Notes\n\n**Nov 10, 2026**\n- old\n\n## Next\n\n**Dec 8, 2026**\n\nThe point.\n\n**Dec 15, 2026**\n- placeholder\n";
        let e = find(text);
        assert_eq!(titles(&e), ["Nov 10, 2026", "Dec 8, 2026", "Dec 15, 2026"]);
        let current = e.current().unwrap();
        assert_eq!(current.title, "Dec 8, 2026");
        assert_eq!(&text[current.body.clone()], "\nThe point.\n\n");
        // A "## Next" with text of its own is the entry.
        let own = "**Nov 10, 2026**\n- old\n\n## Next\nThe point.\n\n**Nov 3, 2026**\n- older\n";
        assert_eq!(find(own).current().unwrap().title, "Next");
    }

    /// Parts written as headings at the entry's own level belong to the entry; a standing
    /// section at that level still ends it.
    #[test]
    fn part_headings_at_the_entry_level_are_its_parts() {
        let text = "## 2026-12-08\nHi.\n\n## 🎯 Goal\nA goal.\n\n## Ask\nB.\n\n## Parking lot\n- x\n\n## 2026-12-01\nOld.\n";
        let e = find(text);
        assert_eq!(titles(&e), ["2026-12-08", "2026-12-01"]);
        let body = &text[e.current().unwrap().body.clone()];
        assert_eq!(body, "Hi.\n\n## 🎯 Goal\nA goal.\n\n## Ask\nB.\n\n");
    }

    /// A next marker after a bold date marks that entry; other words after it make no entry.
    #[test]
    fn a_next_marker_after_a_bold_date() {
        let text = "**Nov 5, 2026**\nOld.\n\n**Dec 10, 2026** — next\nThis one.\n\n**Dec 17, 2026** (tentative)\nNot an entry.\n";
        let e = find(text);
        assert_eq!(titles(&e), ["Nov 5, 2026", "Dec 10, 2026 — next"]);
        assert!(e.current().unwrap().next);
        assert!(e.current().unwrap().title.starts_with("Dec 10"));
    }

    #[test]
    fn oldest_first_bold_lines_and_inferred_years() {
        let text = "# Lin 1:1 log\n\n**Oct 6**\nOne.\n\n**Oct 20**\nTwo.\n\n**Nov 3**\nThree.\n";
        let e = find(text);
        assert_eq!(titles(&e), ["Oct 6", "Oct 20", "Nov 3"]);
        assert_eq!(e.current().unwrap().title, "Nov 3");
        assert_eq!(e.current().unwrap().date, Date::new(2026, 11, 3));
        assert!(!e.newest_first());
        assert_eq!(&text[e.current().unwrap().body.clone()], "Three.\n");
    }

    /// `## Today` among dated entries is the entry being prepared, whatever the dates; a
    /// `## Today` or `## This week` with no dated entry around it is a plain section.
    #[test]
    fn a_relative_day_marks_the_current_entry_among_dated_ones() {
        let text = "# Ops\n\n## Mon 17 Nov\nOld.\n\n## Mon 24 Nov\nNewer.\n\n## Today\nThis one.\n";
        let e = find(text);
        assert_eq!(titles(&e), ["Mon 17 Nov", "Mon 24 Nov", "Today"]);
        assert_eq!(&text[e.current().unwrap().body.clone()], "This one.\n");
        let newest_first = "## This week's 1:1\nNow.\n\n## 2026-11-24\nOld.\n";
        assert_eq!(
            find(newest_first).current().unwrap().title,
            "This week's 1:1"
        );
        let tomorrow = "## 2026-11-24\nOld.\n\n## Tomorrow's sync\nNext.\n";
        assert_eq!(find(tomorrow).current().unwrap().title, "Tomorrow's sync");
        for plain in [
            "# 1:1\n\n## Context\nA.\n\n## Today\nB.\n",
            "## This week\n- shipped it\n",
        ] {
            assert!(find(plain).list.is_empty(), "{plain:?}");
        }
        // A relative word inside a longer title is no marker.
        let text = "## 2026-11-24\nOld.\n\n## Today we ship\nNot an entry.\n";
        assert_eq!(titles(&find(text)), ["2026-11-24"]);
    }

    /// `## Today` above `### Mon 30 Nov` entries, with its own text, is the entry being
    /// prepared; a `## This week` that only holds dated entries is no entry of its own.
    #[test]
    fn a_relative_day_above_the_entries_level_marks_the_current_entry() {
        let text =
            "# Line\n\n### Mon 16 Nov\nOld.\n\n### Mon 30 Nov\n(skipped)\n\n## Today\nThis one.\n";
        let e = find(text);
        assert_eq!(titles(&e), ["Mon 16 Nov", "Mon 30 Nov", "Today"]);
        assert_eq!(&text[e.current().unwrap().body.clone()], "This one.\n");
        // With its date beside it, too.
        let dated = "### 16.11.2026\nOld.\n\n### 30.11.2026\nSkipped.\n\n## Today (07.12.2026)\nThis one.\n";
        let e = find(dated);
        assert_eq!(e.current().unwrap().title, "Today (07.12.2026)");
        assert_eq!(&dated[e.current().unwrap().body.clone()], "This one.\n");
        let holder = "## This week\n\n### Mon 16 Nov\nOld.\n\n### Mon 23 Nov\nNewer.\n";
        let e = find(holder);
        assert_eq!(titles(&e), ["Mon 16 Nov", "Mon 23 Nov"]);
        assert_eq!(e.current().unwrap().title, "Mon 23 Nov");
    }

    #[test]
    fn every_entry_heading_passes_the_quick_filter() {
        let reference = Date::new(2026, 12, 6).unwrap();
        for title in [
            "2026-11-17",
            "Wed 3 June",
            "Nov 3",
            "3 November 2026",
            "November 3, 2026",
            "Tue, Dec 8",
            "11/17",
            "17.11.2026",
            "1:1 — Nov 24",
            "Week of Nov 3",
            "Next 1:1",
            "Next meeting",
            "Next time",
            "Upcoming",
            "Upcoming (Jan 12)",
            "Agenda for Jan 12",
            "For next week",
            "NEXT MEETING",
        ] {
            assert!(dates::entry_mark(title, reference).is_some(), "{title}");
            assert!(may_be_entry(title), "{title}");
        }
        for title in [
            "The outcome",
            "1:1 with Sam",
            "My 1-on-1 prep",
            "1on1 notes",
        ] {
            assert!(!may_be_entry(title), "{title}");
            assert!(dates::entry_mark(title, reference).is_none(), "{title}");
        }
    }

    /// A next marker above the dated entries' level is the current entry: its section ends
    /// at the next heading of its level or above, or at the first dated entry.
    #[test]
    fn a_next_marker_above_the_dated_entries_is_the_current_entry() {
        let text = "# Dana\n\n## Next 1:1\n\nMy ask.\n\n## Past 1:1s\n\n### Nov 17, 2026\n\nOld.\n\n### Nov 10, 2026\n\nOlder.\n";
        let e = find(text);
        assert_eq!(e.list.len(), 3);
        let current = e.current().unwrap();
        assert!(current.next);
        assert_eq!(current.level, 2);
        assert_eq!(&text[current.body.clone()], "\nMy ask.\n\n");
        // Straight above the dated entries, with no heading between.
        let text = "# Dana\n\n## Upcoming\n\nMy ask.\n\n### Nov 17, 2026\n\nOld.\n";
        let e = find(text);
        assert_eq!(&text[e.current().unwrap().body.clone()], "\nMy ask.\n\n");
        // A next marker below the entries' level is a part of its entry, not an entry.
        let text = "## Nov 17, 2026\n\n### Next 1:1\n\nx\n\n## Nov 10, 2026\n\ny\n";
        let e = find(text);
        assert_eq!(e.list.len(), 2);
        assert!(!e.current().unwrap().next);
    }

    #[test]
    fn a_next_marker_alone_makes_no_entries() {
        assert!(find("## Focus\nx\n\n## Next week\nMore of the same.\n")
            .list
            .is_empty());
    }

    #[test]
    fn a_next_marker_wins_over_dates() {
        let text = "## Next 1:1\nPlan.\n\n## 2026-11-16\nOld.\n";
        let e = find(text);
        assert_eq!(e.current().unwrap().title, "Next 1:1");
        assert_eq!(&text[e.current().unwrap().body.clone()], "Plan.\n\n");
    }

    #[test]
    fn same_date_twice_the_later_in_the_file_is_newer() {
        let text = "## 2026-11-16\nA.\n## 2026-11-16\nB.\n";
        let e = find(text);
        assert_eq!(e.current, Some(1));
    }

    #[test]
    fn the_level_with_most_dates_holds_the_entries() {
        let text = "## 2026-11-16\n### Launch — May 4\nx\n## 2026-11-09\ny\n## 2026-11-02\nz\n";
        let e = find(text);
        assert_eq!(titles(&e), ["2026-11-16", "2026-11-09", "2026-11-02"]);
        assert_eq!(&text[e.list[0].body.clone()], "### Launch — May 4\nx\n");
    }

    #[test]
    fn no_entries_in_an_ordinary_agenda_or_in_code() {
        assert!(find("# 1:1\n\n## Outcome\nA goal.\n\n## Next steps\nx\n")
            .list
            .is_empty());
        assert!(find("```\n## 2026-11-16\n```\ntext\n").list.is_empty());
        assert!(find("---\ntitle: x\n---\n## Parking lot\n").list.is_empty());
    }

    #[test]
    fn a_non_date_heading_at_the_entry_level_ends_the_entry() {
        let text = "## 2026-11-16\nA.\n## Archive notes\nB.\n";
        let e = find(text);
        assert_eq!(&text[e.list[0].body.clone()], "A.\n");
    }

    #[test]
    fn the_next_entry_goes_where_the_file_adds_them() {
        let today = Date::new(2026, 12, 6).unwrap();
        let newest_first = "# Log\n\n## 2026-11-16\nA.\n\n## 2026-11-09\nB.\n";
        let e = find(newest_first);
        let edit = next_entry(newest_first, &e, today).unwrap();
        assert_eq!(edit.range, 7..7);
        assert!(
            edit.replacement.starts_with("## 2026-12-06\n\n### "),
            "{}",
            edit.replacement
        );
        assert!(edit.replacement.ends_with("\n\n"));

        let oldest_first = "**Oct 6**\nOne.\n\n**Nov 3**\nThree.";
        let e = find(oldest_first);
        let edit = next_entry(oldest_first, &e, today).unwrap();
        assert_eq!(edit.range, oldest_first.len()..oldest_first.len());
        assert!(
            edit.replacement.starts_with("\n\n**Dec 6**\n\n"),
            "{}",
            edit.replacement
        );

        // Nothing to start when the next meeting already has its entry.
        let ready = "## Next 1:1\nx\n## 2026-11-16\nA.\n";
        assert!(next_entry(ready, &find(ready), today).is_none());
        let dated_today = "## 2026-12-06\nx\n## 2026-11-16\nA.\n";
        assert!(next_entry(dated_today, &find(dated_today), today).is_none());
    }
}
