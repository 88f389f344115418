//! Tables: a status table is kept as rows of normalised cells; in a two-column table whose
//! first cell names a part, the second cell is that part's prose.

use super::builder::{Builder, OpenBlock};
use super::*;
use crate::patterns::classify_heading;

/// The fewest words for a table cell to be read as a sentence of talk.
const PROSE_CELL_WORDS: usize = 6;

/// A normalised cell too short to be a sentence of talk ("Waiting on legal"). A question
/// is a sentence however short ("Thoughts?"), and so is a hand-off ("Your call.").
fn is_short(cell: &str) -> bool {
    cell.split_whitespace().count() < PROSE_CELL_WORDS
        && !cell.trim_end().ends_with('?')
        && !crate::patterns::catalogue().judge(cell).is_handoff()
}

/// A normalised cell that holds a status value ("Done", "In progress", "80%").
fn is_status_value(cell: &str) -> bool {
    crate::patterns::catalogue().status_cell(cell) != crate::patterns::StatusStrength::None
}

#[derive(Default)]
pub(super) struct TableBuild {
    pub(super) range: Range<usize>,
    pub(super) rows: Vec<Vec<String>>,
    pub(super) row: Vec<String>,
    pub(super) cell: String,
    pub(super) in_head: bool,
    /// Columns: a two-column table may be a set of parts (label | text).
    pub(super) columns: usize,
    /// The current cell's source range.
    pub(super) cell_range: Range<usize>,
    /// The current row's first cell, when it names a part: its kind, source and words.
    pub(super) row_label: Option<(PartKind, Range<usize>, String)>,
    /// The current cell is collected as a block of prose.
    pub(super) prose: bool,
    /// That block is the text of a part row.
    pub(super) part_row: bool,
    /// The part each column's header names, if any ("| topic | status | from you |").
    pub(super) column_parts: Vec<Option<(PartKind, String)>>,
}

impl<'a> Builder<'a> {
    /// A table's events. A status table is kept as rows of normalised cells; in a
    /// two-column table whose first cell names a part ("Target", "Risks", "Ask"), the
    /// second cell is that part's prose, with positions in the cell.
    pub(super) fn table_event(&mut self, event: Event<'a>, range: Range<usize>) {
        let Some(table) = self.table.as_mut() else {
            return;
        };
        if table.prose
            && matches!(
                event,
                Event::Text(_)
                    | Event::Code(_)
                    | Event::SoftBreak
                    | Event::HardBreak
                    | Event::Start(Tag::Strong | Tag::Emphasis)
                    | Event::End(TagEnd::Strong | TagEnd::Emphasis)
            )
        {
            if let Event::Text(t) | Event::Code(t) = &event {
                table.cell.push_str(t);
            }
            // The cell's prose goes through the paragraph path, into its open block.
            let table = self.table.take();
            self.event(event, range);
            self.table = table;
            return;
        }
        match event {
            Event::Start(Tag::TableHead) => table.in_head = true,
            Event::End(TagEnd::TableHead) => {
                table.in_head = false;
                table.row.clear();
            }
            Event::Start(Tag::TableRow) => {
                table.row.clear();
                table.row_label = None;
            }
            Event::Start(Tag::TableCell) => {
                table.cell_range = range.clone();
                let column = table.row.len();
                // A two-column table's first row is its header row to Markdown, and a part
                // row too when its first cell names a part ("| Outcome | Close 3 of the 5
                // stalled renewals… |"): a table written without a header.
                // In a wider table the row's first cell names the part of the cell after
                // it ("| Goal | Kits for 15,000 households… | — |" under "| Topic | Update
                // | Ask |"), unless that column's header names a part of its own.
                let labelled_column =
                    table.columns == 2 || table.column_parts.get(1).is_some_and(Option::is_none);
                let mut part_row = column == 1 && labelled_column && table.row_label.is_some();
                // A column whose header names a part ("| topic | status | from you |")
                // makes each of its body cells that part's text.
                if !part_row && column > 0 && !table.in_head {
                    if let Some(Some((kind, title))) = table.column_parts.get(column) {
                        table.row_label = Some((*kind, range.start..range.start, title.clone()));
                        part_row = true;
                    }
                }
                // Every body cell after the first is read as prose; a short or status
                // cell is dropped again at its end (see `end_prose_cell`).
                if (!table.in_head || part_row) && !table.row.is_empty() {
                    table.prose = true;
                    table.part_row = part_row;
                    self.open
                        .push(OpenBlock::new(BlockKind::Paragraph, range.clone()));
                }
            }
            Event::End(TagEnd::TableCell) => {
                let raw = std::mem::take(&mut table.cell);
                let cell = normalise(&raw);
                let first = table.row.is_empty();
                if table.in_head {
                    // Only the three parts: a "Status" or "Notes" column stays cells; so
                    // does the text of a header row that is a part row.
                    let part = classify_heading(raw.trim()).filter(|k| k.is_part());
                    table.column_parts.push(
                        part.filter(|_| is_short(&cell))
                            .map(|kind| (kind, raw.trim().to_string())),
                    );
                }
                // A two-column table's first cell names a part in a heading's words; a
                // wider table's only by a part's exact name ("Goal", "Risk"): "Pricing risk
                // review" is a row of a tracker.
                if first && table.columns == 2 {
                    table.row_label = classify_heading(raw.trim())
                        .map(|kind| (kind, table.cell_range.clone(), raw.trim().to_string()));
                } else if first && !table.in_head {
                    table.row_label = crate::patterns::classify_plain_label(raw.trim())
                        .filter(|k| k.is_part())
                        .map(|kind| (kind, table.cell_range.clone(), raw.trim().to_string()));
                }
                table.row.push(cell);
                if std::mem::take(&mut table.prose) {
                    if std::mem::take(&mut table.part_row) {
                        self.end_part_row(range);
                    } else {
                        self.end_prose_cell(range);
                    }
                }
            }
            Event::End(TagEnd::TableRow) => {
                let row = std::mem::take(&mut table.row);
                if !table.in_head {
                    table.rows.push(row);
                }
            }
            Event::Text(t) | Event::Code(t) => table.cell.push_str(&t),
            Event::SoftBreak | Event::HardBreak => table.cell.push(' '),
            Event::Html(t) | Event::InlineHtml(t) => {
                let t = t.to_string();
                self.html(&t);
            }
            Event::End(TagEnd::Table) => {
                if let Some(table) = self.table.take() {
                    let range = full_lines(self.text, table.range);
                    self.agenda.tables.push(Table {
                        range,
                        rows: table.rows,
                        section: None,
                    });
                }
            }
            _ => {}
        }
    }

