//! Readiness at a glance: whether the current entry of a running doc (or a single agenda)
//! has an outcome, an insight and an ask, and how many action items are open.
//!
//! The judgment is the rules': a part is missing when its rule (`missing-outcome`,
//! `missing-insight`, `missing-ask`) would fire, whatever severity the user gave it. The
//! summary reads "Outcome ✓ · Insight ✓ · Ask ✗ · 2 open items"; the editor shows it on
//! [`Readiness::line`] (a code lens or an inlay hint) and `check` prints it above each
//! file's findings. Offsets are bytes into the whole text, like the findings'.

use crate::agenda::PartKind;
use crate::dates::Date;
use crate::diagnostic::Fix;
use crate::entries::Entries;
use crate::rules::{rule, Context};
use crate::series::actions::{self, ActionItem};
use crate::View;
use std::ops::Range;

/// The three parts a strong 1:1 brings, with the rule that says one is missing.
const PARTS: [(PartKind, &str, &str); 3] = [
    (PartKind::Outcome, "Outcome", "missing-outcome"),
    (PartKind::Insight, "Insight", "missing-insight"),
    (PartKind::Move, "Ask", "missing-ask"),
];

#[derive(Debug, Clone)]
pub struct Readiness {
    /// The line the summary belongs on, without its line break: the current entry's
    /// heading, else the agenda's first line with text (after any front matter).
    pub line: Range<usize>,
    /// Outcome, insight and ask, in that order.
    pub parts: Vec<Part>,
    /// Action items not done: the current entry's, the standing sections', and those
    /// still open in earlier entries that the current one does not carry.
    pub open_items: usize,
}

#[derive(Debug, Clone)]
pub struct Part {
    pub kind: PartKind,
    /// "Outcome", "Insight", "Ask".
    pub label: &'static str,
    pub present: bool,
    /// When the part is missing: the fix that adds it ("Add the missing part: …", or the
    /// rule's own fix that fills an empty part of that kind).
    pub fix: Option<Fix>,
}

impl Part {
    /// "Outcome ✓" or "Ask ✗".
    pub fn text(&self) -> String {
        format!("{} {}", self.label, if self.present { "✓" } else { "✗" })
    }
}

impl Readiness {
    /// "Outcome ✓ · Insight ✓ · Ask ✗ · 2 open items" (no open-items part at 0).
    pub fn summary(&self) -> String {
        let mut pieces: Vec<String> = self.parts.iter().map(Part::text).collect();
        if let Some(items) = self.items_text() {
            pieces.push(items);
        }
        pieces.join(" · ")
    }

    /// "1 open item", "2 open items"; `None` at 0.
    pub fn items_text(&self) -> Option<String> {
        match self.open_items {
            0 => None,
            1 => Some("1 open item".into()),
            n => Some(format!("{n} open items")),
        }
    }

    /// The part of this kind (outcome, insight or the leadership move).
    pub fn part(&self, kind: PartKind) -> Option<&Part> {
        self.parts.iter().find(|p| p.kind == kind)
    }
}

/// The readiness of what `view` reads. `None` when the scope is over the analysis budget
/// (the rules do not judge a part missing there).
pub fn of_view(view: &View, config: &crate::Config) -> Option<Readiness> {
    of(
        &view.context(config),
        view.text,
        &view.entries,
        view.scope.start,
    )
}

/// The readiness of the agenda `ctx` sees, which starts `offset` bytes into `document`
/// (the whole text) with `entries` its entries.
pub fn of(ctx: &Context, document: &str, entries: &Entries, offset: usize) -> Option<Readiness> {
    if ctx.agenda.is_limited() {
        return None;
    }
    let parts = PARTS
        .iter()
        .map(|&(kind, label, id)| {
            let finding = rule(id).and_then(|r| (r.check)(ctx).into_iter().next());
            let present = finding.is_none();
            let fix = finding
                .and_then(|f| {
                    crate::edit::add_part_fix(ctx, kind).or_else(|| f.fixes.into_iter().next())
                })
                .map(|mut fix| {
                    fix.shift(offset);
                    fix
                });
            Part {
                kind,
                label,
                present,
                fix,
            }
        })
        .collect();
    let line = match entries.current() {
        Some(e) => e.heading.clone(),
        None => first_line(document),
    };
    Some(Readiness {
        line,
        parts,
        open_items: open_items(ctx),
    })
}

fn open_items(ctx: &Context) -> usize {
    let Some(series) = ctx.history else {
        let reference = ctx.config.today.or_else(|| Date::from_unix_days(0));
        return reference.map_or(0, |d| distinct_open(actions::find(ctx.text, d).iter()));
    };
    let current = series.current().map_or(&[][..], |c| &c.actions[..]);
    distinct_open(current.iter().chain(&series.standing)) + series.open_items().len()
}

