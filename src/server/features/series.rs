//! The series in the editor: "Carry over: …" completion items for last meeting's open
//! asks and open action items, and hover on an action item (when and in which entry it was
//! first written) and on an ask (the earlier entries that asked the same). And the folder
//! series of an agenda dated by its file name or front matter: its earlier siblings, read
//! when it is analysed.

use super::{markdown_doc, Snapshot};
use crate::config::Config;
use crate::dates::Date;
use crate::series::{self, file_date, iso, render::shorten, words, FolderPrevious, Series};
use crate::server::state::Analysis;
use crate::server::workspace::{is_agenda_path, read_agenda};
use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::time::SystemTime;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, InsertTextFormat, TextEdit, Uri,
};

/// A file of a folder series other than the open document: its name in the series (the
/// file name), where it is, and the text that was read.
#[derive(Debug, Clone)]
pub struct FolderFile {
    pub name: String,
    pub uri: Uri,
    pub text: String,
    /// The file's modification time and length when its text was read from disk; `None`
    /// when it is an open document's.
    pub stamp: Option<(SystemTime, u64)>,
}

/// The last analysis' folder series, reused for the files that did not change.
#[derive(Clone, Copy)]
pub struct LastFolder<'a> {
    pub files: &'a [FolderFile],
    pub series: &'a Series,
    pub config: &'a Config,
}

/// Gives `view` (of an open document with no entries) the folder series of its file (see
/// [`folder_series`]), reusing what `last` (the document's last analysis) read of the
/// folder. Unless `reread`, the folder is not read again: the last analysis' files stand
/// (typing in the open file changes none of them). Returns the other files read: empty
/// when there is no folder series.
pub fn add_folder_series(
    view: &mut crate::View,
    uri: &Uri,
    config: &Config,
    roots: &[PathBuf],
    open_text: impl Fn(&Uri) -> Option<String>,
    last: Option<&Analysis>,
    reread: bool,
) -> Vec<FolderFile> {
    if view.series.is_some() {
        return Vec::new();
    }
    if !reread && last.is_some_and(|a| a.folder.is_empty()) {
        return Vec::new();
    }
    let last = last.and_then(|a| {
        Some(LastFolder {
            files: &a.folder,
            series: a.series.as_ref().filter(|_| !a.folder.is_empty())?,
            config: &a.config,
        })
    });
    match folder_series(uri, view.text, config, roots, open_text, last, reread) {
        Some((series, files)) => {
            view.series = Some(series);
            files
        }
        None => Vec::new(),
    }
}

/// The folder series an open agenda is the current entry of: when it is dated by its file
/// name (`2026-12-08.1on1.md`) or its front matter (`date:`), the `*.1on1.md` files of the
/// same folder dated before it (on the same date, those whose names sort first) are its
/// history, oldest first. A sibling's text is the open document's when `open_text` has it,
/// else the file on disk (unreadable files are skipped). `None` when the document is not
/// a dated file, is not in one of the workspace folders `roots` (the server reads nothing
/// outside them), or has no dated sibling before it.
///
/// With `reread`, the folder is listed: a file on disk whose modification time and length
/// are those `last` read keeps its text and summary; any other is read and summarised
/// again. Without it, `last`'s files stand as they are and only the open file is read
/// again (a keystroke in it touches no other file).
pub fn folder_series(
    uri: &Uri,
    text: &str,
    config: &Config,
    roots: &[PathBuf],
    open_text: impl Fn(&Uri) -> Option<String>,
    last: Option<LastFolder>,
    reread: bool,
) -> Option<(Series, Vec<FolderFile>)> {
    let path = uri.to_file_path()?.into_owned();
    let name = path.file_name()?.to_str()?.to_string();
    let reference = config.today.or(Date::new(2026, 1, 1))?;
    let date = file_date(&name, text, reference)?;
    let dir = path.parent()?;
    if !roots.iter().any(|r| dir.starts_with(r)) {
        return None;
    }
    let folder = match last {
        Some(l) if !reread => l.files.to_vec(),
        _ => read_folder(dir, &name, date, reference, open_text, last)?,
    };
    if folder.is_empty() {
        return None;
    }
    let mut folder = folder;
    folder.sort_by(|a, b| a.name.cmp(&b.name));
    let mut files: Vec<(String, String)> = folder
        .iter()
        .map(|f| (f.name.clone(), f.text.clone()))
        .collect();
    files.push((name, text.to_string()));
    let pairs: Vec<(&str, &str)> = last.map_or_else(Vec::new, |l| {
        l.files
            .iter()
            .map(|f| (f.name.as_str(), f.text.as_str()))
            .collect()
    });
    let previous = last.map(|l| FolderPrevious {
        files: &pairs,
        series: l.series,
        config: l.config,
    });
    Some((Series::of_folder_after(&files, config, previous), folder))
}

