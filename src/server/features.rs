//! Completion, hover, outline and code actions, computed from a document's text.
//! Each function is plain: text and positions in, LSP values out.

use super::convert::{self, workspace_edit};
use super::position::{byte_range_to_lsp, Encoding};
use crate::agenda::{Agenda, PartKind, LABEL_LEVEL};
use crate::diagnostic::{Edit, Fix};
use crate::edit::{part_style, PartStyle};
use crate::guide::{self, guide};
use crate::rules::{self, Context};
use crate::{Config, Diagnostic as Finding};
use ropey::Rope;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CompletionItem, CompletionItemKind,
    CompletionTextEdit, Diagnostic, DocumentSymbol, Documentation, Hover, HoverContents,
    InsertTextFormat, MarkupContent, MarkupKind, NumberOrString, SymbolKind, TextEdit, Uri,
};

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

// ---------------------------------------------------------------------------------------
// Completion

pub fn completion(s: &Snapshot, offset: usize, snippets: bool) -> Vec<CompletionItem> {
    let line_start = s.text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let prefix = &s.text[line_start..offset];
    let trimmed = prefix.trim();
    let hashes = trimmed.chars().take_while(|c| *c == '#').count();
    let heading_prefix = hashes > 0 && hashes <= 6 && trimmed[hashes..].trim().is_empty();
    let mut items = Vec::new();
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
                insert_text_format: Some(if snippets {
                    InsertTextFormat::SNIPPET
                } else {
                    InsertTextFormat::PLAIN_TEXT
                }),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: replace,
                    new_text: text,
                })),
                ..Default::default()
            });
        }
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
                insert_text_format: Some(if snippets {
                    InsertTextFormat::SNIPPET
                } else {
                    InsertTextFormat::PLAIN_TEXT
                }),
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

fn markdown_doc(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    })
}

// ---------------------------------------------------------------------------------------
// Hover

pub fn hover(s: &Snapshot, offset: usize) -> Option<Hover> {
    if let Some(section) = s.agenda.sections.iter().find(|sec| {
        sec.heading.contains(&offset) || (sec.heading.end == offset && offset > sec.heading.start)
    }) {
        if let Some(md) = guide::hover_markdown(section.kind) {
            return Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: md,
                }),
                range: Some(s.range(&section.heading)),
            });
        }
    }
    let finding = s
        .findings
        .iter()
        .find(|f| f.range.start <= offset && offset < f.range.end.max(f.range.start + 1))?;
    let rule = rules::rule(finding.rule)?;
    let mut md = format!(
        "**{}** ({})\n\n{}\n\n{}\n",
        rule.id, finding.severity, finding.message, rule.docs.why
    );
    let part = s
        .agenda
        .sentence_at(offset)
        .map(|sen| s.agenda.kind_of_sentence(sen))
        .filter(|k| k.is_part())
        .unwrap_or(match rule.id {
            "handoff-closing" | "missing-ask" | "hedged-ask" => PartKind::Move,
            "missing-insight" => PartKind::Insight,
            "status-dump" => PartKind::PreRead,
            _ => PartKind::Outcome,
        });
    if let Some(g) = guide(part) {
        md.push_str(&format!(
            "\nInstead of\n> {}\n\ntry\n> {}\n",
            g.before, g.after
        ));
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: md,
        }),
        range: Some(s.range(&finding.range)),
    })
}

// ---------------------------------------------------------------------------------------
// Document symbols

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
pub fn symbols(s: &Snapshot) -> Vec<DocumentSymbol> {
    fn build(s: &Snapshot, indices: &[usize], start: usize) -> (Vec<DocumentSymbol>, usize) {
        let mut out = Vec::new();
        let mut i = start;
        while i < indices.len() {
            let sec = &s.agenda.sections[indices[i]];
            let level = sec.level;
            let mut j = i + 1;
            let mut children = Vec::new();
            if j < indices.len() && s.agenda.sections[indices[j]].level > level {
                let (kids, next) = build_children(s, indices, j, level);
                children = kids;
                j = next;
            }
            let kind = match sec.kind {
                PartKind::Outcome | PartKind::Insight | PartKind::Move => SymbolKind::KEY,
                PartKind::PreRead | PartKind::Status => SymbolKind::FIELD,
                PartKind::Other => SymbolKind::STRING,
            };
            let title = if sec.title.is_empty() {
                sec.kind.name().to_string()
            } else {
                sec.title.clone()
            };
            out.push(DocumentSymbol {
                name: title,
                detail: Some(sec.kind.name().to_string()).filter(|_| sec.kind != PartKind::Other),
                kind,
                tags: None,
                deprecated: None,
                range: s.range(&sec.range),
                selection_range: s.range(&sec.heading),
                children: Some(children).filter(|c| !c.is_empty()),
            });
            i = j;
        }
        (out, i)
    }
    fn build_children(
        s: &Snapshot,
        indices: &[usize],
        start: usize,
        parent_level: u8,
    ) -> (Vec<DocumentSymbol>, usize) {
        let end = indices[start..]
            .iter()
            .position(|&k| s.agenda.sections[k].level <= parent_level)
            .map_or(indices.len(), |p| start + p);
        let (kids, _) = build(s, &indices[..end], start);
        (kids, end)
    }
    let all: Vec<usize> = (0..s.agenda.sections.len()).collect();
    build(s, &all, 0).0
}

// ---------------------------------------------------------------------------------------
// Code actions

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
    if kind_wanted(only, refactor.as_str()) {
        if let Some(sec) = s
            .agenda
            .section_at(range.start)
            .map(|i| &s.agenda.sections[i])
        {
            if let Some(g) = guide(sec.kind).filter(|g| g.kind.is_part()) {
                let at = if range.start < sec.content_start {
                    sec.content_start
                } else {
                    range.start
                };
                for starter in g.starters {
                    let fix = Fix::new(
                        format!("Insert starter: \"{starter} …\""),
                        vec![Edit::insert(at, format!("{starter} "))],
                        false,
                    );
                    out.push(action(s, &fix, refactor.clone(), None, false));
                }
            }
        }
        for kind in PartKind::PARTS {
            if let Some(fix) = crate::edit::add_part_fix(&s.ctx(), kind) {
                out.push(action(s, &fix, refactor.clone(), None, false));
            }
        }
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
