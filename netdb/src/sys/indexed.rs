//! The process-wide index of the services and protocols files (see `crate::index` for
//! when it answers), and how each lookup knows it is current.
//!
//! # Freshness
//!
//! A *snapshot* holds the indexes and the *facts* they were read under: for each path
//! the answers depend on (`/etc/services`, and on glibc `/etc/nsswitch.conf`,
//! `/etc/protocols`, the nss_db files and nscd's socket), every object its resolution
//! passes ("/", each directory, each symbolic link) and what it ends at, with their
//! identities (device, inode, mode; for what it ends at also size and both times to the
//! nanosecond), or that it ends at nothing.
//!
//! Where Linux allows, every one of those directories and files is watched with
//! inotify *before* the files are read (the walk opens each object, `O_PATH`, after
//! watching the directory it is in, and watches exactly what it opened), and each thread
//! has an epoll instance over that inotify instance and its own
//! `/proc/thread-self/mountinfo`, which reports mount changes (bind mounts over a file
//! or a directory, which inotify does not see). The kernel queues both kinds of event
//! inside the system call that makes the change, so a lookup that starts after the
//! change returns sees it: a lookup is one `epoll_wait` that does not wait, and only
//! if it reports something does it take the lock below. There:
//!
//! - an inotify event on a file it read, or lost events, rebuilds the snapshot;
//! - an event on a directory, or a mount change, walks the paths again (`lstat`,
//!   `readlink`) and rebuilds only if an object on the way or at the end differs.
//!
//! Threads never share the mount table's descriptor, because polling it acknowledges
//! the change; they share the inotify instance, whose events stay until read. Whoever
//! reads them bumps [`GENERATION`] first, so a thread whose `epoll_wait` comes after
//! the events were read (and so reports nothing) still sees that the snapshot it holds
//! may be old. A thread's first check walks the paths once too, for the mount changes
//! before its descriptor was opened.
//!
//! Where that is not available (no inotify instance or watch to spare, no `/proc`, or a
//! thread beyond the number `watch::ThreadWatch` allows, which keeps the descriptors
//! they take to a sixteenth of the process's limit), a
//! lookup compares each fact's identity by `stat` (1 to 6 calls), and answers through
//! the C library instead while a file's change time is within 2 seconds (the coarsest
//! file system timestamps, FAT's) of the moment it was read: a second change in that
//! time could leave the identity as it was (git's "racy git" rule). Once that time has
//! passed the file is read again and the snapshot trusted.
//!
//! # Threads
//!
//! The answering path takes no lock: each thread keeps the snapshot it last checked
//! (an `Arc`) and a copy of [`GENERATION`] from then. A rebuild happens under one
//! mutex, by the thread that found the change; threads whose check finds nothing keep
//! answering from the snapshot they hold meanwhile, and threads that found the change
//! wait for the rebuild and take its result. An old snapshot is freed when the last
//! thread holding it moves on.
//!
//! # fork
//!
//! A child shares its parent's inotify instance and the forking thread's epoll and
//! mount table descriptors, so the two would take each other's events. The child, in a
//! `pthread_atfork` handler, forgets the parent's state (whose lock another thread may
//! hold) and closes that inotify descriptor; its next lookup builds its own.
//!
//! # What is not seen
//!
//! A change through a shared writable `mmap` of a file (no inotify event); a change of
//! the process's root directory (`chroot`) or mount namespace (`setns`, `unshare`)
//! after its first lookup; a change of the process's locale after a snapshot was built
//! (the files are read by the C locale's rules, checked at each build); an nsswitch.conf
//! edited twice within one timestamp tick without a change of size, which glibc (which
//! checks it by `stat`) misses but netdb sees; a program that calls glibc's
//! `__nss_configure_lookup`.

use std::cell::RefCell;
use std::ffi::{CStr, CString};
use std::sync::atomic::{AtomicI32, AtomicPtr, AtomicU64, Ordering::SeqCst};
use std::sync::{Arc, Mutex, PoisonError};

use super::watch::{self, Identity, Inotify, Presence, Seen, Steps, ThreadWatch};
#[cfg(netdb_backend = "reentrant")]
use crate::error::Error;
use crate::error::Result;
use crate::index::{Freshness, IndexStatus, LookupSource, Unindexable};
use crate::protocol::Protocol;
use crate::service::Service;

#[cfg(netdb_backend = "reentrant")]
use crate::index::glibc::{self, NumberRule, ProtocolKey, ServiceKey};
#[cfg(netdb_backend = "reentrant")]
use crate::index::nsswitch::{self, Line};

#[cfg(netdb_backend = "reentrant")]
type ServicesIndex = glibc::Services;
#[cfg(netdb_backend = "musl")]
type ServicesIndex = crate::index::musl::Services;
#[cfg(netdb_backend = "reentrant")]
type ProtocolsIndex = glibc::Protocols;
#[cfg(netdb_backend = "musl")]
type ProtocolsIndex = std::convert::Infallible;