    /// Ends a cell read as prose outside a part row: a cell of a few words or a status
    /// value stays a cell of its row; a sentence in it ("the miss wasn't the model, it was
    /// the stage field") is talk like any paragraph.
    fn end_prose_cell(&mut self, cell: Range<usize>) {
        let Some(block) = self.open.pop() else {
            return;
        };
        let plain = normalise(&block.plain);
        if !is_short(&plain) && !is_status_value(&plain) {
            self.finished.push((block, cell));
        }
    }

    /// Ends the prose cell of a part row: its block is finished, and the row becomes a
    /// labelled section of that part, from the label cell to the end of the row's text.
    fn end_part_row(&mut self, cell: Range<usize>) {
        let Some(block) = self.open.pop() else {
            return;
        };
        let Some((kind, label, title)) = self.table.as_mut().and_then(|t| t.row_label.take())
        else {
            return;
        };
        // A status value in the text cell ("| Risks | Done |") makes a status row; under
        // a part's column header, a cell of a few words ("Waiting on legal") stays a cell.
        // So does a few words beside a row's name in a wider table ("| Support runbooks |
        // Lee | 80% |"): there a part's text is a sentence.
        let plain = normalise(&block.plain);
        let cells_only = self
            .table
            .as_ref()
            .is_some_and(|t| t.in_head || t.columns > 2);
        if is_status_value(&plain) || ((label.is_empty() || cells_only) && is_short(&plain)) {
            return;
        }
        self.finished.push((block, cell.clone()));
        self.row_ends.push((self.agenda.sections.len(), cell.end));
        self.heading_classes.push(Some(kind));
        self.agenda.sections.push(Section {
            kind,
            inherited: false,
            title,
            level: LABEL_LEVEL,
            heading: label.clone(),
            range: label.start..cell.end,
            content_start: cell.start,
            sentence_count: 0,
            first_sentence: None,
            table_count: 0,
            in_item: false,
        });
    }
}
