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
    let start = rope.line_to_char(line);
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

#[cfg(test)]
mod tests {
    use super::*;

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
