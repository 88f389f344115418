//! The sentence bank (`data/bank/`) and the judgment measured on it.
//!
//! - The bank is well formed: every line parses, every file has its `function`, `voice`
//!   and `split` headers, labels are the thirteen, and it is big and varied enough.
//! - The held-out split is at least a fifth of the sentences, chosen by whole files.
//! - No two sentences are near-duplicates (the same words up to names, numbers, dates,
//!   capitalisation and punctuation); every pair is reported with its file and line.
//! - The shipped model was trained on the bank's current train split, by the current
//!   configuration, and training is deterministic.
//! - The held-out figures of the catalogue, the model and their combination do not fall
//!   below those recorded in `data/bank/baseline.toml`; the table is printed either way
//!   (`cargo test --test bank -- --nocapture`).

use oneonone_ls::model::bank::{self, Batch, Split};
use oneonone_ls::model::eval::{self, PREDICTORS};
use oneonone_ls::model::train::{self, Config};
use oneonone_ls::model::{self, Function, Label, Model, Policy};
use oneonone_ls::patterns::normalise;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Every bank file as (name, text), in name order.
fn files() -> Vec<(String, String)> {
    let dir = root().join("data/bank");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, text)
        })
        .collect()
}

/// The parsed bank; fails with every problem of every file.
fn batches() -> Vec<Batch> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for (name, text) in files() {
        match bank::parse(&name, &text) {
            Ok(b) => out.push(b),
            Err(p) => problems.extend(p),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    out
}

#[test]
fn every_file_parses_with_its_headers_and_labels() {
    let batches = batches();
    let sentences: usize = batches.iter().map(|b| b.sentences.len()).sum();
    assert!(sentences >= 4000, "only {sentences} sentences");
    let functions: BTreeSet<&str> = batches.iter().map(|b| b.function.as_str()).collect();
    assert!(
        functions.len() >= 12,
        "only {} functions: {functions:?}",
        functions.len()
    );
    let used: BTreeSet<Label> = batches
        .iter()
        .flat_map(|b| b.sentences.iter().map(|s| s.label))
        .collect();
    let unused: Vec<&str> = Label::ALL
        .iter()
        .filter(|l| !used.contains(l))
        .map(|l| l.as_str())
        .collect();
    assert!(unused.is_empty(), "labels never used: {unused:?}");
}

#[test]
fn the_heldout_split_is_a_fifth_or_more_by_whole_files() {
    let batches = batches();
    let count = |split: Split| -> usize {
        batches
            .iter()
            .filter(|b| b.split == split)
            .map(|b| b.sentences.len())
            .sum()
    };
    let (train, heldout) = (count(Split::Train), count(Split::Heldout));
    let share = heldout as f64 / (train + heldout) as f64;
    assert!(
        share >= 0.20,
        "held-out is {share:.3} of the bank ({heldout} of {})",
        train + heldout
    );
    // Each file is one batch with one split (the parser allows no other), and each
    // function of the company has files on both sides.
    let mut sides: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for b in &batches {
        let side = if b.split == Split::Train {
            "train"
        } else {
            "heldout"
        };
        sides.entry(b.function.as_str()).or_default().insert(side);
    }
    let one_sided: Vec<_> = sides.iter().filter(|(_, s)| s.len() < 2).collect();
    assert!(
        one_sided.is_empty(),
        "functions with files on one side only: {one_sided:?}"
    );
}

#[test]
fn no_two_sentences_are_near_duplicates() {
    let batches = batches();
    let mut first: BTreeMap<String, (String, usize, String)> = BTreeMap::new();
    let mut pairs = Vec::new();
    for b in &batches {
        for s in &b.sentences {
            let key = bank::near_duplicate_key(&s.text);
            if key.is_empty() {
                continue;
            }
            match first.get(&key) {
                Some((file, line, text)) => pairs.push(format!(
                    "{file}:{line}: {text}\n{}:{}: {}\n",
                    b.name, s.line, s.text
                )),
                None => {
                    first.insert(key, (b.name.clone(), s.line, s.text.clone()));
                }
            }
        }
    }
    assert!(
        pairs.is_empty(),
        "{} near-duplicate pairs (reword the later one):\n{}",
        pairs.len(),
        pairs.join("\n")
    );
}

#[test]
fn the_shipped_weights_were_trained_on_the_current_train_split() {
    let batches = batches();
    let shipped = Model::parse(model::shipped_text()).expect("the shipped weights parse");
    assert!(shipped.features() > 1000, "{} features", shipped.features());
    let retrain =
        "retrain with `cargo run --release -p bank -- train` and commit data/model/weights.tsv";
    assert_eq!(
        shipped.meta("train-checksum"),
        Some(bank::checksum(&batches).as_str()),
        "the train split changed since the weights were trained: {retrain}"
    );
    assert_eq!(
        shipped.meta("config"),
        Some(Config::default().to_text().as_str()),
        "the training configuration changed since the weights were trained: {retrain}"
    );
    assert_ne!(shipped.policy, Policy::catalogue_only());
}

#[test]
fn the_table_built_at_compile_time_reads_as_the_weights_file() {
    // The server reads the table `build.rs` encoded; the tools parse the text. Both must
    // give the same reading of every sentence, to the last bit.
    let parsed = Model::parse(model::shipped_text()).expect("the shipped weights parse");
    let shipped = model::shipped();
    assert_eq!(shipped.features(), parsed.features());
    assert_eq!(shipped.policy, parsed.policy);
    let mut read = 0;
    for batch in batches().iter().step_by(5) {
        for s in batch.sentences.iter().step_by(7) {
            let norm = oneonone_ls::patterns::normalise(&s.text);
            assert_eq!(
                shipped.classify(&norm),
                parsed.classify(&norm),
                "{:?}",
                s.text
            );
            read += 1;
        }
    }
    assert!(read > 100, "only {read} sentences read");
}

#[test]
fn training_twice_gives_the_same_weights() {
    let batches = batches();
    let sentences = train::train_sentences(&batches);
    // Every 12th train sentence: a small slice with every label.
    let slice: Vec<(Label, &str)> = sentences.iter().step_by(12).copied().collect();
    let config = Config {
        epochs: 3,
        ..Config::default()
    };
    let a = train::train(&slice, &config).to_text(&[]);
    let b = train::train(&slice, &config).to_text(&[]);
    assert!(a == b, "two trainings on the same slice differ");
    assert!(a.lines().count() > 100, "{} lines", a.lines().count());
}

#[test]
fn the_model_reads_any_text_without_failing() {
    let long = "word ".repeat(5000);
    for s in [
        "",
        " ",
        "?",
        "✅",
        "\u{0}",
        "😀😀😀",
        "東京で会議",
        &long,
        "a\tb\nc",
        "\\-\\.",
    ] {
        let p = model::classify(&normalise(s));
        let sum: f32 = p.scores.iter().sum();
        assert!((sum - 1.0).abs() < 1e-3, "{s:?}: {sum}");
        assert!((0.0..=1.0).contains(&p.confidence), "{s:?}");
    }
    // A plain hand-off and a plain fact read as such.
    assert_eq!(
        model::classify(&normalise("Thoughts?")).label,
        Label::Handoff
    );
}

/// The CI guard: the held-out figures may not fall below the recorded ones.
#[test]
fn heldout_figures_do_not_fall_below_the_baseline() {
    let batches = batches();
    let heldout = batches
        .iter()
        .filter(|b| b.split == Split::Heldout)
        .flat_map(|b| b.sentences.iter().map(|s| (s.label, s.text.as_str())));
    let ev = eval::evaluate(heldout, model::shipped());
    println!(
        "Held-out split, {} sentences:\n\n{}",
        ev.sentences,
        eval::render(&ev)
    );
    let path = root().join("data/bank/baseline.toml");
    let text = std::fs::read_to_string(&path).expect("data/bank/baseline.toml");
    let baseline: toml::Table = toml::from_str(&text).expect("baseline.toml parses");
    let mut fallen = Vec::new();
    for name in PREDICTORS {
        let table = ev.table(name).expect("a predictor");
        for f in Function::ALL {
            for (measure, now) in [
                ("precision", table.precision(f)),
                ("recall", table.recall(f)),
            ] {
                let recorded = baseline
                    .get(name)
                    .and_then(|t| t.get(f.as_str()))
                    .and_then(|t| t.get(measure))
                    .and_then(toml::Value::as_float)
                    .unwrap_or_else(|| {
                        panic!("baseline.toml has no {name}.{}.{measure}", f.as_str())
                    });
                // Figures are recorded to three places.
                let now = (now * 1000.0).round() / 1000.0;
                if now + 1e-9 < recorded {
                    fallen.push(format!(
                        "{name} {} {measure}: {now:.3}, recorded {recorded:.3}",
                        f.as_str()
                    ));
                }
            }
        }
    }
    assert!(
        fallen.is_empty(),
        "held-out figures fell below data/bank/baseline.toml:\n{}\n\
         (if the change is worth it, record the new figures with `cargo run --release -p bank -- eval --record`)",
        fallen.join("\n")
    );
}
