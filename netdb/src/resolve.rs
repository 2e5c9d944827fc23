//! Lookups a caller can stop waiting for: with a deadline, cancelled from another
//! thread, or as a `Future`, for every lookup that can wait on a name server.
//!
//! A [`Lookup`] names what to look up; a [`Resolver`] runs it (see its docs for how, and
//! what it does on a bad day); a [`Resolution`] is one caller's wait for the answer.
//! What runs the C call on each platform is said once, in the guide's "Lookups with a
//! deadline" (`netdb/docs/deadlines.md`).
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
use std::io;
use std::marker::PhantomData;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::addrinfo::{AddrInfo, Hints, NameInfoFlags};
use crate::cstr::c_string;
use crate::error::{Error, LookupTarget, Result};
use crate::host::{AddressFamily, Host};
use crate::network::Network;
use crate::resolver::Resolver;
use crate::spin::{cores, spin_until};
use crate::sys;
use crate::sys::pool::{Caller, Engine, Outcome, Ticket};

/// When a lookup must give up: a point in time, or never.
///
/// Everything that takes a deadline takes `impl Into<Deadline>`: a `Deadline`, an
/// [`Instant`], or a [`Duration`], which counts from the moment it is converted, that
/// is, from the call it is passed to.
///
/// A deadline that has passed when [`getaddrinfo_with`] (or [`Resolver::resolve`]) is
/// called starts no lookup and is [`Error::TimedOut`](crate::Error::TimedOut) at once
/// (even `localhost` takes a handoff to a resolver thread, which no deadline of zero
/// allows); a [`Resolution::wait`] whose deadline has passed still returns an answer
/// that is already there.
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
/// assert!(matches!(passed, Err(Error::TimedOut { .. })));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Deadline(Option<Instant>);

impl Deadline {
    /// `timeout` from now.
    #[must_use]
    pub fn after(timeout: Duration) -> Deadline {
        // An instant too far to represent is as good as never.
        Deadline(Instant::now().checked_add(timeout))
    }

    /// At `instant`.
    #[must_use]
    pub fn at(instant: Instant) -> Deadline {
        Deadline(Some(instant))
    }

    /// No deadline: wait as long as the resolver takes.
    #[must_use]
    pub fn never() -> Deadline {
        Deadline(None)
    }

    /// The instant, or `None` for never.
    pub fn instant(&self) -> Option<Instant> {
        self.0
    }

    /// The earlier of the two.
    fn earliest(self, other: Deadline) -> Deadline {
        match (self.0, other.0) {
            (Some(a), Some(b)) => Deadline(Some(a.min(b))),
            (Some(a), None) | (None, Some(a)) => Deadline(Some(a)),
            (None, None) => Deadline(None),
        }
    }

    pub(crate) fn has_passed(&self) -> bool {
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
/// The answers are the same owned values `getaddrinfo` returns. It runs on the process's
/// shared [`Resolver`] (see there what that does under a dead name server); what runs
/// the C call on each platform is in the guide's
/// [Lookups with a deadline](crate::guide::deadlines).
///
/// # Errors
/// [`Error::TimedOut`](crate::Error::TimedOut) at the deadline (also while waiting in
/// line for a place, and at once for a deadline that has passed),
/// [`Error::Io`](crate::Error::Io) when the system cannot start a resolver thread, and
/// every error `getaddrinfo` has.
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
    Resolver::shared().resolve(Lookup::getaddrinfo(host, service, hints)?, deadline)
}

/// The socket addresses of `host` on `port`, as `std::net::ToSocketAddrs` finds them for
/// `(host, port)`, but giving up at `deadline` with
/// [`Error::TimedOut`](crate::Error::TimedOut): `getaddrinfo` with stream hints, each
/// address once, in the system's order of preference. On the shared [`Resolver`].
///
/// # Errors
/// As for [`getaddrinfo_with`].
///
/// ```
/// use std::time::Duration;
///
/// let addresses = netdb::lookup_host("localhost", 443, Duration::from_secs(5))?;
/// assert!(!addresses.is_empty());
/// assert!(addresses.iter().all(|a| a.ip().is_loopback() && a.port() == 443));
/// # Ok::<(), netdb::Error>(())
/// ```
pub fn lookup_host(
    host: &str,
    port: u16,
    deadline: impl Into<Deadline>,
) -> Result<Vec<SocketAddr>> {
    let deadline = deadline.into();
    Resolver::shared().resolve(Lookup::socket_addrs(host, port)?, deadline)
}

/// [`getnameinfo`](crate::getnameinfo) with a deadline: the host and service names of
/// `address`, or [`Error::TimedOut`](crate::Error::TimedOut) at `deadline` instead of
/// the resolver's whole retry schedule for an address whose name server does not
/// answer. On the shared [`Resolver`].
///
/// # Errors
/// As for [`getnameinfo`](crate::getnameinfo), and as for [`getaddrinfo_with`].
///
/// ```
/// use std::time::Duration;
/// use netdb::NameInfoFlags;
///
/// let address = "127.0.0.1:22".parse().unwrap();
/// let (_, service) = netdb::getnameinfo_with(&address, NameInfoFlags::NUMERIC_HOST, Duration::from_secs(5))?;
/// assert_eq!(service, "ssh");
/// # Ok::<(), netdb::Error>(())
/// ```
pub fn getnameinfo_with(
    address: &SocketAddr,
    flags: NameInfoFlags,
    deadline: impl Into<Deadline>,
) -> Result<(String, String)> {
    let deadline = deadline.into();
    Resolver::shared().resolve(Lookup::getnameinfo(address, flags), deadline)
}

/// What a lookup looks for, as the C call it makes: the key by which identical lookups
/// in flight share one call.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    AddrInfo {
        host: Option<CString>,
        service: Option<CString>,
        hints: Hints,
    },
    NameInfo {
        address: SocketAddr,
        flags: NameInfoFlags,
    },
    HostByName {
        name: CString,
        family: AddressFamily,
    },
    HostByAddr {
        address: IpAddr,
    },
    NetworkByName {
        name: CString,
    },
    NetworkByAddr {
        address: Ipv4Addr,
    },
    /// A call the unit tests control.
    #[cfg(test)]
    Test(tests::TestCall),
}

