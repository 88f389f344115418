//! Training the model, deterministically: the same sentences and [`Config`] give the same
//! weights, byte for byte (features are numbered in sorted order, examples are visited in
//! an order drawn from a fixed seed, and nothing iterates a hash map).
//!
//! The model is a multinomial logistic regression trained by AdaGrad with L2
//! regularisation. Features seen in fewer than `min_count` training sentences are left
//! out, and weights are stored as integers (`weight × scale`, rounded) around each feature's
//! mean (which leaves every probability as it is), so a feature whose every weight rounds to
//! zero is dropped from the file.

use super::bank::{Batch, Split};
use super::eval::{self, Table};
use super::features::{self, Kinds, BIAS};
use super::{catalogue_functions, combine_with, Function, Functions, Label, Model, Policy};
use crate::patterns::{catalogue, normalise};
use std::collections::BTreeMap;

/// How the model is trained.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// AdaGrad's base step.
    pub learning_rate: f32,
    /// L2 penalty per update of an active weight.
    pub l2: f32,
    /// Features seen in fewer sentences than this are left out.
    pub min_count: usize,
    /// Seed of the visiting order.
    pub seed: u64,
    /// Weights are stored as `round(weight × scale)`.
    pub scale: f32,
    /// Scale each sentence's feature values by `1/√n`, `n` its number of feature
    /// occurrences (see [`length_scale`]).
    pub unit_length: bool,
    /// Which kinds of feature to use, by their prefix (`w`, `b`, `c3`, `c4`, `c5`, `n`).
    pub kinds: &'static str,
    /// The value of a character n-gram feature (a word feature's is 1).
    pub char_weight: f32,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            epochs: 25,
            learning_rate: 0.2,
            l2: 1e-4,
            min_count: 2,
            seed: 0x5eed_1011,
            scale: 100.0,
            unit_length: true,
            kinds: "w b t n c3",
            char_weight: 0.3,
        }
    }
}

impl Config {
    /// The kinds of feature this configuration reads.
    pub fn kinds(&self) -> Kinds {
        Kinds::parse(self.kinds)
    }

    /// The configuration as one line, recorded in the weights file.
    pub fn to_text(&self) -> String {
        format!(
            "epochs={} learning_rate={} l2={} min_count={} seed={} scale={} unit_length={} kinds={} char_weight={}",
            self.epochs,
            self.learning_rate,
            self.l2,
            self.min_count,
            self.seed,
            self.scale,
            self.unit_length,
            self.kinds.replace(' ', ","),
            self.char_weight
        )
    }
}

/// A trained model, before it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Feature text and its weight per label, in feature order.
    pub features: Vec<(String, [f32; 13])>,
    pub bias: [f32; 13],
    pub config: Config,
}

/// One training sentence, its features counted.
struct Example {
    label: usize,
    /// (feature number, value), sorted by feature number.
    x: Vec<(u32, f32)>,
}

/// Trains on labelled sentences (as written; they are normalised here).
pub fn train(sentences: &[(Label, &str)], config: &Config) -> Weights {
    let texts: Vec<(Label, String)> = sentences.iter().map(|(l, s)| (*l, normalise(s))).collect();
    // Vocabulary: features in at least `min_count` sentences, numbered in sorted order.
    let mut df: BTreeMap<String, usize> = BTreeMap::new();
    for (_, s) in &texts {
        let mut seen: Vec<String> = Vec::new();
        features::each(s, config.kinds(), |f| seen.push(f.to_string()));
        seen.sort();
        seen.dedup();
        for f in seen {
            *df.entry(f).or_insert(0) += 1;
        }
    }
    let names: Vec<String> = df
        .into_iter()
        .filter(|&(_, n)| n >= config.min_count)
        .map(|(f, _)| f)
        .collect();
    let number: BTreeMap<&str, u32> = names
        .iter()
        .enumerate()
        .map(|(i, f)| (f.as_str(), i as u32))
        .collect();
    let examples: Vec<Example> = texts
        .iter()
        .map(|(label, s)| {
            let mut x: BTreeMap<u32, f32> = BTreeMap::new();
            let mut emitted = 0usize;
            features::each(s, config.kinds(), |f| {
                emitted += 1;
                if let Some(&i) = number.get(f) {
                    let value = if f.starts_with("c:") {
                        config.char_weight
                    } else {
                        1.0
                    };
                    *x.entry(i).or_insert(0.0) += value;
                }
            });
            let mut x: Vec<(u32, f32)> = x.into_iter().collect();
            // As the model reads a sentence: every feature it has, known or not, counts
            // towards its length.
            let scale = length_scale(config.unit_length, emitted);
            for (_, v) in x.iter_mut() {
                *v *= scale;
            }
            Example {
                label: *label as usize,
                x,
            }
        })
        .collect();

    const K: usize = 13;
    let mut w = vec![0f32; names.len() * K];
    let mut g2 = vec![0f32; names.len() * K];
    let mut b = [0f32; K];
    let mut gb = [0f32; K];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = config.seed | 1;
    for _ in 0..config.epochs {
        shuffle(&mut order, &mut rng);
        for &e in &order {
            let ex = &examples[e];
            let mut scores = b;
            for &(i, v) in &ex.x {
                let row = &w[i as usize * K..i as usize * K + K];
                for (s, wk) in scores.iter_mut().zip(row) {
                    *s += wk * v;
                }
            }
            let p = softmax(scores);
            for k in 0..K {
                let grad = p[k] - if k == ex.label { 1.0 } else { 0.0 };
                gb[k] += grad * grad;
                b[k] -= config.learning_rate * grad / (gb[k].sqrt() + 1e-6);
                for &(i, v) in &ex.x {
                    let j = i as usize * K + k;
                    let g = grad * v + config.l2 * w[j];
                    g2[j] += g * g;
                    w[j] -= config.learning_rate * g / (g2[j].sqrt() + 1e-6);
                }
            }
        }
    }
    let features = names
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let mut row = [0f32; K];
            row.copy_from_slice(&w[i * K..i * K + K]);
            (f, row)
        })
        .collect();
    Weights {
        features,
        bias: b,
        config: *config,
    }
}

