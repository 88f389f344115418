//! Deterministic generator of realistic 1:1 agendas for the benchmarks.
//!
//! Shared by `lsp-bench` and `benches/engine.rs` (included there with `#[path]`), so it only uses std.
//! The same seed always gives the same text, so numbers from different runs are comparable.

/// A small, fast, deterministic PRNG (splitmix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, xs: &'a [&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    /// True with probability `pct` percent.
    pub fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
}

const VPS: &[&str] = &[
    "Dana Whitfield",
    "Priya Raman",
    "Marcus Oyelaran",
    "Elena Sokolova",
    "Tomás Herrera",
    "Aiko Tanaka",
    "Jordan Blake",
    "Fatima Haddad",
    "Søren Lindqvist",
    "Chloé Martin",
];

const OUTCOMES: &[&str] = &[
    "cutting time-to-first-value for new enterprise customers from 21 days to 10 before the Q3 expansion push",
    "getting the billing migration finished before the price change goes live on the first of March",
    "bringing weekly churn in the self-serve tier back under 1.5% by the end of the quarter",
    "shipping the mobile offline mode to the three pilot hospitals without another slip",
    "making the platform team the place where product teams want to send their hardest problems",
    "reducing the on-call page volume by half so the team can spend Fridays on reliability work",
    "closing the two senior hires we need before the reorganisation is announced in June",
    "getting the data warehouse costs back inside the budget we agreed in January",
];

const INSIGHTS: &[&str] = &[
    "the delay is not the onboarding material but the gap between the signed contract and the kickoff call",
    "nobody owns the customer during the first week, so every question bounces between three teams",
    "most of the pages come from two services that were never given an owner after the spring reorg",
    "the candidates we lose are the ones who wait more than ten days between the panel and the offer",
    "our forecast was built on last year's usage curve, and the new pricing changed how people buy",
    "the pilot hospitals care about reliability far more than the extra features we keep adding",
    "the teams that adopted the shared pipeline ship twice as often as the ones that did not",
    "the warehouse bill grew because three dashboards rebuild the same tables every hour",
    "the sales team promises custom integrations that engineering only hears about after the deal closes",
];

const EVIDENCE: &[&str] = &[
    "Eleven of the last fourteen enterprise accounts waited more than a week for their first call.",
    "The two noisiest services produced 64% of all pages in October.",
    "We lost four of our last six finalists to faster offers.",
    "Support tickets about exports doubled after the March release.",
    "The pilot sites logged 38 sync failures last month and zero feature requests.",
    "Three dashboards account for 41% of the warehouse spend.",
    "The deals with custom promises took 35 days longer to go live.",
    "Our best week this quarter was the one where nobody context-switched to escalations.",
];

const RECOMMENDATIONS: &[&str] = &[
    "to name one onboarding owner per enterprise account for a six-week pilot",
    "to freeze new features for the pilot hospitals until sync failures drop below five a month",
    "to move the two noisiest services to the platform team with a clear reliability budget",
    "to make offers within 48 hours of the final panel and let hiring managers sign off directly",
    "to retire the three duplicate dashboards and publish one shared table instead",
    "to require an engineering review before sales can promise any custom integration",
];

const NEEDS: &[&str] = &[
    "air cover with the Sales VP so the pilot owner can join the last sales call",
    "a decision on the headcount swap by Friday so I can tell the team next week",
    "your support in the staff meeting when I propose the feature freeze",
    "an introduction to the finance partner who owns the warehouse budget",
    "agreement that the reliability budget counts as roadmap work, not overhead",
];

const DECISIONS: &[&str] = &[
    "The decision I'm making is to pause the analytics rewrite until the migration ships.",
    "The tradeoff I'm weighing is speed of hiring against the bar we set for senior roles.",
    "The decision I'm making is to move Priya onto the pilot for the next six weeks.",
    "The tradeoff I'm weighing is a two-week slip against shipping without offline conflict handling.",
];

