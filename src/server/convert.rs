//! Engine findings and fixes → LSP types, positions converted on the document's rope.

use super::position::{byte_range_to_lsp, Encoding};
use crate::diagnostic::{Diagnostic as Finding, Fix, Severity};
use ropey::Rope;
use serde_json::json;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticSeverity, NumberOrString, TextEdit, Uri, WorkspaceEdit,
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
}
