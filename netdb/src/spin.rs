//! Busy-waiting for a moment before sleeping, where a sleep would cost more than the wait.

use std::time::{Duration, Instant};

/// Watches `ready` for up to `limit` before the caller goes to sleep, and says whether
/// it became true.
///
/// Between looks it yields the core (`sched_yield`): on an idle machine that returns at
/// once, and on a busy one it lets the thread that would make `ready` true (or any
/// other) run instead of this one, so watching never takes a core from the work it waits
/// for. On a machine with one core it does not watch at all.
pub(crate) fn spin_until(limit: Duration, mut ready: impl FnMut() -> bool) -> bool {
    if cores() < 2 {
        return ready();
    }
    let start = Instant::now();
    loop {
        for _ in 0..16 {
            if ready() {
                return true;
            }
            std::hint::spin_loop();
        }
        if start.elapsed() >= limit {
            return ready();
        }
        std::thread::yield_now();
    }
}

/// The cores this process may run on, as the system says (once).
pub(crate) fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}
