//! A statistical second opinion on what a sentence does: a small classifier trained on the
//! sentence bank (`data/bank/`), and the rule that combines it with the pattern catalogue.
//!
//! The classifier is a multinomial logistic regression over word unigrams, bigrams and
//! trigrams and character 3-grams of the normalised sentence (see [`features`]). Its weights are data,
//! `data/model/weights.tsv`, written by one command (`cargo run --release -p bank --
//! train`) from the bank's *train* split only, and compiled into the binary: there is no
//! I/O and no ML runtime at run time. `build.rs` encodes the weights into a table ([`table`])
//! that the engine reads in place, so start-up parses none of them.
//!
//! - [`classify`] reads a normalised sentence (as [`crate::patterns::normalise`] makes it)
//!   as one of the bank's thirteen [`Label`]s, with a confidence and every label's
//!   probability. It never panics, whatever the input.
//! - [`combine`] merges the catalogue's judgment and the model's reading into a
//!   [`Verdict`]: which of the coach's [`Function`]s the sentence has, and which of them
//!   rest on the model, so that a finding can say what it read the sentence as.
//!
//! [`bank`], [`train`] and [`eval`] are the tooling around the model: parsing the bank,
//! training, and measuring precision and recall per function. They are pure as well; the
//! `bank` tool (`tools/bank`) and `tests/bank.rs` do the file reading.

pub mod bank;
mod combine;
pub mod eval;
pub mod features;
mod table;
pub mod train;

use crate::memo::Memo;
pub use combine::{catalogue_functions, combine, combine_with, Policy, Verdict};
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::OnceLock;

/// The weights shipped with the engine, written by `cargo run --release -p bank -- train`.
const WEIGHTS: &str = include_str!("../../data/model/weights.tsv");

/// The same weights' feature rows, encoded by `build.rs` (see [`table`]).
const TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/weights.table"));

/// What a sentence does in a 1:1 agenda: the thirteen labels of the sentence bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    Outcome,
    Insight,
    Recommendation,
    Request,
    Decision,
    Tradeoff,
    Activity,
    Status,
    Handoff,
    Question,
    Filler,
    Fact,
    Other,
}

impl Label {
    /// Every label, in the order of [`Prediction::scores`].
    pub const ALL: [Label; 13] = [
        Label::Outcome,
        Label::Insight,
        Label::Recommendation,
        Label::Request,
        Label::Decision,
        Label::Tradeoff,
        Label::Activity,
        Label::Status,
        Label::Handoff,
        Label::Question,
        Label::Filler,
        Label::Fact,
        Label::Other,
    ];

    /// The label as the bank writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Outcome => "outcome",
            Label::Insight => "insight",
            Label::Recommendation => "recommendation",
            Label::Request => "request",
            Label::Decision => "decision",
            Label::Tradeoff => "tradeoff",
            Label::Activity => "activity",
            Label::Status => "status",
            Label::Handoff => "handoff",
            Label::Question => "question",
            Label::Filler => "filler",
            Label::Fact => "fact",
            Label::Other => "other",
        }
    }

    /// The label the bank writes as `word`.
    pub fn parse(word: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == word)
    }

    /// The coach's function this label is, if any: fact, question and other are none.
    pub fn function(self) -> Option<Function> {
        match self {
            Label::Outcome => Some(Function::Outcome),
            Label::Insight => Some(Function::Insight),
            Label::Recommendation | Label::Request | Label::Decision | Label::Tradeoff => {
                Some(Function::Move)
            }
            Label::Activity => Some(Function::Activity),
            Label::Status => Some(Function::Status),
            Label::Handoff => Some(Function::Handoff),
            Label::Filler => Some(Function::Filler),
            Label::Question | Label::Fact | Label::Other => None,
        }
    }

    /// How a finding names what the model read the sentence as ("an activity report").
    pub fn describe(self) -> &'static str {
        match self {
            Label::Outcome => "an outcome",
            Label::Insight => "an insight",
            Label::Recommendation => "a recommendation",
            Label::Request => "a request",
            Label::Decision => "a decision",
            Label::Tradeoff => "a tradeoff",
            Label::Activity => "an activity report",
            Label::Status => "a routine status item",
            Label::Handoff => "a hand-off",
            Label::Question => "a question for information",
            Label::Filler => "filler",
            Label::Fact => "a fact without interpretation",
            Label::Other => "logistics or other",
        }
    }
}

