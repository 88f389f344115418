//! Results, percentiles, the readable table and the JSON output.

use serde_json::{json, Map, Value};
use std::time::Duration;

/// Nearest-rank percentile of `xs` (sorted in place). `None` when empty.
pub fn percentile(xs: &mut [f64], p: f64) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_by(|a, b| a.total_cmp(b));
    let rank = ((p / 100.0) * xs.len() as f64).ceil() as usize;
    Some(xs[rank.clamp(1, xs.len()) - 1])
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[derive(Clone, Debug)]
pub enum Val {
    Ms(f64),
    Mib(f64),
    Count(f64),
    Text(String),
    /// Not measurable for this server, with the reason.
    Na(String),
}

impl Val {
    pub fn num(&self) -> Option<f64> {
        match self {
            Val::Ms(x) | Val::Mib(x) | Val::Count(x) => Some(*x),
            _ => None,
        }
    }

    fn show(&self) -> String {
        match self {
            Val::Ms(x) if *x < 1.0 => format!("{x:.3} ms"),
            Val::Ms(x) if *x < 100.0 => format!("{x:.2} ms"),
            Val::Ms(x) => format!("{x:.0} ms"),
            Val::Mib(x) => format!("{x:.1} MiB"),
            Val::Count(x) => format!("{x}"),
            Val::Text(s) => s.clone(),
            Val::Na(_) => "n/a".into(),
        }
    }

