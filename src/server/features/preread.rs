//! The pre-read email in the editor: the command `oneonone.preread` and the code action
//! "Draft the pre-read email" that runs it.
//!
//! The command takes the document's URI and answers `{ subject, body, text, mailto }`
//! (see [`crate::preread`]); the editor decides what to do with it (VS Code copies it,
//! Neovim opens it in a scratch buffer). The code action carries no edit: it is offered
//! on the pre-read part when there is something to send, and only names the command.
//!
//! Its kind is plain `refactor`: editors list refactor actions with the quick fixes
//! (VS Code's light bulb and Ctrl+., Neovim's `vim.lsp.buf.code_action()`), whereas
//! `source` actions are only asked for by name (VS Code's "Source Action…" menu), where
//! nobody would look for an email.

use super::Snapshot;
use crate::agenda::PartKind;
use crate::preread::{compose, Email, Format, NothingToSend, Source};
use serde_json::{json, Value};
use tower_lsp_server::ls_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Command};

/// The command's name, as `executeCommandProvider` advertises it.
pub const COMMAND: &str = "oneonone.preread";

pub const TITLE: &str = "Draft the pre-read email";

/// What the command answers for a document: the email, or why there is none.
pub fn command_result(s: &Snapshot) -> Result<Value, String> {
    let e = email(s).map_err(|nothing| nothing.to_string())?;
    Ok(as_json(&e))
}

/// The email, from the analysis the snapshot holds (nothing is parsed again).
fn email(s: &Snapshot) -> Result<Email, NothingToSend> {
    let source = Source {
        document: s.document,
        scoped: s.text,
        agenda: s.agenda,
        entries: s.entries,
    };
    compose(&source, s.config, None)
}

fn as_json(e: &Email) -> Value {
    json!({
        "subject": e.subject,
        "body": e.body(Format::Text),
        "text": e.render(Format::Text),
        "mailto": e.mailto(""),
    })
}

/// "Draft the pre-read email", when `offset` (in the document) is in the current
/// entry's pre-read and that pre-read has items to send.
pub fn code_action(s: &Snapshot, offset: usize) -> Option<CodeActionOrCommand> {
    let local = s.local(offset)?;
    let agenda = s.agenda;
    // The innermost section, or a pre-read holding it (a status section inside one).
    let in_pre_read = agenda.sections.iter().any(|sec| {
        sec.kind == PartKind::PreRead && sec.range.start <= local && local <= sec.range.end
    });
    if !in_pre_read {
        return None;
    }
    email(s).ok()?;
    let command = Command {
        title: TITLE.into(),
        command: COMMAND.into(),
        arguments: Some(vec![json!(s.uri.as_str())]),
    };
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: TITLE.into(),
        kind: Some(CodeActionKind::REFACTOR),
        command: Some(command),
        ..Default::default()
    }))
}
