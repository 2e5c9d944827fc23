//! The engine behind every [`Resolver`](crate::resolver::Resolver): lookups in flight,
//! shared between the callers that ask for the same thing, run by a bounded pool of
//! reusable threads that make the C library's blocking calls.
//!
//! What each limit means for a user, and costs, is said once, in the docs of
//! `ResolverBuilder`; here is how the engine keeps to them.
//!
//! - **Flights.** A *flight* is one C call (one [`Key`]: `getaddrinfo` of a host, a
//!   service and hints; `getnameinfo` of an address; ...) and the callers waiting for
//!   its answer. A caller whose key is in flight joins that flight rather than start a
//!   call of its own: a thousand callers of one name cost one thread. Each caller has
//!   its own deadline and cancel; when it gives up it *leaves* the flight. A flight is
//!   in the map of flights from its start until its call ends, so a caller that comes
//!   after the end starts a new one.
//! - **Running and abandoned.** A flight whose callers have all left is *abandoned*:
//!   queued, it is taken off the queue and never runs; running, its thread is stuck in
//!   the C call until the C library gives up (for a name server that never answers, its
//!   whole retry schedule), and it counts as abandoned, up to `max_abandoned`, instead
//!   of running: `max_running` bounds only the flights someone still waits for. So
//!   lookups stuck on a dead name server, which their callers give up at their
//!   deadlines, leave the running places to names the system answers without one.
//! - **The queue.** A flight that cannot run yet (`max_running` flights run) waits in
//!   a queue, oldest first, for a place; its callers wait until their deadlines (or, as
//!   futures, until dropped). `AtLimit::Refuse` refuses a new flight instead.
//! - **Threads.** Lazy: none until the first flight; a flight that may run and finds no
//!   thread free starts one; a thread idle for the idle timeout ends. When the system
//!   refuses a thread, the flight that needed it fails with the system's error
//!   (`Error::Io`, `EAGAIN` for a thread limit): nothing is queued that no thread will
//!   take.
//! - **Reentrancy.** Callers' code (their wakers) runs on the pool's threads, after the
//!   answer is in and the flight out of the map. While a thread runs it, the thread is
//!   free for the next flight, but not for one that code itself starts, and not at all
//!   once that code blocks waiting for a lookup ([`blocking_in_callback`]): a waker
//!   that resolves is served by another thread instead of waiting for itself.
//! - **fork.** The whole state belongs to one process: it is a [`ForkLocal`], so a child
//!   of `fork()` starts with an engine of its own and never touches the parent's
//!   counters or locks, whatever the parent's threads were doing at the fork.
//! - **Fast handoff.** Waking a sleeping thread costs more than a lookup answered from
//!   `/etc/hosts` (10 to 30 µs against about 15 µs on a small VM). So a thread that has
//!   just finished a flight watches the queue for [`SPIN`] before it sleeps, and the
//!   next flight finds it awake: back-to-back lookups cost a cache line each way, not
//!   two sleeps. At most [`max_spinners`] threads watch at once, and none on a machine
//!   of one core.
//!
//! Nothing here is `unsafe`, and no C code calls back into it (on Windows the
//! completion routine of `windows_async` does, and catches every panic); a panic in a
//! lookup or in a caller's code is caught on the thread it happens on.

use std::any::Any;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::io;
use std::panic::{self, AssertUnwindSafe, RefUnwindSafe, UnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use super::fork::{self, ForkLocal};
use crate::error::{Error, Result};
use crate::resolve::Key;
use crate::resolver::{AtLimit, Limits, ResolverStats};
use crate::spin::{cores, spin_until};

/// How long a thread that has just finished a flight watches the queue before sleeping.
const SPIN: Duration = Duration::from_micros(50);

/// The name of the pool's threads, as debuggers and `/proc/<pid>/task/*/comm` show it.
pub(crate) const THREAD_NAME: &str = "netdb-resolver";

/// The answer of a flight: the `Result<T>` of its key's kind, shared by its callers.
pub(crate) type Outcome = Arc<dyn Any + Send + Sync>;

/// A caller waiting for a flight's answer.
pub(crate) trait Caller: Send + Sync + UnwindSafe + RefUnwindSafe {
    /// Takes a copy of the answer and wakes whoever waits. Called at most once, on the
    /// thread that ended the flight, with no lock of the engine held.
    fn deliver(&self, outcome: &Outcome);
}

/// One engine: its limits and this process's state.
pub(crate) struct Engine {
    limits: Limits,
    state: ForkLocal<Shared>,
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine").field("limits", &self.limits).finish_non_exhaustive()
    }
}

