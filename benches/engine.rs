//! Micro-benchmarks of the engine alone: `oneonone_ls::check` on a typical agenda (~300 words) and
//! on generated agendas of 1, 2 and 10 MB with the default budget (the first 1 MiB is analysed,
//! the rest only counted), and on 1, 2 and 4 MB with the budget raised so that every byte is
//! analysed: the `check-linear` group shows whether twice the text costs twice the time.
//! The agendas come from the same generator as `lsp-bench`, so the numbers line up. A check
//! repeated on the same text judges its sentences from the memo (`src/memo.rs`), as a
//! keystroke does for the sentences it did not touch; `check/typical-cold` gives every
//! iteration new sentences, and `check/typical-keystroke` one new sentence per check, as typing makes.
//!
//! Run: `cargo bench --bench engine` (quick: `cargo bench --bench engine -- --quick`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

#[path = "../bench/src/agenda.rs"]
#[allow(dead_code)]
mod agenda;

fn typical(c: &mut Criterion) {
    let config = oneonone_ls::Config::default();
    let text = agenda::typical(1);
    // The engine must actually find something on this agenda, or we would be timing a no-op.
    assert!(
        !oneonone_ls::check(&text, &config).is_empty(),
        "the typical agenda should get findings"
    );
    let mut g = c.benchmark_group("check");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("typical", |b| {
        b.iter(|| oneonone_ls::check(black_box(&text), &config))
    });
    // Checking the same text again finds every sentence in the memo (src/memo.rs): the
    // cold figure gives each iteration sentences no check has seen (a word numbered by
    // the iteration before each full stop), as the first check of a document meets them.
    let mut n = 0u64;
    g.bench_function("typical-cold", |b| {
        b.iter_batched(
            || {
                n += 1;
                text.replace(". ", &format!(" w{n}. "))
                    .replace(".\n", &format!(" w{n}.\n"))
            },
            |t| oneonone_ls::check(black_box(&t), &config),
            criterion::BatchSize::SmallInput,
        )
    });
    // A keystroke: one letter more in one sentence, as an editor sends it, so each check
    // meets one sentence it has not seen and finds the others in the memo.
    let mut key = 0usize;
    let mut typed = text.clone();
    g.bench_function("typical-keystroke", |b| {
        b.iter_batched(
            || {
                key += 1;
                let spaces = typed.matches(' ').count();
                let at = typed.match_indices(' ').nth((key * 7919) % spaces);
                typed.insert(at.map_or(0, |(i, _)| i), 'x');
                if key % 200 == 0 {
                    typed = text.clone();
                }
                typed.clone()
            },
            |t| oneonone_ls::check(black_box(&t), &config),
            criterion::BatchSize::SmallInput,
        )
    });
    // A well-formed agenda too (mostly clean), so both paths are timed.
    let strong = (2..)
        .map(agenda::typical)
        .find(|t| t.contains("## The leadership move"))
        .expect("a strong agenda");
    g.throughput(Throughput::Bytes(strong.len() as u64));
    g.bench_function("typical-strong", |b| {
        b.iter(|| oneonone_ls::check(black_box(&strong), &config))
    });
    g.finish();
}

/// `check()` on generated agendas of each size in `sizes` (MB), as one criterion group.
fn by_size(c: &mut Criterion, group: &str, sizes: &[usize], config: &oneonone_ls::Config) {
    let mut g = c.benchmark_group(group);
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for &mb in sizes {
        let text = agenda::big(mb << 20, 51);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{mb}MB")),
            &text,
            |b, t| b.iter(|| oneonone_ls::check(black_box(t), config)),
        );
    }
    g.finish();
}

/// The default budget: past 1 MiB the text is only counted.
fn big(c: &mut Criterion) {
    by_size(c, "check-big", &[1, 2, 10], &oneonone_ls::Config::default());
}

/// Every byte analysed (budget raised above the text): 1 → 2 → 4 MB is the linearity check.
fn linear(c: &mut Criterion) {
    let mut config = oneonone_ls::Config::default();
    config.thresholds.max_bytes = 64 << 20;
    by_size(c, "check-linear", &[1, 2, 4], &config);
}

/// Start-up: reading `data/patterns/` and compiling every group, as the first document
/// opened waits for it.
fn catalogue_compile(c: &mut Criterion) {
    let mut g = c.benchmark_group("catalogue");
    g.sample_size(20);
    g.bench_function("compile", |b| {
        b.iter(|| oneonone_ls::patterns::Catalogue::from_files(oneonone_ls::patterns::BUILT_IN))
    });
    g.finish();
}

criterion_group!(benches, typical, big, linear, catalogue_compile);
criterion_main!(benches);
