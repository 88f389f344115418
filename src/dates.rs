//! Dates in the headings of a running 1:1 document: which headings (or bold labels) start
//! an entry, the date they name, and how to write another date in the file's own style.
//!
//! Pure: no I/O, no clock (the caller passes today's date), never panics on any input.
//!
//! Dates read (case-insensitive; a weekday may come first, `Tue, Dec 8`, `Mon 2026-11-17`):
//! - ISO: `2026-11-17`, `2026/11/17`, `2026.11.17` (the year has four digits);
//! - numeric: `11/17`, `11/17/2026`, `11/17/26` (month first, unless the first number is over 12:
//!   `17/11/2026`), `17.11.2026`, `17.11.` (day first, unless the second number is over 12);
//! - written: `Nov 3`, `November 3, 2026`, `3 November 2026`, `3rd Nov`, `Sept. 3`.
//!
//! Deliberately not read: two-digit years after dots (`1.10.26` may be a version), dashes outside ISO (`11-17`, which
//! would make `1-1` a date), a dotted date without its last dot (`17.11`, `2.1` are version
//! numbers), `3. November`, a month without a day (`Q3 2026`, `November 2026`), relative
//! words (`Today`, `Tuesday`: [`is_relative_day`] reads `Today`, `Tomorrow` and `This week`
//! apart). Words on the page's state may stand beside a date (`Dec 8 (draft)`, `Prep for
//! Dec 8`). The weekday written is not checked against the date.

/// A day of the Gregorian calendar, years 1 to 9999. Ordered by year, month, day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// How a date was written: enough to write another date the same way with [`format`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateStyle {
    pub layout: Layout,
    /// The weekday written before the date, `Wed` or `Wednesday`.
    pub weekday: Option<Name>,
    /// A comma after the weekday: `Tue, Dec 8`.
    pub weekday_comma: bool,
    /// The year is written (ISO dates always write it).
    pub year: bool,
    /// Day (and numeric month) with a leading zero: `2026-01-05`, `03.11.2026`, `Nov 03`.
    pub pad: bool,
}

/// The parts of a date and their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `2026-11-17`: year, month, day.
    Iso { sep: Sep },
    /// `11/17/2026` (slashes) or `17.11.2026` (dots; `17.11.` without the year);
    /// `short_year` writes the year in two digits after slashes (`11/17/26`).
    Numeric {
        day_first: bool,
        dot: bool,
        short_year: bool,
    },
    /// `Nov 3`, `3rd November`, `November 3, 2026` (`comma` before the year).
    Written {
        month: Name,
        day_first: bool,
        ordinal: bool,
        comma: bool,
    },
}

/// The separator of an ISO date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sep {
    Dash,
    Slash,
    Dot,
}

/// A month or weekday name: `Nov`/`Wed` or `November`/`Wednesday`. `May` reads as full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Name {
    Short,
    Full,
}

/// What a heading says about the entry it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryMark {
    /// `## 2026-11-17`, `### Wed 3 June`: `year_given` is false when the year was inferred.
    Dated {
        date: Date,
        style: DateStyle,
        year_given: bool,
    },
    /// `## Next 1:1`, `## Upcoming (Jan 12)`, `## Agenda for Jan 12`.
    Next {
        date: Option<Date>,
        style: Option<DateStyle>,
    },
}

impl Date {
    /// The date, if it exists (years 1 to 9999, Gregorian leap years).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let last = match month {
            2 => 28 + u8::from(leap),
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        let valid = (1..=9999).contains(&year) && (1..=last).contains(&day);
        valid.then_some(Date { year, month, day })
    }

    /// The day of the week: 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        (self.unix_days() + 3).rem_euclid(7) as u8
    }

    /// Days since 1970-01-01 (negative before).
    /// Today in UTC, from the system clock (for the front ends: the engine reads no
    /// clock). `None` when the clock is before 1970 or past year 9999.
    pub fn today() -> Option<Date> {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs();
        Date::from_unix_days(i64::try_from(secs / 86_400).ok()?)
    }

    pub fn unix_days(self) -> i64 {
        // Howard Hinnant's `days_from_civil`: years start on March 1st, so Feb 29 is last.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }

    /// The date `days` after 1970-01-01; None outside years 1 to 9999.
    pub fn from_unix_days(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        let day = doy - (153 * mp + 2) / 5 + 1;
        Date::new(
            year.try_into().ok()?,
            month.try_into().ok()?,
            day.try_into().ok()?,
        )
    }
}

