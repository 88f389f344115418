//! Parsing the next version of a document by patching the last one.
//!
//! Most keystrokes change a few characters inside the words of one paragraph or list
//! item: they cannot change the document's Markdown structure, its headings or its
//! labels, only that block's sentences, and every offset after them. [`ParseMemo::patch`]
//! recognises such an edit by conservative conditions on the characters it changes and on
//! the line it is on, and then re-splits just that block's prose and shifts every range
//! after the edit. Whatever it cannot prove local (a character that is Markdown syntax
//! anywhere on the line, an edit within a line's first word, a document over the
//! analysis budget) goes through the full parse. The result is exactly the full parse's,
//! which `tests/memo.rs` checks on arbitrary agendas and edit sequences.

use super::{block_norm, line_start, sentences_of, words, Agenda, OpenBlock, ParseMemo, PartKind};
use std::ops::Range;

/// What the builder made the agenda's blocks from.
#[derive(Debug)]
pub(super) struct Sources {
    /// Each paragraph and list item: its plain text mapped to the source, and the range
    /// pulldown-cmark gave it.
    pub blocks: Vec<(OpenBlock, Range<usize>)>,
    /// For each of [`Agenda::blocks`]: which of `blocks` it is part of, and where in that
    /// block's plain text (a label splits a block in pieces).
    pub pieces: Vec<(usize, Range<usize>)>,
}

/// The latest version parsed: its text, its agenda, and what the agenda was made of.
#[derive(Debug)]
pub(super) struct Last {
    text: String,
    budget: usize,
    agenda: Agenda,
    sources: Sources,
}

/// Bytes that are Markdown syntax somewhere in a line, or that make a label (`:`): an
/// edit on a line holding any of them is never patched.
const SYNTAX: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"*_~`[]<>&\\|!#:=$^{}";
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// ASCII punctuation an edit may type or delete besides letters, digits, spaces and any
/// character outside ASCII (none of which is Markdown syntax). None of it is syntax
/// after a line's first word once brackets are ruled out; what it changes (sentence
/// ends, normalised text) is recomputed.
const PUNCTUATION: &str = ".,;?'\"()-/%+";

impl ParseMemo {
    /// Keeps a full parse and its sources for patching the next version (not for a
    /// document over the budget, which is never patched).
    pub(super) fn remember(
        &mut self,
        text: &str,
        budget: usize,
        agenda: &Agenda,
        mut sources: Sources,
    ) {
        if agenda.is_limited() {
            self.last = None;
            return;
        }
        // Emphasis only serves to find labels, which a patch never changes.
        for (block, _) in &mut sources.blocks {
            block.emphasis = Vec::new();
            block.emphasis_open = Vec::new();
        }
        self.last = Some(Box::new(Last {
            text: text.to_string(),
            budget,
            agenda: agenda.clone(),
            sources,
        }));
    }

    /// The parse of `text` made by patching the last version's, when the edit between
    /// them is one that cannot change anything but one block's prose; `None` when it
    /// might (the caller then parses in full, which replaces the remembered version).
    pub(super) fn patch(&mut self, text: &str, budget: usize) -> Option<Agenda> {
        let mut last = self.last.take()?;
        let agenda = patched(&mut last, text, budget)?;
        self.last = Some(last);
        self.patched += 1;
        Some(agenda)
    }
}