/// The engine's state in one process.
struct Shared {
    limits: Limits,
    /// The process generation that made it (`fork.rs`).
    generation: u64,
    state: Mutex<State>,
    /// Idle threads sleep on it.
    work: Condvar,
    /// How many queued flights may run now: watching threads read it without the lock.
    runnable: AtomicUsize,
    /// Flights in flight (queued or running), read without the lock.
    in_flight: AtomicUsize,
}

// As for `Completion` (`resolve.rs`): every step under the lock leaves the state whole,
// and the condition variable holds no data. Said by hand for the platforms whose
// `Condvar` was not `RefUnwindSafe` in older Rust, so that `Resolution` is the same on
// every platform.
impl std::panic::UnwindSafe for Shared {}
impl std::panic::RefUnwindSafe for Shared {}

#[derive(Default)]
struct State {
    /// Flights waiting for a place, oldest first.
    queue: VecDeque<Arc<Flight>>,
    /// Every flight from its start to the end of its call, by key.
    flights: HashMap<Key, Arc<Flight>>,
    /// Flights running for callers that still wait.
    running: usize,
    /// Running flights whose callers have all left, counted as such.
    abandoned: usize,
    /// Threads alive.
    threads: usize,
    /// Threads waiting for a flight (watching or asleep).
    idle: usize,
    /// Idle threads watching `runnable` without sleeping: they need no wake.
    spinning: usize,
    /// Idle threads asleep on `work`.
    sleeping: usize,
    /// Threads running callers' code after a flight: free again soon.
    finishing: usize,
    /// Threads started since this state was made (the tests count them).
    started: usize,
    /// The engine was dropped: threads end once nothing is queued.
    closed: bool,
}

/// A flight: one C call and its callers. `inner` is locked only under the engine's
/// lock, so never contended.
struct Flight {
    key: Key,
    inner: Mutex<FlightInner>,
}

struct FlightInner {
    phase: Phase,
    callers: Vec<Arc<dyn Caller>>,
    /// Windows: stops the system's lookup of an abandoned flight.
    #[cfg(windows)]
    pending: Option<super::windows_async::PendingLookup>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Queued,
    /// Its call runs; `abandoned`: it counts as abandoned.
    Running {
        abandoned: bool,
    },
    /// Its call ended, or it was taken off the queue: it has no callers any more.
    Done,
}

impl Flight {
    fn new(key: Key, phase: Phase, caller: &Arc<dyn Caller>) -> Arc<Flight> {
        Arc::new(Flight {
            key,
            inner: Mutex::new(FlightInner {
                phase,
                callers: vec![Arc::clone(caller)],
                #[cfg(windows)]
                pending: None,
            }),
        })
    }

