//! `vague-opening`: the agenda, or one of its parts, opens with activity or with nothing.

use super::{Context, Finding, RuleDocs};
use crate::agenda::{PartKind, Sentence};
use crate::edit::replace_with_starters;
use crate::patterns::{INSIGHT_STARTER, MOVE_STARTERS, OUTCOME_STARTER};

pub const DOCS: RuleDocs = RuleDocs {
    what: "Judges the first sentence of the agenda's body (after a greeting such as \"Hi Dana,\", a metadata line such as \"Date: …\", a short line of its own that only names a title, a date or tags, or action items such as \"DONE: …\") and the first sentence of each part (under its first subheading when all its text sits under subheadings). It fires when that sentence reports activity (\"We're still working on…\", \"We met with…\") or says nothing (\"Busy week!\", \"Not much to report\"). When the agenda opens with a paragraph of reports that `status-dump` flags, or with a lead-in to such a list (\"Where we are on the Q4 number:\"), that finding covers the opening.",
    why: "The first sentence sets what the conversation is about. Open with activity and your VP hears effort; open with the point and they hear where the work is going. Later sentences may mention meetings freely.",
    example: "## The outcome\nWe're still working on the onboarding project.",
    fix: "Replaces the opening sentence with the starter of its part, ready for you to finish: \"The most important outcome I'm focused on right now is …\", \"What I'm seeing is …\" or \"My recommendation is …\".",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut openings: Vec<&Sentence> = Vec::new();
    // Sentence starts already taken: a part's first sentence may also open the body.
    let mut seen = std::collections::HashSet::new();
    // The body opens with its first sentence of talk, after any greeting or metadata line
    // and any action item ("DONE: …", "- [x] …"), which records who did what.
    if let Some(first) = ctx
        .talk()
        .find(|s| !ctx.judge(s).is_preamble() && !ctx.in_action_item(s) && !is_title_line(ctx, s))
    {
        seen.insert(first.range.start);
        openings.push(first);
    }
    for (i, section) in ctx.agenda.sections.iter().enumerate() {
        if section.kind.is_part() && !section.inherited {
            // A part opens with its first sentence of talk too: an export's "Last edited
            // by …" under a bold title is no opening. A part whose text all sits under
            // subheadings ("## 2. What I'm seeing" then "### 2.1 Benchmark vs. reality")
            // opens with the first of them.
            let first = ctx
                .agenda
                .sentences
                .iter()
                .filter(|s| section.range.contains(&s.range.start))
                .find(|s| !ctx.judge(s).is_preamble())
                .filter(|s| {
                    s.section
                        .is_some_and(|k| k == i || ctx.agenda.sections[k].inherited)
                });
            if let Some(first) = first {
                if seen.insert(first.range.start) {
                    openings.push(first);
                }
            }
        }
    }
    openings
        .into_iter()
        .filter(|s| {
            let j = ctx.judge(s);
            // Under the move's heading a request written as a noun phrase ("A short
            // note from you to the CRO before the 15th") is the ask.
            let asks = ctx.kind(s) == PartKind::Move && j.is_request_noun_phrase();
            (j.is_activity() || reports_activity(ctx, j))
                && !j.makes_a_point()
                && !asks
                && !opens_a_status_paragraph(ctx, s)
        })
        .map(|s| finding(ctx, s))
        .collect()
}