/// What the coach judges a sentence to be: the seven functions it looks for or flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Function {
    /// The business result the writer drives.
    Outcome,
    /// An interpreted observation.
    Insight,
    /// A leadership move: recommendation, request, decision or tradeoff.
    Move,
    /// A report of what was done, without a point.
    Activity,
    /// A routine status item.
    Status,
    /// The question or decision handed back without a view.
    Handoff,
    /// Apology, preamble, pleasantry.
    Filler,
}

impl Function {
    /// Every function, in the order of [`Functions`]' bits and of the tables.
    pub const ALL: [Function; 7] = [
        Function::Outcome,
        Function::Insight,
        Function::Move,
        Function::Activity,
        Function::Status,
        Function::Handoff,
        Function::Filler,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Function::Outcome => "outcome",
            Function::Insight => "insight",
            Function::Move => "move",
            Function::Activity => "activity",
            Function::Status => "status",
            Function::Handoff => "handoff",
            Function::Filler => "filler",
        }
    }

    pub fn parse(word: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.as_str() == word)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of [`Function`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Functions(u8);

impl Functions {
    pub const NONE: Functions = Functions(0);

    pub fn one(f: Function) -> Functions {
        Functions(f.bit())
    }
    pub fn contains(self, f: Function) -> bool {
        self.0 & f.bit() != 0
    }
    pub fn insert(&mut self, f: Function) {
        self.0 |= f.bit();
    }
    pub fn remove(&mut self, f: Function) {
        self.0 &= !f.bit();
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = Function> {
        Function::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

/// The model's reading of a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    /// The most probable label.
    pub label: Label,
    /// Its probability, in 0..=1.
    pub confidence: f32,
    /// Every label's probability, in [`Label::ALL`] order; they sum to 1.
    pub scores: [f32; 13],
}

impl Prediction {
    /// The probability that the sentence has `function` (the sum over its labels).
    pub fn function_probability(&self, function: Function) -> f32 {
        Label::ALL
            .iter()
            .zip(self.scores)
            .filter(|(l, _)| l.function() == Some(function))
            .map(|(_, p)| p)
            .sum()
    }

    /// The most probable function and its probability; `None` when the most probable
    /// reading is no function at all (a fact, a question, other).
    pub fn function(&self) -> Option<(Function, f32)> {
        let none: f32 = Label::ALL
            .iter()
            .zip(self.scores)
            .filter(|(l, _)| l.function().is_none())
            .map(|(_, p)| p)
            .sum();
        Function::ALL
            .into_iter()
            .map(|f| (f, self.function_probability(f)))
            .filter(|&(_, p)| p > none)
            .fold(None, |best: Option<(Function, f32)>, (f, p)| match best {
                Some((_, q)) if q >= p => best,
                _ => Some((f, p)),
            })
    }
}

/// Reads a normalised sentence (see [`crate::patterns::normalise`]) with the shipped model.
pub fn classify(norm: &str) -> Prediction {
    thread_local! {
        static READ: RefCell<Memo<Prediction>> = RefCell::new(Memo::default());
    }
    if let Some(p) = READ.with(|m| m.borrow().get(norm).copied()) {
        return p;
    }
    let p = shipped().classify(norm);
    READ.with(|m| m.borrow_mut().put(norm, p));
    p
}

/// The shipped model: its header read on first use, its table read in place.
pub fn shipped() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    // `build.rs` has encoded the rows, so only the header is read here. The weights are
    // checked by tests/bank.rs; should the header ever fail to parse, the engine runs on
    // the catalogue alone rather than failing.
    MODEL.get_or_init(|| {
        Model::header(WEIGHTS)
            .map(|model| Model {
                table: Cow::Borrowed(TABLE),
                ..model
            })
            .unwrap_or_else(|_| Model::empty())
    })
}

/// The shipped weights file, as compiled in.
pub fn shipped_text() -> &'static str {
    WEIGHTS
}

/// A trained classifier: weights per feature and label, and the combination thresholds.
#[derive(Debug, Clone)]
pub struct Model {
    /// Feature hash -> its weights, one per label, as stored: the weight times the
    /// file's scale (see [`table`]).
    table: Cow<'static, [u8]>,
    /// One over the file's scale.
    unscale: f32,
    bias: [f32; 13],
    /// The kinds of feature the weights are for.
    kinds: features::Kinds,
    /// Whether a sentence's weights are scaled by `1/√n` (see [`train::length_scale`]).
    unit_length: bool,
    /// How the model's reading is combined with the catalogue's, per function.
    pub policy: Policy,
    /// The header's `key: value` lines (checksum, configuration), for the tooling.
    pub meta: Vec<(String, String)>,
}

impl Model {
    /// A model that knows nothing: every sentence is `other` with confidence 0, and the
    /// combination keeps the catalogue's judgment as it is.
    pub fn empty() -> Model {
        Model {
            table: Cow::Borrowed(&[]),
            unscale: 1.0,
            bias: [0.0; 13],
            kinds: features::Kinds::ALL,
            unit_length: false,
            policy: Policy::catalogue_only(),
            meta: Vec::new(),
        }
    }

    /// Reads a weights file (the format [`train::Weights::to_text`] writes).
    pub fn parse(text: &str) -> Result<Model, String> {
        Ok(Model {
            table: Cow::Owned(table::encode(text)?),
            ..Model::header(text)?
        })
    }

    /// Reads a weights file's header: the `# key: value` lines and the bias row, up to the
    /// first feature row. The model it gives has no feature weights.
    fn header(text: &str) -> Result<Model, String> {
        let mut model = Model::empty();
        let mut scale = None;
        let mut labels_ok = false;
        for (n, line) in text.lines().enumerate() {
            let err = |what: &str| format!("weights line {}: {what}", n + 1);
            if let Some(comment) = line.strip_prefix('#') {
                let Some((key, value)) = comment.split_once(':') else {
                    continue;
                };
                let (key, value) = (key.trim(), value.trim());
                match key {
                    "scale" => scale = Some(value.parse::<f32>().map_err(|_| err("scale"))?),
                    "labels" => {
                        let names: Vec<&str> = value.split_whitespace().collect();
                        let want: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
                        if names != want {
                            return Err(err("labels differ from the engine's"));
                        }
                        labels_ok = true;
                    }
                    "policy" => model.policy = Policy::parse(value).ok_or_else(|| err("policy"))?,
                    "config" => {
                        for item in value.split(' ') {
                            if let Some(kinds) = item.strip_prefix("kinds=") {
                                model.kinds = features::Kinds::parse(kinds);
                            }
                            if let Some(unit) = item.strip_prefix("unit_length=") {
                                model.unit_length = unit == "true";
                            }
                        }
                    }
                    _ => {}
                }
                model.meta.push((key.to_string(), value.to_string()));
                continue;
            }
            if line.is_empty() {
                continue;
            }
            let scale = scale.ok_or_else(|| err("no scale before the weights"))?;
            model.unscale = 1.0 / scale;
            let Some(values) = line
                .strip_prefix(features::BIAS)
                .and_then(|l| l.strip_prefix('\t'))
            else {
                break;
            };
            let row = table::weights_row(values).ok_or_else(|| err("not 13 integer weights"))?;
            model.bias = row.map(|w| f32::from(w) / scale);
        }
        if !labels_ok {
            return Err("weights: no labels line".into());
        }
        Ok(model)
    }

    /// A header value, such as `train-checksum`.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        table::len(&self.table)
    }

    /// Bytes the model's table and header take, roughly.
    pub fn memory_bytes(&self) -> usize {
        self.table.len() + std::mem::size_of::<Model>()
    }

    /// Reads a normalised sentence.
    pub fn classify(&self, norm: &str) -> Prediction {
        let mut sums = [0i32; 13];
        let mut emitted = 0usize;
        features::each_hash(norm, self.kinds, |h| {
            emitted += 1;
            if let Some(row) = table::row(&self.table, h) {
                for (s, w) in sums.iter_mut().zip(row) {
                    *s = s.saturating_add(i32::from(w));
                }
            }
        });
        let scale = train::length_scale(self.unit_length, emitted) * self.unscale;
        let mut scores = self.bias;
        for (s, sum) in scores.iter_mut().zip(sums) {
            *s += sum as f32 * scale;
        }
        Prediction::from_scores(scores)
    }
}

