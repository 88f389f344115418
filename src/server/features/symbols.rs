//! The outline: headings and labels, nested by level, with the part each one is. In a
//! running doc, the entries, newest first, the current one marked and holding its parts.

use super::Snapshot;
use crate::agenda::PartKind;
use crate::server::position::byte_range_to_lsp;
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
    let parts = build(s, &all, 0).0;
    if s.entries.list.is_empty() {
        return parts;
    }
    let mut parts = Some(parts);
    let mut order: Vec<usize> = (0..s.entries.list.len()).collect();
    // Newest first: by date, an undated next entry on top; the file's order on a tie.
    order.sort_by_key(|&i| {
        let e = &s.entries.list[i];
        std::cmp::Reverse((e.next, e.date, i))
    });
    order
        .into_iter()
        .map(|i| {
            let e = &s.entries.list[i];
            let current = s.entries.current == Some(i);
            let whole = e.heading.start..e.body.end;
            DocumentSymbol {
                name: if e.title.is_empty() {
                    "Entry".to_string()
                } else {
                    e.title.clone()
                },
                detail: Some(if current { "current entry" } else { "entry" }.to_string()),
                kind: SymbolKind::EVENT,
                tags: None,
                deprecated: None,
                range: byte_range_to_lsp(s.rope, &whole, s.enc),
                selection_range: byte_range_to_lsp(s.rope, &e.heading, s.enc),
                children: if current {
                    parts.take().filter(|c| !c.is_empty())
                } else {
                    None
                },
            }
        })
        .collect()
}
