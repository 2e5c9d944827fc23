//! Name resolution that a caller can stop waiting for: `getaddrinfo` with a deadline,
//! with cancellation from another thread, and as a `Future`.
//!
//! What runs the lookup on each platform, and why, is said once, in the README's
//! "Lookups with a deadline". Here the parts: a [`Slot`] is one of the
//! [`MAX_PENDING_LOOKUPS`] places for a lookup in flight, held until the platform is
//! done with the lookup (abandoned ones included); the platform (`sys::start_lookup`)
//! runs the lookup and calls a `Done` once, which gives the slot back and leaves the
//! answer in the lookup's [`Completion`], where the waiter or the future finds it.
//!
//! ```
//! use std::time::Duration;
//! use netdb::{Deadline, Hints};
//!
//! let found = netdb::getaddrinfo_with(Some("localhost"), Some("80"), &Hints::new(), Deadline::after(Duration::from_secs(5)))?;
//! assert!(found.iter().all(|a| a.address.ip().is_loopback()));
//! # Ok::<(), netdb::Error>(())
//! ```

use std::ffi::CString;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::addrinfo::{AddrInfo, Hints};
use crate::cstr::c_string;
use crate::error::{Error, Result};
use crate::spin::{cores, spin_until};
use crate::sys;

/// The most lookups in flight at once through this module, abandoned ones included.
///
/// Outside Windows each lookup in flight has a resolver thread of its own, so this is
/// also the most resolver threads the crate will have; on Windows the system's thread
/// pool runs them.
pub const MAX_PENDING_LOOKUPS: usize = 64;

/// When a lookup must give up: a point in time, or never.
///
/// Everything that takes a deadline takes `impl Into<Deadline>`: a `Deadline`, an
/// [`Instant`], or a [`Duration`], which counts from the moment it is converted, that
/// is, from the call it is passed to.
///
/// A deadline that has passed when [`getaddrinfo_with`] is called starts no lookup and
/// is [`Error::TimedOut`](crate::Error::TimedOut) at once (even `localhost` takes a
/// handoff to a resolver thread, which no deadline of zero allows); a
/// [`Resolution::wait`] whose deadline has passed still returns an answer that is
/// already there.
///
/// ```
/// use std::time::{Duration, Instant};
/// use netdb::{Deadline, Error, Hints};
///
/// let soon = Deadline::after(Duration::from_millis(500));
/// assert!(soon.instant().unwrap() > Instant::now());
/// assert_eq!(Deadline::never().instant(), None);
/// let from_duration: Deadline = Duration::from_secs(1).into();
/// assert!(from_duration.instant().is_some());
///
/// let passed = netdb::getaddrinfo_with(Some("localhost"), None, &Hints::new(), Duration::ZERO);
/// assert!(matches!(passed, Err(Error::TimedOut)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Deadline(Option<Instant>);

impl Deadline {
    /// `timeout` from now.
    pub fn after(timeout: Duration) -> Deadline {
        // An instant too far to represent is as good as never.
        Deadline(Instant::now().checked_add(timeout))
    }

    /// At `instant`.
    pub fn at(instant: Instant) -> Deadline {
        Deadline(Some(instant))
    }

    /// No deadline: wait as long as the resolver takes.
    pub fn never() -> Deadline {
        Deadline(None)
    }

    /// The instant, or `None` for never.
    pub fn instant(&self) -> Option<Instant> {
        self.0
    }

    fn has_passed(&self) -> bool {
        self.0.is_some_and(|instant| Instant::now() >= instant)
    }

    fn remaining(&self) -> Option<Duration> {
        self.0.map(|instant| instant.saturating_duration_since(Instant::now()))
    }
}

/// `timeout` from now: from the moment of the conversion.
impl From<Duration> for Deadline {
    fn from(timeout: Duration) -> Deadline {
        Deadline::after(timeout)
    }
}

impl From<Instant> for Deadline {
    fn from(instant: Instant) -> Deadline {
        Deadline::at(instant)
    }
}