const STATUS: &[&str] = &[
    "Shipped the new welcome email",
    "Finished the Salesforce field cleanup",
    "Completed interviews for the CS lead role",
    "Migration to the new help centre is 80% done",
    "QA sign-off in progress for the checklist tool",
    "Updated the quarterly roadmap slides",
    "Closed 42 stale tickets in the backlog",
    "Ran the accessibility audit on the settings page",
    "Drafted the incident review for the 14 October outage",
    "Onboarded two new engineers to the payments team",
    "Renewed the contract with the monitoring vendor",
    "Moved the nightly jobs to the new scheduler",
];

const WEAK_OPENERS: &[&str] = &[
    "We're still working on the onboarding revamp.",
    "Just a quick update on where things are.",
    "I wanted to touch base about a few things.",
    "Not much has changed since last week.",
];

const WEAK_CLOSERS: &[&str] = &[
    "Let me know what you think.",
    "Happy to discuss whenever works.",
    "Thoughts?",
    "Open to any feedback you have.",
];

const CONSEQUENCES: &[&str] = &[
    "If we leave it as it is, the next two enterprise launches will slip by the same three weeks and the renewal conversations will start on the back foot.",
    "If we wait until next quarter, the team will keep absorbing the pages at night and we will lose at least one of the senior engineers.",
    "If nothing changes, we will be asking finance for another exception in March, and this time the board will see it.",
    "If we keep the current process, every custom promise becomes an unplanned project that lands on the same four people.",
];

const CONTEXT: &[&str] = &[
    "For context, the team has been running at full load since the summer launch, and two people are on leave in December.",
    "For context, this came up in three separate customer calls last week, including one with our largest account.",
    "For context, finance asked every department to show a plan for the second half before the board meeting.",
    "For context, the pilot contract has a review clause at the end of the quarter that we cannot move.",
];

/// One typical agenda of about 300 words. Most seeds give a well-formed agenda with a finding or two
/// (a long status list, a hedged closing…); roughly a third are weak ones, so the engine has real work.
pub fn typical(seed: u64) -> String {
    let mut r = Rng::new(seed);
    let mut s = String::with_capacity(2200);
    let vp = r.pick(VPS);
    let first = vp.split(' ').next().unwrap_or(vp);
    s.push_str(&format!(
        "---\nwith: {vp}\ndate: 2026-{:02}-{:02}\n---\n\n",
        1 + r.below(12),
        1 + r.below(28)
    ));
    body(&mut r, &mut s, first);
    s
}

fn body(r: &mut Rng, s: &mut String, first: &str) {
    let weak = r.chance(33);
    s.push_str(&format!("# 1:1 with {first}\n\n"));
    if weak {
        s.push_str(r.pick(WEAK_OPENERS));
        s.push(' ');
        s.push_str(r.pick(CONTEXT));
        s.push_str(" We also talked about ");
        s.push_str(r.pick(OUTCOMES));
        s.push_str(" last time, and I think it is still on track, more or less, depending on how the next few weeks go.\n\n");
    } else {
        s.push_str("## The outcome\n\nThe most important outcome I'm focused on right now is ");
        s.push_str(r.pick(OUTCOMES));
        s.push_str(".\n\n");
    }
    s.push_str("## The insight\n\nWhat I'm seeing is that ");
    s.push_str(r.pick(INSIGHTS));
    s.push_str(". ");
    let e = r.below(EVIDENCE.len());
    s.push_str(EVIDENCE[e]);
    s.push(' ');
    s.push_str(EVIDENCE[(e + 1 + r.below(EVIDENCE.len() - 1)) % EVIDENCE.len()]);
    s.push_str(" It also means ");
    s.push_str(r.pick(INSIGHTS));
    s.push_str(".\n\n");
    let c = r.below(CONTEXT.len());
    s.push_str(CONTEXT[c]);
    s.push_str(" Also, ");
    s.push_str(CONTEXT[(c + 1) % CONTEXT.len()].trim_start_matches("For context, "));
    s.push(' ');
    s.push_str(r.pick(CONSEQUENCES));
    s.push_str("\n\n");
    if !weak {
        s.push_str("## The leadership move\n\nMy recommendation is ");
        s.push_str(r.pick(RECOMMENDATIONS));
        s.push_str(", starting with the accounts that signed this month and reviewing the results together in six weeks.\n\n");
        if r.chance(70) {
            s.push_str("What I need from you is ");
            s.push_str(r.pick(NEEDS));
            s.push_str(".\n\n");
        }
        s.push_str(r.pick(DECISIONS));
        s.push_str("\n\n");
    }
    s.push_str(if weak {
        "## Updates\n\n"
    } else {
        "## Pre-read (sent Monday)\n\n"
    });
    let items = if weak { 6 + r.below(4) } else { 5 + r.below(4) };
    let start = r.below(STATUS.len());
    for i in 0..items {
        s.push_str("- ");
        s.push_str(STATUS[(start + i) % STATUS.len()]);
        s.push('\n');
    }
    s.push('\n');
    if weak || r.chance(20) {
        s.push_str(r.pick(WEAK_CLOSERS));
        s.push('\n');
    }
}

