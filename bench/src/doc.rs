//! The client's copy of an open document, edited with LSP (line, UTF-16 column) positions, and a
//! "typist" that produces realistic single-character insertions at a moving position.

/// Lines of the document without their `\n`.
pub struct Doc {
    pub lines: Vec<String>,
}

/// Byte index in `line` of the UTF-16 column `col16` (clamped to the end of the line).
pub fn byte_of_utf16(line: &str, col16: u32) -> usize {
    let mut units = 0u32;
    for (i, ch) in line.char_indices() {
        if units >= col16 {
            return i;
        }
        units += ch.len_utf16() as u32;
    }
    line.len()
}

pub fn utf16_len(s: &str) -> u32 {
    s.chars().map(|c| c.len_utf16() as u32).sum()
}

impl Doc {
    pub fn new(text: &str) -> Self {
        Doc {
            lines: text.split('\n').map(str::to_owned).collect(),
        }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// Insert `s` (no newline) at (line, UTF-16 column).
    pub fn insert(&mut self, line: usize, col16: u32, s: &str) {
        let l = &mut self.lines[line];
        let at = byte_of_utf16(l, col16);
        l.insert_str(at, s);
    }

    /// Lines that hold prose or list items (where a person would type), as opposed to blank lines,
    /// headings, front matter and comments.
    pub fn prose_lines(&self) -> Vec<usize> {
        let mut in_front = false;
        let mut out = Vec::new();
        for (i, l) in self.lines.iter().enumerate() {
            if l == "---" {
                in_front = !in_front;
                continue;
            }
            if in_front || l.trim().is_empty() || l.starts_with('#') || l.starts_with("<!--") {
                continue;
            }
            out.push(i);
        }
        out
    }
}

/// Phrases typed one character at a time. Some hold non-ASCII characters, one a character outside
/// the BMP (two UTF-16 code units), so servers get real UTF-16 positions.
const PHRASES: &[&str] = &[
    " and the pilot owner joins the last sales call",
    " so the team can start on Monday",
    " — which costs us about two weeks",
    " (see Tomás’s note from the review)",
    " because the customers said so in every call",
    " with a café-style weekly check-in 🚀 for the owners",
    " unless finance objects before Friday",
];

/// Types phrases into a document, one character per keystroke. It visits `targets` lines in turn
/// and, on each, types one phrase at a word boundary near the middle of the line.
pub struct Typist {
    targets: Vec<usize>,
    next_target: usize,
    phrase: usize,
    pending: Vec<char>,
    line: usize,
    col16: u32,
}

/// One keystroke: insert `text` at (line, character) — an empty range.
pub struct Keystroke {
    pub line: usize,
    pub character: u32,
    pub text: String,
}

impl Typist {
    /// `spread`: at most this many target lines, evenly spread through the document.
    pub fn new(doc: &Doc, spread: usize) -> Self {
        Self::within(doc, 0..doc.lines.len(), spread)
    }

    /// A typist that only types on the prose lines in `lines` (one entry of a running doc).
    pub fn within(doc: &Doc, lines: std::ops::Range<usize>, spread: usize) -> Self {
        let prose: Vec<usize> = doc
            .prose_lines()
            .into_iter()
            .filter(|l| lines.contains(l))
            .collect();
        let mut targets: Vec<usize> = if prose.len() > spread {
            let step = prose.len() as f64 / spread as f64;
            (0..spread)
                .map(|i| prose[(i as f64 * step) as usize])
                .collect()
        } else {
            prose
        };
        if targets.is_empty() {
            targets.push(lines.start.min(doc.lines.len().saturating_sub(1)));
        }
        Typist {
            targets,
            next_target: 0,
            phrase: 0,
            pending: Vec::new(),
            line: 0,
            col16: 0,
        }
    }

    /// The next keystroke; also applies it to `doc`.
    pub fn next(&mut self, doc: &mut Doc) -> Keystroke {
        if self.pending.is_empty() {
            self.line = self.targets[self.next_target % self.targets.len()];
            self.next_target += 1;
            let l = &doc.lines[self.line];
            // A word boundary at or after the middle of the line (or its end).
            let mid = l.len() / 2;
            let at = l[l.floor_char_boundary_compat(mid)..]
                .find(' ')
                .map(|i| l.floor_char_boundary_compat(mid) + i)
                .unwrap_or(l.len());
            self.col16 = utf16_len(&l[..at]);
            self.pending = PHRASES[self.phrase % PHRASES.len()].chars().rev().collect();
            self.phrase += 1;
        }
        let ch = self.pending.pop().expect("a pending character");
        let text = ch.to_string();
        let k = Keystroke {
            line: self.line,
            character: self.col16,
            text,
        };
        doc.insert(self.line, self.col16, &k.text);
        self.col16 += ch.len_utf16() as u32;
        k
    }
}

trait FloorBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorBoundary for String {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        if i >= self.len() {
            return self.len();
        }
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_positions() {
        let l = "a🚀é b";
        assert_eq!(utf16_len(l), 6);
        assert_eq!(byte_of_utf16(l, 1), 1);
        assert_eq!(byte_of_utf16(l, 3), 5);
        assert_eq!(byte_of_utf16(l, 4), 7);
        assert_eq!(byte_of_utf16(l, 99), l.len());
    }

    #[test]
    fn typist_types_phrases_at_a_moving_position() {
        let text = "# T\n\nWhat I'm seeing is that things move.\n\n- one item here\n";
        let mut doc = Doc::new(text);
        let mut t = Typist::new(&doc, 8);
        let first = PHRASES[0];
        let mut positions = Vec::new();
        for _ in 0..first.chars().count() {
            let k = t.next(&mut doc);
            positions.push(k.character);
        }
        assert_eq!(
            doc.lines[2],
            format!("What I'm seeing is{first} that things move.")
        );
        assert!(positions.windows(2).all(|w| w[1] == w[0] + 1));
        // The next phrase goes to the next prose line, and emoji take two UTF-16 units.
        assert_eq!(t.next(&mut doc).line, 4);
        for _ in 0..2000 {
            t.next(&mut doc);
        }
        assert!(doc.text().contains('🚀'));
        assert_eq!(
            doc.text().chars().count(),
            text.chars().count() + 2001 + first.chars().count()
        );
    }

    #[test]
    fn a_typist_within_lines_stays_there() {
        let text = "# T\n\n## 2026-11-17\n\nThis week I need a decision.\n\n## 2026-11-10\n\nLast week things moved.\n- an item\n";
        let mut doc = Doc::new(text);
        let mut t = Typist::within(&doc, 6..10, 8);
        let lines: std::collections::HashSet<usize> =
            (0..300).map(|_| t.next(&mut doc).line).collect();
        assert_eq!(lines, [8, 9].into_iter().collect());
        assert_eq!(doc.lines[4], "This week I need a decision.");
    }
}