/// Most words outside the date in an entry heading that are not filler (a title: `1:1 with
/// Sarah Chen — Nov 3`).
pub const MAX_TITLE_WORDS: usize = 2;

/// Reads a heading's or bold label's text (without `#` or `**`) as the start of an entry.
///
/// The rule: the heading is cut into parts at standalone dashes, bars, bullets and slashes
/// (`—`, `–`, `-`, `|`, `·`, `•`, `/`). The part holding the date, and the part holding a next
/// marker (`next`, `upcoming`, or `agenda for` before a date), must hold nothing else but
/// filler: weekday names, emoji and punctuation, and words such as `1:1`, `sync`, `week of`,
/// `(weekly)`, `meeting`, `time`, `for`. The other parts may add at most
/// [`MAX_TITLE_WORDS`] words. So `1:1 with Sarah — Nov 3` and `Next meeting` are entries;
/// `Room 11/17`, `Offsite (Nov 3)`, `Nov 3: hiring plan`, `Next steps`, `Insight: churn up
/// since May 4 launch` are not (brackets and colons do not set a title apart). `Launch —
/// May 4` is: the engine can tell by the heading level of the other entries.
/// Only the first date is read; an invalid one (`Feb 30`, `13/13`) makes the heading None.
///
/// A missing year is the one that puts the date nearest to `reference` (among the years
/// within four of it, for Feb 29; the earlier on a tie): with reference 2026-12-28, `Jan 4`
/// is 2027-01-04; with 2027-01-03, `Dec 29` is 2026-12-29.
pub fn entry_mark(heading: &str, reference: Date) -> Option<EntryMark> {
    let toks = tokens(heading);
    let found = first_core(&toks);
    let in_core = |i: usize| {
        found
            .as_ref()
            .is_some_and(|(s, c)| (*s..s + c.len).contains(&i))
    };
    let (mut next, mut anchored, mut unknown, mut title, mut ok) = (false, false, 0, 0, true);
    for (i, t) in toks.iter().enumerate() {
        let is_next = is_next_word(&toks, i, in_core(i + 2));
        let is_last = i + 1 == toks.len();
        if in_core(i) || is_next {
            anchored = true;
        } else if !t.sep && !is_filler(t.text) {
            unknown += 1;
        }
        next |= is_next;
        if t.sep || is_last {
            ok &= !(anchored && unknown > 0);
            title += unknown;
            (anchored, unknown) = (false, 0);
        }
    }
    if !ok || title > MAX_TITLE_WORDS {
        return None;
    }
    let dated = match found {
        Some((_, core)) => Some((core.date(reference)?, core.style)),
        None => None,
    };
    match dated {
        _ if next => Some(EntryMark::Next {
            date: dated.map(|(d, _)| d),
            style: dated.map(|(_, s)| s),
        }),
        Some((date, style)) => Some(EntryMark::Dated {
            date,
            style,
            year_given: style.year,
        }),
        None => None,
    }
}

/// The first date among `toks`: where it starts, and the date.
fn first_core(toks: &[Tok]) -> Option<(usize, Core)> {
    (0..toks.len()).find_map(|i| Some((i, core_at(toks, i)?)))
}

/// Whether `text` holds a date anywhere, as an entry heading writes one (`Dec 9`,
/// `9 December`, `Tue 3 June`, `2026-12-08`, `11/17`): a title line naming its meeting's
/// day (`Facilities 1:1 — Kofi / Amara, 10 Dec`).
pub fn holds_date(text: &str) -> bool {
    let Some(reference) = Date::new(2026, 1, 1) else {
        return false;
    };
    let toks = tokens(text);
    (0..toks.len()).any(|i| core_at(&toks, i).is_some_and(|c| c.date(reference).is_some()))
}

