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
}