/// A big agenda of at least `bytes` bytes: one front matter, then many agenda bodies back to back
/// (as if a whole year of 1:1 notes were kept in one file).
pub fn big(bytes: usize, seed: u64) -> String {
    let mut r = Rng::new(seed);
    let mut s = String::with_capacity(bytes + 4096);
    s.push_str("---\nwith: Dana Whitfield\ndate: 2026-01-05\n---\n\n");
    let mut week = 1;
    while s.len() < bytes {
        let vp = r.pick(VPS);
        let first = vp.split(' ').next().unwrap_or(vp);
        body(&mut r, &mut s, first);
        s.push_str(&format!("<!-- end of week {week} -->\n\n"));
        week += 1;
    }
    s
}

/// Things parked for a later meeting, in the running doc's standing section.
const PARKED: &[&str] = &[
    "Offsite dates for the spring planning week",
    "Whether the platform team takes over the billing service",
    "Headcount plan for next year",
    "Career path for the two staff engineers",
    "Budget for the customer advisory board",
];

/// The date of the newest entry of a generated running doc (a Tuesday); each older entry is
/// a week before the one above it.
pub const RUNNING_NEWEST: (i64, u32, u32) = (2026, 11, 17);

/// A running doc of about `bytes` bytes (within half an entry): a title, a "Parking lot"
/// standing section, then weekly entries headed `## YYYY-MM-DD`, newest first, each a short
/// agenda (about 1 KB, its parts under `###` headings) of varying content and length. The
/// newest entry is the current one: the one a language server coaches.
pub fn running(bytes: usize, seed: u64) -> String {
    running_doc(seed, Size::Bytes(bytes))
}

/// A running doc like [`running`]'s with exactly `entries` entries (at least one).
pub fn running_of(entries: usize, seed: u64) -> String {
    running_doc(seed, Size::Entries(entries.max(1)))
}

/// How big a generated running doc is: about so many bytes, or so many entries.
#[derive(Clone, Copy)]
enum Size {
    Bytes(usize),
    Entries(usize),
}

fn running_doc(seed: u64, size: Size) -> String {
    let mut r = Rng::new(seed);
    let vp = r.pick(VPS);
    let mut head = format!("# 1:1s with {vp}\n\n## Parking lot\n\n");
    let start = r.below(PARKED.len());
    for i in 0..3 {
        head.push_str("- ");
        head.push_str(PARKED[(start + i) % PARKED.len()]);
        head.push('\n');
    }
    head.push('\n');
    // Entry bodies first, then the dates: the newest entry is written first, so the number of
    // entries has to be known before any date is.
    let mut bodies: Vec<String> = Vec::new();
    let mut total = head.len();
    let heading_len = "## 2026-11-17\n\n".len();
    let more = |total: usize, n: usize| match size {
        Size::Bytes(bytes) => total < bytes,
        Size::Entries(entries) => n < entries,
    };
    while more(total, bodies.len()) {
        let mut b = String::with_capacity(1600);
        entry(&mut r, &mut b);
        total += heading_len + b.len();
        bodies.push(b);
    }
    // The last entry overshoots a size in bytes: drop it if the text is then nearer it.
    if let (Size::Bytes(bytes), true) = (size, bodies.len() > 1) {
        let last = heading_len + bodies[bodies.len() - 1].len();
        if total - bytes > bytes - (total - last) {
            bodies.pop();
            total -= last;
        }
    }
    let mut s = String::with_capacity(total);
    s.push_str(&head);
    let (y, m, d) = RUNNING_NEWEST;
    let newest = days_from_civil(y, m, d);
    for (i, b) in bodies.iter().enumerate() {
        let (y, m, d) = civil_from_days(newest - 7 * i as i64);
        s.push_str(&format!("## {y:04}-{m:02}-{d:02}\n\n"));
        s.push_str(b);
    }
    s
}