/// Whether the heading marks the next meeting (`Next 1:1`, `Upcoming (Jan 12)`, …).
pub fn is_next_marker(heading: &str) -> bool {
    let any_day = Date::from_unix_days(0);
    any_day.is_some_and(|d| matches!(entry_mark(heading, d), Some(EntryMark::Next { .. })))
}

/// Whether the heading names the meeting by a day relative to now (`Today`, `Tonight`,
/// `Tomorrow`, `This week`, `This time`), with nothing else but filler (`## Today's 1:1`). Such a
/// heading marks the current entry only among dated ones: alone it is a plain section.
pub fn is_relative_day(heading: &str) -> bool {
    let toks = tokens(heading);
    // A date beside the word ("Today (07.12.2026)") is no other word.
    let date = first_core(&toks).map(|(i, c)| i..i + c.len);
    let words: Vec<&str> = toks
        .iter()
        .enumerate()
        .filter(|(i, t)| !t.sep && !date.as_ref().is_some_and(|d| d.contains(i)))
        .map(|(_, t)| {
            let w = t.text.trim_end_matches(':');
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("\u{2019}s"))
                .unwrap_or(w)
        })
        .collect();
    let is = |i: usize, w: &str| words.get(i).is_some_and(|t| t.eq_ignore_ascii_case(w));
    let len = if is(0, "today") || is(0, "tonight") || is(0, "tomorrow") {
        1
    } else if is(0, "this") && (is(1, "week") || is(1, "time")) {
        2
    } else {
        return false;
    };
    words[len..].iter().all(|w| is_filler(w))
}

/// Writes `date` the way `style` says, e.g. `Tue, Dec 8` or `2026-11-17`.
pub fn format(date: Date, style: &DateStyle) -> String {
    let num = |n: u8| format!("{n:0width$}", width = if style.pad { 2 } else { 1 });
    let mut out = String::new();
    if let Some(name) = style.weekday {
        out += name_text(WEEKDAYS, usize::from(date.weekday()), name);
        out += if style.weekday_comma { ", " } else { " " };
    }
    let year = format!("{:04}", date.year);
    match style.layout {
        Layout::Iso { sep } => {
            let s = SEPS
                .iter()
                .find(|(_, v)| *v == sep)
                .map_or('-', |(c, _)| *c);
            out += &format!("{year}{s}{}{s}{}", num(date.month), num(date.day));
        }
        Layout::Numeric {
            day_first,
            dot,
            short_year,
        } => {
            let s = if dot { '.' } else { '/' };
            let (a, b) = ordered(day_first, date.month, date.day);
            out += &format!("{}{s}{}", num(a), num(b));
            match (style.year, dot) {
                (true, _) if short_year => out += &format!("{s}{:02}", date.year % 100),
                (true, _) => out += &format!("{s}{year}"),
                (false, true) => out.push('.'),
                (false, false) => {}
            }
        }
        Layout::Written {
            month,
            day_first,
            ordinal,
            comma,
        } => {
            let day = num(date.day) + if ordinal { suffix(date.day) } else { "" };
            let month = name_text(MONTHS, usize::from(date.month).wrapping_sub(1), month);
            let (a, b) = ordered(day_first, month.to_string(), day);
            out += &format!("{a} {b}");
            if style.year {
                out += &format!("{} {year}", if comma { "," } else { "" });
            }
        }
    }
    out
}

const MONTHS: &str =
    "January February March April May June July August September October November December";
const WEEKDAYS: &str = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday";
/// Other short names read (never written), with their index in the table.
const MONTH_EXTRAS: [(&str, usize); 1] = [("sept", 8)];
const WEEKDAY_EXTRAS: [(&str, usize); 4] = [("tues", 1), ("weds", 2), ("thur", 3), ("thurs", 3)];
const SEPS: [(char, Sep); 3] = [('-', Sep::Dash), ('/', Sep::Slash), ('.', Sep::Dot)];

