//! `lsp-bench`: measures language servers through the real protocol over stdio.
//!
//! With no server given it measures a no-op floor server (this binary with `--noop-server`) and
//! `oneonone-ls`, and prints every figure with its ratio to the floor. `--compare CMD` (repeatable)
//! or `-- CMD…` adds other servers side by side. See BENCHMARKS.md for the method and results.
//!
//! Run through cargo (`cargo run --release -p lsp-bench -- …`), it first builds `oneonone-ls`
//! with the same profile, so one command measures the current source.

mod agenda;
mod client;
mod doc;
mod noop;
mod phases;
mod proto;
mod report;

use clap::Parser;
use client::ServerSpec;
use phases::{Settings, Workspace};
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

const PHASES: &[&str] = &[
    "cold",
    "first-open",
    "open",
    "keys",
    "running",
    "big",
    "requests",
    "workspace",
    "rss",
];

#[derive(Parser, Debug)]
#[command(
    name = "lsp-bench",
    about = "Measure language servers over stdio: cold start, first open, open, keystroke→diagnostics, \
             running docs, big documents, requests, workspace scan and memory, side by side with a no-op \
             floor server.",
    after_help = "Examples:\n  lsp-bench --quick\n  lsp-bench --phases keys,requests --compare 'harper-ls --stdio'\n  \
                  lsp-bench --no-ours -- /path/to/other-server --stdio"
)]
struct Cli {
    /// Act as the no-op floor server on stdio (answers requests with null, publishes empty diagnostics).
    #[arg(long)]
    noop_server: bool,
    /// Phases to run (comma-separated): cold,first-open,open,keys,running,big,requests,workspace,rss
    /// (or all).
    #[arg(long, value_delimiter = ',', default_value = "all")]
    phases: Vec<String>,
    /// Small sizes for a run of a minute or two (explicit size options still win).
    #[arg(long)]
    quick: bool,
    /// Spawns for the cold-start median [20; quick 5].
    #[arg(long)]
    cold_spawns: Option<usize>,
    /// Fresh servers sent a didOpen right after `initialized`, for the first-open figures [10; quick 3].
    #[arg(long)]
    first_opens: Option<usize>,
    /// Typical agendas opened one after the other [20; quick 5].
    #[arg(long)]
    opens: Option<usize>,
    /// Keystrokes typed into the typical agenda, each waited for [2000; quick 200].
    #[arg(long)]
    keys: Option<usize>,
    /// Edits per burst, sent without waiting [200; quick 50].
    #[arg(long)]
    burst: Option<usize>,
    /// Big agenda sizes in MB [1,10; quick 1].
    #[arg(long, value_delimiter = ',')]
    big_mb: Option<Vec<f64>>,
    /// Keystrokes for each big size, matched by position, the last repeating [50,10; quick 10].
    #[arg(long, value_delimiter = ',')]
    big_keys: Option<Vec<usize>>,
    /// Running doc sizes in KB (weekly entries of about 1 KB, newest first) [200,500; none
    /// when --running-entries is given].
    #[arg(long, value_delimiter = ',')]
    running_kb: Option<Vec<f64>>,
    /// Running docs of so many entries (the same entries as --running-kb's), after those by size.
    #[arg(long, value_delimiter = ',')]
    running_entries: Option<Vec<usize>>,
    /// Keystrokes typed into the current entry of each running doc, then as many into an old
    /// entry [500; quick 50].
    #[arg(long)]
    running_keys: Option<usize>,
    /// Requests of each kind (completion, code action, hover) [500; quick 100].
    #[arg(long)]
    requests: Option<usize>,
    /// Agendas in the generated workspace [10000; quick 1000].
    #[arg(long)]
    workspace_files: Option<usize>,
    /// Seconds to wait for the whole workspace to be checked [60].
    #[arg(long, default_value_t = 60)]
    workspace_timeout: u64,
    /// Give up on the workspace after this many seconds without a new agenda's diagnostics [5].
    #[arg(long, default_value_t = 5)]
    workspace_stall: u64,
    /// didOpen/didClose cycles for the memory phase [10000; quick 1000].
    #[arg(long)]
    cycles: Option<usize>,
    /// Milliseconds to wait for one response or one version's diagnostics (big documents get more).
    #[arg(long, default_value_t = 5000)]
    timeout_ms: u64,
    /// Seconds one series (keystrokes, requests of one kind, open/close cycles) may take [180].
    #[arg(long, default_value_t = 180)]
    phase_timeout: u64,
    /// Stop the open/close cycles when the server's RSS passes this many MiB [4096].
    #[arg(long, default_value_t = 4096)]
    rss_limit_mib: u64,
    /// Seed of the generated agendas.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Our server's binary [run through cargo: built with this binary's profile; else next to
    /// this binary, else target/release/oneonone-ls].
    #[arg(long)]
    ours: Option<PathBuf>,
    /// Do not measure oneonone-ls.
    #[arg(long)]
    no_ours: bool,
    /// Do not measure the no-op floor.
    #[arg(long)]
    no_noop: bool,
    /// Another server to measure side by side, as one string: program and arguments (repeatable).
    #[arg(long)]
    compare: Vec<String>,
    /// Print JSON instead of the table.
    #[arg(long)]
    json: bool,
    /// Print the report of a saved JSON run (from --json or --json-out) and exit.
    #[arg(long, value_name = "FILE")]
    render: Option<PathBuf>,
    /// Also write the JSON to this file (the table still goes to stdout).
    #[arg(long)]
    json_out: Option<PathBuf>,
    /// Append the servers' stderr to this file (default: discarded).
    #[arg(long)]
    server_stderr: Option<PathBuf>,
    /// Exit with status 1 if oneonone-ls missed any measurement (an error note or an n/a figure):
    /// a smoke test for CI.
    #[arg(long)]
    strict: bool,
    /// Keep the generated workspace directory.
    #[arg(long)]
    keep_workspace: bool,
    /// Another server command to compare (after `--`).
    #[arg(last = true)]
    server: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.noop_server {
        return match noop::serve() {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::FAILURE,
        };
    }
    if let Some(p) = &cli.render {
        let parsed = std::fs::read_to_string(p)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()));
        return match parsed {
            Ok(v) => {
                print!("{}", render(&v));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("lsp-bench: cannot read {}: {e}", p.display());
                ExitCode::from(2)
            }
        };
    }
    for p in &cli.phases {
        if p != "all" && !PHASES.contains(&p.as_str()) {
            eprintln!(
                "lsp-bench: unknown phase {p:?}; phases are {} (or all)",
                PHASES.join(",")
            );
            return ExitCode::from(2);
        }
    }
    let q = cli.quick;
    let pick =
        |v: Option<usize>, full: usize, quick: usize| v.unwrap_or(if q { quick } else { full });
    let settings = Settings {
        phases: cli.phases.clone(),
        cold_spawns: pick(cli.cold_spawns, 20, 5),
        first_opens: pick(cli.first_opens, 10, 3),
        opens: pick(cli.opens, 20, 5),
        keys: pick(cli.keys, 2000, 200),
        burst: pick(cli.burst, 200, 50),
        big_mb: cli
            .big_mb
            .clone()
            .unwrap_or(if q { vec![1.0] } else { vec![1.0, 10.0] }),
        big_keys: cli
            .big_keys
            .clone()
            .unwrap_or(if q { vec![10] } else { vec![50, 10] }),
        running_kb: cli
            .running_kb
            .clone()
            .unwrap_or(if cli.running_entries.is_some() {
                Vec::new()
            } else {
                vec![200.0, 500.0]
            }),
        running_entries: cli.running_entries.clone().unwrap_or_default(),
        running_keys: pick(cli.running_keys, 500, 50),
        requests: pick(cli.requests, 500, 100),
        ws_files: pick(cli.workspace_files, 10_000, 1000),
        ws_timeout: Duration::from_secs(cli.workspace_timeout),
        ws_stall: Duration::from_secs(cli.workspace_stall),
        cycles: pick(cli.cycles, 10_000, 1000),
        timeout: Duration::from_millis(cli.timeout_ms),
        phase_timeout: Duration::from_secs(cli.phase_timeout),
        rss_limit_mib: cli.rss_limit_mib,
        seed: cli.seed,
        server_stderr: cli.server_stderr.clone(),
    };

    let mut servers = Vec::new();
    let mut notes = Vec::new();
    let me = std::env::current_exe().ok();
    if !cli.no_noop {
        match &me {
            Some(me) => servers.push(ServerSpec {
                name: "noop".into(),
                program: me.to_string_lossy().into_owned(),
                args: vec!["--noop-server".into()],
            }),
            None => notes.push("cannot find this binary to run the noop floor".to_string()),
        }
    }
    if !cli.no_ours {
        let built = if cli.ours.is_none() {
            match build_ours(me.as_deref()) {
                Ok(built) => built,
                Err(e) => {
                    eprintln!("lsp-bench: {e}");
                    return ExitCode::from(2);
                }
            }
        } else {
            None
        };
        let ours = cli.ours.clone().or(built);
        let candidates = ours.clone().into_iter().chain(if ours.is_none() {
            vec![
                me.as_ref()
                    .and_then(|m| m.parent())
                    .map(|d| d.join("oneonone-ls")),
                Some(PathBuf::from("target/release/oneonone-ls")),
            ]
            .into_iter()
            .flatten()
            .collect()
        } else {
            vec![]
        });
        match candidates.into_iter().find(|p| p.is_file()) {
            Some(p) => servers.push(ServerSpec {
                name: "oneonone-ls".into(),
                program: p.to_string_lossy().into_owned(),
                args: vec![],
            }),
            None => {
                let n = "oneonone-ls not found (run `cargo build --release`, or pass --ours PATH)";
                eprintln!("lsp-bench: {n}");
                notes.push(n.to_string());
            }
        }
    }
    let extra = cli
        .compare
        .iter()
        .map(|c| c.split_whitespace().map(str::to_owned).collect::<Vec<_>>());
    for words in extra.chain((!cli.server.is_empty()).then(|| cli.server.clone())) {
        let Some((program, args)) = words.split_first() else {
            continue;
        };
        let base = std::path::Path::new(program)
            .file_name()
            .map_or(program.clone(), |n| n.to_string_lossy().into_owned());
        let mut name = base.clone();
        let mut k = 2;
        while servers.iter().any(|s: &ServerSpec| s.name == name) {
            name = format!("{base}#{k}");
            k += 1;
        }
        servers.push(ServerSpec {
            name,
            program: program.clone(),
            args: args.to_vec(),
        });
    }
    if servers.is_empty() {
        eprintln!("lsp-bench: no server to measure");
        return ExitCode::from(2);
    }

    // Which build of ours is measured: HEAD and the binary's age when the run starts.
    let build = servers.iter().find(|s| s.name == "oneonone-ls").map(|s| {
        let age = std::fs::metadata(&s.program)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .map(|d| d.as_secs());
        let head = std::process::Command::new("git")
            .args(["rev-parse", "--short", "HEAD"])
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
        json!({ "git_head": head, "binary_age_s_at_start": age })
    });
    // Run private copies of our own binaries: other builds in the same target directory may
    // replace them while the bench runs, and one run must measure one build.
    let bin_dir = std::env::temp_dir().join(format!("lsp-bench-bin-{}", std::process::id()));
    let mut run_specs = servers.clone();
    for spec in run_specs
        .iter_mut()
        .filter(|s| s.name == "noop" || s.name == "oneonone-ls")
    {
        let src = PathBuf::from(&spec.program);
        let dst = bin_dir.join(&spec.name);
        let copied = std::fs::create_dir_all(&bin_dir).and_then(|()| std::fs::copy(&src, &dst));
        match copied {
            Ok(_) => spec.program = dst.to_string_lossy().into_owned(),
            Err(e) => eprintln!(
                "lsp-bench: cannot copy {}: {e}; running it in place",
                src.display()
            ),
        }
    }

    let ws = if settings.has("workspace") {
        eprintln!(
            "lsp-bench: generating a workspace of {} agendas",
            settings.ws_files
        );
        match Workspace::create(settings.ws_files, settings.seed) {
            Ok(ws) => Some(ws),
            Err(e) => {
                notes.push(format!("cannot create the workspace: {e}"));
                None
            }
        }
    } else {
        None
    };

    let results: Vec<_> = servers
        .iter()
        .zip(&run_specs)
        .map(|(shown, run)| {
            let mut r = phases::run(run, &settings, ws.as_ref());
            r.command = shown.command_line();
            r
        })
        .collect();
    let _ = std::fs::remove_dir_all(&bin_dir);
    if let Some(ws) = &ws {
        if cli.keep_workspace {
            eprintln!("lsp-bench: workspace kept at {}", ws.root.display());
        } else {
            ws.remove();
        }
    }

    let out = json!({
        "machine": machine(),
        "oneonone_ls_build": build,
        "settings": {
            "phases": settings.phases, "cold_spawns": settings.cold_spawns,
            "first_opens": settings.first_opens, "opens": settings.opens,
            "keys": settings.keys, "burst": settings.burst, "big_mb": settings.big_mb,
            "big_keys": settings.big_keys, "running_kb": settings.running_kb,
            "running_entries": settings.running_entries,
            "running_keys": settings.running_keys, "requests": settings.requests,
            "workspace_files": settings.ws_files, "cycles": settings.cycles,
            "timeout_ms": settings.timeout.as_millis() as u64, "seed": settings.seed
        },
        "notes": notes,
        "servers": results.iter().map(report::ServerResult::json).collect::<Vec<_>>(),
    });
    let text = serde_json::to_string_pretty(&out).expect("JSON values serialise");
    if let Some(p) = &cli.json_out {
        if let Err(e) = std::fs::write(p, &text) {
            eprintln!("lsp-bench: cannot write {}: {e}", p.display());
        }
    }
    if cli.json {
        println!("{text}");
    } else {
        print!("{}", render(&out));
    }
    if cli.strict {
        let Some(r) = results.iter().find(|r| r.name == "oneonone-ls") else {
            eprintln!("lsp-bench: --strict: oneonone-ls was not measured");
            return ExitCode::FAILURE;
        };
        let na: Vec<&str> = r
            .metrics
            .iter()
            .filter(|m| matches!(m.val, report::Val::Na(_)))
            .map(|m| m.key.as_str())
            .collect();
        if !r.notes.is_empty() || !na.is_empty() {
            eprintln!(
                "lsp-bench: --strict: oneonone-ls missed measurements: {}",
                r.notes
                    .iter()
                    .map(String::as_str)
                    .chain(na)
                    .collect::<Vec<_>>()
                    .join("; ")
            );
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// When this binary was started by cargo (`cargo run -p lsp-bench`), builds `oneonone-ls` from
/// this workspace with the profile this binary was built with and returns its path, so that a
/// run never measures a stale build. `None` when not started by cargo.
fn build_ours(me: Option<&std::path::Path>) -> Result<Option<PathBuf>, String> {
    let (Some(cargo), Some(me)) = (std::env::var_os("CARGO"), me) else {
        return Ok(None);
    };
    // target/<profile dir>/lsp-bench; the dev profile's folder is `debug`.
    let profile = match me
        .parent()
        .and_then(|d| d.file_name())
        .and_then(|n| n.to_str())
    {
        Some("debug") => "dev",
        Some(dir) => dir,
        None => return Ok(None),
    };
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    eprintln!("lsp-bench: building oneonone-ls (cargo build --profile {profile} -p oneonone-ls)");
    let out = std::process::Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "--profile",
            profile,
            "-p",
            "oneonone-ls",
        ])
        .args([
            "--bin",
            "oneonone-ls",
            "--message-format=json-render-diagnostics",
        ])
        .arg("--manifest-path")
        .arg(&manifest)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo to build oneonone-ls: {e}"))?;
    if !out.status.success() {
        return Err("building oneonone-ls failed (see above)".into());
    }
    // The path cargo reports for the executable, wherever the target folder is.
    let exe = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "oneonone-ls")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from));
    exe.map(Some)
        .ok_or_else(|| "cargo built oneonone-ls but did not say where".into())
}

