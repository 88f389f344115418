//! What the rules read a sentence as: the catalogue first, for precision; where the
//! catalogue is silent (none of the seven functions), the statistical model's reading when
//! it is confident (the shipped policy's `fill` threshold for that function; figures in
//! docs/judgment.md). The model never overrules what the catalogue found: the product's own
//! starters and the catalogue's families stay exactly as they read. The outcome, insight,
//! move, activity, filler and hand-off questions go through this; the catalogue's narrower
//! questions (hedges, unfinished starters, priorities, preambles, open questions, status
//! strength) are its own.

use crate::model::{self, Function, Verdict};
use crate::patterns::{Judged, StatusStrength};
use std::cell::OnceCell;

/// A finding's message, saying what the model read the sentence as when the finding rests
/// on the model alone.
pub fn explained(message: &str, reading: Option<&str>) -> String {
    match reading {
        Some(reading) => format!("{message} (A second opinion read this sentence as {reading}.)"),
        None => message.to_string(),
    }
}

pub struct Reading<'a> {
    pub catalogue: Judged<'a>,
    /// Whether the model may fill in: not inside an outcome, insight or leadership-move
    /// part, where the part's heading already says what its sentences are for.
    second_opinion: bool,
    verdict: OnceCell<Verdict>,
    prediction: OnceCell<model::Prediction>,
}

/// The least confidence for the model's reading to fill in a function that would silence
/// a rule (an outcome, an insight, a move). Chosen on the labelled agendas that are not a
/// clean measure (docs/judgment.md, "The combination rule"): at 0.75 a strong agenda in
/// words no list foresaw drew false alarms; below 0.68 weak ones began to go unflagged.
pub(crate) const SILENCING: f32 = 0.68;

/// Below this probability of an insight, the model settles a catalogue that reads a
/// sentence as both an insight and activity: it is no insight.
const NO_INSIGHT: f32 = 0.1;

/// The model is sure of its reading.
const SURE: f32 = 0.8;

/// The least confidence of the model in a point the catalogue also found (a target, a
/// request) for it to settle an insight read beside that point: half of [`SILENCING`].
const OTHER_POINT: f32 = 0.34;

/// The model is near certain: enough to add a second point to a sentence the catalogue
/// reads as another one ("The bet I want us to make for H1 is…, and I want 15% of new
/// revenue to come that way by July" is a move to the catalogue and an outcome too).
const NEAR_CERTAIN: f32 = 0.95;

/// Below this, a model's hand-off reading of a sentence the catalogue is silent on is too
/// faint to flag.
const HANDS_OFF_FAINTLY: f32 = 0.3;

/// A question, or the VP's view asked for with the move inside it ("lmk what you think
/// we should do about the renewal", "tell me how we should staff it"): a "we should" there
/// is what the writer asks about, not what they recommend (`asks-back.toml`).
fn asks_back(judged: &Judged) -> bool {
    judged.norm.trim_end().ends_with('?') || judged.asks_back()
}

