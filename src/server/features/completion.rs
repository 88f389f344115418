//! Completion: the parts of an agenda on an empty line or after `#`, and the current
//! part's starters inside it.

use super::{markdown_doc, Snapshot};
use crate::agenda::LABEL_LEVEL;
use crate::edit::{part_style, PartStyle};
use crate::guide::{self, guide};
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, InsertTextFormat, TextEdit,
};

/// `offset` is in the whole document; nothing is offered outside the current entry.
pub fn completion(s: &Snapshot, offset: usize, snippets: bool) -> Vec<CompletionItem> {
    // On an empty line anywhere in a running doc: start the next entry where the file
    // adds them (the cursor's line is left as it is).
    let line = s.document[..offset.min(s.document.len())]
        .rsplit(['\n', '\r'])
        .next()
        .unwrap_or("");
    let mut start_entry = None;
    if line.trim().is_empty() {
        if let Some(fix) = super::next_entry(s) {
            let here = super::super::position::byte_range_to_lsp(s.rope, &(offset..offset), s.enc);
            start_entry = Some(CompletionItem {
                label: "Start the next entry".to_string(),
                kind: Some(CompletionItemKind::SNIPPET),
                detail: Some("Today's entry, with the three parts".to_string()),
                documentation: Some(markdown_doc(
                    "Adds an entry dated today, written the way this file writes its dates, where the file adds new entries, with the outcome, the insight and the leadership move to fill in. Nothing else changes.".to_string(),
                )),
                sort_text: Some("00".to_string()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: here,
                    new_text: String::new(),
                })),
                additional_text_edits: Some(crate::server::convert::text_edits(s.rope, &fix, s.enc)),
                ..Default::default()
            });
        }
    }
    let Some(offset) = s.local(offset) else {
        return start_entry.into_iter().collect();
    };
    let mut items: Vec<CompletionItem> = start_entry.into_iter().collect();
    let line_start = s.text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let prefix = &s.text[line_start..offset];
    let trimmed = prefix.trim();
    let hashes = trimmed.chars().take_while(|c| *c == '#').count();
    let heading_prefix = hashes > 0 && hashes <= 6 && trimmed[hashes..].trim().is_empty();
    if trimmed.is_empty() || heading_prefix {
        let level = if hashes > 0 {
            hashes
        } else {
            match part_style(&s.ctx()) {
                PartStyle::Heading(l) => l as usize,
                _ => 2,
            }
        };
        let replace = s.range(&(line_start..offset));
        for (i, t) in guide::templates(level).into_iter().enumerate() {
            let text = if snippets { t.snippet } else { t.plain };
            items.push(CompletionItem {
                label: t.label.to_string(),
                kind: Some(CompletionItemKind::SNIPPET),
                detail: Some(t.detail.to_string()),
                documentation: Some(markdown_doc(t.documentation)),
                filter_text: Some(format!("{prefix}{}", t.label)),
                sort_text: Some(format!("0{i}")),
                insert_text_format: Some(text_format(snippets)),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: replace,
                    new_text: text,
                })),
                ..Default::default()
            });
        }
    }
    // Last meeting's open asks and action items, on an empty line or after a list marker.
    if super::series::is_item_prefix(prefix) {
        items.extend(super::series::carry_over(s, line_start, offset, prefix));
    }
    if heading_prefix {
        return items;
    }
    // Inside a part: that part's starters, replacing what was typed of the sentence.
    let kind = s
        .agenda
        .section_at(offset)
        .map(|i| &s.agenda.sections[i])
        .filter(|sec| offset >= sec.content_start || sec.level == LABEL_LEVEL)
        .map(|sec| sec.kind);
    if let Some(g) = kind.filter(|k| k.is_part()).and_then(guide) {
        let typed_start = sentence_start(s.text, line_start, offset);
        let replace = s.range(&(typed_start..offset));
        for (i, starter) in g.starters.iter().enumerate() {
            let text = if snippets {
                format!("{starter} ${{1:…}}")
            } else {
                format!("{starter} ")
            };
            items.push(CompletionItem {
                label: format!("{starter} …"),
                kind: Some(CompletionItemKind::TEXT),
                detail: Some(format!("Starter for {}", g.kind.name())),
                documentation: Some(markdown_doc(
                    guide::hover_markdown(g.kind).unwrap_or_default(),
                )),
                filter_text: Some(starter.to_string()),
                sort_text: Some(format!("1{i}")),
                insert_text_format: Some(text_format(snippets)),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: replace,
                    new_text: text,
                })),
                ..Default::default()
            });
        }
    }
    items
}

/// Where the sentence being typed at `offset` begins on its line: after the last
/// sentence end, a list marker, a label, or the line's indentation.
fn sentence_start(text: &str, line_start: usize, offset: usize) -> usize {
    let line = &text[line_start..offset];
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if matches!(c, '.' | '!' | '?' | '…' | ':') {
            start = i + c.len_utf8();
        }
    }
    let rest = &line[start..];
    let mut skip = rest.len() - rest.trim_start().len();
    let after = &rest[skip..];
    for marker in ["- ", "* ", "+ ", "> "] {
        if after.starts_with(marker) {
            skip += marker.len();
            break;
        }
    }
    let rest = &line[start + skip..];
    skip += rest.len() - rest.trim_start().len();
    line_start + start + skip
}

/// Snippet text for a client that takes snippets, plain text otherwise.
fn text_format(snippets: bool) -> InsertTextFormat {
    if snippets {
        InsertTextFormat::SNIPPET
    } else {
        InsertTextFormat::PLAIN_TEXT
    }
}
