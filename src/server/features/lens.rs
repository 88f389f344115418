//! Readiness at a glance in the editor: a code lens per part on the current entry's
//! heading ("Outcome ✓", "Insight ✓", "Ask ✗", "2 open items"), or, where no lens is
//! shown, one inlay hint at the end of that line with the whole summary.
//!
//! A missing part's lens runs [`ADD_PART`] with the document and the part; the server
//! then sends that part's fix from the current analysis as `workspace/applyEdit`. One
//! server command works alike in every client that runs a lens's command through
//! `workspace/executeCommand` (VS Code, Neovim), and no client-side code is needed.

use super::Snapshot;
use crate::agenda::PartKind;
use crate::readiness::{self, Readiness};
use crate::server::convert::{self, workspace_edit};
use crate::server::position::byte_range_to_lsp;
use serde_json::{json, Value};
use tower_lsp_server::ls_types::{
    CodeLens, Command, InlayHint, InlayHintLabel, InlayHintTooltip, Range, WorkspaceEdit,
};

/// The command a missing part's lens runs: arguments `[uri, "outcome" | "insight" | "ask"]`.
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
                Some(vec![json!(s.uri.as_str()), json!(argument(p.kind))]),
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

/// The edit [`ADD_PART`] applies: the missing part's fix from this analysis. `None` when
/// the part is there (the document changed since the lens was drawn) or unknown.
pub fn add_part_edit(s: &Snapshot, part: &str) -> Option<WorkspaceEdit> {
    let kind = [PartKind::Outcome, PartKind::Insight, PartKind::Move]
        .into_iter()
        .find(|&k| argument(k) == part)?;
    let r = readiness_of(s)?;
    let fix = r.part(kind)?.fix.as_ref()?;
    Some(workspace_edit(
        s.uri,
        convert::text_edits(s.rope, fix, s.enc),
    ))
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