    fn inner(&self) -> MutexGuard<'_, FlightInner> {
        // Plain values that every step leaves whole.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

thread_local! {
    /// The engine state whose pool thread this is, while it runs callers' code, and
    /// whether that code is blocked waiting for a lookup.
    static IN_CALLBACK: RefCell<Option<Arc<Shared>>> = const { RefCell::new(None) };
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // Every step leaves the counters, the queue and the map whole (calls run
        // without the lock), so a poisoned lock holds nothing half-changed.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether this thread is one of this engine's, running callers' code.
    fn is_calling_back(self: &Arc<Self>) -> bool {
        IN_CALLBACK.with(|here| here.borrow().as_ref().is_some_and(|s| Arc::ptr_eq(s, self)))
    }

    /// Publishes how many queued flights may run now, starts threads for those that no
    /// free thread will take, and wakes sleeping ones for the rest.
    ///
    /// # Errors
    /// The system's error when it refuses a thread that a flight needs.
    fn dispatch(self: &Arc<Self>, state: &mut State) -> io::Result<()> {
        let room = self.limits.max_running.saturating_sub(state.running);
        let runnable = state.queue.len().min(room);
        self.runnable.store(runnable, Ordering::Release);
        self.in_flight.store(state.flights.len(), Ordering::Relaxed);
        // A thread that runs callers' code and asks for a flight is not free for it.
        let finishing = state.finishing.saturating_sub(usize::from(self.is_calling_back()));
        for _ in (state.idle + finishing)..runnable {
            self.start_thread(state)?;
        }
        if runnable > state.spinning + finishing && state.sleeping > 0 {
            self.work.notify_one();
        }
        Ok(())
    }

    fn start_thread(self: &Arc<Self>, state: &mut State) -> io::Result<()> {
        let shared = Arc::clone(self);
        fork::spawn(THREAD_NAME, move || shared.work())?;
        state.threads += 1;
        state.idle += 1;
        state.started += 1;
        Ok(())
    }

    /// A pool thread: runs flights until none comes for the idle timeout.
    fn work(self: &Arc<Self>) {
        let mut state = self.lock();
        let mut just_worked = false;
        loop {
            if let Some(flight) = self.next_runnable(&mut state) {
                drop(state);
                let outcome = call(&flight.key);
                self.finish(&flight, outcome, true);
                state = self.lock();
                state.finishing -= 1;
                state.idle += 1;
                just_worked = true;
                continue;
            }
            if state.closed && state.queue.is_empty() {
                break;
            }
            if just_worked && state.spinning < max_spinners() {
                just_worked = false;
                state.spinning += 1;
                drop(state);
                spin_until(SPIN, || self.runnable.load(Ordering::Acquire) > 0);
                state = self.lock();
                state.spinning -= 1;
                continue;
            }
            just_worked = false;
            state.sleeping += 1;
            let (woken, wait) = self
                .work
                .wait_timeout(state, self.limits.idle_timeout)
                .unwrap_or_else(PoisonError::into_inner);
            state = woken;
            state.sleeping -= 1;
            if wait.timed_out() && self.runnable.load(Ordering::Acquire) == 0 {
                break;
            }
        }
        state.idle -= 1;
        state.threads -= 1;
    }

    /// Takes the first queued flight if it may run now, and marks it running.
    fn next_runnable(self: &Arc<Self>, state: &mut State) -> Option<Arc<Flight>> {
        if state.running >= self.limits.max_running {
            return None;
        }
        let flight = state.queue.pop_front()?;
        flight.inner().phase = Phase::Running { abandoned: false };
        state.running += 1;
        state.idle -= 1;
        let room = self.limits.max_running - state.running;
        self.runnable.store(state.queue.len().min(room), Ordering::Release);
        Some(flight)
    }

    /// Ends a flight whose call returned `outcome`: out of the map and the counts, then
    /// its callers hear the answer. `on_pool_thread`: the caller is a pool thread, which
    /// counts as finishing from here until it takes the lock again.
    fn finish(self: &Arc<Self>, flight: &Arc<Flight>, outcome: Outcome, on_pool_thread: bool) {
        let mut state = self.lock();
        if state.flights.get(&flight.key).is_some_and(|known| Arc::ptr_eq(known, flight)) {
            state.flights.remove(&flight.key);
        }
        let mut inner = flight.inner();
        match inner.phase {
            Phase::Running { abandoned: true } => state.abandoned -= 1,
            Phase::Running { abandoned: false } => state.running -= 1,
            Phase::Queued | Phase::Done => {}
        }
        inner.phase = Phase::Done;
        let callers = std::mem::take(&mut inner.callers);
        drop(inner);
        if on_pool_thread {
            state.finishing += 1;
        }
        // A place is free: the next flight may run (this thread, if a pool thread, is
        // free for it once its callers have heard).
        let mut failed = None;
        if let Err(error) = self.dispatch(&mut state) {
            failed = Some(self.fail_next(&mut state, error));
        }
        drop(state);
        if on_pool_thread {
            let outer = IN_CALLBACK.with(|here| here.replace(Some(Arc::clone(self))));
            deliver(&callers, &outcome);
            IN_CALLBACK.with(|here| here.replace(outer));
        } else {
            deliver(&callers, &outcome);
        }
        if let Some((callers, outcome)) = failed {
            deliver(&callers, &outcome);
        }
    }

    /// Takes a queued flight back: it never runs, and has no callers any more.
    fn withdraw(&self, state: &mut State, flight: &Arc<Flight>) {
        if let Some(position) = state.queue.iter().position(|queued| Arc::ptr_eq(queued, flight)) {
            state.queue.remove(position);
        }
        if state.flights.get(&flight.key).is_some_and(|known| Arc::ptr_eq(known, flight)) {
            state.flights.remove(&flight.key);
        }
        let mut inner = flight.inner();
        inner.phase = Phase::Done;
        inner.callers.clear();
    }

    /// Fails the first queued flight with `error`, because no thread could be started
    /// for it: takes it off the queue and returns its callers and their answer.
    fn fail_next(
        self: &Arc<Self>,
        state: &mut State,
        error: io::Error,
    ) -> (Vec<Arc<dyn Caller>>, Outcome) {
        let Some(flight) = state.queue.front().cloned() else {
            return (Vec::new(), Arc::new(()));
        };
        let outcome = flight.key.failure(Error::Io(error));
        let callers = std::mem::take(&mut flight.inner().callers);
        self.withdraw(state, &flight);
        // What is left may still find threads; a second refusal fails no one more now.
        let _ = self.dispatch(state);
        (callers, outcome)
    }
}

impl Engine {
    pub(crate) const fn new(limits: Limits) -> Engine {
        Engine { limits, state: ForkLocal::new() }
    }

