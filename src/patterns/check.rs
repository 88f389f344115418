//! The proof that travels with the data: every entry's examples, checked.
//!
//! Each `matches` example, normalised as a sentence is, must match its own entry (and so
//! its group); each `not` example must match no entry of its group. A class's examples
//! are fragments matched whole. `tests/patterns.rs` runs this on the files of
//! `data/patterns/`.

use super::data::{Data, Entry, Flavour, GroupSpec, Problem};
use super::matcher::{self, Matcher};
use super::{normalise, Group};

/// Every problem in the data files `(file name, text)`: files that do not parse, patterns
/// that do not compile, examples that do not hold, groups without a file, unused classes.
pub fn check_files(files: &[(&str, &str)]) -> Vec<Problem> {
    let (data, mut problems) = Data::parse(files);
    for group in Group::ALL {
        if data.group(group.file()).is_none() {
            problems.push(Problem::new(
                group.file(),
                "",
                "missing: every group needs a file",
            ));
        }
    }
    for (stem, _) in &data.groups {
        if !Group::ALL.iter().any(|g| g.file() == stem) {
            let message = "no group of this name: add it to `Group` in src/patterns/mod.rs";
            problems.push(Problem::new(stem, "", message));
        }
    }
    check_classes(&data, &mut problems);
    for (stem, spec) in &data.groups {
        check_group(&data, stem, "", spec, Flavour::Sentence, &mut problems);
    }
    for (table, spec) in data.headings.vocabularies() {
        let place = format!("[{table}] ");
        check_group(
            &data,
            "headings",
            &place,
            spec,
            Flavour::Heading,
            &mut problems,
        );
    }
    problems
}

fn check_classes(data: &Data, problems: &mut Vec<Problem>) {
    let classes = &data.classes.class;
    for (i, class) in classes.iter().enumerate() {
        let place = format!("class `{}`", class.name);
        if classes[..i].iter().any(|c| c.name == class.name) {
            problems.push(Problem::new("classes", &place, "defined twice"));
        }
        let whole = data
            .expand(&format!("^(?:{})$", class.pattern))
            .and_then(|p| matcher::compile(&p));
        let whole = match whole {
            Ok(re) => re,
            Err(e) => {
                problems.push(Problem::new(
                    "classes",
                    &place,
                    format!("pattern does not compile: {e}"),
                ));
                continue;
            }
        };
        if class.matches.is_empty() {
            problems.push(Problem::new("classes", &place, "no `matches` example"));
        }
        for example in &class.matches {
            if !whole.is_match(example) {
                let message = format!("`matches` example {example:?} is not matched whole");
                problems.push(Problem::new("classes", &place, message));
            }
        }
        for example in &class.not {
            if whole.is_match(example) {
                let message = format!("`not` example {example:?} is matched");
                problems.push(Problem::new("classes", &place, message));
            }
        }
        let token = format!("{{{}}}", class.name);
        let groups = data.groups.iter().map(|(_, g)| g);
        let used = groups
            .chain(data.headings.vocabularies().map(|(_, g)| g))
            .any(|g| {
                g.before.contains(&token)
                    || g.after.contains(&token)
                    || g.entry
                        .iter()
                        .any(|e| e.pattern.as_ref().is_some_and(|p| p.contains(&token)))
            })
            || classes.iter().any(|c| c.pattern.contains(&token));
        if !used {
            problems.push(Problem::new("classes", &place, "never used"));
        }
    }
}

fn check_group(
    data: &Data,
    file: &str,
    table: &str,
    spec: &GroupSpec,
    flavour: Flavour,
    problems: &mut Vec<Problem>,
) {
    let at = |i: usize| format!("{table}entry {}", i + 1);
    if spec.title.trim().is_empty() || spec.description.trim().is_empty() {
        problems.push(Problem::new(
            file,
            table.trim(),
            "needs a `title` and a `description`",
        ));
    }
    if spec.entry.is_empty() {
        problems.push(Problem::new(file, table.trim(), "no entries"));
        return;
    }
    let words = spec.entry.iter().any(|e| !e.words.is_empty());
    // Each entry alone, as its examples are checked against it.
    let mut entries: Vec<Option<Matcher>> = Vec::new();
    for (i, entry) in spec.entry.iter().enumerate() {
        let own = match (&entry.pattern, words) {
            // The pattern alone must compile too: one with unbalanced parentheses could
            // still compile once wrapped, meaning something else.
            (Some(pattern), false) => match data
                .expand_as(pattern, flavour)
                .and_then(|p| matcher::compile(&p))
                .and_then(|_| data.entry_source(spec, entry, flavour))
                .and_then(|p| Matcher::pattern(&p, false))
            {
                Ok(m) => Some(m),
                Err(e) => {
                    problems.push(Problem::new(
                        file,
                        &at(i),
                        format!("pattern does not compile: {e}"),
                    ));
                    None
                }
            },
            (None, true) if !entry.words.is_empty() => {
                check_words(entry, file, &at(i), problems);
                Some(Matcher::words(entry.words.iter().map(|w| &**w)))
            }
            _ => {
                let message = "needs a `pattern`, or in a word list `words` (not both)";
                problems.push(Problem::new(file, &at(i), message));
                None
            }
        };
        if entry.matches.is_empty() {
            let message = "no `matches` example: add a sentence it must match";
            problems.push(Problem::new(file, &at(i), message));
        }
        if let Some(own) = &own {
            for example in &entry.matches {
                let norm = normalise(example);
                if !own.is_match(&norm) {
                    let message = format!(
                        "`matches` example {example:?} does not match (normalised: {norm:?})"
                    );
                    problems.push(Problem::new(file, &at(i), message));
                }
            }
        }
        entries.push(own);
    }
    // The group as the catalogue compiles it: every example of the group must match it.
    let whole: Option<Matcher> = if words {
        Some(Matcher::words(
            spec.entry.iter().flat_map(|e| e.words.iter().map(|w| &**w)),
        ))
    } else {
        let (source, _) = data.group_source(file, spec, flavour);
        Matcher::pattern(&source, data.anchored(spec)).ok()
    };
    let Some(whole) = whole else {
        return;
    };
    for (i, entry) in spec.entry.iter().enumerate() {
        for example in &entry.matches {
            let norm = normalise(example);
            let own = entries[i].as_ref().is_some_and(|m| m.is_match(&norm));
            if own && !whole.is_match(&norm) {
                let message =
                    format!("`matches` example {example:?} does not match the group as compiled");
                problems.push(Problem::new(file, &at(i), message));
            }
        }
        for example in &entry.not {
            let norm = normalise(example);
            if whole.is_match(&norm) {
                let by: Vec<String> = entries
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.as_ref().is_some_and(|m| m.is_match(&norm)))
                    .map(|(j, _)| (j + 1).to_string())
                    .collect();
                let message = format!(
                    "`not` example {example:?} is matched by entry {}",
                    by.join(", ")
                );
                problems.push(Problem::new(file, &at(i), message));
            }
        }
    }
}

/// A word list's words are matched whole against lower-case text.
fn check_words(entry: &Entry, file: &str, place: &str, problems: &mut Vec<Problem>) {
    for word in &entry.words {
        if word.is_empty()
            || !word
                .chars()
                .all(|c| c.is_alphanumeric() && !c.is_uppercase())
        {
            let message = format!("word {word:?} must be one lower-case word");
            problems.push(Problem::new(file, place, message));
        }
    }
}
