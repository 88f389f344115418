//! `missing-insight`: no insight part and no insight statement.

use super::{Context, Finding, RuleDocs};
use crate::agenda::{PartKind, Sentence};
use crate::diagnostic::{Edit, Fix};
use crate::model::Label;
use crate::patterns::{StatusStrength, INSIGHT_STARTER};

pub const DOCS: RuleDocs = RuleDocs {
    what: "Fires when the agenda has no insight part with text in it and no sentence that interprets what you see (\"I've noticed…\", \"The real risk is…\", \"The data shows…\"). A part headed as an insight whose sentences are all facts and numbers (\"41 contracts in review. Median review time is 19 days.\", or terse counts such as \"6 offers out. 3 accepted.\") is not one: the finding is then on that part's heading. A reason given with the goal or the ask (\"…so teams don't start the half short\") does not stand in for the insight. A sentence of talk outside the outcome and the move that the model is sure weighs a trade-off (\"Holding the launch buys us a clean audit but costs the January pipeline.\") is a trade-off the writer sees, and counts. A sentence in the insight's place (after the outcome and before the move, under a heading no list foresaw or none) counts when it reads as an insight more than as any other point. Beside an outcome or a move, so does a sentence of talk that the model reads as an insight more likely than as anything else, even when it is less sure of it than it must be to silence a rule alone.",
    why: "The insight is where your judgment shows: a pattern, a risk, a customer signal or a blocker your VP is too far away to notice. Facts without an interpretation leave that work to them.",
    example: "## Outcome\nActivation up 10% by June.\n\n## Ask\nMy recommendation is to hire a second designer.",
    fix: "Inserts an insight part after the outcome, opening with \"What I'm seeing is …\".",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    if super::missing_part::in_its_place(ctx, PartKind::Insight) {
        return facts_only(ctx).into_iter().collect();
    }
    let missing = super::missing_part::check(
        ctx,
        PartKind::Insight,
        |s| insight_elsewhere(ctx, s),
        INSIGHT_STARTER,
        "No insight here: add one thing you are seeing (a pattern, risk, signal or blocker) and what you make of it.",
    );
    if !missing.is_empty() {
        return missing;
    }
    facts_only(ctx).into_iter().collect()
}

/// The insight parts hold nothing but facts and numbers, and no sentence elsewhere
/// interprets anything: the finding goes on the first part's heading, and the fix adds
/// the start of an interpretation after the part's last sentence.
fn facts_only(ctx: &Context) -> Option<Finding> {
    if ctx.agenda.is_limited() || ctx.talk().any(|s| insight_elsewhere(ctx, s)) {
        return None;
    }
    let mut first = None;
    let mut last: Option<&Sentence> = None;
    // Among three or more bare facts, a plain sentence that reads as no insight at all
    // ("The committee meets twice in January.") is one more fact, as long as they are fewer.
    let (mut facts, mut plain) = (0, 0);
    for (_, section) in ctx.agenda.parts(PartKind::Insight) {
        if !section.has_content() {
            continue;
        }
        let inside = ctx
            .talk()
            .filter(|s| ctx.kind(s) == PartKind::Insight && section.range.contains(&s.range.start));
        for s in inside {
            if bare_fact(ctx, s) {
                facts += 1;
            } else if reads_as_nothing(ctx, s) {
                plain += 1;
            } else {
                return None;
            }
            last = Some(s);
        }
        first.get_or_insert(section.heading.clone());
    }
    if plain > 0 && (facts < 3 || plain >= facts) {
        return None;
    }
    let (range, last) = (first?, last?);
    let sentence = [" ", INSIGHT_STARTER, " …"].concat();
    Some(Finding {
        range,
        message: "This part holds facts and numbers, not an insight: say what you read in them (the pattern, the risk, what it means for your outcome).".to_string(),
        fixes: vec![Fix::new(
            ["Add what you make of it: \"", sentence.trim_start(), "\""].concat(),
            vec![Edit::insert(last.range.end, sentence)],
            false,
        )],
        related: Vec::new(),
    })
}

