//! Shared helpers for the tests at the bottom of each rule file.

use crate::{apply_edits, check, Config, Diagnostic};

/// The findings of one rule on `text`, with the default configuration.
pub fn findings(rule: &str, text: &str) -> Vec<Diagnostic> {
    check(text, &Config::default())
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

/// Asserts the rule fires exactly on the sentences starting with each fragment, in order.
#[track_caller]
pub fn assert_fires_on(rule: &str, text: &str, fragments: &[&str]) {
    let found = findings(rule, text);
    let got: Vec<&str> = found.iter().map(|d| &text[d.range.clone()]).collect();
    assert_eq!(
        got.len(),
        fragments.len(),
        "{rule}: expected {fragments:?}, got {got:?}\n---\n{text}"
    );
    for (g, f) in got.iter().zip(fragments) {
        assert!(
            g.starts_with(f),
            "{rule}: expected a finding on {f:?}, got {g:?}"
        );
    }
}

/// Asserts the rule fires (anywhere) `n` times.
#[track_caller]
pub fn assert_count(rule: &str, text: &str, n: usize) {
    let found = findings(rule, text);
    assert_eq!(found.len(), n, "{rule}: {found:#?}\n---\n{text}");
}

/// Asserts the rule does not fire.
#[track_caller]
pub fn assert_quiet(rule: &str, text: &str) {
    assert_count(rule, text, 0);
}

/// Applies the fix titled `title` of the first finding, asserts the result, that the
/// rule no longer fires there, and that every edit stayed inside what it names.
#[track_caller]
pub fn assert_fix(rule: &str, text: &str, title: &str, expected: &str) {
    let found = findings(rule, text);
    let first = found
        .first()
        .unwrap_or_else(|| panic!("{rule} did not fire on\n{text}"));
    let fix = first
        .fixes
        .iter()
        .find(|f| f.title == title)
        .unwrap_or_else(|| {
            let titles: Vec<&str> = first.fixes.iter().map(|f| f.title.as_str()).collect();
            panic!("no fix titled {title:?}; fixes: {titles:?}")
        });
    let (fixed, applied) = apply_edits(text, &fix.edits);
    assert_eq!(applied, fix.edits.len(), "some edits were rejected");
    assert_eq!(fixed, expected, "fix {title:?} gave\n{fixed}");
    let before = findings(rule, text).len();
    let after = findings(rule, &fixed).len();
    assert!(
        after < before,
        "{rule} still fires {after} times after {title:?}"
    );
    // Nothing outside the edits changed: removing the replacements gives back the
    // untouched text in order.
    let mut cursor = 0;
    let mut kept = String::new();
    for e in &fix.edits {
        kept.push_str(&text[cursor..e.range.start]);
        cursor = e.range.end;
    }
    kept.push_str(&text[cursor..]);
    let mut rebuilt = String::new();
    let mut pos = 0;
    let mut offset: isize = 0;
    for e in &fix.edits {
        let start = (e.range.start as isize + offset) as usize;
        rebuilt.push_str(&fixed[pos..start]);
        pos = start + e.replacement.len();
        offset += e.replacement.len() as isize - e.range.len() as isize;
    }
    rebuilt.push_str(&fixed[pos..]);
    assert_eq!(rebuilt, kept, "text outside the edits changed");
}