const SERVICES_FILE: &CStr = c"/etc/services";
#[cfg(netdb_backend = "reentrant")]
const PROTOCOLS_FILE: &CStr = c"/etc/protocols";
#[cfg(netdb_backend = "reentrant")]
const NSSWITCH_FILE: &CStr = c"/etc/nsswitch.conf";
/// Where nss_db looks for its files: upstream glibc's `_PATH_VARDB`, and Debian's.
#[cfg(netdb_backend = "reentrant")]
const DB_DIRECTORIES: [&str; 2] = ["/var/db/", "/var/lib/misc/"];
/// nscd's socket (`_PATH_NSCDSOCKET`): glibc asks nscd for services while it exists.
#[cfg(netdb_backend = "reentrant")]
const NSCD_SOCKET: &CStr = c"/var/run/nscd/socket";

/// Files larger than this are left to the C library (and would take long to read).
const MAX_FILE_BYTES: u64 = 256 << 20;

/// How long after a file's change time a second change may leave its identity as it
/// is: FAT stamps times to 2 seconds.
const TIMESTAMP_GRANULARITY_NS: i64 = 2_000_000_000;

/// The C lookups a backend makes, for the answers the index cannot give (glibc's
/// reading of numbers past 32 bits, see `index::glibc::NumberRule`, is found by asking
/// glibc one such key).
#[allow(dead_code)] // musl's index asks the C library nothing
pub(crate) struct CLookups {
    pub(crate) service_by_name: fn(&CStr, Option<&CStr>) -> Result<Option<Service>>,
    pub(crate) service_by_port: fn(u16, Option<&CStr>) -> Result<Option<Service>>,
    pub(crate) protocol_by_name: fn(&CStr) -> Result<Option<Protocol>>,
    pub(crate) protocol_by_number: fn(i32) -> Result<Option<Protocol>>,
}

/// Bumped whenever what a thread checked may be out of date: when a snapshot is
/// published, before inotify events are read, and in a forked child.
static GENERATION: AtomicU64 = AtomicU64::new(1);
/// How many forks this process descends from, since the first lookup.
static FORKS: AtomicU64 = AtomicU64::new(0);
/// The state shared by the threads; never freed (a forked child leaves its parent's
/// behind and makes its own).
static SHARED: AtomicPtr<Shared> = AtomicPtr::new(std::ptr::null_mut());
/// The shared inotify instance's descriptor, for the fork handler to close.
static INOTIFY_FD: AtomicI32 = AtomicI32::new(-1);
/// The states a forked child left behind, each pointing at the one before: kept
/// reachable, so that they are no leak (valgrind's view), only unused.
static ABANDONED: AtomicPtr<Shared> = AtomicPtr::new(std::ptr::null_mut());

struct Shared {
    forks: u64,
    state: Mutex<State>,
    /// The state abandoned before this one, once this one is abandoned.
    previous: AtomicPtr<Shared>,
}

struct State {
    /// `None` until the first rebuild tries to make one; `Some(None)` if none can be.
    inotify: Option<Option<Inotify>>,
    published: Option<Arc<Snapshot>>,
    /// The root directory at the first build (glibc stops rereading nsswitch.conf once
    /// "/" changes, so from then on its configuration is not the file's).
    root: Option<Identity>,
}

/// Runs in the child after `fork` (see the module docs): touches only atomics and
/// closes one descriptor, both safe there.
extern "C" fn forked() {
    FORKS.fetch_add(1, SeqCst);
    GENERATION.fetch_add(1, SeqCst);
    let abandoned = SHARED.swap(std::ptr::null_mut(), SeqCst);
    if !abandoned.is_null() {
        // SAFETY: a published `Shared` is never freed; its `previous` is an atomic,
        // written only here, in a child with this one thread.
        unsafe { &*abandoned }.previous.store(ABANDONED.load(SeqCst), SeqCst);
        ABANDONED.store(abandoned, SeqCst);
    }
    let inotify = INOTIFY_FD.swap(-1, SeqCst);
    if inotify >= 0 {
        // SAFETY: the child's copy of the parent's inotify descriptor, which nothing in
        // the child uses again: the parent's state it belongs to is never dropped here.
        unsafe { libc::close(inotify) };
    }
}

