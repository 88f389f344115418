//! `docs/patterns.md`, generated from the data files: each group's description, shapes,
//! examples and patterns. `tests/patterns.rs` fails when the checked-in page differs.

use super::data::{Data, GroupSpec, BUILT_IN};
use super::Group;
use std::fmt::Write;

/// The order groups appear in on the page.
const PAGE_ORDER: [Group; 28] = [
    Group::Activity,
    Group::Preamble,
    Group::SignOff,
    Group::Handoff,
    Group::OpenQuestion,
    Group::FactQuestion,
    Group::DecisionQuestion,
    Group::Ask,
    Group::Request,
    Group::RequestNoun,
    Group::Outcome,
    Group::Priority,
    Group::Insight,
    Group::StatusStrong,
    Group::StatusWeak,
    Group::ParticipleEnding,
    Group::StatusCellStrong,
    Group::StatusCellWeak,
    Group::NotPastTense,
    Group::CountWord,
    Group::IrregularPast,
    Group::IrregularParticiple,
    Group::ReportTime,
    Group::ReportTeam,
    Group::Hedge,
    Group::Unfinished,
    Group::Answer,
    Group::AsksBack,
];

const INTRO: &str = "\
# How oneonone-ls reads an agenda

<!-- Generated from data/patterns/*.toml by src/patterns/docs.rs. Edit the data files (or
the prose in docs.rs), then run `ONEONONE_BLESS=1 cargo test --test patterns`. -->

oneonone-ls does not look for a handful of example sentences. It reads your agenda the way
a coach would skim it: which part is which, how each part opens, whether you ask for
anything, and whether the 1:1 is carrying routine status. This page describes what it
recognises, so you can predict its findings and word your agenda freely. Every pattern and
example on it comes from the files in [`data/patterns/`](../data/patterns/), where each
pattern sits beside the sentences it must and must not match.

The rules themselves (what fires, why, and how to turn each off) are in
[rules.md](rules.md).
";

const NOT_PROSE: &str = "\
**The title.** A single level-1 heading before any text (`# 1:1 with Dana`, `# Weekly
recap`) is the agenda's title, not a part. Several level-1 headings are parts.

**Not prose.** Code blocks, block quotes, HTML comments and YAML front matter are never
judged; a block quote that opens with an emoji (`> 💡 …`, a callout as Notion exports
it) is the writer's own prose. A `Status:` label whose value is a word or two
(`Status: In review`, a page's property) is no section. Front matter is a block between `---` lines at the very top of the file; a `---`
line further down is a horizontal rule, and the prose after it is judged. In a table, a
cell of six words or more that is not a status value is judged as sentences (the first
column, the row's topic, never is); status tables count towards `status-dump` (see below),
and a table under the leadership move counts as its content.

## 2. Sentences

Each paragraph and list item is split into sentences at `.`, `!`, `?`, `…` and the
full-width `。！？`. A full stop does not end a sentence after an abbreviation (\"e.g.\",
\"vs.\", \"Inc.\", \"approx.\"), an initial, or inside a number (\"2.5%\", \"11.11\"). Lower-case
writing still splits (\"hey dana! quick one.\"). A blank line always ends a sentence; a
single line break does when the line before is complete and the next starts like a new
sentence.

Before matching, a sentence is lower-cased, curly quotes are straightened, whitespace is
collapsed, and leading bullets, quotes and emoji are dropped. So `“We’re  still working…”`
and `we're still working…` read the same.

## 3. The catalogue
";

const OUTRO: &str = "\
## When it gets your wording wrong

Every rule can be turned off for one file with `<!-- oneonone-disable RULE -->`, or
everywhere in `.oneonone.toml`. If a wording is judged wrongly, the most useful report is
the agenda itself: the project's fixture tests (`tests/fixtures/`) are agendas with the
expected findings written inline as HTML comments. To change what a group recognises, edit
its file in `data/patterns/`: add the sentence to an entry's `matches` (or, for a false
alarm, to `not`), change or add a pattern until `cargo test --test patterns` passes, and
regenerate this page with `ONEONONE_BLESS=1 cargo test --test patterns`.
";

/// The whole page, from the built-in data files.
pub fn markdown() -> String {
    let (data, _) = Data::parse(BUILT_IN);
    let mut out = String::from(INTRO);
    let h = &data.headings;
    let _ = writeln!(out, "\n## 1. {}\n\n{}\n", h.title, h.description.trim());
    for (table, spec) in h.vocabularies() {
        let _ = writeln!(
            out,
            "- **{}** (`[{table}]`): {}",
            spec.title,
            spec.description.trim()
        );
        let words: Vec<String> = spec
            .entry
            .iter()
            .filter_map(|e| e.pattern.as_deref())
            .flat_map(alternatives)
            .map(code)
            .collect();
        let _ = writeln!(out, "  {}.", words.join(", "));
        let mut examples: Vec<&str> = Vec::new();
        for example in spec.entry.iter().flat_map(|e| &e.matches) {
            if !examples.contains(&&**example) {
                examples.push(example);
            }
        }
        let _ = writeln!(out, "  *Examples:* {}.", examples.join(" · "));
    }
    let _ = writeln!(out, "\n{NOT_PROSE}");
    classes(&mut out, &data);
    for group in PAGE_ORDER {
        if let Some(spec) = data.group(group.file()) {
            group_section(&mut out, group.file(), spec);
        }
    }
    out.push_str(OUTRO);
    out
}

fn classes(out: &mut String, data: &Data) {
    let c = &data.classes;
    let _ = writeln!(out, "### {}\n\n{}\n", c.title, c.description.trim());
    let _ = writeln!(
        out,
        "The classes, from [`classes.toml`](../data/patterns/classes.toml):\n"
    );
    let _ = writeln!(out, "| Class | What it is | Examples |\n|---|---|---|");
    for class in &c.class {
        let examples: Vec<String> = class
            .matches
            .iter()
            .filter(|e| !e.is_empty())
            .map(|e| cell(&format!("`{e:?}`")))
            .collect();
        let _ = writeln!(
            out,
            "| `{{{}}}` | {} | {} |",
            class.name,
            cell(&class.description),
            examples.join(" · ")
        );
    }
    let _ = writeln!(
        out,
        "\n<details><summary>The classes' patterns</summary>\n\n```text"
    );
    for class in &c.class {
        let _ = writeln!(out, "{{{}}} = {}", class.name, class.pattern);
    }
    let _ = writeln!(out, "```\n\n</details>\n");
}

fn group_section(out: &mut String, file: &str, spec: &GroupSpec) {
    let _ = writeln!(out, "### {}\n", spec.title);
    let anchoring = match (spec.before.is_empty(), spec.after.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!(", each pattern after `{}`", spec.before),
        (true, false) => format!(", each pattern before `{}`", spec.after),
        (false, false) => format!(
            ", each pattern between `{}` and `{}`",
            spec.before, spec.after
        ),
    };
    let _ = writeln!(
        out,
        "[`{file}.toml`](../data/patterns/{file}.toml){anchoring}.\n"
    );
    let _ = writeln!(out, "{}\n", spec.description.trim());
    // One row per shape, in the order shapes first appear.
    let mut shapes: Vec<(&str, Vec<&str>, Vec<&str>)> = Vec::new();
    for entry in &spec.entry {
        let shape = entry.shape.as_deref().unwrap_or("");
        let i = match shapes.iter().position(|(s, _, _)| *s == shape) {
            Some(i) => i,
            None => {
                shapes.push((shape, Vec::new(), Vec::new()));
                shapes.len() - 1
            }
        };
        shapes[i].1.extend(entry.matches.iter().map(|s| &**s));
        shapes[i].2.extend(entry.not.iter().map(|s| &**s));
    }
    let _ = writeln!(
        out,
        "| Shape | Recognised | Not recognised |\n|---|---|---|"
    );
    for (shape, matches, not) in shapes {
        let join = |v: Vec<&str>| v.into_iter().map(cell).collect::<Vec<_>>().join(" · ");
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(shape),
            join(matches),
            join(not)
        );
    }
    let words: Vec<&str> = spec
        .entry
        .iter()
        .flat_map(|e| &e.words)
        .map(|s| &**s)
        .collect();
    if !words.is_empty() {
        let _ = writeln!(
            out,
            "\nThe words: {}.\n",
            words
                .iter()
                .map(|w| format!("*{w}*"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        return;
    }
    let _ = writeln!(out, "\n<details><summary>The patterns</summary>\n\n```text");
    for entry in &spec.entry {
        if let Some(p) = &entry.pattern {
            let _ = writeln!(out, "{p}");
        }
    }
    let _ = writeln!(out, "```\n\n</details>\n");
}

/// A pattern's top-level alternatives: `a|b(?:c|d)` gives `a` and `b(?:c|d)`.
fn alternatives(pattern: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut in_class, mut escaped, mut start) = (0i32, false, false, 0);
    for (i, c) in pattern.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ']' if in_class => in_class = false,
            _ if in_class => {}
            '[' => in_class = true,
            '(' => depth += 1,
            ')' => depth -= 1,
            '|' if depth == 0 => {
                out.push(&pattern[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&pattern[start..]);
    out
}

fn code(s: &str) -> String {
    format!("`{s}`")
}

/// Text made safe for a table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}
