//! The pre-read email: what to send the VP before the meeting.
//!
//! A strong 1:1 keeps routine status out of the meeting: the status move (`status-dump`'s
//! fix) puts it under a pre-read heading, and [`email`] turns that part into the email
//! that goes out beforehand. For the current entry of a running doc (or the whole agenda
//! when it has no entries) it gives a subject with the meeting's date, one sentence
//! naming the outcome the meeting is for, and the pre-read items exactly as written,
//! grouped under their own titles when there are several groups. Nothing else goes in:
//! the insight and the ask are for the meeting.
//!
//! The pre-read is found by the agenda's own section kinds ([`PartKind::PreRead`], the
//! parts `status-dump` never counts, and the status sections inside them), and the outcome by the series' reading of outcome
//! sentences ([`crate::series::is_outcome`]): no second parser. Pure: text in, email
//! out; no I/O, no clock.

use crate::agenda::{Agenda, PartKind, Section};
use crate::dates::Date;
use crate::entries::Entries;
use crate::{Config, View};
use std::fmt;

/// An email ready to send: a subject, one opening sentence, the pre-read groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub subject: String,
    /// The sentence naming the outcome the meeting is for.
    pub opening: String,
    pub groups: Vec<Group>,
}

/// One pre-read part (a heading or a label) and its items, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The heading's or label's words.
    pub title: String,
    /// The part's own lines, verbatim but for the indentation they share and the blank
    /// lines around them; lines end with `\n`.
    pub items: String,
}

/// How the email is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text, ready to paste into any mail client.
    #[default]
    Text,
    /// Markdown (group titles as headings).
    Markdown,
}

/// Why there is no email: nothing in a pre-read part to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NothingToSend {
    /// No pre-read part at all.
    NoPreRead,
    /// A pre-read part with nothing under it.
    EmptyPreRead,
}

impl fmt::Display for NothingToSend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self {
            NothingToSend::NoPreRead => "there is no pre-read part",
            NothingToSend::EmptyPreRead => "the pre-read part is empty",
        };
        write!(
            f,
            "Nothing to send yet: {why}. Move the routine status into a pre-read first (the status-dump fix \"Move the status items into a new pre-read part\", or `oneonone-ls check --fix`), or write the items under a \"## Pre-read\" heading."
        )
    }
}

impl std::error::Error for NothingToSend {}

/// The pre-read email for the current entry of `text` (the whole text when it has no
/// entries). `date` names the meeting's day when given; otherwise it is the current
/// entry's date, or, without entries, the `date:` of the front matter. Without any date
/// the subject has none.
pub fn email(text: &str, config: &Config, date: Option<Date>) -> Result<Email, NothingToSend> {
    let view = View::of(text, config);
    let source = Source {
        document: text,
        scoped: view.scoped(),
        agenda: &view.agenda,
        entries: &view.entries,
    };
    compose(&source, config, date)
}

/// What [`compose`] reads of a document already read (the server keeps its last
/// analysis): the whole text, the scope's text and its agenda, the entries.
pub struct Source<'a> {
    pub document: &'a str,
    /// The current entry's text (the whole document without entries); `agenda`'s
    /// offsets index it.
    pub scoped: &'a str,
    pub agenda: &'a Agenda,
    pub entries: &'a Entries,
}

/// [`email`] from a document already read.
pub fn compose(
    source: &Source,
    config: &Config,
    date: Option<Date>,
) -> Result<Email, NothingToSend> {
    let Source {
        document: text,
        scoped,
        agenda,
        entries,
    } = *source;
    let mut groups = Vec::new();
    let mut any_part = false;
    let pre_reads: Vec<&Section> = agenda.parts(PartKind::PreRead).map(|(_, s)| s).collect();
    for (i, section) in agenda.sections.iter().enumerate() {
        // A pre-read part, or a status section inside one ("## Pre-read" / "### Status").
        let inside =
            |p: &&Section| p.range.start < section.range.start && section.range.end <= p.range.end;
        let group = match section.kind {
            PartKind::PreRead => true,
            PartKind::Status => pre_reads.iter().any(inside),
            _ => false,
        };
        if !group {
            continue;
        }
        any_part = true;
        let end = agenda.sections[i + 1..]
            .iter()
            .map(|s| s.range.start)
            .find(|&start| start < section.range.end)
            .unwrap_or(section.range.end);
        if let Some(items) = own_lines(scoped, section, end) {
            groups.push(Group {
                title: section.title.trim().to_string(),
                items,
            });
        }
    }
    if groups.is_empty() {
        return Err(if any_part {
            NothingToSend::EmptyPreRead
        } else {
            NothingToSend::NoPreRead
        });
    }
    let date = date.or_else(|| match entries.current() {
        Some(entry) => entry.date,
        None if entries.list.is_empty() => {
            let reference = config.today.or(Date::new(2026, 1, 1))?;
            crate::series::file_date("", text, reference)
        }
        None => None,
    });
    let subject = match date {
        Some(d) => format!("Pre-read for our 1:1 on {}", short_date(d)),
        None => "Pre-read for our 1:1".to_string(),
    };
    let outcome = agenda
        .sentences
        .iter()
        .filter(|s| crate::series::is_outcome(scoped, agenda, s))
        .min_by_key(|s| agenda.kind_of_sentence(s) != PartKind::Outcome)
        .map(|s| one_line(&scoped[s.range.clone()]));
    let opening = match outcome.filter(|o| !o.is_empty()) {
        Some(o) => format!(
            "Here is the routine status ahead of our 1:1, so that the meeting can go to the outcome I'm driving: \"{o}\"."
        ),
        None => "Here is the routine status ahead of our 1:1, so that the meeting can go to the decisions and risks that need you.".to_string(),
    };
    Ok(Email {
        subject,
        opening,
        groups,
    })
}