/// What a sentence's feature values are multiplied by: `1/√n` for a sentence of `n`
/// feature occurrences when vectors are scaled to unit length (exactly unit length when no
/// feature occurs twice), else 1. The model applies the same when it reads.
pub fn length_scale(unit_length: bool, features: usize) -> f32 {
    if unit_length && features > 0 {
        1.0 / (features as f32).sqrt()
    } else {
        1.0
    }
}

/// A Fisher–Yates shuffle driven by xorshift64.
fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        let j = (*state % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
}

fn softmax(scores: [f32; 13]) -> [f32; 13] {
    let max = scores.iter().copied().fold(f32::MIN, f32::max);
    let mut out = scores.map(|s| (s - max).exp());
    let sum: f32 = out.iter().sum();
    for p in out.iter_mut() {
        *p /= sum;
    }
    out
}

impl Weights {
    /// The weights file: a header of `# key: value` lines, then one line per feature,
    /// `feature<TAB>` and 13 integer weights in [`Label::ALL`] order. `header` adds lines
    /// (the train checksum, the combination policy).
    pub fn to_text(&self, header: &[(&str, String)]) -> String {
        let scale = self.config.scale;
        let quantise = |row: &[f32; 13]| row.map(|v| (v * scale).round() as i32);
        let mut out = String::new();
        out.push_str("# oneonone-ls sentence model: multinomial logistic regression over word and character n-grams (src/model/).\n");
        out.push_str("# Written by `cargo run --release -p bank -- train` from the train split of data/bank/; do not edit.\n");
        let labels: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
        out.push_str(&format!("# labels: {}\n", labels.join(" ")));
        out.push_str(&format!("# config: {}\n", self.config.to_text()));
        for (k, v) in header {
            out.push_str(&format!("# {k}: {v}\n"));
        }
        out.push_str(&format!("# scale: {scale}\n"));
        let line = |out: &mut String, name: &str, q: [i32; 13]| {
            out.push_str(name);
            out.push('\t');
            let values: Vec<String> = q.iter().map(i32::to_string).collect();
            out.push_str(&values.join(" "));
            out.push('\n');
        };
        line(&mut out, BIAS, quantise(&self.bias));
        for (name, row) in &self.features {
            // A character n-gram's value is folded into its weights, so that the model
            // reads every feature with the value 1.
            let row = if name.starts_with("c:") {
                row.map(|w| w * self.config.char_weight)
            } else {
                *row
            };
            // The same amount added to all 13 weights of a feature moves every label's
            // score alike, so the probabilities do not change: stored around their mean,
            // the numbers are shorter and a feature that favours no label drops out.
            let mean = row.iter().sum::<f32>() / 13.0;
            let q = quantise(&row.map(|w| w - mean));
            if q.iter().any(|&v| v != 0) {
                line(&mut out, name, q);
            }
        }
        out
    }

    /// The probabilities these weights give a normalised sentence, computed as training
    /// does (unquantised, by feature text): what the model must reproduce.
    pub fn probabilities(&self, norm: &str) -> [f32; 13] {
        let rows: BTreeMap<&str, &[f32; 13]> =
            self.features.iter().map(|(f, w)| (f.as_str(), w)).collect();
        let mut sums = [0f32; 13];
        let mut emitted = 0usize;
        features::each(norm, self.config.kinds(), |f| {
            emitted += 1;
            if let Some(w) = rows.get(f) {
                let value = if f.starts_with("c:") {
                    self.config.char_weight
                } else {
                    1.0
                };
                for (s, w) in sums.iter_mut().zip(w.iter()) {
                    *s += w * value;
                }
            }
        });
        let scale = length_scale(self.config.unit_length, emitted);
        let mut scores = self.bias;
        for (s, sum) in scores.iter_mut().zip(sums) {
            *s += sum * scale;
        }
        softmax(scores)
    }

