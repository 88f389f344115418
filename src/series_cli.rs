//! `oneonone-ls series PATH [--format json]`: the files read, the series printed. The
//! rendering is the engine's ([`crate::series::render::output`]); this is the I/O around it.

use crate::dates::Date;
use crate::server::workspace::{agendas_below, read_agenda};
use crate::Config;
use std::io::Write;
use std::path::Path;

/// Prints the series of `path` (a running doc, or a folder of dated agendas) to `out`, as
/// JSON when `json`; problems go to `err`. Returns the exit code: 0, or 2 when there is no
/// series or a file cannot be read (a folder's unreadable files are skipped with a note).
pub fn run(path: &Path, json: bool, out: &mut impl Write, err: &mut impl Write) -> i32 {
    let config = Config {
        today: Date::today(),
        ..Config::default()
    };
    let folder = path.is_dir();
    let paths = if folder {
        agendas_below(path)
    } else {
        vec![path.to_path_buf()]
    };
    let mut files = Vec::new();
    for p in &paths {
        match read_agenda(p) {
            Ok(text) => {
                let name = p.strip_prefix(path).unwrap_or(p).display().to_string();
                files.push((
                    if folder {
                        name
                    } else {
                        p.display().to_string()
                    },
                    text,
                ));
            }
            Err(reason) if folder => {
                let _ = writeln!(err, "warning: skipping {reason}");
            }
            Err(reason) => {
                let _ = writeln!(err, "error: {reason}");
                return 2;
            }
        }
    }
    let result =
        std::panic::catch_unwind(|| crate::series::render::output(&files, folder, &config, json));
    match result {
        Ok(Ok(text)) => {
            let _ = out.write_all(text.as_bytes());
            0
        }
        Ok(Err(reason)) => {
            let _ = writeln!(err, "error: {reason}");
            2
        }
        Err(_) => {
            let _ = writeln!(
                err,
                "error: {}: internal error while reading the series (please report it with this file)",
                path.display()
            );
            2
        }
    }
}
