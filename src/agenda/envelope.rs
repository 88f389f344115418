//! An email's envelope: header lines ("Subject: …") and a greeting ("Hi Sam,") at the top,
//! a sign-off ("Cheers,\nOla") at the end. A draft written as an email is judged as an
//! agenda; its envelope is neither the agenda's opening nor its closing, so it holds no
//! prose.

use super::builder::OpenBlock;
use super::BlockKind;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

pub(super) struct Vocabulary {
    header: Regex,
    greeting: Regex,
    sign_off: Regex,
    title: Regex,
}

pub(super) fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary {
        header: Regex::new(r"(?i)^(?:subject|subj|re|fwd?|to|from|cc|bcc|date|sent|when|attendees)\s*:")
            .expect("header pattern compiles"),
        greeting: Regex::new(
            r"(?i)^(?:(?:hi|hey|hello|dear|hiya|heya|yo|morning|good (?:morning|afternoon|evening)|greetings)\b[^.?!;,]{0,40}(?:,\s*[^\s.?!;,]+)?\s*[,!:—–-]*|[\p{Lu}][\p{L}'’-]+(?: [\p{Lu}][\p{L}'’-]+)?\s*[,!—–-]+)$",
        )
        .expect("greeting pattern compiles"),
        sign_off: Regex::new(
            r"(?i)^(?:[-—–]+\s*)?(?:thanks|thank you|many thanks|thanks so much|thx|ty|cheers|best|all the best|best wishes|regards|best regards|kind regards|warm regards|warmly|talk soon|speak soon|see you(?: \w+)?|until then|take care|sent from my \w+)\s*[,.!]*$",
        )
        .expect("sign-off pattern compiles"),
        title: Regex::new(r"(?i)\b1[:-]1s?\b|\b1-?on-?1\b|\bone[- ]on[- ]ones?\b|\bagenda\b|\s(?:/|<>|x)\s")
            .expect("title pattern compiles"),
    })
}

/// A line that names the meeting as a title does ("Health & Safety — monthly 1:1 with
/// the Plant VP", "Legal / Privacy agenda").
pub(crate) fn names_the_meeting(line: &str) -> bool {
    vocabulary().title.is_match(line)
}

/// A chat client's header line pasted with the message: a name of up to three words and
/// a time ("dana 9:42 AM", "Sam Lee — 14:05"), or the time in brackets before the name
/// ("[10:02] Aisha Khan", as Teams and Slack copy it), not a time said in a phrase
/// ("standup at 9:30"). It is neither talk nor a label: read past like a tag.
pub(super) fn is_chat_header(line: &str) -> bool {
    if let Some((time, name)) = line
        .trim()
        .strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
    {
        let only_a_time = time
            .trim()
            .trim_end_matches(['a', 'p', 'A', 'P', 'm', 'M'])
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b' ');
        return only_a_time && is_chat_header(&[name.trim(), " ", time.trim()].concat());
    }
    const BEFORE_A_TIME: &[&str] = &[
        "at", "to", "by", "from", "until", "till", "before", "after", "around", "since", "on",
    ];
    let line = line.trim();
    let line = match line.len().checked_sub(2).and_then(|at| line.get(at..)) {
        Some(m) if m.eq_ignore_ascii_case("am") || m.eq_ignore_ascii_case("pm") => {
            line[..line.len() - 2].trim_end()
        }
        _ => line,
    };
    // The time: one or two digits, a colon, two digits.
    let Some((before, minutes)) = line.rsplit_once(':') else {
        return false;
    };
    let hours = before.bytes().rev().take_while(u8::is_ascii_digit).count();
    if minutes.len() != 2
        || !minutes.bytes().all(|b| b.is_ascii_digit())
        || !(1..=2).contains(&hours)
    {
        return false;
    }
    let rest = &before[..before.len() - hours];
    if !rest.ends_with(char::is_whitespace) {
        return false;
    }
    // The name: one to three words of letters (and . ' ’ -), perhaps a dash before the time.
    let name = rest.trim_end().trim_end_matches(['—', '–', '-']).trim_end();
    let words: Vec<&str> = name.split(' ').collect();
    let is_word = |w: &&str| {
        w.starts_with(char::is_alphabetic)
            && w.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c))
    };
    (1..=3).contains(&words.len())
        && words.iter().all(is_word)
        && !BEFORE_A_TIME
            .iter()
            .any(|b| words.last().is_some_and(|w| w.eq_ignore_ascii_case(b)))
}

