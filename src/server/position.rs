//! Position conversion: the one place where LSP positions meet byte offsets.
//!
//! LSP counts `character` in UTF-16 code units unless the client and server agree on
//! UTF-8 during `initialize`. Lines end at `\n`, `\r\n` or `\r` (ropey's `cr_lines`).
//!
//! Clamping rules (the spec's, made total):
//! - a line past the last line means the end of the document;
//! - a character past the end of its line means the end of that line (before its break);
//! - a UTF-16 position inside a surrogate pair, or a UTF-8 position inside a character,
//!   moves back to the start of that character.

use ropey::Rope;
use std::ops::Range;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// Picks UTF-8 when the client offers it, else the protocol's default, UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The char index where a line's content ends (before its line break).
fn line_content_end_char(rope: &Rope, line: usize) -> usize {
    let start = rope.line_to_char(line);
    let next = if line + 1 < rope.len_lines() {
        rope.line_to_char(line + 1)
    } else {
        rope.len_chars()
    };
    let mut end = next;
    if end > start && rope.char(end - 1) == '\n' {
        end -= 1;
    }
    if end > start && rope.char(end - 1) == '\r' {
        end -= 1;
    }
    end
}

/// The char index of an LSP position, clamped.
pub fn position_to_char(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let col = pos.character as usize;
    // Typing happens near the start of short lines: walking the line's first characters
    // in the rope's chunk costs less than the four tree lookups below. Long columns, and
    // lines that leave their chunk before the column, take the lookups, which do not
    // depend on the line's length.
    if col <= SHORT_COLUMN {
        let line_byte = rope.line_to_byte(line);
        let (chunk, chunk_byte, chunk_char, _) = rope.chunk_at_byte(line_byte);
        let from = line_byte - chunk_byte;
        let last = chunk_byte + chunk.len() == rope.len_bytes();
        if let Some(n) = bytes_before_column(&chunk[from..], col, enc, last) {
            return chunk_char + ropey::str_utils::byte_to_char_idx(chunk, from + n);
        }
    }
    column_by_lookup(rope, line, rope.line_to_char(line), col, enc)
}

/// How many bytes of `line` (the rest of a chunk from a line's start) come before
/// column `col`: up to the line break, and never into a character that `col` falls
/// inside. `None` when the chunk ends first, unless it is the document's `last`.
fn bytes_before_column(line: &str, col: usize, enc: Encoding, last: bool) -> Option<usize> {
    let mut units = 0;
    for (at, c) in line.char_indices() {
        let width = match enc {
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf8 => c.len_utf8(),
        };
        if c == '\n' || c == '\r' || units + width > col {
            return Some(at);
        }
        units += width;
    }
    last.then_some(line.len())
}

/// [`position_to_char`] for any column, by tree lookups.
fn column_by_lookup(rope: &Rope, line: usize, start: usize, col: usize, enc: Encoding) -> usize {
    let end = line_content_end_char(rope, line);
    match enc {
        Encoding::Utf16 => {
            let start_cu = rope.char_to_utf16_cu(start);
            let end_cu = rope.char_to_utf16_cu(end);
            let target = (start_cu + col).min(end_cu);
            // utf16_cu_to_char rounds a unit inside a surrogate pair down to its char.
            rope.utf16_cu_to_char(target)
        }
        Encoding::Utf8 => {
            let start_b = rope.char_to_byte(start);
            let end_b = rope.char_to_byte(end);
            let target = (start_b + col).min(end_b);
            // byte_to_char maps a byte inside a character to that character.
            rope.byte_to_char(target)
        }
    }
}

/// Columns up to which [`position_to_char`] walks the line instead of looking it up.
const SHORT_COLUMN: usize = 256;

/// The byte offset of an LSP position, clamped.
pub fn position_to_byte(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    rope.char_to_byte(position_to_char(rope, pos, enc))
}

/// The LSP position of a byte offset (clamped to the document, moved back to a char start).
pub fn byte_to_position(rope: &Rope, byte: usize, enc: Encoding) -> Position {
    let byte = byte.min(rope.len_bytes());
    let char_idx = rope.byte_to_char(byte);
    let line = rope.char_to_line(char_idx);
    let line_start = rope.line_to_char(line);
    let character = match enc {
        Encoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_start),
        Encoding::Utf8 => rope.char_to_byte(char_idx) - rope.char_to_byte(line_start),
    };
    Position::new(line as u32, character as u32)
}

pub fn byte_range_to_lsp(
    rope: &Rope,
    range: &Range<usize>,
    enc: Encoding,
) -> tower_lsp_server::ls_types::Range {
    tower_lsp_server::ls_types::Range::new(
        byte_to_position(rope, range.start, enc),
        byte_to_position(rope, range.end, enc),
    )
}

/// Places many byte offsets of one text: the positions [`byte_to_position`] gives on a
/// rope of the same text, from a table of line starts found with memchr. Publishing a
/// document's diagnostics converts every range; walking the rope for each end costs
/// more than the whole table.
pub struct Placer<'t> {
    text: &'t str,
    starts: Vec<usize>,
    enc: Encoding,
}

impl<'t> Placer<'t> {
    pub fn new(text: &'t str, enc: Encoding) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        Placer { text, starts, enc }
    }

