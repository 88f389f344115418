//! Findings and fixes as plain data: byte ranges into the checked text, no protocol types.

use std::fmt;
use std::ops::Range;

/// How loudly a finding is shown. Ordered from quietest to loudest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One replacement of a byte range. An insertion has an empty range; a deletion an empty replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, replacement: impl Into<String>) -> Self {
        Edit {
            range,
            replacement: replacement.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit::replace(at..at, text)
    }

    pub fn delete(range: Range<usize>) -> Self {
        Edit::replace(range, String::new())
    }
}

/// A way to resolve a finding: a title for the user and the edits that do it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    /// Non-overlapping edits, sorted by range start.
    pub edits: Vec<Edit>,
    /// Safe fixes keep every word and need no further typing; `check --fix` and
    /// `source.fixAll` apply only these.
    pub safe: bool,
}

/// Another place that explains a finding: the earlier action item it counts, the earlier
/// ask it repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Byte range in `file`, or in the whole document the finding is in when `file` is
    /// `None`. Unlike a finding's own range it is never relative to the current entry (it
    /// points into the history, before or after the entry), so [`Diagnostic::shift`]
    /// leaves it alone.
    pub range: Range<usize>,
    /// The file of a folder series it points into, by the name the series was given; `None`
    /// for the same document.
    pub file: Option<String>,
    /// What is there, with its date ("Asked on 2026-11-16").
    pub message: String,
}

impl Diagnostic {
    /// Moves the finding and its fixes `by` bytes later in the text (not its related
    /// places: see [`Related::range`]).
    pub fn shift(&mut self, by: usize) {
        self.range = self.range.start + by..self.range.end + by;
        for fix in &mut self.fixes {
            fix.shift(by);
        }
    }
}

impl Fix {
    /// Moves every edit `by` bytes later in the text.
    pub fn shift(&mut self, by: usize) {
        for e in &mut self.edits {
            e.range = e.range.start + by..e.range.end + by;
        }
    }

    pub fn new(title: impl Into<String>, mut edits: Vec<Edit>, safe: bool) -> Self {
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        Fix {
            title: title.into(),
            edits,
            safe,
        }
    }
}

/// One finding of one rule. The first fix, if any, is the preferred one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub range: Range<usize>,
    pub message: String,
    pub fixes: Vec<Fix>,
    /// Other places that explain it (in the history of a series), in the order they were
    /// written.
    pub related: Vec<Related>,
}

/// Applies edits to `text`, all or nothing: when any edit overlaps another, falls
/// outside the text or splits a UTF-8 character, none is applied, because a fix applied
/// in part can delete what it meant to move. Returns the new text and the number of
/// edits applied (0 or all of them).
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut cursor = 0;
    for edit in &sorted {
        let Range { start, end } = edit.range;
        if start < cursor
            || start > end
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            return (text.to_string(), 0);
        }
        cursor = end;
    }
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in &sorted {
        out.push_str(&text[cursor..edit.range.start]);
        out.push_str(&edit.replacement);
        cursor = edit.range.end;
    }
    out.push_str(&text[cursor..]);
    (out, sorted.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order() {
        let text = "abc def ghi";
        let edits = [
            Edit::replace(8..11, "XYZ"),
            Edit::insert(0, ">"),
            Edit::delete(3..4),
            Edit::insert(4, "+"),
        ];
        let (out, n) = apply_edits(text, &edits);
        assert_eq!(out, ">abc+def XYZ");
        assert_eq!(n, 4);
    }

    #[test]
    fn a_fix_with_overlapping_edits_is_not_applied_at_all() {
        // A move whose insertion lies inside its own deletion would otherwise delete.
        let text = "- Shipped A\n- Shipped B\n";
        let edits = [Edit::delete(0..12), Edit::insert(5, "- Shipped A\n")];
        assert_eq!(apply_edits(text, &edits), (text.to_string(), 0));
        let edits = [Edit::replace(0..4, "x"), Edit::replace(2..6, "y")];
        assert_eq!(apply_edits(text, &edits), (text.to_string(), 0));
        let edits = [Edit::insert(0, "ok"), Edit::delete(20..99)];
        assert_eq!(apply_edits(text, &edits), (text.to_string(), 0));
    }

    /// A finding of the current entry moves into the whole document; the places in the
    /// history it points at are already there.
    #[test]
    fn shift_moves_the_finding_and_its_fixes_not_its_related_places() {
        let mut d = Diagnostic {
            rule: "repeated-ask",
            severity: Severity::Information,
            range: 2..5,
            message: String::new(),
            fixes: vec![Fix::new("x", vec![Edit::insert(3, "y")], false)],
            related: vec![Related {
                range: 40..50,
                file: None,
                message: "Asked on 2026-11-16".into(),
            }],
        };
        d.shift(100);
        assert_eq!(d.range, 102..105);
        assert_eq!(d.fixes[0].edits[0].range, 103..103);
        assert_eq!(d.related[0].range, 40..50);
    }

    #[test]
    fn edits_never_split_a_character() {
        let (out, n) = apply_edits("é!", &[Edit::delete(1..2)]);
        assert_eq!((out.as_str(), n), ("é!", 0));
    }
}