/// The readable report (machine, servers, table, notes, targets) of a run's JSON.
fn render(out: &serde_json::Value) -> String {
    use std::fmt::Write as _;
    let results: Vec<report::ServerResult> = out["servers"]
        .as_array()
        .into_iter()
        .flatten()
        .map(report::ServerResult::from_json)
        .collect();
    let floor = results.iter().position(|r| r.name == "noop");
    let m = &out["machine"];
    let st = |v: &serde_json::Value| v.as_str().unwrap_or("?").to_string();
    let mut o = String::new();
    let _ = writeln!(
        o,
        "machine: {} × {}, {} memory, Linux {}",
        m["nproc"],
        st(&m["cpu"]),
        st(&m["memory"]),
        st(&m["kernel"])
    );
    let _ = writeln!(
        o,
        "load average (1/5/15 min) at the end: {}",
        st(&m["load_average_at_end"])
    );
    for r in &results {
        let _ = writeln!(o, "server {}: {}", r.name, r.command);
    }
    let b = &out["oneonone_ls_build"];
    if !b.is_null() {
        let _ = writeln!(
            o,
            "oneonone-ls build: git HEAD {} at the start, binary then {} s old",
            b["git_head"].as_str().unwrap_or("?"),
            b["binary_age_s_at_start"]
        );
    }
    let _ = writeln!(o);
    o.push_str(&report::table(&results, floor));
    for n in out["notes"].as_array().into_iter().flatten() {
        let _ = writeln!(o, "note: {}", st(n));
    }
    for r in &results {
        for n in &r.notes {
            let _ = writeln!(o, "note [{}]: {n}", r.name);
        }
    }
    if let Some(i) = results.iter().position(|r| r.name == "oneonone-ls") {
        let others: Vec<_> = results
            .iter()
            .enumerate()
            .filter(|(k, _)| Some(*k) != floor && *k != i)
            .map(|(_, r)| r)
            .collect();
        let cs = report::checks(&results[i], floor.map(|f| &results[f]), &others);
        let _ = writeln!(o, "\ntargets for oneonone-ls:");
        o.push_str(&report::checks_text(&cs));
    }
    o
}

fn machine() -> serde_json::Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown".to_string(), |(_, v)| v.trim().to_string());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_kb: u64 = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    json!({
        "nproc": std::thread::available_parallelism().map_or(0, |n| n.get()),
        "cpu": cpu,
        "memory": format!("{:.1} GiB", mem_kb as f64 / 1024.0 / 1024.0),
        "kernel": kernel.trim(),
        "load_average_at_end": load.join(" "),
    })
}