/// A sentence that makes no point, hands nothing off and that the model gives almost no
/// chance of being an insight.
fn reads_as_nothing(ctx: &Context, s: &Sentence) -> bool {
    let j = ctx.judge(s);
    !j.makes_a_point()
        && !j.is_handoff()
        && !j.hands_off_unless_answered()
        && !s.norm.ends_with('?')
        && j.prediction().scores[Label::Insight as usize] < 0.2
}

/// An insight stated outside the insight parts. Under the outcome's or the move's label, a
/// reason given with the goal or the ask ("Fill the six reqs before planning so teams
/// don't start the half short.") is part of that goal or ask: there the sentence's main
/// clause, before "so", "because", "since" or ", which", must read as an insight itself.
fn insight_elsewhere(ctx: &Context, s: &Sentence) -> bool {
    const REASON: &[&str] = &[" so ", " because ", " since ", ", which "];
    let j = ctx.judge(s);
    match ctx.kind(s) {
        PartKind::Insight => false,
        PartKind::Outcome | PartKind::Move => {
            let norm: &str = &s.norm;
            let main = REASON
                .iter()
                .filter_map(|r| norm.find(r))
                .min()
                .map_or(norm, |at| &norm[..at]);
            j.is_insight() && (main.len() == norm.len() || ctx.patterns().is_insight(main))
        }
        _ => {
            j.is_insight()
                || weighs_a_tradeoff(j)
                || (reads_as_an_insight_beside_the_parts(ctx, s) && states_another_part(ctx))
        }
    }
}

/// The agenda states the outcome or the move: a part of either with text in it, or a
/// sentence of talk that is not an action item.
fn states_another_part(ctx: &Context) -> bool {
    ctx.agenda
        .sections
        .iter()
        .any(|s| matches!(s.kind, PartKind::Outcome | PartKind::Move) && s.has_content())
        || ctx.talk().filter(|s| !ctx.in_action_item(s)).any(|s| {
            let j = ctx.judge(s);
            j.is_outcome() || j.is_ask()
        })
}

/// A sentence of talk outside any part that nothing else claims (no ask, outcome,
/// hand-off, activity, sure status, greeting or action item) and whose most likely label is the insight, with the probability the trained policy
/// asks of an insight the model fills in (0.40), below the confidence the model needs to
/// silence a rule on its own (`reading::SILENCING`): "If we show a stepped form, I reckon
/// we keep most of the floor area." It counts only beside an outcome or a move the agenda
/// states (see [`insight_elsewhere`]), where the writer is plainly bringing the three parts;
/// in a page of prose status, a report the model half reads as an insight ("The release
/// went out on Wednesday and there were no incidents.") stays a report.
fn reads_as_an_insight_beside_the_parts(ctx: &Context, s: &Sentence) -> bool {
    let j = ctx.judge(s);
    let p = j.prediction();
    let fill = crate::model::shipped().policy.fill[crate::model::Function::Insight as usize];
    p.label == Label::Insight
        && p.confidence >= fill
        && !j.is_ask()
        && !j.is_outcome()
        && !j.is_handoff()
        && !j.is_activity()
        && !j.hands_off_unless_answered()
        && !j.is_preamble()
        && j.status_strength() != StatusStrength::Strong
        && ctx.kind(s) == PartKind::Other
        && !ctx.in_action_item(s)
        && !super::reading::leads_in(&s.norm)
        && !s.norm.ends_with('?')
}

/// A sentence the model is sure weighs what one course costs against another ("Keeping
/// it costs us the Feb 1 date for very little money."): a trade-off the writer sees is an
/// insight too.
fn weighs_a_tradeoff(j: &super::Reading) -> bool {
    let p = j.prediction();
    p.label == Label::Tradeoff && p.confidence >= TRADEOFF_SURE
}

