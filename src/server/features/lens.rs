//! Readiness at a glance in the editor: a code lens per part on the current entry's
//! heading ("Outcome ✓", "Insight ✓", "Ask ✗", "2 open items"), or, where no lens is
//! shown, one inlay hint at the end of that line with the whole summary.
//!
//! A missing part's lens runs [`ADD_PART`] with the document, the part and the version
//! the lens was drawn for; the server then sends that part's fix from the current
//! analysis as `workspace/applyEdit`. One server command works alike in every client that
//! runs a lens's command through `workspace/executeCommand` (VS Code, Neovim), and no
//! client-side code is needed.
//!
//! The fix's positions hold for one version of the text only. The command refuses when
//! the document changed since the lens was drawn, and, to a client that takes versioned
//! edits (`workspace.workspaceEdit.documentChanges`), the edit names the version it was
//! made for, so that a keystroke between the command and the edit makes the client turn
//! it down rather than insert the part in the wrong place.

use super::Snapshot;
use crate::agenda::PartKind;
use crate::readiness::{self, Readiness};
use crate::server::convert::{self, workspace_edit};
use crate::server::position::byte_range_to_lsp;
use serde_json::{json, Value};
use tower_lsp_server::ls_types::{
    CodeLens, Command, DocumentChanges, InlayHint, InlayHintLabel, InlayHintTooltip, OneOf,
    OptionalVersionedTextDocumentIdentifier, Range, TextDocumentEdit, WorkspaceEdit,
};

/// The command a missing part's lens runs: arguments `[uri, "outcome" | "insight" | "ask",
/// version]`; without the version (a command run by hand), the current text is used.
pub const ADD_PART: &str = "oneonone.addPart";

/// The lenses on the summary's line, when the settings show them.
pub fn code_lenses(s: &Snapshot) -> Vec<CodeLens> {
    if !s.config.readiness.lens {
        return Vec::new();
    }
    let Some(r) = readiness_of(s) else {
        return Vec::new();
    };
    let range = line(s, &r);
    let lens = |title: String, command: &str, arguments: Option<Vec<Value>>| CodeLens {
        range,
        command: Some(Command {
            title,
            command: command.into(),
            arguments,
        }),
        data: None,
    };
    let mut out: Vec<CodeLens> = r
        .parts
        .iter()
        .map(|p| match &p.fix {
            Some(_) => lens(
                p.text(),
                ADD_PART,
                Some(vec![
                    json!(s.uri.as_str()),
                    json!(argument(p.kind)),
                    json!(s.version),
                ]),
            ),
            // A lens with no command is a label: nothing to do for a part that is there.
            None => lens(p.text(), "", None),
        })
        .collect();
    if let Some(items) = r.items_text() {
        out.push(lens(items, "", None));
    }
    out
}

/// The summary as an inlay hint at the end of its line, when it falls in `range` and no
/// lens shows it: the client has no code lens (`lens_shown` false) or the lens is off.
pub fn inlay_hints(s: &Snapshot, range: Range, lens_shown: bool) -> Vec<InlayHint> {
    let display = s.config.readiness;
    if !display.hint || (lens_shown && display.lens) {
        return Vec::new();
    }
    let Some(r) = readiness_of(s) else {
        return Vec::new();
    };
    let at = line(s, &r).end;
    if at < range.start || at > range.end {
        return Vec::new();
    }
    vec![InlayHint {
        position: at,
        label: InlayHintLabel::String(r.summary()),
        kind: None,
        text_edits: None,
        tooltip: Some(InlayHintTooltip::String(
            "Readiness: does this 1:1 bring an outcome, an insight and an ask, and how many action items are open".into(),
        )),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }]
}

/// The edit [`ADD_PART`] applies: the missing part's fix from this analysis, as a
/// versioned document change when the client takes those (`versioned`). `Ok(None)` when
/// the part is there or unknown; an error, and no edit, when `version` (the lens's) is no
/// longer the document's.
pub fn add_part_edit(
    s: &Snapshot,
    part: &str,
    version: Option<i64>,
    versioned: bool,
) -> Result<Option<WorkspaceEdit>, String> {
    if let Some(drawn) = version.filter(|&v| v != i64::from(s.version)) {
        return Err(format!(
            "The document changed since this lens was drawn (version {drawn}, now {}): \
             nothing was added. Use the lens again once it shows the current text.",
            s.version
        ));
    }
    let Some(kind) = [PartKind::Outcome, PartKind::Insight, PartKind::Move]
        .into_iter()
        .find(|&k| argument(k) == part)
    else {
        return Ok(None);
    };
    let Some(r) = readiness_of(s) else {
        return Ok(None);
    };
    let Some(fix) = r.part(kind).and_then(|p| p.fix.as_ref()) else {
        return Ok(None);
    };
    let edits = convert::text_edits(s.rope, fix, s.enc);
    if !versioned {
        return Ok(Some(workspace_edit(s.uri, edits)));
    }
    Ok(Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: s.uri.clone(),
                version: Some(s.version),
            },
            edits: edits.into_iter().map(OneOf::Left).collect(),
        }])),
        ..Default::default()
    }))
}

fn readiness_of(s: &Snapshot) -> Option<Readiness> {
    readiness::of(&s.ctx(), s.document, s.entries, s.offset)
}

fn line(s: &Snapshot, r: &Readiness) -> Range {
    byte_range_to_lsp(s.rope, &r.line, s.enc)
}

/// How the command names a part.
fn argument(kind: PartKind) -> &'static str {
    match kind {
        PartKind::Outcome => "outcome",
        PartKind::Insight => "insight",
        _ => "ask",
    }
}