/// The `*.1on1.md` files of `dir` dated before `date` (see [`folder_series`]), reusing
/// `last`'s text of a file on disk that did not change.
fn read_folder(
    dir: &std::path::Path,
    name: &str,
    date: Date,
    reference: Date,
    open_text: impl Fn(&Uri) -> Option<String>,
    last: Option<LastFolder>,
) -> Option<Vec<FolderFile>> {
    let listing = match std::fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(e) => {
            tracing::info!("{}: no folder series ({e})", dir.display());
            return None;
        }
    };
    let kept: HashMap<&str, &FolderFile> = last
        .map(|l| l.files.iter().map(|f| (f.name.as_str(), f)).collect())
        .unwrap_or_default();
    let mut folder: Vec<FolderFile> = Vec::new();
    for entry in listing.flatten() {
        let sibling = entry.path();
        let Some(sibling_name) = sibling.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if sibling_name == name
            || !is_agenda_path(sibling_name)
            || !entry.file_type().is_ok_and(|t| t.is_file())
        {
            continue;
        }
        let Some(sibling_uri) = Uri::from_file_path(&sibling) else {
            continue;
        };
        let (sibling_text, stamp) = match open_text(&sibling_uri) {
            Some(t) => (t, None),
            None => {
                let stamp = entry
                    .metadata()
                    .ok()
                    .and_then(|m| Some((m.modified().ok()?, m.len())));
                let kept = kept
                    .get(sibling_name)
                    .filter(|f| f.stamp.is_some() && f.stamp == stamp);
                match kept {
                    Some(f) => (f.text.clone(), stamp),
                    None => match read_agenda(&sibling) {
                        Ok(t) => (t, stamp),
                        Err(reason) => {
                            tracing::info!("folder series: skipping {reason}");
                            continue;
                        }
                    },
                }
            }
        };
        let earlier = file_date(sibling_name, &sibling_text, reference)
            .is_some_and(|d| (d, sibling_name) < (date, name));
        if earlier {
            folder.push(FolderFile {
                name: sibling_name.to_string(),
                uri: sibling_uri,
                text: sibling_text,
                stamp,
            });
        }
    }
    Some(folder)
}

/// A line typed so far that a carried item may replace: nothing, or a list marker with an
/// optional checkbox (`-`, `- `, `- [ ] `, `* `, `1. `).
pub fn is_item_prefix(typed: &str) -> bool {
    let t = typed.trim();
    let rest = t
        .strip_prefix(['-', '*', '+'])
        .or_else(|| {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            (digits > 0)
                .then(|| t[digits..].strip_prefix(['.', ')']))
                .flatten()
        })
        .unwrap_or(t);
    let rest = rest.trim_start();
    rest.is_empty() || rest == "[" || rest == "[ ]" || rest == "[]"
}

