//! `missing-ask`: the agenda asks for nothing.

use super::{Context, Finding, RuleDocs};
use crate::agenda::{PartKind, Sentence, LABEL_LEVEL};
use crate::diagnostic::{Edit, Fix};
use crate::edit::{document_anchor, insert_block, part_insertion_point, part_lines};
use crate::model::{self, Function, Label};
use crate::patterns::MOVE_STARTERS;

pub const DOCS: RuleDocs = RuleDocs {
    what: "Fires when nothing outside the pre-read recommends, requests, decides or weighs a tradeoff, and the leadership-move part is missing, empty, or holds only hand-offs, activity, routine status, a sign-off (\"Many thanks!\"), a line that says there is nothing to ask (\"None for now.\", \"Nothing this week, just flagging it early.\") or action items (`- [ ] …`, `TODO: …`: they record who does what, and are never the ask). Any other text under the leadership move counts as its ask: a noun phrase such as \"Budget for two contractors\" is an ask. Options laid out and then handed back in the same paragraph (\"We could re-key now, or footnote it. Which way would you lean?\") are not: the choice goes back to your VP. A request written as a noun phrase (\"Approval to hire a part-time vet on a retainer\") counts outside the move too when the model reads it as a request.",
    why: "A 1:1 without an ask leaves your VP with information and nothing to do with it. The leadership move is the part that turns the meeting into progress, and the part that shows you leading rather than reporting.",
    example: "## The leadership move\nLet me know what you think.",
    fix: "Adds a leadership move (or fills the empty one) that opens with one of the four starters: \"My recommendation is …\", \"What I need from you is …\", \"The decision I'm making is …\", \"The tradeoff I'm weighing is …\". Finish the sentence after applying it.",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    if ctx.agenda.is_limited() || has_ask(ctx) {
        return Vec::new();
    }
    let move_part = ctx.agenda.parts(PartKind::Move).find(|(_, s)| !s.inherited);
    let (range, message) = match move_part {
        Some((i, section)) => {
            let empty = !ctx.agenda.sections[i].has_content();
            let msg = if empty {
                "The leadership move is empty. Bring a recommendation, a request, a decision or a tradeoff for your VP to weigh in on."
            } else {
                "The leadership move asks for nothing: it holds hand-offs, action items or status only. Say what you recommend, need or have decided."
            };
            (section.heading.clone(), msg)
        }
        None => (
            document_anchor(ctx),
            "This agenda never asks for anything. Add a leadership move: a recommendation, a request, a decision or a tradeoff you want your VP's view on.",
        ),
    };
    let fixes = MOVE_STARTERS
        .iter()
        .map(|starter| {
            let sentence = [starter, " …"].concat();
            let edit = || match move_part {
                Some((_, section)) if section.level == LABEL_LEVEL => {
                    Edit::insert(section.content_start, format!(" {sentence}"))
                }
                Some((_, section)) => insert_block(
                    ctx.text,
                    section.content_start,
                    &[&sentence],
                    ctx.agenda.line_ending,
                ),
                None => {
                    let lines = part_lines(ctx, PartKind::Move, &sentence);
                    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
                    let at = part_insertion_point(ctx, PartKind::Move);
                    insert_block(ctx.text, at, &lines, ctx.agenda.line_ending)
                }
            };
            let title = if move_part.is_some() {
                ["Open the leadership move with \"", &sentence, "\""].concat()
            } else {
                ["Add a leadership move: \"", &sentence, "\""].concat()
            };
            Fix::new(title, vec![edit()], false)
        })
        .collect();
    vec![Finding {
        range,
        message: message.to_string(),
        fixes,
        related: Vec::new(),
    }]
}

