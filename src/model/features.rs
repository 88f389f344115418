//! The features the model reads from a normalised sentence.
//!
//! The sentence is first *prepared*: Google-Docs export escapes (`\-`, `\.`) lose their
//! backslash and every run of digits becomes `0`, so "41%" and "38%" read alike. It is then
//! split into tokens: words (letters, digits and inner apostrophes) and the punctuation
//! that carries meaning (`?`, `!`, `:`, `;`, dashes, and any symbol or emoji). From these:
//!
//! - `w:` every token;
//! - `b:` every pair of neighbouring tokens, with `<s>` and `</s>` at the ends, so the
//!   first and last words count on their own ("b:<s> spent", "b:? </s>");
//! - `t:` every three neighbouring tokens;
//! - `c:` character n-grams of 3 to 5 characters of the words, spaced and padded ("c: sp",
//!   "c:pent "), which carry what a word's form says ("-ed", "-ing", "i'd ") and survive
//!   typos and spelling variants (the shipped model reads the 3-grams, at a lower value
//!   than the words: see `docs/judgment.md` for the trials);
//! - `n:` the sentence's length in tokens, in buckets.
//!
//! A feature is known by a 64-bit hash of its text ([`hash`]); the model looks hashes up,
//! and [`each_hash`] computes them from each token's hash without building any text.

use super::table::{finish, fnv, step, FNV_OFFSET};
pub use super::table::{hash, BIAS};

/// Character n-gram lengths.
const CHAR_MIN: usize = 3;
const CHAR_MAX: usize = 5;

/// Which kinds of feature to read: a set of `w` (words), `b` (word pairs), `t` (word
/// triples), `c3`, `c4`, `c5` (character n-grams) and `n` (length).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kinds(u8);

impl Kinds {
    const NAMES: [&'static str; 7] = ["w", "b", "t", "c3", "c4", "c5", "n"];
    pub const ALL: Kinds = Kinds(0x7f);
    const W: u8 = 1;
    const B: u8 = 1 << 1;
    const T: u8 = 1 << 2;
    const C3: u8 = 1 << 3;
    const N: u8 = 1 << 6;

    /// Kinds named in a list separated by spaces or commas; unknown names are ignored.
    pub fn parse(list: &str) -> Kinds {
        let mut bits = 0;
        for name in list.split([' ', ',']) {
            if let Some(i) = Kinds::NAMES.iter().position(|n| *n == name) {
                bits |= 1 << i;
            }
        }
        Kinds(bits)
    }

    fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }

    /// Whether character n-grams of `n` characters are read.
    fn has_grams(self, n: usize) -> bool {
        (CHAR_MIN..=CHAR_MAX).contains(&n) && self.has(Kinds::C3 << (n - CHAR_MIN))
    }
}

/// Calls `emit` with the text of every feature of the given kinds of a normalised
/// sentence, in order (a feature that occurs twice is emitted twice).
pub fn each(norm: &str, kinds: Kinds, mut emit: impl FnMut(&str)) {
    let mut buf = String::with_capacity(64);
    walk(norm, kinds, |parts| {
        buf.clear();
        for p in parts {
            buf.push_str(p);
        }
        emit(&buf);
    });
}

/// Calls `emit` with the hash of every feature of the given kinds of a normalised
/// sentence: the same as [`hash`] of each text [`each`] gives, in the same order, but each
/// token is hashed once and no text is built.
pub fn each_hash(norm: &str, kinds: Kinds, mut emit: impl FnMut(u64)) {
    let prepared = prepare(norm);
    let tokens = tokens(&prepared);
    let th: Vec<u64> = tokens.iter().map(|t| fnv(FNV_OFFSET, t)).collect();
    if kinds.has(Kinds::W) {
        let seed = fnv(FNV_OFFSET, "w");
        for &t in &th {
            emit(finish(step(seed, t)));
        }
    }
    let (pairs, triples) = (kinds.has(Kinds::B), kinds.has(Kinds::T));
    if pairs || triples {
        let (b, t3) = (fnv(FNV_OFFSET, "b"), fnv(FNV_OFFSET, "t"));
        let start = fnv(FNV_OFFSET, "<s>");
        let mut prev = [start, start];
        for &t in th.iter().chain(&[fnv(FNV_OFFSET, "</s>")]) {
            if pairs {
                emit(finish(step(step(b, prev[1]), t)));
            }
            if triples {
                emit(finish(step(step(step(t3, prev[0]), prev[1]), t)));
            }
            prev = [prev[1], t];
        }
    }
    let grams = fnv(FNV_OFFSET, "c");
    each_gram(&prepared, &tokens, kinds, |gram| {
        emit(finish(step(grams, fnv(FNV_OFFSET, gram))))
    });
    if kinds.has(Kinds::N) {
        let bucket = length_bucket(tokens.len());
        emit(hash(bucket));
    }
}

/// Every feature, as the parts its text is made of.
fn walk(norm: &str, kinds: Kinds, emit: impl FnMut(&[&str])) {
    let prepared = prepare(norm);
    let tokens = tokens(&prepared);
    walk_tokens(&prepared, &tokens, kinds, emit);
}

