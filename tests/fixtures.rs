//! Fixture-driven tests: every `tests/fixtures/**/*.1on1.md` is an agenda with its expected
//! findings written inline as HTML comments, so each fixture stays valid Markdown.
//!
//! # Expectations
//!
//! - `<!-- expect: RULE -->` for a *line-level* rule (`vague-opening`, `handoff-closing`,
//!   `unfinished-starter`, `hedged-ask`, `competing-priorities`, and in running docs
//!   `open-action-item` (on the current entry's heading), `repeated-ask`, `outcome-changed`):
//!   the rule reports a finding whose range **starts** on the line the comment refers to.
//! - `<!-- expect-file: RULE -->` for a *document-level* rule (`missing-ask`,
//!   `missing-outcome`, `missing-insight`, `status-dump`, `long-agenda`): the rule fires
//!   somewhere in the file. It may stand on any line.
//! - One comment may list several rules, separated by commas. Each listed line-level rule is
//!   one finding: `<!-- expect: handoff-closing, handoff-closing -->` expects two findings
//!   that start on the same line.
//!
//! **The line a comment refers to.** If anything but whitespace precedes the comment on its
//! line, it refers to its own line (`Thoughts? <!-- expect: handoff-closing -->`). If the
//! comment opens its line, it refers to the nearest line above it that is not made only of
//! directive comments; that line must not be blank. So a comment may sit on the line right
//! after the flagged text, and several such comments may be stacked. Lines are counted on
//! `\n`, so CRLF files count the same way; a finding's line is the line of its first byte.
//!
//! Lines without directives carry no expectation: every finding of the scored rules that
//! no comment expects is a false alarm, and a fixture without any comment must be clean of
//! them. `analysis-limited` is not scored.
//!
//! # Fixes
//!
//! `<!-- apply-fix: RULE | TITLE -->` applies the fix titled TITLE of the rule's first
//! finding and compares the result with `NAME.fixed.md` beside the fixture (byte for byte).
//! The runner then checks that the rule fires fewer times on the result, and that every
//! byte outside the fix's edits is unchanged. Set `FIXTURES_BLESS=1` to write a missing or
//! differing `.fixed.md` (review it before committing).
//!
//! # Comments are invisible to the engine
//!
//! Directive comments must not change what the engine sees. For every fixture the runner
//! checks that no sentence the parser produces overlaps a directive, and that checking the
//! fixture with every directive removed (lines kept) gives the same findings on the same
//! lines.
//!
//! The runner checks every fixture and prints every miss, every false alarm and every
//! broken fixture before it fails.

use oneonone_ls::{apply_edits, check, Agenda, Config, Diagnostic};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const LINE_RULES: &[&str] = &[
    "vague-opening",
    "handoff-closing",
    "unfinished-starter",
    "hedged-ask",
    "competing-priorities",
    "open-action-item",
    "repeated-ask",
    "outcome-changed",
];
const FILE_RULES: &[&str] = &[
    "missing-ask",
    "missing-outcome",
    "missing-insight",
    "status-dump",
    "long-agenda",
];

fn scored(rule: &str) -> bool {
    LINE_RULES.contains(&rule) || FILE_RULES.contains(&rule)
}

/// One directive comment found in a fixture.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Directive {
    /// Line-level rules expected on `line` (1-based).
    Expect { rules: Vec<String>, line: usize },
    /// Document-level rules expected anywhere.
    ExpectFile { rules: Vec<String> },
    /// Apply this fix of this rule's first finding.
    ApplyFix { rule: String, title: String },
}

/// A fixture's directives, with the byte ranges of their comments.
#[derive(Debug, Default)]
struct Parsed {
    directives: Vec<Directive>,
    comments: Vec<std::ops::Range<usize>>,
    errors: Vec<String>,
}

const KEYWORDS: [&str; 3] = ["expect:", "expect-file:", "apply-fix:"];

