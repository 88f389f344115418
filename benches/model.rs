//! The sentence model's cost: loading the shipped weights, reading a sentence, and the
//! catalogue and the model combined.
//!
//! `cargo bench --bench model`. The sentences are the bank's (`data/bank/*.tsv`), already
//! normalised, so the figures are the model's own; throughput is in sentences.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use oneonone_ls::model::{self, combine, Model};
use oneonone_ls::patterns::{catalogue, normalise};
use std::hint::black_box;
use std::path::Path;

fn sentences() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/bank");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("data/bank")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    paths.sort();
    paths
        .iter()
        .flat_map(|p| {
            let text = std::fs::read_to_string(p).expect("a bank file");
            text.lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once('\t').map(|(_, s)| normalise(s)))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let norms = sentences();
    let mut group = c.benchmark_group("model");
    group.bench_function("load", |b| {
        b.iter(|| Model::parse(black_box(model::shipped_text())))
    });
    let shipped = model::shipped();
    group.throughput(Throughput::Elements(norms.len() as u64));
    group.bench_function("classify", |b| {
        b.iter(|| {
            for s in &norms {
                black_box(shipped.classify(black_box(s)));
            }
        })
    });
    group.bench_function("catalogue", |b| {
        b.iter(|| {
            for s in &norms {
                black_box(model::catalogue_functions(&catalogue().judge(black_box(s))));
            }
        })
    });
    group.bench_function("catalogue-and-model-combined", |b| {
        b.iter(|| {
            for s in &norms {
                let judged = catalogue().judge(black_box(s));
                black_box(combine(&judged, &shipped.classify(s)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
