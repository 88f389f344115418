//! What the catalogue costs a person, in wall-clock time: the first `catalogue()` call
//! (every group loaded and compiled, which the first document opened waits for), the first
//! check of a typical agenda right after it (the lazy automata's first states), and
//! `check()` on a 1 MB agenda analysed whole (the median of 15 runs, as `check-linear/1MB`).
//!
//! Run in release mode, alone on the machine if possible:
//! `cargo run --release --example catalogue-timing`

use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "../src/bin/lsp-bench/agenda.rs"]
#[allow(dead_code)]
mod agenda;

fn main() {
    // The texts are made before any timing.
    let typical = agenda::typical(1);
    let big = agenda::big(1 << 20, 51);
    let config = oneonone_ls::Config::default();
    let mut linear = oneonone_ls::Config::default();
    linear.thresholds.max_bytes = 64 << 20;

    let (t, c) = (Instant::now(), cpu());
    black_box(oneonone_ls::patterns::catalogue());
    let first_call = (t.elapsed(), cpu() - c);
    let (t, c) = (Instant::now(), cpu());
    let found = oneonone_ls::check(black_box(&typical), &config).len();
    let first_check = (t.elapsed(), cpu() - c);
    let (t, c) = (Instant::now(), cpu());
    black_box(oneonone_ls::check(black_box(&typical), &config));
    let second_check = (t.elapsed(), cpu() - c);
    // Wall-clock time, and this thread's CPU time (less disturbed by a busy machine).
    println!("first catalogue() call:          {}", both(first_call));
    println!(
        "first check of a typical agenda: {} ({found} findings)",
        both(first_check)
    );
    println!("second check of the same agenda: {}", both(second_check));

    let (mut wall, mut cpu_time): (Vec<Duration>, Vec<Duration>) = (0..15)
        .map(|_| {
            let (t, c) = (Instant::now(), cpu());
            black_box(oneonone_ls::check(black_box(&big), &linear));
            (t.elapsed(), cpu() - c)
        })
        .unzip();
    wall.sort();
    cpu_time.sort();
    println!(
        "check of a 1 MB agenda ({} bytes), all analysed: median {}, min {}",
        big.len(),
        both((wall[wall.len() / 2], cpu_time[cpu_time.len() / 2])),
        both((wall[0], cpu_time[0])),
    );
}

fn both((wall, cpu): (Duration, Duration)) -> String {
    format!("{} (cpu {})", ms(wall), ms(cpu))
}

/// This thread's CPU time.
fn cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}
