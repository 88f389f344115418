use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("examples/weak.1on1.md").unwrap();
    let t0 = Instant::now();
    let h = std::thread::spawn(oneonone_ls::agenda::prepare);
    let _ = oneonone_ls::patterns::catalogue();
    h.join().unwrap();
    let t1 = Instant::now();
    let cfg = oneonone_ls::Config::default();
    let d = oneonone_ls::check(&text, &cfg);
    let t2 = Instant::now();
    let _ = oneonone_ls::check(&text, &cfg);
    let t3 = Instant::now();
    let other = std::fs::read_to_string("examples/strong.1on1.md").unwrap();
    let _ = oneonone_ls::check(&other, &cfg);
    let t4 = Instant::now();
    println!(
        "catalogue+prepare {:?}  first check {:?} ({} diags)  second {:?}  other doc {:?}",
        t1 - t0,
        t2 - t1,
        d.len(),
        t3 - t2,
        t4 - t3
    );
}
