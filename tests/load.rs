//! Under load: 50 documents open and edited at once, for `ONEONONE_LOAD_SECS` seconds
//! (default 10), against the real binary and against the in-memory server.
//!
//! Edits go out without waiting for anything. At the end, every document's last
//! published diagnostics and its outline must be those of the client's own text (the
//! reference model): no update lost, none applied out of order. Published versions of
//! each document never go backwards, requests keep being answered during the load,
//! and the server's resident memory stays flat.

mod common;

use common::expect::{expected_diagnostics, expected_symbols, published};
use common::spawn::{spawn, Spawned};
use common::{capabilities, model, TestClient};
use oneonone_ls::server::position::Encoding;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};

const DOCS: usize = 50;

fn load_secs() -> u64 {
    std::env::var("ONEONONE_LOAD_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10)
}

/// A small deterministic generator (xorshift), so a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PIECES: &[&str] = &[
    "a",
    "word ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "é",
    "東京",
    "😀",
    "👩‍💻",
    "e\u{301}",
    "Thoughts?",
    "Let me know what you think.\n",
    "- Shipped the billing fix\n",
    "## Updates\n",
    "## The outcome\n",
    "My recommendation is to ship.",
    "We're still working on it.",
    "What I'm seeing is churn.",
];

fn initial_text(i: usize) -> String {
    format!(
        "# 1:1 number {i} 🎯\r\n\r\n## Updates\r\n\r\n- Shipped the billing fix\r\n- Finished the cleanup\r\n- Completed interviews\r\n- Migration 80% done\r\n- QA in progress\r\n\r\nWe're still working on the pricing page 東京.\r\n\r\nLet me know what you think.\r\n"
    )
}

/// A random change for `text`: insert, delete or replace, with positions that are
/// sometimes past the end of a line or of the document. Large texts shrink.
fn random_change(rng: &mut Rng, text: &str, utf8: bool) -> (model::LspRange, String) {
    let lines: Vec<&str> = text.split('\n').collect();
    let pos = |rng: &mut Rng| {
        let line = rng.below(lines.len() + 1);
        let width = lines.get(line).map_or(0, |l| {
            if utf8 {
                l.len()
            } else {
                l.encode_utf16().count()
            }
        });
        (line as u32, rng.below(width + 3) as u32)
    };
    let start = pos(rng);
    let big = text.len() > 6000;
    let end = match rng.below(4) {
        0 if !big => start,
        1 => (start.0 + 1 + rng.below(3) as u32, 0),
        _ => pos(rng),
    };
    let new = if big || rng.below(5) == 0 {
        String::new()
    } else {
        (0..1 + rng.below(3)).map(|_| rng.pick(PIECES)).collect()
    };
    (Some((start, end)), new)
}

struct Doc {
    uri: String,
    text: String,
    version: i64,
}

