//! The command line, run as a process: output formats, exit codes, fixes, `new`.

use std::path::Path;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_oneonone-ls"))
}

fn run(args: &[&str], dir: &Path) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run oneonone-ls")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const WEAK: &str = include_str!("../examples/weak.1on1.md");
const STRONG: &str = include_str!("../examples/strong.1on1.md");

#[test]
fn human_output_names_file_line_rule_and_shows_the_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("w.1on1.md"), WEAK).unwrap();
    let o = run(&["check", "w.1on1.md"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    // Each file starts with its readiness at a glance.
    assert!(
        out.starts_with("w.1on1.md: Outcome ✗ · Insight ✗ · Ask ✗\n"),
        "{out}"
    );
    assert!(
        out.contains("w.1on1.md:3:1: warning[vague-opening]: "),
        "{out}"
    );
    assert!(
        out.contains("  We're still working on the pricing page refresh.\n  ^^^^"),
        "{out}"
    );
    assert!(
        out.contains("w.1on1.md:13:1: warning[handoff-closing]"),
        "{out}"
    );
    assert!(!out.contains("\x1b["), "no colour when not a terminal");
    assert!(
        out.ends_with("1 file(s) checked: 0 error(s), 4 warning(s), 2 information, 0 hint(s)\n"),
        "{out}"
    );
}

#[test]
fn json_output_has_one_based_character_columns() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("e.1on1.md"),
        "# 🎯 1:1\r\n\r\nBusy week! Thoughts?\r\n",
    )
    .unwrap();
    let o = run(&["check", "--format", "json", "e.1on1.md"], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let handoff = diags
        .iter()
        .find(|d| d["rule"] == "handoff-closing")
        .unwrap();
    assert_eq!(
        (handoff["line"].as_u64(), handoff["column"].as_u64()),
        (Some(3), Some(12))
    );
    assert_eq!(
        (handoff["end_line"].as_u64(), handoff["end_column"].as_u64()),
        (Some(3), Some(21))
    );
    assert_eq!(handoff["severity"], "warning");
    assert!(handoff["fixes"][0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Replace with"));
    assert_eq!(v["files"][0]["path"], "e.1on1.md");
}

#[test]
fn folders_mean_every_agenda_below_and_exit_codes_follow_severity() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("a/node_modules")).unwrap();
    std::fs::write(dir.path().join("a/good.1on1.md"), STRONG).unwrap();
    std::fs::write(dir.path().join("a/notes.md"), WEAK).unwrap();
    std::fs::write(dir.path().join("a/node_modules/x.1on1.md"), WEAK).unwrap();
    let o = run(&["check", "--format", "json", "a"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
    // Only information-level findings: still exit 0.
    std::fs::write(
        dir.path().join("a/info.1on1.md"),
        "My recommendation is to hire.\n",
    )
    .unwrap();
    assert_eq!(run(&["check", "a"], dir.path()).status.code(), Some(0));
}

#[test]
fn a_folder_walk_honours_gitignore_and_skips_hidden_folders() {
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path().join("notes");
    for d in ["2026/q4", ".archive", "scratch"] {
        std::fs::create_dir_all(w.join(d)).unwrap();
    }
    for f in [
        "top.1on1.md",
        "2026/q4/nested.1on1.md",
        "private.1on1.md",
        "scratch/s.1on1.md",
        ".archive/old.1on1.md",
    ] {
        std::fs::write(w.join(f), STRONG).unwrap();
    }
    // Not a git repository: the .gitignore still counts.
    std::fs::write(w.join(".gitignore"), "private.1on1.md\nscratch/\n").unwrap();
    let o = run(&["check", "--format", "json", "notes"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["notes/2026/q4/nested.1on1.md", "notes/top.1on1.md"]);
    // A file named on the command line is checked even when ignored.
    let o = run(&["check", "notes/private.1on1.md"], dir.path());
    assert_eq!(
        stdout(&o),
        "notes/private.1on1.md: Outcome ✓ · Insight ✓ · Ask ✓\n1 file(s) checked: 0 error(s), 0 warning(s), 0 information, 0 hint(s)\n",
    );
}

/// `check --fix` names each file it changed and what it did there, and says nothing
/// about a file it left alone.
#[test]
fn fix_says_what_it_did_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let with_pre_read = format!("{WEAK}\n## Pre-read\n\n- Budget review done\n");
    std::fs::write(dir.path().join("p.1on1.md"), &with_pre_read).unwrap();
    std::fs::write(dir.path().join("s.1on1.md"), STRONG).unwrap();
    std::fs::write(dir.path().join("w.1on1.md"), WEAK).unwrap();
    let o = run(&["check", "--fix", "."], dir.path());
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "fixed: moved 5 status items into the pre-read (./p.1on1.md)\nfixed: moved 5 status items into a new pre-read part (./w.1on1.md)\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("s.1on1.md")).unwrap(),
        STRONG
    );
}

/// The progress bar is for a person at a terminal: with stderr a pipe, a folder of many
/// agendas is checked without one.
#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..320 {
        std::fs::write(dir.path().join(format!("{i:03}.1on1.md")), STRONG).unwrap();
    }
    let o = run(&["check", "."], dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    assert!(stdout(&o)
        .ends_with("320 file(s) checked: 0 error(s), 0 warning(s), 0 information, 0 hint(s)\n"));
}