fn patched(last: &mut Last, text: &str, budget: usize) -> Option<Agenda> {
    if last.budget != budget || text.len() > budget || last.agenda.is_limited() {
        return None;
    }
    let old = last.text.as_str();
    let (p, e0, e1) = changed(old, text);
    if p == e0 && p == e1 {
        return Some(last.agenda.clone());
    }
    let (removed, inserted) = (&old[p..e0], &text[p..e1]);
    let plain_char =
        |c: char| c == ' ' || c.is_ascii_alphanumeric() || !c.is_ascii() || PUNCTUATION.contains(c);
    if !removed.chars().chain(inserted.chars()).all(plain_char) {
        return None;
    }
    // The line holding the edit: no syntax anywhere on it, and the edit comes after the
    // start of its second word (a list marker, its spacing and a line's first word stay
    // as they were). Either a word follows the edit on the line, or the edit ends the
    // line and the line ends in a word before and after it: trailing spaces would make
    // a line break of their own.
    let ls = line_start(old, p);
    let le = old[e0..].find(['\n', '\r']).map_or(old.len(), |i| e0 + i);
    if old.as_bytes()[ls..le].iter().any(|&b| SYNTAX[b as usize]) {
        return None;
    }
    let before = old[ls..p].trim_start();
    let gap = before.find(char::is_whitespace)?;
    if before[gap..].trim_start().is_empty() {
        return None;
    }
    let at_end = e0 == le;
    let ends_in_word = |s: &str| s.chars().next_back().is_some_and(|c| !c.is_whitespace());
    if at_end {
        if !ends_in_word(&old[..p]) || !ends_in_word(&text[..e1]) {
            return None;
        }
    } else if old[e0..le].trim().is_empty() {
        return None;
    }

    // The block whose prose holds the edit, and the exact stretch of plain text it is in.
    let bi = last
        .agenda
        .blocks
        .iter()
        .position(|b| b.range.start < p && (e0 < b.range.end || at_end && e0 == b.range.end))?;
    let (fi, piece) = last.sources.pieces.get(bi)?.clone();
    let (block, outer) = last.sources.blocks.get(fi)?;
    // A bracket anywhere in the block could open a link whose parts span lines.
    let source = &old.as_bytes()[outer.start.min(block.start)..outer.end];
    if memchr::memchr2(b'[', b']', source).is_some() {
        return None;
    }
    let si = block
        .segments
        .partition_point(|s| s.src.start < p)
        .checked_sub(1)?;
    let seg = &block.segments[si];
    // The edit is inside a stretch that is its source byte for byte, or at the end of
    // one that ends the line.
    if !seg.exact || seg.src.end < e0 || seg.src.end == e0 && !at_end {
        return None;
    }
    let q = seg.plain + (p - seg.src.start);
    let q_end = q + removed.len();
    if !(piece.start < q && (q_end < piece.end || at_end && q_end == piece.end))
        || block.plain.get(q..q_end) != Some(removed)
    {
        return None;
    }

    // From here on the remembered version is rewritten; a `None` leaves it to the full
    // parse that follows, which replaces it.
    let delta = e1 as isize - e0 as isize;
    let shift = |x: usize| {
        if x >= e0 {
            x.wrapping_add_signed(delta)
        } else {
            x
        }
    };
    let shift_range = |r: &mut Range<usize>| *r = shift(r.start)..shift(r.end);
    for (b, outer) in &mut last.sources.blocks {
        if outer.end < p && b.outer.end < p {
            continue;
        }
        b.start = shift(b.start);
        shift_range(&mut b.outer);
        shift_range(outer);
        for s in &mut b.segments {
            shift_range(&mut s.src);
            shift_range(&mut s.outer);
        }
    }
    let (block, _) = &mut last.sources.blocks[fi];
    block.plain.replace_range(q..q + removed.len(), inserted);
    for s in &mut block.segments[si + 1..] {
        s.plain = s.plain.wrapping_add_signed(delta);
    }
    for (k, (f, r)) in last.sources.pieces.iter_mut().enumerate() {
        if k == bi {
            r.end = r.end.wrapping_add_signed(delta);
        } else if *f == fi && r.start > q {
            *r = r.start.wrapping_add_signed(delta)..r.end.wrapping_add_signed(delta);
        }
    }

    // The block's prose, split again as the builder splits it.
    let piece = last.sources.pieces[bi].1.clone();
    let block = &last.sources.blocks[fi].0;
    let plain = &block.plain[piece.clone()];
    let found = sentences_of(plain);
    if found.is_empty() {
        return None;
    }
    let lead = plain.len() - plain.trim_start().len();
    let trail = plain.len() - plain.trim_end().len();
    let range_start = block.map(piece.start + lead, false);
    let range_end = block.map(piece.end - trail, true).max(range_start);

    let a = &mut last.agenda;
    for s in &mut a.sections {
        shift_range(&mut s.heading);
        shift_range(&mut s.range);
        s.content_start = shift(s.content_start);
    }
    for b in &mut a.blocks {
        shift_range(&mut b.range);
        shift_range(&mut b.outer);
    }
    for s in &mut a.sentences {
        shift_range(&mut s.range);
    }
    for t in &mut a.tables {
        shift_range(&mut t.range);
    }
    if let Some(f) = a.front_matter.as_mut() {
        shift_range(f);
    }
    if a.blocks[bi].range != (range_start..range_end) {
        return None;
    }

    // The block's sentences replace the old ones; later indices move with their count.
    let old_sentences = a.blocks[bi].sentences.clone();
    let section = a.blocks[bi].section;
    let counts = a.kind_of_section(section) != PartKind::PreRead;
    let (norm, new) = block_norm(&found);
    if counts {
        let gone: usize = a.sentences[old_sentences.clone()]
            .iter()
            .map(|s| words(&s.norm))
            .sum();
        a.words = (a.words + new).checked_sub(gone)?;
    }
    let fresh: Vec<_> = found
        .into_iter()
        .map(|(r, norm)| super::Sentence {
            range: block.map(piece.start + r.start, false)..block.map(piece.start + r.end, true),
            norm,
            block: bi,
            section,
        })
        .collect();
    let added = fresh.len() as isize - old_sentences.len() as isize;
    let moved = |i: usize| {
        if i >= old_sentences.end {
            i.wrapping_add_signed(added)
        } else {
            i
        }
    };
    a.sentences.splice(old_sentences.clone(), fresh);
    let new_sentences = old_sentences.start..moved(old_sentences.end);
    a.blocks[bi].sentences = new_sentences.clone();
    for b in &mut a.blocks[bi + 1..] {
        b.sentences = moved(b.sentences.start)..moved(b.sentences.end);
    }
    for s in &mut a.sections {
        s.first_sentence = s.first_sentence.map(moved);
    }
    if let Some(i) = section {
        let s = &mut a.sections[i];
        s.sentence_count = s.sentence_count.checked_add_signed(added)?;
    }
    a.blocks[bi].norm = norm;
    a.len = text.len();
    a.analysed = text.len();

    last.text.replace_range(p..e0, inserted);
    debug_assert_eq!(last.text, text);
    Some(last.agenda.clone())
}