/// The words of a normalised sentence, contractions split ("we'll" gives "we", "ll").
fn words(norm: &str) -> impl Iterator<Item = &str> {
    norm.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A lead-in that ends with a colon ("Where we are on the Q4 number:", "Quick rundown:")
/// introduces what follows and states nothing itself: the model may not read a point into
/// it (the catalogue still may: "What I need from you:").
pub(super) fn leads_in(norm: &str) -> bool {
    norm.trim_end().ends_with(':')
}

/// A sentence in which nobody acts or is asked to: it opens with "they", "it", "there",
/// "the" … and has no "I", "we" or "you", no "should", "must" or "need" ("They have a
/// second line but it's full until February."); or it only gives the writer's view of how
/// things are, with no move word ("I think our template under-prices screen failures").
/// It states how things are: the model may not read it as a move. An imperative ("Put
/// the cut-over on the board agenda") has no subject and stays open to it.
fn nobody_acts(norm: &str) -> bool {
    const THIRD: [&str; 10] = [
        "they", "it", "there", "he", "she", "this", "that", "these", "those", "the",
    ];
    const ACTORS: [&str; 15] = [
        "i", "me", "my", "we", "us", "our", "let", "you", "your", "yours", "should", "must",
        "need", "needs", "ought",
    ];
    const OPINION: [&str; 5] = [
        "i think ",
        "i believe ",
        "i suspect ",
        "my sense is ",
        "i reckon ",
    ];
    const MOVES: [&str; 16] = [
        "should",
        "must",
        "need",
        "needs",
        "let",
        "propose",
        "recommend",
        "suggest",
        "ask",
        "want",
        "d",
        "would",
        "could",
        "ll",
        "will",
        "can",
    ];
    let mut all = words(norm);
    let third = all.next().is_some_and(|w| THIRD.contains(&w)) && !all.any(|w| ACTORS.contains(&w));
    let opinion =
        OPINION.iter().any(|o| norm.starts_with(o)) && !words(norm).any(|w| MOVES.contains(&w));
    third || opinion
}

/// A statement in which the writer keeps the next step ("Not sure yet what we do about
/// it, will see what the scope captures show this week.", "No pick yet, we'll know once
/// the pilot data is in."): undecided, but not handed back; the model may not read it as a
/// hand-off. The writer (or no one) says it: "you will know best" is no such statement. A
/// question is never one.
fn keeps_the_ball(norm: &str) -> bool {
    const NEXT: [&str; 5] = ["see", "know", "check", "come back", "report back"];
    let said_by_the_writer = |before: &str| {
        let before = before.trim_end();
        before.is_empty()
            || before.ends_with([',', ';', ':', '—', '–'])
            || before == "i"
            || before == "we"
            || before.ends_with(" i")
            || before.ends_with(" we")
    };
    // An offer on a condition ("If you want to hear both leads first, I'll get them on
    // your calendar.") and one more option after the others ("or split it") hand nothing
    // back either.
    let offers = norm.starts_with("if ")
        && [
            ", i'll ",
            ", i will ",
            ", we'll ",
            ", we will ",
            ", happy to ",
        ]
        .iter()
        .any(|w| norm.contains(w));
    let another_option = norm.starts_with("or ") && !norm.starts_with("or you");
    // Unless the writer defers in it ("…, we'll go with whatever you pick").
    let defers = [
        "whatever",
        "your call",
        "you decide",
        "you pick",
        "you choose",
    ]
    .iter()
    .any(|w| norm.contains(w));
    !norm.trim_end().ends_with('?')
        && ((!defers && (offers || another_option))
            || ["will ", "'ll "].iter().any(|will| {
                norm.match_indices(will).any(|(at, _)| {
                    let after = &norm[at + will.len()..];
                    NEXT.iter().any(|n| {
                        after.starts_with(n) && !after[n.len()..].starts_with(char::is_alphanumeric)
                    }) && said_by_the_writer(&norm[..at])
                })
            }))
}

impl<'a> Reading<'a> {
    pub fn new(catalogue: Judged<'a>, second_opinion: bool) -> Self {
        Reading {
            catalogue,
            second_opinion,
            verdict: OnceCell::new(),
            prediction: OnceCell::new(),
        }
    }

    fn verdict(&self) -> &Verdict {
        self.verdict.get_or_init(|| {
            let mut found = model::catalogue_functions(&self.catalogue);
            // An insight that is also activity or an empty opening, to the catalogue or to
            // a sure model ("Light week, not much moved.", "Not a huge amount to cover,
            // but a few things." match the reframings): the model settles it when it is
            // sure the sentence is no insight.
            let empty = || {
                found.contains(Function::Activity)
                    || found.contains(Function::Filler)
                    || self.prediction().function().is_some_and(|(f, p)| {
                        matches!(f, Function::Activity | Function::Filler) && p >= SURE
                    })
            };
            if found.contains(Function::Insight)
                && self.prediction().function_probability(Function::Insight) < NO_INSIGHT
                && empty()
            {
                found.remove(Function::Insight);
            }
            // An insight the catalogue reads beside another point it found (a target or a
            // request, "What I'm after … is that the new policy is in place", "It's 30%
            // cheaper at our volume, and I need your signature by Friday."): when the model
            // reads that other point and gives an insight next to no chance, it is that
            // point alone.
            let other_point = |f: Function| {
                found.contains(f)
                    && self
                        .prediction()
                        .function()
                        .is_some_and(|(g, p)| g == f && p >= OTHER_POINT)
            };
            if found.contains(Function::Insight)
                && self.prediction().function_probability(Function::Insight) < NO_INSIGHT
                && (other_point(Function::Outcome) || other_point(Function::Move))
            {
                found.remove(Function::Insight);
            }
            // A question the catalogue reads as a move because a request form sits in a
            // clause of it ("Any thoughts on how we should approach the budget?", "lmk
            // what you think we should do about it") is a hand-off when the model is sure
            // it is one.
            if found.contains(Function::Move)
                && asks_back(&self.catalogue)
                && self.prediction().function_probability(Function::Handoff) >= SURE
            {
                found.remove(Function::Move);
            }
            // A status reading alone ("…are 40% of our spend…", "we lost the comparison
            // pages") says little about a sentence of prose: the model may still find its
            // point when it is sure of it.
            let status_only = found == model::Functions::one(Function::Status);
            // Inside a part the heading says what its sentences are for, but a question
            // the model reads as a hand-off hands off there too ("**Ask** – Which of the
            // two would you pick?"), and so does a statement it is sure of ("Up to you
            // really, whatever you think is best.", "whatever you feel is right here").
            if found.is_empty()
                && !self.second_opinion
                && !keeps_the_ball(self.catalogue.norm)
                && (asks_back(&self.catalogue)
                    || self.prediction().function_probability(Function::Handoff) >= SURE)
            {
                let mut policy = model::shipped().policy;
                policy.veto = [2.0; 7];
                for f in Function::ALL
                    .into_iter()
                    .filter(|&f| f != Function::Handoff)
                {
                    policy.fill[f as usize] = 2.0;
                }
                return model::combine_with(found, self.prediction(), &policy);
            }
            // A sentence the catalogue reads as status with activity or filler, or as one
            // point, may still make a point no family of it foresaw (a target that names
            // work to be finished reads as done work; a move that states a target): the
            // model adds that point when it is sure of it, near certain beside another point.
            let points = [Function::Outcome, Function::Insight, Function::Move];
            if self.second_opinion
                && !leads_in(self.catalogue.norm)
                && !found.is_empty()
                && !status_only
                && !found.contains(Function::Handoff)
            {
                if let Some((f, p)) = self.prediction().function() {
                    // Beside a point the catalogue found, the model must be near certain.
                    let least = if points.iter().any(|&g| found.contains(g)) {
                        NEAR_CERTAIN
                    } else {
                        SURE
                    };
                    if points.contains(&f)
                        && !found.contains(f)
                        && p >= least
                        && !(f == Function::Move && nobody_acts(self.catalogue.norm))
                    {
                        let mut functions = found;
                        functions.insert(f);
                        return Verdict {
                            functions,
                            from_model: model::Functions::one(f),
                            reading: self.prediction().label,
                        };
                    }
                }
            }
            if (!found.is_empty() && !status_only) || !self.second_opinion {
                // The model is not asked: nothing here rests on it.
                return Verdict {
                    functions: found,
                    from_model: model::Functions::NONE,
                    reading: model::Label::Other,
                };
            }
            let prediction = self.prediction();
            // Silent catalogue: the model's reading, when confident enough.
            let mut policy = model::shipped().policy;
            policy.veto = [2.0; 7];
            // Against a status reading, the model must be sure of the point.
            let least = if status_only { SURE } else { SILENCING };
            for f in [Function::Outcome, Function::Insight, Function::Move] {
                policy.fill[f as usize] = policy.fill[f as usize].max(least);
                if leads_in(self.catalogue.norm) {
                    policy.fill[f as usize] = 2.0;
                }
            }
            if nobody_acts(self.catalogue.norm) {
                policy.fill[Function::Move as usize] = 2.0;
            }
            // A statement the model reads as a hand-off only faintly (a diagnosis of two
            // causes, "either they're filling other cars or the odometers are wrong") is
            // no hand-off: a fixed floor on the model's hand-off probability, above the
            // trained policy's fill, which `bank train` does not tune.
            policy.fill[Function::Handoff as usize] =
                policy.fill[Function::Handoff as usize].max(HANDS_OFF_FAINTLY);
            if keeps_the_ball(self.catalogue.norm) {
                policy.fill[Function::Handoff as usize] = 2.0;
            }
            model::combine_with(found, prediction, &policy)
        })
    }

    /// The model's own reading of the sentence, whatever the catalogue found (for the
    /// judgments that weigh it themselves, such as a part of bare facts).
    pub fn prediction(&self) -> &model::Prediction {
        self.prediction
            .get_or_init(|| model::classify(self.catalogue.norm))
    }

    fn has(&self, f: Function) -> bool {
        self.verdict().functions.contains(f)
    }

    /// What the model read the sentence as, when `f` rests on the model alone: for a
    /// message that explains itself ("read as a hand-off").
    pub fn model_reading(&self, f: Function) -> Option<&'static str> {
        let v = self.verdict();
        v.from_model.contains(f).then(|| v.reading.describe())
    }

    pub fn is_outcome(&self) -> bool {
        self.has(Function::Outcome)
    }
    pub fn is_insight(&self) -> bool {
        self.has(Function::Insight)
    }
    /// A recommendation, request, decision or tradeoff.
    pub fn is_ask(&self) -> bool {
        self.has(Function::Move)
    }
    /// An activity report, or an opening that says nothing.
    pub fn is_activity(&self) -> bool {
        self.has(Function::Activity) || self.has(Function::Filler)
    }
    /// Hands the problem back without a view. The catalogue's hand-offs hold whole
    /// sentences; a question the model reads as a hand-off is one unless a view follows it
    /// (see [`Reading::hands_off_unless_answered`]).
    pub fn is_handoff(&self) -> bool {
        self.catalogue.is_handoff()
    }
    /// A question that hands the decision back unless the same block answers it with a
    /// view: the catalogue's open questions, and what the model reads as a hand-off.
    pub fn hands_off_unless_answered(&self) -> bool {
        !self.is_ask()
            && (self.catalogue.is_open_question()
                || (self.has(Function::Handoff) && !self.catalogue.is_handoff()))
    }
    pub fn makes_a_point(&self) -> bool {
        self.is_outcome() || self.is_insight() || self.is_ask()
    }
    pub fn is_preamble(&self) -> bool {
        self.catalogue.is_preamble()
    }
    pub fn is_sign_off(&self) -> bool {
        self.catalogue.is_sign_off()
    }
    pub fn is_hedged(&self) -> bool {
        self.catalogue.is_hedged()
    }
    pub fn is_unfinished_starter(&self) -> bool {
        self.catalogue.is_unfinished_starter()
    }
    pub fn claims_top_priority(&self) -> bool {
        self.catalogue.claims_top_priority()
    }
    pub fn is_request_noun_phrase(&self) -> bool {
        self.catalogue.is_request_noun_phrase()
    }
    pub fn is_status_item(&self) -> bool {
        self.catalogue.is_status_item()
    }
    pub fn status_strength(&self) -> StatusStrength {
        self.catalogue.status_strength()
    }
}

