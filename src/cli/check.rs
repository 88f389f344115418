//! `oneonone-ls check`: files and folders checked (each in its own `catch_unwind`), the
//! human and JSON reports, `--fix` written atomically and reported, the progress bar.

use super::Format;
use crate::line_index::LineIndex;
use crate::{fix_all_applied, Config, Diagnostic, Severity};
use std::collections::HashMap;
use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Every `*.1on1.md` below `dir`, sorted: the language server's workspace walk, which honours
/// `.gitignore` and `.ignore`, skips hidden files and folders, `node_modules` and `target`,
/// never follows a symlinked folder and takes a symlinked file only when it resolves inside
/// `dir`, so `check --fix` on a folder never writes outside it.
pub fn agendas_below(dir: &Path) -> Vec<PathBuf> {
    crate::server::workspace::agendas_below(dir)
}

struct Checked {
    path: PathBuf,
    text: String,
    diagnostics: Vec<Diagnostic>,
    /// "Outcome ✓ · Insight ✓ · Ask ✗ · 2 open items" (see [`crate::readiness`]).
    readiness: Option<String>,
}

/// The findings of a text and its readiness summary, from one reading of it.
fn check_text(text: &str, config: &Config) -> (Vec<Diagnostic>, Option<String>) {
    let view = crate::View::of(text, config);
    let readiness = crate::readiness::of_view(&view, config).map(|r| r.summary());
    (view.check(config), readiness)
}

/// A folder scan shows a progress bar on a terminal from this many files.
const PROGRESS_FROM: usize = 300;

/// `checking 120/400 [#######             ]  30%`, written over itself with `\r`.
fn progress_bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 20;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH);
    let percent = (done * 100).checked_div(total).unwrap_or(100);
    format!(
        "\rchecking {done}/{total} [{}{}] {percent:>3}%",
        "#".repeat(filled),
        " ".repeat(WIDTH - filled.min(WIDTH))
    )
}

/// Clears the terminal line the bar is on (carriage return, erase line).
const CLEAR_LINE: &str = "\r\x1b[2K";

/// What goes to stderr between two files of a scan: the lines written while checking the
/// last one (`pending`), then the bar (`bar`, when it is drawn). While a bar is on the line
/// (`bar_shown`), the line is cleared before anything else, so no line lands on the bar.
fn between_files(pending: &[u8], bar_shown: bool, bar: Option<&str>) -> Vec<u8> {
    let mut out = Vec::new();
    if bar_shown && (!pending.is_empty() || bar.is_none()) {
        out.extend_from_slice(CLEAR_LINE.as_bytes());
    }
    out.extend_from_slice(pending);
    if let Some(bar) = bar {
        out.extend_from_slice(bar.as_bytes());
    }
    out
}

/// What `check --fix` did to one file, one line per kind of fix: "fixed: moved 5 status
/// items into a new pre-read part (w.1on1.md)".
fn fixed_lines(path: &Path, applied: &[Diagnostic]) -> Vec<String> {
    let mut rules: Vec<&str> = applied.iter().map(|d| d.rule).collect();
    rules.sort_unstable();
    rules.dedup();
    rules
        .into_iter()
        .map(|rule| {
            let of_rule: Vec<&Diagnostic> = applied.iter().filter(|d| d.rule == rule).collect();
            let what = match rule {
                "status-dump" => {
                    // The finding's message starts with how many items it counted.
                    let count: usize = of_rule
                        .iter()
                        .filter_map(|d| d.message.split(' ').next()?.parse::<usize>().ok())
                        .sum();
                    let into = if of_rule
                        .iter()
                        .flat_map(|d| &d.fixes)
                        .any(|f| f.title.ends_with("a new pre-read part"))
                    {
                        "a new pre-read part"
                    } else {
                        "the pre-read"
                    };
                    match count {
                        0 => format!("moved the status items into {into}"),
                        1 => format!("moved 1 status item into {into}"),
                        n => format!("moved {n} status items into {into}"),
                    }
                }
                _ => {
                    let titles: Vec<&str> = of_rule
                        .iter()
                        .flat_map(|d| &d.fixes)
                        .map(|f| f.title.as_str())
                        .collect();
                    format!("{} [{rule}]", titles.join("; "))
                }
            };
            format!("fixed: {what} ({})", path.display())
        })
        .collect()
}