/// Words that may stand beside a date or a next marker.
const FILLER: &str = "1:1 1on1 1-1 1-on-1 1x1 one-on-one o3 sync meeting check-in checkin \
    catch-up catchup notes week of weekly biweekly bi-weekly monthly call chat session for on \
    the with our a agenda time one w/c wk prep draft wip today tonight tomorrow";

/// A date found in a heading, `len` words long (the weekday included).
struct Core {
    month: u8,
    day: u8,
    year: Option<i32>,
    style: DateStyle,
    len: usize,
}

impl Core {
    fn new(month: u8, day: u8, year: Option<i32>, layout: Layout, pad: bool, len: usize) -> Core {
        let (weekday, weekday_comma) = (None, false);
        let style = DateStyle {
            layout,
            weekday,
            weekday_comma,
            year: year.is_some(),
            pad,
        };
        Core {
            month,
            day,
            year,
            style,
            len,
        }
    }

    /// The date, its missing year the nearest to `reference` (see [`entry_mark`]).
    fn date(&self, reference: Date) -> Option<Date> {
        let Some(year) = self.year else {
            let r = reference.unix_days();
            let years = reference.year.saturating_sub(4)..=reference.year.saturating_add(4);
            return years
                .filter_map(|y| Date::new(y, self.month, self.day))
                .min_by_key(|d| (d.unix_days() - r).abs());
        };
        Date::new(year, self.month, self.day)
    }
}

/// One word of a heading, without the brackets, quotes and punctuation around it.
#[derive(Clone, Copy, Default)]
struct Tok<'a> {
    text: &'a str,
    /// A separator standing alone: `—`, `-`, `|`, `/`.
    sep: bool,
    /// Began with a bracket.
    opens: bool,
    /// Ended with a bracket, colon, semicolon, `!` or `?`.
    closes: bool,
    comma: bool,
}

fn tokens(heading: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    for piece in heading.split_whitespace() {
        for (k, part) in piece.split(['—', '–', '|', '·', '•']).enumerate() {
            if k > 0 {
                out.push(Tok {
                    sep: true,
                    ..Tok::default()
                });
            }
            if !part.is_empty() {
                out.push(word(part));
            }
        }
    }
    out
}

fn word(raw: &str) -> Tok<'_> {
    let symbol = |c: char| !c.is_ascii() && !c.is_alphanumeric();
    let text = raw.trim_start_matches(|c| "([{\"'*_`".contains(c) || symbol(c));
    let head = raw.get(..raw.len() - text.len()).unwrap_or("");
    let text = text.trim_end_matches(|c| ")]}:;!?,\"'*_`".contains(c) || symbol(c));
    let tail = raw.get(head.len() + text.len()..).unwrap_or("");
    Tok {
        text,
        sep: raw.chars().all(|c| "-/~>".contains(c)),
        opens: head.contains(['(', '[', '{']),
        closes: tail.contains([')', ']', '}', ':', ';', '!', '?']),
        comma: tail.contains(','),
    }
}

/// Whether `a` and the word after it can belong to one date.
fn joins(a: &Tok, b: &Tok, comma_ok: bool) -> bool {
    !a.sep && !b.sep && !a.closes && !b.opens && (comma_ok || !a.comma)
}

fn is_filler(w: &str) -> bool {
    let w = w.strip_suffix('.').unwrap_or(w);
    !w.chars().any(char::is_alphanumeric)
        || FILLER.split_whitespace().any(|f| f.eq_ignore_ascii_case(w))
        || name_in(WEEKDAYS, &WEEKDAY_EXTRAS, w).is_some()
}

/// `next`, `upcoming`, or `agenda` in `agenda for <date>`.
fn is_next_word(toks: &[Tok], i: usize, date_after_next: bool) -> bool {
    let is = |i: usize, w: &str| toks.get(i).is_some_and(|t| t.text.eq_ignore_ascii_case(w));
    is(i, "next") || is(i, "upcoming") || (is(i, "agenda") && is(i + 1, "for") && date_after_next)
}

