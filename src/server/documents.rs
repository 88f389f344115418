//! The document store: the editor's text as ropes, with versions, kept in step with
//! every incremental change in the order the changes arrive.

use super::position::{position_to_char, Encoding};
use ropey::Rope;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

/// One open document.
#[derive(Debug, Clone)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    /// Which state of the text this is: unique across the store's life, new on every open
    /// and every change. A result made from one generation describes the document only
    /// while it is still the current one (versions can repeat: a document closed and
    /// opened again, or a client whose version goes backwards).
    pub generation: u64,
}

/// What happened to a change, for logging.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeOutcome {
    Applied,
    /// The version did not increase; the edits were still applied, in arrival order,
    /// because they describe the editor's text as it is now.
    AppliedOutOfOrder {
        previous: i32,
    },
    UnknownDocument,
}

#[derive(Debug, Default)]
pub struct DocumentStore {
    docs: HashMap<Uri, Document>,
    generations: u64,
}

impl DocumentStore {
    pub fn open(&mut self, uri: Uri, text: &str, version: i32) {
        let generation = self.next_generation();
        self.docs.insert(
            uri,
            Document {
                rope: Rope::from_str(text),
                version,
                generation,
            },
        );
    }

    fn next_generation(&mut self) -> u64 {
        self.generations += 1;
        self.generations
    }

    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.docs.remove(uri)
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.docs.get(uri)
    }

    pub fn contains(&self, uri: &Uri) -> bool {
        self.docs.contains_key(uri)
    }

    pub fn uris(&self) -> impl Iterator<Item = &Uri> {
        self.docs.keys()
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Applies changes in order. Ranges are clamped (see `position`), and a range whose
    /// end comes before its start is taken as the span between them.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        enc: Encoding,
    ) -> ChangeOutcome {
        let generation = self.next_generation();
        let Some(doc) = self.docs.get_mut(uri) else {
            return ChangeOutcome::UnknownDocument;
        };
        doc.generation = generation;
        for change in changes {
            apply_change(&mut doc.rope, change, enc);
        }
        let previous = doc.version;
        doc.version = version;
        if version <= previous {
            ChangeOutcome::AppliedOutOfOrder { previous }
        } else {
            ChangeOutcome::Applied
        }
    }
}

/// Applies one content change to a rope.
pub fn apply_change(rope: &mut Rope, change: &TextDocumentContentChangeEvent, enc: Encoding) {
    match change.range {
        None => *rope = Rope::from_str(&change.text),
        Some(range) => {
            let a = position_to_char(rope, range.start, enc);
            // A keystroke inserts at one position: it is looked up once.
            let b = if range.end == range.start {
                a
            } else {
                position_to_char(rope, range.end, enc)
            };
            let (start, end) = if a <= b { (a, b) } else { (b, a) };
            if start < end {
                rope.remove(start..end);
            }
            if !change.text.is_empty() {
                rope.insert(start, &change.text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_edits_with_emoji_cjk_and_crlf() {
        let mut store = DocumentStore::default();
        let uri: Uri = "file:///a.1on1.md".parse().unwrap();
        store.open(uri.clone(), "😀 東京\r\nline two", 1);
        let out = store.change(
            &uri,
            2,
            &[
                edit(0, 2, 0, 3, "X"),
                edit(1, 0, 1, 4, "LINE"),
                edit(0, 99, 1, 0, "\n"),
            ],
            Encoding::Utf16,
        );
        assert_eq!(out, ChangeOutcome::Applied);
        assert_eq!(
            store.get(&uri).unwrap().rope.to_string(),
            "😀X東京\nLINE two"
        );
        let out = store.change(&uri, 2, &[edit(5, 0, 6, 0, "!")], Encoding::Utf8);
        assert_eq!(out, ChangeOutcome::AppliedOutOfOrder { previous: 2 });
        assert_eq!(
            store.get(&uri).unwrap().rope.to_string(),
            "😀X東京\nLINE two!"
        );
    }
}