/// Finds the directive comments of `text` and resolves the lines they refer to.
fn parse_directives(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);
    // Each `expect:` directive's index and the offset of its comment.
    let mut expect_at: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("<!--").map(|i| from + i) {
        let Some(close) = text[open..].find("-->").map(|i| open + i + 3) else {
            break;
        };
        from = close;
        let inner = text[open + 4..close - 3].trim();
        let Some(keyword) = KEYWORDS.iter().find(|k| inner.starts_with(**k)) else {
            continue;
        };
        let line = line_of(open);
        if line_of(close - 1) != line {
            parsed
                .errors
                .push(format!("line {line}: a directive must fit on one line"));
            continue;
        }
        parsed.comments.push(open..close);
        let body = inner[keyword.len()..].trim();
        let rules: Vec<String> = body
            .split(',')
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect();
        match *keyword {
            "expect:" => {
                for r in &rules {
                    if !LINE_RULES.contains(&r.as_str()) {
                        parsed.errors.push(format!(
                            "line {line}: `expect:` takes a line-level rule, not {r:?} (use `expect-file:` for document-level rules)"
                        ));
                    }
                }
                expect_at.push((parsed.directives.len(), open));
                parsed.directives.push(Directive::Expect {
                    rules,
                    line: 0, // resolved below, once every directive is known
                });
            }
            "expect-file:" => {
                for r in &rules {
                    if !FILE_RULES.contains(&r.as_str()) {
                        parsed.errors.push(format!(
                            "line {line}: `expect-file:` takes a document-level rule, not {r:?}"
                        ));
                    }
                }
                parsed.directives.push(Directive::ExpectFile { rules });
            }
            _ => match body.split_once('|') {
                Some((rule, title)) => parsed.directives.push(Directive::ApplyFix {
                    rule: rule.trim().to_string(),
                    title: title.trim().to_string(),
                }),
                None => parsed
                    .errors
                    .push(format!("line {line}: write `apply-fix: RULE | TITLE`")),
            },
        }
    }
    // Resolve the line each `expect:` refers to.
    let lines: Vec<&str> = text.split('\n').collect();
    let only_directives = |n: usize| -> bool {
        // Line `n` (1-based) holds directives and whitespace only, and at least one directive.
        let start = line_starts[n - 1];
        let end = start + lines[n - 1].len();
        let mut rest = String::new();
        let mut cursor = start;
        let mut any = false;
        for c in parsed
            .comments
            .iter()
            .filter(|c| c.start >= start && c.end <= end)
        {
            rest.push_str(&text[cursor..c.start]);
            cursor = c.end;
            any = true;
        }
        rest.push_str(&text[cursor..end]);
        any && rest.trim().is_empty()
    };
    let mut errors = Vec::new();
    for (index, comment) in expect_at {
        let own = line_of(comment);
        let before = &text[line_starts[own - 1]..comment];
        let resolved = if !before.trim().is_empty() {
            own
        } else {
            let mut n = own - 1;
            while n >= 1 && only_directives(n) {
                n -= 1;
            }
            if n == 0 || lines[n - 1].trim().is_empty() {
                errors.push(format!(
                    "line {own}: this `expect:` refers to a blank line or to nothing; put it on the flagged line or on the line right after it"
                ));
            }
            n
        };
        if let Directive::Expect { line, .. } = &mut parsed.directives[index] {
            *line = resolved;
        }
    }
    parsed.errors.extend(errors);
    parsed
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// The scored findings as `(rule, line)`; the line is `None` for document-level rules.
fn summarise(text: &str, found: &[Diagnostic]) -> BTreeMap<(String, Option<usize>), usize> {
    let mut out = BTreeMap::new();
    for d in found.iter().filter(|d| scored(d.rule)) {
        let key = if LINE_RULES.contains(&d.rule) {
            (d.rule.to_string(), Some(line_of(text, d.range.start)))
        } else {
            (d.rule.to_string(), None)
        };
        let n = out.entry(key).or_insert(0);
        if LINE_RULES.contains(&d.rule) || *n == 0 {
            *n += 1;
        }
    }
    out
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.to_string_lossy().ends_with(".1on1.md") {
            out.push(path);
        }
    }
}

fn all_fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    collect(&fixtures_dir(), &mut out);
    out
}

/// What checking one fixture found.
#[derive(Default)]
struct Report {
    misses: Vec<String>,
    false_alarms: Vec<String>,
    broken: Vec<String>,
    expectations: usize,
    fixes: usize,
}

