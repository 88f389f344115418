//! Engine findings and fixes → LSP types, positions converted on the document's rope.

use super::position::{byte_range_to_lsp, Encoding};
use crate::diagnostic::{Diagnostic as Finding, Fix, Severity};
use ropey::Rope;
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

/// One finding as an LSP diagnostic. `data` names the rule and its fixes, which the
/// code-action handler recomputes from the current text.
pub fn diagnostic(rope: &Rope, f: &Finding, enc: Encoding) -> Diagnostic {
    Diagnostic {
        range: byte_range_to_lsp(rope, &f.range, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        source: Some(SOURCE.to_string()),
        message: f.message.clone(),
        data: Some(serde_json::json!({
            "rule": f.rule,
            "fixes": f.fixes.iter().map(|x| serde_json::json!({"title": x.title, "safe": x.safe})).collect::<Vec<_>>(),
        })),
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