    /// The model these weights make, as it will be read back from its file.
    pub fn model(&self, policy: &Policy) -> Model {
        Model::parse(&self.to_text(&[("policy", policy.to_text())]))
            .unwrap_or_else(|_| Model::empty())
    }
}

/// The bank's train sentences, in file-name order.
pub fn train_sentences(batches: &[Batch]) -> Vec<(Label, &str)> {
    let mut train: Vec<&Batch> = batches.iter().filter(|b| b.split == Split::Train).collect();
    train.sort_by(|a, b| a.name.cmp(&b.name));
    train
        .iter()
        .flat_map(|b| b.sentences.iter().map(|s| (s.label, s.text.as_str())))
        .collect()
}

/// Number of folds of the cross-validation on the train split.
pub const FOLDS: usize = 4;

/// One train sentence read by a model that did not see its batch.
#[derive(Debug, Clone)]
pub struct OutOfFold {
    pub gold: Label,
    pub catalogue: Functions,
    pub prediction: super::Prediction,
}

/// Cross-validation on the train split, by whole batches: the train files, in name order,
/// are dealt into [`FOLDS`] folds, and each fold is read by a model trained on the others.
pub fn out_of_fold(batches: &[Batch], config: &Config) -> Vec<OutOfFold> {
    let mut files: Vec<&Batch> = batches.iter().filter(|b| b.split == Split::Train).collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let mut out = Vec::new();
    for fold in 0..FOLDS {
        let fit: Vec<(Label, &str)> = files
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS != fold)
            .flat_map(|(_, b)| b.sentences.iter().map(|s| (s.label, s.text.as_str())))
            .collect();
        let model = train(&fit, config).model(&Policy::catalogue_only());
        for (_, b) in files.iter().enumerate().filter(|(i, _)| i % FOLDS == fold) {
            for s in &b.sentences {
                let norm = normalise(&s.text);
                out.push(OutOfFold {
                    gold: s.label,
                    catalogue: catalogue_functions(&catalogue().judge(&norm)),
                    prediction: model.classify(&norm),
                });
            }
        }
    }
    out
}

/// Thresholds tried for the combination: 0 (always), 0.2 to 0.95, and off.
const THRESHOLDS: [f32; 18] = [
    0.0,
    0.2,
    0.25,
    0.3,
    0.35,
    0.4,
    0.45,
    0.5,
    0.55,
    0.6,
    0.65,
    0.7,
    0.75,
    0.8,
    0.85,
    0.9,
    0.95,
    f32::INFINITY,
];

/// Chooses the combination [`Policy`] on out-of-fold readings of the train split: for each
/// function, the fill and veto thresholds with the best F1 for that function, keeping the
/// catalogue alone unless a threshold does strictly better. (Each function's decision
/// depends only on its own thresholds, so one pass is enough.)
pub fn choose_policy(readings: &[OutOfFold]) -> Policy {
    let mut policy = Policy::catalogue_only();
    for f in Function::ALL {
        let mut best = (f1(readings, &policy, f), policy);
        for fill in THRESHOLDS {
            for veto in THRESHOLDS {
                let mut p = policy;
                p.fill[f as usize] = fill;
                p.veto[f as usize] = veto;
                let score = f1(readings, &p, f);
                if score > best.0 + 1e-9 {
                    best = (score, p);
                }
            }
        }
        policy = best.1;
    }
    policy
}

fn f1(readings: &[OutOfFold], policy: &Policy, f: Function) -> f64 {
    let mut table = Table::default();
    for r in readings {
        table.add(
            r.gold,
            combine_with(r.catalogue, &r.prediction, policy).functions,
        );
    }
    eval::f1(table.precision(f), table.recall(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffling_is_a_permutation_and_fixed_by_the_seed() {
        let mut a: Vec<usize> = (0..50).collect();
        let mut b = a.clone();
        let (mut s1, mut s2) = (7u64, 7u64);
        shuffle(&mut a, &mut s1);
        shuffle(&mut b, &mut s2);
        assert_eq!(a, b);
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_ne!(a, sorted);
    }

    #[test]
    fn a_trained_model_reads_its_own_sentences_back() {
        let data = [
            (Label::Handoff, "Thoughts?"),
            (Label::Handoff, "thoughts on this?"),
            (Label::Handoff, "Let me know what you think."),
            (Label::Fact, "Churn was 3% in May."),
            (Label::Fact, "Churn was 4% in June."),
            (Label::Fact, "We have 14 open reqs."),
        ];
        let config = Config {
            min_count: 1,
            ..Config::default()
        };
        let w = train(&data, &config);
        assert_eq!(w, train(&data, &config));
        let model = w.model(&Policy::catalogue_only());
        assert_eq!(
            model.classify(&normalise("thoughts?")).label,
            Label::Handoff
        );
        assert_eq!(
            model.classify(&normalise("Churn was 5% in July.")).label,
            Label::Fact
        );
    }
}
