//! Normalised text: what every pattern of the catalogue reads.

/// Lower-cases, straightens quotes, collapses whitespace and drops leading bullets,
/// quotes and emoji, so that patterns see "we're still working on…" for
/// “We’re  still working on…”.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalise_into(text, &mut out);
    out
}

/// [`normalise`], appending to `out` (a buffer kept between calls saves an allocation
/// per sentence).
pub fn normalise_into(text: &str, out: &mut String) {
    let from = out.len();
    fold_into(text, out);
    restore_apostrophes(out, from);
}

/// Contractions written without their apostrophe, as on a phone ("im seeing", "dont",
/// "thats"), and the words they stand for. Only words that are nothing else: "its",
/// "well", "were", "id", "ill" and "lets" are words of their own.
const BARE_CONTRACTIONS: &[(&str, &str)] = &[
    ("im", "i'm"),
    ("ive", "i've"),
    ("dont", "don't"),
    ("cant", "can't"),
    ("wont", "won't"),
    ("isnt", "isn't"),
    ("arent", "aren't"),
    ("wasnt", "wasn't"),
    ("werent", "weren't"),
    ("didnt", "didn't"),
    ("doesnt", "doesn't"),
    ("havent", "haven't"),
    ("hasnt", "hasn't"),
    ("hadnt", "hadn't"),
    ("shouldnt", "shouldn't"),
    ("wouldnt", "wouldn't"),
    ("couldnt", "couldn't"),
    ("thats", "that's"),
    ("whats", "what's"),
    ("theres", "there's"),
    ("theyre", "they're"),
    ("youre", "you're"),
    ("weve", "we've"),
    ("theyve", "they've"),
    ("youve", "you've"),
    ("youd", "you'd"),
    ("itll", "it'll"),
    ("youll", "you'll"),
    ("theyll", "they'll"),
];

/// Puts the apostrophe back into the [`BARE_CONTRACTIONS`] of `out[from..]`, a word at a
/// time (a word is a run of ASCII letters with no apostrophe, digit or other letter at
/// either end: "thats—" is one, "dontÉ" is not).
fn restore_apostrophes(out: &mut String, from: usize) {
    let text = &out[from..];
    let bytes = text.as_bytes();
    let bounded = |c: Option<char>| c.is_none_or(|c| !(c == '\'' || c.is_alphanumeric()));
    let mut fixed: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        if !(bounded(text[..start].chars().next_back()) && bounded(text[i..].chars().next())) {
            continue;
        }
        if let Some((_, full)) = BARE_CONTRACTIONS
            .iter()
            .find(|(bare, _)| *bare == &text[start..i])
        {
            let buf = fixed.get_or_insert_with(|| String::with_capacity(text.len() + 8));
            buf.push_str(&text[copied..start]);
            buf.push_str(full);
            copied = i;
        }
    }
    if let Some(mut buf) = fixed {
        buf.push_str(&text[copied..]);
        out.truncate(from);
        out.push_str(&buf);
    }
}

/// Lower-cases, straightens and collapses `text` into `out`.
fn fold_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut i = 0;
    // Before the first kept character: whitespace, bullets, quotes and emoji go.
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() || b == b'[' || b == b'#' {
                break;
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_alphanumeric() || is_status_mark(c) {
            break;
        }
        i += c.len_utf8();
    }
    let mut pending_space = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                pending_space = true;
                i += 1;
                continue;
            }
            // A run of plain ASCII with single spaces (most of a sentence) is copied in
            // one go and lower-cased in place; a backtick, a line break, a tab, a second
            // space or a non-ASCII byte ends it.
            let mut run = i;
            while run < bytes.len() {
                let c = bytes[run];
                if RUN_STOP[c as usize]
                    || (c == b' '
                        && !bytes
                            .get(run + 1)
                            .is_some_and(|&n| !RUN_STOP[n as usize] && n != b' '))
                {
                    break;
                }
                run += 1;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            let from = out.len();
            if run > i {
                out.push_str(&text[i..run]);
                out[from..].make_ascii_lowercase();
                i = run;
            } else {
                // The run stopped at once: a backtick (read as an apostrophe) or a space
                // before more whitespace.
                if b == b' ' {
                    pending_space = true;
                } else {
                    out.push(char::from(ASCII_FOLD[b as usize]));
                }
                i += 1;
            }
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        // A bound written as a sign ("Login success ≥ 99.9%") reads as the words.
        if let Some(words) = match c {
            '\u{2265}' => Some("at least"),
            '\u{2264}' => Some("at most"),
            _ => None,
        } {
            // Set off by spaces even when written against the words ("uptime≥99.9%").
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(words);
            pending_space = true;
            continue;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{FF07}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\u{3000}' => ' ',
            '\u{FF1F}' => '?',
            '\u{FF01}' => '!',
            '\u{FF1A}' => ':',
            _ => c,
        };
        if c == ' ' {
            pending_space = true;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
}

/// Bytes that end a run copied as it is: whitespace other than a space, a backtick, and
/// anything outside ASCII.
const RUN_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0x80;
    while i < 256 {
        t[i] = true;
        i += 1;
    }
    t[b'\t' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'`' as usize] = true;
    t
};