/// Marks the blocks (in text order) that are an email's envelope. `body_end` is where
/// the top may end: the first heading, if any (an envelope comes before any heading).
pub(super) fn envelope(blocks: &[(OpenBlock, Range<usize>)], first_heading: usize) -> Vec<bool> {
    let v = vocabulary();
    let mut out = vec![false; blocks.len()];
    let lines = |b: &OpenBlock| -> Vec<String> {
        b.plain
            .split('\n')
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    };
    let words = |l: &str| l.split_whitespace().count();
    // The top: a title line ("Facilities 1:1 — Kofi / Amara, 10 Dec": one line of its
    // own, no sentence, naming the meeting or its date), header lines, then a greeting.
    for (i, (block, _)) in blocks.iter().enumerate().take(4) {
        if block.kind != BlockKind::Paragraph || block.start >= first_heading {
            break;
        }
        let lines = lines(block);
        let headers = !lines.is_empty() && lines.iter().all(|l| v.header.is_match(l));
        let greeting = lines.len() == 1 && words(&lines[0]) <= 6 && v.greeting.is_match(&lines[0]);
        let title = i == 0
            && lines.len() == 1
            && words(&lines[0]) <= 12
            && !lines[0].ends_with(['.', '!', '?', ':', ','])
            && (v.title.is_match(&lines[0]) || crate::dates::holds_date(&lines[0]));
        if !(headers || greeting || title) {
            break;
        }
        out[i] = true;
    }
    // The end: a sign-off line with at most a few short lines after it (a name, a
    // title), and perhaps the name as a paragraph of its own ("Cheers,\n\nOla").
    let short = |l: &String| words(l) <= 3 && !l.ends_with(['.', '?', ':']);
    let sign_off = |i: usize| {
        let (block, _) = &blocks[i];
        let lines = lines(block);
        block.kind == BlockKind::Paragraph
            && !out[i]
            && lines.first().is_some_and(|l| v.sign_off.is_match(l))
            && lines[1..].iter().all(short)
    };
    let Some(last) = blocks.len().checked_sub(1) else {
        return out;
    };
    if sign_off(last) {
        out[last] = true;
    } else if last > 0 && sign_off(last - 1) {
        let (block, _) = &blocks[last];
        let lines = lines(block);
        if block.kind == BlockKind::Paragraph && lines.len() <= 2 && lines.iter().all(short) {
            out[last - 1] = true;
            out[last] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{is_chat_header, vocabulary};

    #[test]
    fn a_chat_header_is_a_name_and_a_time() {
        assert!(is_chat_header("dana 9:42 AM"));
        assert!(is_chat_header("Sam Lee — 14:05"));
        assert!(!is_chat_header("standup at 9:30"));
        assert!(!is_chat_header("we moved the call to 9:30 am"));
        assert!(is_chat_header("Émilie Durand – 9:05am"));
        assert!(is_chat_header("o'neil 11:15 PM"));
        assert!(is_chat_header("İlker Yılmaz 9:30"));
        assert!(!is_chat_header("Standup At 9:30"));
        assert!(is_chat_header("[10:02] Aisha Khan"));
        assert!(is_chat_header("[9:41 AM] ravi"));
        assert!(!is_chat_header("[10:02] we moved the standup"));
        assert!(!is_chat_header("[ticket 9:30] Aisha"));
        assert!(!is_chat_header("sync at 9:30"));
        assert!(!is_chat_header("dana 9:4"));
        assert!(!is_chat_header("dana9:42"));
        assert!(!is_chat_header("the four of us met 9:30"));
    }

    /// "hey sam, notes for thurs" opens the talk: a greeting holds a name at most after
    /// its comma.
    #[test]
    fn a_greeting_ends_at_its_name() {
        let greeting = &vocabulary().greeting;
        assert!(greeting.is_match("Good morning, Dana,"));
        assert!(greeting.is_match("hey sam,"));
        assert!(!greeting.is_match("hey sam, notes for thurs"));
        assert!(greeting.is_match("hey!"));
        assert!(!greeting.is_match("hey! few things for today"));
    }

    /// A name alone is a greeting only with the comma or dash after it ("Priya,"): a
    /// bold part name alone on its line near the top ("**Outcome**") is a label.
    #[test]
    fn a_name_alone_greets_only_with_its_comma() {
        let greeting = &vocabulary().greeting;
        assert!(greeting.is_match("Priya,"));
        assert!(greeting.is_match("Sam Lee —"));
        assert!(!greeting.is_match("Outcome"));
        assert!(!greeting.is_match("Notes"));
        let agenda = crate::Agenda::parse(
            "**Notes**\n\n**Outcome**\n\nEveryone on the new leave policy by Jan 1.\n",
            usize::MAX,
        );
        assert_eq!(agenda.sections.len(), 1, "{:?}", agenda.sections);
        assert_eq!(agenda.sections[0].kind, crate::PartKind::Outcome);
    }
}