fn shared() -> &'static Shared {
    let current = SHARED.load(SeqCst);
    if !current.is_null() {
        // SAFETY: a published `Shared` is never freed, and it is only read through
        // shared references (its mutable state is behind its mutex).
        return unsafe { &*current };
    }
    watch::after_fork_in_child(forked);
    let new = Box::into_raw(Box::new(Shared {
        forks: FORKS.load(SeqCst),
        state: Mutex::new(State { inotify: None, published: None, root: None }),
        previous: AtomicPtr::new(std::ptr::null_mut()),
    }));
    match SHARED.compare_exchange(std::ptr::null_mut(), new, SeqCst, SeqCst) {
        // SAFETY: `new` is now published and never freed.
        Ok(_) => unsafe { &*new },
        Err(existing) => {
            // SAFETY: `new` was made above and never shared: this is its only owner.
            drop(unsafe { Box::from_raw(new) });
            // SAFETY: as for `current` above.
            unsafe { &*existing }
        }
    }
}

/// One path the answers depend on, and what it led to.
#[derive(Debug)]
struct Fact {
    path: CString,
    steps: Steps,
}

impl Fact {
    fn end(&self) -> Presence {
        self.steps.last().map_or(Presence::Missing(libc::ENOENT), |(_, end)| *end)
    }
}

/// Why a database is not indexed, or its index.
type Database<T> = std::result::Result<(T, u64), Unindexable>;

/// The indexes, and the facts they hold under.
struct Snapshot {
    services: Database<ServicesIndex>,
    protocols: Database<ProtocolsIndex>,
    facts: Vec<Fact>,
    /// Whether every fact is watched, so that notification tells of every change.
    watched: bool,
    /// The watches of the files read, whose events mean new contents.
    read_watches: Vec<i32>,
    /// Every watch set for this snapshot.
    watches: Vec<i32>,
    /// For a check by `stat`: until when a change could keep a file's identity.
    racy_until: Option<(i64, i64)>,
    /// Whether the files changed while they were read: build again at once.
    retry: bool,
}

impl Snapshot {
    /// A snapshot that never indexes, and never needs building again.
    #[cfg(netdb_backend = "reentrant")]
    fn never(reason: &str) -> Snapshot {
        Snapshot {
            services: Err(Unindexable(reason.into())),
            protocols: Err(Unindexable(reason.into())),
            facts: Vec::new(),
            watched: true,
            read_watches: Vec::new(),
            watches: Vec::new(),
            racy_until: None,
            retry: false,
        }
    }

    /// Whether each fact's path still ends at what it did, by `stat`.
    fn ends_unchanged(&self) -> bool {
        self.facts.iter().all(|fact| same_presence(&watch::stat(&fact.path), &fact.end()))
    }

    /// Whether each fact's path still passes what it did, by `lstat`.
    fn steps_unchanged(&self) -> bool {
        self.facts.iter().all(|fact| match watch::steps(fact.path.to_bytes()) {
            Ok(now) => watch::same_steps(&now, &fact.steps),
            Err(_) => false,
        })
    }

    /// For a thread that checks by `stat`: whether the snapshot may answer now.
    fn stat_check(&self) -> StatCheck {
        if self.retry || !self.ends_unchanged() {
            return StatCheck::Changed;
        }
        match self.racy_until {
            Some(until) if watch::wall_clock() < until => StatCheck::TooRecent,
            Some(_) => StatCheck::Changed,
            None => StatCheck::Unchanged,
        }
    }
}

fn same_presence(a: &Presence, b: &Presence) -> bool {
    match (a, b) {
        (Presence::Present(a), Presence::Present(b)) => a.same(b),
        (a, b) => a == b,
    }
}

/// What a check by `stat` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StatCheck {
    Unchanged,
    /// Unchanged, but changed so recently that a second change might not show.
    TooRecent,
    Changed,
}

/// What each thread keeps.
struct Thread {
    forks: u64,
    watch: Option<ThreadWatch>,
    watch_tried: bool,
    /// A mount change this thread's watch reported, not yet handled.
    mounts_changed: bool,
    generation: u64,
    snapshot: Option<Arc<Snapshot>>,
    answered: u64,
}

thread_local! {
    static THREAD: RefCell<Thread> = const { RefCell::new(Thread::empty()) };
}

impl Thread {
    /// The snapshot to answer from, checked; `None` where the C library must answer.
    fn current(&mut self, c: &CLookups) -> Option<&Snapshot> {
        // After a fork the descriptors are shared with the parent: not to be polled.
        let forked = FORKS.load(SeqCst) != self.forks;
        let seen = match (&self.snapshot, &self.watch) {
            (Some(snapshot), Some(watch)) if snapshot.watched && !forked => Some(watch.check()),
            _ => None,
        };
        let fresh = match (&self.snapshot, seen) {
            _ if forked => false,
            (Some(snapshot), _) if snapshot.retry => false,
            (Some(_), Some(Some(Seen { files: false, mounts: false }))) => {
                GENERATION.load(SeqCst) == self.generation
            }
            (Some(_), Some(seen)) => {
                self.mounts_changed |= seen.map_or(true, |seen| seen.mounts);
                false
            }
            (Some(_), None) if GENERATION.load(SeqCst) != self.generation => false,
            (Some(snapshot), None) => match snapshot.stat_check() {
                StatCheck::Unchanged => return self.snapshot.as_deref(),
                StatCheck::TooRecent => return None,
                StatCheck::Changed => false,
            },
            (None, _) => false,
        };
        if !fresh {
            self.refresh(c);
        }
        let snapshot = self.snapshot.as_deref()?;
        if self.notified(snapshot) {
            return Some(snapshot);
        }
        match snapshot.stat_check() {
            StatCheck::Unchanged => Some(snapshot),
            // Just rebuilt and still too recent, or changing under our feet.
            StatCheck::TooRecent | StatCheck::Changed => None,
        }
    }

