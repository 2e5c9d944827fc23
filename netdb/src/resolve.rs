//! Name resolution that a caller can stop waiting for: `getaddrinfo` with a deadline,
//! with cancellation from another thread, and as a `Future`.
//!
//! The lookup is the system's own `getaddrinfo` (so `/etc/hosts`, DNS, mDNS and
//! everything else `nsswitch.conf` names still count), run so that the caller's wait is
//! separate from the resolver's work:
//!
//! | platform | mechanism |
//! |---|---|
//! | glibc | `getaddrinfo_a`: glibc's own resolver threads run the lookup, and a `SIGEV_THREAD` notification delivers the answer |
//! | Windows 8 and later | `GetAddrInfoExW` with an `OVERLAPPED` and a completion routine, which Windows calls on its thread pool with the answer; a cancelled or timed-out wait also stops the lookup itself with `GetAddrInfoExCancel` (except under Wine, whose `GetAddrInfoExCancel` does nothing) |
//! | others, and Windows 7 | one resolver thread per lookup runs the blocking `getaddrinfo` |
//!
//! A wait that times out or is cancelled ends at once. Unless the table says it is
//! stopped too, the lookup itself runs to its end (which the resolver's own timeout
//! bounds), and its memory and result list are freed then, exactly once, by the
//! platform's completion. (glibc's `gai_cancel` could take a
//! lookup that has not started off the queue, but it leaks that lookup's notification
//! record in doing so, so the crate does not call it.)
//!
//! Either way at most [`MAX_PENDING_LOOKUPS`] lookups are in flight, counting the
//! abandoned ones (timed out or cancelled) until their resolver finishes with them. So a
//! name server that never answers cannot make abandoned lookups, their threads and their
//! memory pile up: at the bound, [`getaddrinfo_with`] waits for a lookup to finish (up
//! to its deadline) and [`Resolution::start`] refuses with
//! [`Error::TooManyPending`](crate::Error::TooManyPending).
//!
//! [`Resolution`] is also a `Future` for any executor: the platform's completion wakes
//! it, nothing polls. The crate has no runtime dependency and no `tokio` feature, because
//! one would add nothing: a runtime's own timeout (such as `tokio::time::timeout`) gives
//! the future a deadline, and dropping it abandons the lookup safely.
//!
//! The other databases (services, protocols, hosts, networks) are read from local files
//! by the C library and stay synchronous: they answer in microseconds and never wait on
//! the network (unless `nsswitch.conf` sends them to a network service such as LDAP).
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
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::sys;
use crate::{AddrInfo, Error, Hints, Result};

/// The most lookups in flight at once through this module, abandoned ones included.
///
/// On glibc they wait in glibc's own queue for its resolver threads (20 at most); on
/// Windows in the system's own; elsewhere each has a thread of its own, so this is also
/// the most resolver threads the crate will have there.
pub const MAX_PENDING_LOOKUPS: usize = 64;

/// When a lookup must give up: a point in time, or never.
///
/// ```
/// use std::time::{Duration, Instant};
/// use netdb::Deadline;
///
/// let soon = Deadline::after(Duration::from_millis(500));
/// assert!(soon.instant().unwrap() > Instant::now());
/// assert_eq!(Deadline::never().instant(), None);
/// let from_duration: Deadline = Duration::from_secs(1).into();
/// assert!(from_duration.instant().is_some());
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
/// See [the module's table](crate::Resolution) for the mechanism on each platform. The
/// answers are the same owned values `getaddrinfo` returns.
///
/// # Errors
/// [`Error::TimedOut`](crate::Error::TimedOut) at the deadline (also when
/// [`MAX_PENDING_LOOKUPS`] lookups stay in flight until then), and every error
/// `getaddrinfo` has.
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
    deadline: Deadline,
) -> Result<Vec<AddrInfo>> {
    let request = Request::new(host, service, hints)?;
    let slot = Slot::acquire(deadline).ok_or(Error::TimedOut)?;
    Resolution::submit(request, slot).wait(deadline)
}

/// A lookup in flight: started by [`Resolution::start`], finished by
/// [`wait`](Resolution::wait) or by `.await`.
///
/// Dropping it abandons the lookup: the resolver finishes it and frees its memory. A [`Canceller`] lets another thread end the wait.
///
/// As a `Future` it works with any executor: the platform's completion wakes it (glibc's
/// notification thread, Windows' completion routine, or the resolver thread), nothing
/// polls. It has no deadline of
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
    /// [`Error::InteriorNul`](crate::Error::InteriorNul) and an out-of-range port as for
    /// `getaddrinfo`. The resolver's own errors come from the wait.
    pub fn start(host: Option<&str>, service: Option<&str>, hints: &Hints) -> Result<Resolution> {
        let request = Request::new(host, service, hints)?;
        let slot =
            Slot::try_acquire().ok_or(Error::TooManyPending { limit: MAX_PENDING_LOOKUPS })?;
        Ok(Resolution::submit(request, slot))
    }

    fn submit(request: Request, slot: Slot) -> Resolution {
        let completion = Arc::new(Completion::default());
        let notify = Arc::clone(&completion);
        let done: sys::Done = Box::new(move |outcome| {
            notify.finish(outcome);
            // The lookup is over for the resolver too: its slot is free.
            drop(slot);
        });
        let lookup = sys::start_lookup(request.host, request.service, &request.hints, done);
        Resolution { completion, lookup }
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
            state = wait_until(&self.completion.changed, state, deadline);
        }
    }
}

impl Future for Resolution {
    type Output = Result<Vec<AddrInfo>>;

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
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
        let owned = |argument, value: Option<&str>| -> Result<Option<CString>> {
            value
                .map(|value| {
                    CString::new(value)
                        .map_err(|e| Error::InteriorNul { argument, position: e.nul_position() })
                })
                .transpose()
        };
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

/// Where the platform's completion leaves the answer for the waiter or the future.
#[derive(Debug, Default)]
pub(crate) struct Completion {
    state: Mutex<CompletionState>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct CompletionState {
    /// The answer, until the waiter or the future takes it.
    outcome: Option<Result<Vec<AddrInfo>>>,
    /// The platform has delivered the answer (taken or not).
    finished: bool,
    waker: Option<Waker>,
    cancelled: bool,
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
        }
        self.wake(state);
    }

    /// Wakes the waiter and the future, after letting go of the lock.
    fn wake(&self, mut state: MutexGuard<'_, CompletionState>) {
        let waker = state.waker.take();
        drop(state);
        self.changed.notify_all();
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

static SLOTS: Mutex<usize> = Mutex::new(0);
static SLOT_FREED: Condvar = Condvar::new();

impl Slot {
    fn slots() -> MutexGuard<'static, usize> {
        // A counter: never half-changed.
        SLOTS.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn try_acquire() -> Option<Slot> {
        let mut used = Slot::slots();
        (*used < MAX_PENDING_LOOKUPS).then(|| {
            *used += 1;
            Slot
        })
    }

    /// Waits for a free slot until `deadline`.
    fn acquire(deadline: Deadline) -> Option<Slot> {
        let mut used = Slot::slots();
        while *used >= MAX_PENDING_LOOKUPS {
            if deadline.has_passed() {
                return None;
            }
            used = wait_until(&SLOT_FREED, used, deadline);
        }
        *used += 1;
        Some(Slot)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        *Slot::slots() -= 1;
        SLOT_FREED.notify_one();
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
    *Slot::slots()
}
