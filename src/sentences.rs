//! Splitting prose into sentences.
//!
//! A sentence ends at `.`, `!`, `?`, `…` (and the CJK `。！？`) followed by a space or the
//! end, except after an abbreviation ("e.g.", "vs.", "Inc."), an initial, or a decimal
//! point. Lower-case text after `!` or `?` still starts a new sentence, so lower-case
//! writing splits too. A blank line always ends one; a single line break does when the
//! line before is complete and the next starts like a sentence.
//!
//! The scan looks at bytes, not characters: only a terminator or a line break can end a
//! sentence, and each of them starts with a byte that a table recognises (`.`, `!`, `?`,
//! `\n`, or the lead byte of `…`, `。`, `！`, `？`), so ordinary text costs one table
//! look-up per byte and nothing is decoded until a candidate turns up.

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "inc", "ltd", "jr", "sr", "st", "approx",
    "no", "fig", "cf", "al", "est", "dept", "co", "corp", "mt", "prof", "eg", "ie", "u.s", "a.m",
    "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "q", "wk", "min", "max", "avg", "ref", "re", "ca", "incl", "excl", "w", "wrt", "resp", "esp",
    "viz", "pp", "vol", "p.s", "ps", "ft", "hr", "hrs", "mins", "yr", "yrs", "mo", "mos", "eta",
    "aka", "misc",
];