/// The date starting at word `i`, with the weekday before it if any.
fn core_at(toks: &[Tok], i: usize) -> Option<Core> {
    let first = toks.get(i)?;
    let weekday = name_in(WEEKDAYS, &WEEKDAY_EXTRAS, first.text)
        .filter(|_| toks.get(i + 1).is_some_and(|b| joins(first, b, true)));
    let rest = toks.get(i + usize::from(weekday.is_some())..)?;
    let mut core = numeric(rest.first()?)
        .or_else(|| written(rest, false))
        .or_else(|| written(rest, true))?;
    if let Some((_, name)) = weekday {
        core.style.weekday = Some(name);
        core.style.weekday_comma = first.comma;
        core.len += 1;
    }
    Some(core)
}

/// `2026-11-17`, `11/17`, `17.11.2026`, `17.11.` in one word.
fn numeric(t: &Tok) -> Option<Core> {
    let sep = t.text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = t.text.split(sep).collect();
    let zero = zero_padded;
    let two = |a: &str, b: &str| a.len() == 2 && b.len() == 2;
    if let [y, m, d] = parts[..] {
        if let (Some(year), Some(month), Some(day)) = (four_digits(y), number(m), number(d)) {
            let sep = SEPS
                .iter()
                .find(|(c, _)| *c == sep)
                .map_or(Sep::Dash, |(_, v)| *v);
            let pad = zero(m) || zero(d) || two(m, d);
            return Some(Core::new(
                month,
                day,
                Some(year),
                Layout::Iso { sep },
                pad,
                1,
            ));
        }
    }
    let (a, b, year) = match parts[..] {
        [a, b] if sep == '/' => (a, b, None),
        [a, b, ""] if sep == '.' => (a, b, None),
        // A two-digit year after slashes (`11/17/26`) is this century's; dotted ones stay
        // unread (`1.10.26` may be a version).
        [a, b, y] if sep == '/' && number(y).is_some() && y.len() == 2 => {
            (a, b, Some(2000 + i32::from(number(y)?)))
        }
        [a, b, y] if sep != '-' => (a, b, Some(four_digits(y)?)),
        _ => return None,
    };
    let dot = sep == '.';
    let (x, z) = (number(a)?, number(b)?);
    let day_first = if dot { z <= 12 } else { x > 12 };
    let (month, day) = ordered(day_first, x, z);
    let pad = zero(a) || zero(b) || (dot && two(a, b));
    Some(Core::new(
        month,
        day,
        year,
        Layout::Numeric {
            day_first,
            dot,
            short_year: year.is_some() && parts.get(2).is_some_and(|y| y.len() == 2),
        },
        pad,
        1,
    ))
}

/// `Nov 3`, `November 3, 2026` (month first) or `3rd Nov`, `3 November 2026` (day first).
fn written(toks: &[Tok], day_first: bool) -> Option<Core> {
    let a = toks.first()?;
    let b = toks.get(1).filter(|b| joins(a, b, false))?;
    let (m, d) = ordered(day_first, a, b);
    let (month, name) = name_in(MONTHS, &MONTH_EXTRAS, m.text)?;
    let n = d.text.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = d.text.split_at_checked(n)?;
    let ordinal = ["st", "nd", "rd", "th"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(rest));
    let day = number(digits).filter(|_| rest.is_empty() || ordinal)?;
    let year = toks
        .get(2)
        .filter(|y| joins(b, y, true))
        .and_then(|y| four_digits(y.text));
    let comma = year.is_some() && b.comma;
    let layout = Layout::Written {
        month: name,
        day_first,
        ordinal,
        comma,
    };
    let len = 2 + usize::from(year.is_some());
    Some(Core::new(
        u8::try_from(month + 1).ok()?,
        day,
        year,
        layout,
        zero_padded(digits),
        len,
    ))
}
/// The index of a month or weekday name (full, first three letters, or an extra).
/// Whether `w` is a month's short name ("Oct", "sept"), as dates are read.
pub fn is_month_abbreviation(w: &str) -> bool {
    matches!(name_in(MONTHS, &MONTH_EXTRAS, w), Some((_, Name::Short)))
}