    fn notified(&self, snapshot: &Snapshot) -> bool {
        snapshot.watched && self.watch.is_some()
    }

    /// Handles what the checks found, under the lock, and takes the current snapshot.
    fn refresh(&mut self, c: &CLookups) {
        let shared = shared();
        if self.forks != shared.forks {
            // The descriptors are the parent's, shared with it: this thread's are new.
            *self = Thread { forks: shared.forks, answered: self.answered, ..Thread::empty() };
        }
        let mut state = shared.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.inotify.is_none() {
            let inotify = Inotify::new().ok();
            if let Some(inotify) = &inotify {
                INOTIFY_FD.store(inotify.raw(), SeqCst);
            }
            state.inotify = Some(inotify);
        }
        let inotify = state.inotify.as_ref().and_then(Option::as_ref);
        if !self.watch_tried {
            self.watch_tried = true;
            self.watch = inotify.and_then(|inotify| ThreadWatch::new(inotify).ok());
            // Mounts changed before the watch was made are not reported to it.
            self.mounts_changed = true;
        }
        let mut walk_again = std::mem::take(&mut self.mounts_changed);
        let mut rebuild = false;
        if let Some(inotify) = inotify.filter(|inotify| inotify.pending()) {
            // Before the events are read: see the module docs.
            GENERATION.fetch_add(1, SeqCst);
            let read_watches = state.published.as_ref().map(|s| s.read_watches.as_slice());
            for event in inotify.drain() {
                let contents = read_watches.is_some_and(|watches| watches.contains(&event.watch));
                if event.overflowed() || contents {
                    rebuild = true;
                } else {
                    walk_again = true;
                }
            }
        }
        match &state.published {
            None => rebuild = true,
            Some(snapshot) if !rebuild => {
                let notified = self.notified(snapshot);
                if snapshot.retry {
                    rebuild = true;
                } else if walk_again || !notified {
                    rebuild = !snapshot.steps_unchanged();
                }
                if !rebuild && !notified {
                    rebuild = snapshot.stat_check() == StatCheck::Changed;
                }
            }
            Some(_) => {}
        }
        if rebuild {
            state.rebuild(c);
        }
        self.snapshot = state.published.clone();
        self.generation = GENERATION.load(SeqCst);
    }

    const fn empty() -> Thread {
        Thread {
            forks: 0,
            watch: None,
            watch_tried: false,
            mounts_changed: false,
            generation: 0,
            snapshot: None,
            answered: 0,
        }
    }
}

impl State {
    fn rebuild(&mut self, c: &CLookups) {
        let inotify = self.inotify.as_ref().and_then(Option::as_ref);
        let mut snapshot = build(inotify, &mut self.root, c);
        // Three tries for files that change while they are read; then the next lookup
        // tries again.
        for _ in 0..2 {
            if !snapshot.retry {
                break;
            }
            snapshot = build(inotify, &mut self.root, c);
        }
        if let (Some(inotify), Some(old)) = (inotify, &self.published) {
            for watch in old.watches.iter().filter(|w| !snapshot.watches.contains(w)) {
                inotify.unwatch(*watch);
            }
        }
        self.published = Some(Arc::new(snapshot));
        GENERATION.fetch_add(1, SeqCst);
    }
}

/// The facts of a build, and the watches set for them.
struct Facts<'a> {
    inotify: Option<&'a Inotify>,
    facts: Vec<Fact>,
    watched: bool,
    watches: Vec<i32>,
    read_watches: Vec<i32>,
    racy_until: Option<(i64, i64)>,
    /// The wall clock before anything was read.
    started: (i64, i64),
    changed: bool,
}

/// What a build found at a path it reads.
enum Found {
    Contents(Vec<u8>),
    /// Nothing that can be opened: the errno.
    Missing(i32),
}

impl<'a> Facts<'a> {
    fn new(inotify: Option<&'a Inotify>) -> Self {
        Facts {
            inotify,
            facts: Vec::new(),
            watched: inotify.is_some(),
            watches: Vec::new(),
            read_watches: Vec::new(),
            racy_until: None,
            started: watch::wall_clock(),
            changed: false,
        }
    }

