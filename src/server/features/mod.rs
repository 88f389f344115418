//! Completion, hover, outline and code actions, computed from one analysed version of a
//! document. Each function is plain: a snapshot and positions in, LSP values out.

mod actions;
mod completion;
mod hover;
mod symbols;

pub use actions::{code_actions, fix_all_edits, FIX_ALL_KIND};
pub use completion::completion;
pub use hover::hover;
pub use symbols::symbols;

use super::position::{byte_range_to_lsp, Encoding};
use crate::agenda::Agenda;
use crate::rules::Context;
use crate::{Config, Diagnostic as Finding};
use ropey::Rope;
use tower_lsp_server::ls_types::{Documentation, MarkupContent, MarkupKind, Uri};

/// Everything a request needs about one version of a document.
pub struct Snapshot<'a> {
    pub uri: &'a Uri,
    pub rope: &'a Rope,
    pub text: &'a str,
    pub agenda: &'a Agenda,
    pub findings: &'a [Finding],
    pub config: &'a Config,
    pub enc: Encoding,
}

impl Snapshot<'_> {
    fn ctx(&self) -> Context<'_> {
        Context::new(self.text, self.agenda, self.config)
    }

    fn range(&self, r: &std::ops::Range<usize>) -> tower_lsp_server::ls_types::Range {
        byte_range_to_lsp(self.rope, r, self.enc)
    }
}

fn markdown_doc(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    })
}