/// True when the talk asks for something, or the leadership move holds anything
/// besides hand-offs, activity and routine status.
pub fn has_ask(ctx: &Context) -> bool {
    // Options laid out and handed back are no ask; under the move, neither is a sentence
    // beside them or under the same heading ("Both have downsides.", "I've written both
    // up."), which is part of handing them back.
    let handed_back: Vec<&Sentence> = ctx
        .agenda
        .sentences
        .iter()
        .filter(|t| options_handed_back(ctx, t))
        .collect();
    // An action item ("- [ ] Approve the budget", "TODO: …") records who does what: it is
    // never the agenda's ask.
    let talk = || {
        ctx.talk()
            .filter(|s| !ctx.in_action_item(s) && !handed_back.iter().any(|t| t.index == s.index))
    };
    // A request written as a noun phrase ("Approval to hire a part-time vet …") asks
    // outside the move too (under "What I'm after"), when the model reads it as a request.
    // Under the move it is judged with the rest of the part, below.
    if talk().any(|s| {
        let j = ctx.judge(s);
        j.is_ask()
            || (ctx.kind(s) != PartKind::Move
                && j.is_request_noun_phrase()
                && j.prediction().label == Label::Request)
    }) {
        return true;
    }
    // Move parts that hand the choice back: what else they say is no ask (see
    // `hands_back`). Each part is judged once.
    let mut handing_back: Vec<usize> = talk()
        .filter(|s| ctx.kind(s) == PartKind::Move)
        .filter_map(|s| s.section)
        .collect();
    handing_back.dedup();
    handing_back.retain(|&section| hands_back(ctx, section));
    talk().any(|s| {
        let j = ctx.judge(s);
        ctx.kind(s) == PartKind::Move
            && (j.is_request_noun_phrase()
                || !s.section.is_some_and(|sec| handing_back.contains(&sec)))
            && !handed_back
                .iter()
                .any(|t| t.block == s.block || (t.section.is_some() && t.section == s.section))
            && !j.is_handoff()
            && !j.hands_off_unless_answered()
            && !j.is_activity()
            && !j.is_sign_off()
            && !declines(&s.norm)
            && (!j.is_status_item() || j.is_request_noun_phrase() || reads_as_a_move(ctx, j))
    }) || ctx
        .agenda
        .tables
        .iter()
        .any(|t| ctx.agenda.kind_of_section(t.section) == PartKind::Move && !t.rows.is_empty())
}

/// A line under the move that says there is nothing to ask ("ask: nothing this week, just
/// flagging where it's heading", "None for now.", "n/a"): the part is there, its ask is
/// not. Only a flag may follow the "nothing": "None; approve the PO when it lands" asks,
/// and "Nothing moves until legal signs" says something.
fn declines(norm: &str) -> bool {
    const NONE: [&str; 6] = ["nothing", "none", "n/a", "nil", "no ask", "no asks"];
    const WHEN: [&str; 9] = [
        "this week",
        "this time",
        "this round",
        "this month",
        "for now",
        "for you",
        "from me",
        "yet",
        "today",
    ];
    const FLAG: [&str; 6] = [
        "just flagging",
        "flagging",
        "just a heads up",
        "heads up",
        "fyi",
        "for awareness",
    ];
    NONE.iter().any(|none| {
        let Some(mut rest) = norm.strip_prefix(none) else {
            return false;
        };
        rest = rest.trim_start();
        while let Some(after) = WHEN.iter().find_map(|w| rest.strip_prefix(w)) {
            rest = after.trim_start();
        }
        let rest = rest.trim_end_matches(['.', '!']);
        if rest.is_empty() {
            return true;
        }
        let Some(after) = [",", ";", ":", "—", "–", "- "]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
        else {
            return false;
        };
        let after = after.trim_start();
        after.is_empty() || FLAG.iter().any(|f| after.starts_with(f))
    })
}

/// A move part that hands the choice back: a hand-off in it (as `handoff-closing` reads
/// one), and nothing the catalogue or the model reads as a recommendation, request or
/// decision. What else it says is comment on the choice ("Some teams will not like it.",
/// "Freezer 14 replacement has been approved."), not the ask. Action items do not count.
fn hands_back(ctx: &Context, section: usize) -> bool {
    let (mut handoff, mut moves) = (false, false);
    for t in ctx
        .talk()
        .filter(|t| t.section == Some(section) && !ctx.in_action_item(t))
    {
        handoff |= super::handoff_closing::hands_off(ctx, t.index);
        moves |= (catalogue_move(ctx, t) || model_asks(ctx.judge(t))) && !lays_out_options(ctx, t);
    }
    handoff && !moves
}

/// Under the move, a sentence the catalogue reads as status but the model reads as a
/// move or a target: an imperative whose verb looks past ("Put the cut-over on the board
/// agenda", "Set the freeze date with Legal") or that sets a number ("Tighten
/// auto-approval to 15% for the rest of the quarter") is a request, not a report.
fn reads_as_a_move(ctx: &Context, j: &super::reading::Reading) -> bool {
    // A target is a request here only when no word of its opening tells work done
    // ("Onboarding time cut to under 1 hour…", "Shipped the new pricing page…").
    let reports = || {
        j.catalogue.norm.split_whitespace().take(3).any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            super::status_dump::is_past_verb(ctx, w) || super::status_dump::is_participle(ctx, w)
        })
    };
    j.prediction()
        .function()
        .is_some_and(|(f, _)| f == Function::Move || (f == Function::Outcome && !reports()))
}

