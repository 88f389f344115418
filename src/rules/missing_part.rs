//! Shared by `missing-outcome` and `missing-insight`: a part is present when a section of
//! its kind holds text, or when any sentence of talk states it.

use super::{Context, Finding};
use crate::agenda::PartKind;
use crate::diagnostic::Fix;
use crate::edit::{document_anchor, insert_block, part_insertion_point, part_lines};

pub fn check(
    ctx: &Context,
    kind: PartKind,
    states_it: impl Fn(&super::Reading) -> bool,
    starter: &str,
    message: &str,
) -> Vec<Finding> {
    if ctx.agenda.is_limited() {
        return Vec::new();
    }
    let has_part = ctx.agenda.parts(kind).any(|(_, s)| s.has_content());
    if has_part || ctx.talk().any(|s| states_it(ctx.judge(s))) {
        return Vec::new();
    }
    let empty_part = ctx.agenda.parts(kind).find(|(_, s)| !s.inherited);
    let sentence = [starter, " …"].concat();
    let edits = match empty_part {
        Some((_, section)) if section.is_label() => vec![crate::diagnostic::Edit::insert(
            section.content_start,
            format!(" {sentence}"),
        )],
        Some((_, section)) => vec![insert_block(
            ctx.text,
            section.content_start,
            &[&sentence],
            ctx.agenda.line_ending,
        )],
        None => {
            let lines = part_lines(ctx, kind, &sentence);
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            let at = part_insertion_point(ctx, kind);
            vec![insert_block(ctx.text, at, &lines, ctx.agenda.line_ending)]
        }
    };
    let (range, title) = match empty_part {
        Some((_, section)) => (
            section.heading.clone(),
            ["Fill ", kind.name(), " with \"", &sentence, "\""].concat(),
        ),
        None => {
            let article = if kind == PartKind::Outcome {
                "an outcome"
            } else {
                "an insight"
            };
            (
                document_anchor(ctx),
                ["Add ", article, ": \"", &sentence, "\""].concat(),
            )
        }
    };
    vec![Finding {
        range,
        message: message.to_string(),
        fixes: vec![Fix::new(title, edits, false)],
        related: Vec::new(),
    }]
}