fn check_fixture(path: &Path, report: &mut Report) {
    let name = path
        .strip_prefix(fixtures_dir())
        .unwrap_or(path)
        .display()
        .to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            report.broken.push(format!("{name}: cannot read: {e}"));
            return;
        }
    };
    let parsed = parse_directives(&text);
    for e in &parsed.errors {
        report.broken.push(format!("{name}: {e}"));
    }
    let config = Config::default();
    let found = check(&text, &config);

    // The comments are not prose: no sentence overlaps one…
    let agenda = Agenda::parse(&text, config.thresholds.max_bytes);
    for s in &agenda.sentences {
        if let Some(c) = parsed
            .comments
            .iter()
            .find(|c| c.start < s.range.end && s.range.start < c.end)
        {
            report.broken.push(format!(
                "{name}:{}: the engine reads the directive {:?} as prose",
                line_of(&text, c.start),
                &text[c.clone()]
            ));
        }
    }
    // …and removing them changes no finding.
    let mut stripped = String::with_capacity(text.len());
    let mut cursor = 0;
    for c in &parsed.comments {
        stripped.push_str(&text[cursor..c.start]);
        cursor = c.end;
    }
    stripped.push_str(&text[cursor..]);
    let with = summarise(&text, &found);
    let without = summarise(&stripped, &check(&stripped, &config));
    if with != without {
        report.broken.push(format!(
            "{name}: the directive comments change the findings\n    with:    {with:?}\n    without: {without:?}"
        ));
    }

    // Expected against found.
    let mut want: BTreeMap<(String, Option<usize>), usize> = BTreeMap::new();
    for d in &parsed.directives {
        match d {
            Directive::Expect { rules, line } => {
                for r in rules {
                    *want.entry((r.clone(), Some(*line))).or_insert(0) += 1;
                }
            }
            Directive::ExpectFile { rules } => {
                for r in rules {
                    want.insert((r.clone(), None), 1);
                }
            }
            Directive::ApplyFix { .. } => {}
        }
    }
    report.expectations += want.values().sum::<usize>();
    let describe = |rule: &str, line: Option<usize>| -> String {
        let d = found
            .iter()
            .find(|d| d.rule == rule && line.is_none_or(|l| line_of(&text, d.range.start) == l));
        match (line, d) {
            (Some(l), Some(d)) => format!(
                "{name}:{l}: {rule} on {:?}: {}",
                excerpt(&text[d.range.clone()]),
                d.message
            ),
            (Some(l), None) => format!(
                "{name}:{l}: {rule} (line: {:?})",
                excerpt(text.split('\n').nth(l - 1).unwrap_or(""))
            ),
            (None, Some(d)) => format!("{name}: {rule}: {}", d.message),
            (None, None) => format!("{name}: {rule}"),
        }
    };
    for ((rule, line), n) in &want {
        let got = with.get(&(rule.clone(), *line)).copied().unwrap_or(0);
        for _ in got..*n {
            report.misses.push(describe(rule, *line));
        }
    }
    for ((rule, line), n) in &with {
        let expected = want.get(&(rule.clone(), *line)).copied().unwrap_or(0);
        for _ in expected..*n {
            report.false_alarms.push(describe(rule, *line));
        }
    }

    // Fixes.
    for d in &parsed.directives {
        if let Directive::ApplyFix { rule, title } = d {
            report.fixes += 1;
            if let Err(e) = check_fix(path, &text, &found, rule, title) {
                report
                    .broken
                    .push(format!("{name}: fix {rule} | {title}: {e}"));
            }
        }
    }
}

fn excerpt(s: &str) -> String {
    let s = s.trim();
    let mut out: String = s.chars().take(70).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

fn check_fix(
    path: &Path,
    text: &str,
    found: &[Diagnostic],
    rule: &str,
    title: &str,
) -> Result<(), String> {
    let first = found
        .iter()
        .find(|d| d.rule == rule)
        .ok_or("the rule does not fire")?;
    let fix = first
        .fixes
        .iter()
        .find(|f| f.title == title)
        .ok_or_else(|| {
            let titles: Vec<&str> = first.fixes.iter().map(|f| f.title.as_str()).collect();
            format!("no fix with that title; the fixes are {titles:?}")
        })?;
    let (fixed, applied) = apply_edits(text, &fix.edits);
    if applied != fix.edits.len() {
        return Err(format!(
            "{} of {} edits were rejected",
            fix.edits.len() - applied,
            fix.edits.len()
        ));
    }
    let expected_path = path.with_file_name(
        path.file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".1on1.md"))
            .map(|stem| format!("{stem}.fixed.md"))
            .ok_or("bad fixture name")?,
    );
    let bless = std::env::var_os("FIXTURES_BLESS").is_some();
    match std::fs::read_to_string(&expected_path) {
        Ok(expected) if expected == fixed => {}
        _ if bless => std::fs::write(&expected_path, &fixed).map_err(|e| e.to_string())?,
        Ok(expected) => {
            return Err(format!(
                "the result differs from {}\n--- expected\n{expected}\n--- got\n{fixed}",
                expected_path.display()
            ))
        }
        Err(e) => {
            return Err(format!(
                "cannot read {} ({e}); run with FIXTURES_BLESS=1 to create it\n--- got\n{fixed}",
                expected_path.display()
            ))
        }
    }
    let config = Config::default();
    let before = found.iter().filter(|d| d.rule == rule).count();
    let after = check(&fixed, &config)
        .iter()
        .filter(|d| d.rule == rule)
        .count();
    if after >= before {
        return Err(format!("{rule} still fires {after} times after the fix"));
    }
    // Every byte outside the edits is unchanged, in order.
    let mut kept_before = String::new();
    let mut kept_after = String::new();
    let mut cursor = 0;
    let mut shift: isize = 0;
    let mut pos = 0;
    for e in &fix.edits {
        kept_before.push_str(&text[cursor..e.range.start]);
        cursor = e.range.end;
        let start = (e.range.start as isize + shift) as usize;
        kept_after.push_str(&fixed[pos..start]);
        pos = start + e.replacement.len();
        shift += e.replacement.len() as isize - e.range.len() as isize;
    }
    kept_before.push_str(&text[cursor..]);
    kept_after.push_str(&fixed[pos..]);
    if kept_before != kept_after {
        return Err("text outside the edits changed".to_string());
    }
    Ok(())
}