impl Key {
    /// What the lookup is for, for its errors to say.
    pub(crate) fn target(&self) -> LookupTarget {
        let text = |c: &Option<CString>| c.as_deref().map(|c| c.to_string_lossy().into_owned());
        match self {
            // Port 0 says nothing of what failed: it is what the HTTP stacks' resolvers
            // ask with, the URL's port being theirs to add.
            Key::AddrInfo { host, service, .. } => {
                let service = text(service).filter(|service| service != "0");
                LookupTarget::new(text(host).as_deref(), service.as_deref())
            }
            Key::NameInfo { address, .. } => crate::addrinfo::lookup_of(address),
            Key::HostByName { name, .. } | Key::NetworkByName { name } => {
                LookupTarget::new(Some(&name.to_string_lossy()), None)
            }
            Key::HostByAddr { address } => LookupTarget::new(Some(&address.to_string()), None),
            Key::NetworkByAddr { address } => LookupTarget::new(Some(&address.to_string()), None),
            #[cfg(test)]
            Key::Test(_) => LookupTarget::new(Some("test.invalid"), None),
        }
    }

    /// Makes the blocking C call, on a resolver thread.
    pub(crate) fn call(&self) -> Outcome {
        match self {
            Key::AddrInfo { host, service, hints } => {
                Arc::new(sys::getaddrinfo(host.as_deref(), service.as_deref(), hints))
            }
            Key::NameInfo { address, flags } => Arc::new(sys::getnameinfo(address, flags.bits())),
            Key::HostByName { name, family } => Arc::new(crate::host::by_name(name, *family)),
            Key::HostByAddr { address } => Arc::new(sys::host_by_addr(*address)),
            Key::NetworkByName { name } => Arc::new(sys::network_by_name(name)),
            Key::NetworkByAddr { address } => Arc::new(sys::network_by_addr(*address)),
            #[cfg(test)]
            Key::Test(call) => Arc::new(call.run()),
        }
    }

    /// The outcome of this key's kind that fails with `error`.
    pub(crate) fn failure(&self, error: Error) -> Outcome {
        match self {
            Key::AddrInfo { .. } => Arc::new(Err::<Vec<AddrInfo>, _>(error)),
            #[cfg(test)]
            Key::Test(_) => Arc::new(Err::<Vec<AddrInfo>, _>(error)),
            Key::NameInfo { .. } => Arc::new(Err::<(String, String), _>(error)),
            Key::HostByName { .. } | Key::HostByAddr { .. } => {
                Arc::new(Err::<Option<Host>, _>(error))
            }
            Key::NetworkByName { .. } | Key::NetworkByAddr { .. } => {
                Arc::new(Err::<Option<Network>, _>(error))
            }
        }
    }
}

/// What to look up, for a [`Resolver`]: the arguments of one C call, checked and owned.
/// `T` is its answer.
///
/// ```
/// use netdb::{AddressFamily, Hints, Lookup, Resolver};
///
/// let lookup = Lookup::host_by_name("localhost", AddressFamily::Inet)?;
/// let host = Resolver::shared().resolve(lookup, std::time::Duration::from_secs(5))?;
/// assert!(host.is_some_and(|h| h.addresses.iter().all(|a| a.is_loopback())));
/// # Ok::<(), netdb::Error>(())
/// ```
#[must_use = "a lookup does nothing until a resolver starts it"]
pub struct Lookup<T> {
    key: Key,
    answer: PhantomData<fn() -> T>,
}

// By hand: the derives would ask of `T` what only the key needs.
impl<T> Clone for Lookup<T> {
    fn clone(&self) -> Lookup<T> {
        Lookup::new(self.key.clone())
    }
}

impl<T> PartialEq for Lookup<T> {
    fn eq(&self, other: &Lookup<T>) -> bool {
        self.key == other.key
    }
}

impl<T> Eq for Lookup<T> {}

impl<T> std::hash::Hash for Lookup<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl<T> std::fmt::Debug for Lookup<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Lookup").field(&self.key).finish()
    }
}

impl<T> Lookup<T> {
    fn new(key: Key) -> Lookup<T> {
        Lookup { key, answer: PhantomData }
    }

    /// What the lookup is for, as its errors say it.
    pub(crate) fn target(&self) -> LookupTarget {
        self.key.target()
    }
}

impl Lookup<Vec<AddrInfo>> {
    /// `getaddrinfo(host, service, hints)`, as [`getaddrinfo`](crate::getaddrinfo) makes
    /// it.
    ///
    /// # Errors
    /// [`Error::InteriorNul`](crate::Error::InteriorNul) for an argument with a NUL
    /// byte, and `EAI_SERVICE` for a service the C library would read as a number out
    /// of the port range, as `getaddrinfo` has.
    ///
    /// ```
    /// let lookup = netdb::Lookup::getaddrinfo(Some("localhost"), Some("https"), &netdb::Hints::new())?;
    /// # drop(lookup);
    /// assert!(netdb::Lookup::getaddrinfo(Some("local\0host"), None, &netdb::Hints::new()).is_err());
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn getaddrinfo(
        host: Option<&str>,
        service: Option<&str>,
        hints: &Hints,
    ) -> Result<Lookup<Vec<AddrInfo>>> {
        let owned =
            |argument, value: Option<&str>| value.map(|v| c_string(argument, v)).transpose();
        if let Some(port) = service {
            crate::addrinfo::reject_out_of_range_port(port)
                .map_err(|e| e.for_lookup(|| LookupTarget::new(host, service)))?;
        }
        let key = Key::AddrInfo {
            host: owned("host", host)?,
            service: owned("service", service)?,
            hints: *hints,
        };
        Ok(Lookup::new(key))
    }
}

