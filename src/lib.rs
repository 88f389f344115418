//! oneonone-ls: coaching for 1:1 agendas, as a library.
//!
//! `check(text, &config)` parses an agenda and runs every enabled rule. The engine has
//! no I/O and no protocol types: ranges are byte offsets into `text`. The language
//! server (`server`) and the command line (`cli`) are thin layers over it.

pub mod agenda;
pub mod cli;
pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod edit;
pub mod guide;
pub mod line_index;
pub mod patterns;
pub mod rules;
pub mod sentences;
pub mod server;

pub use agenda::{Agenda, PartKind};
pub use config::{Config, ConfigError};
pub use diagnostic::{apply_edits, Diagnostic, Edit, Fix, Severity};

use rayon::prelude::*;
use rules::{Context, RULES};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// Checks an agenda: every enabled rule, findings sorted by position.
pub fn check(text: &str, config: &Config) -> Vec<Diagnostic> {
    let agenda = Agenda::parse(text, config.thresholds.max_bytes);
    let out = check_parsed(text, &agenda, config);
    if agenda::parallel(text.len()) {
        // A long agenda's many small allocations are freed on another core.
        rayon::spawn(move || drop(agenda));
    }
    out
}

/// Checks an agenda that is already parsed (the server keeps the parse for other requests).
pub fn check_parsed(text: &str, agenda: &Agenda, config: &Config) -> Vec<Diagnostic> {
    run_rules(&Context::new(text, agenda, config))
}

/// Checks an agenda, reusing what `memo` remembers about sentences seen in earlier
/// versions of the same document, and updating it. The findings are exactly those of
/// [`check_parsed`]; only the work differs: a keystroke changes one sentence, and only
/// that sentence is matched against the catalogue again.
pub fn check_parsed_with(
    text: &str,
    agenda: &Agenda,
    config: &Config,
    memo: &mut Memo,
) -> Vec<Diagnostic> {
    check_memo(text, agenda, config, Some(memo), true)
}

/// [`check_parsed_with`], except that each fix comes with its title and safety but
/// without its edits (`edits` is empty). The findings, their ranges, messages, and the
/// titles and order of their fixes are exactly those of [`check_parsed_with`]. This is
/// what a diagnostic shows; the language server builds the edits only when a code
/// action asks for them.
///
/// Without a memo (a document checked once, such as a file on disk in a workspace
/// scan) nothing is remembered.
pub fn check_parsed_titles(
    text: &str,
    agenda: &Agenda,
    config: &Config,
    memo: Option<&mut Memo>,
) -> Vec<Diagnostic> {
    check_memo(text, agenda, config, memo, false)
}

fn check_memo(
    text: &str,
    agenda: &Agenda,
    config: &Config,
    memo: Option<&mut Memo>,
    edits: bool,
) -> Vec<Diagnostic> {
    let mut ctx = match &memo {
        Some(memo) => Context::with_marks(text, agenda, config, |norm| memo.get(norm)),
        None => Context::new(text, agenda, config),
    };
    ctx.edits = edits;
    let out = run_rules(&ctx);
    if let Some(memo) = memo {
        memo.keep(ctx.marks(), agenda.sentences.len() + agenda.blocks.len());
    }
    out
}

/// What the pattern catalogue found in the sentences of one document, kept between
/// checks of its successive versions. It holds the sentences of the latest version (and
/// a bounded number of older ones), so its size follows the document's.
#[derive(Debug, Default)]
pub struct Memo {
    marks: HashMap<Box<str>, patterns::Marks, BuildHasherDefault<rustc_hash::FxHasher>>,
    /// Bytes held as keys in `marks`.
    bytes: usize,
    parse: agenda::ParseMemo,
}

impl Memo {
    /// Parses a version of the document, reusing what the parses of earlier versions
    /// found (see [`Agenda::parse_with`]); the result is exactly [`Agenda::parse`]'s.
    pub fn parse(&mut self, text: &str, budget: usize) -> Agenda {
        Agenda::parse_with(text, budget, &mut self.parse)
    }

    fn get(&self, norm: &str) -> patterns::Marks {
        self.marks.get(norm).copied().unwrap_or_default()
    }

    /// Records what this version's sentences and blocks were found to be: what the rules
    /// learned (`changed`), the rest is in the memo already. When the memo holds far more
    /// than this version has (in entries, or in bytes: a long paragraph edited keystroke
    /// by keystroke), it starts again from this version alone.
    fn keep<'a>(
        &mut self,
        marks: impl Iterator<Item = (&'a str, patterns::Marks, bool)> + Clone,
        count: usize,
    ) {
        let current: usize = marks.clone().map(|(norm, _, _)| norm.len()).sum();
        let mut all = false;
        if self.marks.len() > 2 * count + 256 || self.bytes > 2 * current + (1 << 20) {
            self.marks.clear();
            self.bytes = 0;
            all = true;
        }
        for (norm, m, _) in marks.filter(|&(_, _, changed)| all || changed) {
            match self.marks.get_mut(norm) {
                Some(old) => *old = old.merge(m),
                None => {
                    self.bytes += norm.len();
                    self.marks.insert(norm.into(), m);
                }
            }
        }
    }

