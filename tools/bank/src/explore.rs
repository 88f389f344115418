//! `bank explore`: the model variants tried, compared by cross-validation on the train split
//! (the same folds as `train`, by whole files). The held-out files are never read here.

use oneonone_ls::model::bank::{Batch, Split};
use oneonone_ls::model::eval::{self, Table};
use oneonone_ls::model::train::{self, Config, OutOfFold};
use oneonone_ls::model::{
    catalogue_functions, combine_with, features, Function, Functions, Label, Policy, Prediction,
};
use oneonone_ls::patterns::{catalogue, normalise};
use std::collections::BTreeMap;
use std::time::Instant;

type Reader = Box<dyn Fn(&str) -> Prediction>;
/// Trains on labelled sentences and returns the trained reader.
type Fit = dyn Fn(&[(Label, &str)]) -> Reader;

/// A way to train a classifier.
struct Variant {
    name: String,
    fit: Box<Fit>,
}

pub fn run(batches: &[Batch]) -> Result<(), String> {
    let mut variants: Vec<Variant> = Vec::new();
    let lr = |name: &str, config: Config| Variant {
        name: format!("logistic regression, {name}"),
        fit: Box::new(move |data| {
            let model = train::train(data, &config).model(&Policy::catalogue_only());
            Box::new(move |norm| model.classify(norm))
        }),
    };
    let base = Config::default();
    let words = "w b t n";
    let chars = "w b t n c3 c4 c5";
    let with = move |kinds: &'static str, char_weight: f32| Config {
        kinds,
        char_weight,
        ..base
    };
    variants.push(lr("the shipped configuration", base));
    variants.push(lr("words only, no character n-grams", with(words, 1.0)));
    variants.push(lr("without word triples", with("w b n c3", 0.3)));
    variants.push(lr(
        "word unigrams, no pairs or triples",
        with("w n c3", 0.3),
    ));
    variants.push(lr("character 3-grams at weight 1", with("w b t n c3", 1.0)));
    variants.push(lr(
        "character 3-grams at weight 0.15",
        with("w b t n c3", 0.15),
    ));
    variants.push(lr(
        "character 3-grams at weight 0.5",
        with("w b t n c3", 0.5),
    ));
    variants.push(lr(
        "character 4-grams at weight 0.3",
        with("w b t n c4", 0.3),
    ));
    variants.push(lr(
        "character 5-grams at weight 0.3",
        with("w b t n c5", 0.3),
    ));
    variants.push(lr("character 3-5-grams at weight 0.3", with(chars, 0.3)));
    variants.push(lr("character 3-5-grams at weight 1", with(chars, 1.0)));
    variants.push(lr("character 3-5-grams alone", with("c3 c4 c5", 1.0)));
    variants.push(lr(
        "raw counts, not unit length",
        Config {
            unit_length: false,
            learning_rate: 0.05,
            ..base
        },
    ));
    variants.push(lr("12 epochs", Config { epochs: 12, ..base }));
    variants.push(lr("40 epochs", Config { epochs: 40, ..base }));
    variants.push(lr("l2 1e-3", Config { l2: 1e-3, ..base }));
    variants.push(lr("l2 1e-5", Config { l2: 1e-5, ..base }));
    variants.push(lr(
        "min_count 1",
        Config {
            min_count: 1,
            ..base
        },
    ));
    variants.push(lr(
        "min_count 3",
        Config {
            min_count: 3,
            ..base
        },
    ));
    variants.push(lr(
        "learning rate 0.1",
        Config {
            learning_rate: 0.1,
            ..base
        },
    ));
    variants.push(lr(
        "learning rate 0.5",
        Config {
            learning_rate: 0.5,
            ..base
        },
    ));
    for alpha in [0.1f32, 0.3, 1.0] {
        variants.push(Variant {
            name: format!("multinomial naive Bayes over words, alpha {alpha}"),
            fit: Box::new(move |data| naive_bayes(data, alpha, with(words, 1.0))),
        });
    }
    variants.push(Variant {
        name: "multinomial naive Bayes, alpha 0.1, with character 3-5-grams".into(),
        fit: Box::new(move |data| naive_bayes(data, 0.1, with(chars, 1.0))),
    });
    variants.push(Variant {
        name: "averaged perceptron over words, 10 epochs".into(),
        fit: Box::new(move |data| perceptron(data, 10, with(words, 1.0))),
    });
    variants.push(Variant {
        name: "averaged perceptron, 10 epochs, with character 3-5-grams".into(),
        fit: Box::new(move |data| perceptron(data, 10, with(chars, 1.0))),
    });
    let only: Option<String> = std::env::var("BANK_EXPLORE").ok();
    println!("Cross-validation on the train split, {} folds by file. Macro F1 over the seven functions (and each function's F1).\n", train::FOLDS);
    println!("| variant | model F1 | combined F1 (policy chosen on the same readings) | {} | wrong readings at ≥ 0.99 | s |", Function::ALL.map(|f| f.as_str()).join(" | "));
    println!("|---|---:|---:|{}---:|---:|", "---:|".repeat(7));
    for v in &variants {
        if only.as_ref().is_some_and(|o| !v.name.contains(o.as_str())) {
            continue;
        }
        let started = Instant::now();
        let readings = out_of_fold(batches, &v.fit);
        let policy = train::choose_policy(&readings);
        let (mut alone, mut combined) = (Table::default(), Table::default());
        for r in &readings {
            alone.add(
                r.gold,
                r.prediction
                    .function()
                    .map_or(Functions::NONE, |(f, _)| Functions::one(f)),
            );
            combined.add(
                r.gold,
                combine_with(r.catalogue, &r.prediction, &policy).functions,
            );
        }
        let wrong: Vec<&OutOfFold> = readings
            .iter()
            .filter(|r| r.prediction.label != r.gold)
            .collect();
        let sure = wrong
            .iter()
            .filter(|r| r.prediction.confidence >= 0.99)
            .count() as f64
            / wrong.len().max(1) as f64;
        let f1s = |t: &Table| Function::ALL.map(|f| eval::f1(t.precision(f), t.recall(f)));
        let macro_f1 = |t: &Table| f1s(t).iter().sum::<f64>() / 7.0;
        println!(
            "| {} | {:.3} | {:.3} | {} | {:.2} | {:.1} |",
            v.name,
            macro_f1(&alone),
            macro_f1(&combined),
            f1s(&alone).map(|x| format!("{x:.2}")).join(" | "),
            sure,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Out-of-fold readings of the train split by a variant, folds as in `train::out_of_fold`.
fn out_of_fold(batches: &[Batch], fit: &Fit) -> Vec<OutOfFold> {
    let mut files: Vec<&Batch> = batches.iter().filter(|b| b.split == Split::Train).collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let mut out = Vec::new();
    for fold in 0..train::FOLDS {
        let data: Vec<(Label, &str)> = files
            .iter()
            .enumerate()
            .filter(|(i, _)| i % train::FOLDS != fold)
            .flat_map(|(_, b)| b.sentences.iter().map(|s| (s.label, s.text.as_str())))
            .collect();
        let read = fit(&data);
        for (_, b) in files
            .iter()
            .enumerate()
            .filter(|(i, _)| i % train::FOLDS == fold)
        {
            for s in &b.sentences {
                let norm = normalise(&s.text);
                out.push(OutOfFold {
                    gold: s.label,
                    catalogue: catalogue_functions(&catalogue().judge(&norm)),
                    prediction: read(&norm),
                });
            }
        }
    }
    out
}

/// The features of each sentence that the configuration keeps, as strings.
fn featurise(data: &[(Label, &str)], config: Config) -> Vec<(usize, Vec<String>)> {
    data.iter()
        .map(|(l, s)| {
            let mut f = Vec::new();
            features::each(&normalise(s), config.kinds(), |x| f.push(x.to_string()));
            (*l as usize, f)
        })
        .collect()
}

fn naive_bayes(data: &[(Label, &str)], alpha: f32, config: Config) -> Reader {
    let examples = featurise(data, config);
    let mut counts: BTreeMap<String, [f32; 13]> = BTreeMap::new();
    let mut totals = [0f32; 13];
    let mut priors = [0f32; 13];
    for (l, f) in &examples {
        priors[*l] += 1.0;
        for x in f {
            counts.entry(x.clone()).or_insert([0.0; 13])[*l] += 1.0;
            totals[*l] += 1.0;
        }
    }
    let v = counts.len() as f32;
    let n = examples.len() as f32;
    let log_prior = priors.map(|p| ((p + 1.0) / (n + 13.0)).ln());
    let table: BTreeMap<String, [f32; 13]> = counts
        .into_iter()
        .map(|(x, c)| {
            let row = std::array::from_fn(|k| ((c[k] + alpha) / (totals[k] + alpha * v)).ln());
            (x, row)
        })
        .collect();
    Box::new(move |norm| {
        let mut s = log_prior;
        features::each(norm, config.kinds(), |x| {
            if let Some(row) = table.get(x) {
                for k in 0..13 {
                    s[k] += row[k];
                }
            }
        });
        Prediction::from_scores(s)
    })
}

fn perceptron(data: &[(Label, &str)], epochs: usize, config: Config) -> Reader {
    let examples = featurise(data, config);
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (_, f) in &examples {
        for x in f {
            let next = index.len();
            index.entry(x.clone()).or_insert(next);
        }
    }
    let xs: Vec<(usize, Vec<usize>)> = examples
        .iter()
        .map(|(l, f)| (*l, f.iter().map(|x| index[x]).collect()))
        .collect();
    let d = index.len();
    let mut w = vec![0f32; d * 13];
    let mut total = vec![0f32; d * 13];
    let mut stamp = vec![0usize; d * 13];
    let mut t = 0usize;
    let mut order: Vec<usize> = (0..xs.len()).collect();
    let mut rng = 0x5eed_1011u64;
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &e in &order {
            t += 1;
            let (gold, f) = &xs[e];
            let mut s = [0f32; 13];
            for &j in f {
                for k in 0..13 {
                    s[k] += w[j * 13 + k];
                }
            }
            let guess = (0..13).fold(0, |b, k| if s[k] > s[b] { k } else { b });
            if guess != *gold {
                for &j in f {
                    for (k, delta) in [(*gold, 1.0f32), (guess, -1.0)] {
                        let at = j * 13 + k;
                        total[at] += (t - stamp[at]) as f32 * w[at];
                        stamp[at] = t;
                        w[at] += delta;
                    }
                }
            }
        }
    }
    for at in 0..w.len() {
        total[at] += (t - stamp[at]) as f32 * w[at];
    }
    let avg: Vec<f32> = total.iter().map(|v| v / t.max(1) as f32).collect();
    Box::new(move |norm| {
        let mut s = [0f32; 13];
        features::each(norm, config.kinds(), |x| {
            if let Some(&j) = index.get(x) {
                for k in 0..13 {
                    s[k] += avg[j * 13 + k];
                }
            }
        });
        Prediction::from_scores(s)
    })
}
