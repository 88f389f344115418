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
//! - a metadata block, which pulldown-cmark opens at a `---` line anywhere (one that
//!   could open before the cut must find its closing line before the cut);
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
    // Metadata blocks: pulldown-cmark opens one at a `---` line (inside a container
    // too) whose next line is neither blank nor closing, when a closing line (`---` or
    // `...` at the start of a line) follows anywhere. One that opens before the cut must
    // close before it.
    let closers: Vec<usize> = memmem::find_iter(bytes, b"---")
        .chain(memmem::find_iter(bytes, b"..."))
        .filter(|&at| (at == 0 || bytes[at - 1] == b'\n') && is_close(line_at(bytes, at)))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for at in memmem::find_iter(head, b"---") {
        if !opens_metadata(bytes, at) {
            continue;
        }
        let after = closers.partition_point(|&c| c <= at);
        if closers.get(after).is_some_and(|&close| close >= cut) {
            return false;
        }
    }
    true
}

/// The `---` at `at` ends its line (after any container markers or more dashes), and the
/// next line is neither blank nor a closing line.
fn opens_metadata(text: &[u8], at: usize) -> bool {
    // Stops at the first byte that is not a space: a long line of dashes holds a third
    // of its length in `---`s, and reading each to the line's end would be quadratic.
    let blank_rest = text[at + 3..]
        .iter()
        .take_while(|&&b| b != b'\n' && b != b'\r')
        .all(u8::is_ascii_whitespace);
    if !blank_rest {
        return false;
    }
    let end = at + 3 + line_at(text, at + 3).len();
    let next = end + newline_len(text, end);
    if next >= text.len() {
        return false;
    }
    let second = line_at(text, next);
    !(second.iter().all(u8::is_ascii_whitespace) || is_close(second))
}

/// A line that closes a metadata block: exactly three `-` or `.`, then only spaces.
fn is_close(line: &[u8]) -> bool {
    (line.starts_with(b"---") || line.starts_with(b"...")) && line[3..].iter().all(|&b| b == b' ')
}

/// The line starting at `at`, without its line break.
fn line_at(text: &[u8], at: usize) -> &[u8] {
    let rest = &text[at..];
    let end = memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
    &rest[..end]
}

fn newline_len(text: &[u8], at: usize) -> usize {
    match text.get(at..at + 2) {
        Some(b"\r\n") => 2,
        _ => usize::from(at < text.len()),
    }
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
            "---\nkey: value\n\n",
            // A tab after the dashes does not close the block: the line after the cut does.
            "---\nkey: value\n---\t\n\n",
            "> ---\n> quoted\n\n",
        ] {
            let text = format!("{spoiler}{weeks}---\n");
            assert_eq!(neutral_splits(&text, 2), Vec::<usize>::new(), "{spoiler:?}");
        }
        // Closed before the cut, or never closed at all: cutting is fine.
        for harmless in [
            "<!-- oneonone-disable hedged-ask -->\n\n",
            "---\ntitle: Weekly\n---\n\n",
            "---\nnever closed\n\n",
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
