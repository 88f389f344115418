//! Splitting prose into sentences.
//!
//! A sentence ends at `.`, `!`, `?`, `…` (and the CJK `。！？`) followed by a space or the
//! end, except after an abbreviation ("e.g.", "vs.", "Inc."), an initial, or a decimal
//! point. Lower-case text after `!` or `?` still starts a new sentence, so lower-case
//! writing splits too. A blank line always ends one; a single line break does when the
//! line before is complete and the next starts like a sentence, or, in lower-case writing,
//! when the writer broke the line (see [`line_break_ends_sentence`]).

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "inc", "ltd", "jr", "sr", "st", "approx",
    "no", "fig", "cf", "al", "est", "dept", "co", "corp", "mt", "prof", "eg", "ie", "u.s", "a.m",
    "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "q", "wk", "min", "max", "avg", "ref", "re", "ca", "incl", "excl", "w", "wrt", "resp", "esp",
    "viz", "pp", "vol", "p.s", "ps", "ft", "hr", "hrs", "mins", "yr", "yrs", "mo", "mos", "eta",
    "aka", "misc",
];

/// Whether the line break at `i` (a sentence began at `start`) ends a sentence. A blank
/// line always does. A single break does when the line before is complete and the next
/// begins like a new sentence; and, in lower-case writing, when the break was the writer's
/// own: the line before is longer than anyone wraps prose (100 characters), or the next
/// line's first word would have fitted on it within the block's longest line, which a
/// wrapping editor would have done. `longest` keeps that length once worked out.
fn line_break_ends_sentence(
    plain: &str,
    start: usize,
    i: usize,
    longest: &mut Option<usize>,
) -> bool {
    let rest = &plain[i + 1..];
    // A blank line (or one of only spaces, a CR, a non-breaking space) ends a sentence.
    let next_line = rest.split('\n').next().unwrap_or("");
    if next_line.trim().is_empty() {
        return true;
    }
    let Some(n) = rest.chars().next() else {
        return true;
    };
    // A chat message ("[4:12 PM] mei: …") is a sentence of its own, whatever ends the one
    // before ("where it's at:").
    if crate::agenda::chat_prefix(next_line).is_some() {
        return true;
    }
    let prev = plain[start..i].trim_end().chars().last();
    if prev.is_some_and(|p| ",;:(-–—/&+".contains(p)) {
        return false;
    }
    if n.is_uppercase() || n.is_ascii_digit() || !(n.is_alphabetic() || n.is_whitespace()) {
        return true;
    }
    let line = plain[..i]
        .rfind('\n')
        .map_or(&plain[..i], |b| &plain[b + 1..i]);
    let line_len = line.trim_end().chars().count();
    if line_len > 100 {
        return true;
    }
    let word = next_line
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    let longest = *longest.get_or_insert_with(|| {
        plain
            .split('\n')
            .map(|l| l.trim_end().chars().count())
            .max()
            .unwrap_or(0)
    });
    line_len + 1 + word <= longest
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// What may follow a terminator and still belong to it: more terminators, closing quotes
/// and brackets, emphasis markers.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']' | '*' | '_' | '」' | '』'
    )
}

/// Splits plain prose into sentence ranges (byte offsets into `plain`), trimmed.
pub fn split_sentences(plain: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    each_sentence(plain, |r| out.push(r));
    out
}

