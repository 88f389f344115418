//! Engine findings and fixes → LSP types, positions converted on the document's rope.

use super::features::FolderFile;
use super::position::{byte_range_to_lsp, Encoding};
use super::state::Analysis;
use crate::diagnostic::{Diagnostic as Finding, Fix, Related, Severity};
use ropey::Rope;
use serde_json::json;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    TextEdit, Uri, WorkspaceEdit,
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

/// One finding as an LSP diagnostic. `data` names the rule and the titles of its fixes;
/// the code-action handler takes the fixes themselves from the current analysis.
pub fn diagnostic(rope: &Rope, f: &Finding, enc: Encoding) -> Diagnostic {
    let fixes: Vec<_> = f
        .fixes
        .iter()
        .map(|x| json!({"title": x.title, "safe": x.safe}))
        .collect();
    Diagnostic {
        range: byte_range_to_lsp(rope, &f.range, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        source: Some(SOURCE.to_string()),
        message: f.message.clone(),
        data: Some(json!({"rule": f.rule, "fixes": fixes})),
        ..Default::default()
    }
}

/// An analysis' findings as LSP diagnostics of `uri`. With `related` (the client advertises
/// `textDocument.publishDiagnostics.relatedInformation`), each finding's related places go
/// along as `relatedInformation`: in the document itself, or in another file of its folder
/// series. Without it they are left out: the message already says the dates.
pub fn diagnostics(uri: &Uri, a: &Analysis, enc: Encoding, related: bool) -> Vec<Diagnostic> {
    a.findings
        .iter()
        .map(|f| {
            let mut d = diagnostic(&a.rope, f, enc);
            if related && !f.related.is_empty() {
                d.related_information = Some(
                    f.related
                        .iter()
                        .filter_map(|r| related_information(uri, &a.rope, &a.folder, r, enc))
                        .collect(),
                );
            }
            d
        })
        .collect()
}

/// A related place as LSP's: `None` when it names a file the analysis did not read.
pub fn related_information(
    uri: &Uri,
    rope: &Rope,
    folder: &[FolderFile],
    r: &Related,
    enc: Encoding,
) -> Option<DiagnosticRelatedInformation> {
    let location = match &r.file {
        None => Location::new(uri.clone(), byte_range_to_lsp(rope, &r.range, enc)),
        Some(name) => {
            let file = folder.iter().find(|f| &f.name == name)?;
            let rope = Rope::from_str(&file.text);
            Location::new(file.uri.clone(), byte_range_to_lsp(&rope, &r.range, enc))
        }
    };
    Some(DiagnosticRelatedInformation {
        location,
        message: r.message.clone(),
    })
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
    use tower_lsp_server::ls_types::{Position, Range};

    /// A finding in text with emoji, CJK and CRLF: the range in both encodings, and the
    /// fields every client reads.
    #[test]
    fn a_finding_becomes_a_diagnostic() {
        let text = "😀 東京\r\nLet me know what you think.\r\n";
        let rope = Rope::from_str(text);
        let start = text.find("Let").unwrap();
        let finding = Finding {
            rule: "handoff-closing",
            severity: Severity::Warning,
            range: start..text.len() - 2,
            message: "a \"quoted\" message".into(),
            fixes: vec![Fix::new("Replace", Vec::new(), false)],
            related: Vec::new(),
        };
        let d = diagnostic(&rope, &finding, Encoding::Utf16);
        assert_eq!(
            d.range,
            Range::new(Position::new(1, 0), Position::new(1, 27))
        );
        assert_eq!(d.severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!(
            d.code,
            Some(NumberOrString::String("handoff-closing".into()))
        );
        assert_eq!(d.source.as_deref(), Some("oneonone"));
        assert_eq!(
            d.data,
            Some(
                json!({"rule": "handoff-closing", "fixes": [{"title": "Replace", "safe": false}]})
            )
        );
        let first = Finding {
            range: 0..text.find('東').unwrap() + '東'.len_utf8(),
            ..finding
        };
        let utf16 = diagnostic(&rope, &first, Encoding::Utf16).range.end;
        let utf8 = diagnostic(&rope, &first, Encoding::Utf8).range.end;
        assert_eq!((utf16, utf8), (Position::new(0, 4), Position::new(0, 8)));
    }

    /// A related place in the document, in another file of the folder (positions on that
    /// file's text, in the negotiated encoding), or in a file that was not read.
    #[test]
    fn related_places_become_locations() {
        let uri: Uri = "file:///w/2026-11-23.1on1.md".parse().unwrap();
        let other: Uri = "file:///w/2026-11-16.1on1.md".parse().unwrap();
        let text = "- [ ] Call legal\n";
        let rope = Rope::from_str(text);
        let folder = [FolderFile {
            name: "2026-11-16.1on1.md".into(),
            uri: other.clone(),
            text: "😀\n- [ ] Book the offsite 東\n".into(),
            stamp: None,
        }];
        let here = Related {
            range: 6..16,
            file: None,
            message: "Asked on 2026-11-16".into(),
        };
        let r = related_information(&uri, &rope, &folder, &here, Encoding::Utf16).unwrap();
        assert_eq!(r.location.uri, uri);
        assert_eq!(
            r.location.range,
            Range::new(Position::new(0, 6), Position::new(0, 16))
        );
        assert_eq!(r.message, "Asked on 2026-11-16");
        let item = folder[0].text.find("Book").unwrap();
        let there = Related {
            range: item..folder[0].text.len() - 1,
            file: Some("2026-11-16.1on1.md".into()),
            message: String::new(),
        };
        let r = related_information(&uri, &rope, &folder, &there, Encoding::Utf16).unwrap();
        assert_eq!(r.location.uri, other);
        assert_eq!(
            r.location.range,
            Range::new(Position::new(1, 6), Position::new(1, 24))
        );
        let r = related_information(&uri, &rope, &folder, &there, Encoding::Utf8).unwrap();
        assert_eq!(r.location.range.end, Position::new(1, 26));
        let missing = Related {
            file: Some("gone.1on1.md".into()),
            ..there
        };
        assert!(related_information(&uri, &rope, &folder, &missing, Encoding::Utf8).is_none());
    }
}
