//! Configuration: per-rule severity and the rules' thresholds.
//!
//! The same shape arrives from `.oneonone.toml` and from the editor's settings:
//!
//! ```toml
//! [rules]
//! status-dump = "error"      # off | hint | information | warning | error
//! long-agenda = "off"
//!
//! [thresholds]
//! status-dump-items = 5      # routine items in the 1:1 before status-dump fires
//! long-agenda-words = 450    # words of talk before long-agenda fires
//! max-bytes = 1048576        # analysis budget per document
//!
//! [readiness]                # "Outcome ✓ · Insight ✓ · Ask ✗" in the editor
//! lens = true                # as a code lens on the entry's heading
//! hint = true                # as an inlay hint where no lens is shown (Helix)
//! ```
//! Parsing reports the first problem with the key and, for files, the line; callers
//! keep the defaults when it fails.

use crate::diagnostic::Severity;
use crate::rules::RULES;
use std::collections::BTreeMap;
use std::fmt;

/// The rules' numeric knobs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thresholds {
    pub status_dump_items: usize,
    pub long_agenda_words: usize,
    /// Bytes of a document that are analysed; the rest is reported as not checked.
    pub max_bytes: usize,
    /// Findings reported per document at most.
    pub max_diagnostics: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            status_dump_items: 5,
            long_agenda_words: 450,
            max_bytes: 1024 * 1024,
            max_diagnostics: 500,
        }
    }
}

/// Where the editor shows readiness at a glance (see [`crate::readiness`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadinessDisplay {
    /// A code lens on the current entry's heading, for clients that show code lenses.
    pub lens: bool,
    /// An inlay hint at the end of that line, where no lens is shown.
    pub hint: bool,
}

impl Default for ReadinessDisplay {
    fn default() -> Self {
        ReadinessDisplay {
            lens: true,
            hint: true,
        }
    }
}

/// What the user configured. Rules not named keep their default severity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Rule id → severity; `None` turns the rule off.
    pub severities: BTreeMap<String, Option<Severity>>,
    pub thresholds: Thresholds,
    pub readiness: ReadinessDisplay,
    /// Today's date, for dates written without a year and for starting the next entry.
    /// Set by the front ends: the engine reads no clock.
    pub today: Option<crate::dates::Date>,
}

/// A configuration problem: which key, where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// 1-based line in the file, when the source was a file.
    pub line: Option<usize>,
    /// The offending key, dotted (`rules.missing-ask`), when one is to blame.
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if let Some(key) = &self.key {
            write!(f, "`{key}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// The severity a rule reports at, or `None` when it is off.
    pub fn severity(&self, rule: &str, default: Option<Severity>) -> Option<Severity> {
        self.severities.get(rule).copied().unwrap_or(default)
    }

    /// Parses `.oneonone.toml`.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let value: toml::Value = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            ConfigError {
                line,
                key: None,
                message: e.message().trim().to_string(),
            }
        })?;
        let json = serde_json::to_value(&value).map_err(|e| ConfigError {
            line: None,
            key: None,
            message: e.to_string(),
        })?;
        Config::from_json(&json).map_err(|mut e| {
            e.line = e.key.as_deref().and_then(|k| line_of_key(text, k));
            e
        })
    }

    /// Reads the settings object `{ "rules": {...}, "thresholds": {...}, "readiness": {...} }`. Unknown
    /// top-level keys (such as an editor's `server` or `trace`) are ignored.
    pub fn from_json(value: &serde_json::Value) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        config.merge_json(value)?;
        Ok(config)
    }

    /// Applies the settings in `value` on top of this configuration.
    pub fn merge_json(&mut self, value: &serde_json::Value) -> Result<(), ConfigError> {
        let err = |key: String, message: String| ConfigError {
            line: None,
            key: Some(key),
            message,
        };
        let Some(object) = value.as_object() else {
            if value.is_null() {
                return Ok(());
            }
            return Err(ConfigError {
                line: None,
                key: None,
                message: "settings must be a table of `rules` and `thresholds`".into(),
            });
        };
        if let Some(rules) = object.get("rules") {
            let Some(rules) = rules.as_object() else {
                return Err(err(
                    "rules".into(),
                    "expected a table of rule = severity".into(),
                ));
            };
            for (id, level) in rules {
                if !RULES.iter().any(|r| r.id == id) {
                    let known: Vec<&str> = RULES.iter().map(|r| r.id).collect();
                    return Err(err(
                        format!("rules.{id}"),
                        format!("no rule has this id; known rules: {}", known.join(", ")),
                    ));
                }
                let severity = match level.as_str() {
                    Some("off") | Some("none") => None,
                    Some("hint") => Some(Severity::Hint),
                    Some("information") | Some("info") => Some(Severity::Information),
                    Some("warning") | Some("warn") => Some(Severity::Warning),
                    Some("error") => Some(Severity::Error),
                    _ => {
                        return Err(err(
                            format!("rules.{id}"),
                            format!(
                                "expected one of \"off\", \"hint\", \"information\", \"warning\", \"error\", found {level}"
                            ),
                        ))
                    }
                };
                self.severities.insert(id.clone(), severity);
            }
        }
        if let Some(thresholds) = object.get("thresholds") {
            let Some(thresholds) = thresholds.as_object() else {
                return Err(err(
                    "thresholds".into(),
                    "expected a table of name = number".into(),
                ));
            };
            for (name, v) in thresholds {
                let key = format!("thresholds.{name}");
                let Some(n) = v.as_u64().filter(|n| *n > 0) else {
                    return Err(err(
                        key,
                        format!("expected a positive whole number, found {v}"),
                    ));
                };
                let n = usize::try_from(n).unwrap_or(usize::MAX);
                match name.as_str() {
                    "status-dump-items" => self.thresholds.status_dump_items = n,
                    "long-agenda-words" => self.thresholds.long_agenda_words = n,
                    "max-bytes" => self.thresholds.max_bytes = n,
                    "max-diagnostics" => self.thresholds.max_diagnostics = n,
                    _ => return Err(err(key, "no threshold has this name; known: status-dump-items, long-agenda-words, max-bytes, max-diagnostics".into())),
                }
            }
        }
        if let Some(readiness) = object.get("readiness") {
            let Some(readiness) = readiness.as_object() else {
                return Err(err(
                    "readiness".into(),
                    "expected a table of lens = true|false, hint = true|false".into(),
                ));
            };
            for (name, v) in readiness {
                let key = format!("readiness.{name}");
                let Some(on) = v.as_bool() else {
                    return Err(err(key, format!("expected true or false, found {v}")));
                };
                match name.as_str() {
                    "lens" => self.readiness.lens = on,
                    "hint" => self.readiness.hint = on,
                    _ => return Err(err(key, "no such setting; known: lens, hint".into())),
                }
            }
        }
        Ok(())
    }
}

