//! The 1:1 series: what each meeting aimed for, asked and agreed to do, oldest to newest.
//!
//! A running doc is a series of entries ([`crate::entries`]); a folder of agendas dated by
//! file name (`2026-12-08.1on1.md`) or front matter (`date: 2026-12-08`) is one too. For
//! each entry the series keeps its date, its outcome sentences, its ask sentences and its
//! action items ([`actions`]). The rules that read across meetings (`open-action-item`,
//! `repeated-ask`, `outcome-changed`) get it through [`crate::rules::Context::history`];
//! `oneonone-ls series` prints it ([`render`]).
//!
//! Pure: the text (or the files' names and texts) in, the series out; no I/O, no clock.
//! Ranges are byte offsets into the text the entry was read from: the whole document for a
//! running doc, the entry's own file for a folder series.

pub mod actions;
pub mod render;
mod reuse;
pub mod words;

pub use reuse::{FolderPrevious, Previous};

use crate::agenda::{Agenda, PartKind, Sentence};
use crate::config::Config;
use crate::dates::{self, Date, EntryMark};
use crate::entries::Entries;
use crate::patterns::catalogue;
use actions::ActionItem;
use std::collections::HashMap;
use std::ops::Range;

/// A sentence the series keeps: where it is, its words, and its content words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub range: Range<usize>,
    /// The sentence as written.
    pub text: String,
    /// Its content words ([`words::content_words`]).
    pub words: Vec<String>,
}

/// One meeting of the series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The heading's words, or the file's name.
    pub title: String,
    /// The file a folder series read this entry from; `None` in a running doc.
    pub file: Option<String>,
    /// The heading line (empty for a file).
    pub heading: Range<usize>,
    /// The heading's level: 1–6, 7 for a bold line, 0 for a file.
    pub level: u8,
    pub body: Range<usize>,
    pub date: Option<Date>,
    /// Marked as the next meeting.
    pub next: bool,
    pub outcomes: Vec<Said>,
    pub asks: Vec<Said>,
    pub actions: Vec<ActionItem>,
}

/// A series, oldest entry first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Series {
    pub entries: Vec<Summary>,
    /// Index in `entries` of the current entry (the one being prepared).
    pub current: Option<usize>,
    /// Action items outside every entry of a running doc (a standing "Action items"
    /// list): they are tracked there, so none of them is reported as dropped.
    pub standing: Vec<ActionItem>,
    /// The line ending of the document the current entry is in (see
    /// [`crate::Agenda::line_ending`]): an entry too short to show one still gets it.
    pub line_ending: &'static str,
}

/// An action item still open at the end of the history and not in the current entry.
#[derive(Debug, Clone, Copy)]
pub struct OpenItem<'a> {
    /// The last time it was written (its latest wording and due date).
    pub item: &'a ActionItem,
    /// The entry it was last written in, and the one it was first written in.
    pub last: usize,
    pub first: usize,
}

impl Series {
    /// The series of a running doc, `None` when the text has no entries. Each entry is
    /// parsed on its own; the newest are read first, up to the configuration's analysis
    /// budget in all, and older ones keep their dates only. [`Series::of_after`] builds
    /// the same series reusing an earlier version's summaries of unchanged entries.
    pub fn of(text: &str, entries: &Entries, config: &Config) -> Option<Series> {
        if entries.list.is_empty() {
            return None;
        }
        let order = order(entries);
        let read = read_flags(entries, &order, config);
        let reference = reference_date(config, entries);
        let mut series = Series {
            line_ending: line_ending(text),
            ..Series::default()
        };
        for &i in &order {
            series
                .entries
                .push(entry_summary(text, entries, i, read[i], reference, config));
            if Some(i) == entries.current {
                series.current = Some(series.entries.len() - 1);
            }
        }
        series.standing = standing(text, entries, reference);
        Some(series)
    }

    /// The series of a folder: one entry per file dated by its name (`2026-12-08.1on1.md`,
    /// `dana-2026-12-08.1on1.md`) or its front matter (`date: 2026-12-08`). Files with no
    /// date are left out. Oldest first; on the same date, the later in `files` is newer.
    /// The current entry is the newest.
    pub fn of_folder(files: &[(String, String)], config: &Config) -> Series {
        Series::folder_with(files, config, |_, _, _| None)
    }

