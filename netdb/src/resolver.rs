//! The [`Resolver`]: lookups that can wait on a name server, with deadlines, shared
//! between the callers that ask the same thing, on a bounded set of threads.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::resolve::{Answer, Deadline, Lookup, Resolution};
use crate::sys::pool::Engine;

/// What a [`Resolver`] does with a new lookup when as many lookups run as it allows.
///
/// ```
/// use netdb::{AtLimit, Resolver};
///
/// let strict = Resolver::builder().max_running(4).at_limit(AtLimit::Refuse).build();
/// assert_eq!(strict.max_running(), 4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AtLimit {
    /// The lookup waits in line for a place: a blocking caller until its deadline, a
    /// [`Resolution`] until it is dropped. The default.
    Wait,
    /// [`Resolver::start`] refuses the lookup at once with
    /// [`Error::TooManyPending`](crate::Error::TooManyPending), and a blocking lookup
    /// fails so too: for a caller that would rather shed load than queue it.
    Refuse,
}

/// A resolver's limits, as [`ResolverBuilder`] sets them.
#[derive(Debug, Clone)]
pub(crate) struct Limits {
    pub(crate) max_running: usize,
    pub(crate) max_abandoned: usize,
    pub(crate) idle_timeout: Duration,
    pub(crate) at_limit: AtLimit,
}

impl Limits {
    const DEFAULT: Limits = Limits {
        max_running: 256,
        max_abandoned: 256,
        idle_timeout: Duration::from_secs(3),
        at_limit: AtLimit::Wait,
    };
}

/// Runs the system's lookups that can wait on a name server (`getaddrinfo`,
/// `getnameinfo`, hosts and networks by name and address) on threads of its own, so that
/// each caller can stop waiting at a deadline, cancel, or `.await` the answer.
///
/// The free functions ([`getaddrinfo_with`](crate::getaddrinfo_with),
/// [`Resolution::start`], [`Host::from_name_with`](crate::Host::from_name_with), ...)
/// use one resolver shared by the whole process, [`Resolver::shared`]. A library or a
/// server that wants limits of its own builds its own with [`Resolver::builder`]; a
/// `Resolver` is a handle, cheap to clone, and its lookups go on when it is dropped.
///
/// # What it does, and on a bad day
/// - **Identical lookups share one call.** A lookup whose host, service and hints (or
///   address and flags, ...) equal those of a lookup in flight joins it: one thread, one
///   C call, and every caller gets its own copy of the answer, with its own deadline and
///   its own cancel. A thousand requests for one name cost one thread.
/// - **A dead name server cannot starve the rest.** A lookup that no caller waits for
///   any more (each gave up at its deadline, cancelled, or dropped its future) is
///   *abandoned*: if it had not started, it never does; if it had, its thread stays in
///   the C library until that gives up (with `options timeout:5 attempts:2`, 10 s), and
///   it counts against [`max_abandoned`](ResolverBuilder::max_abandoned) instead of
///   [`max_running`](ResolverBuilder::max_running). So the places of `max_running` go to
///   lookups that someone waits for, and a name answered from `/etc/hosts` gets one at
///   once, however many lookups of dead names were given up (up to `max_abandoned` of
///   them, each given up at its deadline, in one C timeout).
/// - **At the limit, lookups wait in line** (oldest first) rather than fail, unless the
///   resolver was built with [`AtLimit::Refuse`].
/// - **fork.** A child of `fork()` resolves with deadlines as its parent does: on its
///   first lookup it starts a resolver state of its own, never touching the parent's
///   threads' state or locks, even if the parent had lookups in flight at the fork. A
///   [`Resolution`] the parent started is the parent's: in the child its `wait` and
///   `.await` fail at once.
/// - **Callbacks.** A waker (or any code the resolver calls back) that starts a lookup
///   and waits for it is served by another thread.
///
/// ```
/// use std::time::Duration;
/// use netdb::{Hints, Lookup, Resolver};
///
/// let resolver = Resolver::builder().max_running(16).build();
/// let lookup = Lookup::getaddrinfo(Some("localhost"), Some("80"), &Hints::new())?;
/// let found = resolver.resolve(lookup, Duration::from_secs(5))?;
/// assert!(found.iter().all(|a| a.address.ip().is_loopback()));
/// # Ok::<(), netdb::Error>(())
/// ```
#[derive(Clone)]
pub struct Resolver {
    engine: Handle,
}