/// [`split_sentences`], handing each range to `emit` in order instead of collecting them.
pub fn each_sentence(plain: &str, mut emit: impl FnMut(Range<usize>)) {
    let mut start = 0;
    let mut push = |from: usize, to: usize| {
        let s = &plain[from..to];
        let lead = s.len() - s.trim_start().len();
        let lead = lead + outline_number(&s[lead..]);
        let trimmed = s[lead..].trim();
        if !trimmed.is_empty() {
            emit(from + lead..from + lead + trimmed.len());
        }
    };
    let mut longest = None;
    let mut i = 0;
    while let Some(c) = plain[i..].chars().next() {
        if c == '\n' {
            // A blank line always ends a sentence; a single line break does when the
            // line before is complete and the next begins like a new sentence.
            let boundary = line_break_ends_sentence(plain, start, i, &mut longest);
            if boundary {
                push(start, i);
                start = i + 1;
            }
            i += 1;
            continue;
        }
        if !is_terminator(c) {
            i += c.len_utf8();
            continue;
        }
        // Swallow the run of terminators and closing marks.
        let mut end = i + c.len_utf8();
        let mut run = 1;
        while let Some(d) = plain[end..].chars().next().filter(|&d| is_closing(d)) {
            end += d.len_utf8();
            run += 1;
        }
        let boundary = if matches!(c, '。' | '！' | '？') {
            true
        } else {
            match plain[end..].chars().next() {
                None => true,
                Some(n) if n.is_whitespace() => {
                    let after = plain[end..].trim_start().chars().next();
                    let lowercase_follows = after.is_some_and(|a| a.is_lowercase());
                    let ellipsis = c == '…' || (c == '.' && run >= 3);
                    // An abbreviation after a number ("on 18 Dec.", "22 min.") that a
                    // capital follows ends the sentence: dates and units end sentences.
                    // So does a letter naming one of several ("in hall B.", "plan B."),
                    // where an initial would start a name, and a month ("up from 240 in
                    // Oct. That's …"): a date goes on with a number, not a capital.
                    let capital_follows = after.is_some_and(|a| a.is_uppercase());
                    let abbrev = c == '.'
                        && end == i + 1
                        && is_abbreviation(plain, i)
                        && !(capital_follows
                            && (after_a_number(plain, i)
                                || a_lettered_one(plain, i)
                                || a_month(plain, i)));
                    // After "!" or "?", or a full stop ending an ordinary word, a new
                    // sentence starts even in lower case; an ellipsis followed by lower
                    // case trails off and continues.
                    !(abbrev || (ellipsis && lowercase_follows))
                }
                Some(_) => false,
            }
        };
        if boundary {
            push(start, end);
            start = end;
        }
        i = end;
    }
    if start < plain.len() {
        push(start, plain.len());
    }
}

/// Nouns that name one of several by a letter ("hall B", "plan B", "option A").
const LETTERED: &[&str] = &[
    "hall", "building", "plan", "option", "phase", "wave", "block", "gate", "dock", "zone", "line",
    "tier", "type", "grade", "site", "lane", "bay", "level", "floor", "wing", "room", "round",
    "section", "track", "cohort", "variant", "scenario", "shift", "unit", "ward",
];

/// The length of an outline number and its space before a capital ("4.2 I'd rather …",
/// "2.1 The submission …", as Word and Confluence number sub-points), which is no part of
/// the sentence; else 0. A number of the sentence's own ("2.5 FTE", "1.2 million") has no
/// capitalised word after it.
fn outline_number(s: &str) -> usize {
    let number = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let levels = s[..number].trim_end_matches('.').split('.');
    let outline = number > 0
        && levels.clone().count() >= 2
        // Not a time or a date ("10.30 Standup", "07.12 Kickoff").
        && levels
            .clone()
            .all(|l| (1..=2).contains(&l.len()) && !l.starts_with('0'));
    let rest = &s[number..];
    let text = rest.trim_start_matches(' ');
    // A capitalised word, not an acronym ("2.5 FTE").
    let mut chars = text.chars();
    let word = chars.next().is_some_and(char::is_uppercase)
        && chars
            .next()
            .is_none_or(|c| c.is_lowercase() || c == '\'' || c == '’' || c == ' ');
    if outline && text.len() < rest.len() && word {
        s.len() - text.len()
    } else {
        0
    }
}

/// Whether the word before the full stop at `dot` is one capital letter naming one of
/// several ("hall B", "plan B"), not an initial ("J. Smith", "met with J. Smith").
fn a_lettered_one(plain: &str, dot: usize) -> bool {
    let (letter, before) = last_two_words(plain, dot);
    letter.chars().count() == 1
        && letter.chars().all(char::is_uppercase)
        && LETTERED.iter().any(|w| w.eq_ignore_ascii_case(before))
}

/// Whether the word before the full stop at `dot` is a month's abbreviation ("Oct").
fn a_month(plain: &str, dot: usize) -> bool {
    let (word, _) = last_two_words(plain, dot);
    crate::dates::is_month_abbreviation(word)
}

/// Whether the word before the full stop at `dot` follows a number ("18 Dec", "22 min").
fn after_a_number(plain: &str, dot: usize) -> bool {
    let (_, before) = last_two_words(plain, dot);
    !before.is_empty() && before.chars().all(|ch| ch.is_ascii_digit())
}