    pub(crate) fn limits(&self) -> &Limits {
        &self.limits
    }

    fn shared(&self) -> Arc<Shared> {
        self.state.get(|| Shared {
            limits: self.limits.clone(),
            generation: fork::generation(),
            state: Mutex::new(State::default()),
            work: Condvar::new(),
            runnable: AtomicUsize::new(0),
            in_flight: AtomicUsize::new(0),
        })
    }

    /// Joins the flight of `key`, or starts one: `caller` hears its answer once, unless
    /// it leaves first.
    ///
    /// # Errors
    /// `Error::TooManyPending` when a new flight cannot run now and the limits say to
    /// refuse it; `Error::Io` when it needs a thread the system refuses. `caller` then
    /// has no place and hears nothing.
    pub(crate) fn join(&self, key: Key, caller: Arc<dyn Caller>) -> Result<Ticket> {
        let shared = self.shared();
        let mut state = shared.lock();
        if let Some(flight) = state.flights.get(&key).cloned() {
            let mut inner = flight.inner();
            if inner.phase == (Phase::Running { abandoned: true }) {
                // A caller again: it counts as running once more.
                inner.phase = Phase::Running { abandoned: false };
                state.abandoned -= 1;
                state.running += 1;
            }
            inner.callers.push(Arc::clone(&caller));
            drop(inner);
            drop(state);
            return Ok(Ticket { shared, flight, caller });
        }
        #[cfg(windows)]
        if super::windows_async::can_cancel() {
            if let Key::AddrInfo { .. } = key {
                return start_on_windows(&shared, state, key, caller);
            }
        }
        // Refused if it could not run now: every place is taken, by running flights or
        // by queued ones a thread is about to take.
        let taken = state.running + state.queue.len();
        if shared.limits.at_limit == AtLimit::Refuse && taken >= shared.limits.max_running {
            return Err(Error::TooManyPending { limit: shared.limits.max_running, lookup: None });
        }
        let flight = Flight::new(key.clone(), Phase::Queued, &caller);
        state.flights.insert(key, Arc::clone(&flight));
        state.queue.push_back(Arc::clone(&flight));
        // This flight's own thread, if it needs one, must start: if it cannot, the
        // flight is taken back and the error is this caller's.
        if let Err(error) = shared.dispatch(&mut state) {
            shared.withdraw(&mut state, &flight);
            let _ = shared.dispatch(&mut state);
            return Err(Error::Io(error));
        }
        drop(state);
        Ok(Ticket { shared, flight, caller })
    }

