//! What the benchmarks share: timing in rounds, pairing two variants round by round,
//! and printing a row of the tables of the guide's performance page
//! (`netdb/docs/performance.md`).
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

/// Prints one row of a performance table: what, how many per second, a note.
pub fn row(what: &str, rate: f64, note: &str) {
    println!("| {what:<44} | {rate:>12.0} | {note} |");
}

/// Whether the benchmark binary was started by `cargo test --benches`, which passes no
/// `--bench`: it should then only check that it runs, quickly.
pub fn smoke_test_only() -> bool {
    std::env::args().any(|a| a == "--test")
}

/// The environment variable that tells a benchmark it already runs in its private
/// network.
const PRIVATE_MARKER: &str = "NETDB_BENCH_PRIVATE_NETWORK";

/// Runs this benchmark again in a private network (loopback only) whose `/etc` shows
/// `files` over the real ones, and returns its exit status; `None` when this process is
/// that run already. Needs root, or unprivileged user namespaces (`unshare -Urmn`).
///
/// # Panics
/// When the private network cannot be made: the benchmark says what it needs.
pub fn rerun_in_private_network(files: &[(&str, &[u8])]) -> Option<std::process::ExitStatus> {
    if std::env::var_os(PRIVATE_MARKER).is_some() {
        return None;
    }
    let scratch = std::env::temp_dir().join(format!("netdb-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("a scratch folder");
    let mut script = String::from("set -e; ip link set lo up; ");
    for (name, contents) in files {
        let path = scratch.join(name);
        std::fs::write(&path, contents).expect("writing a private /etc file");
        script.push_str(&format!("mount --bind '{}' '/etc/{name}'; ", path.display()));
    }
    script.push_str("exec \"$@\"");
    // As root the namespaces need no user namespace (and its mapping of root).
    let root = std::fs::read_to_string("/proc/self/status")
        .is_ok_and(|status| status.lines().any(|line| line.starts_with("Uid:\t0\t")));
    let mut command = std::process::Command::new("unshare");
    command.args(["--mount", "--net"]);
    if !root {
        command.args(["--user", "--map-root-user"]);
    }
    let me = std::env::current_exe().expect("the benchmark knows its path");
    command.args(["sh", "-c", &script, "sh"]).arg(me).args(std::env::args_os().skip(1));
    command.env(PRIVATE_MARKER, "1");
    let status = command.status().expect("running unshare (util-linux)");
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(status.success(), "the benchmark in its private network failed: {status} (it needs root, or unprivileged user namespaces)");
    Some(status)
}

/// The `p`-th percentile (0 to 100) of `values`.
pub fn percentile(mut values: Vec<Duration>, p: usize) -> Duration {
    values.sort();
    values[(values.len() - 1) * p / 100]
}