/// Options laid out and handed back: a sentence that weighs options without choosing,
/// followed in its block by a hand-off, with no other sentence of the block that the
/// catalogue reads as a move ("We could re-key now and restate, or footnote it. Which way
/// would you lean?"). The choice goes back to the VP: it is not the agenda's ask.
fn options_handed_back(ctx: &Context, s: &Sentence) -> bool {
    if !lays_out_options(ctx, s) {
        return false;
    }
    let in_block = |b: usize| {
        ctx.agenda
            .blocks
            .get(b)
            .map_or(&[][..], |b| &ctx.agenda.sentences[b.sentences.clone()])
    };
    let block = in_block(s.block).iter();
    let hands_off = |t: &Sentence| {
        let j = ctx.judge(t);
        j.is_handoff() || j.hands_off_unless_answered()
    };
    // The hand-off may also be the next block on its own ("- we could split it or hire a
    // contractor" then "- thoughts?").
    let mut next = in_block(s.block + 1).iter();
    // Or it comes later under the same heading, before the writer picks anything ("I've
    // written up both options on the wiki." then "Which of the two would you rather go
    // with?").
    let later = || {
        ctx.agenda.sentences[s.index + 1..]
            .iter()
            .take_while(|t| s.section.is_some() && t.section == s.section)
            .filter(|t| t.block != s.block)
            .find(|t| hands_off(t) || (catalogue_move(ctx, t) && !lays_out_options(ctx, t)))
            .is_some_and(hands_off)
    };
    !block
        .clone()
        .any(|t| catalogue_move(ctx, t) && !lays_out_options(ctx, t))
        && (block.filter(|t| t.index > s.index).any(hands_off)
            || (next.clone().next().is_some() && next.all(hands_off))
            || later())
}

/// Options weighed without a choice: "either we … or we …", "a couple of ideas: … or …",
/// or a sentence the model reads as a tradeoff (or as a recommendation of one thing "or"
/// another) in which the catalogue finds no move.
fn lays_out_options(ctx: &Context, s: &Sentence) -> bool {
    const NAMES_OPTIONS: [&str; 11] = [
        "either ",
        "two ideas",
        "couple ideas",
        "couple of ideas",
        "few ideas",
        "two options",
        "couple of options",
        "few options",
        "two ways",
        "two routes",
        "two paths",
    ];
    let norm = &*s.norm;
    let or = norm.contains(" or ");
    // Whole words: "neither" names no options.
    let whole_word = |w: &str| {
        norm.match_indices(w)
            .any(|(at, _)| at == 0 || norm.as_bytes()[at - 1] == b' ')
    };
    // "We could freeze releases, or keep shipping with a manual gate": what could be
    // done, one way or the other.
    // Without the subject too, as notes drop it ("could re-slot the mezz over two
    // weekends, or …"); "could you …" asks.
    let could = [
        "we could ",
        "i could ",
        "could ",
        "we can either ",
        "option 1",
    ]
    .iter()
    .any(|w| norm.starts_with(w))
        && !["could you ", "could we ", "could i "]
            .iter()
            .any(|w| norm.starts_with(w))
        && !norm.contains("could use ")
        && !norm.contains("could do with ");
    let either_or = or && (could || NAMES_OPTIONS.iter().any(|w| whole_word(w)));
    let weighs = match ctx.judge(s).prediction().label {
        Label::Tradeoff => true,
        Label::Recommendation => or,
        _ => false,
    };
    either_or || (weighs && !catalogue_move(ctx, s))
}

/// The model reads a recommendation, a request or a decision ("agree that we drop the VAT
/// field", "put the closing time on the agenda of your weekly").
fn model_asks(j: &super::reading::Reading) -> bool {
    matches!(
        j.prediction().label,
        Label::Recommendation | Label::Request | Label::Decision
    )
}