    /// What the engine holds now.
    pub(crate) fn stats(&self) -> ResolverStats {
        let shared = self.shared();
        let state = shared.lock();
        ResolverStats {
            threads: state.threads,
            idle_threads: state.idle,
            running: state.running,
            abandoned: state.abandoned,
            queued: state.queue.len(),
            started_threads: state.started,
        }
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        // Flights still queued or running go on for their callers; idle threads end.
        let shared = self.shared();
        shared.lock().closed = true;
        shared.work.notify_all();
    }
}

/// A caller's place in a flight: what it leaves when it gives up.
pub(crate) struct Ticket {
    shared: Arc<Shared>,
    flight: Arc<Flight>,
    caller: Arc<dyn Caller>,
}

impl fmt::Debug for Ticket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ticket").field("key", &self.flight.key).finish_non_exhaustive()
    }
}

impl Ticket {
    /// Whether the ticket was made in this process, not in the parent it was forked
    /// from: only then may its flight be touched.
    pub(crate) fn is_this_processes(&self) -> bool {
        self.shared.generation == fork::generation()
    }

    /// What the ticket's flight looks up.
    pub(crate) fn key(&self) -> &Key {
        &self.flight.key
    }

    /// Lookups in flight on the ticket's engine now, queued or running, read without the
    /// lock (for a decision, not an exact figure).
    pub(crate) fn in_flight(&self) -> usize {
        self.shared.in_flight.load(Ordering::Relaxed)
    }

    /// The caller gives up (a deadline, a cancel, a drop): it hears nothing more, and a
    /// flight left without callers is abandoned. Does nothing the second time, or in a
    /// child of `fork()` (the flight is the parent's).
    pub(crate) fn leave(&self) {
        if !self.is_this_processes() {
            return;
        }
        let shared = &self.shared;
        let mut state = shared.lock();
        let mut inner = self.flight.inner();
        let before = inner.callers.len();
        let me = Arc::as_ptr(&self.caller).cast::<()>();
        inner.callers.retain(|other| !std::ptr::eq(Arc::as_ptr(other).cast::<()>(), me));
        if before == 0 || !inner.callers.is_empty() {
            return;
        }
        let mut failed = None;
        #[cfg(windows)]
        let mut cancel = None;
        match inner.phase {
            Phase::Queued => {
                drop(inner);
                shared.withdraw(&mut state, &self.flight);
                let _ = shared.dispatch(&mut state);
            }
            Phase::Running { abandoned: false } => {
                if state.abandoned < shared.limits.max_abandoned {
                    state.running -= 1;
                    state.abandoned += 1;
                    inner.phase = Phase::Running { abandoned: true };
                }
                #[cfg(windows)]
                {
                    cancel = inner.pending.clone();
                }
                drop(inner);
                if let Err(error) = shared.dispatch(&mut state) {
                    failed = Some(shared.fail_next(&mut state, error));
                }
            }
            Phase::Running { abandoned: true } | Phase::Done => {}
        }
        drop(state);
        if let Some((callers, outcome)) = failed {
            deliver(&callers, &outcome);
        }
        #[cfg(windows)]
        if let Some(pending) = cancel {
            pending.cancel();
        }
    }
}