    /// Records what `path` leads to (watching it where possible).
    fn track(&mut self, path: &CStr) -> std::result::Result<(Presence, Option<i32>), Unindexable> {
        let walked = match self.inotify {
            Some(inotify) if self.watched => match watch::watch_path(path.to_bytes(), inotify) {
                Ok(watched) => {
                    self.watches.extend(watched.watches.iter().copied());
                    Some((watched.steps, watched.end))
                }
                Err(_) => {
                    // No watch to spare, or no /proc: every thread checks by stat.
                    self.watched = false;
                    None
                }
            },
            _ => None,
        };
        let (steps, end_watch) = match walked {
            Some(walked) => walked,
            None => match watch::steps(path.to_bytes()) {
                Ok(steps) => (steps, None),
                Err(e) => {
                    // Recorded all the same, so that a change shows as one.
                    let errno = e.raw_os_error().unwrap_or(libc::EIO);
                    let steps = vec![(path.to_bytes().to_vec(), Presence::Missing(errno))];
                    self.facts.push(Fact { path: path.to_owned(), steps });
                    return Err(unreadable(path, &e));
                }
            },
        };
        let end = steps.last().map_or(Presence::Missing(libc::ENOENT), |(_, end)| *end);
        let closed = steps.iter().find(|(_, presence)| match presence {
            Presence::Present(identity) => !identity.open_to_all(),
            Presence::Missing(_) => false,
        });
        self.facts.push(Fact { path: path.to_owned(), steps: steps.clone() });
        if let Some((step, _)) = closed {
            return Err(Unindexable(format!(
                "{} is not open to every user (so what the C library can read of it depends \
                 on the process's credentials)",
                String::from_utf8_lossy(step)
            )));
        }
        Ok((end, end_watch))
    }

    /// Records `path` and reads what it leads to.
    fn read(&mut self, path: &CStr) -> std::result::Result<Found, Unindexable> {
        let (end, end_watch) = self.track(path)?;
        let walked = match end {
            Presence::Missing(errno) => return Ok(Found::Missing(errno)),
            Presence::Present(identity) => identity,
        };
        if walked.size > MAX_FILE_BYTES {
            return Err(Unindexable(format!(
                "{} is larger than {MAX_FILE_BYTES} bytes",
                path.to_string_lossy()
            )));
        }
        let contents = match watch::read(path) {
            Ok(contents) => contents,
            Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT | libc::ENOTDIR)) => {
                // It went between the walk and the open: build again.
                self.changed = true;
                return Ok(Found::Missing(e.raw_os_error().unwrap_or(libc::ENOENT)));
            }
            Err(e) => return Err(unreadable(path, &e)),
        };
        if !(contents.before.same(&walked) && contents.after.same(&walked)) {
            self.changed = true;
        }
        self.read_watches.extend(end_watch);
        let changed = contents.after.changed;
        let until = (
            changed.0 + (changed.1 + TIMESTAMP_GRANULARITY_NS) / 1_000_000_000,
            (changed.1 + TIMESTAMP_GRANULARITY_NS) % 1_000_000_000,
        );
        if until > self.started {
            self.racy_until = Some(self.racy_until.map_or(until, |known| known.max(until)));
        }
        Ok(Found::Contents(contents.bytes))
    }

    /// Records `path`, which must lead to nothing for the index to hold.
    #[cfg(netdb_backend = "reentrant")]
    fn absent(&mut self, path: &CStr, why: &str) -> std::result::Result<(), Unindexable> {
        match self.track(path)?.0 {
            Presence::Missing(_) => Ok(()),
            Presence::Present(_) => {
                Err(Unindexable(format!("{} exists: {why}", path.to_string_lossy())))
            }
        }
    }

    fn finish(
        self,
        services: Database<ServicesIndex>,
        protocols: Database<ProtocolsIndex>,
    ) -> Snapshot {
        Snapshot {
            services,
            protocols,
            facts: self.facts,
            watched: self.watched,
            read_watches: self.read_watches,
            watches: self.watches,
            racy_until: self.racy_until,
            retry: self.changed,
        }
    }
}

fn unreadable(path: &CStr, error: &std::io::Error) -> Unindexable {
    Unindexable(format!("{} cannot be read: {error}", path.to_string_lossy()))
}

fn cannot_open(path: &CStr, errno: i32) -> Unindexable {
    unreadable(path, &std::io::Error::from_raw_os_error(errno))
}

/// Whether two answers are the same.
#[cfg(netdb_backend = "reentrant")]
fn same_answer<T: PartialEq>(a: &Result<Option<T>>, b: &Result<Option<T>>) -> bool {
    match (a, b) {
        (Ok(a), Ok(b)) => a == b,
        (Err(Error::NonUtf8(a)), Err(Error::NonUtf8(b))) => a == b,
        _ => false,
    }
}

