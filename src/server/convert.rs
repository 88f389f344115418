//! Engine findings and fixes → LSP types, positions converted on the document's rope.

use super::position::{byte_range_to_lsp, Encoding};
use crate::diagnostic::{Diagnostic as Finding, Fix, Severity};
use ropey::Rope;
use serde::Serialize;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticSeverity, NumberOrString, Range, TextEdit, Uri, WorkspaceEdit,
};

pub const SOURCE: &str = "oneonone";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Hint => DiagnosticSeverity::HINT,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Error => DiagnosticSeverity::ERROR,
    }
}

/// One finding as it goes on the wire: an LSP `Diagnostic`, borrowed from the finding
/// and serialised without building a `serde_json::Value`. `data` names the rule and its
/// fixes, which the code-action handler recomputes from the current text.
#[derive(Serialize)]
pub struct Wire<'a> {
    pub range: Range,
    severity: DiagnosticSeverity,
    code: &'a str,
    source: &'static str,
    message: &'a str,
    data: WireData<'a>,
}

#[derive(Serialize)]
struct WireData<'a> {
    rule: &'a str,
    fixes: WireFixes<'a>,
}

struct WireFixes<'a>(&'a [Fix]);

impl Serialize for WireFixes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Title<'a> {
            title: &'a str,
            safe: bool,
        }
        s.collect_seq(self.0.iter().map(|f| Title {
            title: &f.title,
            safe: f.safe,
        }))
    }
}

/// A finding placed in the document (its range already converted).
pub fn wire(f: &Finding, range: Range) -> Wire<'_> {
    Wire {
        range,
        severity: severity(f.severity),
        code: f.rule,
        source: SOURCE,
        message: &f.message,
        data: WireData {
            rule: f.rule,
            fixes: WireFixes(&f.fixes),
        },
    }
}

/// The JSON of diagnostics published for one document, after their ranges: the next
/// publication reuses it for every finding whose rule, severity, message and fixes are
/// unchanged (on a keystroke, nearly all of them), instead of escaping the same text
/// again.
#[derive(Default)]
pub struct WireCache {
    entries: Vec<Cached>,
}

struct Cached {
    rule: &'static str,
    severity: Severity,
    message: String,
    fixes: Vec<(String, bool)>,
    /// Everything after the range, from `,"severity"` to the closing brace.
    json: Vec<u8>,
}

impl Cached {
    fn describes(&self, f: &Finding) -> bool {
        self.rule == f.rule
            && self.severity == f.severity
            && self.message == f.message
            && self.fixes.len() == f.fixes.len()
            && self
                .fixes
                .iter()
                .zip(&f.fixes)
                .all(|((title, safe), fix)| *title == fix.title && *safe == fix.safe)
    }
}

/// Above this many findings the cache is not used: finding an entry is a linear search.
const CACHED_FINDINGS: usize = 64;

impl WireCache {
    /// Writes the findings, each at its range, as a JSON array of LSP diagnostics, and
    /// keeps what it wrote for the next call.
    pub fn write_all<'a>(
        &mut self,
        out: &mut Vec<u8>,
        found: impl ExactSizeIterator<Item = (&'a Finding, Range)>,
    ) {
        let cache = found.len() <= CACHED_FINDINGS;
        let mut kept = Vec::with_capacity(if cache { found.len() } else { 0 });
        out.push(b'[');
        for (i, (f, range)) in found.enumerate() {
            if i > 0 {
                out.push(b',');
            }
            if !cache {
                write_json(out, f, range);
                continue;
            }
            write_range(out, range);
            let entry = match self.entries.iter().position(|c| c.describes(f)) {
                Some(at) => self.entries.swap_remove(at),
                None => {
                    let mut json = Vec::with_capacity(256 + f.message.len());
                    write_rest(&mut json, f);
                    Cached {
                        rule: f.rule,
                        severity: f.severity,
                        message: f.message.clone(),
                        fixes: f.fixes.iter().map(|x| (x.title.clone(), x.safe)).collect(),
                        json,
                    }
                }
            };
            out.extend_from_slice(&entry.json);
            kept.push(entry);
        }
        out.push(b']');
        self.entries = kept;
    }
}

/// Writes a finding placed in the document as the JSON of an LSP `Diagnostic`: the
/// same object [`Wire`] serialises to, written directly. Publishing diagnostics on
/// every keystroke spends most of its time escaping the same messages and fix titles;
/// this looks at eight bytes at a time for anything to escape.
pub fn write_json(out: &mut Vec<u8>, f: &Finding, range: Range) {
    write_range(out, range);
    write_rest(out, f);
}

/// The start of a diagnostic's JSON: `{"range":{…}`.
fn write_range(out: &mut Vec<u8>, range: Range) {
    out.extend_from_slice(b"{\"range\":{\"start\":{\"line\":");
    push_u32(out, range.start.line);
    out.extend_from_slice(b",\"character\":");
    push_u32(out, range.start.character);
    out.extend_from_slice(b"},\"end\":{\"line\":");
    push_u32(out, range.end.line);
    out.extend_from_slice(b",\"character\":");
    push_u32(out, range.end.character);
    out.extend_from_slice(b"}}");
}

