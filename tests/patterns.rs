//! The catalogue's data, checked as a non-programmer edits it: every file in
//! `data/patterns/` is read from disk, every example of every entry must hold, and
//! `docs/patterns.md` must be the page generated from the files.
//!
//! After editing a data file: `cargo test --test patterns`; to regenerate the page,
//! `ONEONONE_BLESS=1 cargo test --test patterns`.

use oneonone_ls::patterns::{check_files, markdown, BUILT_IN};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The data files on disk, by name.
fn files_on_disk() -> Vec<(String, String)> {
    let dir = Path::new(ROOT).join("data/patterns");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            (name, text)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_holds() {
    let files = files_on_disk();
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(n, t)| (&**n, &**t)).collect();
    let problems: Vec<String> = check_files(&borrowed)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        problems.is_empty(),
        "{} problem(s) in data/patterns:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_file_is_built_in() {
    let mut on_disk: Vec<String> = files_on_disk().into_iter().map(|(n, _)| n).collect();
    let mut built_in: Vec<String> = BUILT_IN.iter().map(|(n, _)| n.to_string()).collect();
    on_disk.sort();
    built_in.sort();
    assert_eq!(
        on_disk, built_in,
        "data/patterns/ and `BUILT_IN` in src/patterns/data.rs must list the same files"
    );
}

#[test]
fn docs_patterns_md_is_generated_from_the_data() {
    let path = Path::new(ROOT).join("docs/patterns.md");
    let generated = markdown();
    if std::env::var_os("ONEONONE_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/patterns.md");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    if on_disk != generated {
        let line = on_disk
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or(
                on_disk.lines().count().min(generated.lines().count()),
                |i| i,
            )
            + 1;
        panic!(
            "docs/patterns.md is not the page generated from data/patterns/ (first difference \
             at line {line}): run `ONEONONE_BLESS=1 cargo test --test patterns`"
        );
    }
}
