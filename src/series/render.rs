//! `oneonone-ls series`: the series as one line per entry, oldest to newest, or as JSON.
//!
//! ```text
//!   2026-11-02  outcome: Close the books in four days by February.  asks: "My recommendation is to buy the connector."  actions: 2 opened, 0 closed
//! * 2026-11-16  outcome: —  asks: —  actions: 0 opened, 1 closed  (current)
//! ```

use super::{iso, Series};
use crate::entries::Entries;
use crate::Config;
use serde_json::{json, Value};

/// What `oneonone-ls series` prints for a running doc (`files` holds that one file) or a
/// folder (`files` holds its agendas; `folder` is true): the lines, or the JSON when
/// `json`. An error says why there is no series: a file without dated entries, a folder
/// without dated agendas.
pub fn output(
    files: &[(String, String)],
    folder: bool,
    config: &Config,
    json_format: bool,
) -> Result<String, String> {
    let series = match files {
        [(name, text)] if !folder => Series::of(text, &Entries::find(text, config.today), config)
            .ok_or_else(|| {
            format!(
                "{name}: no dated entries (headings such as \"## 2026-12-08\" or \"**Dec 8**\")"
            )
        })?,
        _ => {
            let series = Series::of_folder(files, config);
            if series.entries.is_empty() {
                return Err(
                    "no dated agendas (named like 2026-12-08.1on1.md, or with date: in their front matter)"
                        .to_string(),
                );
            }
            series
        }
    };
    Ok(if json_format {
        format!("{}\n", json(&series))
    } else {
        lines(&series)
    })
}

/// How long a shortened outcome or ask may be, in characters, before it is cut with "…".
pub const SHORT: usize = 60;

/// One line per entry, oldest to newest; the current entry starts with `*` and ends with
/// `(current)`. Empty when the series has no entries.
pub fn lines(series: &Series) -> String {
    let counts = series.action_counts();
    let mut out = String::new();
    for (i, e) in series.entries.iter().enumerate() {
        let current = series.current == Some(i);
        let date = e.date.map_or_else(|| e.title.clone(), iso);
        let outcome = e
            .outcomes
            .first()
            .map_or_else(|| "—".to_string(), |s| shorten(&s.text, SHORT));
        let asks = if e.asks.is_empty() {
            "—".to_string()
        } else {
            e.asks
                .iter()
                .map(|a| format!("\"{}\"", shorten(&a.text, SHORT)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (opened, closed) = counts[i];
        out.push_str(&format!(
            "{} {date}  outcome: {outcome}  asks: {asks}  actions: {opened} opened, {closed} closed{}\n",
            if current { "*" } else { " " },
            if current { "  (current)" } else { "" },
        ));
    }
    out
}

/// The series as JSON, for scripts:
/// `{"entries": [{"date", "title", "file", "current", "next", "outcomes", "asks",
/// "actions": {"opened", "closed", "items": [{"text", "done", "owner", "due"}]}}]}`.
/// Dates are ISO (`2026-11-16`) or null.
pub fn json(series: &Series) -> Value {
    let counts = series.action_counts();
    let entries: Vec<Value> = series
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let items: Vec<Value> = e
                .actions
                .iter()
                .map(|a| {
                    json!({
                        "text": a.words,
                        "done": a.done,
                        "owner": a.owner,
                        "due": a.due.map(iso),
                    })
                })
                .collect();
            json!({
                "date": e.date.map(iso),
                "title": e.title,
                "file": e.file,
                "current": series.current == Some(i),
                "next": e.next,
                "outcomes": e.outcomes.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(),
                "asks": e.asks.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(),
                "actions": {"opened": counts[i].0, "closed": counts[i].1, "items": items},
            })
        })
        .collect();
    json!({ "entries": entries })
}

/// `s` on one line, cut at a word boundary to at most `max` characters with "…".
pub fn shorten(s: &str, max: usize) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    let at_word = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entries::Entries;
    use crate::Config;

    const DOC: &str = "# Dana\n\n## 2026-11-16\n\n### Outcome\nClose the books in four days by February.\n\nMy recommendation is to buy the reconciliation connector from Acme this quarter.\n\n- [x] Send the deck to finance\n- [ ] Book the offsite\n\n## 2026-11-09\n\n### Outcome\nClose the books in four days by February.\n\n- [ ] Send the deck to finance\n- [x] Draft the hiring plan\n";

    fn series() -> Series {
        let config = Config::default();
        Series::of(DOC, &Entries::find(DOC, None), &config).unwrap()
    }

    #[test]
    fn one_line_per_entry_oldest_first_current_marked() {
        let out = lines(&series());
        assert_eq!(
            out,
            "  2026-11-09  outcome: Close the books in four days by February.  asks: —  actions: 2 opened, 1 closed\n\
             * 2026-11-16  outcome: Close the books in four days by February.  asks: \"My recommendation is to buy the reconciliation connector…\"  actions: 1 opened, 1 closed  (current)\n"
        );
    }

    #[test]
    fn json_for_scripts() {
        let v = json(&series());
        let entries = v["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0]["date"], "2026-11-09");
        assert_eq!(entries[0]["current"], false);
        assert_eq!(entries[1]["current"], true);
        assert_eq!(entries[1]["actions"]["opened"], 1);
        assert_eq!(entries[1]["actions"]["closed"], 1);
        assert_eq!(
            entries[1]["actions"]["items"][1],
            json!({"text": "Book the offsite", "done": false, "owner": null, "due": null})
        );
        assert_eq!(
            entries[1]["asks"][0],
            "My recommendation is to buy the reconciliation connector from Acme this quarter."
        );
    }

    #[test]
    fn output_for_a_file_or_a_folder() {
        let config = Config::default();
        let doc = [("dana.1on1.md".to_string(), DOC.to_string())];
        assert_eq!(output(&doc, false, &config, false), Ok(lines(&series())));
        let json_out = output(&doc, false, &config, true).unwrap();
        let parsed: Value = serde_json::from_str(&json_out).unwrap();
        assert_eq!(parsed, json(&series()));
        let plain = [("a.1on1.md".to_string(), "## Outcome\nA goal.\n".to_string())];
        assert!(output(&plain, false, &config, false)
            .unwrap_err()
            .starts_with("a.1on1.md: no dated entries"));
        assert!(output(&plain, true, &config, false)
            .unwrap_err()
            .starts_with("no dated agendas"));
        let folder = [
            (
                "2026-11-16.1on1.md".to_string(),
                "- [ ] Call legal\n".to_string(),
            ),
            (
                "2026-11-09.1on1.md".to_string(),
                "My recommendation is to ship.\n".to_string(),
            ),
        ];
        assert_eq!(
            output(&folder, true, &config, false).unwrap(),
            "  2026-11-09  outcome: —  asks: \"My recommendation is to ship.\"  actions: 0 opened, 0 closed\n* 2026-11-16  outcome: —  asks: —  actions: 1 opened, 0 closed  (current)\n"
        );
    }

    #[test]
    fn shortening_cuts_at_a_word() {
        assert_eq!(shorten("Short one.", 60), "Short one.");
        assert_eq!(
            shorten(
                "Close the books in four days by February, then halve it",
                30
            ),
            "Close the books in four days…"
        );
        assert_eq!(shorten(&"x".repeat(10), 5), "xxxx…");
    }
}
