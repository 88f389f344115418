//! Front matter: a block of YAML at the very top of an agenda, between `---` lines.
//!
//! pulldown-cmark's metadata-block extension opens a block at any `---` line that a
//! closing line follows somewhere below, also in the middle of a document, where `---`
//! is a thematic break and what follows is the agenda's prose. So the builder finds the
//! front matter itself, only at the top, and parses the rest without the extension.
//! (The extension's search for a closing line also runs to the end of the text from
//! every `---` line: quadratic on many of them.)

use std::ops::Range;

/// The front matter at the start of `text` (after a byte order mark, if any): a line of
/// exactly three `-` (then only whitespace), a first line that is neither blank nor a
/// closing line, and later a closing line: exactly three `-` or three `.`, then only
/// spaces. The range runs from the opening dashes to the end of the closing line,
/// without its line break. Lines end at LF, CRLF or CR.
pub fn front_matter(text: &str) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = Lines { bytes, at: start };
    let open = lines.next()?;
    let dashes = bytes[open.clone()]
        .iter()
        .take_while(|&&b| b == b'-')
        .count();
    if dashes != 3
        || !bytes[open.start + 3..open.end]
            .iter()
            .all(u8::is_ascii_whitespace)
    {
        return None;
    }
    let first = lines.next()?;
    if bytes[first.clone()].iter().all(u8::is_ascii_whitespace) || closes(&bytes[first]) {
        return None;
    }
    lines
        .find(|line| closes(&bytes[line.clone()]))
        .map(|close| start..close.end)
}

/// Where the body starts after front matter that ends at `end`: past its line break.
pub fn after(text: &str, end: usize) -> usize {
    match text.as_bytes().get(end..end + 2) {
        Some(b"\r\n") => end + 2,
        _ => (end + 1).min(text.len()),
    }
}

/// A closing line: exactly three `-` or three `.`, then only spaces.
fn closes(line: &[u8]) -> bool {
    let Some(&mark @ (b'-' | b'.')) = line.first() else {
        return false;
    };
    line.len() >= 3 && line[..3].iter().all(|&b| b == mark) && line[3..].iter().all(|&b| b == b' ')
}

/// The text's lines from `at`, each without its line break.
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Iterator for Lines<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if self.at >= self.bytes.len() {
            return None;
        }
        let start = self.at;
        let rest = &self.bytes[start..];
        let len = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(rest.len());
        let end = start + len;
        self.at = match rest.get(len..len + 2) {
            Some(b"\r\n") => end + 2,
            _ => end + 1,
        };
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::{after, front_matter};

    fn fm(text: &str) -> Option<&str> {
        front_matter(text).map(|r| &text[r])
    }

    #[test]
    fn front_matter_at_the_top() {
        assert_eq!(
            fm("---\nwith: Dana\n---\n\n# 1:1\n"),
            Some("---\nwith: Dana\n---")
        );
        assert_eq!(
            fm("---  \nwith: Dana\n...   \nBody"),
            Some("---  \nwith: Dana\n...   ")
        );
        assert_eq!(
            fm("---\r\nwith: Dana\r\n---\r\n"),
            Some("---\r\nwith: Dana\r\n---")
        );
        assert_eq!(fm("---\rwith: Dana\r---\r"), Some("---\rwith: Dana\r---"));
        assert_eq!(
            fm("\u{feff}---\nwith: Dana\n---"),
            Some("---\nwith: Dana\n---")
        );
        // The closing line may come after blank lines inside the block.
        assert_eq!(
            fm("---\na: 1\n\nb: 2\n---\n"),
            Some("---\na: 1\n\nb: 2\n---")
        );
    }

    #[test]
    fn not_front_matter() {
        for text in [
            "",
            "---",
            "---\n",
            "---\nwith: Dana\n",               // never closed
            "---\n\nwith: Dana\n---\n",        // blank first line
            "---\n---\n",                      // empty block
            "----\nwith: Dana\n----\n",        // four dashes open nothing
            "--- x\nwith: Dana\n---\n",        // text after the dashes
            " ---\nwith: Dana\n---\n",         // indented
            "---\nwith: Dana\n---x\n",         // the closer must be only dashes
            "---\nwith: Dana\n----\n",         // and exactly three
            "---\nwith: Dana\n ---\n",         // at the start of its line
            "---\nwith: Dana\n---\t\n",        // then only spaces
            "# 1:1\n\n---\nwith: Dana\n---\n", // not at the top
        ] {
            assert_eq!(fm(text), None, "{text:?}");
        }
    }

    #[test]
    fn the_body_starts_past_the_closing_line_break() {
        assert_eq!(after("---\na\n---\nx", 9), 10);
        assert_eq!(after("---\na\n---\r\nx", 9), 11);
        assert_eq!(after("---\na\n---", 9), 9);
    }
}