/// How sure the model must be of a trade-off for it to stand as the insight.
const TRADEOFF_SURE: f32 = 0.7;

/// A sentence that states a fact or a number and interprets nothing: the catalogue finds
/// no insight or move in it, and the model reads it as a fact or a status line with
/// little chance of an insight, and it holds a number or the model is sure.
pub(super) fn bare_fact(ctx: &Context, s: &Sentence) -> bool {
    let j = ctx.judge(s);
    let p = j.prediction();
    if j.is_ask() || (j.is_insight() && !metric_line(&s.norm, p)) {
        return false;
    }
    let insight = p.scores[Label::Insight as usize];
    let number = s.norm.bytes().any(|b| b.is_ascii_digit()) || spelled_count(&s.norm);
    // A line the catalogue reads as status ("6 offers out.", "3 accepted.") reports a
    // number too, and so does a count the model reads as none of the functions ("4
    // onsites."), whatever it makes of the fragment.
    let status = j.status_strength() != StatusStrength::None;
    // A one-clause line that opens with its number ("9 buyers on the annual plan.") is a
    // number reported, whatever function the model guesses for the fragment.
    (matches!(p.label, Label::Fact | Label::Status)
        || (number
            && (status || matches!(p.label, Label::Other) || one_clause_from_number(&s.norm))))
        && insight < 0.2
        && (number || p.confidence >= 0.8)
}

/// A share counted in words ("four of the twelve have asked to move", "two of our
/// five regions"), or a count in words that opens the line ("Three loaders off sick"): as
/// much a number as its digits would be. A count word inside the line alone ("met three
/// partners") is not enough, and "one" is left out, being a pronoun as often
/// (`count-words.toml`).
fn spelled_count(norm: &str) -> bool {
    let counts = crate::patterns::catalogue();
    let words: Vec<&str> = norm.split(|c: char| !c.is_alphabetic()).collect();
    // A line that opens with its count in words ("Two new routes added in Oct.") is one
    // too, as its digits would be.
    words.first().is_some_and(|w| counts.is_count_word(w))
        || words
            .windows(2)
            .any(|w| counts.is_count_word(w[0]) && w[1] == "of")
}

/// A metric told as one clause that opens with its number ("41% of trials stop at the
/// paywall.", "12 of 30 reps hit quota."), which the model reads as a fact: the
/// catalogue may read a concentration or a behaviour in it, but among bare numbers it
/// reports one more number. A clause more (a comma, a colon, "so", "which", "because")
/// can carry the interpretation, and then it is not one.
fn metric_line(norm: &str, p: &crate::model::Prediction) -> bool {
    matches!(p.label, Label::Fact) && one_clause_from_number(norm)
}