/// A short line of its own with no sentence in it, as exports and notes begin: a title
/// ("Legal / Privacy 1:1 agenda"), a date, tags ("1:1, logistics"), alone or after a
/// field's name. It opens nothing,
/// unless it reports activity or says nothing ("Quick update") or makes a point.
fn is_title_line(ctx: &Context, s: &Sentence) -> bool {
    let text = ctx.text[s.range.clone()].trim();
    // Alone on its line, or after a field's name ("Created: December 6, 2026 8:02 PM",
    // "Tags: 1:1, logistics", as Notion exports its properties).
    let before = &ctx.text[crate::agenda::line_start(ctx.text, s.range.start)..s.range.start];
    // A line of GitLab labels and nothing else (`~"1on1::agenda" ~"quarter::Q1"`) tags
    // the page.
    let line_end = ctx.text[s.range.end..]
        .find(['\n', '\r'])
        .map_or(ctx.text.len(), |i| s.range.end + i);
    if only_labels(&ctx.text[crate::agenda::line_start(ctx.text, s.range.start)..line_end]) {
        return true;
    }
    // A bold name counts as a name ("**Prepared by:** Aoife Brennan").
    let unbolded = before.replace("**", "");
    let field = crate::agenda::plain_label_name(&unbolded)
        .is_some_and(|(_, end)| unbolded[end..].trim().is_empty());
    // A page's properties ("Date: …", "Type: 1:1", "Status: Prepping", "Tags: …", one a
    // line, as Notion and Confluence export them) are no opening, whatever a value says.
    if field && in_a_block_of_fields(ctx.text, s.range.start) {
        return true;
    }
    let numbered = before
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit())
        && before.trim_end().ends_with(['.', ')']);
    // Bold or italic markers around the line ("**Prep note: Anja × Rafael**") count as
    // nothing before or after it.
    let marker = |c: char| c.is_whitespace() || c == '*' || c == '_';
    let whole_line = (before.chars().all(marker) || field || numbered)
        && ctx.text[s.range.end..]
            .chars()
            .take_while(|&c| c != '\n' && c != '\r')
            .all(marker);
    // A paragraph of its own, or a numbered heading an export wrote as a one-line list
    // item ("1. Purpose of this meeting"), which titles what follows as the first line does.
    let in_paragraph = ctx.agenda.blocks.get(s.block).is_some_and(|b| {
        b.kind == crate::agenda::BlockKind::Paragraph || (numbered && b.sentences.len() == 1)
    });
    let j = ctx.judge(s);
    let words = text.split_whitespace().count();
    // The document's first line, with a heading after it and before any other text,
    // titles the document, in more words too ("Lab meeting with the Dean of Research —
    // notes to self"); so does a numbered heading.
    let titles_the_document = s.index == 0
        && ctx.agenda.blocks.get(s.block).is_some_and(|b| {
            let next = ctx.agenda.blocks.get(s.block + 1);
            let between = b.range.end..next.map_or(ctx.text.len(), |n| n.range.start);
            ctx.agenda
                .sections
                .iter()
                .any(|sec| between.contains(&sec.range.start))
        });
    // The document's first line, a paragraph of its own, that names the meeting and who
    // meets, set apart as a title is ("weekly 1:1 — baraka mwangi (county coordinator) /
    // helen achieng (regional manager)"), titles it in as many words as the names take.
    // "ok so for our 1:1 tomorrow couple things" is no title.
    let names_the_meeting_first = s.index == 0
        && crate::agenda::names_the_meeting(text)
        && ["—", "–", " / ", " | ", "<>", " x ", " × ", "↔"]
            .iter()
            .any(|sep| text.contains(sep))
        && words <= 24
        && ctx
            .agenda
            .blocks
            .get(s.block)
            .is_some_and(|b| b.sentences.len() == 1);
    let titled =
        (titles_the_document && words <= 13) || (numbered && words <= 7) || names_the_meeting_first;
    // Any short line; a field's value or a line naming the meeting in more words.
    // A row of fields ("Prepared by: … | For: … | Date: …"), in any number of words.
    let field_row = field
        && text.contains('|')
        && text
            .split('|')
            .skip(1)
            .all(|part| crate::agenda::plain_label_name(part.trim()).is_some());
    let short = words <= 6
        || ((field || crate::agenda::names_the_meeting(text)) && words <= 11)
        || field_row;
    whole_line
        && in_paragraph
        && !text.ends_with(['.', '!', '?', ':'])
        && !j.makes_a_point()
        && ((titled && !j.catalogue.is_activity())
            || (short && !j.is_activity() && !reports_activity(ctx, j)))
}