impl Lookup<Vec<SocketAddr>> {
    /// The socket addresses of `host` on `port`, as std's `ToSocketAddrs` finds them
    /// (`getaddrinfo` with `SOCK_STREAM` hints) but with a deadline: each address once,
    /// in the order `getaddrinfo` gives them, which is the system's order of preference.
    ///
    /// # Errors
    /// [`Error::InteriorNul`](crate::Error::InteriorNul) for a host with a NUL byte.
    ///
    /// ```
    /// use std::time::Duration;
    /// use netdb::{Lookup, Resolver};
    ///
    /// let lookup = Lookup::socket_addrs("localhost", 8080)?;
    /// let addresses = Resolver::shared().resolve(lookup, Duration::from_secs(5))?;
    /// assert!(addresses.iter().all(|a| a.ip().is_loopback() && a.port() == 8080));
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn socket_addrs(host: &str, port: u16) -> Result<Lookup<Vec<SocketAddr>>> {
        let hints = Hints::new().socket_type(crate::addrinfo::SocketType::STREAM);
        let key = Key::AddrInfo {
            host: Some(c_string("host", host)?),
            service: Some(c_string("service", &port.to_string())?),
            hints,
        };
        Ok(Lookup::new(key))
    }
}

impl Lookup<(String, String)> {
    /// `getnameinfo(address, flags)`, as [`getnameinfo`](crate::getnameinfo) makes it:
    /// the host and the service names.
    ///
    /// ```
    /// let address = "127.0.0.1:80".parse().unwrap();
    /// let lookup = netdb::Lookup::getnameinfo(&address, netdb::NameInfoFlags::NUMERIC_HOST);
    /// # drop(lookup);
    /// ```
    pub fn getnameinfo(address: &SocketAddr, flags: NameInfoFlags) -> Lookup<(String, String)> {
        Lookup::new(Key::NameInfo { address: *address, flags })
    }
}

impl Lookup<Option<Host>> {
    /// The host `name`'s addresses of `family`, as [`Host::from_name`] looks them up.
    ///
    /// # Errors
    /// [`Error::InteriorNul`](crate::Error::InteriorNul) for a name with a NUL byte.
    ///
    /// ```
    /// let lookup = netdb::Lookup::host_by_name("localhost", netdb::AddressFamily::Inet6)?;
    /// # drop(lookup);
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn host_by_name(name: &str, family: AddressFamily) -> Result<Lookup<Option<Host>>> {
        Ok(Lookup::new(Key::HostByName { name: c_string("name", name)?, family }))
    }

    /// The host that has `address`, as [`Host::from_addr`] looks it up.
    ///
    /// ```
    /// let lookup = netdb::Lookup::host_by_addr(std::net::Ipv4Addr::LOCALHOST.into());
    /// # drop(lookup);
    /// ```
    pub fn host_by_addr(address: IpAddr) -> Lookup<Option<Host>> {
        Lookup::new(Key::HostByAddr { address })
    }
}

impl Lookup<Option<Network>> {
    /// The network `name`, as [`Network::from_name`] looks it up (through DNS too where
    /// `nsswitch.conf` says so).
    ///
    /// # Errors
    /// [`Error::InteriorNul`](crate::Error::InteriorNul) for a name with a NUL byte.
    ///
    /// ```
    /// let lookup = netdb::Lookup::network_by_name("loopback")?;
    /// # drop(lookup);
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn network_by_name(name: &str) -> Result<Lookup<Option<Network>>> {
        Ok(Lookup::new(Key::NetworkByName { name: c_string("name", name)? }))
    }

    /// The network of `address`, as [`Network::from_addr`] looks it up.
    ///
    /// ```
    /// let lookup = netdb::Lookup::network_by_addr(std::net::Ipv4Addr::new(127, 0, 0, 0));
    /// # drop(lookup);
    /// ```
    pub fn network_by_addr(address: Ipv4Addr) -> Lookup<Option<Network>> {
        Lookup::new(Key::NetworkByAddr { address })
    }
}

mod sealed {
    use crate::error::Result;
    use crate::sys::pool::Outcome;

    pub trait Sealed: Sized {
        /// This caller's copy of a flight's answer, made from the answer of the C call
        /// (`None` for an answer of another kind: a bug of the crate's).
        fn from_outcome(outcome: &Outcome) -> Option<Result<Self>>;
    }
}

/// The answers a [`Lookup`] can have, and so a [`Resolution`]: `Vec<AddrInfo>`,
/// `Vec<SocketAddr>`, `(String, String)`, `Option<Host>` and `Option<Network>`. Sealed:
/// the resolver makes only the C calls it knows.
pub trait Answer: Clone + Send + Sync + 'static + sealed::Sealed {}

/// The C call's answer as it is, copied.
fn copied<T: Clone + 'static>(outcome: &Outcome) -> Option<Result<T>> {
    Some(match outcome.downcast_ref::<Result<T>>()? {
        Ok(answer) => Ok(answer.clone()),
        Err(error) => Err(error.duplicate()),
    })
}

macro_rules! copied_answers {
    ($($answer:ty),*) => {$(
        impl sealed::Sealed for $answer {
            fn from_outcome(outcome: &Outcome) -> Option<Result<Self>> {
                copied(outcome)
            }
        }
        impl Answer for $answer {}
    )*};
}

copied_answers!(Vec<AddrInfo>, (String, String), Option<Host>, Option<Network>);

/// `getaddrinfo`'s results as socket addresses: each once, in their order.
impl sealed::Sealed for Vec<SocketAddr> {
    fn from_outcome(outcome: &Outcome) -> Option<Result<Self>> {
        Some(copied::<Vec<AddrInfo>>(outcome)?.map(|found| {
            let mut addresses: Vec<SocketAddr> = Vec::with_capacity(found.len());
            for address in found.into_iter().map(|info| info.address) {
                if !addresses.contains(&address) {
                    addresses.push(address);
                }
            }
            addresses
        }))
    }
}
impl Answer for Vec<SocketAddr> {}

