//! What Linux tells a process about its files, for the index of `sys/indexed.rs`: a
//! file's identity, a walk of a path that watches every directory and file it passes
//! (inotify), a per-thread check for those events and for mount changes (epoll over the
//! inotify descriptor and the thread's own `/proc/thread-self/mountinfo`), and a hook
//! that runs in the child after `fork`.
//!
//! Every safe wrapper here hands out owned descriptors (`OwnedFd`), so none is closed
//! twice or used after it is closed.

use std::ffi::{CStr, CString};
use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Once, OnceLock};

/// What tells a file from another, and this version of it from an earlier one: glibc's
/// `file_change_detection` (size, inode, mtime and ctime) plus the device and the mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Identity {
    pub(crate) device: u64,
    pub(crate) inode: u64,
    pub(crate) mode: u32,
    pub(crate) size: u64,
    pub(crate) modified: (i64, i64),
    pub(crate) changed: (i64, i64),
}

impl Identity {
    fn of(metadata: &std::fs::Metadata) -> Identity {
        Identity {
            device: metadata.dev(),
            inode: metadata.ino(),
            mode: metadata.mode(),
            size: metadata.size(),
            modified: (metadata.mtime(), metadata.mtime_nsec()),
            changed: (metadata.ctime(), metadata.ctime_nsec()),
        }
    }

    /// Whether `self` and `other` are the same object in the same state, for what a
    /// path resolves through: a directory's size and times change with its entries,
    /// which are watched one by one, so only its identity and permissions count.
    pub(crate) fn same(&self, other: &Identity) -> bool {
        if self.is_directory() && other.is_directory() {
            (self.device, self.inode, self.mode) == (other.device, other.inode, other.mode)
        } else {
            self == other
        }
    }

    pub(crate) fn is_directory(&self) -> bool {
        self.mode & libc::S_IFMT == libc::S_IFDIR
    }

    fn is_regular(&self) -> bool {
        self.mode & libc::S_IFMT == libc::S_IFREG
    }

    fn is_symlink(&self) -> bool {
        self.mode & libc::S_IFMT == libc::S_IFLNK
    }

    /// Whether every user may read it (a file) or pass through it (a directory): then
    /// no change of the process's credentials changes what the C library can read.
    pub(crate) fn open_to_all(&self) -> bool {
        let bit = if self.is_directory() { 0o001 } else { 0o004 };
        self.mode & bit != 0
    }
}

/// What a path leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Presence {
    Present(Identity),
    /// Nothing that can be reached: the errno of reaching it (`ENOENT`, `ENOTDIR`,
    /// `EACCES`, `ELOOP`, ...).
    Missing(i32),
}

impl Presence {
    fn same(&self, other: &Presence) -> bool {
        match (self, other) {
            (Presence::Present(a), Presence::Present(b)) => a.same(b),
            (a, b) => a == b,
        }
    }
}

fn presence(result: io::Result<std::fs::Metadata>) -> Presence {
    match result {
        Ok(metadata) => Presence::Present(Identity::of(&metadata)),
        Err(e) => Presence::Missing(e.raw_os_error().unwrap_or(libc::EIO)),
    }
}

/// What `path` leads to now, following symbolic links, as `fopen` finds it.
pub(crate) fn stat(path: &CStr) -> Presence {
    presence(std::fs::metadata(std::ffi::OsStr::from_bytes(path.to_bytes())))
}

/// Every object the resolution of a path passes, in order: each directory, each
/// symbolic link, and what it ends at, with its resolved path.
pub(crate) type Steps = Vec<(Vec<u8>, Presence)>;

/// Whether two walks passed the same objects in the same states.
pub(crate) fn same_steps(a: &Steps, b: &Steps) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|((pa, a), (pb, b))| pa == pb && a.same(b))
}

/// How many symbolic links a resolution follows before it gives up, as the kernel.
const MAX_LINKS: usize = 40;

/// A path taken apart for resolution: components still to resolve, in order.
fn components(path: &[u8]) -> std::collections::VecDeque<Vec<u8>> {
    path.split(|&b| b == b'/').filter(|c| !c.is_empty()).map(<[u8]>::to_vec).collect()
}

