//! Precision and recall per function, for the catalogue, the model and their combination.
//!
//! Each sentence has one gold [`Label`]; its function (see [`Label::function`]) is what a
//! predictor should say. A predictor says a set of [`Function`]s. For each function, a
//! sentence counts as a hit when both say it, a false alarm when only the predictor does
//! (facts, questions and other sentences can only be false alarms), and a miss when only
//! the gold label does.

use super::{catalogue_functions, combine_with, Function, Functions, Label, Model};
use crate::patterns::{catalogue, normalise};
use std::fmt::Write as _;

/// Hits, false alarms and misses for one function.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub hits: usize,
    pub false_alarms: usize,
    pub misses: usize,
}

/// Counts per function, in [`Function::ALL`] order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub counts: [Counts; 7],
}

impl Table {
    /// Counts one sentence of label `gold` of which a predictor said `said`.
    pub fn add(&mut self, gold: Label, said: Functions) {
        let gold = gold.function();
        for f in Function::ALL {
            let c = &mut self.counts[f as usize];
            match (gold == Some(f), said.contains(f)) {
                (true, true) => c.hits += 1,
                (false, true) => c.false_alarms += 1,
                (true, false) => c.misses += 1,
                (false, false) => {}
            }
        }
    }

    /// Hits over everything the predictor said; 1 when it said nothing.
    pub fn precision(&self, f: Function) -> f64 {
        let c = self.counts[f as usize];
        ratio(c.hits, c.hits + c.false_alarms)
    }

    /// Hits over every sentence of the function; 1 when there is none.
    pub fn recall(&self, f: Function) -> f64 {
        let c = self.counts[f as usize];
        ratio(c.hits, c.hits + c.misses)
    }

    /// Sentences whose gold label has the function.
    pub fn support(&self, f: Function) -> usize {
        let c = self.counts[f as usize];
        c.hits + c.misses
    }

    /// Sentences the predictor said have the function.
    pub fn said(&self, f: Function) -> usize {
        let c = self.counts[f as usize];
        c.hits + c.false_alarms
    }

    /// Precision and recall over every function at once (micro-averaged).
    pub fn overall(&self) -> (f64, f64) {
        let sum = |g: fn(&Counts) -> usize| self.counts.iter().map(g).sum::<usize>();
        let (hits, alarms, misses) = (sum(|c| c.hits), sum(|c| c.false_alarms), sum(|c| c.misses));
        (ratio(hits, hits + alarms), ratio(hits, hits + misses))
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The harmonic mean of precision and recall.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// The three predictors' tables over the same sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluation {
    pub sentences: usize,
    pub catalogue: Table,
    pub model: Table,
    pub combined: Table,
}

/// The three predictors, by name, in table order.
pub const PREDICTORS: [&str; 3] = ["catalogue", "model", "combined"];

impl Evaluation {
    /// The table of a predictor named in [`PREDICTORS`].
    pub fn table(&self, predictor: &str) -> Option<&Table> {
        match predictor {
            "catalogue" => Some(&self.catalogue),
            "model" => Some(&self.model),
            "combined" => Some(&self.combined),
            _ => None,
        }
    }
}

/// What each predictor says of one sentence (as written).
pub fn judge(model: &Model, sentence: &str) -> (Functions, Functions, Functions) {
    let norm = normalise(sentence);
    let cat = catalogue_functions(&catalogue().judge(&norm));
    let prediction = model.classify(&norm);
    let alone = prediction
        .function()
        .map_or(Functions::NONE, |(f, _)| Functions::one(f));
    let combined = combine_with(cat, &prediction, &model.policy).functions;
    (cat, alone, combined)
}

/// Evaluates the catalogue, `model` alone (its most probable function) and the two
/// combined by the model's policy.
pub fn evaluate<'a>(
    sentences: impl IntoIterator<Item = (Label, &'a str)>,
    model: &Model,
) -> Evaluation {
    let mut ev = Evaluation::default();
    for (gold, text) in sentences {
        let (cat, alone, combined) = judge(model, text);
        ev.sentences += 1;
        ev.catalogue.add(gold, cat);
        ev.model.add(gold, alone);
        ev.combined.add(gold, combined);
    }
    ev
}

/// The evaluation as a Markdown table: per function, its support, then precision and
/// recall for each predictor; a last row over all functions.
pub fn render(ev: &Evaluation) -> String {
    let mut out = String::new();
    out.push_str("| function | support | catalogue P | catalogue R | model P | model R | combined P | combined R |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for f in Function::ALL {
        let _ = write!(out, "| {} | {} |", f.as_str(), ev.catalogue.support(f));
        for name in PREDICTORS {
            if let Some(t) = ev.table(name) {
                let _ = write!(
                    out,
                    " {} | {} |",
                    show(t.precision(f), t.said(f)),
                    show(t.recall(f), 1)
                );
            }
        }
        out.push('\n');
    }
    let support: usize = Function::ALL.iter().map(|&f| ev.catalogue.support(f)).sum();
    let _ = write!(out, "| all seven | {support} |");
    for name in PREDICTORS {
        if let Some(t) = ev.table(name) {
            let (p, r) = t.overall();
            let _ = write!(out, " {p:.3} | {r:.3} |");
        }
    }
    out.push('\n');
    out
}

/// A figure to three places, or a dash when the predictor said nothing.
fn show(value: f64, said: usize) -> String {
    if said == 0 {
        "—".to_string()
    } else {
        format!("{value:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_hits_false_alarms_and_misses() {
        let mut t = Table::default();
        t.add(Label::Request, Functions::one(Function::Move));
        t.add(Label::Decision, Functions::NONE);
        t.add(Label::Fact, Functions::one(Function::Move));
        t.add(Label::Fact, Functions::NONE);
        assert_eq!(t.support(Function::Move), 2);
        assert_eq!(t.said(Function::Move), 2);
        assert_eq!(t.precision(Function::Move), 0.5);
        assert_eq!(t.recall(Function::Move), 0.5);
        assert_eq!(t.precision(Function::Filler), 1.0);
        assert_eq!(t.overall(), (0.5, 0.5));
    }
}