/// The 1-based line where a dotted key such as `rules.missing-ask` is written.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let (table, leaf) = key.rsplit_once('.').unwrap_or(("", key));
    let mut in_table = table.is_empty();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            let name = trimmed.trim_matches(|c| c == '[' || c == ']').trim();
            in_table = name == table;
            if name == key || (table.is_empty() && name == leaf) {
                return Some(i + 1);
            }
            continue;
        }
        let lhs = trimmed
            .split('=')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"');
        if (in_table && lhs == leaf) || lhs == key {
            return Some(i + 1);
        }
    }
    None
}

/// Parses and validates `.oneonone.toml`, returning its settings as the JSON object
/// the editor's settings use, so the two can be layered.
pub fn toml_settings(text: &str) -> Result<serde_json::Value, ConfigError> {
    Config::from_toml(text)?;
    let value: toml::Value = toml::from_str(text).map_err(|e| ConfigError {
        line: None,
        key: None,
        message: e.message().to_string(),
    })?;
    serde_json::to_value(value).map_err(|e| ConfigError {
        line: None,
        key: None,
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_sets_severities_and_thresholds() {
        let c = Config::from_toml(
            "[rules]\nstatus-dump = \"error\"\nlong-agenda = \"off\"\n[thresholds]\nstatus-dump-items = 3\n",
        )
        .unwrap();
        assert_eq!(
            c.severity("status-dump", Some(Severity::Warning)),
            Some(Severity::Error)
        );
        assert_eq!(c.severity("long-agenda", Some(Severity::Hint)), None);
        assert_eq!(c.thresholds.status_dump_items, 3);
    }

    #[test]
    fn readiness_lens_and_hint_are_on_unless_turned_off() {
        let c = Config::default();
        assert!(c.readiness.lens && c.readiness.hint);
        let c = Config::from_toml("[readiness]\nlens = false\n").unwrap();
        assert!(!c.readiness.lens && c.readiness.hint);
        let c = Config::from_json(&serde_json::json!({"readiness": {"hint": false}})).unwrap();
        assert!(c.readiness.lens && !c.readiness.hint);
        let e = Config::from_toml("[readiness]\nlens = \"no\"\n").unwrap_err();
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(2), Some("readiness.lens"))
        );
        let e = Config::from_toml("[readiness]\nbadge = true\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("readiness.badge"));
    }

    #[test]
    fn errors_name_the_line_and_key() {
        let e = Config::from_toml("[rules]\nmissing-ask = \"loud\"\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert_eq!(e.key.as_deref(), Some("rules.missing-ask"));
        let e = Config::from_toml("[rules]\nno-such-rule = \"off\"\n").unwrap_err();
        assert_eq!(
            (e.line, e.key.as_deref()),
            (Some(2), Some("rules.no-such-rule"))
        );
        let e = Config::from_toml("[rules\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        let e = Config::from_toml("[thresholds]\n\nstatus-dump-items = -2\n").unwrap_err();
        assert_eq!(e.line, Some(3));
    }
}