    pub fn position(&self, byte: usize) -> Position {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= byte) - 1;
        let start = self.starts[line];
        let character = match self.enc {
            Encoding::Utf16 => self.text[start..byte].chars().map(char::len_utf16).sum(),
            Encoding::Utf8 => byte - start,
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, range: &Range<usize>) -> tower_lsp_server::ls_types::Range {
        tower_lsp_server::ls_types::Range::new(self.position(range.start), self.position(range.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The placer puts every byte offset where the rope does, in both encodings.
        #[test]
        fn the_placer_agrees_with_the_rope(
            text in "([a-z ]|\r\n|\r|\n|é|😀|東京|\t){0,80}",
            offsets in prop::collection::vec(0usize..400, 1..20),
        ) {
            let rope = Rope::from_str(&text);
            for enc in [Encoding::Utf16, Encoding::Utf8] {
                let placer = Placer::new(&text, enc);
                for &b in &offsets {
                    prop_assert_eq!(placer.position(b), byte_to_position(&rope, b, enc), "{:?} at {}", text, b);
                }
                prop_assert_eq!(placer.position(text.len()), byte_to_position(&rope, text.len(), enc));
            }
        }
    }

    proptest! {
        /// Walking a line's first characters in its chunk finds the same place as the
        /// tree lookups: for columns inside characters, past the line's end, on CRLF and
        /// CR lines, and on lines that cross the rope's chunks (a long text, built by
        /// inserting pieces, as edits build it).
        #[test]
        fn the_column_walk_agrees_with_the_lookup(
            pieces in prop::collection::vec(
                ("([a-z ]|é|😀|東京|e\u{301}){0,60}", prop::sample::select(&["", "", "", "", "\n", "\r\n", "\r"][..])),
                1..80,
            ),
            line in 0usize..200,
            col in 0usize..300,
        ) {
            let mut rope = Rope::new();
            for (piece, line_break) in &pieces {
                let at = rope.len_chars() / 2;
                rope.insert(at, line_break);
                rope.insert(at, piece);
            }
            let line = line % rope.len_lines();
            let start = rope.line_to_char(line);
            for enc in [Encoding::Utf16, Encoding::Utf8] {
                prop_assert_eq!(
                    position_to_char(&rope, Position::new(line as u32, col as u32), enc),
                    column_by_lookup(&rope, line, start, col, enc),
                    "line {} col {}", line, col
                );
            }
        }
    }

    /// Either side of the column where the walk gives way to the lookups.
    #[test]
    fn long_columns_agree_across_the_switch() {
        let text = format!("{}\r\nnext", "a😀東".repeat(120));
        let rope = Rope::from_str(&text);
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            for col in [254, 255, 256, 257, 258, 300, 5000] {
                let found = position_to_char(&rope, Position::new(0, col as u32), enc);
                assert_eq!(
                    found,
                    column_by_lookup(&rope, 0, 0, col, enc),
                    "{enc:?} column {col}"
                );
            }
        }
    }

    #[test]
    fn utf16_counts_surrogate_pairs_and_clamps() {
        let rope = Rope::from_str("a😀b\r\nsecond\rthird");
        // "b" is after 1 + 2 UTF-16 units, but after 1 + 4 bytes.
        assert_eq!(
            position_to_byte(&rope, Position::new(0, 3), Encoding::Utf16),
            5
        );
        assert_eq!(
            position_to_byte(&rope, Position::new(0, 5), Encoding::Utf8),
            5
        );
        // Inside the surrogate pair: back to the emoji's start.
        assert_eq!(
            position_to_byte(&rope, Position::new(0, 2), Encoding::Utf16),
            1
        );
        // Past the end of a line: its end, before the CRLF.
        assert_eq!(
            position_to_byte(&rope, Position::new(0, 99), Encoding::Utf16),
            6
        );
        // A lone CR ends a line.
        assert_eq!(
            position_to_byte(&rope, Position::new(2, 0), Encoding::Utf16),
            15
        );
        // Past the last line: end of the document.
        assert_eq!(
            position_to_byte(&rope, Position::new(9, 0), Encoding::Utf16),
            rope.len_bytes()
        );
        assert_eq!(
            byte_to_position(&rope, 5, Encoding::Utf16),
            Position::new(0, 3)
        );
        assert_eq!(
            byte_to_position(&rope, 5, Encoding::Utf8),
            Position::new(0, 5)
        );
        assert_eq!(
            byte_to_position(&rope, 8, Encoding::Utf16),
            Position::new(1, 0)
        );
    }

    #[test]
    fn cjk_and_combining_marks() {
        let rope = Rope::from_str("東京e\u{301}x");
        assert_eq!(
            position_to_byte(&rope, Position::new(0, 2), Encoding::Utf16),
            6
        );
        assert_eq!(
            position_to_byte(&rope, Position::new(0, 4), Encoding::Utf16),
            9
        );
        assert_eq!(
            position_to_byte(&rope, Position::new(0, 7), Encoding::Utf8),
            7
        );
        // Inside the combining mark: back to its start.
        assert_eq!(
            position_to_byte(&rope, Position::new(0, 8), Encoding::Utf8),
            7
        );
    }
}