/// The word before the full stop at `dot`, and the word before that ("" when none).
fn last_two_words(plain: &str, dot: usize) -> (&str, &str) {
    let mut words = plain[..dot].rsplit(char::is_whitespace);
    (words.next().unwrap_or(""), words.next().unwrap_or(""))
}

/// Whether the word before the full stop at `dot` is an abbreviation, an initial or
/// holds a dot of its own ("e.g", "U.S", "3.5").
fn is_abbreviation(plain: &str, dot: usize) -> bool {
    let word_start = plain[..dot]
        .char_indices()
        .rev()
        .find(|&(_, ch)| ch.is_whitespace() || ch == '(')
        .map_or(0, |(p, ch)| p + ch.len_utf8());
    let word = plain[word_start..dot].trim_start_matches(['"', '\'', '“', '‘']);
    // A bracket closes before the stop: "(we're at 12.9k). Referral …" ends there.
    if word.ends_with([')', ']']) {
        return false;
    }
    // A number ending the sentence ("since v5.2. Almost every review …", "up 3.5. The
    // rest …") holds its own dot, not an abbreviation's; one opening it ("4.2. I'd
    // rather …") numbers an outline's point.
    let opens = plain[..word_start]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?'));
    if word.ends_with(|c: char| c.is_ascii_digit()) && !opens {
        return false;
    }
    // "No." abbreviates a number ("No. 4 line", "No. of escalations"), but a capital or
    // the end after it ends the sentence: "they might say no. Which …".
    if word.eq_ignore_ascii_case("no") {
        return !plain[dot + 1..]
            .trim_start()
            .chars()
            .next()
            .is_none_or(char::is_uppercase);
    }
    word.len() <= 7
        && (word.contains('.')
            || (word.chars().count() == 1 && word.chars().all(|ch| ch.is_alphabetic()))
            || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn a_version_or_decimal_ends_a_sentence() {
        assert_eq!(
            pieces("Down from 4.6 to 4.3 since v5.2. Almost every review mentions it."),
            [
                "Down from 4.6 to 4.3 since v5.2.",
                "Almost every review mentions it."
            ]
        );
        assert_eq!(pieces("Use e.g. Slack."), ["Use e.g. Slack."]);
    }

    #[test]
    fn no_abbreviates_only_a_number() {
        assert_eq!(
            pieces("Hallett is slower and they might say no. Which would you rather?"),
            [
                "Hallett is slower and they might say no.",
                "Which would you rather?"
            ]
        );
        assert_eq!(pieces("Line No. 4 is down."), ["Line No. 4 is down."]);
        assert_eq!(
            pieces("No. of escalations doubled."),
            ["No. of escalations doubled."]
        );
    }

    #[test]
    fn a_month_before_a_capital_ends_the_sentence() {
        assert_eq!(
            pieces("Skin temp is 310, up from 240 in Oct. That's the curve of 2023."),
            [
                "Skin temp is 310, up from 240 in Oct.",
                "That's the curve of 2023."
            ]
        );
        // A date goes on with a number, and lower case goes on too.
        assert_eq!(
            pieces("Due Oct. 5 at the latest."),
            ["Due Oct. 5 at the latest."]
        );
        assert_eq!(
            pieces("Since Sept. the queue has doubled."),
            ["Since Sept. the queue has doubled."]
        );
    }

    #[test]
    fn a_stop_after_a_bracket_ends_the_sentence() {
        assert_eq!(
            pieces("Get to 15k by Dec 31 (we're at 12.9k). Referral is the lever."),
            [
                "Get to 15k by Dec 31 (we're at 12.9k).",
                "Referral is the lever."
            ]
        );
        assert_eq!(
            pieces("Ship it (see e.g.). Then stop."),
            ["Ship it (see e.g.).", "Then stop."]
        );
    }

    #[test]
    fn an_outline_number_is_no_part_of_its_sentence() {
        assert_eq!(
            pieces("2.1 The file is late. 4.2. I'd rather wait."),
            ["The file is late.", "I'd rather wait."]
        );
        assert_eq!(pieces("2.5 FTE short."), ["2.5 FTE short."]);
        assert_eq!(pieces("2.5 million views."), ["2.5 million views."]);
        assert_eq!(pieces("3 Ways to win."), ["3 Ways to win."]);
        assert_eq!(pieces("07.12 Kickoff moved."), ["07.12 Kickoff moved."]);
    }

    #[test]
    fn sentences_split_at_terminators_not_abbreviations() {
        let text = "We shipped v2.1 (e.g. the export). Churn is up!  Next: hiring…\nI'd pause.";
        let got = pieces(text);
        assert_eq!(
            got,
            [
                "We shipped v2.1 (e.g. the export).",
                "Churn is up!",
                "Next: hiring…",
                "I'd pause."
            ]
        );
    }

    /// A date or a unit ends a sentence when a capital follows; before a number or in
    /// lower case it stays an abbreviation.
    #[test]
    fn a_date_or_a_unit_ends_a_sentence_before_a_capital() {
        assert_eq!(
            pieces("Both renewals close on 18 Dec. If they slip, we miss the quarter."),
            [
                "Both renewals close on 18 Dec.",
                "If they slip, we miss the quarter."
            ]
        );
        assert_eq!(
            pieces("Proofing runs late by 22 min. Four bakers are on the early shift."),
            [
                "Proofing runs late by 22 min.",
                "Four bakers are on the early shift."
            ]
        );
        assert_eq!(
            pieces("We moved the stock to hall B. Marek's team fixed the trailers."),
            [
                "We moved the stock to hall B.",
                "Marek's team fixed the trailers."
            ]
        );
        assert_eq!(
            pieces("We hired Sam J. Lee and met with J. Smith.").len(),
            1
        );
        assert_eq!(pieces("We ship on Dec. 18 to all stores.").len(), 1);
        assert_eq!(pieces("Due 18 Dec. at the latest.").len(), 1);
        assert_eq!(pieces("Ask Dr. Okafor first.").len(), 1);
    }

    /// Lower-case lines the writer broke on purpose are sentences; prose wrapped by an
    /// editor is not split at its line breaks.
    #[test]
    fn lower_case_lines_broken_on_purpose_are_sentences() {
        let chat = "main thing for q1 = dispatch at 95%, we are at 88\nwhat worries me: the night shift lost nine people since october and the new ones do not know the loading order yet\nlmk what you think";
        assert_eq!(pieces(chat).len(), 3, "{:?}", pieces(chat));
        let wrapped = "the migration is riskier than the plan says because three consumers\nthat nobody owns still read the old queue directly and we will only\nfind them when they break";
        assert_eq!(pieces(wrapped).len(), 1, "{:?}", pieces(wrapped));
        let open = "we could pause the beta,\nor ship it to half";
        assert_eq!(pieces(open).len(), 1);
    }

    /// CJK terminators end a sentence with no space after them; a decimal point, an
    /// ellipsis trailing into lower case and an emoji do not; lower case after "?" does.
    #[test]
    fn terminators_in_every_script() {
        let text = "上线推迟了。客户在等？ Churn is 3.5% 🎯 now… and rising. ok? fine";
        let got = pieces(text);
        assert_eq!(
            got,
            [
                "上线推迟了。",
                "客户在等？",
                "Churn is 3.5% 🎯 now… and rising.",
                "ok?",
                "fine"
            ]
        );
    }

    /// Lines of nothing but spaces (a pasted document's non-breaking ones, a CR) end a
    /// sentence as a blank line does.
    #[test]
    fn a_line_of_spaces_is_a_blank_line() {
        let text = "we ship friday\n\u{a0}\nthe vendor slipped\r\n\r\nok";
        let got = pieces(text);
        assert_eq!(got, ["we ship friday", "the vendor slipped", "ok"]);
    }

    /// A chat message is a sentence of its own, even after a line that ends with a colon.
    #[test]
    fn a_chat_message_starts_a_sentence() {
        let text = "[9:14] ana.ruiz: status so far:\n[9:14] ana.ruiz: kiosk 4 repaired\n[9:15] ana.ruiz: rota sent";
        let got = pieces(text);
        assert_eq!(
            got,
            [
                "[9:14] ana.ruiz: status so far:",
                "[9:14] ana.ruiz: kiosk 4 repaired",
                "[9:15] ana.ruiz: rota sent"
            ]
        );
    }
}
