//! `bank`: the sentence bank's tooling.
//!
//! ```text
//! cargo run --release -p bank -- train            train the model on the train split, write data/model/weights.tsv
//! cargo run --release -p bank -- eval             held-out precision and recall per function, and the model's cost
//! cargo run --release -p bank -- eval --record    ... and write them to data/bank/baseline.toml and docs/judgment.md
//! cargo run --release -p bank -- explore          the model variants tried, by cross-validation on the train split
//! cargo run --release -p bank -- errors FUNCTION  out-of-fold misses and false alarms on the TRAIN split
//! cargo run --release -p bank -- cost             the model's cost alone (loading, reading a sentence, memory)
//! cargo run --release -p bank -- read SENTENCE...  what the catalogue and the model read each sentence as
//! ```
//!
//! Nothing here reads the held-out files except `eval`, which only measures.

mod explore;

use oneonone_ls::model::bank::{self, Batch, Split};
use oneonone_ls::model::eval::{self, Evaluation, Table, PREDICTORS};
use oneonone_ls::model::train::{self, Config};
use oneonone_ls::model::{self, Function, Model};
use oneonone_ls::patterns::normalise;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["train"] => train_command(),
        ["eval"] => eval_command(false),
        ["eval", "--record"] => eval_command(true),
        ["explore"] => explore::run(&load()),
        ["cost"] => {
            println!("{}", cost(&load(), model::shipped_text()));
            Ok(())
        }
        ["cost", path] => std::fs::read_to_string(path)
            .map_err(|e| format!("{path}: {e}"))
            .map(|text| println!("{}", cost(&load(), &text))),
        ["errors", function] => errors_command(function),
        ["read", sentences @ ..] if !sentences.is_empty() => {
            sentences.iter().for_each(|s| println!("{}", read(s)));
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str =
    "usage: bank train | eval [--record] | explore | errors FUNCTION | cost [WEIGHTS] | read SENTENCE...";

/// One sentence as the catalogue and the model read it: a debugging aid for catalogue and
/// bank work.
fn read(sentence: &str) -> String {
    let norm = normalise(sentence);
    let judged = oneonone_ls::patterns::catalogue().judge(&norm);
    let found = model::catalogue_functions(&judged);
    let prediction = model::classify(&norm);
    let catalogue: Vec<&str> = found.iter().map(Function::as_str).collect();
    format!(
        "{sentence}\n  catalogue: [{}] status {:?} handoff {} open-question {} preamble {}\n  model: {} {:.2}\n  entries: {}",
        catalogue.join(", "),
        judged.status_strength(),
        judged.is_handoff(),
        judged.is_open_question(),
        judged.is_preamble(),
        prediction.label.as_str(),
        prediction.confidence,
        oneonone_ls::patterns::catalogue().explain(&norm).join("; "),
    )
}

/// The repository's root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every bank file, parsed, in name order. Exits on the first broken file.
pub fn load() -> Vec<Batch> {
    let dir = root().join("data/bank");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            let text = std::fs::read_to_string(p)
                .unwrap_or_else(|e| fail(&format!("{}: {e}", p.display())));
            bank::parse(&name, &text).unwrap_or_else(|problems| fail(&problems.join("\n")))
        })
        .collect()
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}