fn catalogue_move(ctx: &Context, s: &Sentence) -> bool {
    model::catalogue_functions(&ctx.judge(s).catalogue).contains(Function::Move)
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::*;

    const RULE: &str = "missing-ask";

    #[test]
    fn fires_without_any_ask() {
        assert_count(
            RULE,
            "# 1:1\n\n## Outcome\nThe most important outcome I'm focused on right now is churn.\n",
            1,
        );
        assert_count(RULE, "## The leadership move\n", 1);
        assert_count(RULE, "## Ask\nLet me know what you think.\n", 1);
        assert_count(RULE, "Busy week. Thoughts?\n", 1);
        // Action items and a sign-off under the move, escaped as Google Docs exports them.
        assert_count(
            RULE,
            "## Next steps\n\n\\- [ ] Yuki: summarise the 38 reports by 15 Dec\n\\- [ ] Paul: share the timeline\n\nThank you very much\\!\n",
            1,
        );
    }

    #[test]
    fn asks_in_many_forms_count() {
        for text in [
            "I propose we move the launch to May.",
            "Could you join the Acme renewal call on Thursday?",
            "My ask is a second designer for the quarter.",
            "I need your approval for the vendor contract.",
            "I've decided to merge the two support queues.",
            "The tradeoff I'm weighing is speed against coverage.",
            "## Ask\nBudget approval for two contractors.",
            "**Ask:** an intro to their CFO",
            // Notes and chat: a request with no subject, a `want:` label, a decision named
            // first, a heading that says what should be settled.
            "- want your ok to move two contractors to the night shift from jan 4",
            "- want: ok to hire two permanent weekend cooks from jan",
            "**What I'd like:** permission to rewrite the refund macro this week.",
            "Decision I want from you: criticals go into the owning team's sprint.",
            "## What I'd like settled on Thursday\nRe-home the pinned tenants before the new write path ships.",
            // People or time asked for by their number, asks counted, a non-native request.
            "I'd like one engineer from the web team for three weeks in January.",
            "Two things from you. First, a standing slot in their planning.",
            "I would like that you approve one more month of the temporary accountant.",
            "## What I'm putting to you\nSecond Ingrid to my team from January.",
        ] {
            assert_quiet(RULE, text);
        }
    }

    /// A decision that is due names what must be settled, not which way the writer would
    /// settle it: on its own it is no ask; with the writer's pick it is one.
    #[test]
    fn a_decision_due_is_not_the_ask() {
        let due = "Before the spring intake we have to pick the supplier for the lab kits.";
        assert_count(RULE, &format!("## Open point\n{due}\n"), 1);
        assert_count(
            RULE,
            &format!("## Open point\n{due} Both have fans on the team.\n"),
            1,
        );
        assert_quiet(
            RULE,
            &format!("## Open point\n{due} I'd go with Labcraft, they deliver in a week.\n"),
        );
    }

    /// A move part that says there is nothing to ask has no ask; a sentence that opens with
    /// "nothing" and says something is one.
    #[test]
    fn a_move_part_that_declines_has_no_ask() {
        for none in [
            "nothing this week, just flagging where it's heading so it's no surprise.",
            "Nothing for you this week: flagging it early.",
            "None for now.",
            "n/a",
        ] {
            assert_count(
                RULE,
                &format!("goal: kiosks live in all 9 stores by May.\n\nask: {none}\n"),
                1,
            );
        }
        for ask in [
            "nothing ships until you sign the vendor DPA, so please sign it by Friday.",
            "nothing—just approve the rota",
            "None; approve the PO when it lands.",
            "Nil-cost option is to move the pickups to Tuesdays.",
        ] {
            assert_quiet(
                RULE,
                &format!("goal: kiosks live in all 9 stores by May.\n\nask: {ask}\n"),
            );
        }
    }

    /// Options laid out and then handed back are not an ask; the same options with the
    /// writer's choice are.
    #[test]
    fn options_handed_back_are_not_an_ask() {
        let options = "We could bring in two contractors now and hit March, or wait for the open req and slip to May.";
        for handoff in ["Which way would you lean?", "Your call."] {
            assert_count(RULE, &format!("## Open point\n{options} {handoff}\n"), 1);
        }
        assert_quiet(
            RULE,
            &format!("## Open point\n{options} I'd bring in the contractors. Thoughts?\n"),
        );
        // Options on their own still weigh a tradeoff.
        assert_quiet(RULE, &format!("## Open point\n{options}\n"));
        // The hand-off may be the next item on its own.
        assert_count(
            RULE,
            &format!("## Open point\n- {options}\n- thoughts?\n"),
            1,
        );
        assert_quiet(
            RULE,
            &format!("## Open point\n- {options}\n- thoughts?\n- I'd bring in the contractors.\n"),
        );
        // Notes drop the subject; "could you …" is a request, not an option.
        let terse =
            "could re-slot the mezz over 2 wknds, or put a rule in the WMS to block mixed replen.";
        assert_count(
            RULE,
            &format!(
                "dec 11\n{terse} i don't really have a pref, pick whichever you like better 🤷\n"
            ),
            1,
        );
        assert_quiet(
            RULE,
            "dec 11\ncould you approve the two contractors or the open req by friday?\n",
        );
    }

    /// A move part that hands the choice back holds no ask in its comments; a request the
    /// model reads there still is one, and so is a request written as a noun phrase.
    #[test]
    fn a_move_part_that_hands_back_has_no_ask_in_its_comments() {
        let question =
            "Do we want to pause the Friday deploys over the holidays, given the on-call gaps?";
        assert_count(
            RULE,
            &format!("## Decision\n{question}\n\nTwo squads will push back on it.\n"),
            1,
        );
        assert_quiet(
            RULE,
            &format!("## Decision\n{question}\n\nput the freeze on the agenda of your staff meeting on monday.\n"),
        );
        assert_quiet(
            RULE,
            "## Ask\nTwo contractors for the migration from January.\n\nThoughts?\n",
        );
    }

    /// "We could …, or …" lays out options; the hand-off may come later under the same
    /// heading, after a sentence that picks nothing. A pick in between is the ask.
    #[test]
    fn options_handed_back_later_under_the_same_heading() {
        let options = "We could freeze releases from 10 December, or keep shipping with a manual approval step.";
        let wiki = "I've written both up on the readiness page.";
        assert_count(
            RULE,
            &format!(
                "## Decision\n{options}\n\n{wiki}\n\nWhich of the two would you rather go with?\n"
            ),
            1,
        );
        assert_quiet(
            RULE,
            &format!("## Decision\n{options}\n\nI'd freeze releases from the 10th.\n\nWhich of the two would you rather go with?\n"),
        );
    }

    /// A question under the leadership move that hands the choice back is not its ask.
    /// A question that puts the decision to the VP is no ask, whatever request sits in it;
    /// a request asked as a question still is one.
    /// Options named as such ("either we …", "a couple of ideas") and handed back are no
    /// ask, nor is a comment on them under the move; a pick among them is.
    #[test]
    fn options_named_and_handed_back_under_the_move_are_not_an_ask() {
        for options in [
            "Either we freeze hiring in support or we move two agents from billing.",
            "I've got a couple ideas: move the reset to Sunday, or add a cooldown.",
        ] {
            let text = format!("## Ask\n{options} Both have costs. Happy either way.\n");
            assert_count(RULE, &text, 1);
            let picked = format!("## Ask\n{options} I'd add the cooldown first.\n");
            assert_quiet(RULE, &picked);
        }
    }

    #[test]
    fn a_question_that_puts_the_decision_back_is_not_an_ask() {
        for question in [
            "Do we want to freeze deploys over the holidays, given the on-call gaps?",
            "Should we want to move the vendor review to February?",
            "Do you want me to push Dublin on this, or would you rather raise it yourself?",
        ] {
            assert_count(RULE, &format!("## Next steps\n{question}\n"), 1);
        }
        assert_quiet(
            RULE,
            "## Next steps\nCould you join the Acme renewal call on Thursday?\n",
        );
    }

    #[test]
    fn a_handoff_question_under_the_move_is_not_an_ask() {
        let text = "**Ask** – Which of the two approaches do you think is better: a catalogue page, or one dashboard per domain?\n";
        assert_count(RULE, text, 1);
        assert_count("handoff-closing", text, 1);
        assert_quiet(
            RULE,
            "**Ask** – Should we build a catalogue page? I think so: it takes a week.\n",
        );
    }

    /// An action item records who does what; it is never the agenda's ask, in the talk or
    /// under the leadership move.
    #[test]
    fn action_items_are_never_the_ask() {
        for text in [
            "- [ ] I need your approval for the vendor contract\n",
            "TODO: propose we move the launch to May\n",
            "## Ask\n- [ ] Budget approval for two contractors\n- [x] An intro to their CFO\n",
        ] {
            assert_count(RULE, text, 1);
        }
        assert_quiet(
            RULE,
            "- [ ] Send the deck\n\nI need your approval for the vendor contract.\n",
        );
    }

    #[test]
    fn status_under_the_move_is_not_an_ask_but_requests_are() {
        assert_count(
            RULE,
            "## Ask\n- Added parallel runners\n- Build cache enabled\n- CI costs down 15%\n",
            1,
        );
        assert_quiet(
            RULE,
            "## Ask\n- A decision on the vendor, which is at risk\n",
        );
        assert_quiet(
            RULE,
            "Approve the contract that is blocked in procurement.\n",
        );
    }

    /// Under the move, an imperative whose verb looks past ("Put", "Set") is a request
    /// when the model reads it as a move, not a report.
    #[test]
    fn an_imperative_that_looks_past_is_a_request_under_the_move() {
        assert_quiet(
            RULE,
            "## Where I need you\nPut the pricing change on the January board agenda, with me presenting the evidence.\n",
        );
    }

    /// Under the move, an imperative that sets a number reads as a target to the model:
    /// it is still the request.
    #[test]
    fn an_imperative_that_sets_a_number_is_a_request_under_the_move() {
        assert_quiet(
            RULE,
            "## Ask\nTighten auto-approval to 15% for the rest of the quarter, with anything above coming to you or me.\n",
        );
        assert_count(RULE, "## Ask\nAuto-approval is at 25% this quarter.\n", 1);
        // Work told as done is no request, whatever the model reads in it.
        assert_count(
            RULE,
            "## Ask\nOnboarding time cut to under 1 hour for 60% of new accounts.\n",
            1,
        );
    }

    /// A request written as a noun phrase under a label no list reads as the move ("What
    /// I'm after") is the ask when the model reads it as a request; a report is not.
    #[test]
    fn a_request_noun_phrase_outside_the_move_is_the_ask() {
        let text = "What keeps me up at night\nThe dairy contracts are 30% of the clinic's revenue and they renew in March.\n\nWhat I'm after\nApproval to hire a part-time large animal vet on an on-call retainer for evenings and weekends, around 180k a month.\n";
        assert_quiet(RULE, text);
        let report = text.replace(
            "Approval to hire a part-time large animal vet on an on-call retainer for evenings and weekends, around 180k a month.",
            "Approval for the new rota came through from HR last week.",
        );
        assert_count(RULE, &report, 1);
    }

    /// "FYI: …" lines are the pre-read one line each: a "DISCUSS:" item after them, in
    /// the same paragraph or the next, is talk, and its ask counts.
    #[test]
    fn a_discuss_item_after_fyi_lines_is_talk() {
        let tags = "FYI: Offsite booked for March\nFYI: Two new hires start Monday\nDONE: Sent the survey results\n\nDISCUSS: My recommendation is that we move the launch review to the new quarterly slot.\n";
        assert_quiet(RULE, tags);
        assert_quiet(
            RULE,
            "FYI: Offsite booked for March\nDISCUSS: My recommendation is that we move the launch review to the new quarterly slot.\n",
        );
        // A pre-read heading still holds everything under it.
        assert_count(
            RULE,
            "## FYI\nOffsite booked for March.\n\nDISCUSS: My recommendation is that we move the launch review to the new quarterly slot.\n",
            1,
        );
    }

    #[test]
    fn an_ask_in_the_pre_read_does_not_count() {
        assert_count(
            RULE,
            "## Pre-read (emailed)\n- My recommendation is to ship\n",
            1,
        );
    }

    #[test]
    fn fix_fills_the_empty_move() {
        assert_fix(
            RULE,
            "## Outcome\nGrowth.\n\n## The leadership move\n",
            "Open the leadership move with \"My recommendation is …\"",
            "## Outcome\nGrowth.\n\n## The leadership move\n\nMy recommendation is …\n",
        );
    }

    #[test]
    fn fix_adds_a_move_after_the_insight_before_the_pre_read() {
        assert_fix(
            RULE,
            "# 1:1\n\n## Outcome\nRetention.\n\n## Insight\nWhat I'm seeing is churn in SMB.\n\n## Pre-read\n- Shipped X\n",
            "Add a leadership move: \"What I need from you is …\"",
            "# 1:1\n\n## Outcome\nRetention.\n\n## Insight\nWhat I'm seeing is churn in SMB.\n\n## The leadership move\n\nWhat I need from you is …\n\n## Pre-read\n- Shipped X\n",
        );
    }

    #[test]
    fn fix_matches_label_style_and_crlf() {
        assert_fix(
            RULE,
            "**Outcome:** Retention.\r\n\r\n**Insight:** What I'm seeing is churn.\r\n",
            "Add a leadership move: \"The decision I'm making is …\"",
            "**Outcome:** Retention.\r\n\r\n**Insight:** What I'm seeing is churn.\r\n\r\n**Ask:** The decision I'm making is …\r\n",
        );
    }
}
