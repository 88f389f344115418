//! The configuration: the editor's `oneonone` settings and each workspace folder's
//! `.oneonone.toml`, merged into one [`Config`] per folder.
//!
//! Every change builds new configurations (new `Arc`s): a result made with one that has
//! since been replaced can be told apart and dropped.

use crate::config::{toml_settings, Config};
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::ls_types::Uri;

#[derive(Default)]
pub struct Settings {
    /// The workspace folders.
    roots: Vec<PathBuf>,
    /// The editor's `oneonone` settings.
    client: serde_json::Value,
    /// Each folder with its `.oneonone.toml` settings (when it has a valid one).
    files: Vec<(PathBuf, serde_json::Value)>,
    /// The configuration of each folder, and of documents outside every folder.
    effective: Vec<(PathBuf, Arc<Config>)>,
    default: Arc<Config>,
    /// Problems to show the user once the client is ready.
    errors: Vec<String>,
}

impl Settings {
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    pub fn set_roots(&mut self, roots: Vec<PathBuf>) {
        self.roots = roots;
        self.recompute();
    }

    /// The configuration for a document: its innermost folder's, or the editor's.
    pub fn config_for(&self, uri: &Uri) -> Arc<Config> {
        if let Some(path) = uri.to_file_path() {
            if let Some((_, c)) = self
                .effective
                .iter()
                .filter(|(root, _)| path.starts_with(root))
                .max_by_key(|(root, _)| root.as_os_str().len())
            {
                return c.clone();
            }
        }
        self.default.clone()
    }

    /// Applies new editor settings (the `oneonone` section, or the whole object); returns
    /// false when they are unchanged. Invalid settings are reported and ignored.
    pub fn set_client(&mut self, value: serde_json::Value) -> bool {
        let value = match value {
            serde_json::Value::Object(mut map) if map.contains_key("oneonone") => {
                map.remove("oneonone").unwrap_or_default()
            }
            other => other,
        };
        if self.client == value {
            return false;
        }
        if let Err(e) = Config::from_json(&value) {
            self.errors.push(format!(
                "editor settings (oneonone): {e}. Those settings are ignored."
            ));
            self.client = serde_json::Value::Null;
        } else {
            self.client = value;
        }
        self.recompute();
        true
    }

    /// Takes the `.oneonone.toml` settings read by [`read_config_files`].
    pub fn set_files(&mut self, (files, errors): ConfigFiles) {
        self.files = files;
        self.errors.extend(errors);
        self.recompute();
    }

    pub fn take_errors(&mut self) -> Vec<String> {
        std::mem::take(&mut self.errors)
    }

    fn recompute(&mut self) {
        let mut base = Config {
            today: crate::dates::Date::today(),
            ..Config::default()
        };
        let _ = base.merge_json(&self.client);
        self.default = Arc::new(base.clone());
        self.effective = self
            .roots
            .iter()
            .map(|root| {
                let mut c = base.clone();
                if let Some((_, v)) = self.files.iter().find(|(r, _)| r == root) {
                    let _ = c.merge_json(v);
                }
                (root.clone(), Arc::new(c))
            })
            .collect();
    }
}

/// The settings of each folder's `.oneonone.toml`, and the problems found reading them.
pub type ConfigFiles = (Vec<(PathBuf, serde_json::Value)>, Vec<String>);

/// Reads `.oneonone.toml` in every folder. A missing file is no problem; a broken one is
/// reported with its line and key, and the defaults apply until it is fixed.
pub fn read_config_files(roots: &[PathBuf]) -> ConfigFiles {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in roots {
        let path = root.join(".oneonone.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => match toml_settings(&text) {
                Ok(value) => files.push((root.clone(), value)),
                Err(e) => errors.push(format!(
                    "{}: {e}. The default settings are used until it is fixed.",
                    path.display()
                )),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
    (files, errors)
}