/// Resolves like [`getaddrinfo`](crate::getaddrinfo), but gives up at `deadline` with
/// [`Error::TimedOut`](crate::Error::TimedOut) instead of waiting for the resolver's
/// whole retry schedule (tens of seconds with an unreachable name server).
///
/// The answers are the same owned values `getaddrinfo` returns. What runs the lookup on
/// each platform is in the README's "Lookups with a deadline".
///
/// # Errors
/// [`Error::TimedOut`](crate::Error::TimedOut) at the deadline (also when
/// [`MAX_PENDING_LOOKUPS`] lookups stay in flight until then, and at once for a
/// deadline that has passed), [`Error::Io`](crate::Error::Io) when the system cannot
/// start a resolver thread, and every error `getaddrinfo` has.
///
/// ```
/// use std::time::Duration;
/// use netdb::{Deadline, Hints, SocketType};
///
/// let hints = Hints::new().socket_type(SocketType::STREAM);
/// let found = netdb::getaddrinfo_with(Some("127.0.0.1"), Some("443"), &hints, Deadline::after(Duration::from_secs(2)))?;
/// assert_eq!(found[0].address, "127.0.0.1:443".parse().unwrap());
/// # Ok::<(), netdb::Error>(())
/// ```
pub fn getaddrinfo_with(
    host: Option<&str>,
    service: Option<&str>,
    hints: &Hints,
    deadline: impl Into<Deadline>,
) -> Result<Vec<AddrInfo>> {
    let deadline = deadline.into();
    let request = Request::new(host, service, hints)?;
    if deadline.has_passed() {
        return Err(Error::TimedOut);
    }
    let slot = Slot::acquire(deadline).ok_or(Error::TimedOut)?;
    Resolution::submit(request, slot)?.wait(deadline)
}

/// A lookup in flight: started by [`Resolution::start`], finished by
/// [`wait`](Resolution::wait) or by `.await`.
///
/// Dropping it abandons the lookup: the resolver finishes it and frees its memory. A
/// [`Canceller`] lets another thread end the wait.
///
/// As a `Future` it works with any executor: the platform's completion wakes it (the
/// resolver thread, or Windows' completion routine), nothing polls. It has no deadline of
/// its own: wrap it in your runtime's timeout, and dropping it on timeout abandons the
/// lookup safely.
///
/// ```
/// use netdb::{Hints, Resolution};
///
/// let lookup = Resolution::start(Some("localhost"), None, &Hints::new())?;
/// let canceller = lookup.canceller();
/// let found = lookup.wait(netdb::Deadline::never())?;
/// assert!(!found.is_empty());
/// canceller.cancel(); // too late: harmless
/// # Ok::<(), netdb::Error>(())
/// ```
#[must_use = "a lookup is abandoned when dropped"]
#[derive(Debug)]
pub struct Resolution {
    completion: Arc<Completion>,
    /// Stops the platform's lookup where it can be stopped (Windows).
    lookup: sys::PendingLookup,
    /// Polled as a future before.
    polled: bool,
}

/// Ends the wait of a [`Resolution`] from anywhere: the waiter (or the future) gets
/// [`Error::Cancelled`](crate::Error::Cancelled) at once, unless the lookup had already
/// finished.
///
/// ```
/// use netdb::{Error, Hints, Resolution};
///
/// let lookup = Resolution::start(Some("localhost"), None, &Hints::new())?;
/// lookup.canceller().cancel();
/// match lookup.wait(netdb::Deadline::never()) {
///     Err(Error::Cancelled) | Ok(_) => {} // cancelled, or finished just before
///     Err(other) => panic!("{other}"),
/// }
/// # Ok::<(), netdb::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Canceller {
    completion: Arc<Completion>,
    lookup: sys::PendingLookup,
}

impl Resolution {
    /// Starts resolving `host` and `service` as [`getaddrinfo`](crate::getaddrinfo)
    /// would, and returns at once.
    ///
    /// # Errors
    /// [`Error::TooManyPending`](crate::Error::TooManyPending) when
    /// [`MAX_PENDING_LOOKUPS`] lookups are in flight;
    /// [`Error::Io`](crate::Error::Io) when the system cannot start a resolver thread
    /// for it; [`Error::InteriorNul`](crate::Error::InteriorNul) and an out-of-range port
    /// as for `getaddrinfo`. The resolver's own errors come from the wait.
    pub fn start(host: Option<&str>, service: Option<&str>, hints: &Hints) -> Result<Resolution> {
        let request = Request::new(host, service, hints)?;
        let slot =
            Slot::try_acquire().ok_or(Error::TooManyPending { limit: MAX_PENDING_LOOKUPS })?;
        Resolution::submit(request, slot)
    }

    /// Hands the lookup to the platform. If the platform refuses it, it drops `done`
    /// uncalled, which gives the slot back, and the error is the caller's.
    fn submit(request: Request, slot: Slot) -> Result<Resolution> {
        let completion = Arc::new(Completion::default());
        let notify = Arc::clone(&completion);
        let done: sys::Done = Box::new(move |outcome| {
            // The lookup is over for the resolver: its slot is free before anyone hears,
            // so that a caller woken by the answer can start the next lookup at once.
            drop(slot);
            notify.finish(outcome);
        });
        let lookup = sys::start_lookup(request.host, request.service, &request.hints, done)?;
        Ok(Resolution { completion, lookup, polled: false })
    }