/// How many different items (by key) are not done.
fn distinct_open<'a>(items: impl Iterator<Item = &'a ActionItem>) -> usize {
    let mut seen: Vec<&ActionItem> = Vec::new();
    for item in items.filter(|i| !i.done) {
        if !seen.iter().any(|s| s.same_as(item)) {
            seen.push(item);
        }
    }
    seen.len()
}

/// The first line with text, after any front matter; the start when there is none.
fn first_line(text: &str) -> Range<usize> {
    let mut at = crate::agenda::front_matter(text).map_or(0, |r| r.end);
    while at < text.len() {
        let (end, next) = crate::entries::line_end(text, at);
        if !text[at..end].trim().is_empty() {
            return at..end;
        }
        at = next;
    }
    0..0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{apply_edits, check, Config};

    fn ready(text: &str) -> Readiness {
        let config = Config::default();
        of_view(&View::of(text, &config), &config).expect("within the budget")
    }

    #[test]
    fn a_single_agenda_is_summed_up_on_its_first_line() {
        let text = "---\ntitle: x\n---\n\n# Weekly 1:1\n\n## Outcome\nThe most important outcome I'm focused on right now is churn.\n\n- [ ] Send the deck\n- [x] Book the room\n- [ ] Call Acme\n";
        let r = ready(text);
        assert_eq!(&text[r.line.clone()], "# Weekly 1:1");
        assert_eq!(r.summary(), "Outcome ✓ · Insight ✗ · Ask ✗ · 2 open items");
        assert!(r.part(PartKind::Outcome).unwrap().fix.is_none());
    }

    #[test]
    fn the_open_items_part_is_left_out_at_zero_and_singular_at_one() {
        let strong = include_str!("../examples/strong.1on1.md");
        assert_eq!(ready(strong).summary(), "Outcome ✓ · Insight ✓ · Ask ✓");
        let r = ready("Thoughts?\n\nTODO: send the deck\n");
        assert_eq!(r.summary(), "Outcome ✗ · Insight ✗ · Ask ✗ · 1 open item");
        assert_eq!(r.line, 0..9);
    }

    /// The parts agree with the rules, and each missing part's fix makes its rule quiet.
    #[test]
    fn each_missing_part_has_the_fix_that_adds_it() {
        let text = "# 1:1\n\nBusy week. Thoughts?\n";
        let r = ready(text);
        let config = Config::default();
        let found: Vec<&str> = check(text, &config).iter().map(|d| d.rule).collect();
        for (part, id) in r
            .parts
            .iter()
            .zip(["missing-outcome", "missing-insight", "missing-ask"])
        {
            assert!(!part.present);
            assert!(found.contains(&id), "{id}");
            let fix = part.fix.as_ref().expect("a fix");
            let (fixed, _) = apply_edits(text, &fix.edits);
            assert!(
                !check(&fixed, &config).iter().any(|d| d.rule == id),
                "{id} after {:?}:\n{fixed}",
                fix.title
            );
            assert!(ready(&fixed).part(part.kind).unwrap().present, "{id}");
        }
        // An empty part of that kind is filled, not added again.
        let r = ready("## Outcome\n\n## Ask\nMy recommendation is to ship.\n");
        let fix = r.part(PartKind::Outcome).unwrap().fix.as_ref().unwrap();
        assert!(fix.title.starts_with("Fill the outcome"), "{}", fix.title);
    }

    #[test]
    fn a_running_doc_is_summed_up_on_the_current_entry_heading() {
        let text = "# Dana / Sam\n\n## 2026-11-23\nMy recommendation is to hire two contractors.\n- [ ] Draft the plan\n\n## 2026-11-16\nThe most important outcome I'm focused on right now is churn.\n- [ ] Send the deck to finance\n- [x] Book the offsite\n";
        let config = Config {
            today: Date::new(2026, 11, 23),
            ..Config::default()
        };
        let view = View::of(text, &config);
        let r = of_view(&view, &config).unwrap();
        assert_eq!(&text[r.line.clone()], "## 2026-11-23");
        // The current entry's item and the earlier one it does not carry.
        assert_eq!(r.summary(), "Outcome ✗ · Insight ✗ · Ask ✓ · 2 open items");
        // Its fixes go into the current entry, in whole-text offsets.
        let fix = r.part(PartKind::Outcome).unwrap().fix.clone().unwrap();
        let entry = view.entries.current().unwrap().body.clone();
        assert!(fix.edits.iter().all(|e| entry.contains(&e.range.start)));
    }

    #[test]
    fn over_the_budget_there_is_no_summary() {
        let mut config = Config::default();
        config.thresholds.max_bytes = 64;
        let text = "Thoughts?\n\n".repeat(40);
        assert!(of_view(&View::of(&text, &config), &config).is_none());
    }
}