fn join(dir: &[u8], name: &[u8]) -> Vec<u8> {
    let mut path = dir.to_vec();
    if path.last() != Some(&b'/') {
        path.push(b'/');
    }
    path.extend_from_slice(name);
    path
}

fn parent(dir: &[u8]) -> Vec<u8> {
    match dir.iter().rposition(|&b| b == b'/') {
        Some(0) | None => b"/".to_vec(),
        Some(at) => dir[..at].to_vec(),
    }
}

/// One step of a walk: what the next object is, whoever opened it.
trait Walker {
    /// The root directory, and what it is.
    fn root(&mut self) -> io::Result<Identity>;
    /// What `name` in the current directory is, without following a link; becomes the
    /// current object.
    fn enter(&mut self, name: &[u8]) -> io::Result<Presence>;
    /// The current object, a symbolic link: its target.
    fn target(&mut self) -> io::Result<Vec<u8>>;
    /// The current object, `name` in the current directory, is a directory the walk
    /// goes into.
    fn descend(&mut self, name: &[u8]) -> io::Result<()>;
    /// The walk goes up to the parent of the current directory.
    fn ascend(&mut self) -> io::Result<Identity>;
    /// The current object is where the path ends.
    fn arrive(&mut self) -> io::Result<()>;
}

/// Resolves an absolute `path` as the kernel does, one component at a time.
fn walk(path: &[u8], walker: &mut impl Walker) -> io::Result<Steps> {
    let mut steps: Steps = vec![(b"/".to_vec(), Presence::Present(walker.root()?))];
    let mut dir = b"/".to_vec();
    let mut pending = components(path);
    let mut links = 0;
    while let Some(name) = pending.pop_front() {
        match name.as_slice() {
            b"." => continue,
            b".." => {
                dir = parent(&dir);
                steps.push((dir.clone(), Presence::Present(walker.ascend()?)));
                continue;
            }
            _ => {}
        }
        let here = join(&dir, &name);
        let found = walker.enter(&name)?;
        steps.push((here.clone(), found));
        let Presence::Present(identity) = found else { return Ok(steps) };
        if identity.is_symlink() {
            links += 1;
            if links > MAX_LINKS {
                steps.push((here, Presence::Missing(libc::ELOOP)));
                return Ok(steps);
            }
            let target = walker.target()?;
            for component in components(&target).into_iter().rev() {
                pending.push_front(component);
            }
            if target.first() == Some(&b'/') {
                dir = b"/".to_vec();
                steps.push((dir.clone(), Presence::Present(walker.root()?)));
            }
        } else if pending.is_empty() {
            walker.arrive()?;
        } else if identity.is_directory() {
            walker.descend(&name)?;
            dir = here;
        } else {
            // A file where a directory should be: open fails with ENOTDIR.
            steps.push((join(&here, &pending[0]), Presence::Missing(libc::ENOTDIR)));
            return Ok(steps);
        }
    }
    Ok(steps)
}

/// Walks by path, with `lstat` and `readlink`: what the path resolves through now.
struct ByPath {
    dir: Vec<u8>,
    current: Vec<u8>,
}

impl Walker for ByPath {
    fn root(&mut self) -> io::Result<Identity> {
        self.dir = b"/".to_vec();
        self.current = self.dir.clone();
        Ok(Identity::of(&std::fs::symlink_metadata("/")?))
    }

    fn enter(&mut self, name: &[u8]) -> io::Result<Presence> {
        self.current = join(&self.dir, name);
        Ok(presence(std::fs::symlink_metadata(std::ffi::OsStr::from_bytes(&self.current))))
    }

    fn target(&mut self) -> io::Result<Vec<u8>> {
        let target = std::fs::read_link(std::ffi::OsStr::from_bytes(&self.current))?;
        Ok(target.as_os_str().as_bytes().to_vec())
    }

    fn descend(&mut self, _name: &[u8]) -> io::Result<()> {
        self.dir = self.current.clone();
        Ok(())
    }

    fn ascend(&mut self) -> io::Result<Identity> {
        self.dir = parent(&self.dir);
        self.current = self.dir.clone();
        Ok(Identity::of(&std::fs::symlink_metadata(std::ffi::OsStr::from_bytes(&self.dir))?))
    }