/// The rest of a diagnostic's JSON, after its range: `,"severity":…}`.
fn write_rest(out: &mut Vec<u8>, f: &Finding) {
    out.extend_from_slice(b",\"severity\":");
    let severity = match f.severity {
        Severity::Error => b'1',
        Severity::Warning => b'2',
        Severity::Information => b'3',
        Severity::Hint => b'4',
    };
    out.push(severity);
    out.extend_from_slice(b",\"code\":");
    push_str(out, f.rule);
    out.extend_from_slice(b",\"source\":");
    push_str(out, SOURCE);
    out.extend_from_slice(b",\"message\":");
    push_str(out, &f.message);
    out.extend_from_slice(b",\"data\":{\"rule\":");
    push_str(out, f.rule);
    out.extend_from_slice(b",\"fixes\":[");
    for (i, fix) in f.fixes.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"title\":");
        push_str(out, &fix.title);
        out.extend_from_slice(if fix.safe {
            b",\"safe\":true}"
        } else {
            b",\"safe\":false}"
        });
    }
    out.extend_from_slice(b"]}}");
}

pub fn push_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Writes `s` as a JSON string. Runs of bytes that need no escape (checked a word at a
/// time) are copied whole.
pub fn push_str(out: &mut Vec<u8>, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Exact for the word as a whole: some byte is zero, or below 0x20.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let special = |w: u64| {
        zero(w ^ (ONES * u64::from(b'"')))
            || zero(w ^ (ONES * u64::from(b'\\')))
            || w.wrapping_sub(ONES * 0x20) & !w & HIGHS != 0
    };
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        if let Some(word) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            if !special(word) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let escape: Option<&[u8]> = match b {
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            b'\n' => Some(b"\\n"),
            b'\r' => Some(b"\\r"),
            b'\t' => Some(b"\\t"),
            0x08 => Some(b"\\b"),
            0x0c => Some(b"\\f"),
            0..=0x1f => None,
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[run..i]);
        match escape {
            Some(e) => out.extend_from_slice(e),
            None => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
        }
        i += 1;
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// One finding as an LSP diagnostic (the typed form of [`Wire`]).
pub fn diagnostic(rope: &Rope, f: &Finding, enc: Encoding) -> Diagnostic {
    typed(&wire(f, byte_range_to_lsp(rope, &f.range, enc)))
}

/// The typed form of a wire diagnostic.
pub fn typed(w: &Wire) -> Diagnostic {
    Diagnostic {
        range: w.range,
        severity: Some(w.severity),
        code: Some(NumberOrString::String(w.code.to_string())),
        source: Some(w.source.to_string()),
        message: w.message.to_string(),
        data: serde_json::to_value(&w.data).ok(),
        ..Default::default()
    }
}

pub fn text_edits(rope: &Rope, fix: &Fix, enc: Encoding) -> Vec<TextEdit> {
    fix.edits
        .iter()
        .map(|e| TextEdit {
            range: byte_range_to_lsp(rope, &e.range, enc),
            new_text: e.replacement.clone(),
        })
        .collect()
}

pub fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tower_lsp_server::ls_types::Position;

    fn severity_of(i: u8) -> Severity {
        [
            Severity::Hint,
            Severity::Information,
            Severity::Warning,
            Severity::Error,
        ][usize::from(i % 4)]
    }

    proptest! {
        /// The hand-written JSON is the JSON serde writes for [`Wire`], for any text:
        /// quotes, backslashes, control characters, emoji, CJK, at any alignment.
        #[test]
        fn written_json_equals_serde(
            message in "([a-z ]|\"|\\\\|\n|\r|\t|\u{1}|\u{1f}|\u{7f}|é|😀|東京|\u{2028}){0,40}",
            titles in prop::collection::vec(("([A-Z ]|\"|\\\\|\u{8}|\u{c}|…){0,20}", any::<bool>()), 0..4),
            numbers in prop::array::uniform4(any::<u32>()),
            severity in any::<u8>(),
        ) {
            let finding = Finding {
                rule: "missing-ask",
                severity: severity_of(severity),
                range: 0..0,
                message: message.clone(),
                fixes: titles
                    .iter()
                    .map(|(t, safe)| Fix::new(t.clone(), Vec::new(), *safe))
                    .collect(),
            };
            let range = Range::new(
                Position::new(numbers[0], numbers[1]),
                Position::new(numbers[2], numbers[3]),
            );
            let mut out = Vec::new();
            write_json(&mut out, &finding, range);
            let written: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
            let expected = serde_json::to_value(wire(&finding, range)).unwrap();
            prop_assert_eq!(written, expected);
            let mut plain = Vec::new();
            push_str(&mut plain, &message);
            prop_assert_eq!(plain, serde_json::to_vec(&message).unwrap());
        }
    }
}
