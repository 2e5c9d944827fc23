//! The resolver threads behind the lookups a caller can stop waiting for (`resolve.rs`):
//! a pool of reusable threads, each running the platform's blocking `getaddrinfo`.
//!
//! Every Unix uses it, and Windows where `GetAddrInfoExW` cannot be cancelled (Windows
//! 7). Nothing in it is `unsafe`, and no C code calls back into it, so no panic can cross
//! into C. The pool replaced glibc's `getaddrinfo_a`, whose failure paths write into a
//! request after reporting that it was never queued, and which started one or two threads
//! per lookup (a notification thread, often a resolver helper too).
//!
//! - **Lazy and bounded.** No thread exists until the first lookup. A lookup that finds
//!   no idle thread starts one, and `resolve.rs` lets at most
//!   [`MAX_PENDING_LOOKUPS`](crate::resolve::MAX_PENDING_LOOKUPS) lookups be in flight
//!   (abandoned ones included), so the pool never holds more threads than that. A
//!   thread idle for [`IDLE_TIMEOUT`] ends.
//! - **Failures are the caller's errors.** When a lookup needs a new thread and the
//!   system refuses one, the lookup is taken back off the queue and [`submit`] returns
//!   `Error::Io`: its `done` is dropped unheard, which gives its slot back. A lookup is
//!   either queued (and then answered exactly once) or refused, never both.
//! - **Fast handoff.** Waking a sleeping thread costs more than a lookup answered from
//!   `/etc/hosts` (10 to 30 µs against about 15 µs on a small VM). So a thread that has
//!   just finished a lookup watches the queue for [`SPIN`] before it sleeps, and a
//!   caller of the next lookup finds it awake: back-to-back lookups cost one handoff of
//!   a cache line each way, not two sleeps. At most [`max_spinners`] threads watch at
//!   once, and none on a single-core machine, where watching only delays the thread it
//!   waits for.

use std::collections::VecDeque;
use std::ffi::CString;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use super::Done;
use crate::addrinfo::Hints;
use crate::error::{Error, Result};
use crate::spin::{cores, spin_until};

/// How long an idle thread waits for work before it ends.
pub(crate) const IDLE_TIMEOUT: Duration = Duration::from_secs(3);

/// How long a thread that has just finished a lookup watches the queue before sleeping.
const SPIN: Duration = Duration::from_micros(50);

/// The name of the pool's threads, as debuggers and `/proc/<pid>/task/*/comm` show it.
pub(crate) const THREAD_NAME: &str = "netdb-resolver";

/// A lookup waiting for a thread: its arguments, owned, and who hears the answer.
struct Job {
    host: Option<CString>,
    service: Option<CString>,
    hints: Hints,
    done: Done,
}

#[derive(Default)]
struct State {
    queue: VecDeque<Job>,
    /// Threads alive.
    threads: usize,
    /// Threads not running a lookup: each takes the next job it finds.
    idle: usize,
    /// Idle threads watching the queue without sleeping: they need no wake.
    spinning: usize,
    /// Idle threads asleep on `Pool::work`: they need a wake.
    sleeping: usize,
}

struct Pool {
    state: Mutex<State>,
    work: Condvar,
    /// `state.queue.len()`, for watching threads to read without the lock.
    queued: AtomicUsize,
}

static POOL: Pool = Pool {
    state: Mutex::new(State {
        queue: VecDeque::new(),
        threads: 0,
        idle: 0,
        spinning: 0,
        sleeping: 0,
    }),
    work: Condvar::new(),
    queued: AtomicUsize::new(0),
};

/// Threads the pool has started since the process began: the tests check that lookups
/// reuse them.
#[cfg(test)]
static STARTED: AtomicUsize = AtomicUsize::new(0);

