//! The workspace on disk: finding agendas below the folders, and reading
//! `.oneonone.toml`. Reads only; the server never writes files.

use std::fs;
use std::path::{Path, PathBuf};

/// Folders never descended into, even where no ignore file names them.
const SKIPPED: [&str; 2] = ["node_modules", "target"];

pub fn is_agenda_path(path: &str) -> bool {
    path.ends_with(".1on1.md")
}

/// Every `*.1on1.md` below `root`, sorted. The walk is ripgrep's (the `ignore` crate): it
/// honours `.gitignore` (also outside a git repository), `.ignore`, `.git/info/exclude` and the
/// global git excludes, and skips hidden files and folders (`.git` among them) and any folder
/// named `node_modules` or `target`. Symlinked folders are not followed; a symlinked file counts
/// only when it resolves inside `root`.
pub fn agendas_below(root: &Path) -> Vec<PathBuf> {
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let walk = ignore::WalkBuilder::new(root)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            !(is_dir && SKIPPED.iter().any(|s| e.file_name() == *s))
        })
        .build();
    let mut found = Vec::new();
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                tracing::info!("skipping: {e}");
                continue;
            }
        };
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if !is_agenda_path(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let path = entry.into_path();
        if kind.is_symlink() {
            match fs::canonicalize(&path) {
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {
                    found.push(path)
                }
                _ => tracing::info!("skipping {}: link leaves the workspace", path.display()),
            }
        } else if kind.is_file() {
            found.push(path);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_honours_ignore_files_and_skips_hidden_and_build_folders() {
        let dir = tempfile::tempdir().unwrap();
        let w = dir.path();
        for d in [
            "deep/er",
            ".hidden",
            "drafts",
            "node_modules/pkg",
            "target/doc",
            "sub",
        ] {
            fs::create_dir_all(w.join(d)).unwrap();
        }
        for f in [
            "a.1on1.md",
            "deep/er/nested.1on1.md",
            "ignored.1on1.md",
            "sub/kept.1on1.md",
            "sub/local.1on1.md",
            "drafts/d.1on1.md",
            ".hidden/h.1on1.md",
            ".dot.1on1.md",
            "node_modules/pkg/n.1on1.md",
            "target/doc/t.1on1.md",
            "notes.md",
        ] {
            fs::write(w.join(f), "Thoughts?\n").unwrap();
        }
        // No .git here: .gitignore still counts. A nested one too, and .ignore.
        fs::write(w.join(".gitignore"), "ignored.1on1.md\n").unwrap();
        fs::write(w.join("sub/.gitignore"), "local.1on1.md\n").unwrap();
        fs::write(w.join(".ignore"), "drafts/\n").unwrap();
        let found = agendas_below(w);
        let expected = ["a.1on1.md", "deep/er/nested.1on1.md", "sub/kept.1on1.md"];
        assert_eq!(
            found,
            expected.iter().map(|f| w.join(f)).collect::<Vec<_>>()
        );
        // A folder given as the root is walked even when it is hidden or ignored itself.
        assert_eq!(
            agendas_below(&w.join(".hidden")),
            [w.join(".hidden/h.1on1.md")]
        );
        assert_eq!(
            agendas_below(&w.join("drafts")),
            [w.join("drafts/d.1on1.md")]
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinked_folders_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let w = dir.path();
        fs::write(w.join("a.1on1.md"), "").unwrap();
        fs::write(outside.path().join("o.1on1.md"), "").unwrap();
        std::os::unix::fs::symlink(outside.path(), w.join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(w, w.join("loop")).unwrap();
        assert_eq!(agendas_below(w), [w.join("a.1on1.md")]);
    }
}