    /// How many versions were parsed by patching the version before (an edit inside one
    /// block's words) rather than from scratch.
    pub fn patched(&self) -> u64 {
        self.parse.patched()
    }

    /// Sentences (and stretches of prose and headings) remembered.
    pub fn len(&self) -> usize {
        self.marks.len() + self.parse.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn run_rules(ctx: &Context) -> Vec<Diagnostic> {
    let (agenda, config) = (ctx.agenda, ctx.config);
    let enabled: Vec<(&rules::Rule, Severity)> = RULES
        .iter()
        .filter(|rule| !agenda.disabled.contains(rule.id))
        .filter_map(|rule| Some((rule, config.severity(rule.id, rule.default_severity)?)))
        .collect();
    // A long agenda's rules run side by side on every core (they share what the
    // catalogue finds); the findings come out in the same order either way.
    let found: Vec<Vec<rules::Finding>> = if agenda::parallel(ctx.text.len()) {
        enabled
            .par_iter()
            .map(|(rule, _)| (rule.check)(ctx))
            .collect()
    } else {
        enabled.iter().map(|(rule, _)| (rule.check)(ctx)).collect()
    };
    let mut out = Vec::new();
    for ((rule, severity), findings) in enabled.into_iter().zip(found) {
        for finding in findings {
            let mut fixes = finding.fixes;
            fixes.push(edit::disable_fix(ctx, rule.id));
            out.push(Diagnostic {
                rule: rule.id,
                severity,
                range: finding.range,
                message: finding.message,
                fixes,
            });
        }
    }
    out.sort_by_key(|d| (d.range.start, d.range.end));
    let cap = config.thresholds.max_diagnostics;
    if out.len() > cap {
        // The note that the analysis was limited is never the one cut: it explains why
        // the rest of the document has no findings.
        let limited = out
            .iter()
            .position(|d| d.rule == "analysis-limited")
            .map(|i| out.remove(i));
        out.truncate(cap.saturating_sub(usize::from(limited.is_some())));
        out.extend(limited.filter(|_| cap > 0));
    }
    out
}

/// Applies every safe fix of `diagnostics` to `text`, one fix at a time so that
/// overlapping fixes never conflict, and returns the new text.
pub fn fix_all(text: &str, config: &Config) -> String {
    let mut current = text.to_string();
    // Each round applies at most one fix and re-checks; safe fixes make their rule stop
    // firing, so the loop ends. The bound is a guard, not the expected path.
    for _ in 0..32 {
        let diagnostics = check(&current, config);
        let Some(fix) = diagnostics
            .iter()
            .flat_map(|d| d.fixes.iter())
            .find(|f| f.safe)
        else {
            break;
        };
        let (next, applied) = apply_edits(&current, &fix.edits);
        if applied == 0 || next == current {
            break;
        }
        current = next;
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long paragraph edited keystroke by keystroke: the memo keeps a few versions of
    /// it, not one per keystroke.
    #[test]
    fn the_memo_is_bounded_in_bytes_for_a_long_paragraph() {
        let config = Config::default();
        let mut memo = Memo::default();
        let mut text = "We shipped the thing and it went fine. ".repeat(5_000);
        let size = text.len();
        for i in 0..60 {
            text.push(char::from(b'a' + (i % 26) as u8));
            let agenda = memo.parse(&text, config.thresholds.max_bytes);
            check_parsed_titles(&text, &agenda, &config, Some(&mut memo));
        }
        let held = memo.bytes + memo.parse.bytes();
        // Unbounded, 60 versions of ~200 KB of prose in each map would be ~24 MB.
        assert!(
            held < 8 * size + (4 << 20),
            "{held} bytes held for {size} bytes of text"
        );
    }

    /// The note that the analysis was limited survives the cap on findings (K10).
    #[test]
    fn the_cap_on_findings_keeps_the_analysis_limited_note() {
        let mut config = Config::default();
        config.thresholds.max_bytes = 2048;
        config.thresholds.max_diagnostics = 3;
        let text = "Let me know what you think.\n\n".repeat(400);
        let found = check(&text, &config);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(
            found
                .iter()
                .filter(|d| d.rule == "analysis-limited")
                .count(),
            1
        );
        assert_eq!(found.last().map(|d| d.rule), Some("analysis-limited"));
        config.thresholds.max_diagnostics = 0;
        assert!(check(&text, &config).is_empty());
    }
}