/// One entry of a running doc, without its dated heading: about 1 KB, shaped like a typical
/// agenda (some weak: no outcome, a hedged closing), with its parts under `###` headings so
/// that they stay inside the `##` entry.
fn entry(r: &mut Rng, s: &mut String) {
    let weak = r.chance(30);
    if weak {
        s.push_str(r.pick(WEAK_OPENERS));
        s.push(' ');
        s.push_str(r.pick(CONTEXT));
        s.push_str(" We also talked about ");
        s.push_str(r.pick(OUTCOMES));
        s.push_str(" last time.\n\n");
    } else {
        s.push_str("### The outcome\n\nThe most important outcome I'm focused on this week is ");
        s.push_str(r.pick(OUTCOMES));
        s.push('.');
        if r.chance(50) {
            s.push(' ');
            s.push_str(r.pick(CONTEXT));
        }
        s.push_str("\n\n");
    }
    if r.chance(80) {
        s.push_str("### The insight\n\nWhat I'm seeing is that ");
        s.push_str(r.pick(INSIGHTS));
        s.push_str(". ");
        s.push_str(r.pick(EVIDENCE));
        if r.chance(40) {
            s.push_str(" It also means ");
            s.push_str(r.pick(INSIGHTS));
            s.push('.');
        }
        if r.chance(60) {
            s.push(' ');
            s.push_str(r.pick(CONSEQUENCES));
        }
        s.push_str("\n\n");
    }
    if !weak && r.chance(70) {
        s.push_str("### The leadership move\n\nMy recommendation is ");
        s.push_str(r.pick(RECOMMENDATIONS));
        s.push('.');
        if r.chance(60) {
            s.push_str(" What I need from you is ");
            s.push_str(r.pick(NEEDS));
            s.push('.');
        }
        s.push_str("\n\n");
        if r.chance(40) {
            s.push_str(r.pick(DECISIONS));
            s.push_str("\n\n");
        }
    }
    s.push_str("### Updates\n\n");
    let items = 4 + r.below(6);
    let start = r.below(STATUS.len());
    for i in 0..items {
        s.push_str("- ");
        s.push_str(STATUS[(start + i) % STATUS.len()]);
        s.push('\n');
    }
    s.push('\n');
    if weak || r.chance(15) {
        s.push_str(r.pick(WEAK_CLOSERS));
        s.push_str("\n\n");
    }
}

/// The entries of a generated running doc, in file order: (date as written, first line, end
/// line), the end exclusive. An entry is a `## YYYY-MM-DD` heading and the lines up to the next
/// `## ` heading.
pub fn running_entries(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<(String, usize, usize)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !l.starts_with("## ") {
            continue;
        }
        if let Some(last) = out.last_mut() {
            if last.2 == usize::MAX {
                last.2 = i;
            }
        }
        if let Some(date) = entry_date(l) {
            out.push((date.to_string(), i, usize::MAX));
        }
    }
    if let Some(last) = out.last_mut() {
        if last.2 == usize::MAX {
            last.2 = lines.len();
        }
    }
    out
}