/// The "Carry over: …" items at a line of the current entry whose typed text is `typed`
/// (from `line_start` to `offset`, offsets in the snapshot's text): each open action item
/// of the earlier entries, and each ask of the last entry that this one does not make yet.
pub fn carry_over(
    s: &Snapshot,
    line_start: usize,
    offset: usize,
    typed: &str,
) -> Vec<CompletionItem> {
    let Some(history) = s.series else {
        return Vec::new();
    };
    let replace = s.range(&(line_start..offset));
    let mut out = Vec::new();
    for (i, open) in history.open_items().iter().enumerate() {
        let words = &open.item.words;
        let since = history.name(open.first);
        let mut doc = format!(
            "Copies this action item, unchecked and word for word, from the entry of {} (first written on {since}).",
            history.name(open.last)
        );
        if let Some(due) = open.item.due {
            doc.push_str(&format!(" Due {}.", iso(due)));
        }
        out.push(item(
            format!("Carry over: {}", shorten(words, 60)),
            format!("Open action item since {since}"),
            doc,
            format!("- [ ] {words}"),
            (typed, i),
            replace,
        ));
    }
    let current_asks = s
        .agenda
        .sentences
        .iter()
        .filter(|sen| series::is_ask(s.text, s.agenda, sen))
        .map(|sen| words::content_words(&sen.norm))
        .collect::<Vec<_>>();
    if let Some((last, entry)) = history
        .earlier()
        .len()
        .checked_sub(1)
        .map(|i| (i, &history.earlier()[i]))
    {
        let date = history.name(last);
        for (i, ask) in entry.asks.iter().enumerate() {
            if current_asks
                .iter()
                .any(|c| words::same_subject(c, &ask.words))
            {
                continue;
            }
            out.push(item(
                format!("Carry over: {}", shorten(&ask.text, 60)),
                format!("Asked on {date}"),
                format!(
                    "Asks again what the entry of {date} asked, marked as a follow-up. Say what changed since then, or raise the stakes: an ask repeated unchanged is a decision that is not being made."
                ),
                format!("Following up from {date}: {}", ask.text),
                (typed, 100 + i),
                replace,
            ));
        }
    }
    out
}

fn item(
    label: String,
    detail: String,
    documentation: String,
    text: String,
    (typed, order): (&str, usize),
    range: tower_lsp_server::ls_types::Range,
) -> CompletionItem {
    CompletionItem {
        filter_text: Some(format!("{typed}{label}")),
        label,
        kind: Some(CompletionItemKind::TEXT),
        detail: Some(detail),
        documentation: Some(markdown_doc(documentation)),
        sort_text: Some(format!("2{order:03}")),
        insert_text_format: Some(InsertTextFormat::PLAIN_TEXT),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range,
            new_text: text,
        })),
        ..Default::default()
    }
}

/// What the series says about the text at `offset` (in the document) of the current
/// entry: an action item's history, or the earlier entries that made the same ask. The
/// range is in the document.
pub fn hover(s: &Snapshot, offset: usize) -> Option<(String, Range<usize>)> {
    let history = s.series?;
    let current = history.current()?;
    if let Some(item) = current
        .actions
        .iter()
        .find(|a| a.line.start <= offset && offset <= a.line.end)
    {
        return Some((action_item(history, item), item.line.clone()));
    }
    let local = s.local(offset)?;
    let sentence = s.agenda.sentence_at(local)?;
    if !series::is_ask(s.text, s.agenda, sentence) {
        return None;
    }
    let earlier = history.earlier_asks(&words::content_words(&sentence.norm));
    if earlier.is_empty() {
        return None;
    }
    let mut md = String::from("**Asked before**\n\n");
    for (e, ask) in &earlier {
        md.push_str(&format!("- {}: \"{}\"\n", history.name(*e), ask.text));
    }
    md.push_str("\nSay what changed since then, or escalate.\n");
    let range = sentence.range.start + s.offset..sentence.range.end + s.offset;
    Some((md, range))
}

fn action_item(history: &Series, item: &series::actions::ActionItem) -> String {
    let current = history.current.unwrap_or(0);
    let first = history.first_written(item).unwrap_or(current);
    let mut md = String::from("**Action item**");
    md.push_str(if item.done {
        " (done)\n\n"
    } else {
        " (open)\n\n"
    });
    if first == current {
        md.push_str("First written in this entry.");
    } else {
        let ago = current - first;
        md.push_str(&format!(
            "First written on {} ({ago} {} ago).",
            history.name(first),
            if ago == 1 { "entry" } else { "entries" }
        ));
    }
    if let Some(owner) = &item.owner {
        md.push_str(&format!(" Owner: {owner}."));
    }
    if let Some(due) = item.due {
        md.push_str(&format!(" Due {}.", iso(due)));
    }
    md.push('\n');
    md
}