#[cfg(netdb_backend = "musl")]
fn build(inotify: Option<&Inotify>, _root: &mut Option<Identity>, _c: &CLookups) -> Snapshot {
    let mut facts = Facts::new(inotify);
    let services = (|| {
        let index = match facts.read(SERVICES_FILE)? {
            Found::Contents(bytes) => {
                let size = bytes.len() as u64;
                (ServicesIndex::build(&bytes)?, size)
            }
            // musl finds nothing in a file it cannot open for these (lookup_serv.c);
            // any other error fails its lookups by name.
            Found::Missing(libc::ENOENT | libc::ENOTDIR | libc::EACCES) => {
                (ServicesIndex::build(b"")?, 0)
            }
            Found::Missing(errno) => return Err(cannot_open(SERVICES_FILE, errno)),
        };
        Ok(index)
    })();
    let protocols = Err(Unindexable(
        "musl's protocols are a table compiled into it, which its own lookups read".into(),
    ));
    facts.finish(services, protocols)
}

/// The contents of a database file as glibc's files source sees it: its `fopen` fails
/// and the lookup says what errno says, and ENOENT is "not found", an empty file.
#[cfg(netdb_backend = "reentrant")]
fn read_as_glibc(facts: &mut Facts<'_>, path: &CStr) -> std::result::Result<Vec<u8>, Unindexable> {
    match facts.read(path)? {
        Found::Contents(bytes) => Ok(bytes),
        Found::Missing(libc::ENOENT) => Ok(Vec::new()),
        Found::Missing(errno) => Err(cannot_open(path, errno)),
    }
}

/// Which sources glibc asks for `database`, if only the files.
#[cfg(netdb_backend = "reentrant")]
fn files_alone(
    nsswitch: &Found,
    database: &str,
    facts: &mut Facts<'_>,
) -> std::result::Result<(), Unindexable> {
    let file = match nsswitch {
        Found::Contents(bytes) => bytes,
        Found::Missing(_) => {
            return Err(Unindexable(
                "there is no /etc/nsswitch.conf, and glibc's default sources depend on how it \
                 was built"
                    .into(),
            ))
        }
    };
    let line = nsswitch::line_for(file, database.as_bytes()).map_err(|error| {
        Unindexable(format!(
            "line {} of /etc/nsswitch.conf is not what glibc can read, which makes every \
             lookup fail",
            error.line
        ))
    })?;
    let sources = match line {
        Line::Default => {
            return Err(Unindexable(format!(
                "/etc/nsswitch.conf has no {database} line, and glibc's default for it \
                 depends on how it was built"
            )))
        }
        Line::Sources(sources) => sources,
    };
    let names: Vec<&[u8]> = sources.iter().map(|source| source.name.as_slice()).collect();
    let plain = sources.iter().all(|source| !source.actions);
    match names.as_slice() {
        [b"files"] if plain => Ok(()),
        [b"db", b"files"] if plain => {
            for directory in DB_DIRECTORIES {
                let path = CString::new(format!("{directory}{database}.db"))
                    .map_err(|_| Unindexable("a path with a NUL byte".into()))?;
                facts.absent(&path, "nss_db answers before the files")?;
            }
            Ok(())
        }
        _ => Err(Unindexable(format!(
            "/etc/nsswitch.conf's {database} line is not `files` alone (nor `db files` without \
             nss_db's file): {:?}",
            sources
                .iter()
                .map(|source| String::from_utf8_lossy(&source.name).into_owned())
                .collect::<Vec<_>>()
        ))),
    }
}

#[cfg(netdb_backend = "reentrant")]
fn build(inotify: Option<&Inotify>, root: &mut Option<Identity>, c: &CLookups) -> Snapshot {
    if let Err(reason) = glibc_supported() {
        return Snapshot::never(&reason);
    }
    let mut facts = Facts::new(inotify);
    if !watch::locale_reads_as_c() {
        let reason = Unindexable(
            "the locale's isspace or tolower differ from the C locale's, by which netdb reads \
             the files"
                .into(),
        );
        return facts.finish(Err(reason.clone()), Err(reason));
    }
    let Presence::Present(root_now) = watch::stat(c"/") else {
        return Snapshot::never("the root directory cannot be read");
    };
    if root.is_some_and(|root| !root.same(&root_now)) {
        return Snapshot::never(
            "the root directory changed since the first lookup (chroot), and glibc then keeps \
             the nsswitch.conf it read before",
        );
    }
    *root = Some(root_now);

    let nsswitch = facts.read(NSSWITCH_FILE);
    let services = (|| {
        let nsswitch = nsswitch.as_ref().map_err(Clone::clone)?;
        files_alone(nsswitch, "services", &mut facts)?;
        facts.absent(NSCD_SOCKET, "glibc asks nscd for services first")?;
        let file = read_as_glibc(&mut facts, SERVICES_FILE)?;
        let index = services_by_glibc(&file, c)?;
        Ok((index, file.len() as u64))
    })();
    let protocols = (|| {
        let nsswitch = nsswitch.as_ref().map_err(Clone::clone)?;
        files_alone(nsswitch, "protocols", &mut facts)?;
        let file = read_as_glibc(&mut facts, PROTOCOLS_FILE)?;
        let index = protocols_by_glibc(&file, c)?;
        Ok((index, file.len() as u64))
    })();
    facts.finish(services, protocols)
}

