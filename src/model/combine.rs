//! How the model's reading and the catalogue's judgment make one verdict: the [`Policy`]
//! (per function, when the catalogue's answer stands and when the model fills in) and
//! [`combine`].

use super::{shipped, Function, Functions, Label, Prediction};
use crate::patterns::Judged;

/// How the model's reading is combined with the catalogue's judgment, per function.
///
/// For each function on its own, the sentence has it when
/// - the catalogue says so, unless the model gives the sentence's other readings (every
///   label outside the function) a probability of at least `veto`; or
/// - it is the model's reading (its most probable function, see
///   [`Prediction::function`]) with a probability of at least `fill`.
///
/// A threshold above 1 turns that half off, so [`Policy::catalogue_only`] is the catalogue
/// as it is; `veto` 0 and `fill` 0 make it the model's answer alone. The thresholds are
/// chosen by the training command on the train split (out-of-fold readings), never on the
/// held-out files.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    pub fill: [f32; 7],
    pub veto: [f32; 7],
}

impl Policy {
    /// The catalogue alone.
    pub fn catalogue_only() -> Policy {
        Policy {
            fill: [f32::INFINITY; 7],
            veto: [f32::INFINITY; 7],
        }
    }

    /// `outcome=fill/veto insight=… …`, thresholds written as numbers or `off`.
    pub fn parse(text: &str) -> Option<Policy> {
        let mut policy = Policy::catalogue_only();
        for item in text.split_whitespace() {
            let (name, values) = item.split_once('=')?;
            let f = Function::parse(name)?;
            let (fill, veto) = values.split_once('/')?;
            let read = |v: &str| -> Option<f32> {
                if v == "off" {
                    Some(f32::INFINITY)
                } else {
                    v.parse::<f32>().ok()
                }
            };
            policy.fill[f as usize] = read(fill)?;
            policy.veto[f as usize] = read(veto)?;
        }
        Some(policy)
    }

    pub fn to_text(&self) -> String {
        let show = |v: f32| {
            if v > 1.0 {
                "off".to_string()
            } else {
                format!("{v:.2}")
            }
        };
        Function::ALL
            .iter()
            .map(|&f| {
                format!(
                    "{}={}/{}",
                    f.as_str(),
                    show(self.fill[f as usize]),
                    show(self.veto[f as usize])
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The combined judgment of a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    /// The functions the sentence has.
    pub functions: Functions,
    /// Those of them that rest on the model alone (the catalogue did not see them).
    pub from_model: Functions,
    /// The model's reading, for a message that says what it read the sentence as.
    pub reading: Label,
}

/// The functions the catalogue gives a sentence. The catalogue has no group for filler:
/// it says filler for its preambles (greetings and metadata lines) and for what its
/// activity group matches without a point of its own (the vague-opening test: "Quick
/// update", "Nothing to flag", "Busy week"), so such a sentence reads as both activity and
/// filler here.
pub fn catalogue_functions(judged: &Judged) -> Functions {
    let mut set = Functions::NONE;
    let mut put = |yes: bool, f: Function| {
        if yes {
            set.insert(f);
        }
    };
    put(judged.is_outcome(), Function::Outcome);
    put(judged.is_insight(), Function::Insight);
    put(judged.is_ask(), Function::Move);
    put(judged.is_activity(), Function::Activity);
    put(judged.is_status_item(), Function::Status);
    put(
        judged.is_handoff() || judged.is_open_question(),
        Function::Handoff,
    );
    put(
        judged.is_preamble() || (judged.is_activity() && !judged.makes_a_point()),
        Function::Filler,
    );
    set
}

/// Combines the catalogue's judgment with the shipped model's reading, by the shipped
/// [`Policy`].
pub fn combine(judged: &Judged, prediction: &Prediction) -> Verdict {
    combine_with(catalogue_functions(judged), prediction, &shipped().policy)
}

/// [`combine`] from the catalogue's functions, by a given policy.
pub fn combine_with(catalogue: Functions, prediction: &Prediction, policy: &Policy) -> Verdict {
    let mut functions = Functions::NONE;
    let mut from_model = Functions::NONE;
    let reading = prediction.function();
    for f in Function::ALL {
        let p = prediction.function_probability(f);
        if catalogue.contains(f) && 1.0 - p < policy.veto[f as usize] {
            functions.insert(f);
        } else if reading.is_some_and(|(g, _)| g == f) && p >= policy.fill[f as usize] {
            functions.insert(f);
            from_model.insert(f);
        }
    }
    Verdict {
        functions,
        from_model,
        reading: prediction.label,
    }
}