impl Email {
    /// The body: the opening sentence, then the items (under their titles when there are
    /// several groups). Lines end with `\n`.
    pub fn body(&self, format: Format) -> String {
        let mut out = format!("{}\n", self.opening);
        let titled = self.groups.len() > 1;
        for g in &self.groups {
            out.push('\n');
            if titled {
                match format {
                    Format::Text => out.push_str(&format!("{}\n", g.title)),
                    Format::Markdown => out.push_str(&format!("### {}\n\n", g.title)),
                }
            }
            out.push_str(&g.items);
        }
        out
    }

    /// The subject line, a blank line, then the body.
    pub fn render(&self, format: Format) -> String {
        let label = match format {
            Format::Text => "Subject:",
            Format::Markdown => "**Subject:**",
        };
        format!("{label} {}\n\n{}", self.subject, self.body(format))
    }

    /// A `mailto:` URL to `to` (may be empty) with the subject and the plain-text body.
    pub fn mailto(&self, to: &str) -> String {
        mailto(to, &self.subject, &self.body(Format::Text))
    }
}

/// A `mailto:` URL (RFC 6068): the address, then `subject` and `body` as UTF-8,
/// percent-encoded, every line break written `%0D%0A`.
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    let mut out = String::from("mailto:");
    // In the address, `@` and `,` (between addresses) stay as they are.
    encode_into(&mut out, to.trim(), b"@,");
    out.push_str("?subject=");
    encode_into(&mut out, &crlf(subject), b"");
    out.push_str("&body=");
    encode_into(&mut out, &crlf(body), b"");
    out
}

/// Every line break (LF, CRLF, a lone CR) as CRLF.
fn crlf(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', "\r\n")
}

/// Percent-encodes every byte but the unreserved characters of RFC 3986 and `keep`.
fn encode_into(out: &mut String, s: &str, keep: &[u8]) {
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// "Tue 8 Dec".
fn short_date(d: Date) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let day = DAYS[usize::from(d.weekday() % 7)];
    let month = MONTHS[usize::from(d.month.clamp(1, 12) - 1)];
    format!("{day} {} {month}", d.day)
}

/// A sentence on one line, without its closing punctuation.
fn one_line(s: &str) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.trim_end_matches(['.', '!', ';', ':']).to_string()
}

