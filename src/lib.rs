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
pub mod entries;
pub mod guide;
pub mod line_index;
pub mod memo;
pub mod model;
pub mod patterns;
pub mod preread;
pub mod readiness;
pub mod rules;
pub mod sentences;
pub mod series;
pub mod series_cli;
pub mod server;

pub use agenda::{Agenda, PartKind};
pub use config::{Config, ConfigError};
pub use diagnostic::{apply_edits, Diagnostic, Edit, Fix, Related, Severity};

use rules::{Context, RULES};

/// Checks a document: every enabled rule on what the coach reads of it (the current
/// entry of a running doc, else the whole text), findings sorted by position.
pub fn check(text: &str, config: &Config) -> Vec<Diagnostic> {
    View::of(text, config).check(config)
}

/// What the coach reads of a document: the current entry of a running doc (see
/// [`entries`]), or the whole text when it has no entries. History and standing sections
/// are outside the scope: nothing there is flagged or counts for the current entry.
///
/// `agenda` is parsed from `text[scope]` as an agenda of its own, so its offsets are
/// relative to `scope.start`; [`View::check`] shifts the findings back into `text`.
#[derive(Debug)]
pub struct View<'a> {
    pub text: &'a str,
    pub scope: std::ops::Range<usize>,
    pub entries: entries::Entries,
    pub agenda: Agenda,
    /// The entries as a series (what each asked, aimed for and agreed to do); `None`
    /// when the text has no entries.
    pub series: Option<series::Series>,
}

impl<'a> View<'a> {
    pub fn of(text: &'a str, config: &Config) -> View<'a> {
        View::of_after(text, config, None)
    }

    /// [`View::of`], reusing the series of an earlier version of the document (the
    /// server's last analysis) when only the current entry changed.
    pub fn of_after(
        text: &'a str,
        config: &Config,
        previous: Option<series::Previous>,
    ) -> View<'a> {
        let entries = entries::Entries::find(text, config.today);
        let scope = entries.current().map_or(0..text.len(), |e| e.body.clone());
        let mut agenda = Agenda::parse(&text[scope.clone()], config.thresholds.max_bytes);
        // A rule turned off anywhere in the file is off in every entry.
        if scope != (0..text.len()) {
            agenda.disabled.read(&text[..scope.start]);
            agenda.disabled.read(&text[scope.end..]);
        }
        let series = series::Series::of_after(text, &entries, config, previous);
        View {
            text,
            scope,
            entries,
            agenda,
            series,
        }
    }

    /// What the rules see: the scope's agenda, with the series when there is one.
    pub fn context<'v>(&'v self, config: &'v Config) -> Context<'v> {
        Context::new(self.scoped(), &self.agenda, config).with_history(self.series.as_ref())
    }

    /// The scope's own text, which `agenda`'s offsets index.
    pub fn scoped(&self) -> &'a str {
        &self.text[self.scope.clone()]
    }

    /// Runs the rules on the scope; ranges are offsets into the whole text.
    pub fn check(&self, config: &Config) -> Vec<Diagnostic> {
        self.check_with(check_context, config)
    }

    /// [`View::check`] with another checker (the server's tests use one that fails).
    pub fn check_with(
        &self,
        checker: fn(&Context) -> Vec<Diagnostic>,
        config: &Config,
    ) -> Vec<Diagnostic> {
        let mut out = checker(&self.context(config));
        let heading = self
            .entries
            .current()
            .map_or(self.scope.start..self.scope.start, |e| e.heading.clone());
        for d in &mut out {
            if d.range == rules::ENTRY_HEADING {
                d.range = heading.clone();
                for fix in &mut d.fixes {
                    fix.shift(self.scope.start);
                }
            } else {
                d.shift(self.scope.start);
            }
        }
        out.sort_by_key(|d| (d.range.start, d.range.end));
        out
    }
}

/// Checks an agenda that is already parsed (the server keeps the parse for other requests).
pub fn check_parsed(text: &str, agenda: &Agenda, config: &Config) -> Vec<Diagnostic> {
    run_rules(&Context::new(text, agenda, config))
}

/// Runs every enabled rule on a context (with its series, when it has one).
pub fn check_context(ctx: &Context) -> Vec<Diagnostic> {
    run_rules(ctx)
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
                related: finding.related,
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
    fix_all_applied(text, config).0
}

/// [`fix_all`], with the findings it fixed, in the order it fixed them: each holds only
/// the fix that was applied (`check --fix` reports them).
pub fn fix_all_applied(text: &str, config: &Config) -> (String, Vec<Diagnostic>) {
    let mut current = text.to_string();
    let mut applied_fixes = Vec::new();
    // Each round applies at most one fix and re-checks; safe fixes make their rule stop
    // firing, so the loop ends. The bound is a guard, not the expected path.
    for _ in 0..32 {
        let diagnostics = check(&current, config);
        let Some((d, fix)) = diagnostics
            .iter()
            .flat_map(|d| d.fixes.iter().map(move |f| (d, f)))
            .find(|(_, f)| f.safe)
        else {
            break;
        };
        let (next, applied) = apply_edits(&current, &fix.edits);
        if applied == 0 || next == current {
            break;
        }
        applied_fixes.push(Diagnostic {
            fixes: vec![fix.clone()],
            ..d.clone()
        });
        current = next;
    }
    (current, applied_fixes)
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
