//! The outline: headings and labels, nested by level, with the part each one is.

use super::Snapshot;
use crate::agenda::PartKind;
use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

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