/// A section's own lines (from its content to `end`, the first section inside it):
/// without the blank lines around them, comment-only lines, or the indentation they all
/// share. `None` when nothing is left.
fn own_lines(text: &str, section: &Section, end: usize) -> Option<String> {
    let start = section.content_start.min(text.len());
    let end = end.clamp(start, text.len());
    let own = text.get(start..end)?;
    let own = own.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = own
        .split('\n')
        .filter(|l| {
            let t = l.trim();
            !(t.starts_with("<!--") && t.ends_with("-->"))
        })
        .collect();
    let first = lines.iter().position(|l| !l.trim().is_empty())?;
    let last = lines.iter().rposition(|l| !l.trim().is_empty())?;
    // Blank lines inside stay single.
    let mut kept: Vec<&str> = Vec::new();
    for l in &lines[first..=last] {
        if l.trim().is_empty() && kept.last().is_some_and(|p| p.trim().is_empty()) {
            continue;
        }
        kept.push(l);
    }
    let indent = kept
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    for l in kept {
        let l = if l.trim().is_empty() {
            ""
        } else {
            &l[indent..]
        };
        out.push_str(l.trim_end());
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config {
            today: Date::new(2026, 12, 6),
            ..Config::default()
        }
    }

    const RUNNING: &str = "# Dana / Lin\n\n## 2026-12-08\n\n### Outcome\nClose the books in four days by February.\n\n### Leadership move\nMy recommendation is to buy the connector.\n\n### Pre-read\n- Shipped the welcome email\n  - with the new footer\n- Finished the field cleanup\n\n## 2026-12-01\n\n### Outcome\nHire the CS lead.\n\n### Pre-read\n- An old item\n";

    #[test]
    fn the_current_entrys_pre_read_with_its_date_and_outcome() {
        let e = email(RUNNING, &config(), None).unwrap();
        assert_eq!(e.subject, "Pre-read for our 1:1 on Tue 8 Dec");
        assert!(
            e.opening
                .contains("\"Close the books in four days by February\"."),
            "{}",
            e.opening
        );
        assert_eq!(
            e.render(Format::Text),
            format!(
                "Subject: Pre-read for our 1:1 on Tue 8 Dec\n\n{}\n\n- Shipped the welcome email\n  - with the new footer\n- Finished the field cleanup\n",
                e.opening
            )
        );
        // Nothing from the meeting itself, nothing from history.
        let text = e.render(Format::Markdown);
        for absent in ["recommendation", "old item", "Hire the CS lead", "Outcome"] {
            assert!(!text.contains(absent), "{absent} in {text}");
        }
    }

    #[test]
    fn a_given_date_wins_and_no_date_gives_a_subject_without_one() {
        let e = email(RUNNING, &config(), Date::new(2026, 12, 10)).unwrap();
        assert_eq!(e.subject, "Pre-read for our 1:1 on Thu 10 Dec");
        let e = email("# 1:1\n\n## FYI\n- Shipped it\n", &Config::default(), None).unwrap();
        assert_eq!(e.subject, "Pre-read for our 1:1");
        assert!(e.opening.contains("decisions and risks"), "{}", e.opening);
    }

    #[test]
    fn a_single_agenda_reads_its_front_matter_date() {
        let text = include_str!("../examples/strong.1on1.md");
        let e = email(text, &config(), None).unwrap();
        assert_eq!(e.subject, "Pre-read for our 1:1 on Wed 2 Dec");
        assert!(e.opening.contains("lifting self-serve upgrades 15%"));
        assert_eq!(e.groups.len(), 1);
        assert!(e.groups[0]
            .items
            .starts_with("- Shipped the new welcome email\n"));
        assert!(!e.body(Format::Text).contains("My recommendation"));
    }

    #[test]
    fn several_groups_keep_their_titles() {
        let text = "# 1:1\r\n\r\n**Outcome:** Launch in March.\r\n\r\n## Pre-read\r\n\r\n### Status\r\n- Shipped A\r\n\r\n### FYI\r\n| Item | State |\r\n|---|---|\r\n| B | Done |\r\n\r\n## Ask\r\nCan you approve it?\r\n";
        let e = email(text, &config(), None).unwrap();
        let titles: Vec<&str> = e.groups.iter().map(|g| g.title.as_str()).collect();
        assert_eq!(titles, ["Status", "FYI"]);
        assert_eq!(
            e.body(Format::Text),
            format!(
                "{}\n\nStatus\n- Shipped A\n\nFYI\n| Item | State |\n|---|---|\n| B | Done |\n",
                e.opening
            )
        );
        assert!(e.body(Format::Markdown).contains("\n### FYI\n\n| Item"));
        assert!(!e.body(Format::Text).contains("approve"));
    }

    #[test]
    fn nothing_to_send_says_so() {
        let weak = include_str!("../examples/weak.1on1.md");
        let err = email(weak, &config(), None).unwrap_err();
        assert_eq!(err, NothingToSend::NoPreRead);
        assert!(err.to_string().contains("pre-read first"));
        let empty = "# 1:1\n\n## Pre-read\n\n<!-- nothing yet -->\n\n## Ask\nApprove it?\n";
        assert_eq!(
            email(empty, &config(), None),
            Err(NothingToSend::EmptyPreRead)
        );
    }

    #[test]
    fn mailto_encodes_utf8_and_line_breaks() {
        let url = mailto(
            "dana@example.com",
            "Pre-read: Zoë & co",
            "Ça va?\n- 80% done\r\n",
        );
        assert_eq!(
            url,
            "mailto:dana@example.com?subject=Pre-read%3A%20Zo%C3%AB%20%26%20co&body=%C3%87a%20va%3F%0D%0A-%2080%25%20done%0D%0A"
        );
        assert!(mailto("", "s", "b").starts_with("mailto:?subject=s"));
    }
}