    /// [`Series::of_folder`], taking a file's summary from `reused(name, text, date)` when it
    /// has one (see [`Series::of_folder_after`]).
    fn folder_with(
        files: &[(String, String)],
        config: &Config,
        reused: impl Fn(&str, &str, Date) -> Option<Summary>,
    ) -> Series {
        let fallback = config.today.or(Date::new(2026, 1, 1));
        let mut dated: Vec<(Date, usize)> = files
            .iter()
            .enumerate()
            .filter_map(|(i, (name, text))| Some((file_date(name, text, fallback?)?, i)))
            .collect();
        dated.sort();
        let mut series = Series::default();
        for (date, i) in dated {
            let (name, text) = &files[i];
            let summary = reused(name, text, date).unwrap_or_else(|| summarise(text, date, config));
            series.entries.push(Summary {
                title: name.clone(),
                file: Some(name.clone()),
                date: Some(date),
                ..summary
            });
        }
        series.current = series.entries.len().checked_sub(1);
        if let Some(e) = series.current() {
            let text = e
                .file
                .as_ref()
                .and_then(|f| files.iter().find(|(n, _)| n == f));
            series.line_ending = line_ending(text.map_or("", |(_, t)| t));
        }
        series
    }

    pub fn current(&self) -> Option<&Summary> {
        self.current.map(|i| &self.entries[i])
    }

    /// The entries before the current one, oldest first (all of them when none is current).
    pub fn earlier(&self) -> &[Summary] {
        &self.entries[..self.current.unwrap_or(self.entries.len())]
    }

    /// The action items still open after the earlier entries (the latest entry that writes
    /// an item decides whether it is open) that the current entry does not hold and no
    /// standing section tracks, in the order they were first written.
    pub fn open_items(&self) -> Vec<OpenItem<'_>> {
        let mut seen: Vec<OpenItem> = Vec::new();
        let mut done: Vec<bool> = Vec::new();
        let mut index: HashMap<&[String], usize> = HashMap::new();
        for (e, entry) in self.earlier().iter().enumerate() {
            for item in &entry.actions {
                match index.get(item.key.as_slice()) {
                    Some(&k) => {
                        seen[k].item = item;
                        seen[k].last = e;
                        done[k] = item.done;
                    }
                    None => {
                        index.insert(&item.key, seen.len());
                        seen.push(OpenItem {
                            item,
                            last: e,
                            first: e,
                        });
                        done.push(item.done);
                    }
                }
            }
        }
        let current = self.current().map_or(&[][..], |c| &c.actions[..]);
        seen.into_iter()
            .zip(done)
            .filter(|(o, done)| {
                !done
                    && !current.iter().any(|c| c.same_as(o.item))
                    && !self.standing.iter().any(|s| s.same_as(o.item))
            })
            .map(|(o, _)| o)
            .collect()
    }

    /// The entry an item was first written in (an earlier one, or the current one).
    pub fn first_written(&self, item: &ActionItem) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.actions.iter().any(|a| a.same_as(item)))
    }

    /// The earlier entries with an ask about the same thing as `ask`, oldest first, each
    /// with the most similar of its asks.
    pub fn earlier_asks(&self, ask: &[String]) -> Vec<(usize, &Said)> {
        self.earlier()
            .iter()
            .enumerate()
            .filter_map(|(e, entry)| {
                entry
                    .asks
                    .iter()
                    .filter(|a| words::same_subject(&a.words, ask))
                    .max_by_key(|a| words::shared(&a.words, ask))
                    .map(|a| (e, a))
            })
            .collect()
    }

    /// The latest earlier entry that states an outcome.
    pub fn previous_outcome(&self) -> Option<(usize, &Summary)> {
        self.earlier()
            .iter()
            .enumerate()
            .rev()
            .find(|(_, e)| !e.outcomes.is_empty())
    }

    /// For each entry: how many action items it opened (first written there) and closed
    /// (written done there, and not already done in an earlier entry).
    pub fn action_counts(&self) -> Vec<(usize, usize)> {
        let mut known: HashMap<&[String], bool> = HashMap::new();
        let mut out = Vec::with_capacity(self.entries.len());
        for e in &self.entries {
            let (mut opened, mut closed) = (0, 0);
            for (n, item) in e.actions.iter().enumerate() {
                if e.actions[..n].iter().any(|a| a.same_as(item)) {
                    continue;
                }
                match known.get_mut(item.key.as_slice()) {
                    Some(done) => {
                        closed += usize::from(item.done && !*done);
                        *done = item.done;
                    }
                    None => {
                        opened += 1;
                        closed += usize::from(item.done);
                        known.insert(&item.key, item.done);
                    }
                }
            }
            out.push((opened, closed));
        }
        out
    }

    /// How an entry is named in messages: its date (`2026-11-09`), else its title.
    pub fn name(&self, entry: usize) -> String {
        self.entries
            .get(entry)
            .map_or_else(String::new, |e| e.date.map_or_else(|| e.title.clone(), iso))
    }
}