/// A line of GitLab labels alone: `~word` or `~"scoped::label"`, one or more.
fn only_labels(line: &str) -> bool {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(r#"^\s*(?:~(?:"[^"\n]*"|[^\s"~]+)\s*)+$"#)
            .expect("label line pattern compiles")
    })
    .is_match(line)
}

/// Whether the paragraph holding `at` is two or more lines that are each a page's
/// property: a name and a short value ("Date: …", "Status: Prepping").
fn in_a_block_of_fields(text: &str, at: usize) -> bool {
    let (before, after) = text.split_at(at);
    let start = ["\n\n", "\n\r\n"]
        .iter()
        .filter_map(|blank| before.rfind(blank).map(|i| i + blank.len()))
        .max()
        .unwrap_or(0);
    let end = ["\n\n", "\n\r\n"]
        .iter()
        .filter_map(|blank| after.find(blank).map(|i| at + i))
        .min()
        .unwrap_or(text.len());
    let lines: Vec<String> = text[start..end]
        .lines()
        .map(|l| l.trim().replace("**", ""))
        .filter(|l| !l.is_empty())
        .collect();
    // A property's name is written as a name ("Date", "Last edited"), not as a tag
    // ("FYI", "DISCUSS", "todo"), and its value is a few words, not a sentence.
    let property = |line: &str| {
        crate::agenda::plain_label_name(line).is_some_and(|(name, end)| {
            let mut chars = name.trim().chars();
            let value = line[end..].trim();
            chars.next().is_some_and(char::is_uppercase)
                && chars.next().is_some_and(char::is_lowercase)
                && value.split_whitespace().count() <= 8
                && !value.ends_with(['.', '!', '?'])
        })
    };
    // And one of them is a page's own (its date, its people, its tags), so that labelled
    // talk ("Update: Met with the vendor twice" over "Ask: Approve the budget") is not.
    const PAGE: [&str; 12] = [
        "date",
        "type",
        "tags",
        "attendees",
        "participants",
        "created",
        "last edited",
        "owner",
        "prepared by",
        "when",
        "location",
        "meeting",
    ];
    let of_the_page = |line: &String| {
        crate::agenda::plain_label_name(line)
            .is_some_and(|(name, _)| PAGE.contains(&name.trim().to_lowercase().as_str()))
    };
    lines.len() >= 2 && lines.iter().all(|l| property(l)) && lines.iter().any(of_the_page)
}

/// How sure the model must be that an opening reports activity. Chosen on the tuning
/// agendas: 0.7 and 0.8 give the same figures on every other labelled set.
const SURE_OF_A_REPORT: f32 = 0.7;

/// How sure the model must be of activity when the opening starts with a verb in the past
/// tense and no subject ("Flew to Madrid on Thursday and met …", "Sat through four
/// demos."): the grammar tells the report, the model only confirms it.
const SUBJECTLESS_REPORT: f32 = 0.45;

/// An opening the catalogue reads as status at most, and the model is sure reports
/// activity ("Went to Stockholm on Tuesday and met four of the resellers."): inside a part
/// the model is not asked what a sentence is for, but how a part opens is a judgment of
/// its own.
fn reports_activity(ctx: &Context, j: &super::reading::Reading) -> bool {
    use crate::model::Function;
    let found = crate::model::catalogue_functions(&j.catalogue);
    let first = j.catalogue.norm.split_whitespace().next().unwrap_or("");
    let least = if super::status_dump::is_past_verb(ctx, first) {
        SUBJECTLESS_REPORT
    } else {
        SURE_OF_A_REPORT
    };
    (found.is_empty() || found == crate::model::Functions::one(Function::Status))
        && j.prediction()
            .function()
            .is_some_and(|(f, p)| f == Function::Activity && p >= least)
}