fn name_in(table: &str, extras: &[(&str, usize)], w: &str) -> Option<(usize, Name)> {
    let w = w.strip_suffix('.').unwrap_or(w);
    let short = |full: &str| full.get(..3).is_some_and(|s| s.eq_ignore_ascii_case(w));
    let mut names = table.split(' ');
    names
        .clone()
        .position(|full| full.eq_ignore_ascii_case(w))
        .map(|i| (i, Name::Full))
        .or_else(|| Some((names.position(short)?, Name::Short)))
        .or_else(|| {
            extras
                .iter()
                .find(|(s, _)| s.eq_ignore_ascii_case(w))
                .map(|&(_, i)| (i, Name::Short))
        })
}

fn name_text(table: &'static str, i: usize, name: Name) -> &'static str {
    let full = table.split(' ').nth(i).unwrap_or("?");
    match name {
        Name::Full => full,
        Name::Short => full.get(..3).unwrap_or(full),
    }
}

/// Four ASCII digits.
fn four_digits(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

/// One or two ASCII digits.
fn number(s: &str) -> Option<u8> {
    ((1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

fn zero_padded(s: &str) -> bool {
    s.len() == 2 && s.starts_with('0')
}

/// `(a, b)`, or `(b, a)` when `swap`.
fn ordered<T>(swap: bool, a: T, b: T) -> (T, T) {
    if swap {
        (b, a)
    } else {
        (a, b)
    }
}

fn suffix(day: u8) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(year: i32, month: u8, day: u8) -> Date {
        Date::new(year, month, day).unwrap()
    }

    fn mark(heading: &str) -> Option<EntryMark> {
        entry_mark(heading, d(2026, 11, 10))
    }

    #[test]
    fn a_date_anywhere_in_a_line() {
        assert!(holds_date(
            "Facilities 1:1 — Kofi with Amara (VP Operations), 10 Dec"
        ));
        assert!(holds_date("Platform sync 2026-12-08"));
        assert!(!holds_date("can you sign off on the 2 marketing hires"));
        assert!(!holds_date("split 50/50 between the teams"));
    }

    /// Each heading reads as `date`, and its style writes `date` back as `written`.
    #[test]
    fn every_form_reads_and_writes_back() {
        let cases = [
            ("2026-11-17", d(2026, 11, 17), "2026-11-17"),
            ("2026/11/17", d(2026, 11, 17), "2026/11/17"),
            ("2026-1-5", d(2026, 1, 5), "2026-1-5"),
            ("Wed 3 June", d(2026, 6, 3), "Wed 3 June"),
            ("Nov 3", d(2026, 11, 3), "Nov 3"),
            ("3 November 2026", d(2026, 11, 3), "3 November 2026"),
            ("November 3, 2026", d(2026, 11, 3), "November 3, 2026"),
            ("1:1 — Tue, Dec 8", d(2026, 12, 8), "Tue, Dec 8"),
            ("Week of Nov 3", d(2026, 11, 3), "Nov 3"),
            // The weekday is written from the date, not copied.
            ("Mon 2026-11-17 (weekly)", d(2026, 11, 17), "Tue 2026-11-17"),
            ("11/17", d(2026, 11, 17), "11/17"),
            ("03/04", d(2027, 3, 4), "03/04"),
            ("17/11/2026", d(2026, 11, 17), "17/11/2026"),
            ("11/17/2026", d(2026, 11, 17), "11/17/2026"),
            // A two-digit year after slashes is this century's, and written back short.
            ("11/10/26", d(2026, 11, 10), "11/10/26"),
            ("17/11/26", d(2026, 11, 17), "17/11/26"),
            ("1/5/27", d(2027, 1, 5), "1/5/27"),
            ("17.11.2026", d(2026, 11, 17), "17.11.2026"),
            ("03.11.", d(2026, 11, 3), "03.11."),
            (
                "Thu, 3rd December 2026",
                d(2026, 12, 3),
                "Thu, 3rd December 2026",
            ),
            ("Sync: Nov 22nd", d(2026, 11, 22), "Nov 22nd"),
            ("Sept. 3", d(2026, 9, 3), "Sep 3"),
            ("🗓️ Nov 3:", d(2026, 11, 3), "Nov 3"),
            ("1:1 with Sarah Chen — Nov 3", d(2026, 11, 3), "Nov 3"),
            ("Nov 3 – Nov 7", d(2026, 11, 3), "Nov 3"),
            // A word on the page's state beside the date.
            ("Dec 8 (draft)", d(2026, 12, 8), "Dec 8"),
            ("Prep for Dec 8", d(2026, 12, 8), "Dec 8"),
            ("8 Dec, prep", d(2026, 12, 8), "8 Dec"),
            ("Wk of 11/3", d(2026, 11, 3), "11/3"),
            ("Dec 8 (tomorrow)", d(2026, 12, 8), "Dec 8"),
        ];
        for (heading, date, written) in cases {
            let Some(EntryMark::Dated {
                date: got,
                style,
                year_given,
            }) = mark(heading)
            else {
                panic!("{heading:?} is not a dated entry: {:?}", mark(heading));
            };
            assert_eq!((got, year_given), (date, style.year), "{heading:?}");
            assert_eq!(format(date, &style), written, "{heading:?}: {style:?}");
        }
    }

    #[test]
    fn next_markers() {
        for heading in "Next 1:1|Next meeting|Next time|For next week|Upcoming".split('|') {
            assert_eq!(
                mark(heading),
                Some(EntryMark::Next {
                    date: None,
                    style: None
                })
            );
            assert!(is_next_marker(heading), "{heading:?}");
        }
        for heading in [
            "Upcoming (Jan 12)",
            "Agenda for Jan 12",
            "Next: Tue, Jan 12",
        ] {
            let Some(EntryMark::Next {
                date,
                style: Some(style),
            }) = mark(heading)
            else {
                panic!("{heading:?}: {:?}", mark(heading));
            };
            assert_eq!(date, Some(d(2027, 1, 12)), "{heading:?}");
            assert!(format(d(2027, 1, 12), &style).ends_with("Jan 12"));
        }
        assert!(!is_next_marker("Next steps") && !is_next_marker("Nov 3"));
    }

    #[test]
    fn headings_that_are_not_entries() {
        let headings = "|Outcome|Open topics|Parking lot|Action items|Q3 2026 plan|Goals for 2027|\
            Insight: churn up 3% since May 4 launch|Top 3 priorities|Version 2.1.3|Room 11/17|\
            Offsite (Nov 3)|Due Nov 3|1.10.26|11/17/260|Next steps|Upcoming topics|Agenda for Sarah|Nov 2026|\
            2026|11-17|1-1 notes|Feb 30|Feb 29, 2026|13/13|2026-13-01|00/10|+202-11-17|\
            Nov 3 — three more words|Nov 3: hiring plan";
        for heading in headings.split('|') {
            assert_eq!(mark(heading), None, "{heading:?}");
        }
    }

    #[test]
    fn the_missing_year_is_the_nearest_to_the_reference() {
        let read = |heading, reference| match entry_mark(heading, reference) {
            Some(EntryMark::Dated {
                date,
                year_given: false,
                ..
            }) => Some(date),
            _ => None,
        };
        assert_eq!(read("Jan 4", d(2026, 12, 28)), Some(d(2027, 1, 4)));
        assert_eq!(read("Dec 29", d(2027, 1, 3)), Some(d(2026, 12, 29)));
        assert_eq!(read("Feb 29", d(2026, 6, 1)), Some(d(2028, 2, 29)));
        assert_eq!(read("Jan 4", d(9999, 12, 31)), Some(d(9999, 1, 4)));
    }

    #[test]
    fn calendar() {
        assert_eq!(d(2026, 12, 6).weekday(), 6);
        assert_eq!(d(1970, 1, 1).weekday(), 3);
        assert_eq!(d(2000, 2, 29).weekday(), 1);
        assert_eq!(d(2024, 1, 1).weekday(), 0);
        assert_eq!(d(1970, 1, 1).unix_days(), 0);
        assert_eq!(d(2000, 3, 1).unix_days(), 11_017);
        assert_eq!(Date::from_unix_days(-1), Some(d(1969, 12, 31)));
        assert_eq!(Date::from_unix_days(20_428), Some(d(2025, 12, 6)));
        assert_eq!(Date::from_unix_days(i64::MAX), None);
        assert!(Date::new(2024, 2, 29).is_some() && Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2026, 2, 29).is_none() && Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2026, 13, 1).is_none() && Date::new(2026, 4, 31).is_none());
        assert!(Date::new(2026, 0, 1).is_none() && Date::new(0, 1, 1).is_none());
        assert!(d(2026, 1, 31) < d(2026, 2, 1) && d(2025, 12, 31) < d(2026, 1, 1));
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (1..=9999i32, 1..=12u8, 1..=31u8).prop_filter_map("valid", |(y, m, d)| Date::new(y, m, d))
    }

    /// Every style: `kind` 0–2 is ISO with each separator, 3 numeric, 4 written.
    fn any_style() -> impl Strategy<Value = DateStyle> {
        (0..5usize, any::<[bool; 8]>()).prop_map(|(kind, b)| {
            let name = |full| if full { Name::Full } else { Name::Short };
            let layout = match kind {
                0..=2 => Layout::Iso { sep: SEPS[kind].1 },
                3 => Layout::Numeric {
                    day_first: b[0],
                    dot: b[1],
                    short_year: false,
                },
                _ => Layout::Written {
                    month: name(b[0]),
                    day_first: b[1],
                    ordinal: b[2],
                    comma: b[3],
                },
            };
            let weekday = b[4].then_some(name(b[5]));
            DateStyle {
                layout,
                weekday,
                weekday_comma: b[6],
                year: b[7],
                pad: b[2] != b[5],
            }
        })
    }

    /// Words that reach the date and clause logic more often than arbitrary text does.
    fn word() -> impl Strategy<Value = String> {
        let words = "Nov Tue, — (Jan 12) 3rd 2026 next agenda for 1:1 🗓️ é | -";
        let words: Vec<String> = words.split(' ').map(String::from).collect();
        prop_oneof![prop::sample::select(words), "[0-9./-]{1,11}", "\\PC{0,4}"]
    }

    proptest! {
        #[test]
        fn never_panics(text in any::<String>(), soup in prop::collection::vec(word(), 0..8)) {
            let reference = d(2026, 11, 10);
            entry_mark(&text, reference);
            is_next_marker(&text);
            entry_mark(&soup.join(" "), reference);
            entry_mark(&soup.concat(), Date { year: i32::MIN, month: 255, day: 0 });
        }

        /// Every date written in every style reads back as that date. A numeric date in the
        /// other order than its separator's (`05/12/2026` day first) reads as its swap when
        /// both numbers could be months: that is the text's ambiguity.
        #[test]
        fn what_is_written_reads_back(date in any_date(), style in any_style()) {
            let text = format(date, &style);
            let year = style.year.then_some(date.year);
            let swapped = matches!(style.layout, Layout::Numeric { day_first, dot, .. } if day_first != dot)
                && date.day <= 12;
            let expected = match swapped {
                true => Core::new(date.day, date.month, year, style.layout, false, 1).date(date),
                false => Some(date),
            };
            let got = match entry_mark(&text, date) {
                Some(EntryMark::Dated { date, .. }) => Some(date),
                _ => None,
            };
            prop_assert_eq!(got, expected, "{:?} from {:?}", text, style);
        }
    }
}
