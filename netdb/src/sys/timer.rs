//! Deadlines for futures: one thread per process that wakes each future whose deadline
//! passes before its answer, so that a `Resolution` awaited with a deadline needs no
//! runtime's timer (and no runtime at all).
//!
//! The thread starts with the first alarm and ends after [`IDLE`] without one. Alarms
//! are kept in deadline order; a new earliest one wakes the thread to sleep less. The
//! state is per process ([`ForkLocal`]): a child of `fork()` starts its own.

use std::collections::BTreeMap;
use std::io;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, Weak};
use std::time::{Duration, Instant};

use super::fork::{self, ForkLocal};

/// How long the thread waits without an alarm before it ends.
const IDLE: Duration = Duration::from_secs(3);

/// The name of the timer's thread.
const THREAD_NAME: &str = "netdb-timer";

/// What an alarm does when its deadline passes.
pub(crate) trait Expire: Send + Sync {
    /// Called once, on the timer's thread, with no lock of the timer held.
    fn expire(&self);
}

static TIMER: ForkLocal<Timer> = ForkLocal::new();

struct Timer {
    generation: u64,
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Default)]
struct State {
    alarms: BTreeMap<(Instant, u64), Weak<dyn Expire>>,
    next_id: u64,
    thread_alive: bool,
}

impl Timer {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A map and two counters that every step leaves whole.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn run(self: &Arc<Self>) {
        let mut state = self.lock();
        loop {
            let now = Instant::now();
            let due: Vec<Weak<dyn Expire>> = {
                let later = state.alarms.split_off(&(now, u64::MAX));
                std::mem::replace(&mut state.alarms, later).into_values().collect()
            };
            if !due.is_empty() {
                drop(state);
                for alarm in due.iter().filter_map(Weak::upgrade) {
                    // The future's code (its waker) runs here; a panic in it must not end
                    // the thread the other alarms need.
                    let _ =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| alarm.expire()));
                }
                state = self.lock();
                continue;
            }
            let wait = match state.alarms.keys().next() {
                Some(&(first, _)) => first.saturating_duration_since(now),
                None => IDLE,
            };
            let (woken, timeout) =
                self.changed.wait_timeout(state, wait).unwrap_or_else(PoisonError::into_inner);
            state = woken;
            if timeout.timed_out() && state.alarms.is_empty() {
                state.thread_alive = false;
                return;
            }
        }
    }
}

/// An alarm set for a deadline: taken back when dropped.
pub(crate) struct Alarm {
    timer: Arc<Timer>,
    key: (Instant, u64),
}

impl std::fmt::Debug for Alarm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Alarm").field("deadline", &self.key.0).finish()
    }
}

/// Sets an alarm: `what` expires at `deadline`, unless the alarm was dropped first or
/// `what` is gone.
///
/// # Errors
/// The system's error when the timer's thread is needed and cannot start.
pub(crate) fn set(deadline: Instant, what: Weak<dyn Expire>) -> io::Result<Alarm> {
    let timer = TIMER.get(|| Timer {
        generation: fork::generation(),
        state: Mutex::new(State::default()),
        changed: Condvar::new(),
    });
    let mut state = timer.lock();
    if !state.thread_alive {
        let for_thread = Arc::clone(&timer);
        fork::spawn(THREAD_NAME, move || for_thread.run())?;
        state.thread_alive = true;
    }
    let key = (deadline, state.next_id);
    state.next_id += 1;
    let earliest = !matches!(state.alarms.keys().next(), Some(&first) if first < key);
    state.alarms.insert(key, what);
    drop(state);
    if earliest {
        timer.changed.notify_one();
    }
    Ok(Alarm { timer, key })
}

impl Drop for Alarm {
    fn drop(&mut self) {
        if self.timer.generation != fork::generation() {
            // The parent's timer: its lock may be held by a thread this process lacks.
            return;
        }
        self.timer.lock().alarms.remove(&self.key);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use std::thread;

    use super::*;

    #[derive(Default)]
    struct Count(AtomicUsize);

    impl Expire for Count {
        fn expire(&self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn wait_for(count: &Count, n: usize) {
        let start = Instant::now();
        while count.0.load(Ordering::SeqCst) < n {
            assert!(start.elapsed() < Duration::from_secs(30), "an alarm never went off");
            thread::sleep(Duration::from_millis(1));
        }
    }

    /// Alarms go off once each, in deadline order whatever the order they were set in;
    /// a dropped one never does.
    #[test]
    fn alarms_go_off_once_and_dropped_ones_never() {
        let late = Arc::new(Count::default());
        let early = Arc::new(Count::default());
        let dropped = Arc::new(Count::default());
        let now = Instant::now();
        let weak = |count: &Arc<Count>| Arc::downgrade(count) as Weak<dyn Expire>;
        // The dropped alarm is due well after it is dropped (even at Miri's pace), and
        // before the late one: once the late one has gone off, so would it have.
        let _late = set(now + Duration::from_millis(400), weak(&late)).unwrap();
        let _early = set(now + Duration::from_millis(20), weak(&early)).unwrap();
        drop(set(now + Duration::from_millis(200), weak(&dropped)).unwrap());
        wait_for(&early, 1);
        wait_for(&late, 1);
        thread::sleep(Duration::from_millis(50));
        assert_eq!(early.0.load(Ordering::SeqCst), 1);
        assert_eq!(late.0.load(Ordering::SeqCst), 1);
        assert_eq!(dropped.0.load(Ordering::SeqCst), 0);
    }

    /// An alarm whose deadline has passed goes off at once.
    #[test]
    fn a_passed_deadline_goes_off_at_once() {
        let count = Arc::new(Count::default());
        let _alarm = set(Instant::now(), Arc::downgrade(&count) as Weak<dyn Expire>).unwrap();
        wait_for(&count, 1);
    }
}