impl Pool {
    fn lock(&self) -> MutexGuard<'_, State> {
        // Every step leaves the counters and the queue whole (jobs run without the
        // lock), so a poisoned lock holds nothing half-changed.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The most threads watching the queue at once: one per core beyond the first (the
/// caller's), at most four.
fn max_spinners() -> usize {
    (cores() - 1).min(4)
}

/// Queues a lookup for the pool's threads; `done` gets its answer there, exactly once.
///
/// # Errors
/// `Error::Io` when the lookup needs a new thread and the system cannot start one; the
/// lookup is then not queued and `done` is dropped without being called.
pub(crate) fn submit(
    host: Option<CString>,
    service: Option<CString>,
    hints: &Hints,
    done: Done,
) -> Result<()> {
    let mut state = POOL.lock();
    state.queue.push_back(Job { host, service, hints: *hints, done });
    POOL.queued.store(state.queue.len(), Ordering::Release);
    let waiting = state.queue.len();
    if state.idle < waiting {
        // Every idle thread takes one job; this one needs a thread of its own. Started
        // under the lock, so that no thread can take the job meanwhile and the job to
        // take back on failure is surely this one.
        if let Err(error) = start_thread(&mut state) {
            let refused = state.queue.pop_back();
            POOL.queued.store(state.queue.len(), Ordering::Release);
            drop(state);
            // Dropped without the lock: `done` releases its slot, another lock.
            drop(refused);
            // The system's own error, errno kept (`EAGAIN` for a thread limit).
            return Err(Error::Io(error));
        }
    } else if waiting > state.spinning && state.sleeping > 0 {
        POOL.work.notify_one();
    }
    Ok(())
}

fn start_thread(state: &mut State) -> io::Result<()> {
    thread::Builder::new().name(THREAD_NAME.into()).spawn(work)?;
    #[cfg(test)]
    STARTED.fetch_add(1, Ordering::Relaxed);
    state.threads += 1;
    state.idle += 1;
    Ok(())
}

/// A pool thread: runs jobs until none comes for `IDLE_TIMEOUT`.
fn work() {
    let mut state = POOL.lock();
    let mut just_worked = false;
    loop {
        if let Some(Job { host, service, hints, done }) = state.queue.pop_front() {
            POOL.queued.store(state.queue.len(), Ordering::Release);
            state.idle -= 1;
            drop(state);
            let outcome = panic::catch_unwind(|| {
                super::getaddrinfo(host.as_deref(), service.as_deref(), &hints)
            })
            .unwrap_or_else(|_| Err(Error::Io(io::Error::other("the lookup panicked"))));
            // Idle again before the caller hears the answer, so that a lookup it starts
            // at once finds this thread instead of asking for another.
            POOL.lock().idle += 1;
            // `done` runs the caller's code (a waker). A panic there has been reported
            // by the panic hook and must not end the thread, which the counters still
            // count; the slot `done` held was given back as the panic dropped it.
            let _ = panic::catch_unwind(AssertUnwindSafe(|| done(outcome)));
            state = POOL.lock();
            just_worked = true;
            continue;
        }
        if just_worked && state.spinning < max_spinners() {
            just_worked = false;
            state.spinning += 1;
            drop(state);
            spin_until(SPIN, || POOL.queued.load(Ordering::Acquire) > 0);
            state = POOL.lock();
            state.spinning -= 1;
            continue;
        }
        just_worked = false;
        state.sleeping += 1;
        let (woken, wait) =
            POOL.work.wait_timeout(state, IDLE_TIMEOUT).unwrap_or_else(PoisonError::into_inner);
        state = woken;
        state.sleeping -= 1;
        if wait.timed_out() && state.queue.is_empty() {
            state.idle -= 1;
            state.threads -= 1;
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::{getaddrinfo_with, Deadline, Resolution, MAX_PENDING_LOOKUPS};

    /// Ten thousand lookups with a deadline, one at a time and sixteen at once, are
    /// served by threads the pool already has: it never starts more than its size.
    #[test]
    fn ten_thousand_lookups_start_no_more_threads_than_the_pool_holds() {
        let started = STARTED.load(Ordering::Relaxed);
        let deadline = || Deadline::after(Duration::from_secs(30));
        for _ in 0..5_000 {
            let found = getaddrinfo_with(Some("localhost"), None, &Hints::new(), deadline());
            assert!(!found.unwrap().is_empty());
        }
        for _ in 0..(5_000 / 16) {
            let batch: Vec<_> = (0..16)
                .map(|_| Resolution::start(Some("localhost"), None, &Hints::new()).unwrap())
                .collect();
            for lookup in batch {
                assert!(!lookup.wait(deadline()).unwrap().is_empty());
            }
        }
        let now = STARTED.load(Ordering::Relaxed) - started;
        assert!(now <= MAX_PENDING_LOOKUPS, "{now} threads started for 10,000 lookups");
        assert!(POOL.lock().threads <= MAX_PENDING_LOOKUPS);
    }
}