/// Whether the running glibc's files source is the one `index::glibc` reads like.
#[cfg(netdb_backend = "reentrant")]
fn glibc_supported() -> std::result::Result<(), String> {
    let version = watch::glibc_version();
    let text = String::from_utf8_lossy(&version).into_owned();
    let mut parts = text.split('.').map(|part| part.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(2), Some(minor)) if (34..=42).contains(&minor) => Ok(()),
        _ => Err(format!(
            "netdb reads the files as glibc 2.34 to 2.42 does, and this is glibc {text}"
        )),
    }
}

/// The services file by glibc's rules, with its reading of numbers past 32 bits found
/// by asking glibc itself about one, where the two readings differ.
#[cfg(netdb_backend = "reentrant")]
fn services_by_glibc(file: &[u8], c: &CLookups) -> std::result::Result<ServicesIndex, Unindexable> {
    let rejecting = glibc::Services::build(file, NumberRule::RejectPastU32)?;
    if rejecting.past_u32().is_empty() {
        return Ok(rejecting);
    }
    let clamping = glibc::Services::build(file, NumberRule::Clamp)?;
    let Some(key) = rejecting.differing_key(&clamping) else { return Ok(rejecting) };
    let cstring = |bytes: &[u8]| CString::new(bytes).ok();
    let (glibcs, ours) = match &key {
        ServiceKey::Name(name, protocol) => {
            let (Some(name), protocol) = (cstring(name), protocol.as_deref().map(cstring)) else {
                return Err(Unindexable("a key with a NUL byte".into()));
            };
            let protocol = protocol.flatten();
            let glibcs = (c.service_by_name)(&name, protocol.as_deref());
            let ours = |index: &glibc::Services| {
                index.by_name(name.to_bytes(), protocol.as_deref().map(CStr::to_bytes))
            };
            (glibcs, [ours(&rejecting), ours(&clamping)])
        }
        ServiceKey::Port(port, protocol) => {
            let protocol = protocol.as_deref().and_then(cstring);
            let glibcs = (c.service_by_port)(*port, protocol.as_deref());
            let ours = |index: &glibc::Services| {
                index.by_port(*port, protocol.as_deref().map(CStr::to_bytes))
            };
            (glibcs, [ours(&rejecting), ours(&clamping)])
        }
    };
    if same_answer(&glibcs, &ours[0]) {
        Ok(rejecting)
    } else if same_answer(&glibcs, &ours[1]) {
        Ok(clamping)
    } else {
        Err(Unindexable(format!(
            "glibc reads a number past 32 bits in /etc/services neither as Debian's nor as \
             upstream's glibc does ({key:?})"
        )))
    }
}

/// The protocols file by glibc's rules, as [`services_by_glibc`].
#[cfg(netdb_backend = "reentrant")]
fn protocols_by_glibc(
    file: &[u8],
    c: &CLookups,
) -> std::result::Result<ProtocolsIndex, Unindexable> {
    let rejecting = glibc::Protocols::build(file, NumberRule::RejectPastU32)?;
    if rejecting.past_u32().is_empty() {
        return Ok(rejecting);
    }
    let clamping = glibc::Protocols::build(file, NumberRule::Clamp)?;
    let Some(key) = rejecting.differing_key(&clamping) else { return Ok(rejecting) };
    let (glibcs, ours) = match &key {
        ProtocolKey::Name(name) => {
            let Ok(name) = CString::new(name.clone()) else {
                return Err(Unindexable("a key with a NUL byte".into()));
            };
            let ours = |index: &glibc::Protocols| index.by_name(name.to_bytes());
            ((c.protocol_by_name)(&name), [ours(&rejecting), ours(&clamping)])
        }
        ProtocolKey::Number(number) => {
            let ours = |index: &glibc::Protocols| index.by_number(*number);
            ((c.protocol_by_number)(*number), [ours(&rejecting), ours(&clamping)])
        }
    };
    if same_answer(&glibcs, &ours[0]) {
        Ok(rejecting)
    } else if same_answer(&glibcs, &ours[1]) {
        Ok(clamping)
    } else {
        Err(Unindexable(format!(
            "glibc reads a number past 32 bits in /etc/protocols neither as Debian's nor as \
             upstream's glibc does ({key:?})"
        )))
    }
}

