//! Completion, hover, outline, code actions, readiness lenses and the pre-read command,
//! computed from one analysed version of a document. Each function is plain: a snapshot and
//! positions in, LSP values out.

mod actions;
mod completion;
mod hover;
pub mod lens;
mod preread;
mod series;
mod symbols;

pub use actions::{code_actions, fix_all_edits, FIX_ALL_KIND};
pub use completion::completion;
pub use hover::hover;
pub use preread::{command_result as preread_result, COMMAND as PREREAD_COMMAND};
pub use series::{add_folder_series, folder_series, FolderFile, LastFolder};
pub use symbols::symbols;

use super::position::{byte_range_to_lsp, Encoding};
use crate::agenda::Agenda;
use crate::rules::Context;
use crate::{Config, Diagnostic as Finding};
use ropey::Rope;
use tower_lsp_server::ls_types::{Documentation, MarkupContent, MarkupKind, Uri};

/// Everything a request needs about one version of a document.
///
/// A running doc is read through its current entry: `text` is that entry's text (the
/// whole document when it has no entries), starting `offset` bytes into the document,
/// and `agenda`'s offsets are relative to it. `findings` and the positions requests
/// carry are offsets into the whole document.
pub struct Snapshot<'a> {
    pub uri: &'a Uri,
    /// The document's version as the client numbered it.
    pub version: i32,
    pub rope: &'a Rope,
    pub text: &'a str,
    pub offset: usize,
    /// The whole document.
    pub document: &'a str,
    pub agenda: &'a Agenda,
    pub entries: &'a crate::entries::Entries,
    /// The entries as a series; `None` without entries.
    pub series: Option<&'a crate::series::Series>,
    pub findings: &'a [Finding],
    pub config: &'a Config,
    pub enc: Encoding,
}

impl Snapshot<'_> {
    fn ctx(&self) -> Context<'_> {
        Context::new(self.text, self.agenda, self.config).with_history(self.series)
    }

    /// An LSP range for a range of `text` (the agenda's offsets).
    fn range(&self, r: &std::ops::Range<usize>) -> tower_lsp_server::ls_types::Range {
        let r = r.start + self.offset..r.end + self.offset;
        byte_range_to_lsp(self.rope, &r, self.enc)
    }

    /// An offset in the document as an offset in `text`, when it falls there.
    pub fn local(&self, offset: usize) -> Option<usize> {
        offset
            .checked_sub(self.offset)
            .filter(|&o| o <= self.text.len())
    }
}

/// "Start the next entry" in a running doc, when today's meeting has no entry yet.
fn next_entry(s: &Snapshot) -> Option<crate::Fix> {
    let edit = crate::entries::next_entry(s.document, s.entries, s.config.today?)?;
    Some(crate::Fix::new("Start the next entry", vec![edit], false))
}

fn markdown_doc(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    })
}
