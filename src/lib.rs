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
pub mod model;
pub mod patterns;
pub mod rules;
pub mod sentences;
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
    run_rules(&Context::new(text, agenda, config))
}

fn run_rules(ctx: &Context) -> Vec<Diagnostic> {
    let (agenda, config) = (ctx.agenda, ctx.config);
    let enabled: Vec<(&rules::Rule, Severity)> = RULES
        .iter()
        .filter(|rule| !agenda.disabled.contains(rule.id))
        .filter_map(|rule| Some((rule, config.severity(rule.id, rule.default_severity)?)))
        .collect();
    let mut out = Vec::new();
    for (rule, severity) in enabled {
        for finding in (rule.check)(ctx) {
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