/// The sentence opens a paragraph of reports that `status-dump` flags ("Dana finished the
/// copy. We ran the survey. I reviewed the funnel. …"): that finding covers it,
/// and its fix moves the paragraph to the pre-read, which leaves the next sentence as the
/// opening.
fn opens_a_status_paragraph(ctx: &Context, s: &Sentence) -> bool {
    // An empty opening ("So this week was pretty full on.") is a finding of its own.
    ctx.judge(s).prediction().label != crate::model::Label::Filler
        && (ctx.agenda.blocks.get(s.block).is_some_and(|b| {
            b.sentences.start == s.index && super::status_dump::flags_paragraph(ctx, b)
        }) || leads_into_a_status_list(ctx, s))
}

/// A lead-in that names what the list is measured against ("Where we are on the Q4
/// number:", which the model reads as a point) right before a list that `status-dump`
/// flags: that finding covers it. A recap ("Recap of the week:") or a report ("Been busy
/// on the facility side, here's where things stand:") still opens with activity.
fn leads_into_a_status_list(ctx: &Context, s: &Sentence) -> bool {
    use crate::model::Function;
    let Some(next) = ctx.agenda.blocks.get(s.block + 1) else {
        return false;
    };
    let names_a_point =
        ctx.judge(s).prediction().function().is_some_and(|(f, _)| {
            matches!(f, Function::Outcome | Function::Insight | Function::Move)
        });
    s.norm.trim_end().ends_with(':')
        && names_a_point
        && ctx
            .agenda
            .sentences
            .get(s.index + 1)
            .is_none_or(|t| t.block != s.block)
        && super::status_dump::check(ctx)
            .iter()
            .any(|f| f.range.start <= next.range.start && next.range.start < f.range.end)
}

/// The sentence's range, less a first line that only greets or introduces ("hey, for our
/// 1:1 tmrw —" run on into "ok so this week was mostly chasing …"): the finding and its fix
/// are on the report, and the greeting stays as written.
fn past_a_greeting_line(ctx: &Context, s: &Sentence) -> std::ops::Range<usize> {
    let text = &ctx.text[s.range.clone()];
    let Some(nl) = text.find('\n') else {
        return s.range.clone();
    };
    let first = crate::patterns::normalise(&text[..nl]);
    let rest = text[nl + 1..].trim_start();
    if rest.is_empty() || !ctx.patterns().judge(&first).is_preamble() {
        return s.range.clone();
    }
    s.range.end - rest.len()..s.range.end
}

