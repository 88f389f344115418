//! The answers kept between checks (`src/memo.rs`) never change a finding: every agenda
//! in the fixtures and the labelled sets, and every version of an agenda typed into one
//! character at a time, gets the same findings from a thread that has judged nothing yet
//! as from one that has just judged all of them.

use oneonone_ls::{check, Config, Diagnostic};
use std::path::Path;

#[path = "../bench/src/agenda.rs"]
#[allow(dead_code)]
mod agenda;
#[path = "../bench/src/doc.rs"]
#[allow(dead_code)]
mod doc;

fn agendas_in(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            agendas_in(&p, out);
        } else if p.to_string_lossy().ends_with(".md") {
            if let Ok(text) = std::fs::read_to_string(&p) {
                out.push(text);
            }
        }
    }
}

/// The texts: every Markdown file under tests/fixtures and data/agendas, then 300
/// versions of a generated agenda typed into one keystroke at a time.
fn texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    agendas_in(&root.join("tests/fixtures"), &mut out);
    agendas_in(&root.join("data/agendas"), &mut out);
    assert!(out.len() > 50, "fixtures found: {}", out.len());
    let mut d = doc::Doc::new(&agenda::typical(1));
    let mut typist = doc::Typist::new(&d, 64);
    for _ in 0..300 {
        typist.next(&mut d);
        out.push(d.text());
    }
    out
}

/// Each text checked on a thread of its own, which has kept nothing yet.
fn cold(texts: &[String]) -> Vec<Vec<Diagnostic>> {
    texts
        .iter()
        .map(|t| {
            let t = t.clone();
            std::thread::spawn(move || check(&t, &Config::default()))
                .join()
                .expect("check")
        })
        .collect()
}

#[test]
fn kept_answers_never_change_a_finding() {
    let texts = texts();
    let fresh = cold(&texts);
    let config = Config::default();
    // One thread: every text twice (the second time, most sentences come from the memo),
    // then in reverse order.
    for _ in 0..2 {
        for (t, want) in texts.iter().zip(&fresh) {
            assert_eq!(&check(t, &config), want, "on:\n{t}");
        }
    }
    for (t, want) in texts.iter().zip(&fresh).rev() {
        assert_eq!(&check(t, &config), want, "on:\n{t}");
    }
}