#[test]
fn every_fixture_gets_exactly_its_expected_findings() {
    let fixtures = all_fixtures();
    let mut report = Report::default();
    for path in &fixtures {
        check_fixture(path, &mut report);
    }
    let mut out = String::new();
    for m in &report.misses {
        let _ = writeln!(out, "miss        {m}");
    }
    for f in &report.false_alarms {
        let _ = writeln!(out, "false alarm {f}");
    }
    for b in &report.broken {
        let _ = writeln!(out, "broken      {b}");
    }
    let summary = format!(
        "{} fixtures, {} expected findings, {} fixes: {} misses, {} false alarms, {} broken",
        fixtures.len(),
        report.expectations,
        report.fixes,
        report.misses.len(),
        report.false_alarms.len(),
        report.broken.len()
    );
    if !out.is_empty() {
        panic!("\n{out}\n{summary}");
    }
    println!("{summary}");
}

#[test]
fn the_fixture_set_covers_every_category_and_scored_rule() {
    let fixtures = all_fixtures();
    for category in ["corpus", "weak", "strong", "near-miss", "fixes", "layouts"] {
        let n = fixtures
            .iter()
            .filter(|p| p.parent().is_some_and(|d| d.ends_with(category)))
            .count();
        assert!(n > 0, "no fixtures in tests/fixtures/{category}");
    }
    assert!(fixtures.len() >= 50, "only {} fixtures", fixtures.len());
    // Every scored rule is expected somewhere, and some fixtures are clean.
    let mut expected: Vec<String> = Vec::new();
    let mut clean = 0;
    for path in &fixtures {
        let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
        let parsed = parse_directives(&text);
        let mut any = false;
        for d in parsed.directives {
            match d {
                Directive::Expect { rules, .. } | Directive::ExpectFile { rules } => {
                    any |= !rules.is_empty();
                    expected.extend(rules);
                }
                Directive::ApplyFix { rule, .. } => expected.push(rule),
            }
        }
        clean += usize::from(!any);
    }
    for rule in LINE_RULES.iter().chain(FILE_RULES) {
        assert!(
            expected.iter().any(|r| r == rule),
            "no fixture expects {rule}"
        );
    }
    assert!(clean >= 10, "only {clean} clean fixtures");
}

#[test]
fn a_directive_refers_to_its_own_line_or_the_line_above() {
    let text = "Thoughts? <!-- expect: handoff-closing -->\nLet me know.\n<!-- expect: handoff-closing -->\n<!-- expect: hedged-ask -->\n\n<!-- expect-file: missing-ask -->\n";
    let parsed = parse_directives(text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(
        parsed.directives,
        vec![
            Directive::Expect {
                rules: vec!["handoff-closing".into()],
                line: 1
            },
            Directive::Expect {
                rules: vec!["handoff-closing".into()],
                line: 2
            },
            Directive::Expect {
                rules: vec!["hedged-ask".into()],
                line: 2
            },
            Directive::ExpectFile {
                rules: vec!["missing-ask".into()]
            },
        ]
    );
    // Ordinary comments are not directives; a directive after a blank line is an error.
    let parsed = parse_directives("<!-- a note -->\nText.\n\n<!-- expect: vague-opening -->\n");
    assert_eq!(parsed.comments.len(), 1);
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    // Wrong kinds of rule are errors.
    let parsed =
        parse_directives("x <!-- expect: missing-ask -->\n<!-- expect-file: hedged-ask -->\n");
    assert_eq!(parsed.errors.len(), 2, "{:?}", parsed.errors);
}

#[test]
fn crlf_lines_count_like_lf_lines() {
    let text = "# T\r\n\r\nThoughts?\r\n<!-- expect: handoff-closing -->\r\n";
    let parsed = parse_directives(text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(
        parsed.directives,
        vec![Directive::Expect {
            rules: vec!["handoff-closing".into()],
            line: 3
        }]
    );
    let found = check(text, &Config::default());
    let handoff = found
        .iter()
        .find(|d| d.rule == "handoff-closing")
        .expect("the hand-off is found");
    assert_eq!(line_of(text, handoff.range.start), 3);
}