/// Runs `answer` on the current snapshot; `None` where the C library must answer.
fn with_snapshot<R>(c: &CLookups, answer: impl FnOnce(&Snapshot) -> Option<R>) -> Option<R> {
    THREAD
        .try_with(|thread| {
            let mut thread = thread.try_borrow_mut().ok()?;
            let found = answer(thread.current(c)?)?;
            thread.answered += 1;
            Some(found)
        })
        .ok()
        .flatten()
}

/// `Service::from_name` from the index, or `None` to ask the C library.
pub(crate) fn service_by_name(
    name: &CStr,
    protocol: Option<&CStr>,
    c: &CLookups,
) -> Option<Result<Option<Service>>> {
    #[cfg(netdb_backend = "musl")]
    {
        use crate::index::musl::Transport;
        let protocol = match protocol {
            None => None,
            Some(protocol) => Some(Transport::from_argument(protocol.to_bytes())?),
        };
        if !ServicesIndex::answers_name(name.to_bytes()) {
            return None;
        }
        with_snapshot(c, |snapshot| {
            let (index, _) = snapshot.services.as_ref().ok()?;
            Some(index.by_name(name.to_bytes(), protocol))
        })
    }
    #[cfg(netdb_backend = "reentrant")]
    with_snapshot(c, |snapshot| {
        let (index, _) = snapshot.services.as_ref().ok()?;
        Some(index.by_name(name.to_bytes(), protocol.map(CStr::to_bytes)))
    })
}

/// `Service::from_port` from the index, or `None` to ask the C library.
pub(crate) fn service_by_port(
    port: u16,
    protocol: Option<&CStr>,
    c: &CLookups,
) -> Option<Result<Option<Service>>> {
    #[cfg(netdb_backend = "musl")]
    {
        use crate::index::musl::Transport;
        let protocol = match protocol {
            None => None,
            Some(protocol) => Some(Transport::from_argument(protocol.to_bytes())?),
        };
        with_snapshot(c, |snapshot| {
            let (index, _) = snapshot.services.as_ref().ok()?;
            Some(index.by_port(port, protocol))
        })
    }
    #[cfg(netdb_backend = "reentrant")]
    with_snapshot(c, |snapshot| {
        let (index, _) = snapshot.services.as_ref().ok()?;
        Some(index.by_port(port, protocol.map(CStr::to_bytes)))
    })
}

/// `Protocol::from_name` from the index, or `None` to ask the C library.
#[cfg(netdb_backend = "reentrant")]
pub(crate) fn protocol_by_name(name: &CStr, c: &CLookups) -> Option<Result<Option<Protocol>>> {
    with_snapshot(c, |snapshot| {
        let (index, _) = snapshot.protocols.as_ref().ok()?;
        Some(index.by_name(name.to_bytes()))
    })
}

/// `Protocol::from_number` from the index, or `None` to ask the C library.
#[cfg(netdb_backend = "reentrant")]
pub(crate) fn protocol_by_number(number: i32, c: &CLookups) -> Option<Result<Option<Protocol>>> {
    with_snapshot(c, |snapshot| {
        let (index, _) = snapshot.protocols.as_ref().ok()?;
        Some(index.by_number(number))
    })
}

/// Where lookups answer from now (see [`IndexStatus`]).
pub(crate) fn status(c: &CLookups) -> IndexStatus {
    let found = THREAD.try_with(|thread| {
        let mut thread = thread.try_borrow_mut().ok()?;
        let answered = thread.answered;
        let checked = thread.current(c).is_some();
        let snapshot = thread.snapshot.clone()?;
        let freshness =
            if thread.notified(&snapshot) { Freshness::Notified } else { Freshness::StatPerLookup };
        Some((snapshot, checked, freshness, answered))
    });
    let Ok(Some((snapshot, checked, freshness, answered))) = found else {
        return IndexStatus::not_indexed("the thread's state is not available (it is exiting)");
    };
    let source = |database: std::result::Result<(usize, usize, u64), &Unindexable>| match database {
        Ok(_) if !checked => LookupSource::CLibrary {
            reason: "a file changed too recently to rely on its identity; the C library \
                     answers until that is no longer so"
                .into(),
        },
        Ok((entries, heap_bytes, file_bytes)) => {
            LookupSource::Index { entries, heap_bytes, file_bytes, freshness }
        }
        Err(reason) => LookupSource::CLibrary { reason: reason.0.clone() },
    };
    let services = snapshot.services.as_ref().map(|(i, size)| (i.len(), i.heap_bytes(), *size));
    #[cfg(netdb_backend = "reentrant")]
    let protocols = snapshot.protocols.as_ref().map(|(i, size)| (i.len(), i.heap_bytes(), *size));
    #[cfg(netdb_backend = "musl")]
    let protocols = snapshot.protocols.as_ref().map(|(never, _)| match *never {});
    IndexStatus {
        services: source(services),
        protocols: source(protocols),
        answered_from_index: answered,
    }
}