#[test]
fn unreadable_and_non_utf8_files_are_named_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.1on1.md"), b"# \xff\xfe\n").unwrap();
    std::fs::write(dir.path().join("w.1on1.md"), WEAK).unwrap();
    let o = run(
        &["check", "bad.1on1.md", "missing.1on1.md", "w.1on1.md"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.1on1.md: not UTF-8 text"), "{err}");
    assert!(err.contains("missing.1on1.md: "), "{err}");
    assert!(
        stdout(&o).contains("w.1on1.md:3:1"),
        "the readable file is still checked"
    );
    // Usage errors are exit 2 as well.
    assert_eq!(run(&["check"], dir.path()).status.code(), Some(2));
    assert_eq!(
        run(&["check", "--format", "xml", "w.1on1.md"], dir.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn fix_moves_status_into_a_pre_read_and_keeps_every_word() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.1on1.md");
    std::fs::write(&path, WEAK).unwrap();
    let o = run(&["check", "--fix", "w.1on1.md"], dir.path());
    assert_eq!(o.status.code(), Some(1), "other warnings remain");
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(
        fixed
            .contains("## Pre-read (send before the meeting)\n\n- Shipped the new welcome email\n"),
        "{fixed}"
    );
    assert!(!stdout(&o).contains("status-dump"));
    // What it did, on stderr, one line per kind of fix.
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "fixed: moved 5 status items into a new pre-read part (w.1on1.md)\n"
    );
    // Nothing more to fix: nothing said.
    let again = run(&["check", "--fix", "w.1on1.md"], dir.path());
    assert_eq!(String::from_utf8_lossy(&again.stderr), "");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
    // No placeholder was inserted: the unsafe fixes were not applied.
    assert!(!fixed.contains('…'), "{fixed}");
    let words = |t: &str| {
        let mut w: Vec<String> = t.split_whitespace().map(str::to_string).collect();
        w.sort();
        w
    };
    let added = words("## Pre-read (send before the meeting)");
    let mut expected = words(WEAK);
    expected.extend(added);
    expected.sort();
    assert_eq!(words(&fixed), expected);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left: {leftovers:?}");
}

#[test]
fn config_file_changes_severity_and_a_broken_one_falls_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("w.1on1.md"), "Thoughts?\n").unwrap();
    std::fs::write(
        dir.path().join(".oneonone.toml"),
        "[rules]\nhandoff-closing = \"off\"\nmissing-ask = \"hint\"\n",
    )
    .unwrap();
    let o = run(&["check", "w.1on1.md"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(!stdout(&o).contains("handoff-closing"));
    std::fs::write(
        dir.path().join(".oneonone.toml"),
        "[rules]\nhandoff-closing = 3\n",
    )
    .unwrap();
    let o = run(&["check", "w.1on1.md"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(".oneonone.toml: line 2: `rules.handoff-closing`"),
        "{err}"
    );
}

#[test]
fn new_prints_or_creates_an_agenda_without_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["new"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for heading in [
        "## The outcome",
        "## The insight",
        "## The leadership move",
        "## Pre-read",
    ] {
        assert!(text.contains(heading), "{text}");
    }
    assert_eq!(
        run(&["new", "x.1on1.md"], dir.path()).status.code(),
        Some(0)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("x.1on1.md")).unwrap(),
        text
    );
    std::fs::write(dir.path().join("x.1on1.md"), "mine").unwrap();
    assert_eq!(
        run(&["new", "x.1on1.md"], dir.path()).status.code(),
        Some(2)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("x.1on1.md")).unwrap(),
        "mine"
    );
}

#[test]
fn docs_rules_md_is_generated_from_the_rule_table() {
    let o = run(&["rules", "--markdown"], Path::new("."));
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md")).unwrap();
    assert_eq!(
        stdout(&o),
        committed,
        "docs/rules.md is stale: run `cargo run -- rules --markdown > docs/rules.md`"
    );
}

#[test]
fn the_readme_shows_the_real_output_of_the_first_command() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let after = readme
        .split_once("Its complete output")
        .expect("README introduces the sample output")
        .1;
    let block = after
        .split_once("```text\n")
        .and_then(|(_, rest)| rest.split_once("```\n"))
        .expect("a text block after it")
        .0;
    let o = run(&["check", "examples/weak.1on1.md"], root);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        block,
        stdout(&o),
        "README's sample output is stale: paste the output of `cargo run --release -- check examples/weak.1on1.md`"
    );
}