    /// A lookup answered from local files is done in microseconds, sooner than a
    /// sleeping thread (or an executor's) could be woken and scheduled again, which
    /// costs 10 to 30 µs on a small VM. So the first wait watches for the answer for
    /// [`ANSWER_SPIN`] before it sleeps, while no more lookups are in flight than there
    /// are cores to run them (with more, the answer is not coming that soon, and the
    /// cores are better left to the resolver threads).
    fn watch_for_answer(&self, deadline: Deadline) {
        if pending_lookups() <= cores() {
            spin_until(ANSWER_SPIN, || {
                self.completion.finished.load(Ordering::Acquire) || deadline.has_passed()
            });
        }
    }

    /// A handle that can cancel this lookup from another thread.
    pub fn canceller(&self) -> Canceller {
        Canceller { completion: Arc::clone(&self.completion), lookup: self.lookup.clone() }
    }

    /// Waits for the answer until `deadline`.
    ///
    /// # Errors
    /// [`Error::TimedOut`](crate::Error::TimedOut) at the deadline,
    /// [`Error::Cancelled`](crate::Error::Cancelled) when a [`Canceller`] ended the wait,
    /// and every error `getaddrinfo` has.
    pub fn wait(self, deadline: impl Into<Deadline>) -> Result<Vec<AddrInfo>> {
        let deadline = deadline.into();
        self.watch_for_answer(deadline);
        let mut state = self.completion.lock();
        loop {
            if let Some(outcome) = state.outcome.take() {
                return outcome;
            }
            if state.cancelled {
                return Err(Error::Cancelled);
            }
            if deadline.has_passed() {
                // Abandoned: the resolver finishes it and frees it, or stops it where
                // the platform can (with the lock let go: its completion takes it).
                drop(state);
                self.lookup.cancel();
                return Err(Error::TimedOut);
            }
            state.sleeping = true;
            state = wait_until(&self.completion.changed, state, deadline);
            state.sleeping = false;
        }
    }
}

impl Future for Resolution {
    type Output = Result<Vec<AddrInfo>>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        if !self.polled {
            // At most ANSWER_SPIN of the executor's time, once per lookup, to spare it
            // a sleep and a wake for an answer that is microseconds away.
            self.polled = true;
            self.watch_for_answer(Deadline::never());
        }
        let mut state = self.completion.lock();
        if let Some(outcome) = state.outcome.take() {
            return Poll::Ready(outcome);
        }
        if state.cancelled {
            return Poll::Ready(Err(Error::Cancelled));
        }
        match &state.waker {
            Some(waker) if waker.will_wake(context.waker()) => {}
            _ => state.waker = Some(context.waker().clone()),
        }
        Poll::Pending
    }
}

impl Canceller {
    /// Cancels the lookup: its waiter gets [`Error::Cancelled`](crate::Error::Cancelled)
    /// unless it already had the answer. Calling it again, or after the lookup finished,
    /// does nothing.
    pub fn cancel(&self) {
        let mut state = self.completion.lock();
        if state.finished || state.cancelled {
            return;
        }
        state.cancelled = true;
        self.completion.wake(state);
        // Where the platform can stop the lookup (Windows), it does, and its completion
        // then frees it; after letting go of the lock, which that completion takes and
        // may run inside this call.
        self.lookup.cancel();
    }
}

/// The arguments of one lookup, owned, because the resolver reads them after the caller
/// has moved on.
struct Request {
    host: Option<CString>,
    service: Option<CString>,
    hints: Hints,
}

impl Request {
    fn new(host: Option<&str>, service: Option<&str>, hints: &Hints) -> Result<Request> {
        let owned =
            |argument, value: Option<&str>| value.map(|v| c_string(argument, v)).transpose();
        let request = Request {
            host: owned("host", host)?,
            service: owned("service", service)?,
            hints: *hints,
        };
        if let Some(service) = service {
            crate::addrinfo::reject_out_of_range_port(service)?;
        }
        Ok(request)
    }
}

/// How long a first wait (or poll) watches for the answer before it sleeps.
const ANSWER_SPIN: Duration = Duration::from_micros(50);

/// Where the platform's completion leaves the answer for the waiter or the future.
#[derive(Debug, Default)]
pub(crate) struct Completion {
    state: Mutex<CompletionState>,
    changed: Condvar,
    /// `state.finished`, for a waiter to watch without the lock.
    finished: AtomicBool,
}

#[derive(Debug, Default)]
struct CompletionState {
    /// The answer, until the waiter or the future takes it.
    outcome: Option<Result<Vec<AddrInfo>>>,
    /// The platform has delivered the answer (taken or not).
    finished: bool,
    waker: Option<Waker>,
    cancelled: bool,
    /// The waiter sleeps on `changed` and needs a notification.
    sleeping: bool,
}