impl Prediction {
    /// Turns raw scores, one per label, into probabilities (a softmax) and the best label.
    /// Scores are finite for any input (each is a sum of finite weights), but a non-finite
    /// one still gives a valid prediction rather than a panic.
    pub fn from_scores(scores: [f32; 13]) -> Prediction {
        let max = scores
            .iter()
            .copied()
            .filter(|s| s.is_finite())
            .fold(f32::MIN, f32::max);
        let mut probs = [0f32; 13];
        let mut sum = 0.0;
        for (p, s) in probs.iter_mut().zip(scores) {
            *p = if s.is_finite() { (s - max).exp() } else { 0.0 };
            sum += *p;
        }
        if !(sum > 0.0 && sum.is_finite()) {
            probs = [0.0; 13];
            probs[Label::Other as usize] = 1.0;
            sum = 1.0;
        }
        let mut best = 0;
        for i in 0..probs.len() {
            probs[i] /= sum;
            if probs[i] > probs[best] {
                best = i;
            }
        }
        Prediction {
            label: Label::ALL[best],
            confidence: probs[best],
            scores: probs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weights_row_is_thirteen_small_integers() {
        let row = table::weights_row("1 -2 3 0 0 0 0 0 0 0 0 0 -32768").unwrap();
        assert_eq!(row[1], -2);
        assert_eq!(row[12], -32768);
        for bad in [
            "",
            "1 2",
            "1 2 3 4 5 6 7 8 9 10 11 12 13 14",
            "1 2 3 4 5 6 7 8 9 10 11 12 x",
            "1  2 3 4 5 6 7 8 9 10 11 12 13",
            "1 2 3 4 5 6 7 8 9 10 11 12 40000",
            "1 2 3 4 5 6 7 8 9 10 11 12 -",
        ] {
            assert_eq!(table::weights_row(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_broken_weights_file_is_refused_and_the_empty_model_reads_other() {
        assert!(Model::parse("").is_err());
        assert!(Model::parse("# labels: a b\n# scale: 100\n").is_err());
        let labels = Label::ALL.map(Label::as_str).join(" ");
        let head = format!("# labels: {labels}\n# scale: 100\n");
        let row = "0 0 0 0 0 0 0 0 0 0 0 0 0";
        assert!(Model::parse(&format!("{head}w:a\t{row}\nw:a\t{row}\n")).is_err());
        assert!(Model::parse(&format!("{head}w:a\t1 2\n")).is_err());
        let model = Model::parse(&format!("{head}w:a\t{row}\n")).unwrap();
        assert_eq!(model.features(), 1);
        let p = Model::empty().classify("anything at all");
        assert!((p.scores.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    }

    #[test]
    fn the_policy_reads_back_as_written() {
        let text = "outcome=0.00/0.75 insight=0.00/0.00 move=0.35/off activity=off/off status=0.00/0.65 handoff=0.00/0.80 filler=0.00/0.85";
        let policy = Policy::parse(text).unwrap();
        assert_eq!(policy.to_text(), text);
        assert_eq!(Policy::parse("nonsense=1/1"), None);
    }

    fn reading(label: Label, p: f32) -> Prediction {
        let mut scores = [(1.0 - p) / 12.0; 13];
        scores[label as usize] = p;
        Prediction {
            label,
            confidence: p,
            scores,
        }
    }

    #[test]
    fn the_combination_keeps_vetoes_and_fills() {
        let mut policy = Policy::catalogue_only();
        let status = Functions::one(Function::Status);
        // The catalogue alone.
        let v = combine_with(status, &reading(Label::Fact, 0.9), &policy);
        assert_eq!(v.functions, status);
        // A veto: the model is sure the sentence is something else.
        policy.veto[Function::Status as usize] = 0.8;
        let v = combine_with(status, &reading(Label::Fact, 0.9), &policy);
        assert!(v.functions.is_empty());
        // The model gives status enough (0.3, so 0.7 elsewhere): the catalogue stands.
        let v = combine_with(status, &reading(Label::Status, 0.3), &policy);
        assert_eq!(v.functions, status);
        // A fill: the model's reading, confident enough, rests on the model.
        policy.fill[Function::Move as usize] = 0.5;
        let v = combine_with(Functions::NONE, &reading(Label::Request, 0.6), &policy);
        assert_eq!(v.functions, Functions::one(Function::Move));
        assert_eq!(v.from_model, Functions::one(Function::Move));
        assert_eq!(v.reading, Label::Request);
        let v = combine_with(Functions::NONE, &reading(Label::Request, 0.3), &policy);
        assert!(v.functions.is_empty());
    }
}