/// Where two texts differ: the end of their common start, and where the change ends in
/// the old and in the new text. All three are character boundaries.
fn changed(old: &str, new: &str) -> (usize, usize, usize) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut p = common_prefix(a, b);
    while !(old.is_char_boundary(p) && new.is_char_boundary(p)) {
        p -= 1;
    }
    let mut s = common_suffix(&a[p..], &b[p..]);
    while !(old.is_char_boundary(a.len() - s) && new.is_char_boundary(b.len() - s)) {
        s -= 1;
    }
    (p, a.len() - s, b.len() - s)
}

/// Compared 64 bytes at a time first: a memcmp of a block is cheaper than its bytes one
/// by one, and documents are mostly unchanged.
const CHUNK: usize = 64;

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + CHUNK <= n && a[i..i + CHUNK] == b[i..i + CHUNK] {
        i += CHUNK;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + CHUNK <= n && a[n - i - CHUNK..n - i] == b[n - i - CHUNK..n - i] {
        i += CHUNK;
    }
    i + a[..n - i]
        .iter()
        .rev()
        .zip(b[..n - i].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_change_between_two_texts() {
        assert_eq!(changed("abc", "abc"), (3, 3, 3));
        assert_eq!(changed("abc", "abXc"), (2, 2, 3));
        assert_eq!(changed("abXc", "abc"), (2, 3, 2));
        // A repeated letter: the change is placed as late as the common start allows.
        assert_eq!(changed("aa", "aaa"), (2, 2, 3));
        // Never inside a character: é and è share their first byte.
        assert_eq!(changed("xé", "xè"), (1, 3, 3));
        let long = "word ".repeat(100);
        let edited = format!("{}Z{}", &long[..250], &long[250..]);
        assert_eq!(changed(&long, &edited), (250, 250, 251));
    }
}