/// A lookup in flight: started by [`Resolution::start`] or [`Resolver::start`],
/// finished by [`wait`](Resolution::wait) or by `.await`.
///
/// Dropping it abandons the lookup for this caller: its waker is released at once, and
/// if no other caller waits for the same lookup the resolver stops it (Windows) or lets
/// it run to its end on its thread (every other platform), which the C library's own
/// timeout bounds. A [`Canceller`] lets another thread end the wait.
///
/// As a `Future` it works with any executor: the lookup's completion wakes it, nothing
/// polls. Give it a deadline with [`deadline`](Resolution::deadline) (the crate's own
/// timer thread wakes it then, so no runtime's timer is needed), or wrap it in your
/// runtime's timeout: dropping it abandons the lookup safely.
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
pub struct Resolution<T: Answer = Vec<AddrInfo>> {
    completion: Arc<Completion<T>>,
    ticket: Arc<Ticket>,
    /// Polled as a future before.
    polled: bool,
    /// When the future gives up, if ever.
    deadline: Deadline,
    /// Wakes the future at its deadline, once it has been pending.
    alarm: Option<sys::timer::Alarm>,
}

impl<T: Answer> std::fmt::Debug for Resolution<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resolution").field("lookup", &self.ticket).finish_non_exhaustive()
    }
}

/// Ends the wait of a [`Resolution`] from anywhere: the waiter (or the future) gets
/// [`Error::Cancelled`](crate::Error::Cancelled) at once, unless the answer was already
/// there.
///
/// ```
/// use netdb::{Error, Hints, Resolution};
///
/// let lookup = Resolution::start(Some("localhost"), None, &Hints::new())?;
/// lookup.canceller().cancel();
/// match lookup.wait(netdb::Deadline::never()) {
///     Err(Error::Cancelled { .. }) | Ok(_) => {} // cancelled, or finished just before
///     Err(other) => panic!("{other}"),
/// }
/// # Ok::<(), netdb::Error>(())
/// ```
#[derive(Clone)]
pub struct Canceller {
    completion: Arc<dyn Cancel>,
    ticket: Arc<Ticket>,
}

impl std::fmt::Debug for Canceller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Canceller").field("lookup", &self.ticket).finish_non_exhaustive()
    }
}

impl Resolution<Vec<AddrInfo>> {
    /// Starts resolving `host` and `service` as [`getaddrinfo`](crate::getaddrinfo)
    /// would, on the shared [`Resolver`], and returns at once.
    ///
    /// # Errors
    /// [`Error::InteriorNul`](crate::Error::InteriorNul) and an out-of-range port as
    /// for `getaddrinfo`; [`Error::Io`](crate::Error::Io) when the system cannot start a
    /// resolver thread for it. The resolver's own errors come from the wait.
    pub fn start(host: Option<&str>, service: Option<&str>, hints: &Hints) -> Result<Resolution> {
        Resolver::shared().start(Lookup::getaddrinfo(host, service, hints)?)
    }
}

impl<T: Answer> Resolution<T> {
    /// Joins (or starts) the flight of `lookup` on `engine`.
    pub(crate) fn join(engine: &Engine, lookup: Lookup<T>) -> Result<Resolution<T>> {
        let completion = Arc::new(Completion::<T>::default());
        let target = || lookup.key.target();
        let ticket = engine
            .join(lookup.key.clone(), Arc::clone(&completion) as Arc<dyn Caller>)
            .map_err(|error| error.for_lookup(target))?;
        Ok(Resolution {
            completion,
            ticket: Arc::new(ticket),
            polled: false,
            deadline: Deadline::never(),
            alarm: None,
        })
    }

    /// A lookup answered from local files is done in microseconds, sooner than a
    /// sleeping thread (or an executor's) could be woken and scheduled again, which
    /// costs 10 to 30 µs on a small VM. So the first wait watches for the answer for
    /// [`ANSWER_SPIN`] before it sleeps, while no more lookups are in flight than there
    /// are cores to run them (with more, the answer is not coming that soon, and the
    /// cores are better left to the resolver threads).
    fn watch_for_answer(&self, deadline: Deadline) {
        if self.ticket.in_flight() <= cores() {
            spin_until(ANSWER_SPIN, || {
                self.completion.delivered.load(Ordering::Acquire) || deadline.has_passed()
            });
        }
    }

    /// The same lookup, giving up at `deadline`: as a future, it is then ready with
    /// [`Error::TimedOut`](crate::Error::TimedOut) (woken by the crate's timer thread,
    /// which needs no runtime), and [`wait`](Self::wait) gives up at the earlier of the
    /// two deadlines.
    ///
    /// ```
    /// use std::time::Duration;
    /// use netdb::{Hints, Resolution};
    ///
    /// let lookup = Resolution::start(Some("localhost"), None, &Hints::new())?.deadline(Duration::from_secs(5));
    /// // In an async function: `let found = lookup.await?;`
    /// assert!(!lookup.wait(netdb::Deadline::never())?.is_empty());
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[must_use = "a lookup is abandoned when dropped"]
    pub fn deadline(mut self, deadline: impl Into<Deadline>) -> Resolution<T> {
        self.deadline = deadline.into();
        self.alarm = None;
        self
    }

    /// A handle that can cancel this lookup from another thread.
    #[must_use]
    pub fn canceller(&self) -> Canceller {
        Canceller {
            completion: Arc::clone(&self.completion) as Arc<dyn Cancel>,
            ticket: Arc::clone(&self.ticket),
        }
    }

