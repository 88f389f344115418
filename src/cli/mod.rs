//! `oneonone-ls check`, `new`, `preread` and `rules`: the engine on files, for people and scripts.

use crate::guide;
use crate::rules::RULES;
use clap::{Parser, Subcommand, ValueEnum};

mod check;
pub use check::{agendas_below, write_atomically};
use check::{check_command, ConfigCache};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "oneonone-ls",
    version,
    about = "Coaching for 1:1 agendas: a language server and a checker for *.1on1.md files.",
    long_about = "With no command (or with --stdio), serves the Language Server Protocol over stdio.\nLogs go to stderr; set ONEONONE_LOG (error, warn, info, debug, trace) to choose how much."
)]
pub struct Cli {
    /// Serve the Language Server Protocol over stdio (the default).
    #[arg(long, global = false)]
    pub stdio: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check agendas: files, or folders (every *.1on1.md below them).
    Check {
        /// Files or folders to check.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Apply the safe fixes (moving status items into a pre-read) and write each file back.
        #[arg(long)]
        fix: bool,
        /// Configuration file (default: the nearest .oneonone.toml above each file).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Print a fresh agenda, or create FILE with it (never overwrites). With --entry,
    /// start the next entry of the running doc FILE instead (today's date, in the file's
    /// own date style and order; nothing else in the file changes).
    New {
        /// The file to create (or, with --entry, the running doc to add to).
        file: Option<PathBuf>,
        /// Add the next dated entry to the running doc FILE.
        #[arg(long, requires = "file")]
        entry: bool,
        /// The new entry's date (YYYY-MM-DD) instead of today's.
        #[arg(long, requires = "entry", value_parser = parse_date)]
        date: Option<crate::dates::Date>,
    },
    /// The 1:1 series of a running doc or a folder of dated agendas: one line per entry,
    /// oldest to newest (date, outcome, asks, action items opened and closed).
    Series {
        /// A running doc, or a folder of agendas dated by file name or front matter.
        path: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print the pre-read email for the current entry of FILE (the whole agenda when it
    /// has no entries): a subject, the outcome the meeting is for, and the pre-read
    /// items as written. Exits 1 when there is nothing in a pre-read to send.
    Preread {
        /// The agenda or running doc.
        file: PathBuf,
        /// The meeting's date (YYYY-MM-DD) for the subject, instead of the entry's.
        #[arg(long, value_parser = parse_date)]
        date: Option<crate::dates::Date>,
        /// Plain text to paste into any mail client, or Markdown.
        #[arg(long, value_enum, default_value_t = EmailFormat::Text)]
        format: EmailFormat,
        /// Print a mailto: URL to ADDRESS (subject and body encoded) instead of the text.
        #[arg(long, value_name = "ADDRESS")]
        mailto: Option<String>,
    },
    /// List the rules with their ids and default severities.
    Rules {
        /// Print the full rule documentation as Markdown.
        #[arg(long)]
        markdown: bool,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// `preread --format`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum EmailFormat {
    Text,
    Markdown,
}

/// Runs a command and returns the process exit code.
pub fn run(command: Command) -> i32 {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut err = io::stderr().lock();
    match command {
        Command::Check {
            paths,
            format,
            fix,
            config,
        } => check_command(&paths, format, fix, config.as_deref(), &mut out, &mut err),
        Command::New {
            file: Some(file),
            entry: true,
            date,
        } => new_entry_command(&file, date, &mut out, &mut err),
        Command::New { file, .. } => new_command(file.as_deref(), &mut out, &mut err),
        Command::Series { path, format } => {
            crate::series_cli::run(&path, format == Format::Json, &mut out, &mut err)
        }
        Command::Preread {
            file,
            date,
            format,
            mailto,
        } => preread_command(&file, date, format, mailto.as_deref(), &mut out, &mut err),
        Command::Rules { markdown } => {
            let text = if markdown {
                rules_markdown()
            } else {
                rules_table()
            };
            let _ = out.write_all(text.as_bytes());
            0
        }
    }
}

/// `--date 2026-12-08`.
fn parse_date(s: &str) -> Result<crate::dates::Date, String> {
    let mut parts = s.trim().splitn(3, '-').map(str::parse::<u32>);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) => i32::try_from(y)
            .ok()
            .zip(u8::try_from(m).ok().zip(u8::try_from(d).ok()))
            .and_then(|(y, (m, d))| crate::dates::Date::new(y, m, d)),
        _ => None,
    }
    .ok_or_else(|| format!("{s:?} is not a date written YYYY-MM-DD"))
}

/// A file's text, or `None` after saying on `err` why it cannot be read (`note` follows
/// the reason).
fn read_text(path: &Path, note: &str, err: &mut impl Write) -> Option<String> {
    match fs::read(path).map(String::from_utf8) {
        Ok(Ok(text)) => Some(text),
        Ok(Err(_)) => {
            let _ = writeln!(err, "error: {}: not UTF-8 text{note}", path.display());
            None
        }
        Err(e) => {
            let _ = writeln!(err, "error: {}: {e}{note}", path.display());
            None
        }
    }
}

/// `new --entry FILE`: inserts the next entry into a running doc, and writes nothing else.
fn new_entry_command(
    path: &Path,
    date: Option<crate::dates::Date>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let Some(text) = read_text(path, " (nothing was written)", err) else {
        return 2;
    };
    let Some(today) = date.or_else(crate::dates::Date::today) else {
        let _ = writeln!(
            err,
            "error: the system clock gives no date; pass --date YYYY-MM-DD"
        );
        return 2;
    };
    let entries = crate::entries::Entries::find(&text, Some(today));
    let Some(edit) = crate::entries::next_entry(&text, &entries, today) else {
        let why = if entries.list.iter().any(|e| e.date.is_some()) {
            "it already has an entry for the next meeting (marked next, or dated that day or later)"
        } else {
            "it has no dated entry to follow (an entry is a heading or bold line that is a date, such as `## 2026-11-17` or `**Nov 3**`)"
        };
        let _ = writeln!(
            err,
            "{}: no new entry: {why}; nothing was written",
            path.display()
        );
        return 1;
    };
    let (new_text, _) = crate::apply_edits(&text, std::slice::from_ref(&edit));
    match write_atomically(path, &new_text) {
        Ok(()) => {
            let heading = edit.replacement.trim_start().lines().next().unwrap_or("");
            let _ = writeln!(out, "{}: started the next entry: {heading}", path.display());
            0
        }
        Err(e) => {
            let _ = writeln!(err, "error: {}: {e} (nothing was written)", path.display());
            2
        }
    }
}

/// `preread FILE`: prints the pre-read email (or its `mailto:` URL); writes nothing.
fn preread_command(
    path: &Path,
    date: Option<crate::dates::Date>,
    format: EmailFormat,
    mailto: Option<&str>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let Some(text) = read_text(path, "", err) else {
        return 2;
    };
    let config = ConfigCache::new(None).for_file(path, err);
    let guarded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::preread::email(&text, &config, date)
    }));
    match guarded {
        Ok(Ok(email)) => {
            let printed = match (mailto, format) {
                (Some(to), _) => format!("{}\n", email.mailto(to)),
                (None, EmailFormat::Text) => email.render(crate::preread::Format::Text),
                (None, EmailFormat::Markdown) => email.render(crate::preread::Format::Markdown),
            };
            let _ = out.write_all(printed.as_bytes());
            0
        }
        Ok(Err(nothing)) => {
            let _ = writeln!(err, "{}: {nothing}", path.display());
            1
        }
        Err(_) => {
            let _ = writeln!(
                err,
                "error: {}: internal error while reading the pre-read (please report it with this file)",
                path.display()
            );
            2
        }
    }
}

