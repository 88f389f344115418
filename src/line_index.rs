//! Byte offset ↔ line and column, for output that people read (`check`).
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as in the Language Server Protocol.
//! The server does its own conversion on ropes; this index serves the command line.

/// Line starts of a text, built once.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// 0-based line and 0-based column in characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        (line, text[start..end].chars().count())
    }

    /// The text of a 0-based line, without its line break.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.starts.get(line).copied().unwrap_or(text.len());
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_cr() {
        let text = "a\r\nb\rc\n😀é";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 3), (1, 0));
        assert_eq!(idx.line_col(text, 5), (2, 0));
        assert_eq!(idx.line_col(text, text.len()), (3, 2));
        assert_eq!(idx.line(text, 0), "a");
        assert_eq!(idx.line(text, 3), "😀é");
    }
}
