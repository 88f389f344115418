//! Shared by `missing-outcome` and `missing-insight`: a part is present when a section of
//! its kind holds text, or when any sentence of talk states it.

use super::{Context, Finding};
use crate::agenda::{PartKind, Sentence};
use crate::diagnostic::Fix;
use crate::edit::{document_anchor, insert_block, part_insertion_point, part_lines};
use crate::model::Function;

/// The least probability of a part for a sentence in that part's place (see
/// [`in_its_place`]): the place says what the sentence is for, so the model's reading needs
/// less confidence there than in the middle of the talk (0.68).
pub(super) const IN_PLACE: f32 = 0.5;

/// The writer follows the three parts in their order (outcome, insight, move), with one of
/// them under a name no list foresaw ("**Aiming for:** …", "What the sessions showed") or
/// none: a sentence of talk in that part's place reads as that part more than as any other
/// point, with at least [`IN_PLACE`]. The outcome's place is before the first insight or
/// move, the insight's after the outcome and before the move, when there is one (each a
/// part, or a sentence read as one).
pub(super) fn in_its_place(ctx: &Context, kind: PartKind) -> bool {
    let function = match kind {
        PartKind::Outcome => Function::Outcome,
        PartKind::Insight => Function::Insight,
        _ => return false,
    };
    let named = |kinds: &[PartKind]| {
        ctx.agenda
            .sections
            .iter()
            .find(|s| kinds.contains(&s.kind) && s.has_content())
            .map(|s| s.heading.start)
    };
    // The model reads the sentence as this part more than as any other point, with at
    // least `IN_PLACE`.
    let reads_as_it = |reading: &super::Reading| {
        let model = reading.prediction();
        let p = model.function_probability(function);
        p >= IN_PLACE
            && [Function::Outcome, Function::Insight, Function::Move]
                .into_iter()
                .filter(|&f| f != function)
                .all(|f| p > model.function_probability(f))
    };
    let first_said = |f: fn(&super::Reading) -> bool| {
        ctx.talk().find(|s| f(ctx.judge(s))).map(|s| s.range.start)
    };
    // Where the next point is said: a sentence the model reads as this part first does
    // not end its place (the catalogue finds an insight in a goal's reason, "…, as this is
    // what the contracts promise", or a request in an insight). The move always ends the
    // outcome's place: "I want us to pick one today" asks for a decision, whatever the
    // model reads in it.
    let next_said = |f: fn(&super::Reading) -> bool| {
        ctx.talk()
            .find(|s| {
                let reading = ctx.judge(s);
                f(reading) && !reads_as_it(reading)
            })
            .map(|s| s.range.start)
    };
    let earliest = |a: Option<usize>, b: Option<usize>| a.into_iter().chain(b).min();
    let (from, to) = if kind == PartKind::Outcome {
        let insight = earliest(named(&[PartKind::Insight]), next_said(|r| r.is_insight()));
        let to = earliest(
            insight,
            earliest(named(&[PartKind::Move]), first_said(|r| r.is_ask())),
        );
        match to {
            Some(to) => (0, to),
            None => return false,
        }
    } else {
        let outcome = earliest(named(&[PartKind::Outcome]), first_said(|r| r.is_outcome()));
        let Some(from) = outcome else {
            return false;
        };
        let to = earliest(named(&[PartKind::Move]), next_said(|r| r.is_ask()));
        (from, to.unwrap_or(usize::MAX))
    };
    ctx.talk()
        .skip_while(|s| s.range.start < from)
        .take_while(|s| s.range.start < to)
        .filter(|s| {
            matches!(ctx.kind(s), PartKind::Other | PartKind::Outcome) && !ctx.in_action_item(s)
        })
        .any(|s| {
            let reading = ctx.judge(s);
            !reading.is_activity()
                && !reading.is_handoff()
                && !reading.is_preamble()
                && !super::reading::leads_in(&s.norm)
                && !names_another_part(&s.norm, kind)
                && reads_as_it(reading)
        })
}

/// The sentence opens with a name of its own for another part, written as a clause ("What
/// I'm seeing in the supply chain: we pin base images but not actions.") or as that part's
/// starter ("What I'm seeing is that their team sends requests…"): the writer said what
/// it is. A topic's name ("Vendor risk: we need both sites certified by June.") is not.
fn names_another_part(norm: &str, kind: PartKind) -> bool {
    use crate::patterns::{INSIGHT_STARTER, MOVE_STARTERS, OUTCOME_STARTER};
    let starters = [
        (PartKind::Outcome, OUTCOME_STARTER),
        (PartKind::Insight, INSIGHT_STARTER),
    ]
    .into_iter()
    .chain(MOVE_STARTERS.map(|s| (PartKind::Move, s)));
    let opens_with = |starter: &str| {
        norm.get(..starter.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(starter))
            && !norm[starter.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '\'')
    };
    if starters
        .filter(|&(named, _)| named != kind)
        .any(|(_, starter)| opens_with(starter))
    {
        return true;
    }
    crate::agenda::plain_label_name(norm)
        .filter(|(name, _)| name.starts_with("what ") || name.starts_with("where "))
        .and_then(|(name, _)| crate::patterns::classify_heading(name))
        .is_some_and(|named| {
            named != kind
                && matches!(
                    named,
                    PartKind::Outcome | PartKind::Insight | PartKind::Move
                )
        })
}

pub fn check(
    ctx: &Context,
    kind: PartKind,
    states_it: impl Fn(&Sentence) -> bool,
    starter: &str,
    message: &str,
) -> Vec<Finding> {
    if ctx.agenda.is_limited() {
        return Vec::new();
    }
    let has_part = ctx.agenda.parts(kind).any(|(_, s)| s.has_content());
    if has_part || ctx.talk().any(&states_it) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_clause_names_another_part() {
        assert!(names_another_part(
            "what i'm seeing in the supply-chain side: we pin base images.",
            PartKind::Outcome
        ));
        assert!(!names_another_part(
            "vendor risk: we need both sites certified by june.",
            PartKind::Outcome
        ));
        // Another part's starter names it too; the part's own does not.
        assert!(names_another_part(
            "what i'm seeing is that their team sends requests to ours directly.",
            PartKind::Outcome
        ));
        assert!(!names_another_part(
            "what i'm seeing is that their team sends requests to ours directly.",
            PartKind::Insight
        ));
    }
}