/// `Some("YYYY-MM-DD")` when `line` is exactly a `## YYYY-MM-DD` heading.
pub fn entry_date(line: &str) -> Option<&str> {
    let date = line.strip_prefix("## ")?;
    let b = date.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    shape.then_some(date)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number from [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {

    #[test]
    fn typical_is_about_300_words_and_deterministic() {
        for seed in 0..50 {
            let t = super::typical(seed);
            let words = t.split_whitespace().count();
            assert!((200..=400).contains(&words), "seed {seed}: {words} words");
            assert_eq!(t, super::typical(seed));
        }
    }

    #[test]
    fn big_reaches_its_size() {
        let b = super::big(1 << 20, 3);
        assert!(b.len() >= 1 << 20 && b.len() < (1 << 20) + 4096);
    }

    #[test]
    fn dates_round_trip() {
        assert_eq!(super::days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            super::civil_from_days(super::days_from_civil(2024, 2, 29) + 1),
            (2024, 3, 1)
        );
        assert_eq!(
            super::civil_from_days(super::days_from_civil(2026, 1, 3) - 7),
            (2025, 12, 27)
        );
        for z in -1000..40_000 {
            let (y, m, d) = super::civil_from_days(z);
            assert_eq!(super::days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn running_doc_reaches_its_size_with_entries_newest_first() {
        for (kb, seed) in [(20, 1), (200, 1), (200, 7), (500, 2)] {
            let bytes = kb * 1024;
            let t = super::running(bytes, seed);
            assert_eq!(t, super::running(bytes, seed), "deterministic");
            let off = (t.len() as f64 - bytes as f64).abs() / bytes as f64;
            assert!(off <= 0.10, "{kb} KB, seed {seed}: {} bytes", t.len());
            assert!(t.starts_with("# 1:1s with "));
            let lines: Vec<&str> = t.split('\n').collect();
            // Before the entries: the title and the standing section, nothing dated.
            let entries = super::running_entries(&t);
            assert!(lines[..entries[0].1].contains(&"## Parking lot"));
            // Every `##` heading after the standing section is a dated entry heading.
            let h2: Vec<&str> = lines[entries[0].1..]
                .iter()
                .copied()
                .filter(|l| l.starts_with("## "))
                .collect();
            assert_eq!(h2.len(), entries.len());
            assert!(h2.iter().all(|l| super::entry_date(l).is_some()), "{h2:?}");
            // Inside the entries, every other heading is a `###` part, so each entry runs to the next.
            assert!(lines[entries[0].1..]
                .iter()
                .filter(|l| l.starts_with('#'))
                .all(|l| super::entry_date(l).is_some() || l.starts_with("### ")));
            // The newest entry first, a week between entries, dates strictly descending.
            let (y, m, d) = super::RUNNING_NEWEST;
            assert_eq!(entries[0].0, format!("{y:04}-{m:02}-{d:02}"));
            assert!(entries.windows(2).all(|w| w[0].0 > w[1].0), "dates descend");
            // Entries of about 1 KB, of varying length.
            let avg = (t.len() - t.find("\n## 2").unwrap()) / entries.len();
            assert!(
                (700..=1400).contains(&avg),
                "{kb} KB: average entry {avg} bytes"
            );
            let lens: Vec<usize> = entries.iter().map(|e| e.2 - e.1).collect();
            assert!(lens.iter().max() > lens.iter().min());
            // Entries tile the rest of the file.
            assert!(entries.windows(2).all(|w| w[0].2 == w[1].1));
            assert_eq!(entries.last().unwrap().2, lines.len());
            if kb == 200 {
                assert!(entries.len() > 150, "{} entries", entries.len());
            }
        }
    }

    #[test]
    fn running_doc_of_so_many_entries() {
        for n in [1, 2, 500] {
            let t = super::running_of(n, 61);
            assert_eq!(t, super::running_of(n, 61), "deterministic");
            let entries = super::running_entries(&t);
            assert_eq!(entries.len(), n);
            let (y, m, d) = super::RUNNING_NEWEST;
            assert_eq!(entries[0].0, format!("{y:04}-{m:02}-{d:02}"));
        }
        // The same generator as by size: 500 entries of about 1 KB.
        let t = super::running_of(500, 61);
        assert!((400 * 1024..600 * 1024).contains(&t.len()), "{}", t.len());
    }
}
