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
