//! What the benchmarks share: timing in rounds, pairing two variants round by round,
//! and printing a row of the README's tables.
//!
//! Each figure is the median of several rounds; two variants compared with [`paired`]
//! alternate round by round, so drift in the machine's speed touches both alike. The
//! ratios are what to read; absolute rates depend on the machine.

use std::time::{Duration, Instant};

/// How long one round of one variant runs.
pub const ROUND: Duration = Duration::from_millis(400);
/// Rounds per variant.
pub const ROUNDS: usize = 9;

/// Calls `f` (which does `batch` operations per call) for about `ROUND` and returns
/// operations per second.
pub fn rate(batch: usize, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut calls = 0usize;
    while start.elapsed() < ROUND {
        f();
        calls += batch;
    }
    calls as f64 / start.elapsed().as_secs_f64()
}

/// The median of `values`.
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Rates of two variants measured in alternating rounds.
#[derive(Debug, Clone, Copy)]
pub struct Pair {
    /// The median rate of the first.
    pub a: f64,
    /// The median rate of the second.
    pub b: f64,
    /// The median of the rounds' ratios `b / a`, which machine drift affects least.
    pub ratio: f64,
}

/// Runs `a` and `b` (each returning a rate) in alternating rounds.
pub fn paired(mut a: impl FnMut() -> f64, mut b: impl FnMut() -> f64) -> Pair {
    let (mut first, mut second, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let (x, y) = (a(), b());
        first.push(x);
        second.push(y);
        ratios.push(y / x);
    }
    Pair { a: median(first), b: median(second), ratio: median(ratios) }
}

/// Prints one row of a README table: what, how many per second, a note.
pub fn row(what: &str, rate: f64, note: &str) {
    println!("| {what:<44} | {rate:>12.0} | {note} |");
}

/// Whether the benchmark binary was started by `cargo test --benches`, which passes no
/// `--bench`: it should then only check that it runs, quickly.
pub fn smoke_test_only() -> bool {
    std::env::args().any(|a| a == "--test")
}