/// One clause that opens with its number: no comma, colon or dash, and none of the words
/// that link a second clause ("so", "which", "because", …).
fn one_clause_from_number(norm: &str) -> bool {
    const LINKS: &[&str] = &[
        " so ",
        " which ",
        " because ",
        " but ",
        " means ",
        " meaning ",
        " while ",
        " not ",
        " than ",
    ];
    norm.starts_with(|c: char| c.is_ascii_digit())
        && !norm
            .trim_end_matches(['.', '!'])
            .contains([',', ';', ':', '—', '–', '?'])
        && !LINKS.iter().any(|w| norm.contains(w))
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::*;

    const RULE: &str = "missing-insight";

    /// A sentence between the outcome and the move, where the insight goes, counts as the
    /// insight when the model reads it as one more than as any other point (0.5); the same
    /// sentence after the move does not. The insights tried are those the rule flags after
    /// the move, so a retrain moves the examples, not the assertion; at least one must be.
    #[test]
    fn a_sentence_in_the_insights_place_is_the_insight() {
        use crate::model::{classify, Function};
        let goal = "**Goal:** every depot on the new scanners before the spring peak.";
        let need = "**Need from you:** sign off the second scanner order this week.";
        let insights = [
            "staff earn a bonus on paper contracts, and the digital one quietly cuts it, so they steer people away from it.",
            "the tickets that reopen are mostly the ones closed by the new starters on nights.",
            "our slowest sites are the ones where the shift leads changed last spring.",
            "returns spike after the promo weeks, when first-time buyers pick the wrong size.",
        ];
        let mut tried = 0;
        for insight in insights {
            let after = format!("{goal}\n\n{need}\n\n{insight}\n");
            let norm = &crate::Agenda::parse(insight, usize::MAX).sentences[0].norm;
            let p = classify(norm);
            let i = p.function_probability(Function::Insight);
            if findings(RULE, &after).len() != 1
                || i < super::super::missing_part::IN_PLACE
                || i <= p.function_probability(Function::Outcome)
                || i <= p.function_probability(Function::Move)
            {
                continue;
            }
            tried += 1;
            assert_quiet(
                RULE,
                &format!("{goal}\n\n## What the sessions showed\n{insight}\n\n{need}\n"),
            );
        }
        assert!(
            tried > 0,
            "no insight in the band: add one the model reads there"
        );
        // Status in the insight's place is no insight.
        assert_count(
            RULE,
            &format!("{goal}\n\n## Notes\nWe moved the Leeds depot to the new rota.\n\n{need}\n"),
            1,
        );
    }

    /// A sentence the model reads as an insight with at least the policy's fill
    /// probability, but below the confidence it needs alone, counts as the insight beside
    /// an outcome and an ask; in a page of prose that states neither it does not. The
    /// sentences tried are those in that band, so a retrain moves the examples, not the
    /// assertions; at least one must be.
    #[test]
    fn a_likely_insight_counts_beside_the_other_parts() {
        use crate::model::{classify, shipped, Function, Label};
        let fill = shipped().policy.fill[Function::Insight as usize];
        let goal = "Goal: the two Leeds depots on one rota by March.";
        let ask = "I need your sign-off on the overtime budget for February.";
        let insights = [
            "If we move the pickups to Tuesdays, I reckon most of the late collections go away.",
            "The smaller sites copy whatever the big one does, so if Leeds moves first the rest follow.",
            "Once the night team had its own lead the reopen rate halved, and I think that's the reason.",
            "If we show the council a lower roofline, I reckon we keep most of the units and lose the objection.",
            "The agency temps are cheaper per hour but twice as likely to miss a scan.",
        ];
        let mut tried = 0;
        for insight in insights {
            let norm = &crate::Agenda::parse(insight, usize::MAX).sentences[0].norm;
            let p = classify(norm);
            if p.label != Label::Insight
                || p.confidence < fill
                || p.confidence >= crate::rules::reading::SILENCING
            {
                continue;
            }
            tried += 1;
            assert_quiet(RULE, &format!("{goal}\n\n{ask}\n\n{insight}\n"));
            // An action item is no ask, and a status line no insight.
            assert_count(
                RULE,
                &format!("Busy fortnight at the depots.\n\n{insight}\n\n- [ ] Dana to approve the overtime budget.\n"),
                1,
            );
            assert_count(
                RULE,
                &format!("{goal}\n\n{ask}\n\n## Updates\n- {insight}\n"),
                1,
            );
            assert_count(
                RULE,
                &format!("Busy fortnight at the depots.\n\n{insight}\n\nMore next week.\n"),
                1,
            );
        }
        assert!(
            tried > 0,
            "no sentence in the band: add one the model reads there"
        );
    }

    /// A reason folded into a request ("It's 30% cheaper at our volume, and I need your
    /// signature by Friday.") is the request when the model reads it so: no insight.
    #[test]
    fn an_insight_read_beside_a_request_the_model_is_sure_of_is_the_request() {
        let text = "Goal: every new hire answering billing tickets alone by week three.\n\nI recommend we sign the 12-month deal with Lingua instead of paying per word. It's 30% cheaper at our volume, and I need your signature by Friday.\n";
        assert_count(RULE, text, 1);
        let insight = text.replace(
            "It's 30% cheaper",
            "What I'm seeing is that per-word pricing punishes our long manuals. It's 30% cheaper",
        );
        assert_quiet(RULE, &insight);
    }

    /// A trade-off the writer sees, said in the talk, is an insight; a fact in its place
    /// is not.
    #[test]
    fn a_tradeoff_in_the_talk_is_an_insight() {
        let head =
            "## Goal\nThe vendor migration signed off by January 15.\n\n## Where it stands\n";
        let ask = "\n## Ask\nI'd hold the launch two weeks.\n";
        assert_quiet(
            RULE,
            &format!("{head}Holding the launch buys us a clean audit but costs the January pipeline.\n{ask}"),
        );
        assert_count(
            RULE,
            &format!("{head}The audit starts on January 4.\n{ask}"),
            1,
        );
    }

    #[test]
    fn fires_without_insight() {
        assert_count(
            RULE,
            "## Outcome\nRetention.\n\n## Ask\nMy recommendation is to ship.\n",
            1,
        );
    }

    /// A reason given with the goal or the ask is part of it, with no insight part or
    /// none anywhere else; the same words as a sentence of their own are an insight.
    #[test]
    fn a_reason_given_with_the_goal_is_not_the_insight() {
        let ask = "## Request\nI need a contract manager req approved for Q1.\n";
        let goal = "## Objective\nStandard contracts turned around in 3 business days by the end of Q1, so Legal stops being the reason a quarter slips.\n\n";
        assert_count(RULE, &format!("{goal}{ask}"), 1);
        let said = "Legal is the reason a quarter slips: the real bottleneck is who owns the NDA queue.\n\n";
        assert_quiet(RULE, &format!("{goal}{said}{ask}"));
    }

    #[test]
    fn a_part_or_a_statement_is_enough() {
        assert_quiet(RULE, "## Risks\nThe vendor may slip.\n");
        assert_quiet(RULE, "I've noticed that trials stall at invoicing.\n");
        assert_quiet(
            RULE,
            "**Signal:** three churned accounts named the same gap.\n",
        );
    }

    /// A part headed as an insight with only facts and numbers in it is not an insight;
    /// one sentence that says what they mean is enough.
    #[test]
    fn a_part_of_bare_facts_is_not_an_insight() {
        let facts = "## Outcome\nRenewals at 95% by March.\n\n## Insight\nChurn was 3.1% in October. Median review time is 19 days.\n\n## Ask\nMy recommendation is to hire a renewals lead.\n";
        let found = findings(RULE, facts);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("facts and numbers"), "{found:?}");
        assert_eq!(&facts[found[0].range.clone()], "## Insight");
        assert_fix(
            RULE,
            facts,
            "Add what you make of it: \"What I'm seeing is …\"",
            "## Outcome\nRenewals at 95% by March.\n\n## Insight\nChurn was 3.1% in October. Median review time is 19 days. What I'm seeing is …\n\n## Ask\nMy recommendation is to hire a renewals lead.\n",
        );
        assert_quiet(
            RULE,
            "## Outcome\nRenewals at 95% by March.\n\n## Insight\nChurn was 3.1% in October, and every account we lost had skipped onboarding, which tells me onboarding is the lever.\n\n## Ask\nMy recommendation is to hire a renewals lead.\n",
        );
        // A bold name that carries the insight stays part of the sentence.
        assert_quiet(
            RULE,
            "**The real risk**: the vendor slips past the freeze.\n\n**Ask:** approve the backup supplier.\n",
        );
        // A risk or a judgment without numbers is an insight.
        assert_quiet(
            RULE,
            "**Insight:** The vendor may slip, and we have no fallback.\n",
        );
    }

    /// Among three or more bare facts, a plain sentence with no number ("The committee
    /// meets twice in January.") is one more fact; with fewer facts around it, it is not.
    #[test]
    fn a_plain_sentence_among_bare_facts_is_one_more_fact() {
        let part = |facts: &str| {
            format!("## Outcome\nRenewals at 95% by March.\n\n## What I'm noticing\n{facts}\n\n## Ask\nI'd like you to sign the joint letter by Friday.\n")
        };
        assert_count(
            RULE,
            &part("14 responses were submitted. 9 of them came from industry associations. 3 came from consumer groups. The committee meets twice in January."),
            1,
        );
        assert_quiet(
            RULE,
            &part("14 responses were submitted. The committee meets twice in January."),
        );
    }

    /// Terse numbers are facts too: fragments the catalogue reads as status ("4 signed."),
    /// and a metric of one clause that opens with its number, even where the catalogue
    /// reads a behaviour in it; a reason given with the goal or the ask does not stand in
    /// for the insight.
    #[test]
    fn terse_numbers_and_metric_lines_are_facts() {
        let terse = "**goal:** close the 4 renewals before the budget freeze so accounts don't lose their seats\n\n**what i'm seeing:** 9 renewals open. 4 signed. 2 at risk. 37% of accounts skip the renewal call.\n\n**ask:** approve a 5% loyalty discount for the two at risk\n";
        let found = findings(RULE, terse);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&terse[found[0].range.clone()], "**what i'm seeing:**");
        // An insight stated in its own clause under the goal's label still counts.
        assert_quiet(
            RULE,
            "**goal:** close the 4 renewals before the budget freeze. The real risk is the two accounts whose champions left.\n\n**what i'm seeing:** 9 renewals open. 4 signed.\n",
        );
        // A metric with its reading after a comma is an insight.
        assert_quiet(
            RULE,
            "**what i'm seeing:** 9 renewals open. 37% of accounts skip the renewal call, so the call is where we lose them.\n",
        );
    }

    /// A share counted in words ("five of the nine") is a number too; a count word alone
    /// in an activity ("met three partners") is not.
    #[test]
    fn shares_counted_in_words_are_numbers() {
        let spelled = "*Outcome*\nKeep every one of the nine site leads through the merger.\n\n*Insight*\nFive of the nine have been called by recruiters this month. Two of the nine have turned down the new grading.\n\n*Ask*\nI recommend retention bonuses for the nine, paid in June.\n";
        assert_count(RULE, spelled, 1);
        assert!(super::spelled_count("five of the nine have been called"));
        assert!(!super::spelled_count("met with three partners on tuesday."));
        assert!(!super::spelled_count("one of the vendors may slip."));
        assert!(super::spelled_count("three new kilns fired in march."));
    }

    /// A terse line that opens with its count in words ("Three pickers off sick most
    /// weeks.") is a number reported, in a table's insight cell as anywhere.
    #[test]
    fn a_line_opening_with_its_count_in_words_is_a_number() {
        let table = "| Part | Notes |\n|---|---|\n| Outcome | Every kiln batch out by Friday noon through the spring season. |\n| Insight | 58% of batches finished after noon in March. Avg firing 11 hours. Three new glazes added in Feb. |\n| Ask | Approve a weekend firing shift until May. |\n";
        assert_count(RULE, table, 1);
    }

    #[test]
    fn fix_inserts_the_insight_after_the_outcome() {
        assert_fix(
            RULE,
            "## Outcome\nRetention.\n\n## Ask\nMy recommendation is to ship.\n",
            "Add an insight: \"What I'm seeing is …\"",
            "## Outcome\nRetention.\n\n## The insight\n\nWhat I'm seeing is …\n\n## Ask\nMy recommendation is to ship.\n",
        );
    }
}