impl Summary {
    fn shift(&mut self, by: usize) {
        self.body = self.body.start + by..self.body.end + by;
        for s in self.outcomes.iter_mut().chain(self.asks.iter_mut()) {
            s.range = s.range.start + by..s.range.end + by;
        }
        for a in &mut self.actions {
            a.shift(by);
        }
    }
}

/// `2026-11-09`.
pub fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// The entries' indices, oldest first: by date (a next marker last), then file order.
fn order(entries: &Entries) -> Vec<usize> {
    let mut order: Vec<usize> = (0..entries.list.len()).collect();
    order.sort_by_key(|&i| {
        let e = &entries.list[i];
        (e.next, e.date, i)
    });
    order
}

/// Which entries are read: the current one, then the newest that fit in the analysis
/// budget in all.
fn read_flags(entries: &Entries, order: &[usize], config: &Config) -> Vec<bool> {
    let mut budget = config.thresholds.max_bytes;
    let mut read = vec![false; entries.list.len()];
    for &i in order.iter().rev() {
        let len = entries.list[i].body.len();
        if len <= budget || Some(i) == entries.current {
            budget = budget.saturating_sub(len);
            read[i] = true;
        }
    }
    read
}

/// Entry `i`'s summary, ranges in `text` (empty when it is not `read`).
fn entry_summary(
    text: &str,
    entries: &Entries,
    i: usize,
    read: bool,
    reference: Date,
    config: &Config,
) -> Summary {
    let e = &entries.list[i];
    let body = if read { &text[e.body.clone()] } else { "" };
    let mut summary = summarise(body, e.date.unwrap_or(reference), config);
    summary.shift(e.body.start);
    Summary {
        title: e.title.clone(),
        heading: e.heading.clone(),
        level: e.level,
        body: e.body.clone(),
        date: e.date,
        next: e.next,
        ..summary
    }
}

/// The action items of the standing sections: the text outside every entry's heading
/// and body.
fn standing(text: &str, entries: &Entries, reference: Date) -> Vec<ActionItem> {
    let mut covered: Vec<Range<usize>> = entries
        .list
        .iter()
        .map(|e| e.heading.start..e.body.end)
        .collect();
    covered.sort_by_key(|r| r.start);
    let mut out = Vec::new();
    let mut from = 0;
    for r in covered.iter().chain([&(text.len()..text.len())]) {
        if r.start > from {
            out.extend(
                actions::find(&text[from..r.start], reference)
                    .into_iter()
                    .map(|mut item| {
                        item.shift(from);
                        item
                    }),
            );
        }
        from = from.max(r.end);
    }
    out
}

/// The line ending inserted text follows: the agenda's rule (nothing is parsed).
fn line_ending(text: &str) -> &'static str {
    Agenda::parse(text, 0).line_ending
}

/// One agenda's outcomes, asks and action items; ranges relative to `text`.
fn summarise(text: &str, date: Date, config: &Config) -> Summary {
    let agenda = Agenda::parse(text, config.thresholds.max_bytes);
    Summary {
        title: String::new(),
        file: None,
        heading: 0..0,
        level: 0,
        body: 0..text.len(),
        date: Some(date),
        next: false,
        outcomes: outcomes(text, &agenda),
        asks: asks(text, &agenda),
        actions: actions::find(&text[..agenda.analysed], date),
    }
}

/// The sentences of an agenda that ask for something (see [`is_ask`]).
pub fn asks(text: &str, agenda: &Agenda) -> Vec<Said> {
    agenda
        .sentences
        .iter()
        .filter(|s| is_ask(text, agenda, s))
        .map(|s| said(text, s))
        .collect()
}

