//! The fix of `status-dump`: the reports move, verbatim and in order, to the pre-read.

use super::Unit;
use crate::agenda::{line_start, next_line, PartKind};
use crate::diagnostic::{Edit, Fix};
use crate::edit::{content_end, insert_block, part_style, part_title, PartStyle};
use crate::rules::Context;
use std::ops::Range;

/// Deletes each unit's lines and inserts the same lines, verbatim and in order, into
/// the pre-read: list items as a list, tables as blocks of their own.
pub(super) fn move_fix(ctx: &Context, units: &[Unit]) -> Fix {
    let nl = ctx.agenda.line_ending;
    let mut edits = deletions(&ctx.text[..ctx.agenda.analysed], units);
    let at = pre_read_insertion(ctx, &edits);
    let mut moved = String::new();
    let mut previous_table: Option<bool> = None;
    for u in units {
        let lines = ctx.text[u.range.clone()].trim_end_matches(['\n', '\r']);
        if let Some(prev) = previous_table {
            moved.push_str(nl);
            if prev || u.table {
                moved.push_str(nl);
            }
        }
        moved.push_str(lines);
        previous_table = Some(u.table);
    }
    let starts_with_table = units.first().is_some_and(|u| u.table);
    let insertion = match at {
        Some(at) => {
            if starts_with_table {
                insert_block(ctx.text, at, &[&moved], nl)
            } else {
                insert_list(ctx.text, at, &moved, nl)
            }
        }
        None => {
            let heading = match part_style(ctx) {
                PartStyle::Heading(level) => {
                    format!(
                        "{} {}",
                        "#".repeat(level as usize),
                        part_title(PartKind::PreRead)
                    )
                }
                PartStyle::Label | PartStyle::Bare => {
                    format!("## {}", part_title(PartKind::PreRead))
                }
            };
            insert_block(ctx.text, ctx.text.len(), &[&heading, "", &moved], nl)
        }
    };
    edits.push(insertion);
    Fix::new(title(at), edits, true)
}

/// The move's title: into the pre-read there is, or into a new one.
fn title(insertion: Option<usize>) -> &'static str {
    match insertion {
        Some(_) => "Move the status items into the pre-read",
        None => "Move the status items into a new pre-read part",
    }
}

/// Where the moved lines go in the last pre-read part: at the end of its own text, before
/// any section inside it that is not pre-read ("### What I'm seeing" under "## Pre-read"),
/// and never inside a line that moves. `None` when there is no pre-read part (a label
/// in a list item is not one: what follows the item is not in it) or no such place.
fn pre_read_insertion(ctx: &Context, deletions: &[Edit]) -> Option<usize> {
    let sections = &ctx.agenda.sections;
    let (index, section) = sections
        .iter()
        .enumerate()
        .rfind(|(_, s)| s.kind == PartKind::PreRead && !s.inherited && !s.in_item)?;
    let range = &section.range;
    let own_end = sections[index + 1..]
        .iter()
        .take_while(|s| s.range.start < range.end)
        .find(|s| s.kind != PartKind::PreRead)
        .map_or(range.end, |s| s.range.start)
        .min(ctx.text.len());
    let mut at = content_end(ctx, range.start..own_end)
        .unwrap_or(own_end)
        .min(own_end);
    // Never in the middle of a line: a paragraph that a later label splits ("Also the
    // deck.\n**Ask:** …") keeps the lines before the label's, and a section that starts
    // mid-line (`- **Ask:**`) keeps its whole line.
    if !ctx.text[at..next_line(ctx.text, at)].trim().is_empty() {
        at = line_start(ctx.text, at);
        if at < section.content_start {
            return None;
        }
    }
    let inside = deletions
        .iter()
        .any(|d| d.range.start < at && at < d.range.end);
    (!inside).then_some(at)
}

/// One deletion per run of units separated only by blank space. When a run took a whole
/// block of its own (a blank line before and after it), one of the blank lines goes too.
/// `text` is the analysed part: nothing past it is deleted.
fn deletions(text: &str, units: &[Unit]) -> Vec<Edit> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for u in units {
        match runs.last_mut() {
            Some(run) if text[run.end..u.range.start.max(run.end)].trim().is_empty() => {
                run.end = run.end.max(u.range.end);
            }
            _ => runs.push(u.range.clone()),
        }
    }
    runs.into_iter()
        .map(|mut run| {
            let before = &text[..run.start];
            if before.is_empty() || ends_with_blank_line(before) {
                run.end += line_break_len(&text[run.end..]);
            }
            Edit::delete(run)
        })
        .collect()
}

/// The length of the line break (LF, CRLF or a lone CR) that `s` starts with, or 0.
fn line_break_len(s: &str) -> usize {
    if s.starts_with("\r\n") {
        2
    } else {
        usize::from(s.starts_with(['\n', '\r']))
    }
}

/// True when `before` ends with a line break that follows a blank line.
fn ends_with_blank_line(before: &str) -> bool {
    let Some(rest) = before
        .strip_suffix("\r\n")
        .or_else(|| before.strip_suffix(['\n', '\r']))
    else {
        return false;
    };
    rest.ends_with(['\n', '\r'])
}

/// Inserts list lines at the end of the pre-read: straight after a list that ends it,
/// so the items join it, else as a block of their own.
fn insert_list(text: &str, at: usize, moved: &str, nl: &str) -> Edit {
    let before = text[..at].trim_end_matches(['\n', '\r']);
    let last_line = before[line_start(before, before.len())..].trim_start();
    let ends_with_list = last_line.starts_with(['-', '*', '+'])
        || last_line
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if ends_with_list && before.len() < at {
        let line_break = before.len() + line_break_len(&text[before.len()..at]);
        if line_break > before.len() {
            return Edit::insert(line_break, format!("{moved}{nl}"));
        }
    }
    insert_block(text, at, &[moved], nl)
}
