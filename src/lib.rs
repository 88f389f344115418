//! oneonone-ls: coaching for 1:1 agendas, as a library.
//!
//! `check(text, &config)` parses an agenda and runs every enabled rule. The engine has
//! no I/O and no protocol types: ranges are byte offsets into `text`. The language
//! server (`server`) and the command line (`cli`) are thin layers over it.

pub mod agenda;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod edit;
pub mod guide;
pub mod line_index;
pub mod patterns;
pub mod rules;
pub mod server;

pub use agenda::{Agenda, PartKind};
pub use config::{Config, ConfigError};
pub use diagnostic::{apply_edits, Diagnostic, Edit, Fix, Severity};

use rules::{Context, RULES};

/// Checks an agenda: every enabled rule, findings sorted by position.
pub fn check(text: &str, config: &Config) -> Vec<Diagnostic> {
    let agenda = Agenda::parse(text, config.thresholds.max_bytes);
    check_parsed(text, &agenda, config)
}

/// Checks an agenda that is already parsed (the server keeps the parse for other requests).
pub fn check_parsed(text: &str, agenda: &Agenda, config: &Config) -> Vec<Diagnostic> {
    let ctx = Context {
        text,
        agenda,
        config,
    };
    let mut out = Vec::new();
    for rule in RULES {
        let Some(severity) = config.severity(rule.id, rule.default_severity) else {
            continue;
        };
        if agenda.disabled.contains(rule.id) {
            continue;
        }
        for finding in (rule.check)(&ctx) {
            let mut fixes = finding.fixes;
            fixes.push(edit::disable_fix(&ctx, rule.id));
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
        out.truncate(cap);
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