#[derive(Clone)]
enum Handle {
    /// The process-wide resolver, in a static: made without a lock, so that a child
    /// of `fork()` never finds it half-made.
    Shared,
    Own(Arc<Engine>),
}

static SHARED_ENGINE: Engine = Engine::new(Limits::DEFAULT);
static SHARED: Resolver = Resolver { engine: Handle::Shared };

impl Resolver {
    /// A resolver of its own, with the default limits (those of [`Resolver::shared`]):
    /// [`ResolverBuilder`]'s defaults.
    ///
    /// ```
    /// let resolver = netdb::Resolver::new();
    /// assert_eq!(resolver.max_running(), netdb::Resolver::shared().max_running());
    /// ```
    #[must_use]
    pub fn new() -> Resolver {
        Resolver::builder().build()
    }

    /// Limits for a resolver of its own.
    ///
    /// ```
    /// use std::time::Duration;
    /// let resolver = netdb::Resolver::builder().max_running(8).idle_timeout(Duration::from_secs(1)).build();
    /// assert_eq!(resolver.max_running(), 8);
    /// ```
    pub fn builder() -> ResolverBuilder {
        ResolverBuilder { limits: Limits::DEFAULT }
    }

    /// The resolver the free functions use, one per process, with the default limits.
    ///
    /// ```
    /// let stats = netdb::Resolver::shared().stats();
    /// assert!(stats.running <= netdb::Resolver::shared().max_running());
    /// ```
    pub fn shared() -> &'static Resolver {
        &SHARED
    }

    fn engine(&self) -> &Engine {
        match &self.engine {
            Handle::Shared => &SHARED_ENGINE,
            Handle::Own(engine) => engine,
        }
    }

    /// Starts `lookup` and returns at once: the [`Resolution`] waits for the answer
    /// (with a deadline, or as a future) or cancels it.
    ///
    /// # Errors
    /// [`Error::TooManyPending`](crate::Error::TooManyPending) at the limit with
    /// [`AtLimit::Refuse`]; [`Error::Io`](crate::Error::Io) when the system cannot start
    /// a thread the lookup needs. The lookup's own errors come from the wait.
    ///
    /// ```
    /// use netdb::{Hints, Lookup, Resolver};
    ///
    /// let lookup = Lookup::getaddrinfo(Some("localhost"), None, &Hints::new())?;
    /// let resolution = Resolver::shared().start(lookup)?;
    /// assert!(!resolution.wait(netdb::Deadline::never())?.is_empty());
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn start<T: Answer>(&self, lookup: Lookup<T>) -> Result<Resolution<T>> {
        Resolution::join(self.engine(), lookup)
    }

    /// Makes `lookup` and waits for its answer until `deadline`.
    ///
    /// # Errors
    /// [`Error::TimedOut`](crate::Error::TimedOut) at the deadline (at once for a
    /// deadline that has passed, which starts nothing), the errors of
    /// [`start`](Self::start), and the lookup's own.
    ///
    /// ```
    /// use std::time::Duration;
    /// use netdb::{Lookup, NameInfoFlags, Resolver};
    ///
    /// let address = "127.0.0.1:22".parse().unwrap();
    /// let lookup = Lookup::getnameinfo(&address, NameInfoFlags::NUMERIC_HOST);
    /// let (host, service) = Resolver::shared().resolve(lookup, Duration::from_secs(5))?;
    /// assert_eq!((host.as_str(), service.as_str()), ("127.0.0.1", "ssh"));
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn resolve<T: Answer>(
        &self,
        lookup: Lookup<T>,
        deadline: impl Into<Deadline>,
    ) -> Result<T> {
        let deadline = deadline.into();
        if deadline.has_passed() {
            return Err(Error::TimedOut { lookup: Some(lookup.target()) });
        }
        self.start(lookup)?.wait(deadline)
    }

    /// How many lookups may run at once for callers that wait for them
    /// ([`ResolverBuilder::max_running`]).
    pub fn max_running(&self) -> usize {
        self.engine().limits().max_running
    }

    /// What the resolver holds now: its threads and its lookups.
    ///
    /// ```
    /// let stats = netdb::Resolver::new().stats();
    /// assert_eq!((stats.threads, stats.running, stats.queued), (0, 0, 0));
    /// ```
    pub fn stats(&self) -> ResolverStats {
        self.engine().stats()
    }
}

