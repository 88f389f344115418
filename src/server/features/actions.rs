//! Code actions: the findings' fixes, starters and missing parts, "Draft the pre-read
//! email", and fix-all.

use super::Snapshot;
use crate::agenda::PartKind;
use crate::diagnostic::{Edit, Fix};
use crate::guide::guide;
use crate::server::convert::{self, workspace_edit};
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, NumberOrString,
};

pub const FIX_ALL_KIND: &str = "source.fixAll.oneonone";

fn kind_wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    match only {
        None => !kind.starts_with("source"),
        Some(list) => list.iter().any(|k| {
            let k = k.as_str();
            kind == k || kind.starts_with(&format!("{k}."))
        }),
    }
}

pub fn code_actions(
    s: &Snapshot,
    range: std::ops::Range<usize>,
    client_diagnostics: &[Diagnostic],
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let quickfix = CodeActionKind::QUICKFIX;
    if kind_wanted(only, quickfix.as_str()) {
        for f in s
            .findings
            .iter()
            .filter(|f| f.range.start <= range.end && range.start <= f.range.end)
        {
            let ours = convert::diagnostic(s.rope, f, s.enc);
            let diag = client_diagnostics
                .iter()
                .find(|d| {
                    d.range == ours.range
                        && d.code == Some(NumberOrString::String(f.rule.to_string()))
                })
                .cloned()
                .unwrap_or(ours);
            for (i, fix) in f.fixes.iter().enumerate() {
                out.push(action(
                    s,
                    fix,
                    quickfix.clone(),
                    Some(vec![diag.clone()]),
                    i == 0 && !fix.title.starts_with("Turn off"),
                ));
            }
        }
    }
    let refactor = CodeActionKind::new("refactor.insert");
    // Starters and missing parts go into the current entry only.
    let local = s.local(range.start);
    if let (true, Some(start)) = (kind_wanted(only, refactor.as_str()), local) {
        if let Some(sec) = s.agenda.section_at(start).map(|i| &s.agenda.sections[i]) {
            if let Some(g) = guide(sec.kind).filter(|g| g.kind.is_part()) {
                let at = start.max(sec.content_start);
                for starter in g.starters {
                    let mut fix = Fix::new(
                        format!("Insert starter: \"{starter} …\""),
                        vec![Edit::insert(at, format!("{starter} "))],
                        false,
                    );
                    fix.shift(s.offset);
                    out.push(action(s, &fix, refactor.clone(), None, false));
                }
            }
        }
        for kind in PartKind::PARTS {
            if let Some(mut fix) = crate::edit::add_part_fix(&s.ctx(), kind) {
                fix.shift(s.offset);
                out.push(action(s, &fix, refactor.clone(), None, false));
            }
        }
    }
    if kind_wanted(only, refactor.as_str()) {
        if let Some(fix) = super::next_entry(s) {
            out.push(action(s, &fix, refactor.clone(), None, false));
        }
    }
    if kind_wanted(only, CodeActionKind::REFACTOR.as_str()) {
        out.extend(super::preread::code_action(s, range.start));
    }
    let fix_all = CodeActionKind::new(FIX_ALL_KIND);
    if only.is_some() && kind_wanted(only, FIX_ALL_KIND) {
        if let Some(fix) = fix_all_edits(s) {
            out.push(action(s, &fix, fix_all, None, false));
        }
    }
    out
}

/// The safe fixes of the current findings that do not overlap, as one fix.
pub fn fix_all_edits(s: &Snapshot) -> Option<Fix> {
    let mut edits: Vec<Edit> = Vec::new();
    for fix in s.findings.iter().flat_map(|f| &f.fixes).filter(|f| f.safe) {
        let overlaps = fix.edits.iter().any(|e| {
            edits
                .iter()
                .any(|x| e.range.start < x.range.end && x.range.start < e.range.end)
        });
        if !overlaps {
            edits.extend(fix.edits.iter().cloned());
        }
    }
    (!edits.is_empty()).then(|| Fix::new("Fix all safe 1:1 findings", edits, true))
}

fn action(
    s: &Snapshot,
    fix: &Fix,
    kind: CodeActionKind,
    diagnostics: Option<Vec<Diagnostic>>,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: fix.title.clone(),
        kind: Some(kind),
        diagnostics,
        edit: Some(workspace_edit(
            s.uri,
            convert::text_edits(s.rope, fix, s.enc),
        )),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    })
}