pub(super) fn check_command(
    paths: &[PathBuf],
    format: Format,
    fix: bool,
    config_file: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let mut failed = false;
    let mut files = Vec::new();
    for p in paths {
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => files.extend(agendas_below(p)),
            Ok(_) => files.push(p.clone()),
            Err(e) => {
                let _ = writeln!(err, "error: {}: {e}", p.display());
                failed = true;
            }
        }
    }
    let mut configs = ConfigCache::new(config_file);
    let mut checked = Vec::new();
    let progress =
        (files.len() >= PROGRESS_FROM && io::stderr().is_terminal()).then_some(files.len());
    // What a file's check writes to stderr waits here until the bar's line is cleared.
    let mut pending = Vec::new();
    for (done, path) in files.into_iter().enumerate() {
        let bar = progress.map(|total| progress_bar(done, total));
        let shown = progress.is_some() && done > 0;
        let _ = err.write_all(&between_files(&pending, shown, bar.as_deref()));
        let _ = err.flush();
        pending.clear();
        let err = &mut pending;
        let config = configs.for_file(&path, err);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                let _ = writeln!(err, "error: {}: {e}", path.display());
                failed = true;
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let _ = writeln!(
                    err,
                    "error: {}: not UTF-8 text (invalid byte at offset {}); skipped",
                    path.display(),
                    e.utf8_error().valid_up_to()
                );
                failed = true;
                continue;
            }
        };
        // A bug in the engine must not cost the other files their report: contain it,
        // name the file, and leave it untouched.
        let guarded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let (fixed, applied) = if fix {
                fix_all_applied(&text, &config)
            } else {
                (text.clone(), Vec::new())
            };
            let (diagnostics, readiness) = check_text(&fixed, &config);
            (fixed, applied, diagnostics, readiness)
        }));
        let Ok((fixed_text, applied, _, _)) = &guarded else {
            let _ = writeln!(
                err,
                "error: {}: internal error while checking (please report it with this file); skipped",
                path.display()
            );
            failed = true;
            continue;
        };
        let text = if fix {
            let fixed = fixed_text.clone();
            if fixed != text {
                if let Err(e) = write_atomically(&path, &fixed) {
                    let _ = writeln!(
                        err,
                        "error: {}: could not write the fixes ({e}); the file is unchanged",
                        path.display()
                    );
                    failed = true;
                    text
                } else {
                    for line in fixed_lines(&path, applied) {
                        let _ = writeln!(err, "{line}");
                    }
                    fixed
                }
            } else {
                text
            }
        } else {
            text
        };
        let (diagnostics, readiness) = match guarded {
            Ok((fixed, _, diagnostics, readiness)) if fixed == text => (diagnostics, readiness),
            _ => check_text(&text, &config),
        };
        checked.push(Checked {
            path,
            text,
            diagnostics,
            readiness,
        });
    }
    // The last file's lines, and the bar's line cleared before the report.
    let _ = err.write_all(&between_files(&pending, progress.is_some(), None));
    let _ = err.flush();
    let report = match format {
        Format::Json => json_report(&checked),
        Format::Human => human_report(&checked, io::stdout().is_terminal()),
    };
    let _ = out.write_all(report.as_bytes());
    let _ = out.flush();
    if failed {
        2
    } else if checked
        .iter()
        .flat_map(|c| &c.diagnostics)
        .any(|d| d.severity >= Severity::Warning)
    {
        1
    } else {
        0
    }
}

/// Writes through a temporary file in the same folder and a rename (`tempfile`'s
/// `NamedTempFile::persist`), so the file is either the old text or the new one, never a
/// truncated mix. A symlink is written through (its target changes, the link stays); a
/// read-only file is refused; the file keeps its permissions; the temporary file is created
/// fresh (never through an existing path) and removed when anything fails.
pub fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let resolved;
    let path = if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = fs::canonicalize(path)?;
        resolved.as_path()
    } else {
        path
    };
    let meta = fs::metadata(path).ok();
    if meta.as_ref().is_some_and(|m| m.permissions().readonly()) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Dropped (and so deleted) on every early return.
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    if let Some(meta) = &meta {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = fs::File::open(dir) {
        // Make the rename itself durable; not every file system can.
        let _ = d.sync_all();
    }
    Ok(())
}

pub(super) struct ConfigCache<'a> {
    explicit: Option<&'a Path>,
    by_file: HashMap<PathBuf, Config>,
}

impl<'a> ConfigCache<'a> {
    pub(super) fn new(explicit: Option<&'a Path>) -> Self {
        ConfigCache {
            explicit,
            by_file: HashMap::new(),
        }
    }

    /// The configuration for a file, with today's date set.
    pub(super) fn for_file(&mut self, path: &Path, err: &mut impl Write) -> Config {
        Config {
            today: crate::dates::Date::today(),
            ..self.read_files(path, err)
        }
    }

    fn read_files(&mut self, path: &Path, err: &mut impl Write) -> Config {
        let file = match self.explicit {
            Some(p) => Some(p.to_path_buf()),
            None => {
                let abs = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                abs.ancestors()
                    .skip(1)
                    .map(|d| d.join(".oneonone.toml"))
                    .find(|c| c.is_file())
            }
        };
        let Some(file) = file else {
            return Config::default();
        };
        if let Some(c) = self.by_file.get(&file) {
            return c.clone();
        }
        let read = fs::read_to_string(&file).map_err(|e| e.to_string());
        let config = match read.and_then(|text| Config::from_toml(&text).map_err(|e| e.to_string()))
        {
            Ok(c) => c,
            Err(e) => {
                let _ = writeln!(
                    err,
                    "warning: {}: {e}; using the default configuration",
                    file.display()
                );
                Config::default()
            }
        };
        self.by_file.insert(file, config.clone());
        config
    }
}

