//! Building the edits that fixes are made of: where a new part goes, how a block is
//! inserted with the blank lines Markdown needs, and the "turn off" comment.

use crate::agenda::{next_line, PartKind, LABEL_LEVEL};
use crate::diagnostic::{Edit, Fix};
use crate::rules::Context;
use std::ops::Range;

/// The heading each part gets when a fix creates it.
pub fn part_title(kind: PartKind) -> &'static str {
    match kind {
        PartKind::Outcome => "The outcome",
        PartKind::Insight => "The insight",
        PartKind::Move => "The leadership move",
        PartKind::PreRead => "Pre-read (send before the meeting)",
        PartKind::Status | PartKind::Other => "Notes",
    }
}

/// An insertion at `at` of `lines` (joined with the file's line ending) as a block of its
/// own, with a blank line before and after it unless one is already there.
pub fn insert_block(text: &str, at: usize, lines: &[&str], nl: &str) -> Edit {
    let before = &text[..at];
    let after = &text[at..];
    let mut body = String::new();
    let line_break = |s: &str| s.ends_with(['\n', '\r']);
    match before
        .strip_suffix("\r\n")
        .or_else(|| before.strip_suffix(['\n', '\r']))
    {
        // A blank line is already there.
        Some(rest) if line_break(rest) => {}
        Some(_) => body.push_str(nl),
        None if before.is_empty() => {}
        // Mid-line: end the line first, then leave a blank one.
        None => {
            body.push_str(nl);
            body.push_str(nl);
        }
    }
    body.push_str(&lines.join(nl));
    body.push_str(nl);
    if !(after.is_empty() || after.starts_with(['\n', '\r'])) {
        body.push_str(nl);
    }
    Edit::insert(at, body)
}

/// How the agenda marks its parts, so an inserted part looks like the others.
pub enum PartStyle {
    Heading(u8),
    Label,
    /// No headings at all: a part is a paragraph that opens with its starter.
    Bare,
}

pub fn part_style(ctx: &Context) -> PartStyle {
    let sections = &ctx.agenda.sections;
    if let Some(part) = sections.iter().find(|s| s.kind.is_part() && !s.inherited) {
        return if part.level == LABEL_LEVEL {
            PartStyle::Label
        } else {
            PartStyle::Heading(part.level)
        };
    }
    let headings: Vec<u8> = sections
        .iter()
        .filter(|s| s.level != LABEL_LEVEL)
        .map(|s| s.level)
        .collect();
    match headings.as_slice() {
        [] => PartStyle::Bare,
        [1] => PartStyle::Heading(2),
        levels => PartStyle::Heading(levels.iter().copied().filter(|l| *l > 1).min().unwrap_or(2)),
    }
}

/// The lines of a new part holding `sentence`, in the agenda's style.
pub fn part_lines(ctx: &Context, kind: PartKind, sentence: &str) -> Vec<String> {
    match part_style(ctx) {
        PartStyle::Heading(level) => vec![
            format!("{} {}", "#".repeat(level as usize), part_title(kind)),
            String::new(),
            sentence.to_string(),
        ],
        PartStyle::Label => vec![format!("**{}:** {sentence}", label_name(kind))],
        PartStyle::Bare => vec![sentence.to_string()],
    }
}

fn label_name(kind: PartKind) -> &'static str {
    match kind {
        PartKind::Outcome => "Outcome",
        PartKind::Insight => "Insight",
        PartKind::Move => "Ask",
        PartKind::PreRead => "Pre-read",
        PartKind::Status | PartKind::Other => "Notes",
    }
}

/// Where the body starts: after front matter and the title heading, if any.
pub fn body_start(ctx: &Context) -> usize {
    let mut at = ctx
        .agenda
        .front_matter
        .as_ref()
        .map_or(0, |fm| line_end_after(ctx.text, fm.end));
    if let Some(title) = ctx
        .agenda
        .sections
        .first()
        .filter(|s| s.level == 1 && s.kind == PartKind::Other)
    {
        if ctx
            .agenda
            .blocks
            .first()
            .is_none_or(|b| b.range.start > title.range.start)
        {
            at = at.max(title.content_start);
        }
    }
    at.min(ctx.text.len())
}

/// The offset of the start of the line after `offset` (or `offset` itself at a line start).
fn line_end_after(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    let at_line_start = match text.as_bytes()[..offset].last() {
        None | Some(b'\n') => true,
        Some(b'\r') => !text[offset..].starts_with('\n'),
        Some(_) => false,
    };
    if at_line_start {
        return offset;
    }
    next_line(text, offset)
}