    fn json(&self) -> Value {
        match self {
            Val::Ms(x) | Val::Mib(x) | Val::Count(x) => json!(x),
            Val::Text(s) => json!(s),
            Val::Na(why) => json!({ "na": why }),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Metric {
    pub key: String,
    pub label: String,
    pub val: Val,
}

#[derive(Debug, Default)]
pub struct ServerResult {
    pub name: String,
    pub command: String,
    pub notes: Vec<String>,
    pub metrics: Vec<Metric>,
}

impl ServerResult {
    pub fn put(&mut self, key: &str, label: &str, val: Val) {
        self.metrics.push(Metric {
            key: key.into(),
            label: label.into(),
            val,
        });
    }

    /// p50, p99 and max of latency samples in ms (n/a when there are none).
    pub fn put_latencies(&mut self, key: &str, label: &str, samples: &[f64], with_max: bool) {
        let mut xs = samples.to_vec();
        let na = || Val::Na("no samples".into());
        let p = |xs: &mut Vec<f64>, q| percentile(xs, q).map_or_else(na, Val::Ms);
        self.put(
            &format!("{key}.p50_ms"),
            &format!("{label} p50"),
            p(&mut xs, 50.0),
        );
        self.put(
            &format!("{key}.p99_ms"),
            &format!("{label} p99"),
            p(&mut xs, 99.0),
        );
        if with_max {
            self.put(
                &format!("{key}.max_ms"),
                &format!("{label} max"),
                p(&mut xs, 100.0),
            );
        }
    }

    /// Median and max of a few latency samples in ms (n/a when there are none).
    pub fn put_median_max(&mut self, key: &str, label: &str, samples: &[f64]) {
        let mut xs = samples.to_vec();
        for (q, name, what) in [(50.0, "p50", "median"), (100.0, "max", "max")] {
            self.put(
                &format!("{key}.{name}_ms"),
                &format!("{label} {what}"),
                percentile(&mut xs, q).map_or_else(|| Val::Na("no samples".into()), Val::Ms),
            );
        }
    }

    pub fn put_rss(&mut self, key: &str, label: &str, rss: Option<(u64, u64)>) {
        match rss {
            Some((hwm, rss)) => {
                self.put(
                    &format!("{key}.hwm_mib"),
                    &format!("{label}: peak RSS (VmHWM)"),
                    Val::Mib(hwm as f64 / 1024.0),
                );
                self.put(
                    &format!("{key}.rss_mib"),
                    &format!("{label}: RSS (VmRSS)"),
                    Val::Mib(rss as f64 / 1024.0),
                );
            }
            None => {
                self.put(
                    &format!("{key}.rss_mib"),
                    &format!("{label}: RSS"),
                    Val::Na("process gone".into()),
                );
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&Val> {
        self.metrics.iter().find(|m| m.key == key).map(|m| &m.val)
    }

    pub fn num(&self, key: &str) -> Option<f64> {
        self.get(key).and_then(Val::num)
    }

    pub fn json(&self) -> Value {
        let (mut m, mut labels) = (Map::new(), Vec::new());
        for x in &self.metrics {
            m.insert(x.key.clone(), x.val.json());
            labels.push(json!([x.key, x.label]));
        }
        // `labels`: [key, label] pairs in the table's order (the `metrics` object is sorted).
        json!({
            "name": self.name, "command": self.command, "notes": self.notes,
            "metrics": m, "labels": labels
        })
    }

    /// Back from `json()` (units come from the key: `_ms`, `_mib`, else a count).
    pub fn from_json(v: &Value) -> ServerResult {
        let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
        let mut r = ServerResult {
            name: s(&v["name"]),
            command: s(&v["command"]),
            notes: v["notes"]
                .as_array()
                .map_or_else(Vec::new, |a| a.iter().map(s).collect()),
            metrics: Vec::new(),
        };
        // Without labels (older output), keys in sorted order serve as labels.
        let pairs: Vec<(String, String)> = match v["labels"].as_array() {
            Some(a) => a.iter().map(|p| (s(&p[0]), s(&p[1]))).collect(),
            None => v["metrics"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| (k.clone(), k.clone()))
                .collect(),
        };
        for (key, label) in pairs {
            let val = &v["metrics"][&key];
            let val = match val {
                Value::Number(n) => {
                    let x = n.as_f64().unwrap_or(0.0);
                    if key.ends_with("_ms") {
                        Val::Ms(x)
                    } else if key.ends_with("_mib") {
                        Val::Mib(x)
                    } else {
                        Val::Count(x)
                    }
                }
                Value::String(t) => Val::Text(t.clone()),
                other => Val::Na(s(&other["na"])),
            };
            r.put(&key, &label, val);
        }
        r
    }
}

/// Side-by-side table: one column per server, then for every server after the floor its ratio to
/// the floor ("×floor"). Rows are the union of the metrics in first-seen order.
pub fn table(results: &[ServerResult], floor: Option<usize>) -> String {
    // A key new to a later server goes right after the key it follows in that server's list.
    let mut rows: Vec<(String, String)> = Vec::new();
    for r in results {
        let mut after: Option<usize> = None;
        for m in &r.metrics {
            match rows.iter().position(|(k, _)| *k == m.key) {
                Some(i) => after = Some(i),
                None => {
                    let at = after.map_or(rows.len(), |i| i + 1);
                    rows.insert(at, (m.key.clone(), m.label.clone()));
                    after = Some(at);
                }
            }
        }
    }
    let mut header = vec!["metric".to_string()];
    for (i, r) in results.iter().enumerate() {
        header.push(r.name.clone());
        if floor.is_some_and(|f| f != i) {
            header.push("×floor".into());
        }
    }
    let mut lines = vec![header];
    for (key, label) in &rows {
        let mut line = vec![label.clone()];
        for (i, r) in results.iter().enumerate() {
            let v = r.get(key);
            line.push(v.map_or(String::new(), Val::show));
            if let Some(f) = floor.filter(|f| *f != i) {
                let ratio = match (v, results[f].get(key)) {
                    (Some(Val::Ms(a)), Some(Val::Ms(b)))
                    | (Some(Val::Mib(a)), Some(Val::Mib(b)))
                        if *b > 0.0 =>
                    {
                        let x = a / b;
                        if x < 1.0 {
                            format!("{x:.2}×")
                        } else {
                            format!("{x:.1}×")
                        }
                    }
                    _ => String::new(),
                };
                line.push(ratio);
            }
        }
        lines.push(line);
    }
    let cols = lines[0].len();
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            lines
                .iter()
                .map(|l| l[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (n, l) in lines.iter().enumerate() {
        let mut s = String::new();
        for (c, cell) in l.iter().enumerate() {
            let pad = widths[c] - cell.chars().count();
            if c == 0 {
                s.push_str(cell);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str("  ");
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            }
        }
        out.push_str(s.trim_end());
        out.push('\n');
        if n == 0 {
            out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * (cols - 1)));
            out.push('\n');
        }
    }
    out
}

/// One target from the brief: did `ours` meet it?
pub struct Check {
    pub target: String,
    pub measured: String,
    pub ok: Option<bool>,
}

/// Check our server's numbers against the targets (those measurable here; the engine targets are
/// checked with `cargo bench --bench engine`).
pub fn checks(
    ours: &ServerResult,
    floor: Option<&ServerResult>,
    others: &[&ServerResult],
) -> Vec<Check> {
    let mut out = Vec::new();
    let mut add = |target: &str, measured: String, ok: Option<bool>| {
        out.push(Check {
            target: target.into(),
            measured,
            ok,
        })
    };
    let f = |x: Option<f64>| {
        x.map_or("n/a".into(), |x| {
            if x.fract() == 0.0 {
                format!("{x}")
            } else {
                format!("{x:.3}")
            }
        })
    };
    let o = |k: &str| ours.num(k);
    if let Some(fl) = floor {
        let (a, b) = (o("keys.typical.p50_ms"), fl.num("keys.typical.p50_ms"));
        add(
            "keystroke→diagnostics p50 ≤ 4× floor p50",
            format!("{} ms vs floor {} ms", f(a), f(b)),
            a.zip(b).map(|(a, b)| a <= 4.0 * b),
        );
        let (a, b) = (o("keys.typical.p99_ms"), fl.num("keys.typical.p99_ms"));
        add(
            "keystroke→diagnostics p99 ≤ 5× floor p99",
            format!("{} ms vs floor {} ms", f(a), f(b)),
            a.zip(b).map(|(a, b)| a <= 5.0 * b),
        );
    }
    for other in others {
        let (a, b) = (o("keys.typical.p50_ms"), other.num("keys.typical.p50_ms"));
        add(
            &format!("keystroke p50 ≥ 5× faster than {}", other.name),
            format!("{} ms vs {} ms", f(a), f(b)),
            a.zip(b).map(|(a, b)| b >= 5.0 * a),
        );
    }
    let lt = |k: &str, limit: f64| {
        let v = o(k);
        (format!("{} ms", f(v)), v.map(|v| v < limit))
    };
    let (m, ok) = lt("open.p50_ms", 5.0);
    add("open → first diagnostics < 5 ms (p50 over opens)", m, ok);
    let (m, ok) = lt("open.max_ms", 5.0);
    add("open → first diagnostics < 5 ms (slowest open)", m, ok);
    let (m, ok) = lt("first_open.p50_ms", 30.0);
    add(
        "first open, didOpen right after initialized → diagnostics < 30 ms (median)",
        m,
        ok,
    );
    let (m, ok) = lt("first_open.max_ms", 30.0);
    add(
        "first open, didOpen right after initialized → diagnostics < 30 ms (slowest)",
        m,
        ok,
    );
    let (m, ok) = lt("cold.p50_ms", 20.0);
    add("cold start (spawn → initialize result) < 20 ms", m, ok);
    for place in ["current", "history"] {
        let (m, ok) = lt(&format!("running.200kb.{place}.p99_ms"), 16.0);
        add(
            &format!("200 KB running doc: keystroke in the {place} entry p99 < 16 ms"),
            m,
            ok,
        );
    }
    let (m, ok) = lt("big.1mb.keys.p50_ms", 50.0);
    add("1 MB keystroke < 50 ms (p50_ms)", m, ok);
    let (m, ok) = lt("big.10mb.keys.p50_ms", 150.0);
    add("10 MB keystroke < 150 ms (p50_ms)", m, ok);
    for size in ["1mb", "10mb"] {
        let (n, sent) = (
            o(&format!("big.{size}.burst.versions")),
            o(&format!("big.{size}.burst.sent")),
        );
        add(
            &format!("{size} burst drops stale versions (analyses < edits)"),
            format!("{} analyses for {} edits", f(n), f(sent)),
            n.zip(sent).map(|(n, s)| n < s),
        );
    }
    let idle = o("rss.idle.rss_mib");
    add(
        "idle RSS < 20 MB",
        format!("{} MiB", f(idle)),
        idle.map(|x| x < 20.0),
    );
    let (b, a) = (
        o("rss.cycles.before.rss_mib"),
        o("rss.cycles.after.rss_mib"),
    );
    add(
        "no RSS growth over open/close cycles (≤ +1 MiB)",
        format!("{} → {} MiB", f(b), f(a)),
        b.zip(a).map(|(b, a)| a - b <= 1.0),
    );
    let (m, ok) = lt("ws.all_ms", 3000.0);
    add("workspace: all agendas checked < 3 s", m, ok);
    let (m, ok) = lt("ws.keys.p99_ms", 10.0);
    add("workspace: keystroke p99 during the scan < 10 ms", m, ok);
    out
}

pub fn checks_text(cs: &[Check]) -> String {
    let mut s = String::new();
    for c in cs {
        let mark = match c.ok {
            Some(true) => "met   ",
            Some(false) => "MISSED",
            None => "n/a   ",
        };
        s.push_str(&format!("{mark}  {}: {}\n", c.target, c.measured));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut xs: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&mut xs, 50.0), Some(50.0));
        assert_eq!(percentile(&mut xs, 99.0), Some(99.0));
        assert_eq!(percentile(&mut xs, 100.0), Some(100.0));
        assert_eq!(percentile(&mut [3.0], 99.0), Some(3.0));
        assert_eq!(percentile(&mut [], 50.0), None);
    }

    #[test]
    fn table_has_ratios_to_the_floor() {
        let mut a = ServerResult {
            name: "noop".into(),
            ..Default::default()
        };
        a.put("k", "keys p50", Val::Ms(0.5));
        let mut b = ServerResult {
            name: "ours".into(),
            ..Default::default()
        };
        b.put("k", "keys p50", Val::Ms(1.0));
        a.put("z", "last", Val::Count(1.0));
        b.put("k2", "only ours", Val::Count(2.0));
        let t = table(&[a, b], Some(0));
        let labels: Vec<&str> = t
            .lines()
            .skip(2)
            .map(|l| l.split("  ").next().unwrap())
            .collect();
        assert_eq!(labels, ["keys p50", "only ours", "last"]);
        let mut c = ServerResult {
            name: "c".into(),
            ..Default::default()
        };
        c.put("x.p50_ms", "x", Val::Ms(1.5));
        c.put("x.rss_mib", "r", Val::Mib(2.0));
        c.put("n", "n", Val::Count(3.0));
        c.put("s", "s", Val::Text("full".into()));
        c.put("w", "w", Val::Na("why".into()));
        let back = ServerResult::from_json(&c.json());
        assert_eq!(format!("{:?}", back.metrics), format!("{:?}", c.metrics));
        assert!(t.contains("2.0×"), "{t}");
        assert!(t.lines().next().unwrap().contains("×floor"));
    }
}