/// Runs the load on a started client; returns the number of edits sent.
async fn load(c: &mut TestClient, utf8: bool, seed: u64, spawned: Option<&Spawned>) -> u64 {
    let mut rng = Rng(seed);
    let mut docs: Vec<Doc> = (0..DOCS)
        .map(|i| Doc {
            uri: format!("file:///tmp/oneonone-load/doc{i:02}.1on1.md"),
            text: initial_text(i),
            version: 1,
        })
        .collect();
    for d in &docs {
        c.open(&d.uri, &d.text, d.version).await;
    }
    let secs = load_secs();
    let started = Instant::now();
    let deadline = started + Duration::from_secs(secs);
    let mut rss_samples: Vec<(f64, u64)> = Vec::new();
    // The last diagnostics published for each document: (version, diagnostics).
    let mut last_published: HashMap<String, (i64, Vec<Value>)> = HashMap::new();
    let mut edits = 0u64;
    let mut requests = 0u64;
    let mut slowest = Duration::ZERO;
    let mut check_published = |msgs: Vec<Value>| {
        for m in msgs {
            if m["method"] == "textDocument/publishDiagnostics" {
                let uri = m["params"]["uri"].as_str().unwrap().to_string();
                let v = m["params"]["version"].as_i64().unwrap();
                let diags = m["params"]["diagnostics"].as_array().unwrap().clone();
                let last = last_published.entry(uri.clone()).or_insert((0, Vec::new()));
                assert!(v >= last.0, "{uri}: version {v} published after {}", last.0);
                *last = (v, diags);
            }
        }
    };
    while Instant::now() < deadline {
        // A burst of edits across random documents, several changes per message.
        for _ in 0..50 {
            let d = &mut docs[rng.below(DOCS)];
            let n = 1 + rng.below(3);
            let mut changes = Vec::new();
            for _ in 0..n {
                let (range, new) = random_change(&mut rng, &d.text, utf8);
                d.text = model::apply_change(&d.text, range, &new, utf8);
                changes.push(model::change_json(range, &new));
            }
            d.version += 1;
            c.change(&d.uri, d.version, Value::Array(changes)).await;
            edits += 1;
        }
        // A request in the middle of the load must still be answered.
        let d = &docs[rng.below(DOCS)];
        let asked = Instant::now();
        let outline = c
            .request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": d.uri}}),
            )
            .await;
        assert!(outline.is_array(), "{outline}");
        slowest = slowest.max(asked.elapsed());
        requests += 1;
        check_published(c.drain().await);
        if let Some(p) = spawned {
            if let Some(kib) = p.rss_kib() {
                rss_samples.push((started.elapsed().as_secs_f64(), kib));
            }
        }
    }
    let elapsed = started.elapsed();

    // Every document settles on the client's text.
    let enc = if utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    check_published(c.drain().await);
    for d in &docs {
        let diags = match last_published.get(&d.uri) {
            Some((v, diags)) if *v == d.version => diags.clone(),
            _ => c.diagnostics(&d.uri, Some(d.version)).await,
        };
        assert_eq!(
            published(&diags),
            expected_diagnostics(&d.text, utf8),
            "{} drifted from the client's text",
            d.uri
        );
        let outline = c
            .request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": d.uri}}),
            )
            .await;
        assert_eq!(outline, expected_symbols(&d.uri, &d.text, enc), "{}", d.uri);
    }
    println!(
        "load ({}): {edits} didChange messages to {DOCS} documents in {elapsed:.1?} ({:.0}/s), {requests} requests answered during the load, slowest {slowest:.1?}",
        if spawned.is_some() { "process" } else { "in memory" },
        edits as f64 / elapsed.as_secs_f64()
    );
    if !rss_samples.is_empty() {
        // Flat: the second half of the run does not grow past the first half's peak
        // by more than a margin; a per-edit leak grows steadily and shows here.
        let half = elapsed.as_secs_f64() / 2.0;
        let first_peak = rss_samples
            .iter()
            .filter(|(t, _)| *t <= half)
            .map(|(_, k)| *k)
            .max()
            .unwrap_or(0);
        let last = rss_samples.last().unwrap().1;
        let min = rss_samples.iter().map(|(_, k)| *k).min().unwrap();
        let max = rss_samples.iter().map(|(_, k)| *k).max().unwrap();
        println!(
            "server VmRSS: {} samples, min {} KiB, first-half peak {first_peak} KiB, max {max} KiB, last {last} KiB",
            rss_samples.len(),
            min
        );
        assert!(
            last <= first_peak + first_peak / 4 + 16 * 1024,
            "resident memory grew from {first_peak} KiB to {last} KiB"
        );
    }
    edits
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_documents_edited_at_once_in_the_real_process() {
    let (mut c, mut p) = spawn(&[("ONEONONE_LOG", "warn")], None);
    c.initialize(capabilities(false, true), json!({})).await;
    let edits = load(&mut c, false, 0x9e37_79b9_7f4a_7c15, Some(&p)).await;
    assert!(edits >= 50);
    c.shutdown_and_exit().await;
    let status = p.wait_exit(Duration::from_secs(10)).await.expect("exits");
    assert_eq!(status.code(), Some(0));
    p.stdout_frames();
    let log = p.stderr();
    assert!(!log.contains("ERROR"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_documents_edited_at_once_in_memory_utf8() {
    let mut c = TestClient::in_memory();
    c.initialize(capabilities(true, true), json!({})).await;
    let edits = load(&mut c, true, 0x2545_f491_4f6c_dd1d, None).await;
    assert!(edits >= 50);
    c.shutdown_and_exit().await;
}