impl Default for Resolver {
    fn default() -> Resolver {
        Resolver::new()
    }
}

impl fmt::Debug for Resolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.engine {
            Handle::Shared => "shared",
            Handle::Own(_) => "own",
        };
        f.debug_struct("Resolver")
            .field("resolver", &name)
            .field("limits", self.engine().limits())
            .finish()
    }
}

/// The limits of a [`Resolver`], and what each costs.
///
/// Each lookup that runs holds a thread, which on Unix makes the C library's blocking
/// call. A thread costs its stack (Rust's default, 2 MiB of address space, of which only
/// what the C library touches becomes memory: tens of KiB for `getaddrinfo` through DNS)
/// and a kernel task; a lookup waiting in line costs a few hundred bytes, and each of
/// its callers about as much. So the threads of a resolver never exceed
/// `max_running + max_abandoned` (and threads busy in callers' own code), and each ends
/// after `idle_timeout` without work.
///
/// On Windows 8 and later `getaddrinfo` runs on Windows' own asynchronous resolver,
/// which can stop a lookup, not on the resolver's threads: these limits bound the
/// other lookups there (`getnameinfo`, hosts by name and address).
///
/// ```
/// use std::time::Duration;
/// use netdb::{AtLimit, Resolver};
///
/// let resolver = Resolver::builder()
///     .max_running(32)
///     .max_abandoned(64)
///     .idle_timeout(Duration::from_secs(10))
///     .at_limit(AtLimit::Wait)
///     .build();
/// assert_eq!(resolver.max_running(), 32);
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build`"]
pub struct ResolverBuilder {
    limits: Limits,
}

impl ResolverBuilder {
    /// The most lookups that run at once for callers that still wait for them: each a
    /// thread on Unix. Default 256 (Go allows 500 C lookups at once, tokio's blocking
    /// pool 512 threads). Beyond it lookups wait in line, or are refused (see
    /// [`at_limit`](Self::at_limit)). At least 1.
    pub fn max_running(mut self, lookups: usize) -> ResolverBuilder {
        self.limits.max_running = lookups.max(1);
        self
    }

    /// The most lookups that may keep running, each on its thread, after every caller
    /// gave up on them (a name server that never answers holds each for the C library's
    /// whole timeout): they do not count against `max_running`. Default 256. Beyond it,
    /// an abandoned lookup keeps its running place until its C call returns. 0 makes
    /// every abandoned lookup keep its place.
    pub fn max_abandoned(mut self, lookups: usize) -> ResolverBuilder {
        self.limits.max_abandoned = lookups;
        self
    }

    /// How long a thread without work waits for one before it ends. Default 3 s.
    pub fn idle_timeout(mut self, timeout: Duration) -> ResolverBuilder {
        self.limits.idle_timeout = timeout;
        self
    }

    /// What a new lookup does when `max_running` lookups run: wait in line (the
    /// default) or be refused.
    pub fn at_limit(mut self, at_limit: AtLimit) -> ResolverBuilder {
        self.limits.at_limit = at_limit;
        self
    }

    /// The resolver, with no thread yet: threads start as lookups need them.
    #[must_use]
    pub fn build(self) -> Resolver {
        Resolver { engine: Handle::Own(Arc::new(Engine::new(self.limits))) }
    }
}

/// What a [`Resolver`] holds at one moment ([`Resolver::stats`]).
///
/// ```
/// let stats = netdb::Resolver::shared().stats();
/// assert!(stats.idle_threads <= stats.threads);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ResolverStats {
    /// Threads alive.
    pub threads: usize,
    /// Threads without a lookup, waiting for one.
    pub idle_threads: usize,
    /// Lookups running for callers that wait for them.
    pub running: usize,
    /// Lookups still running after every caller gave up on them.
    pub abandoned: usize,
    /// Lookups waiting in line for a place.
    pub queued: usize,
    /// Threads started since the resolver's first lookup in this process.
    pub started_threads: usize,
}