/// Trains on the train split and writes the weights with the combination policy.
fn train_command() -> Result<(), String> {
    let batches = load();
    let config = Config::default();
    let started = Instant::now();
    println!(
        "cross-validation on the train split ({} folds by file)…",
        train::FOLDS
    );
    let readings = train::out_of_fold(&batches, &config);
    let policy = train::choose_policy(&readings);
    let mut cv = Evaluation::default();
    for r in &readings {
        cv.sentences += 1;
        cv.catalogue.add(r.gold, r.catalogue);
        let alone = r
            .prediction
            .function()
            .map_or(model::Functions::NONE, |(f, _)| model::Functions::one(f));
        cv.model.add(r.gold, alone);
        cv.combined.add(
            r.gold,
            model::combine_with(r.catalogue, &r.prediction, &policy).functions,
        );
    }
    println!("\nTrain split, out of fold ({} sentences):\n", cv.sentences);
    print!("{}", eval::render(&cv));
    println!("\npolicy: {}", policy.to_text());
    let sentences = train::train_sentences(&batches);
    let weights = train::train(&sentences, &config);
    let text = weights.to_text(&[
        ("train-checksum", bank::checksum(&batches)),
        ("train-sentences", sentences.len().to_string()),
        ("policy", policy.to_text()),
    ]);
    let path = root().join("data/model/weights.tsv");
    std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    let model = Model::parse(&text)?;
    println!(
        "\nwrote {} ({} features, {:.2} MB) in {:.1} s",
        path.display(),
        model.features(),
        text.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Measures the held-out split, prints the table and the cost, and with `record` writes
/// the baseline and the docs.
fn eval_command(record: bool) -> Result<(), String> {
    let batches = load();
    let shipped = model::shipped();
    if shipped.meta("train-checksum") != Some(bank::checksum(&batches).as_str()) {
        println!("warning: the shipped weights were trained on another train split; run `cargo run --release -p bank -- train`\n");
    }
    let heldout: Vec<&Batch> = batches
        .iter()
        .filter(|b| b.split == Split::Heldout)
        .collect();
    let ev = eval::evaluate(
        heldout
            .iter()
            .flat_map(|b| b.sentences.iter().map(|s| (s.label, s.text.as_str()))),
        shipped,
    );
    let table = eval::render(&ev);
    println!(
        "Held-out split: {} sentences in {} files.\n",
        ev.sentences,
        heldout.len()
    );
    print!("{table}");
    println!("\npolicy: {}", shipped.policy.to_text());
    let cost = cost(&batches, model::shipped_text());
    println!("\n{cost}");
    if record {
        let baseline = baseline_toml(&ev, &today());
        let path = root().join("data/bank/baseline.toml");
        std::fs::write(&path, baseline).map_err(|e| format!("{}: {e}", path.display()))?;
        let docs = root().join("docs/judgment.md");
        let old = std::fs::read_to_string(&docs).map_err(|e| format!("{}: {e}", docs.display()))?;
        let section = format!(
            "Measured on {} with `cargo run --release -p bank -- eval`: {} held-out sentences in {} files.\n\n{table}\n\
             Combination policy (function=fill/veto): `{}`.\n\n{cost} (A shared 2-core machine; `cargo bench --bench model` for steadier figures.)\n",
            today(),
            ev.sentences,
            heldout.len(),
            shipped.policy.to_text()
        );
        let new = replace_between(&old, "<!-- eval:start -->\n", "<!-- eval:end -->", &section)
            .ok_or("docs/judgment.md has no <!-- eval:start --> … <!-- eval:end --> section")?;
        std::fs::write(&docs, new).map_err(|e| format!("{}: {e}", docs.display()))?;
        println!("\nrecorded in data/bank/baseline.toml and docs/judgment.md");
    }
    Ok(())
}

/// The model's cost: loading, classifying, memory. Each time is the fastest of many runs,
/// which on a shared machine is the closest to the cost itself.
fn cost(batches: &[Batch], text: &str) -> String {
    let mut loaded = Model::empty();
    let load_ms = fastest(30, || {
        loaded = Model::parse(text).unwrap_or_else(|_| Model::empty());
    }) * 1e3;
    let norms: Vec<String> = batches
        .iter()
        .flat_map(|b| b.sentences.iter().map(|s| normalise(&s.text)))
        .collect();
    let mut sink = 0f32;
    let us = fastest(30, || {
        for s in &norms {
            sink += loaded.classify(s).confidence;
        }
    }) * 1e6
        / norms.len().max(1) as f64;
    let chars: usize = norms.iter().map(|s| s.chars().count()).sum();
    format!(
        "Cost (this build, fastest of 30 runs): parsing the weights file {load_ms:.2} ms ({} features, file {:.2} MB; \
         the server parses nothing: it reads the table `build.rs` encoded, in place); \
         classifying {us:.2} µs per sentence (the bank's {} sentences, {} characters on average); \
         the table {:.2} MB.{}",
        loaded.features(),
        text.len() as f64 / 1e6,
        norms.len(),
        chars / norms.len().max(1),
        loaded.memory_bytes() as f64 / 1e6,
        if sink < 0.0 { " (?)" } else { "" }
    )
}

/// The fastest of `runs` runs of `f`, in seconds.
fn fastest(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// The baseline file: every predictor's held-out figures, three places.
fn baseline_toml(ev: &Evaluation, date: &str) -> String {
    let mut out = format!(
        "# Held-out precision and recall per function, recorded {date} by\n\
         # `cargo run --release -p bank -- eval --record` ({} sentences).\n\
         # tests/bank.rs fails when the catalogue's or the combination's figures fall below these.\n",
        ev.sentences
    );
    for name in PREDICTORS {
        let Some(t) = ev.table(name) else { continue };
        out.push_str(&format!("\n[{name}]\n"));
        for f in Function::ALL {
            out.push_str(&format!(
                "{} = {{ precision = {:.3}, recall = {:.3} }}\n",
                f.as_str(),
                t.precision(f),
                t.recall(f)
            ));
        }
    }
    out
}

fn replace_between(text: &str, start: &str, end: &str, with: &str) -> Option<String> {
    let a = text.find(start)? + start.len();
    let b = a + text[a..].find(end)?;
    Some(format!("{}{with}{}", &text[..a], &text[b..]))
}

/// Today's date (UTC), as YYYY-MM-DD.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Prints the out-of-fold misses and false alarms of one function on the train split.
fn errors_command(function: &str) -> Result<(), String> {
    let f = Function::parse(function).ok_or_else(|| {
        format!(
            "unknown function {function:?}; one of: {}",
            Function::ALL.map(|f| f.as_str()).join(", ")
        )
    })?;
    let batches = load();
    let readings = train::out_of_fold(&batches, &Config::default());
    let policy = train::choose_policy(&readings);
    let train_texts: Vec<(&str, usize, &str)> = {
        let mut files: Vec<&Batch> = batches.iter().filter(|b| b.split == Split::Train).collect();
        files.sort_by(|a, b| a.name.cmp(&b.name));
        // out_of_fold visits fold by fold; rebuild the same order.
        (0..train::FOLDS)
            .flat_map(|fold| {
                files
                    .iter()
                    .enumerate()
                    .filter(move |(i, _)| i % train::FOLDS == fold)
                    .flat_map(|(_, b)| {
                        b.sentences
                            .iter()
                            .map(|s| (b.name.as_str(), s.line, s.text.as_str()))
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let mut table = Table::default();
    for (r, (file, line, text)) in readings.iter().zip(&train_texts) {
        let combined = model::combine_with(r.catalogue, &r.prediction, &policy);
        table.add(r.gold, combined.functions);
        let gold = r.gold.function() == Some(f);
        let (cat, com) = (r.catalogue.contains(f), combined.functions.contains(f));
        if gold != com || gold != cat {
            println!(
                "{}{} gold={:<14} catalogue={} model={}({:.2}) combined={}  {file}:{line}  {text}",
                if gold { "MISS " } else { "ALARM" },
                if cat == com { "" } else { "*" },
                r.gold.as_str(),
                u8::from(cat),
                r.prediction.label.as_str(),
                r.prediction.confidence,
                u8::from(com),
            );
        }
    }
    println!(
        "\n{}: combined precision {:.3}, recall {:.3} (train, out of fold)",
        f.as_str(),
        table.precision(f),
        table.recall(f)
    );
    Ok(())
}