fn finding(ctx: &Context, s: &Sentence) -> Finding {
    let kind = ctx.kind(s);
    let (message, starters): (&str, &[&str]) = match kind {
        PartKind::Insight => (
            "The insight opens by reporting activity. Open with what you are seeing and what it means.",
            &[INSIGHT_STARTER],
        ),
        PartKind::Move => (
            "The leadership move opens by reporting activity. Open with your recommendation, request or decision.",
            &MOVE_STARTERS[..2],
        ),
        PartKind::Outcome => (
            "The outcome opens by reporting activity. Open with the business result you are driving.",
            &[OUTCOME_STARTER],
        ),
        _ => (
            "The agenda opens with activity, not a point. Lead with the outcome you are driving; routine updates can go in a pre-read.",
            &[OUTCOME_STARTER],
        ),
    };
    let range = past_a_greeting_line(ctx, s);
    let fixes = replace_with_starters(&range, starters);
    Finding {
        range,
        message: {
            let j = ctx.judge(s);
            let reading = j
                .model_reading(crate::model::Function::Activity)
                .or_else(|| j.model_reading(crate::model::Function::Filler));
            super::reading::explained(message, reading)
        },
        fixes,
        related: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::*;

    const RULE: &str = "vague-opening";

    /// A line of GitLab labels tags the page; the first item after it opens the agenda.
    #[test]
    fn a_line_of_gitlab_labels_opens_nothing() {
        let text = "# 1:1 — kwame / lisa\n\n~\"1on1::agenda\" ~\"quarter::Q1-2027\"\n\n- ~\"topic::update\" Had a bunch of customer calls this week.\n- ~\"topic::goal\" What I'm driving: setup under 1 hour by end of Feb.\n";
        assert_fires_on(RULE, text, &["Had a bunch of customer calls this week."]);
    }

    /// Inside a part the catalogue reads a trip report as status at most: how the part
    /// opens is still judged, with the model's reading.
    #[test]
    fn a_part_that_opens_with_a_report_the_model_is_sure_of() {
        assert_fires_on(
            RULE,
            "## Goal\nEvery order shipped from Leeds by 1 April.\n\n## What I'm seeing\nDrove up to Leeds on Monday and walked the floor with all three shift leads.\n\nThe merger will fail on the evening shift, not on space.\n",
            &["Drove up to Leeds"],
        );
    }

    /// A part that opens with a verb in the past tense and no subject reports activity
    /// when the model leans that way; a noun phrase the model reads the same is no report.
    #[test]
    fn a_part_that_opens_with_a_subjectless_report() {
        assert_fires_on(
            RULE,
            "## Goal\nEvery clinic booking follow-ups on the day by April.\n\n## What I'm seeing\nFlew to Porto on Tuesday and sat with two of the clinic managers.\n\nThe front desk books too late, not the nurses.\n",
            &["Flew to Porto"],
        );
        assert_quiet(
            RULE,
            "## Goal\nEvery clinic booking follow-ups on the day by April.\n\n## Ask\nTwo engineers from the data team for the export rewrite in Q3.\n",
        );
    }

    /// A part whose text sits under its subheadings opens with the first of them.
    #[test]
    fn a_part_opens_under_its_first_subheading() {
        let goal = "## 1. Outcome\nThe pilot's target is 92% redline accuracy on their own contracts by February.\n\n";
        assert_fires_on(
            RULE,
            &format!("{goal}## 2. What I'm seeing\n\n### 2.1 Benchmark vs. reality\n\nWe ran the new chunking against their 60 sample contracts on Monday.\n\nThe gap is almost entirely scanned PDFs.\n"),
            &["We ran the new chunking"],
        );
        assert_quiet(
            RULE,
            &format!("{goal}## 2. What I'm seeing\n\n### 2.1 Benchmark vs. reality\n\nThe gap is almost entirely scanned PDFs.\n\nWe ran the new chunking against their 60 sample contracts on Monday.\n"),
        );
    }

    /// A page's properties, one a line, are no opening whatever a value says; a lone
    /// field line that reports activity still is one.
    #[test]
    fn a_block_of_page_properties_is_no_opening() {
        for nl in ["\n", "\r\n"] {
            let text = "# 1:1 Priya / Tom\n\nDate: December 9, 2026\nType: 1:1\nStatus: Drafting\nTags: Q1\n\nWe're still working on the handover.\n".replace('\n', nl);
            assert_fires_on(RULE, &text, &["We're still working on"]);
        }
        assert_fires_on(
            RULE,
            "Update: Drafting the plan and chasing Legal\n\nGoal: churn under 2% by March.\n",
            &["Drafting the plan"],
        );
        assert_fires_on(
            RULE,
            "Update: Met with the vendor twice\nAsk: Approve the budget\n",
            &["Met with the vendor twice"],
        );
        // Tags, one a line, are talk: the first one opens the agenda.
        assert_fires_on(
            RULE,
            "DISCUSS: Met with the vendor twice this week\nFYI: Contract renewal is in March\n",
            &["Met with the vendor"],
        );
    }

    /// The first line that names the meeting and who meets, set apart as a title, is no
    /// opening however many words the names take.
    #[test]
    fn a_long_title_line_that_names_the_meeting() {
        let body = "\n\nvisited 3 depots in the north, meetings with the site leads\ngoal: 40 vans electrified by june.\n";
        assert_fires_on(
            RULE,
            &format!("weekly 1:1 — amara okafor (fleet coordinator, north region) / joel brandt (regional ops manager){body}"),
            &["visited 3 depots"],
        );
        // Without a title's separators the long first line is read as the opening.
        assert_quiet(
            RULE,
            &format!("weekly 1:1 of amara okafor the fleet coordinator of the north region with joel{body}"),
        );
    }

    /// A lead-in to a status list is covered by `status-dump`, unless it reports activity
    /// itself.
    #[test]
    fn a_lead_in_to_a_status_list() {
        let list = "- Closed Fenwick Logistics, $62k ARR ✅\n- Closed Harbor Dental, $38k ✅\n- Marlowe Foods in legal redlines\n- Pinecrest proposal sent Monday\n- Demo done with Ajax Freight\n- 3 new SQLs from the webinar\n";
        assert_quiet(RULE, &format!("Where we are on the Q4 number:\n{list}"));
        assert_fires_on(
            RULE,
            &format!(
                "Been busy on the sales side since we last met, here's where things stand:\n{list}"
            ),
            &["Been busy on the sales side"],
        );
    }

    #[test]
    fn fires_on_the_opening_of_the_body_and_each_part() {
        assert_fires_on(
            RULE,
            "# 1:1 with Dana\n\n## The outcome\nWe're still working on the onboarding project.\n\n## The insight\nWe met with Sales and CS this week.\n\n## The leadership move\nMy recommendation is to pilot one owner.\n",
            &["We're still working on", "We met with Sales"],
        );
        assert_fires_on(RULE, "Busy week! We shipped the beta.\n", &["Busy week!"]);
        assert_fires_on(
            RULE,
            "**Outcome:** Not much to report.\n",
            &["Not much to report."],
        );
    }

    #[test]
    fn only_openings_are_judged() {
        assert_quiet(
            RULE,
            "## Outcome\nThe most important outcome I'm focused on right now is activation. We met with Sales twice about it.\n",
        );
        assert_quiet(RULE, "## Insight\nWhat I'm seeing is that our meeting load with Sales hides an ownership gap.\n");
        assert_quiet(
            RULE,
            "We met our Q3 target two weeks early, so my recommendation is to raise it.\n",
        );
        assert_quiet(
            RULE,
            "```\nWe're still working on it.\n```\n\nMy recommendation is to ship.\n",
        );
        assert_quiet(RULE, "> We met with Sales.\n\nWhat I'm seeing is a gap.\n");
    }

    /// A paragraph of reports that opens the agenda is one problem, flagged once by
    /// `status-dump`; a paragraph too short for that still has a vague opening.
    #[test]
    fn a_status_paragraph_is_flagged_as_status_not_as_the_opening() {
        let paragraph = "We ran the pricing survey with 140 accounts. I reviewed the onboarding funnel with growth. Lucia's team fixed the export timeouts. Dana finished the pricing page copy. Karim presented the Q1 themes to sales.";
        let text =
            format!("{paragraph}\n\nMy recommendation is to launch usage pricing in January.\n");
        assert_quiet(RULE, &text);
        assert_count("status-dump", &text, 1);
        assert_fires_on(
            RULE,
            "We ran the pricing survey with 140 accounts. I reviewed the onboarding funnel with growth.\n\nMy recommendation is to launch usage pricing in January.\n",
            &["We ran the pricing survey"],
        );
    }

    /// An export's title, date or tags line opens nothing: the first sentence after it does.
    #[test]
    fn a_title_or_tags_line_is_not_the_opening() {
        let report = "Met twice with outside counsel on the transfer clauses this week.";
        let goal = "**Goal:** the updated DPA signed with our top 20 EU customers by April.";
        for top in [
            "Legal / Privacy 1:1 agenda",
            "December 6, 2026 8:02 PM",
            "1:1, logistics",
            "Created: December 6, 2026 8:02 PM\nTags: 1:1, logistics",
            "Health & Safety — monthly 1:1 with the Plant Vice President",
            "Document owner: R. Adeyemi | Version 0.3 | Last modified 05/12/2026 | Internal",
            "1. Purpose of this meeting",
            "**Prep note: Anja × Rafael bilateral**",
        ] {
            let text = format!("# Sync\n\n{top}\n\n{report}\n\n{goal}\n");
            assert_fires_on(RULE, &text, &["Met twice"]);
        }
        // A line that says nothing is still the opening, and so is one with a point.
        assert_fires_on(
            RULE,
            &format!("# 1:1\n\nQuick update\n\n{goal}\n"),
            &["Quick update"],
        );
        assert_quiet(
            RULE,
            &format!("# 1:1\n\nRenewals at 95% by March\n\n{report}\n\n{goal}\n"),
        );
    }

    /// The document's first line, with a heading right after it, titles the document in
    /// more words too; an apology there is still the opening.
    #[test]
    fn a_long_first_line_before_a_heading_is_a_title() {
        let parts = "### Where I'm pointing the group\nA few odds and ends this time, nothing dramatic. The aim is the facility paying for itself by June.\n";
        assert_fires_on(
            RULE,
            &format!("Lab meeting with the Dean of Research — notes to self\n\n{parts}"),
            &["A few odds and ends"],
        );
        assert_fires_on(
            RULE,
            &format!("sorry for the late notes, crazy week\n\n{parts}"),
            &["sorry for the late notes", "A few odds and ends"],
        );
    }

    #[test]
    fn the_pre_read_is_not_judged() {
        assert_quiet(RULE, "## Pre-read\nWe're still working on the migration.\n");
    }

    #[test]
    fn fix_replaces_the_sentence_with_the_parts_starter() {
        assert_fix(
            RULE,
            "## The insight\nWe met with Sales and CS this week. They disagree on ownership.\n",
            "Replace with \"What I'm seeing is …\"",
            "## The insight\nWhat I'm seeing is … They disagree on ownership.\n",
        );
        assert_fix(
            RULE,
            "# 1:1\r\n\r\nJust a quick update: all good 🎉\r\n",
            "Replace with \"The most important outcome I'm focused on right now is …\"",
            "# 1:1\r\n\r\nThe most important outcome I'm focused on right now is …\r\n",
        );
    }

    #[test]
    fn a_greeting_line_run_on_into_the_report_stays_as_written() {
        let rest = "anyway the real thing: the backorder isn't a one-off. i think we're one missed shipment away from a line-down.\nmy rec: qualify the second supplier now. need you to free up Wei for three weeks\n";
        let text = format!("hey, for our 1:1 tmrw —\nok so this week was mostly chasing the distributor on the backorder and sitting in on the review board\n{rest}");
        let text = text.as_str();
        assert_fires_on(RULE, text, &["ok so this week"]);
        assert_fix(
            RULE,
            text,
            "Replace with \"The most important outcome I'm focused on right now is …\"",
            &format!("hey, for our 1:1 tmrw —\nThe most important outcome I'm focused on right now is …\n{rest}"),
        );
    }

    #[test]
    fn a_request_as_a_noun_phrase_opens_the_move() {
        let table = "| Part | Notes |\n|---|---|\n| Steering toward | Closing the year with a clean revenue audit. |\n| Beneath the surface | The real exposure is free implementation in one deal in five. |\n| From you | {move} |\n";
        assert_quiet(
            RULE,
            &table.replace(
                "{move}",
                "A short note from you to the CRO before the 15th, asking that big discounts go through Deal Desk.",
            ),
        );
        assert_fires_on(
            RULE,
            &table.replace("{move}", "Drafted the memo, waiting on Sales."),
            &["Drafted the memo"],
        );
    }

    #[test]
    fn bold_page_fields_are_no_opening() {
        assert_fires_on(
            RULE,
            "# Programme note\n\n**Prepared by:** Aoife Brennan, Programme Lead\n**For:** Richard Osei\n**Meeting:** 9 December 2026\n\n## 1. Background\n\nThe team has been heads-down on the walkthroughs since our last meeting.\n",
            &["The team has been heads-down"],
        );
    }
}