    /// Waits for the answer until `deadline`.
    ///
    /// # Errors
    /// [`Error::TimedOut`](crate::Error::TimedOut) at the deadline,
    /// [`Error::Cancelled`](crate::Error::Cancelled) when a [`Canceller`] ended the wait,
    /// [`Error::AlreadyAnswered`](crate::Error::AlreadyAnswered) at once when the
    /// future already returned the answer, and the lookup's own errors. In a child of
    /// `fork()`, a lookup the parent started is an [`Error::Io`](crate::Error::Io) at
    /// once: its thread is the parent's.
    pub fn wait(self, deadline: impl Into<Deadline>) -> Result<T> {
        let deadline = deadline.into().earliest(self.deadline);
        if !self.ticket.is_this_processes() {
            return Err(started_before_fork());
        }
        if !self.polled {
            self.watch_for_answer(deadline);
        }
        let mut state = self.completion.lock();
        loop {
            if let Some(answer) = state.take() {
                return answer.map_err(|error| self.said_of(error));
            }
            if deadline.has_passed() {
                drop(state);
                self.leave();
                return Err(self.said_of(Error::TimedOut { lookup: None }));
            }
            state.sleeping = true;
            let changed = &self.completion.changed;
            state = sys::pool::blocking_in_callback(|| wait_until(changed, state, deadline));
            state.sleeping = false;
        }
    }

    /// `error`, saying what this lookup was for.
    fn said_of(&self, error: Error) -> Error {
        error.for_lookup(|| self.ticket.key().target())
    }

    /// Leaves the lookup's flight, once: this caller hears nothing more.
    fn leave(&self) {
        if !self.completion.left.swap(true, Ordering::AcqRel) {
            self.ticket.leave();
        }
    }
}

impl<T: Answer> Future for Resolution<T> {
    type Output = Result<T>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        if !self.ticket.is_this_processes() {
            return Poll::Ready(Err(started_before_fork()));
        }
        if !self.polled {
            // At most ANSWER_SPIN of the executor's time, once per lookup, to spare it
            // a sleep and a wake for an answer that is microseconds away.
            self.polled = true;
            self.watch_for_answer(Deadline::never());
        }
        let mut state = self.completion.lock();
        if let Some(answer) = state.take() {
            drop(state);
            return Poll::Ready(answer.map_err(|error| self.said_of(error)));
        }
        if self.deadline.has_passed() {
            state.taken = true;
            drop(state);
            self.leave();
            return Poll::Ready(Err(self.said_of(Error::TimedOut { lookup: None })));
        }
        match &state.waker {
            Some(waker) if waker.will_wake(context.waker()) => {}
            _ => state.waker = Some(context.waker().clone()),
        }
        drop(state);
        if let (Some(at), None) = (self.deadline.instant(), &self.alarm) {
            let completion = Arc::clone(&self.completion);
            let expiring = Arc::downgrade(&(completion as Arc<dyn sys::timer::Expire>));
            match sys::timer::set(at, expiring) {
                Ok(alarm) => self.alarm = Some(alarm),
                Err(error) => {
                    // Without the timer the deadline could pass unheard: fail now.
                    self.completion.lock().taken = true;
                    self.leave();
                    return Poll::Ready(Err(Error::Io(error)));
                }
            }
        }
        Poll::Pending
    }
}

impl<T: Answer> Drop for Resolution<T> {
    fn drop(&mut self) {
        if !self.ticket.is_this_processes() {
            // The parent's: its locks may be held by a thread this process lacks, and
            // dropping its waker would run the parent's executor's code.
            sys::keep_for_ever((Arc::clone(&self.completion), Arc::clone(&self.ticket)));
            return;
        }
        // The waker (and the task it keeps alive) goes now, not when the lookup ends.
        let waker = self.completion.lock().waker.take();
        drop(waker);
        self.leave();
    }
}

/// What a cancel does to one caller's completion.
trait Cancel: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe {
    /// Marks the wait cancelled and wakes it; whether it was still waiting.
    fn cancel(&self) -> bool;
    fn left(&self) -> &AtomicBool;
}

impl Canceller {
    /// Cancels the lookup: its waiter gets [`Error::Cancelled`](crate::Error::Cancelled)
    /// unless it already had the answer. Calling it again, or after the lookup finished,
    /// does nothing.
    pub fn cancel(&self) {
        if !self.ticket.is_this_processes() {
            return;
        }
        if self.completion.cancel() && !self.completion.left().swap(true, Ordering::AcqRel) {
            // Where the platform can stop the lookup (Windows) and no one else waits for
            // it, it does; after letting go of the completion's lock, which that
            // platform's completion takes.
            self.ticket.leave();
        }
    }
}

/// `Error::Io` for a lookup the parent process started before `fork()`.
fn started_before_fork() -> Error {
    Error::Io(io::Error::other(
        "the lookup was started before fork() by the parent process, whose resolver threads this process does not have",
    ))
}

/// How long a first wait (or poll) watches for the answer before it sleeps.
const ANSWER_SPIN: Duration = Duration::from_micros(50);

/// One caller's end of a lookup: where the resolver leaves its copy of the answer.
struct Completion<T> {
    state: Mutex<CompletionState<T>>,
    changed: Condvar,
    /// The answer (or a cancel) is in, for a waiter to watch without the lock.
    delivered: AtomicBool,
    /// The caller left the flight (gave up, was cancelled, dropped).
    left: AtomicBool,
}

// A panic while the state is locked cannot leave it half-changed (each step is one
// assignment of plain values, and poisoning is ignored), and the condition variable holds
// no data of the caller's: unwinding past a completion loses nothing. Said by hand
// because some platforms' `Condvar` was not `RefUnwindSafe` before Rust 1.80 or so.
impl<T> std::panic::UnwindSafe for Completion<T> {}
impl<T> std::panic::RefUnwindSafe for Completion<T> {}

impl<T> Default for Completion<T> {
    fn default() -> Self {
        Completion {
            state: Mutex::new(CompletionState::default()),
            changed: Condvar::new(),
            delivered: AtomicBool::new(false),
            left: AtomicBool::new(false),
        }
    }
}