#[test]
fn new_entry_starts_the_next_entry_of_a_running_doc() {
    let dir = tempfile::tempdir().unwrap();
    // Newest first, CRLF: the entry goes on top of the newest, in the file's ISO style.
    let newest_first = "# Dana\r\n\r\n## Parking lot\r\n- Offsite\r\n\r\n## 2026-11-16\r\nA.\r\n\r\n## 2026-11-09\r\nB.\r\n";
    std::fs::write(dir.path().join("dana.1on1.md"), newest_first).unwrap();
    let o = run(
        &["new", "--entry", "dana.1on1.md", "--date", "2026-12-08"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(
        stdout(&o).contains("started the next entry: ## 2026-12-08"),
        "{o:?}"
    );
    let after = std::fs::read_to_string(dir.path().join("dana.1on1.md")).unwrap();
    let at = newest_first.find("## 2026-11-16").unwrap();
    assert!(after.starts_with(&newest_first[..at]));
    assert!(after.ends_with(&newest_first[at..]));
    let inserted = &after[at..after.len() - (newest_first.len() - at)];
    assert!(
        inserted.starts_with("## 2026-12-08\r\n\r\n### The outcome\r\n"),
        "{inserted:?}"
    );
    assert!(
        !inserted.replace("\r\n", "").contains('\n'),
        "CRLF kept: {inserted:?}"
    );
    // Again for the same day: nothing to start, nothing written.
    let o = run(
        &["new", "--entry", "dana.1on1.md", "--date", "2026-12-08"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing was written"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("dana.1on1.md")).unwrap(),
        after
    );

    // Oldest first, bold month-day dates: the entry goes at the end, written the same way.
    let oldest_first = "**Oct 6**\nOne.\n\n**Nov 3**\nThree.\n";
    std::fs::write(dir.path().join("lin.1on1.md"), oldest_first).unwrap();
    let o = run(
        &["new", "--entry", "lin.1on1.md", "--date", "2026-12-08"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let after = std::fs::read_to_string(dir.path().join("lin.1on1.md")).unwrap();
    assert!(after.starts_with(oldest_first));
    assert!(
        after[oldest_first.len()..].starts_with("\n**Dec 8**\n\n**Outcome:**"),
        "{after}"
    );

    // Not a running doc, a date that does not parse, a missing file: clear messages.
    std::fs::write(dir.path().join("plain.1on1.md"), WEAK).unwrap();
    let o = run(&["new", "--entry", "plain.1on1.md"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no dated entry"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plain.1on1.md")).unwrap(),
        WEAK
    );
    let o = run(
        &["new", "--entry", "lin.1on1.md", "--date", "2026-13-40"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a date"));
    let o = run(&["new", "--entry", "missing.1on1.md"], dir.path());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn series_prints_one_line_per_entry_oldest_first_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let doc = "# Log\n\n## 2026-11-16\n\nMy recommendation is to buy the connector.\n\n- [ ] Send the deck @ana\n\n## 2026-11-09\n\nThe outcome I'm driving is month-end close in four days by February.\n\n- [x] Book the offsite\n";
    std::fs::write(dir.path().join("log.1on1.md"), doc).unwrap();
    let o = run(&["series", "log.1on1.md"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].contains("2026-11-09") && lines[0].contains("month-end close"),
        "{out}"
    );
    assert!(
        lines[1].starts_with('*') && lines[1].contains("2026-11-16"),
        "{out}"
    );
    assert!(
        lines[1].contains("buy the connector") && lines[1].ends_with("(current)"),
        "{out}"
    );
    let o = run(&["series", "--format", "json", "log.1on1.md"], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries[0]["date"], "2026-11-09");
    assert_eq!(entries[0]["actions"]["closed"], 1);
    assert_eq!(entries[1]["current"], true);
    assert_eq!(entries[1]["actions"]["items"][0]["owner"], "ana");
    // Not a running doc: a clear message and exit 2.
    std::fs::write(dir.path().join("plain.1on1.md"), WEAK).unwrap();
    let o = run(&["series", "plain.1on1.md"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no dated entries"));
}

/// A running doc whose current entry (on top) holds every part and a pre-read in two
/// groups, in CRLF with non-ASCII text; the older entry has a pre-read of its own.
const PREREAD_DOC: &str = "# Dana / Zoë\r\n\r\n## 2026-12-08\r\n\r\n### Outcome\r\nClose the books in four days by February.\r\n\r\n### Insight\r\nWhat I'm seeing is that late items are manual reconciliations.\r\n\r\n### Leadership move\r\nMy recommendation is to buy the connector.\r\n\r\n### Pre-read\r\n\r\n#### Status\r\n- Shipped the café menu — 80% of sites\r\n- Finished the São Paulo interviews\r\n\r\n#### FYI\r\n- Offsite moved to Jan 12\r\n\r\n## 2026-12-01\r\n\r\n### Pre-read\r\n- An old item\r\n";

#[test]
fn preread_prints_the_current_entrys_email_in_text_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dana.1on1.md"), PREREAD_DOC).unwrap();
    let o = run(&["preread", "dana.1on1.md"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(
        stdout(&o),
        "Subject: Pre-read for our 1:1 on Tue 8 Dec\n\nHere is the routine status ahead of our 1:1, so that the meeting can go to the outcome I'm driving: \"Close the books in four days by February\".\n\nStatus\n- Shipped the café menu — 80% of sites\n- Finished the São Paulo interviews\n\nFYI\n- Offsite moved to Jan 12\n"
    );
    let o = run(
        &["preread", "dana.1on1.md", "--format", "markdown"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let md = stdout(&o);
    assert!(
        md.starts_with("**Subject:** Pre-read for our 1:1 on Tue 8 Dec\n\n"),
        "{md}"
    );
    assert!(
        md.contains("\n### Status\n\n- Shipped the café menu"),
        "{md}"
    );
    assert!(
        md.contains("\n### FYI\n\n- Offsite moved to Jan 12\n"),
        "{md}"
    );
    // No ask, no insight, no history.
    for absent in ["recommendation", "What I'm seeing", "old item"] {
        assert!(!md.contains(absent), "{absent} in {md}");
    }
    // --date names another day.
    let o = run(
        &["preread", "dana.1on1.md", "--date", "2026-12-10"],
        dir.path(),
    );
    assert!(stdout(&o).starts_with("Subject: Pre-read for our 1:1 on Thu 10 Dec\n"));
    // The file is never written.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("dana.1on1.md")).unwrap(),
        PREREAD_DOC
    );
}

#[test]
fn preread_mailto_encodes_utf8_and_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dana.1on1.md"), PREREAD_DOC).unwrap();
    let o = run(
        &["preread", "dana.1on1.md", "--mailto", "dana@example.com"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let url = stdout(&o);
    let url = url.strip_suffix('\n').expect("one line");
    assert!(!url.contains(['\n', '\r', ' ']), "{url}");
    assert!(
        url.starts_with(
            "mailto:dana@example.com?subject=Pre-read%20for%20our%201%3A1%20on%20Tue%208%20Dec&body=Here%20is%20"
        ),
        "{url}"
    );
    // "café" and "—" as UTF-8, every line break as CRLF, a blank line as two.
    assert!(
        url.contains("%0D%0A%0D%0AStatus%0D%0A-%20Shipped%20the%20caf%C3%A9%20menu%20%E2%80%94%2080%25%20of%20sites%0D%0A-%20Finished%20the%20S%C3%A3o%20Paulo"),
        "{url}"
    );
    assert!(url.ends_with("Jan%2012%0D%0A"), "{url}");
    // Decoding gives the text body back, with CRLF line breaks.
    let body = url.split_once("&body=").unwrap().1;
    let text_body = stdout(&run(&["preread", "dana.1on1.md"], dir.path()))
        .split_once("\n\n")
        .unwrap()
        .1
        .replace('\n', "\r\n");
    assert_eq!(percent_decode(body), text_body);
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn preread_with_nothing_to_send_or_a_bad_date_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("w.1on1.md"), WEAK).unwrap();
    let o = run(&["preread", "w.1on1.md"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("w.1on1.md: Nothing to send yet: there is no pre-read part")
            && err.contains("pre-read first"),
        "{err}"
    );
    // After the status move there is something to send.
    assert_eq!(
        run(&["check", "--fix", "w.1on1.md"], dir.path())
            .status
            .code(),
        Some(1)
    );
    let o = run(&["preread", "w.1on1.md"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(stdout(&o).contains("\n- Shipped"), "{}", stdout(&o));

    let o = run(
        &["preread", "w.1on1.md", "--date", "2026-13-01"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("is not a date written YYYY-MM-DD"),
        "{o:?}"
    );
    let o = run(&["preread", "missing.1on1.md"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.1on1.md"));
}

#[test]
fn the_readme_shows_the_real_pre_read_of_the_strong_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let command = "$ oneonone-ls preread examples/strong.1on1.md\n";
    let block = readme
        .split_once(command)
        .and_then(|(_, rest)| rest.split_once("```\n"))
        .expect("README shows `oneonone-ls preread examples/strong.1on1.md` in a text block")
        .0;
    let o = run(&["preread", "examples/strong.1on1.md"], root);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(block, stdout(&o), "README's pre-read sample is stale");
}

/// The Helix way (`:pipe-to oneonone-ls preread /dev/stdin`): the buffer on stdin.
#[cfg(unix)]
#[test]
fn preread_reads_the_agenda_from_stdin_as_a_file() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let mut child = bin()
        .args(["preread", "/dev/stdin"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(PREREAD_DOC.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(stdout(&o).starts_with("Subject: Pre-read for our 1:1 on Tue 8 Dec\n"));
}