fn walk_tokens(prepared: &str, tokens: &[&str], kinds: Kinds, mut emit: impl FnMut(&[&str])) {
    if kinds.has(Kinds::W) {
        for t in tokens {
            emit(&["w:", t]);
        }
    }
    let (pairs, triples) = (kinds.has(Kinds::B), kinds.has(Kinds::T));
    if pairs || triples {
        let mut prev = ["<s>", "<s>"];
        for &t in tokens.iter().chain(&["</s>"]) {
            if pairs {
                emit(&["b:", prev[1], " ", t]);
            }
            if triples {
                emit(&["t:", prev[0], " ", prev[1], " ", t]);
            }
            prev = [prev[1], t];
        }
    }
    each_gram(prepared, tokens, kinds, |gram| emit(&["c:", gram]));
    if kinds.has(Kinds::N) {
        emit(&[length_bucket(tokens.len())]);
    }
}

/// Calls `f` with every character n-gram of the kinds asked for: over the words only, one
/// space between words and at the ends, skipping grams of fewer than two non-space
/// characters.
fn each_gram(prepared: &str, tokens: &[&str], kinds: Kinds, mut f: impl FnMut(&str)) {
    let lengths = (CHAR_MIN..=CHAR_MAX).filter(|&n| kinds.has_grams(n));
    let mut spaced = String::new();
    let mut starts: Vec<usize> = Vec::new();
    for n in lengths {
        if spaced.is_empty() {
            spaced.reserve(prepared.len() + 2);
            spaced.push(' ');
            for t in tokens.iter().filter(|t| is_word(t)) {
                spaced.push_str(t);
                spaced.push(' ');
            }
            starts = spaced.char_indices().map(|(i, _)| i).collect();
        }
        for start in 0..starts.len().saturating_sub(n - 1) {
            let to = starts.get(start + n).copied().unwrap_or(spaced.len());
            let gram = &spaced[starts[start]..to];
            if gram.chars().filter(|&c| c != ' ').nth(1).is_some() {
                f(gram);
            }
        }
    }
}

/// The length feature of a sentence of `tokens` tokens.
fn length_bucket(tokens: usize) -> &'static str {
    match tokens {
        0..=2 => "n:1-2",
        3..=4 => "n:3-4",
        5..=7 => "n:5-7",
        8..=11 => "n:8-11",
        12..=17 => "n:12-17",
        18..=26 => "n:18-26",
        _ => "n:27+",
    }
}

/// Drops export escapes and turns digit runs into `0`.
fn prepare(norm: &str) -> String {
    let mut out = String::with_capacity(norm.len());
    let mut in_digits = false;
    for c in norm.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('0');
            }
            in_digits = true;
            continue;
        }
        in_digits = false;
        if c == '\\' {
            continue;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Words and meaningful punctuation, in order: slices of `text`, but for a spaced hyphen,
/// which reads as a dash.
fn tokens(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::with_capacity(text.len() / 4 + 1);
    let mut word: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let inner_apostrophe =
            c == '\'' && word.is_some() && next.is_some_and(char::is_alphanumeric);
        if c.is_alphanumeric() || inner_apostrophe {
            word.get_or_insert(i);
            continue;
        }
        if let Some(start) = word.take() {
            out.push(&text[start..i]);
        }
        let here = &text[i..i + c.len_utf8()];
        match c {
            '?' | '!' | ':' | ';' | '—' | '–' | '→' | '&' | '+' | '/' | '$' | '%' | '@' => {
                out.push(here)
            }
            '-' if next == Some(' ') => out.push("—"),
            _ if c.is_whitespace() || c.is_ascii_punctuation() => {}
            // Quotes, brackets and other punctuation say little; symbols and emoji say
            // "status mark" or "chat".
            '‘' | '’' | '“' | '”' | '«' | '»' | '…' | '·' | '•' => {}
            _ => out.push(here),
        }
    }
    if let Some(start) = word {
        out.push(&text[start..]);
    }
    out
}

fn is_word(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        each(s, Kinds::ALL, |f| out.push(f.to_string()));
        out
    }

    #[test]
    fn features_read_words_pairs_and_forms() {
        let f = all("spent 3 days on it\\. thoughts?");
        for want in [
            "w:spent",
            "w:0",
            "w:?",
            "b:<s> spent",
            "b:? </s>",
            "b:it thoughts",
            "t:<s> spent 0",
            "c: sp",
            "c:ent ",
            "n:5-7",
        ] {
            assert!(f.iter().any(|x| x == want), "{want} missing from {f:?}");
        }
        assert!(!f.iter().any(|x| x.contains('\\')), "{f:?}");
    }

    #[test]
    fn hashes_are_the_hashes_of_the_texts() {
        let s = "we're 80% there — spent it all?\\- ✅ 東京";
        let mut texts = Vec::new();
        each(s, Kinds::ALL, |f| texts.push(hash(f)));
        let mut hashes = Vec::new();
        each_hash(s, Kinds::ALL, |h| hashes.push(h));
        assert_eq!(texts, hashes);
        assert!(texts.len() > 20);
    }

    #[test]
    fn features_of_odd_text_do_not_panic() {
        for s in [
            "",
            " ",
            "?",
            "✅",
            "a",
            "😀😀 ß 東京 'x' -",
            "0000000",
            "\\\\",
        ] {
            let mut n = 0;
            each(s, Kinds::ALL, |_| n += 1);
            assert!(n >= 1, "{s:?}");
        }
    }
}