/// ASCII lower-casing, with a backtick read as an apostrophe.
const ASCII_FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).to_ascii_lowercase();
        i += 1;
    }
    t[b'`' as usize] = b'\'';
    t
};

fn is_status_mark(c: char) -> bool {
    matches!(c, '✅' | '☑' | '✔' | '✓' | '🟢' | '🟡' | '🔴' | '⏳' | '🚧')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward character-by-character normaliser the fast one must match.
    fn reference_normalise(text: &str) -> String {
        let mut out: Vec<u8> = Vec::with_capacity(text.len());
        let mut pending_space = false;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII fast path: most agendas are mostly ASCII.
            if b < 0x80 {
                i += 1;
                let c = match b {
                    b'`' => b'\'',
                    b'\t' | b'\n' | b'\r' | b' ' => {
                        pending_space = !out.is_empty();
                        continue;
                    }
                    _ => b,
                };
                if out.is_empty() && !(c.is_ascii_alphanumeric() || c == b'[' || c == b'#') {
                    continue;
                }
                if pending_space {
                    out.push(b' ');
                    pending_space = false;
                }
                out.push(c.to_ascii_lowercase());
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            let bound = match c {
                '\u{2265}' => "at least",
                '\u{2264}' => "at most",
                _ => "",
            };
            if !bound.is_empty() {
                if !out.is_empty() {
                    out.push(b' ');
                    out.extend_from_slice(bound.as_bytes());
                    pending_space = true;
                }
                continue;
            }
            let c = match c {
                '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{FF07}' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => '"',
                '\u{00A0}' | '\u{2009}' | '\u{202F}' | '\u{3000}' => ' ',
                '\u{FF1F}' => '?',
                '\u{FF01}' => '!',
                '\u{FF1A}' => ':',
                _ => c,
            };
            if c == ' ' {
                pending_space = !out.is_empty();
                continue;
            }
            if out.is_empty() && !(c.is_alphanumeric() || is_status_mark(c)) {
                continue;
            }
            if pending_space {
                out.push(b' ');
                pending_space = false;
            }
            let mut buf = [0u8; 4];
            if c.is_uppercase() {
                for l in c.to_lowercase() {
                    out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
                }
            } else {
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
        // Only whole characters were pushed, so this cannot fail.
        String::from_utf8(out).unwrap_or_default()
    }

    fn fold(text: &str) -> String {
        let mut out = String::new();
        fold_into(text, &mut out);
        out
    }

    proptest::proptest! {
        #[test]
        fn normalise_matches_the_reference(text in "(?s)[ \\t\\r\\na-zA-Z0-9`'\\[#.,:;!?*_-]{0,40}|\\PC{0,40}|[ \\tA-Za-z`“”‘’\u{a0}\u{3000}\u{2009}✅🟢ÉßİΣ\u{ff1f}\u{ff01}≥≤-]{0,40}") {
            proptest::prop_assert_eq!(fold(&text), reference_normalise(&text));
            // Putting contractions' apostrophes back adds apostrophes and nothing else.
            proptest::prop_assert_eq!(
                normalise(&text).replace('\'', ""),
                reference_normalise(&text).replace('\'', "")
            );
        }
    }

    #[test]
    fn normalise_straightens_and_trims() {
        assert_eq!(
            normalise("  “We’re   still\nworking”"),
            "we're still working\""
        );
        assert_eq!(normalise("- ✅ Done"), "✅ done");
        assert_eq!(
            normalise("Login success ≥ 99.9%, errors ≤2%"),
            "login success at least 99.9%, errors at most 2%"
        );
        assert_eq!(normalise("uptime≥99.9%"), "uptime at least 99.9%");
    }

    /// A contraction written without its apostrophe reads as the contraction; a word
    /// that is also a word of its own ("its", "were", "well") stays as written.
    #[test]
    fn bare_contractions_get_their_apostrophe() {
        assert_eq!(
            normalise("what im seeing: the kids arent the ones we expected, thats it"),
            "what i'm seeing: the kids aren't the ones we expected, that's it"
        );
        assert_eq!(
            normalise("Dont worry, its fine and we were well."),
            "don't worry, its fine and we were well."
        );
        assert_eq!(normalise("Im"), "i'm");
        assert_eq!(
            normalise("don't imagine simple IMs"),
            "don't imagine simple ims"
        );
        assert_eq!(normalise("dont\u{e9} im2"), "dont\u{e9} im2");
        assert_eq!(
            normalise("thats\u{2014}dont\u{2026}"),
            "that's\u{2014}don't\u{2026}"
        );
    }
}