#[cfg(test)]
mod tests {
    use super::explained;
    use crate::rules::test_support::findings;

    /// A finding that rests on the model says what it read the sentence as; one the
    /// catalogue found does not.
    #[test]
    fn model_findings_explain_themselves() {
        assert_eq!(
            explained("Hands it back.", Some("a hand-off")),
            "Hands it back. (A second opinion read this sentence as a hand-off.)"
        );
        assert_eq!(explained("Hands it back.", None), "Hands it back.");
        let by_catalogue = findings("handoff-closing", "We should ship.\n\nThoughts?\n");
        assert_eq!(by_catalogue.len(), 1);
        assert!(!by_catalogue[0].message.contains("second opinion"));
    }

    /// An opening the catalogue reads as activity and as a reframing ("X, not Y") is an
    /// empty opening, not an insight; a reframing with a point stays an insight.
    #[test]
    fn the_model_settles_an_insight_that_is_also_activity() {
        let opening = "Light week, not much moved.\n\n## Outcome\nRenewals at 95% by March.\n";
        assert_eq!(findings("vague-opening", opening).len(), 1);
        assert_eq!(findings("missing-insight", opening).len(), 1);
        let opening = "Not a huge amount to cover, but a few things.\n\n## Outcome\nRenewals at 95% by March.\n";
        assert_eq!(findings("vague-opening", opening).len(), 1);
        let insight =
            "## Outcome\nRenewals at 95% by March.\n\nOffers lose on start date, not salary.\n";
        assert!(findings("missing-insight", insight).is_empty());
    }