struct CompletionState<T> {
    /// The answer, until the caller takes it.
    answer: Option<Result<T>>,
    /// The answer was returned to the caller.
    taken: bool,
    cancelled: bool,
    waker: Option<Waker>,
    /// The waiter sleeps on `changed` and needs a notification.
    sleeping: bool,
}

impl<T> Default for CompletionState<T> {
    fn default() -> Self {
        CompletionState {
            answer: None,
            taken: false,
            cancelled: false,
            waker: None,
            sleeping: false,
        }
    }
}

impl<T> CompletionState<T> {
    /// What the caller gets now, if anything: the answer, the cancel, or (once either
    /// was returned) `AlreadyAnswered`.
    fn take(&mut self) -> Option<Result<T>> {
        if self.taken {
            return Some(Err(Error::AlreadyAnswered));
        }
        let answer = if self.cancelled {
            Some(Err(Error::Cancelled { lookup: None }))
        } else {
            self.answer.take()
        };
        self.taken = answer.is_some();
        answer
    }
}

impl<T> Completion<T> {
    fn lock(&self) -> MutexGuard<'_, CompletionState<T>> {
        // The state is a plain value that each step leaves whole: a panic elsewhere
        // while it was locked cannot have left it half-changed.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Wakes the waiter and the future, after letting go of the lock.
    fn wake(&self, mut state: MutexGuard<'_, CompletionState<T>>) {
        self.delivered.store(true, Ordering::Release);
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

impl<T: Answer> Caller for Completion<T> {
    fn deliver(&self, outcome: &Outcome) {
        let answer = T::from_outcome(outcome).unwrap_or_else(|| {
            // A key of one kind answered as another: a bug of the crate's, said so.
            Err(Error::Io(io::Error::other("the resolver answered another lookup")))
        });
        let mut state = self.lock();
        if state.answer.is_some() || state.taken || state.cancelled {
            return;
        }
        state.answer = Some(answer);
        self.wake(state);
    }
}

/// The timer's alarm for a future's deadline: wakes the future, whose poll then finds
/// the deadline passed.
impl<T: Answer> sys::timer::Expire for Completion<T> {
    fn expire(&self) {
        let state = self.lock();
        if state.answer.is_none() && !state.taken && !state.cancelled {
            self.wake(state);
        }
    }
}

impl<T: Answer> Cancel for Completion<T> {
    fn cancel(&self) -> bool {
        let mut state = self.lock();
        if state.answer.is_some() || state.taken || state.cancelled {
            return false;
        }
        state.cancelled = true;
        self.wake(state);
        true
    }

    fn left(&self) -> &AtomicBool {
        &self.left
    }
}

/// Waits on `condvar` until it is notified or `deadline` passes.
fn wait_until<'a, T>(
    condvar: &Condvar,
    guard: MutexGuard<'a, T>,
    deadline: Deadline,
) -> MutexGuard<'a, T> {
    // The value guarded here is left whole by every step: poisoning changes nothing.
    match deadline.remaining() {
        None => condvar.wait(guard).unwrap_or_else(PoisonError::into_inner),
        Some(left) => condvar.wait_timeout(guard, left).unwrap_or_else(PoisonError::into_inner).0,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::hash::{Hash, Hasher};
    use std::sync::atomic::AtomicUsize;
    use std::task::Wake;

    use super::*;
    use crate::resolver::AtLimit;

    /// A lookup whose call the test holds until it lets it go, and counts.
    #[derive(Debug, Clone)]
    pub(crate) struct TestCall(Arc<Gate>);

    #[derive(Debug, Default)]
    pub(crate) struct Gate {
        open: Mutex<bool>,
        opened: Condvar,
        calls: AtomicUsize,
        /// Calls running now.
        inside: AtomicUsize,
    }

    impl PartialEq for TestCall {
        fn eq(&self, other: &TestCall) -> bool {
            Arc::ptr_eq(&self.0, &other.0)
        }
    }
    impl Eq for TestCall {}
    impl Hash for TestCall {
        fn hash<H: Hasher>(&self, state: &mut H) {
            Arc::as_ptr(&self.0).hash(state);
        }
    }

    impl TestCall {
        fn new() -> TestCall {
            TestCall(Arc::default())
        }

        /// One that returns at once.
        fn open() -> TestCall {
            let call = TestCall::new();
            call.release();
            call
        }

        pub(crate) fn run(&self) -> Result<Vec<AddrInfo>> {
            self.0.calls.fetch_add(1, Ordering::SeqCst);
            self.0.inside.fetch_add(1, Ordering::SeqCst);
            let mut open = self.0.open.lock().unwrap();
            while !*open {
                open = self.0.opened.wait(open).unwrap();
            }
            self.0.inside.fetch_sub(1, Ordering::SeqCst);
            Ok(vec![AddrInfo {
                family: AddressFamily::Inet,
                socket_type: crate::addrinfo::SocketType::STREAM,
                protocol: 6,
                address: "192.0.2.1:80".parse().unwrap(),
                canonical_name: None,
            }])
        }

        fn release(&self) {
            *self.0.open.lock().unwrap() = true;
            self.0.opened.notify_all();
        }

        fn calls(&self) -> usize {
            self.0.calls.load(Ordering::SeqCst)
        }

        /// Waits until `count` calls are inside.
        fn wait_inside(&self, count: usize) {
            let start = Instant::now();
            while self.0.inside.load(Ordering::SeqCst) < count {
                assert!(start.elapsed() < Duration::from_secs(30), "the call never started");
                std::thread::sleep(Duration::from_millis(1));
            }
        }

        fn lookup(&self) -> Lookup<Vec<AddrInfo>> {
            Lookup::new(Key::Test(self.clone()))
        }
    }

    /// `n`, or a fiftieth of it under Miri, which runs a thousand times slower: the
    /// same checks on fewer rounds.
    fn rounds(n: usize) -> usize {
        if cfg!(miri) {
            n / 50
        } else {
            n
        }
    }

    fn resolver(max_running: usize) -> Resolver {
        Resolver::builder().max_running(max_running).build()
    }

    /// Waits until `done` holds of the resolver's stats.
    fn settle(resolver: &Resolver, done: impl Fn(&crate::resolver::ResolverStats) -> bool) {
        let start = Instant::now();
        while !done(&resolver.stats()) {
            assert!(start.elapsed() < Duration::from_secs(30), "{:?}", resolver.stats());
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// A thousand callers of one lookup in flight share its one call, each with its own
    /// copy of the answer.
    #[test]
    fn identical_lookups_share_one_call() {
        let resolver = resolver(4);
        let call = TestCall::new();
        let callers: Vec<Resolution> =
            (0..rounds(1000)).map(|_| resolver.start(call.lookup()).unwrap()).collect();
        call.wait_inside(1);
        call.release();
        for caller in callers {
            assert_eq!(caller.wait(Deadline::never()).unwrap()[0].address.port(), 80);
        }
        assert_eq!(call.calls(), 1);
        // After its end, the same lookup makes a call of its own.
        assert!(resolver.resolve(call.lookup(), Deadline::never()).is_ok());
        assert_eq!(call.calls(), 2);
    }

    /// Every caller has its own deadline and its own cancel; leaving does not end the
    /// flight for the others.
    #[test]
    fn each_caller_has_its_own_deadline_and_cancel() {
        let resolver = resolver(4);
        let call = TestCall::new();
        let patient = resolver.start(call.lookup()).unwrap();
        let cancelled = resolver.start(call.lookup()).unwrap();
        cancelled.canceller().cancel();
        assert!(matches!(cancelled.wait(Deadline::never()), Err(Error::Cancelled { .. })));
        let hasty = resolver.start(call.lookup()).unwrap();
        let waited = hasty.wait(Duration::from_millis(20));
        assert!(matches!(waited, Err(Error::TimedOut { .. })), "{waited:?}");
        call.release();
        assert!(patient.wait(Deadline::never()).is_ok());
        assert_eq!(call.calls(), 1);
    }

    /// A running lookup whose callers all left counts as abandoned, not running: with
    /// one running place, the next lookup still runs at once.
    #[test]
    fn abandoned_lookups_leave_their_running_place() {
        let resolver = resolver(1);
        let stuck = TestCall::new();
        let caller = resolver.start(stuck.lookup()).unwrap();
        stuck.wait_inside(1);
        drop(caller);
        settle(&resolver, |s| s.abandoned == 1 && s.running == 0);
        let found = resolver.resolve(TestCall::open().lookup(), Duration::from_secs(30));
        assert!(found.is_ok(), "{found:?}");
        // A caller that joins the abandoned lookup makes it running again.
        let again = resolver.start(stuck.lookup()).unwrap();
        assert_eq!((resolver.stats().running, resolver.stats().abandoned), (1, 0));
        stuck.release();
        assert!(again.wait(Deadline::never()).is_ok());
        assert_eq!(stuck.calls(), 1);
        settle(&resolver, |s| s.running == 0 && s.abandoned == 0);
    }

    /// A queued lookup waits for a place, and one whose callers all left never runs.
    #[test]
    fn queued_lookups_wait_in_line_and_leave_it_when_abandoned() {
        let resolver = resolver(1);
        let first = TestCall::new();
        let running = resolver.start(first.lookup()).unwrap();
        first.wait_inside(1);
        let never = TestCall::open();
        drop(resolver.start(never.lookup()).unwrap());
        let queued = TestCall::open();
        let waiting = resolver.start(queued.lookup()).unwrap();
        assert_eq!(resolver.stats().queued, 1, "the abandoned one left the queue");
        first.release();
        assert!(running.wait(Deadline::never()).is_ok());
        assert!(waiting.wait(Deadline::never()).is_ok());
        assert_eq!((first.calls(), never.calls(), queued.calls()), (1, 0, 1));
    }

    /// `AtLimit::Refuse` refuses a new lookup at the limit, not one that joins a flight.
    #[test]
    fn a_resolver_that_refuses_at_its_limit_refuses_new_lookups_only() {
        let resolver = Resolver::builder().max_running(1).at_limit(AtLimit::Refuse).build();
        let busy = TestCall::new();
        let running = resolver.start(busy.lookup()).unwrap();
        let refused = resolver.start(TestCall::open().lookup());
        assert!(matches!(refused, Err(Error::TooManyPending { limit: 1, .. })), "{refused:?}");
        let joined = resolver.start(busy.lookup()).unwrap();
        busy.release();
        assert!(running.wait(Deadline::never()).is_ok() && joined.wait(Deadline::never()).is_ok());
    }

    /// Ten thousand lookups reuse threads: one at a time need one thread, sixteen
    /// different lookups at once at most sixteen.
    #[test]
    fn ten_thousand_lookups_reuse_their_threads() {
        let resolver = resolver(64);
        let call = TestCall::open();
        for _ in 0..rounds(5_000) {
            assert!(resolver.resolve(call.lookup(), Deadline::never()).is_ok());
        }
        assert_eq!(resolver.stats().started_threads, 1, "{:?}", resolver.stats());
        let calls: Vec<TestCall> = (0..16).map(|_| TestCall::open()).collect();
        for _ in 0..rounds(5_000 / 16) {
            let batch: Vec<Resolution> =
                calls.iter().map(|call| resolver.start(call.lookup()).unwrap()).collect();
            for lookup in batch {
                assert!(lookup.wait(Deadline::never()).is_ok());
            }
        }
        let started = resolver.stats().started_threads;
        assert!((1..=16).contains(&started), "{started} threads for 16 lookups at once");
    }

    /// A waker that starts a lookup and blocks waiting for it, on the resolver's own
    /// thread, is served by another thread.
    #[test]
    fn a_waker_that_resolves_is_served() {
        struct Resolving {
            resolver: Resolver,
            answered: Mutex<Option<Result<Vec<AddrInfo>>>>,
            done: Condvar,
        }
        impl Wake for Resolving {
            fn wake(self: Arc<Self>) {
                let inner = self.resolver.start(TestCall::open().lookup());
                let answer = inner.and_then(|lookup| lookup.wait(Duration::from_secs(30)));
                *self.answered.lock().unwrap() = Some(answer);
                self.done.notify_all();
            }
        }
        for max_running in [1, 4] {
            let resolver = resolver(max_running);
            let waker = Arc::new(Resolving {
                resolver: resolver.clone(),
                answered: Mutex::new(None),
                done: Condvar::new(),
            });
            let call = TestCall::new();
            let mut outer = resolver.start(call.lookup()).unwrap();
            outer.polled = true; // no watch: the waker must be registered
            let context_waker = Waker::from(Arc::clone(&waker));
            let polled = Pin::new(&mut outer).poll(&mut Context::from_waker(&context_waker));
            assert!(polled.is_pending());
            call.release();
            let mut answered = waker.answered.lock().unwrap();
            let start = Instant::now();
            while answered.is_none() {
                assert!(start.elapsed() < Duration::from_secs(30), "the waker was never served");
                answered = waker.done.wait_timeout(answered, Duration::from_secs(1)).unwrap().0;
            }
            assert!(answered.take().unwrap().is_ok(), "max_running {max_running}");
        }
    }

    /// A future with a deadline is woken at its deadline, by the crate's timer, and is
    /// then `TimedOut`, naming its lookup; one answered in time is answered.
    #[test]
    fn a_future_with_a_deadline_times_out_by_itself() {
        let resolver = resolver(4);
        let stuck = TestCall::new();
        let counting = Arc::new(Counting::default());
        let waker = Waker::from(Arc::clone(&counting));
        let mut lookup =
            resolver.start(stuck.lookup()).unwrap().deadline(Duration::from_millis(30));
        let start = Instant::now();
        let answer = loop {
            if let Poll::Ready(answer) =
                Pin::new(&mut lookup).poll(&mut Context::from_waker(&waker))
            {
                break answer;
            }
            // Polled again only once woken: by the timer.
            while counting.0.load(Ordering::SeqCst) == 0 {
                assert!(start.elapsed() < Duration::from_secs(30), "never woken");
                std::thread::sleep(Duration::from_millis(1));
            }
        };
        assert!(start.elapsed() >= Duration::from_millis(30));
        match answer {
            Err(Error::TimedOut { lookup: Some(target) }) => {
                assert_eq!(target.host(), Some("test.invalid"))
            }
            other => panic!("{other:?}"),
        }
        drop(lookup);
        stuck.release();
        let answered =
            resolver.start(TestCall::open().lookup()).unwrap().deadline(Duration::from_secs(30));
        assert!(answered.wait(Deadline::never()).is_ok());
    }

    /// `wait` after the future returned its answer says so at once.
    #[test]
    fn wait_after_ready_returns_at_once() {
        let resolver = resolver(4);
        let mut lookup = resolver.start(TestCall::open().lookup()).unwrap();
        let waker = Waker::from(Arc::new(Counting::default()));
        let start = Instant::now();
        loop {
            if let Poll::Ready(answer) =
                Pin::new(&mut lookup).poll(&mut Context::from_waker(&waker))
            {
                assert!(answer.is_ok());
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(30));
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(matches!(lookup.wait(Deadline::never()), Err(Error::AlreadyAnswered)));
    }

    #[derive(Default)]
    struct Counting(AtomicUsize);

    impl Wake for Counting {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// Dropping a future releases its waker at once, while its lookup still runs.
    #[test]
    fn dropping_a_resolution_releases_its_waker() {
        let resolver = resolver(4);
        let call = TestCall::new();
        let counting = Arc::new(Counting::default());
        let waker = Waker::from(Arc::clone(&counting));
        let mut lookup = resolver.start(call.lookup()).unwrap();
        lookup.polled = true;
        assert!(Pin::new(&mut lookup).poll(&mut Context::from_waker(&waker)).is_pending());
        drop(waker);
        assert_eq!(Arc::strong_count(&counting), 2, "the resolution keeps a waker");
        drop(lookup);
        assert_eq!(Arc::strong_count(&counting), 1, "dropped with the resolution");
        call.release();
        settle(&resolver, |s| s.running == 0 && s.abandoned == 0);
        assert_eq!(counting.0.load(Ordering::SeqCst), 0, "a dropped future is not woken");
    }

    /// A panic in a user's waker, which the resolver's thread runs, loses nothing: the
    /// answer is kept for the next poll, other callers hear theirs, and later lookups
    /// work.
    #[test]
    fn a_waker_that_panics_loses_nothing() {
        struct Panicking(AtomicUsize);
        impl Wake for Panicking {
            fn wake(self: Arc<Self>) {
                self.0.fetch_add(1, Ordering::SeqCst);
                panic!("a waker that panics (expected by the test)");
            }
        }
        let resolver = resolver(1);
        let call = TestCall::new();
        let wakes = Arc::new(Panicking(AtomicUsize::new(0)));
        let panicking = Waker::from(Arc::clone(&wakes));
        let mut lookup = resolver.start(call.lookup()).unwrap();
        let other = resolver.start(call.lookup()).unwrap();
        lookup.polled = true;
        assert!(Pin::new(&mut lookup).poll(&mut Context::from_waker(&panicking)).is_pending());
        call.release();
        assert!(other.wait(Deadline::never()).is_ok(), "the other caller heard its answer");
        let start = Instant::now();
        while wakes.0.load(Ordering::SeqCst) == 0 {
            assert!(start.elapsed() < Duration::from_secs(30), "never woken");
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(lookup.wait(Deadline::never()).is_ok());
        // The thread that ran the waker still serves.
        let found = resolver.resolve(TestCall::open().lookup(), Duration::from_secs(30));
        assert!(found.is_ok(), "{found:?}");
        assert_eq!(resolver.stats().started_threads, 1);
    }
}
