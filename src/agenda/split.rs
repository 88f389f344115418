//! Where a long agenda can be cut so that its parts parse on separate cores and give
//! exactly what one parse of the whole would.
//!
//! A cut falls at the start of a heading line (`#` to `######` at the start of the line,
//! then a space, a tab or the line's end) that follows a blank line. Such a line closes
//! everything Markdown may hold open: a paragraph, a list and its items, a block quote,
//! an indented code block, a table, an HTML block that ends at a blank line. What it does
//! not close, and where the text is then never cut:
//! - a fenced code block (any ```` ``` ```` or `~~~` in the text);
//! - an HTML block that runs to an end marker (`<!--` without its `-->` before the cut;
//!   `<?`, `<!` or `<script`, `<pre`, `<style`, `<textarea` anywhere before it);
//! - link reference definitions (any `]:` in the text), which reach across the text.
//!
//! The conditions are deliberately broader than Markdown's: a text that fails them is
//! parsed in one piece, which is only slower.

use memchr::memmem;

/// Up to `parts - 1` cut points, ascending, each near an equal share of the text.
pub fn neutral_splits(text: &str, parts: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    if parts < 2
        || memmem::find(bytes, b"```").is_some()
        || memmem::find(bytes, b"~~~").is_some()
        || memmem::find(bytes, b"]:").is_some()
    {
        return Vec::new();
    }
    let mut cuts = Vec::new();
    let mut from = 0;
    for k in 1..parts {
        let target = (text.len() * k / parts).max(from + 1);
        let Some(cut) = heading_after_blank(bytes, target) else {
            break;
        };
        // Each part keeps at least a fraction of its share; a cut too close to the next
        // target would leave one core most of the work.
        if cut >= text.len() * (k + 1) / parts || !neutral(bytes, cut) {
            break;
        }
        cuts.push(cut);
        from = cut;
    }
    cuts
}

/// The first heading line at or after `from` that follows a blank line.
fn heading_after_blank(bytes: &[u8], from: usize) -> Option<usize> {
    // A heading that starts right at `from` counts.
    let mut at = from.saturating_sub(1);
    while let Some(i) = memmem::find(&bytes[at..], b"\n#") {
        let line = at + i + 1;
        at = line;
        let before = &bytes[..line - 1];
        let blank = before.ends_with(b"\n") || before.ends_with(b"\n\r");
        let hashes = bytes[line..].iter().take_while(|&&b| b == b'#').count();
        let after = bytes.get(line + hashes);
        let heading =
            (1..=6).contains(&hashes) && matches!(after, None | Some(b' ' | b'\t' | b'\n' | b'\r'));
        if blank && heading {
            return Some(line);
        }
    }
    None
}

/// Nothing before `cut` opens a block that a heading line would not close.
fn neutral(bytes: &[u8], cut: usize) -> bool {
    let head = &bytes[..cut];
    // HTML blocks that end at a marker rather than at a blank line.
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', &head[at..]) {
        let open = at + i;
        let rest = &head[open + 1..];
        if rest.starts_with(b"!--") {
            match memmem::find(&head[open + 4..], b"-->") {
                Some(close) => at = open + 4 + close + 3,
                None => return false,
            }
            continue;
        }
        let starts =
            |tag: &[u8]| rest.len() >= tag.len() && rest[..tag.len()].eq_ignore_ascii_case(tag);
        if rest.starts_with(b"!")
            || rest.starts_with(b"?")
            || [&b"script"[..], b"pre", b"style", b"textarea"]
                .iter()
                .any(|tag| starts(tag))
        {
            return false;
        }
        at = open + 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::neutral_splits;

    fn week(n: usize) -> String {
        format!("## Week {n}\n\nThe most important outcome is renewals.\n\n- Shipped A\n- Shipped B\n\n")
    }

    #[test]
    fn cuts_at_a_heading_after_a_blank_line() {
        let text: String = (0..8).map(week).collect();
        let cuts = neutral_splits(&text, 2);
        assert_eq!(cuts.len(), 1);
        // The first heading after the middle.
        assert!(cuts[0] >= text.len() / 2 && cuts[0] < text.len() / 2 + week(9).len());
        assert!(
            text[cuts[0]..].starts_with("## Week "),
            "{}",
            &text[cuts[0]..]
        );
        assert!(text[..cuts[0]].ends_with("\n\n"));
        assert_eq!(neutral_splits(&text, 4).len(), 3);
    }

    #[test]
    fn never_cuts_inside_what_a_heading_does_not_close() {
        let weeks: String = (0..8).map(week).collect();
        for spoiler in [
            "```\n\n",
            "~~~\n\n",
            "[a]: https://example.com\n\n",
            "<!-- open comment\n\n",
            "<script>\n\n",
            "<PRE>\n\n",
            "<?php\n\n",
            "<![CDATA[\n\n",
        ] {
            let text = format!("{spoiler}{weeks}---\n");
            assert_eq!(neutral_splits(&text, 2), Vec::<usize>::new(), "{spoiler:?}");
        }
        // Closed before the cut, or never closed at all: cutting is fine.
        // Dashes are thematic breaks or setext underlines (front matter is taken off the
        // top before the body is cut), which a heading line ends like any paragraph.
        for harmless in [
            "<!-- oneonone-disable hedged-ask -->\n\n",
            "---\nkey: value\n\n",
            "---\nkey: value\n---\t\n\n",
            "> ---\n> quoted\n\n",
        ] {
            let text = format!("{harmless}{weeks}");
            assert_eq!(neutral_splits(&text, 2).len(), 1, "{harmless:?}");
        }
    }

    #[test]
    fn hostile_lines_stay_linear() {
        // Each would take minutes if a marker were read to its line's end every time.
        let weeks: String = (0..8).map(week).collect();
        for line in ["-", "#", "<!--", "-->", "\n---", "---x\n"] {
            let text = format!("{weeks}{}\n\n{weeks}", line.repeat(1 << 20));
            let cuts = neutral_splits(&text, 4);
            assert!(cuts.windows(2).all(|w| w[0] < w[1]), "{line:?}");
        }
    }

    #[test]
    fn crlf_and_heading_shapes() {
        let text: String = (0..8).map(week).collect::<String>().replace('\n', "\r\n");
        assert_eq!(neutral_splits(&text, 2).len(), 1);
        // `#hashtag` and seven hashes are not headings; a heading right under text is
        // not after a blank line.
        let text = format!(
            "{}\n#hashtag\n\n####### seven\n\ntext\n## Tight\n",
            "Some prose.\n\n".repeat(20)
        );
        assert_eq!(neutral_splits(&text, 2), Vec::<usize>::new());
    }
}
