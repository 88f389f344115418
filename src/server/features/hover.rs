//! Hover: what a part is for on its heading, and why a finding matters on its text.

use super::Snapshot;
use crate::agenda::PartKind;
use crate::guide::{self, guide};
use crate::rules;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

/// `offset` is in the whole document; only the current entry is explained.
pub fn hover(s: &Snapshot, offset: usize) -> Option<Hover> {
    let local = s.local(offset)?;
    if let Some(section) = s.agenda.sections.iter().find(|sec| {
        sec.heading.contains(&local) || (sec.heading.end == local && local > sec.heading.start)
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
        .sentence_at(local)
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
        range: Some(super::super::position::byte_range_to_lsp(
            s.rope,
            &finding.range,
            s.enc,
        )),
    })
}
