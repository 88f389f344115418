//! What the server must answer for a text, computed from the text alone: the engine's
//! findings with positions placed by the reference model, and the outline.

use super::model;
use oneonone_ls::server::features::{self, Snapshot};
use oneonone_ls::server::position::Encoding;
use oneonone_ls::{check, Config, Severity};
use ropey::Rope;
use serde_json::{json, Value};
use tower_lsp_server::ls_types::Uri;

/// What the server must publish for `text`: its findings with ranges placed by the model.
pub fn expected_diagnostics(text: &str, utf8: bool) -> Vec<Value> {
    check(text, &Config::default())
        .iter()
        .map(|d| {
            let (l1, c1) = model::position(text, d.range.start, utf8);
            let (l2, c2) = model::position(text, d.range.end, utf8);
            json!({
                "code": d.rule,
                "range": {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}},
                "message": d.message,
                "severity": match d.severity {
                    Severity::Error => 1,
                    Severity::Warning => 2,
                    Severity::Information => 3,
                    Severity::Hint => 4,
                },
            })
        })
        .collect()
}

/// The parts of published diagnostics that [`expected_diagnostics`] gives.
pub fn published(diags: &[Value]) -> Vec<Value> {
    diags
        .iter()
        .map(|d| {
            json!({
                "code": d["code"],
                "range": d["range"],
                "message": d["message"],
                "severity": d["severity"],
            })
        })
        .collect()
}

/// The outline the server must answer for `text` at `uri`.
pub fn expected_symbols(uri: &str, text: &str, enc: Encoding) -> Value {
    let config = Config::default();
    let view = oneonone_ls::View::of(text, &config);
    let findings = view.check(&config);
    let rope = Rope::from_str(text);
    let uri: Uri = uri.parse().unwrap();
    let snap = Snapshot {
        uri: &uri,
        version: 1,
        rope: &rope,
        text: view.scoped(),
        offset: view.scope.start,
        document: text,
        entries: &view.entries,
        series: view.series.as_ref(),
        agenda: &view.agenda,
        findings: &findings,
        config: &config,
        enc,
    };
    serde_json::to_value(features::symbols(&snap)).unwrap()
}