/// The sentences of an agenda that state its outcome (see [`is_outcome`]).
pub fn outcomes(text: &str, agenda: &Agenda) -> Vec<Said> {
    agenda
        .sentences
        .iter()
        .filter(|s| is_outcome(text, agenda, s))
        .map(|s| said(text, s))
        .collect()
}

/// What `missing-ask` counts as an ask (a recommendation, request, decision or tradeoff,
/// or anything in the leadership move but hand-offs, activity and routine status),
/// outside the pre-read and action items.
pub fn is_ask(text: &str, agenda: &Agenda, s: &Sentence) -> bool {
    if !is_talk(text, agenda, s) {
        return false;
    }
    let j = catalogue().judge(&s.norm);
    j.is_ask()
        || (agenda.kind_of_sentence(s) == PartKind::Move
            && !j.is_handoff()
            && !j.is_activity()
            && (!j.is_status_item() || j.is_request_noun_phrase()))
}

/// A sentence that reads as an outcome, or one of the outcome part that is not an ask,
/// outside action items.
pub fn is_outcome(text: &str, agenda: &Agenda, s: &Sentence) -> bool {
    if !is_talk(text, agenda, s) {
        return false;
    }
    let j = catalogue().judge(&s.norm);
    j.is_outcome() || (agenda.kind_of_sentence(s) == PartKind::Outcome && !j.is_ask())
}

/// Outside the pre-read and outside action items.
fn is_talk(text: &str, agenda: &Agenda, s: &Sentence) -> bool {
    agenda.kind_of_sentence(s) != PartKind::PreRead
        && agenda
            .blocks
            .get(s.block)
            .is_none_or(|b| !actions::is_action_block(text, b))
}

/// A sentence as the series keeps it.
pub fn said(text: &str, s: &Sentence) -> Said {
    Said {
        range: s.range.clone(),
        text: text.get(s.range.clone()).unwrap_or("").trim().to_string(),
        words: words::content_words(&s.norm),
    }
}

/// The date year-less dates in the standing sections are read next to.
fn reference_date(config: &Config, entries: &Entries) -> Date {
    entries
        .current()
        .and_then(|e| e.date)
        .or(config.today)
        .or(Date::new(2026, 1, 1))
        .unwrap_or(Date {
            year: 2026,
            month: 1,
            day: 1,
        })
}

/// A file's date: from its name (any part of it separated by `_`, `-` between words, a
/// space or a dot that reads as a date), else from a `date:` line in its front matter.
pub fn file_date(name: &str, text: &str, reference: Date) -> Option<Date> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base
        .strip_suffix(".1on1.md")
        .or_else(|| base.strip_suffix(".md"))
        .unwrap_or(base);
    let dated = |s: &str| match dates::entry_mark(s, reference) {
        Some(EntryMark::Dated { date, .. }) => Some(date),
        _ => None,
    };
    if let Some(d) = iso_in(stem).or_else(|| dated(&stem.replace('_', " "))) {
        return Some(d);
    }
    let fm = crate::agenda::front_matter(text)?;
    text[fm].lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        if !key.trim().eq_ignore_ascii_case("date") {
            return None;
        }
        let value = value.trim().trim_matches(['"', '\'']);
        iso_in(value).or_else(|| dated(value))
    })
}

/// The first `YYYY-MM-DD` in `s` that is a real date.
fn iso_in(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let w = &b[i..i + 10];
        let digits = |r: Range<usize>| w[r].iter().all(u8::is_ascii_digit);
        let shape = digits(0..4) && w[4] == b'-' && digits(5..7) && w[7] == b'-' && digits(8..10);
        let alone = |j: Option<&u8>| j.is_none_or(|c| !c.is_ascii_digit());
        if !(shape && alone(i.checked_sub(1).map(|j| &b[j])) && alone(b.get(i + 10))) {
            return None;
        }
        let n = |r: Range<usize>| std::str::from_utf8(&w[r]).ok()?.parse::<u16>().ok();
        Date::new(
            i32::from(n(0..4)?),
            u8::try_from(n(5..7)?).ok()?,
            u8::try_from(n(8..10)?).ok()?,
        )
    })
}

#[cfg(test)]
mod tests;
