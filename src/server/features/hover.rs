//! Hover: what a part is for on its heading, and why a finding matters on its text.

use super::Snapshot;
use crate::agenda::PartKind;
use crate::guide::{self, guide};
use crate::rules;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

/// `offset` is in the whole document; only the current entry is explained.
pub fn hover(s: &Snapshot, offset: usize) -> Option<Hover> {
    // Findings may also stand on the current entry's heading, just before its text.
    let local = s.local(offset);
    if let Some(section) = local.and_then(|local| {
        s.agenda.sections.iter().find(|sec| {
            sec.heading.contains(&local) || (sec.heading.end == local && local > sec.heading.start)
        })
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
    // What the series says here: an action item's history, an ask made before.
    let series = super::series::hover(s, offset);
    let Some(finding) = s
        .findings
        .iter()
        .find(|f| f.range.start <= offset && offset < f.range.end.max(f.range.start + 1))
    else {
        let (md, range) = series?;
        return Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: md,
            }),
            range: Some(super::super::position::byte_range_to_lsp(
                s.rope, &range, s.enc,
            )),
        });
    };
    let rule = rules::rule(finding.rule)?;
    let mut md = format!(
        "**{}** ({})\n\n{}\n\n{}\n",
        rule.id, finding.severity, finding.message, rule.docs.why
    );
    let part = local
        .and_then(|local| s.agenda.sentence_at(local))
        .map(|sen| s.agenda.kind_of_sentence(sen))
        .filter(|k| k.is_part())
        .or(match rule.id {
            "handoff-closing" | "missing-ask" | "hedged-ask" | "repeated-ask" => {
                Some(PartKind::Move)
            }
            "missing-insight" => Some(PartKind::Insight),
            "status-dump" => Some(PartKind::PreRead),
            // About the action items, not a part.
            "open-action-item" => None,
            _ => Some(PartKind::Outcome),
        });
    if let Some(g) = part.and_then(guide) {
        md.push_str(&format!(
            "\nInstead of\n> {}\n\ntry\n> {}\n",
            g.before, g.after
        ));
    }
    if let Some((extra, _)) = series {
        md.push_str("\n---\n\n");
        md.push_str(&extra);
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