    /// A question with a request form in a clause ("how we should…?") hands the choice
    /// back when the model is sure of it; a request put as a question stays a request.
    #[test]
    fn a_question_the_model_is_sure_hands_off_is_no_move() {
        let text = "Any thoughts on how we should approach the counsel budget next year?\n";
        assert_eq!(findings("handoff-closing", text).len(), 1);
        assert_eq!(findings("missing-ask", text).len(), 1);
        let request = "Could you approve the counsel budget by Friday?\n";
        assert!(findings("missing-ask", request).is_empty());
    }

    /// A sentence of prose the catalogue reads only as weak status (it holds a
    /// percentage) is an insight when the model is sure of it.
    #[test]
    fn the_model_finds_the_point_of_a_weak_status_sentence() {
        let text = "- DISCUSS: Software renewals are 40% of our spend and half of them auto-renew without anyone reviewing usage, so we pay for seats nobody logs into.\n";
        assert!(findings("missing-insight", text).is_empty());
        assert_eq!(
            findings("missing-insight", "- Renewals at 40% of spend\n").len(),
            1
        );
    }

    #[test]
    fn a_sentence_where_nobody_acts_is_no_move() {
        use super::nobody_acts;
        assert!(nobody_acts(
            "they have a spare press but it's booked until march."
        ));
        assert!(nobody_acts("the audit window closes on the 14th."));
        assert!(!nobody_acts("the vendor should take the overflow."));
        assert!(!nobody_acts("they want us to sign by friday."));
        assert!(!nobody_acts("put the cut-over on the board agenda."));
        assert!(nobody_acts(
            "i think our template under-prices screen failures."
        ));
        assert!(!nobody_acts("the decision is yours by friday."));
        assert!(!nobody_acts("i think we could pause the beta."));
        assert!(!nobody_acts("i think we should pause the beta."));
    }

    #[test]
    fn a_statement_whose_writer_keeps_the_next_step_is_no_handoff() {
        use super::keeps_the_ball;
        assert!(keeps_the_ball(
            "no pick yet, will know once the pilot data is in."
        ));
        assert!(keeps_the_ball(
            "we will come back with a recommendation friday."
        ));
        assert!(keeps_the_ball(
            "not sure what we do, we'll see what the load test shows."
        ));
        assert!(keeps_the_ball(
            "if you'd rather meet both vendors first, i'll set it up for thursday."
        ));
        assert!(keeps_the_ball("or hire a contractor for the spring."));
        assert!(!keeps_the_ball("or should we wait for the audit?"));
        assert!(!keeps_the_ball("if you want, we can talk it through."));
        assert!(!keeps_the_ball(
            "or you make the call, you know the team better."
        ));
        assert!(!keeps_the_ball(
            "if you'd rather decide yourself, we'll go with whatever you pick."
        ));
        assert!(!keeps_the_ball("whatever you think, you will know best."));
        assert!(!keeps_the_ball("we will seek approval next week."));
        assert!(!keeps_the_ball("will you make the call on friday?"));
        assert!(!keeps_the_ball("not sure which way to go."));
    }
}