impl Completion {
    fn lock(&self) -> MutexGuard<'_, CompletionState> {
        // The state is a plain value that each step leaves whole: a panic elsewhere
        // while it was locked cannot have left it half-changed.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn finish(&self, outcome: Result<Vec<AddrInfo>>) {
        let mut state = self.lock();
        if !state.finished {
            state.finished = true;
            state.outcome = Some(outcome);
            self.finished.store(true, Ordering::Release);
        }
        self.wake(state);
    }

    /// Wakes the waiter and the future, after letting go of the lock.
    fn wake(&self, mut state: MutexGuard<'_, CompletionState>) {
        let waker = state.waker.take();
        let sleeping = state.sleeping;
        drop(state);
        if sleeping {
            self.changed.notify_all();
        }
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

/// Waits on `condvar` until it is notified or `deadline` passes.
fn wait_until<'a, T>(
    condvar: &Condvar,
    guard: MutexGuard<'a, T>,
    deadline: Deadline,
) -> MutexGuard<'a, T> {
    // Both values guarded here are left whole by every step: poisoning changes nothing.
    match deadline.remaining() {
        None => condvar.wait(guard).unwrap_or_else(PoisonError::into_inner),
        Some(left) => condvar.wait_timeout(guard, left).unwrap_or_else(PoisonError::into_inner).0,
    }
}

/// One of the [`MAX_PENDING_LOOKUPS`] places for a lookup in flight, given back when
/// the platform is done with the lookup.
struct Slot;

/// The slots in use, and how many callers sleep waiting for one.
struct Slots {
    used: usize,
    waiting: usize,
}

static SLOTS: Mutex<Slots> = Mutex::new(Slots { used: 0, waiting: 0 });
static SLOT_FREED: Condvar = Condvar::new();

impl Slot {
    fn slots() -> MutexGuard<'static, Slots> {
        // Counters: never half-changed.
        SLOTS.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn try_acquire() -> Option<Slot> {
        let mut slots = Slot::slots();
        (slots.used < MAX_PENDING_LOOKUPS).then(|| {
            slots.used += 1;
            Slot
        })
    }

    /// Waits for a free slot until `deadline`.
    fn acquire(deadline: Deadline) -> Option<Slot> {
        let mut slots = Slot::slots();
        while slots.used >= MAX_PENDING_LOOKUPS {
            if deadline.has_passed() {
                return None;
            }
            slots.waiting += 1;
            slots = wait_until(&SLOT_FREED, slots, deadline);
            slots.waiting -= 1;
        }
        slots.used += 1;
        Some(Slot)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut slots = Slot::slots();
        slots.used -= 1;
        if slots.waiting > 0 {
            SLOT_FREED.notify_one();
        }
    }
}

/// How many lookups started by this module are in flight now: waited for, or
/// abandoned (timed out, cancelled, dropped) and still held by the resolver. Never more
/// than [`MAX_PENDING_LOOKUPS`].
///
/// ```
/// assert!(netdb::pending_lookups() <= netdb::MAX_PENDING_LOOKUPS);
/// ```
pub fn pending_lookups() -> usize {
    Slot::slots().used
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::Wake;

    /// A waker that counts its wakes and panics at each.
    #[derive(Default)]
    struct Panicking(std::sync::atomic::AtomicUsize);

    impl Wake for Panicking {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
            panic!("a waker that panics (expected by the test)");
        }
    }

    /// A panic in a user's waker, which the resolver's thread (or Windows' completion)
    /// runs, loses nothing: the answer is kept for the next poll, the lookup's place is
    /// given back, and later lookups work.
    #[test]
    fn a_waker_that_panics_loses_nothing() {
        let wakes = Arc::new(Panicking::default());
        let panicking = Waker::from(Arc::clone(&wakes));
        let lookup = loop {
            let mut lookup = Resolution::start(Some("localhost"), None, &Hints::new()).unwrap();
            // Skip the first poll's watch for the answer: the waker must be registered.
            lookup.polled = true;
            let polled = Pin::new(&mut lookup).poll(&mut Context::from_waker(&panicking));
            if polled.is_pending() {
                break lookup;
            }
        };
        // The completion runs the waker, which panics, after giving the place back and
        // leaving the answer (`finished` is set before the wake: wait for the wake).
        let start = Instant::now();
        while wakes.0.load(Ordering::SeqCst) == 0 {
            assert!(start.elapsed() < Duration::from_secs(30), "never woken");
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(lookup.completion.finished.load(Ordering::Acquire), "woken before the answer");
        assert_eq!(wakes.0.load(Ordering::SeqCst), 1, "the waker ran once, and panicked");
        let answer = lookup.wait(Deadline::never()).unwrap();
        assert!(!answer.is_empty());
        // A resolver thread that the panic had ended, yet still counted as idle, would
        // leave this lookup waiting for ever.
        let deadline = Deadline::after(Duration::from_secs(10));
        let found = getaddrinfo_with(Some("localhost"), None, &Hints::new(), deadline);
        assert!(!found.unwrap().is_empty());
    }
}