fn json_report(checked: &[Checked]) -> String {
    let files: Vec<serde_json::Value> = checked
        .iter()
        .map(|c| {
            let index = LineIndex::new(&c.text);
            let diagnostics: Vec<serde_json::Value> = c
                .diagnostics
                .iter()
                .map(|d| {
                    let (line, col) = index.line_col(&c.text, d.range.start);
                    let (end_line, end_col) = index.line_col(&c.text, d.range.end);
                    serde_json::json!({
                        "rule": d.rule,
                        "severity": d.severity.as_str(),
                        "message": d.message,
                        "line": line + 1,
                        "column": col + 1,
                        "end_line": end_line + 1,
                        "end_column": end_col + 1,
                        "fixes": d.fixes.iter().map(|f| serde_json::json!({
                            "title": f.title,
                            "safe": f.safe,
                        })).collect::<Vec<_>>(),
                        "related": d.related.iter().filter(|r| r.file.is_none()).map(|r| {
                            let (line, col) = index.line_col(&c.text, r.range.start);
                            serde_json::json!({
                                "line": line + 1,
                                "column": col + 1,
                                "message": r.message,
                            })
                        }).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::json!({ "path": c.path.display().to_string(), "diagnostics": diagnostics })
        })
        .collect();
    let mut s = serde_json::json!({ "files": files }).to_string();
    s.push('\n');
    s
}

fn human_report(checked: &[Checked], colour: bool) -> String {
    let paint = |code: &str, s: &str| {
        if colour {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let mut counts = [0usize; 4];
    for c in checked {
        let index = LineIndex::new(&c.text);
        if let Some(summary) = &c.readiness {
            out.push_str(&format!("{}: {summary}\n", c.path.display()));
        }
        for d in &c.diagnostics {
            counts[d.severity as usize] += 1;
            let (line, col) = index.line_col(&c.text, d.range.start);
            let (end_line, end_col) = index.line_col(&c.text, d.range.end);
            let sev = match d.severity {
                Severity::Error => paint("1;31", "error"),
                Severity::Warning => paint("1;33", "warning"),
                Severity::Information => paint("1;36", "information"),
                Severity::Hint => paint("2", "hint"),
            };
            out.push_str(&format!(
                "{}:{}:{}: {sev}[{}]: {}\n",
                c.path.display(),
                line + 1,
                col + 1,
                d.rule,
                d.message
            ));
            let source = index.line(&c.text, line);
            let width = if end_line == line {
                end_col.saturating_sub(col).max(1)
            } else {
                source.chars().count().saturating_sub(col).max(1)
            };
            out.push_str(&format!(
                "  {source}\n  {}{}\n",
                " ".repeat(col),
                paint("1;33", &"^".repeat(width))
            ));
            // A file checked on its own has related places in itself only.
            for r in d.related.iter().filter(|r| r.file.is_none()) {
                let (at_line, at_col) = index.line_col(&c.text, r.range.start);
                out.push_str(&format!(
                    "  = note: {}:{}:{}: {}\n",
                    c.path.display(),
                    at_line + 1,
                    at_col + 1,
                    r.message
                ));
            }
            if let Some(f) = d.fixes.first().filter(|f| !f.title.starts_with("Turn off")) {
                out.push_str(&format!("  fix: {}\n", f.title));
            }
        }
    }
    let [hints, infos, warnings, errors] = counts;
    out.push_str(&format!(
        "{} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} information, {hints} hint(s)\n",
        checked.len()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_bar_fills_with_the_files_checked() {
        assert_eq!(
            progress_bar(0, 400),
            "\rchecking 0/400 [                    ]   0%"
        );
        assert_eq!(
            progress_bar(100, 400),
            "\rchecking 100/400 [#####               ]  25%"
        );
        assert_eq!(
            progress_bar(400, 400),
            "\rchecking 400/400 [####################] 100%"
        );
    }

    /// A line written while the bar shows goes on a cleared line of its own, and the bar
    /// is drawn again under it; without a bar the lines go out as they are.
    #[test]
    fn lines_written_during_a_scan_never_land_on_the_bar() {
        let line = b"fixed: moved 5 status items into the pre-read (a.1on1.md)\n";
        let bar = progress_bar(5, 400);
        let out = between_files(line, true, Some(&bar));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("\r\x1b[2K{}{bar}", std::str::from_utf8(line).unwrap())
        );
        // Nothing to print: the bar only redraws itself (it starts with `\r`).
        assert_eq!(between_files(b"", true, Some(&bar)), bar.as_bytes());
        // The first file: no bar yet to clear.
        assert_eq!(
            between_files(b"", false, Some(&progress_bar(0, 400))),
            progress_bar(0, 400).as_bytes()
        );
        // After the last file: the bar's line cleared, then the last lines, no bar.
        assert_eq!(
            between_files(line, true, None),
            [b"\r\x1b[2K".as_slice(), line].concat()
        );
        // No bar (not a terminal, or a small scan): the lines alone, untouched.
        assert_eq!(between_files(line, false, None), line);
        assert_eq!(between_files(b"", false, None), b"");
    }
}