/// The most threads watching the queue at once: one per core beyond the first (the
/// caller's), at most four.
fn max_spinners() -> usize {
    (cores() - 1).min(4)
}

/// Makes the C call of `key`, outside any fork (`fork::c_call`), catching a panic,
/// which must not end the thread.
fn call(key: &Key) -> Outcome {
    panic::catch_unwind(AssertUnwindSafe(|| fork::c_call(|| key.call())))
        .unwrap_or_else(|_| key.failure(Error::Io(io::Error::other("the lookup panicked"))))
}

/// Hands `outcome` to each caller. A panic in a caller's code (a waker) has been
/// reported by the panic hook; it must not keep the others from their answers.
fn deliver(callers: &[Arc<dyn Caller>], outcome: &Outcome) {
    for caller in callers {
        let _ = panic::catch_unwind(AssertUnwindSafe(|| caller.deliver(outcome)));
    }
}

/// Runs `wait`, which blocks the calling thread until a lookup's answer or a deadline.
/// On a pool thread running callers' code, the thread is not counted as free
/// meanwhile, and threads are started for what it would have taken.
pub(crate) fn blocking_in_callback<T>(wait: impl FnOnce() -> T) -> T {
    let Some(shared) = IN_CALLBACK.with(|here| here.borrow_mut().take()) else {
        return wait();
    };
    if shared.generation != fork::generation() {
        // Forked inside a callback: that thread and its counts are the parent's.
        return wait();
    }
    let mut state = shared.lock();
    state.finishing -= 1;
    let failed = shared.dispatch(&mut state).err().map(|error| shared.fail_next(&mut state, error));
    drop(state);
    if let Some((callers, outcome)) = failed {
        deliver(&callers, &outcome);
    }
    let waited = wait();
    shared.lock().finishing += 1;
    IN_CALLBACK.with(|here| *here.borrow_mut() = Some(shared));
    waited
}

/// Starts a `getaddrinfo` flight on Windows' asynchronous resolver, which runs it on its
/// own threads and can stop it: not queued, and not bounded by `max_running`, which
/// bounds the engine's threads.
#[cfg(windows)]
fn start_on_windows(
    shared: &Arc<Shared>,
    mut state: MutexGuard<'_, State>,
    key: Key,
    caller: Arc<dyn Caller>,
) -> Result<Ticket> {
    let Key::AddrInfo { host, service, hints } = key.clone() else {
        unreachable!("only getaddrinfo flights start on Windows' resolver")
    };
    let flight = Flight::new(key.clone(), Phase::Running { abandoned: false }, &caller);
    state.flights.insert(key, Arc::clone(&flight));
    state.running += 1;
    shared.in_flight.store(state.flights.len(), Ordering::Relaxed);
    // Started without the lock: the routine may run at once, and takes it.
    drop(state);
    let done: super::Done = {
        let shared = Arc::clone(shared);
        let flight = Arc::clone(&flight);
        Box::new(move |result| shared.finish(&flight, Arc::new(result), false))
    };
    match super::windows_async::start_lookup(host, service, &hints, done) {
        Ok(pending) => {
            let state = shared.lock();
            let mut inner = flight.inner();
            let abandoned = inner.phase == (Phase::Running { abandoned: true })
                || (inner.callers.is_empty() && inner.phase != Phase::Done);
            inner.pending = Some(pending.clone());
            drop(inner);
            drop(state);
            // Every caller left before the handle was known: stop it now.
            if abandoned {
                pending.cancel();
            }
            Ok(Ticket { shared: Arc::clone(shared), flight, caller })
        }
        Err(error) => {
            // Not started: `done` was dropped uncalled. Callers who joined meanwhile
            // hear the error; this one gets it back.
            let outcome: Outcome =
                Arc::new(Err::<Vec<crate::addrinfo::AddrInfo>, Error>(error.duplicate()));
            shared.finish(&flight, outcome, false);
            Err(error)
        }
    }
}
