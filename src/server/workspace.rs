//! The workspace on disk: finding agendas below the folders, and reading
//! `.oneonone.toml`. Reads only; the server never writes files.

use std::fs;
use std::path::{Path, PathBuf};

/// Folders never descended into.
const SKIPPED: [&str; 3] = [".git", "node_modules", "target"];

pub fn is_agenda_path(path: &str) -> bool {
    path.ends_with(".1on1.md")
}

/// Every `*.1on1.md` below `root`. Symlinked folders are not followed; a symlinked
/// file counts only when it resolves inside `root`.
pub fn agendas_below(root: &Path) -> Vec<PathBuf> {
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                tracing::info!("skipping {}: {e}", dir.display());
                continue;
            }
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if kind.is_dir() {
                if !SKIPPED.contains(&name.as_ref()) {
                    stack.push(path);
                }
            } else if is_agenda_path(&name) {
                if kind.is_symlink() {
                    match fs::canonicalize(&path) {
                        Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {
                            found.push(path)
                        }
                        _ => {
                            tracing::info!("skipping {}: link leaves the workspace", path.display())
                        }
                    }
                } else if kind.is_file() {
                    found.push(path);
                }
            }
        }
    }
    found.sort();
    found
}

/// Reads an agenda from disk as UTF-8, with a reason when it cannot.
pub fn read_agenda(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}
