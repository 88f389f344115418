//! A plain reference model of an LSP text document, independent of the server's code:
//! a `String`, with positions resolved by walking the text.

/// Line starts: lines end at `\n`, `\r\n` or a lone `\r`.
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    for i in 0..b.len() {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// The byte offset of (line, character), clamped as the LSP spec says: a line past the
/// end is the end of the text, a character past a line's end is that end, and a
/// position inside a character moves to that character's start.
pub fn offset(text: &str, line: u32, character: u32, utf8: bool) -> usize {
    let starts = line_starts(text);
    let line = line as usize;
    if line >= starts.len() {
        return text.len();
    }
    let start = starts[line];
    let mut end = starts.get(line + 1).copied().unwrap_or(text.len());
    let content = &text[start..end];
    end -= content.len() - content.trim_end_matches(['\n', '\r']).len();
    let mut units = 0u32;
    for (i, c) in text[start..end].char_indices() {
        let w = if utf8 { c.len_utf8() } else { c.len_utf16() } as u32;
        if units + w > character {
            return start + i;
        }
        units += w;
    }
    end
}

/// (line, character) of a byte offset.
pub fn position(text: &str, offset: usize, utf8: bool) -> (u32, u32) {
    let starts = line_starts(text);
    let line = starts.partition_point(|&s| s <= offset) - 1;
    let col: usize = text[starts[line]..offset]
        .chars()
        .map(|c| if utf8 { c.len_utf8() } else { c.len_utf16() })
        .sum();
    (line as u32, col as u32)
}

/// Applies LSP text edits (JSON values with `range` and `newText`) to `text`.
pub fn apply_text_edits(text: &str, edits: &[serde_json::Value], utf8: bool) -> String {
    let mut resolved: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let at = |p: &serde_json::Value| {
                offset(
                    text,
                    p["line"].as_u64().unwrap() as u32,
                    p["character"].as_u64().unwrap() as u32,
                    utf8,
                )
            };
            (
                at(&r["start"]),
                at(&r["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    resolved.sort_by_key(|(s, e, _)| (*s, *e));
    let mut out = String::new();
    let mut cursor = 0;
    for (s, e, t) in resolved {
        assert!(s >= cursor, "overlapping edits");
        out.push_str(&text[cursor..s]);
        out.push_str(&t);
        cursor = e;
    }
    out.push_str(&text[cursor..]);
    out
}

/// A `didChange` range as ((line, character), (line, character)); `None` replaces all.
pub type LspRange = Option<((u32, u32), (u32, u32))>;

/// Applies one `didChange` content change the way the server documents it: no range
/// replaces the whole text; a range is clamped (see [`offset`]) and, when its end comes
/// before its start, taken as the span between them.
pub fn apply_change(
    text: &str,
    range: Option<((u32, u32), (u32, u32))>,
    new: &str,
    utf8: bool,
) -> String {
    let Some(((l1, c1), (l2, c2))) = range else {
        return new.to_string();
    };
    let a = offset(text, l1, c1, utf8);
    let b = offset(text, l2, c2, utf8);
    let (s, e) = if a <= b { (a, b) } else { (b, a) };
    let mut out = String::with_capacity(text.len() + new.len());
    out.push_str(&text[..s]);
    out.push_str(new);
    out.push_str(&text[e..]);
    out
}

/// A `didChange` content change as JSON, for sending and for [`apply_change`].
pub fn change_json(range: Option<((u32, u32), (u32, u32))>, new: &str) -> serde_json::Value {
    match range {
        None => serde_json::json!({ "text": new }),
        Some(((l1, c1), (l2, c2))) => serde_json::json!({
            "range": {
                "start": {"line": l1, "character": c1},
                "end": {"line": l2, "character": c2}
            },
            "text": new
        }),
    }
}