    fn arrive(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What `path` resolves through now (see [`Steps`]).
pub(crate) fn steps(path: &[u8]) -> io::Result<Steps> {
    walk(path, &mut ByPath { dir: Vec::new(), current: Vec::new() })
}

/// The events a directory is watched for: its entries appearing, going or being
/// renamed, and it itself changing permissions, going or being renamed.
const DIRECTORY_EVENTS: u32 = libc::IN_CREATE
    | libc::IN_DELETE
    | libc::IN_MOVED_FROM
    | libc::IN_MOVED_TO
    | libc::IN_ATTRIB
    | libc::IN_DELETE_SELF
    | libc::IN_MOVE_SELF;

/// The events a file is watched for: its contents or attributes changing, it going or
/// being renamed.
const FILE_EVENTS: u32 = libc::IN_MODIFY
    | libc::IN_ATTRIB
    | libc::IN_CLOSE_WRITE
    | libc::IN_DELETE_SELF
    | libc::IN_MOVE_SELF;

/// One inotify instance.
#[derive(Debug)]
pub(crate) struct Inotify {
    fd: OwnedFd,
}

/// An event an inotify instance reported.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Event {
    pub(crate) watch: i32,
    pub(crate) mask: u32,
}

impl Event {
    /// Whether events were lost: anything may have changed.
    pub(crate) fn overflowed(&self) -> bool {
        self.mask & libc::IN_Q_OVERFLOW != 0
    }
}

impl Inotify {
    /// A new instance, its events read without blocking.
    pub(crate) fn new() -> io::Result<Inotify> {
        // SAFETY: inotify_init1 takes flags only and returns a new descriptor or -1.
        let fd = unsafe { libc::inotify_init1(libc::IN_NONBLOCK | libc::IN_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` is a descriptor just made and owned by nobody else.
        Ok(Inotify { fd: unsafe { OwnedFd::from_raw_fd(fd) } })
    }

    pub(crate) fn raw(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    /// Watches exactly the object `file` is open on, through its `/proc/self/fd` link
    /// (which leads to the inode itself, not to whatever its path names by now).
    /// The mask is added to what a watch of the same object already has: a directory
    /// may be the end of one path and on the way of another.
    fn watch(&self, file: &OwnedFd, mask: u32) -> io::Result<i32> {
        let link = CString::new(format!("/proc/self/fd/{}", file.as_raw_fd()))
            .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
        // SAFETY: the path is NUL-terminated and lives across the call; `self.fd` is an
        // inotify descriptor this value owns.
        let wd = unsafe {
            libc::inotify_add_watch(self.fd.as_raw_fd(), link.as_ptr(), mask | libc::IN_MASK_ADD)
        };
        if wd < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(wd)
    }

    /// Stops watching `watch` (an inotify `IN_IGNORED` event follows).
    pub(crate) fn unwatch(&self, watch: i32) {
        // SAFETY: removing a watch descriptor of this instance; an unknown one is EINVAL,
        // which changes nothing.
        unsafe { libc::inotify_rm_watch(self.fd.as_raw_fd(), watch) };
    }

    /// Whether events are waiting, without reading them.
    pub(crate) fn pending(&self) -> bool {
        let mut poll = libc::pollfd { fd: self.fd.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd, a zero timeout.
        let ready = unsafe { libc::poll(&mut poll, 1, 0) };
        ready != 0
    }

    /// Every event waiting, read until none is left.
    pub(crate) fn drain(&self) -> Vec<Event> {
        let mut events = Vec::new();
        // Room for many events; one with the longest name takes 16 + 256 bytes.
        let mut buffer = vec![0u8; 4096];
        loop {
            // SAFETY: the buffer is valid for writes of its length.
            let read = unsafe {
                libc::read(self.fd.as_raw_fd(), buffer.as_mut_ptr().cast(), buffer.len())
            };
            let Ok(read) = usize::try_from(read) else {
                // EAGAIN: nothing left. Any other error leaves nothing to read either.
                return events;
            };
            if read == 0 {
                return events;
            }
            // Each event is a `struct inotify_event` (wd, mask, cookie, len) and `len`
            // bytes of name, read field by field since the bytes are not aligned for it.
            let bytes = &buffer[..read];
            let header = std::mem::size_of::<libc::inotify_event>();
            let mut at = 0;
            while at + header <= bytes.len() {
                let field = |offset: usize| {
                    let mut word = [0u8; 4];
                    word.copy_from_slice(&bytes[at + offset..at + offset + 4]);
                    word
                };
                let watch = i32::from_ne_bytes(field(0));
                let mask = u32::from_ne_bytes(field(4));
                let name_len = u32::from_ne_bytes(field(12)) as usize;
                events.push(Event { watch, mask });
                at += header + name_len;
            }
        }
    }
}

/// A walk that opens every object it passes (`O_PATH`, links not followed) by its
/// resolved path, after watching the directory it is in, and watches each directory
/// and the end with `inotify`, through the descriptor it opened. So a change after a
/// watch is set is reported, and one before it is seen by the walk itself: a directory
/// swapped between being watched and its entry being opened is renamed in a directory
/// already watched, or renamed away from under its own watch.
///
/// (By path, not relative to the directory's descriptor, because that is how the C
/// library opens the file: under qemu-user, which looks every absolute path up in the
/// guest's root folder first, the two can differ, "/" itself being the guest's.)
struct Watching<'a> {
    inotify: &'a Inotify,
    dir: Vec<u8>,
    current: Option<OwnedFd>,
    watches: Vec<i32>,
}

impl Watching<'_> {
    fn open(path: &[u8]) -> io::Result<OwnedFd> {
        let path = CString::new(path).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
        let flags = libc::O_PATH | libc::O_NOFOLLOW | libc::O_CLOEXEC;
        // SAFETY: `path` is NUL-terminated and lives across the call.
        let fd = unsafe { libc::open(path.as_ptr(), flags) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: a descriptor just opened, owned by nobody else.
        Ok(unsafe { OwnedFd::from_raw_fd(fd) })
    }

    fn identity(fd: &OwnedFd) -> io::Result<Identity> {
        let file = File::from(fd.try_clone()?);
        Ok(Identity::of(&file.metadata()?))
    }

    /// Watches the directory at `path` and makes it the current one.
    fn watch_directory(&mut self, path: Vec<u8>) -> io::Result<Identity> {
        let dir = Self::open(&path)?;
        self.watches.push(self.inotify.watch(&dir, DIRECTORY_EVENTS)?);
        self.dir = path;
        Self::identity(&dir)
    }
}

impl Walker for Watching<'_> {
    fn root(&mut self) -> io::Result<Identity> {
        self.watch_directory(b"/".to_vec())
    }

    fn enter(&mut self, name: &[u8]) -> io::Result<Presence> {
        match Self::open(&join(&self.dir, name)) {
            Ok(fd) => {
                let identity = Self::identity(&fd)?;
                self.current = Some(fd);
                Ok(Presence::Present(identity))
            }
            Err(e) => Ok(Presence::Missing(e.raw_os_error().unwrap_or(libc::EIO))),
        }
    }

    fn target(&mut self) -> io::Result<Vec<u8>> {
        let link = self.current.as_ref().ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        let mut target = vec![0u8; libc::PATH_MAX as usize + 1];
        // SAFETY: an empty path reads the link `link` is open on (O_PATH, not followed);
        // the buffer is valid for writes of its length.
        let length = unsafe {
            libc::readlinkat(
                link.as_raw_fd(),
                c"".as_ptr(),
                target.as_mut_ptr().cast(),
                target.len(),
            )
        };
        if length < 0 {
            return Err(io::Error::last_os_error());
        }
        target.truncate(length as usize);
        Ok(target)
    }

    fn descend(&mut self, name: &[u8]) -> io::Result<()> {
        let dir = self.current.take().ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        self.watches.push(self.inotify.watch(&dir, DIRECTORY_EVENTS)?);
        self.dir = join(&self.dir, name);
        Ok(())
    }

    fn ascend(&mut self) -> io::Result<Identity> {
        self.watch_directory(parent(&self.dir))
    }

    fn arrive(&mut self) -> io::Result<()> {
        let end = self.current.as_ref().ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        self.watches.push(self.inotify.watch(end, FILE_EVENTS)?);
        Ok(())
    }
}

/// What a watched walk found: the steps, and the watches it set, the last one on the
/// end if the path leads to something.
#[derive(Debug)]
pub(crate) struct Watched {
    pub(crate) steps: Steps,
    pub(crate) watches: Vec<i32>,
    /// The watch on the object the path ends at, if it has one.
    pub(crate) end: Option<i32>,
}

/// Resolves `path`, watching each directory it passes and the object it ends at.
pub(crate) fn watch_path(path: &[u8], inotify: &Inotify) -> io::Result<Watched> {
    let mut walker = Watching { inotify, dir: Vec::new(), current: None, watches: Vec::new() };
    let steps = walk(path, &mut walker)?;
    let ends =
        matches!(steps.last(), Some((_, Presence::Present(identity))) if !identity.is_symlink());
    let end = if ends { walker.watches.last().copied() } else { None };
    Ok(Watched { steps, watches: walker.watches, end })
}

/// A file's contents, with its identity before and after reading them (equal unless it
/// changed meanwhile).
pub(crate) struct Contents {
    pub(crate) bytes: Vec<u8>,
    pub(crate) before: Identity,
    pub(crate) after: Identity,
}

/// Reads `path` as `fopen` would open it, if it is a regular file (without blocking
/// on a FIFO put in its place).
pub(crate) fn read(path: &CStr) -> io::Result<Contents> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(std::ffi::OsStr::from_bytes(path.to_bytes()))?;
    let before = Identity::of(&file.metadata()?);
    if !before.is_regular() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(before.size).unwrap_or(0).min(1 << 26));
    file.read_to_end(&mut bytes)?;
    let after = Identity::of(&file.metadata()?);
    Ok(Contents { bytes, before, after })
}

/// The wall clock now, in seconds and nanoseconds: what file times are stamped with.
pub(crate) fn wall_clock() -> (i64, i64) {
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    (now.as_secs() as i64, i64::from(now.subsec_nanos()))
}

/// What one thread waits on: the process's inotify instance and the thread's own view
/// of the mount table, in one epoll instance, so that one `epoll_wait` with no timeout
/// tells whether anything changed.
///
/// The mount table's descriptor must be the thread's own: polling it acknowledges the
/// change it reports (`mounts_poll` records the event count in the open file), so a
/// descriptor shared by two threads would tell only the first of them.
#[derive(Debug)]
pub(crate) struct ThreadWatch {
    epoll: OwnedFd,
    _mounts: OwnedFd,
    _counted: Counted,
}

/// One of [`THREAD_WATCHES`], given back when dropped.
#[derive(Debug)]
struct Counted;

impl Drop for Counted {
    fn drop(&mut self) {
        THREAD_WATCHES.fetch_sub(1, Ordering::SeqCst);
    }
}

/// What a [`ThreadWatch`] saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Seen {
    /// The inotify instance has events waiting.
    pub(crate) files: bool,
    /// The mount table changed since this thread last looked.
    pub(crate) mounts: bool,
}

/// The epoll tags of the two descriptors.
const FILES: u64 = 1;
const MOUNTS: u64 = 2;

/// How many [`ThreadWatch`]es are alive.
static THREAD_WATCHES: AtomicUsize = AtomicUsize::new(0);

/// How many [`ThreadWatch`]es may be alive at once: a sixteenth of the descriptors the
/// process may open (each takes two), so that a program with many threads does not run
/// out of descriptors for its own files because of them; its other threads check by
/// `stat`.
fn thread_watch_limit() -> usize {
    static LIMIT: OnceLock<usize> = OnceLock::new();
    *LIMIT.get_or_init(|| {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit writes one rlimit, valid for the call.
        let known = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
        let descriptors = if known { limit.rlim_cur } else { 1024 };
        usize::try_from(descriptors / 16).unwrap_or(usize::MAX).clamp(8, 4096)
    })
}

impl ThreadWatch {
    /// Watches `inotify` and this thread's mount table; from now on every mount change
    /// is reported.
    pub(crate) fn new(inotify: &Inotify) -> io::Result<ThreadWatch> {
        if THREAD_WATCHES.fetch_add(1, Ordering::SeqCst) >= thread_watch_limit() {
            THREAD_WATCHES.fetch_sub(1, Ordering::SeqCst);
            return Err(io::Error::from_raw_os_error(libc::EMFILE));
        }
        let counted = Counted;
        let mounts = File::open("/proc/thread-self/mountinfo")
            .or_else(|_| File::open("/proc/self/mountinfo"))?;
        // SAFETY: epoll_create1 takes flags only and returns a new descriptor or -1.
        let epoll = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        if epoll < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: a descriptor just made, owned by nobody else.
        let epoll = unsafe { OwnedFd::from_raw_fd(epoll) };
        let mounts = OwnedFd::from(mounts);
        for (fd, events, tag) in
            [(inotify.raw(), libc::EPOLLIN, FILES), (mounts.as_raw_fd(), libc::EPOLLPRI, MOUNTS)]
        {
            let mut event = libc::epoll_event { events: events as u32, u64: tag };
            // SAFETY: both descriptors are open; the event is valid for the call.
            let rc =
                unsafe { libc::epoll_ctl(epoll.as_raw_fd(), libc::EPOLL_CTL_ADD, fd, &mut event) };
            if rc != 0 {
                return Err(io::Error::last_os_error());
            }
        }
        Ok(ThreadWatch { epoll, _mounts: mounts, _counted: counted })
    }

    /// What changed, without waiting; `None` if the check itself failed.
    pub(crate) fn check(&self) -> Option<Seen> {
        let mut events = [libc::epoll_event { events: 0, u64: 0 }; 2];
        // SAFETY: the array is valid for writes of its two events; no timeout.
        let ready = unsafe { libc::epoll_wait(self.epoll.as_raw_fd(), events.as_mut_ptr(), 2, 0) };
        let ready = usize::try_from(ready).ok()?;
        let mut seen = Seen::default();
        for event in &events[..ready] {
            match event.u64 {
                FILES => seen.files = true,
                _ => seen.mounts = true,
            }
        }
        Some(seen)
    }
}

/// Runs `child` in the child of every later `fork` (before `fork` returns there), once
/// registered; registering again does nothing.
pub(crate) fn after_fork_in_child(child: extern "C" fn()) {
    static REGISTERED: Once = Once::new();
    REGISTERED.call_once(|| {
        // SAFETY: registers a handler with no prepare or parent part; `child` is a plain
        // function that touches only atomics, which is safe in a forked child.
        unsafe { libc::pthread_atfork(None, None, Some(child as unsafe extern "C" fn())) };
    });
}

/// The running glibc's version, as `gnu_get_libc_version` reports it.
#[cfg(target_env = "gnu")]
pub(crate) fn glibc_version() -> Vec<u8> {
    // SAFETY: returns a pointer to a static NUL-terminated string.
    unsafe { CStr::from_ptr(libc::gnu_get_libc_version()) }.to_bytes().to_vec()
}

/// Whether the calling thread's locale classifies bytes as the C locale does, for the
/// two functions glibc's file parsers ask: `isspace` (every byte, as a signed or
/// unsigned `char`) and `tolower` (the ASCII letters).
#[cfg(target_env = "gnu")]
pub(crate) fn locale_reads_as_c() -> bool {
    let space = |c: i32| {
        // SAFETY: isspace takes any value of unsigned char or EOF, and glibc's table
        // covers the signed char values -128 to -1 as well.
        unsafe { libc::isspace(c) != 0 }
    };
    let spaces = (-128..=255).all(|c: i32| {
        let c_locale = u8::try_from(c).is_ok_and(crate::index::c_text::is_c_space);
        space(c) == c_locale
    });
    let letters = (b'A'..=b'Z').chain(b'a'..=b'z').all(|c| {
        // SAFETY: tolower takes any value of unsigned char.
        let lower = unsafe { libc::tolower(i32::from(c)) };
        lower == i32::from(c.to_ascii_lowercase())
    });
    spaces && letters
}