/// Bytes that may start a terminator or a line break.
const CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\n' as usize] = true;
    // Lead bytes of "…" (E2), "。" (E3) and "！？" (EF).
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

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
    let Some(n) = rest.chars().next() else {
        return true;
    };
    if n == '\n' {
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
    let word = rest
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
    let bytes = plain.as_bytes();
    let mut start = 0;
    let mut push = |from: usize, to: usize| {
        let s = &plain[from..to];
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        if !trimmed.is_empty() {
            emit(from + lead..from + lead + trimmed.len());
        }
    };
    let mut longest = None;
    let mut i = 0;
    while i < bytes.len() {
        if !CANDIDATE[bytes[i] as usize] {
            i += 1;
            continue;
        }
        // A candidate byte always starts a character: ASCII, or a lead byte.
        let Some(c) = plain[i..].chars().next() else {
            break;
        };
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
                    let abbrev = c == '.' && end == i + 1 && is_abbreviation(plain, i);
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
    if start < bytes.len() {
        push(start, bytes.len());
    }
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
    word.len() <= 7
        && (word.contains('.')
            || (word.chars().count() == 1 && word.chars().all(|ch| ch.is_alphabetic()))
            || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The character-by-character splitter the byte scan must match.
    fn reference_split(plain: &str) -> Vec<Range<usize>> {
        const ABBREVIATIONS: &[&str] = &[
            "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "inc", "ltd", "jr", "sr", "st",
            "approx", "no", "fig", "cf", "al", "est", "dept", "co", "corp", "mt", "prof", "eg",
            "ie", "u.s", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
            "sept", "oct", "nov", "dec", "q", "wk", "min", "max", "avg", "ref", "re", "ca", "incl",
            "excl", "w", "wrt", "resp", "esp", "viz", "pp", "vol", "p.s", "ps", "ft", "hr", "hrs",
            "mins", "yr", "yrs", "mo", "mos", "eta", "aka", "misc",
        ];
        let bytes = plain.as_bytes();
        let mut out = Vec::new();
        let mut start = 0;
        let mut longest = None;
        let push = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
            let s = &plain[from..to];
            let lead = s.len() - s.trim_start().len();
            let trimmed = s.trim();
            if !trimmed.is_empty() {
                out.push(from + lead..from + lead + trimmed.len());
            }
        };
        // Only terminators and line breaks matter: skip to them byte by byte (every other
        // byte of a multi-byte character is above 0x80 and never a terminator's first byte
        // except 0xE2, 0xE3, 0xEF, which are decoded below).
        let mut iter = plain
            .char_indices()
            .filter(|(_, c)| {
                matches!(
                    c,
                    '.' | '!'
                        | '?'
                        | '…'
                        | '。'
                        | '！'
                        | '？'
                        | '\n'
                        | '"'
                        | '\''
                        | '”'
                        | '’'
                        | ')'
                        | ']'
                        | '*'
                        | '_'
                        | '」'
                        | '』'
                )
            })
            .peekable();
        while let Some((i, c)) = iter.next() {
            match c {
                '.' | '!' | '?' | '…' | '。' | '！' | '？' => {
                    // Swallow the run of terminators and closing marks.
                    let mut end = i + c.len_utf8();
                    let mut run = 1;
                    while let Some(&(j, d)) = iter.peek() {
                        if j == end
                            && matches!(
                                d,
                                '.' | '!'
                                    | '?'
                                    | '…'
                                    | '"'
                                    | '\''
                                    | '”'
                                    | '’'
                                    | ')'
                                    | ']'
                                    | '*'
                                    | '_'
                                    | '」'
                                    | '』'
                            )
                        {
                            end = j + d.len_utf8();
                            run += 1;
                            iter.next();
                        } else {
                            break;
                        }
                    }
                    let cjk = matches!(c, '。' | '！' | '？');
                    let next = plain[end..].chars().next();
                    let boundary = if cjk {
                        true
                    } else {
                        match next {
                            None => true,
                            Some(n) if n.is_whitespace() => {
                                let after = plain[end..].trim_start().chars().next();
                                let lowercase_follows = after.is_some_and(|a| a.is_lowercase());
                                let ellipsis = c == '…' || (c == '.' && run >= 3);
                                let abbrev = c == '.' && end == i + 1 && {
                                    let word_start = plain[..i]
                                        .char_indices()
                                        .rev()
                                        .find(|&(_, ch)| ch.is_whitespace() || ch == '(')
                                        .map_or(0, |(p, ch)| p + ch.len_utf8());
                                    let word = plain[word_start..i]
                                        .trim_start_matches(['"', '\'', '“', '‘']);
                                    word.len() <= 7
                                        && (word.contains('.')
                                            || (word.chars().count() == 1
                                                && word.chars().all(|ch| ch.is_alphabetic()))
                                            || ABBREVIATIONS
                                                .iter()
                                                .any(|a| a.eq_ignore_ascii_case(word)))
                                };
                                // After "!" or "?", or a full stop ending an ordinary word, a new
                                // sentence starts even in lower case; an ellipsis followed by
                                // lower case trails off and continues.
                                !(abbrev || (ellipsis && lowercase_follows))
                            }
                            Some(_) => false,
                        }
                    };
                    if boundary {
                        push(start, end, &mut out);
                        start = end;
                    }
                }
                '\n' => {
                    // A blank line always ends a sentence; a single line break does when the
                    // line before is complete and the next begins like a new sentence.
                    let boundary = line_break_ends_sentence(plain, start, i, &mut longest);
                    if boundary {
                        push(start, i, &mut out);
                        start = i + 1;
                    }
                }
                _ => {}
            }
        }
        if start < bytes.len() {
            push(start, bytes.len(), &mut out);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn splitting_matches_the_reference(
            text in "(?s)[ \\na-zA-Z0-9.!?…。！？\"'”’)\\]*_」』(“‘,;:é東🎯\u{a0}\u{2028}-]{0,60}|\\PC{0,40}"
        ) {
            proptest::prop_assert_eq!(split_sentences(&text), reference_split(&text));
        }
    }

    #[test]
    fn sentences_split_at_terminators_not_abbreviations() {
        let text = "We shipped v2.1 (e.g. the export). Churn is up!  Next: hiring…\nI'd pause.";
        let got: Vec<&str> = split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
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

    /// Lower-case lines the writer broke on purpose are sentences; prose wrapped by an
    /// editor is not split at its line breaks.
    #[test]
    fn lower_case_lines_broken_on_purpose_are_sentences() {
        let split = |text: &str| -> Vec<String> {
            split_sentences(text)
                .into_iter()
                .map(|r| text[r].to_string())
                .collect()
        };
        let chat = "main thing for q1 = dispatch at 95%, we are at 88\nwhat worries me: the night shift lost nine people since october and the new ones do not know the loading order yet\nlmk what you think";
        assert_eq!(split(chat).len(), 3, "{:?}", split(chat));
        let wrapped = "the migration is riskier than the plan says because three consumers\nthat nobody owns still read the old queue directly and we will only\nfind them when they break";
        assert_eq!(split(wrapped).len(), 1, "{:?}", split(wrapped));
        let open = "we could pause the beta,\nor ship it to half";
        assert_eq!(split(open).len(), 1);
    }
}