/// Where a new part of `kind` belongs: outcome first, then insight, then the move,
/// all before the pre-read.
pub fn part_insertion_point(ctx: &Context, kind: PartKind) -> usize {
    let sections = &ctx.agenda.sections;
    let order = |k: PartKind| match k {
        PartKind::Outcome => 0,
        PartKind::Insight => 1,
        PartKind::Move => 2,
        _ => 3,
    };
    let mine = order(kind);
    // After the last part that comes before this one…
    if let Some(prev) = sections
        .iter()
        .rev()
        .find(|s| s.kind.is_part() && !s.inherited && order(s.kind) < mine)
    {
        return end_of_part(ctx, prev.range.clone());
    }
    // …else before the first part that comes after it, or the pre-read…
    if let Some(next) = sections
        .iter()
        .find(|s| (s.kind.is_part() && order(s.kind) > mine) || s.kind == PartKind::PreRead)
    {
        return next.range.start;
    }
    // …else at the top of the body for the outcome, at the end for the others.
    if kind == PartKind::Outcome {
        body_start(ctx)
    } else {
        ctx.text.len()
    }
}

/// The end of a part's own text: just past the line break after its last block or table
/// (nested sections included), so that a new part follows it directly rather than after
/// trailing comments or blank lines.
fn end_of_part(ctx: &Context, range: Range<usize>) -> usize {
    content_end(ctx, range.clone()).unwrap_or(range.end.min(ctx.text.len()))
}

/// Just past the line break that ends the last block or table starting inside `range`,
/// or `None` when nothing does.
pub fn content_end(ctx: &Context, range: Range<usize>) -> Option<usize> {
    let blocks = &ctx.agenda.blocks;
    let upto = blocks.partition_point(|b| b.range.start < range.end);
    let block_end = blocks[..upto]
        .iter()
        .rev()
        .take_while(|b| b.range.start >= range.start)
        .map(|b| b.outer.end.max(b.range.end))
        .max();
    let table_end = ctx
        .agenda
        .tables
        .iter()
        .filter(|t| range.contains(&t.range.start))
        .map(|t| t.range.end)
        .max();
    let end = block_end.max(table_end)?;
    Some(line_end_after(ctx.text, end).min(range.end.max(end)))
}

/// The fix that turns a rule off for this file with an HTML comment.
pub fn disable_fix(ctx: &Context, rule: &str) -> Fix {
    let title = ["Turn off ", rule, " for this file"].concat();
    let at = ctx
        .agenda
        .front_matter
        .as_ref()
        .map_or(0, |fm| line_end_after(ctx.text, fm.end));
    let nl = ctx.agenda.line_ending;
    let prefix = if at > 0 && !ctx.text[..at].ends_with(['\n', '\r']) {
        nl
    } else {
        ""
    };
    Fix::new(
        title,
        vec![Edit::insert(
            at,
            format!("{prefix}<!-- oneonone-disable {rule} -->{nl}"),
        )],
        false,
    )
}

/// The range a document-level finding is reported on: the title heading, else the
/// first line of text.
pub fn document_anchor(ctx: &Context) -> Range<usize> {
    if let Some(first) = ctx.agenda.sections.first() {
        if first.level == 1
            || ctx
                .agenda
                .blocks
                .first()
                .is_none_or(|b| b.range.start > first.range.start)
        {
            return first.heading.clone();
        }
    }
    let start = ctx
        .agenda
        .front_matter
        .as_ref()
        .map_or(0, |fm| line_end_after(ctx.text, fm.end));
    let text = &ctx.text[start..];
    let skip = text.len() - text.trim_start().len();
    let start = start + skip;
    let end = ctx.text[start..]
        .find(['\n', '\r'])
        .map_or(ctx.text.len(), |i| start + i);
    start..end
}

/// The fix that adds a part the agenda does not have (no section of that kind), for the
/// "Add the missing part" refactoring. `None` when the agenda has it.
pub fn add_part_fix(ctx: &Context, kind: PartKind) -> Option<Fix> {
    if ctx.agenda.parts(kind).next().is_some() {
        return None;
    }
    let starter = crate::guide::guide(kind)?.starters.first()?;
    let sentence = format!("{starter} …");
    let lines = part_lines(ctx, kind, &sentence);
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let at = part_insertion_point(ctx, kind);
    Some(Fix::new(
        format!("Add the missing part: {}", kind.name()),
        vec![insert_block(ctx.text, at, &lines, ctx.agenda.line_ending)],
        false,
    ))
}

/// One fix per starter, each replacing `range` with that starter and a placeholder for
/// the user to finish ("My recommendation is …"). Never safe: the user must finish it.
pub fn replace_with_starters(range: &Range<usize>, starters: &[&str]) -> Vec<Fix> {
    starters
        .iter()
        .map(|starter| {
            let sentence = [starter, " …"].concat();
            let title = ["Replace with \"", &sentence, "\""].concat();
            Fix::new(title, vec![Edit::replace(range.clone(), sentence)], false)
        })
        .collect()
}