fn new_command(file: Option<&Path>, out: &mut impl Write, err: &mut impl Write) -> i32 {
    let text = guide::agenda(false);
    let Some(path) = file else {
        let _ = out.write_all(text.as_bytes());
        return 0;
    };
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut f) => match f.write_all(text.as_bytes()) {
            Ok(()) => {
                let _ = writeln!(out, "created {}", path.display());
                0
            }
            Err(e) => {
                let _ = writeln!(err, "error: {}: {e}", path.display());
                2
            }
        },
        Err(e) => {
            let _ = writeln!(err, "error: {}: {e} (nothing was written)", path.display());
            2
        }
    }
}

fn rules_table() -> String {
    let mut out = String::new();
    for r in RULES {
        let sev = r.default_severity.map_or("off", |s| s.as_str());
        out.push_str(&format!("{:<22} {:<12} {}\n", r.id, sev, r.summary));
    }
    out
}

/// The rule reference (docs/rules.md), generated from the rule table.
pub fn rules_markdown() -> String {
    let mut out = String::from("# Rules\n\n<!-- Generated by `oneonone-ls rules --markdown`; edit the rule files, not this page. -->\n\nEvery rule has a stable id. Use it to change its severity in `.oneonone.toml` or the editor settings (`off`, `hint`, `information`, `warning`, `error`), or to turn it off for one file with `<!-- oneonone-disable RULE -->` (several ids may follow, separated by spaces or commas; with no id, every rule is off for that file).\n\n| id | default | what it catches |\n|---|---|---|\n");
    for r in RULES {
        let sev = r.default_severity.map_or("off", |s| s.as_str());
        out.push_str(&format!(
            "| [`{}`](#{}) | {sev} | {} |\n",
            r.id, r.id, r.summary
        ));
    }
    for r in RULES {
        let sev = r.default_severity.map_or("off", |s| s.as_str());
        out.push_str(&format!(
            "\n## {}\n\nDefault severity: {sev}.\n\n**What it does.** {}\n\n**Why it matters.** {}\n\n**Example.**\n\n```markdown\n{}\n```\n\n**The fix.** {}\n\n**Turning it off.** `<!-- oneonone-disable {} -->` in the file, or `{} = \"off\"` under `[rules]` in `.oneonone.toml`.\n",
            r.id, r.docs.what, r.docs.why, r.docs.example, r.docs.fix, r.id, r.id
        ));
    }
    out
}
