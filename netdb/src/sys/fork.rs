//! Telling a process from the parent it was forked from, so that the resolver of a child
//! of `fork()` starts afresh instead of using its parent's threads and locks.
//!
//! A child of `fork()` gets a copy of its parent's memory but only the thread that
//! called `fork()`. The resolver's state in that copy describes threads the child does
//! not have (an idle one that will never take a job), and its locks may have been held
//! by one of them at the moment of the fork, held for ever in the child. Nothing of it
//! can be used, not even locked to be reset. So the state lives in a [`ForkLocal`]:
//! each value belongs to the process *generation* that made it, and a process that
//! finds its parent's makes one of its own beside it and never touches the parent's
//! again (nor frees it: a few hundred bytes per resolver and fork, kept reachable from
//! the new value, so that a leak checker in the child sees no leak).
//!
//! The generation is a counter that a `pthread_atfork` child handler increments in every
//! child `fork()` makes: an atomic add, which is async-signal-safe and takes no lock.
//! The handler is registered once, the first time a generation is asked for, which is
//! before the resolver has any state a child could inherit. Windows has no `fork()`.
//!
//! # The C library's own locks
//! A fresh resolver is not enough: the C library has locks of its own that the resolver
//! threads take inside `getaddrinfo`, and glibc does not reset them in a child (its
//! `fork()` resets malloc's, stdio's, the dynamic loader's and the NSS configuration's,
//! not `resolv_conf.c`'s, which every lookup takes for a moment as it starts and as it
//! ends, nor `check_pf.c`'s). A child forked while a resolver thread held one blocks for
//! ever on it at its first lookup (seen: `get_locked_global` in `__resolv_context_get`).
//! So the resolver threads make their C calls through [`c_call`], a gate that a
//! `pthread_atfork` prepare handler closes: no call starts while a fork is prepared, and
//! the fork waits for the calls in flight to end, or at most [`SETTLE`] for them to be
//! past the moment they take those locks as they start. What remains is a call of the
//! parent's that ends (and takes the lock once more) in the very instant of the fork.
//!
//! # std's own lock
//! Rust's std takes a process-wide lock of its own for a moment as each of its threads
//! starts and as it ends (the stack overflow handler's registry of threads,
//! `thread_info::LOCK` in `sys/pal/unix/stack_overflow`), and a child forked in that
//! moment blocks for ever as its first thread starts (seen on musl: the child's resolver
//! thread asleep on that lock, its lookup timed out). So the crate starts its threads
//! with [`spawn`], which counts each from before it is created until it runs the
//! crate's code, and again from the end of that code until its thread-local destructors
//! run, which is after std has let go of the lock; a fork waits for those counts as for
//! C calls (at most [`THREAD_SETTLE`]), and no thread starts or ends while a fork is
//! prepared. Threads that are not the crate's are not covered.

use std::cell::Cell;
use std::io;
use std::sync::atomic::{AtomicPtr, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The generation of this process: 0 in the first, and one more than its parent's in a
/// child of `fork()` (see the module docs).
pub(crate) fn generation() -> u64 {
    #[cfg(unix)]
    register_fork_handler();
    GENERATION.load(Ordering::Acquire)
}

static GENERATION: AtomicU64 = AtomicU64::new(0);

#[cfg(unix)]
fn register_fork_handler() {
    static REGISTERED: std::sync::Once = std::sync::Once::new();
    REGISTERED.call_once(|| {
        // SAFETY: the three handlers are `extern "C"` functions that cannot unwind (see
        // each); the child's only does atomic stores, which are async-signal-safe.
        // pthread_atfork only records the pointers. It fails only with ENOMEM; then
        // children are not told apart, as before.
        let _ = unsafe {
            libc::pthread_atfork(
                Some(a_fork_is_prepared),
                Some(the_parent_goes_on),
                Some(a_child_is_born),
            )
        };
    });
}

/// Resolver threads inside a C call now.
static IN_C_CALLS: AtomicUsize = AtomicUsize::new(0);

/// The crate's threads inside std's start or end of a thread now (see the module docs).
static IN_THREAD_SETUP: AtomicUsize = AtomicUsize::new(0);

/// Forks being prepared now, in threads of this process.
static FORKS_PREPARED: AtomicUsize = AtomicUsize::new(0);

/// The longest a fork waits for the resolver threads' C calls in flight: long enough for
/// a call that just started to be past the C library's locks (microseconds), short
/// beside a lookup that waits on a name server, which the fork does not wait for.
#[cfg(unix)]
const SETTLE: Duration = Duration::from_millis(20);

/// The longest a fork waits for the crate's threads that are starting or ending: each
/// takes microseconds unless the system does not run it, and none starts meanwhile.
#[cfg(unix)]
const THREAD_SETTLE: Duration = Duration::from_secs(1);

/// Counted in `count` from its making to its drop, outside any fork: made only while no
/// fork is being prepared (waiting for one that is).
struct Counted(&'static AtomicUsize);

impl Counted {
    fn enter(count: &'static AtomicUsize) -> Counted {
        #[cfg(unix)]
        register_fork_handler();
        loop {
            while FORKS_PREPARED.load(Ordering::SeqCst) > 0 {
                std::thread::sleep(Duration::from_micros(100));
            }
            // Counted, then checked: a fork prepared meanwhile either sees the count (and
            // waits) or is seen here (and this waits for it).
            count.fetch_add(1, Ordering::SeqCst);
            let counted = Counted(count);
            if FORKS_PREPARED.load(Ordering::SeqCst) == 0 {
                return counted;
            }
        }
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        // Never below zero: a child's handler zeroes the counts of threads it lacks.
        let _ = self.0.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
    }
}

/// Makes a C call that may take the C library's resolver locks, outside any fork (see
/// the module docs): waits while a fork is being prepared, and is counted while it runs,
/// whether it returns or unwinds.
pub(crate) fn c_call<T>(call: impl FnOnce() -> T) -> T {
    let _counted = Counted::enter(&IN_C_CALLS);
    call()
}

/// Starts a thread named `name` that runs `run`, never while a fork is being prepared,
/// and counted while std starts and ends it (see the module docs).
///
/// # Errors
/// The system's error when it refuses the thread.
pub(crate) fn spawn(name: &str, run: impl FnOnce() + Send + 'static) -> io::Result<()> {
    thread_local! {
        /// Set as the crate's code ends; dropped with the thread's other thread-locals,
        /// after std's end of the thread.
        static ENDING: Cell<Option<Counted>> = const { Cell::new(None) };
    }
    /// Counts the end of the thread from the moment the crate's code is over, returned
    /// or unwound.
    struct Ending;
    impl Drop for Ending {
        fn drop(&mut self) {
            let counted = Counted::enter(&IN_THREAD_SETUP);
            // Without thread-locals (being torn down), the end is not counted.
            let _ = ENDING.try_with(|ending| ending.set(Some(counted)));
        }
    }
    let starting = Counted::enter(&IN_THREAD_SETUP);
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            drop(starting);
            let _ending = Ending;
            run();
        })
        .map(drop)
}

/// The `pthread_atfork` prepare handler, in the thread that forks: closes the gate and
/// waits for the C calls in flight (at most [`SETTLE`]) and for the crate's threads that
/// are starting or ending (at most [`THREAD_SETTLE`]).
#[cfg(unix)]
extern "C" fn a_fork_is_prepared() {
    FORKS_PREPARED.fetch_add(1, Ordering::SeqCst);
    // Nothing here can panic (atomics, the clock, sleeping); should it, it must not
    // unwind into the C library.
    let _ = std::panic::catch_unwind(|| {
        let start = std::time::Instant::now();
        loop {
            let waited = start.elapsed();
            let calls = IN_C_CALLS.load(Ordering::SeqCst) > 0 && waited < SETTLE;
            let threads = IN_THREAD_SETUP.load(Ordering::SeqCst) > 0 && waited < THREAD_SETTLE;
            if !calls && !threads {
                break;
            }
            std::thread::sleep(Duration::from_micros(100));
        }
    });
}

/// The `pthread_atfork` parent handler: opens the gate again.
#[cfg(unix)]
extern "C" fn the_parent_goes_on() {
    FORKS_PREPARED.fetch_sub(1, Ordering::SeqCst);
}

/// The `pthread_atfork` child handler: runs in the child, on its only thread, where no
/// resolver thread is, nor any fork but its own.
#[cfg(unix)]
extern "C" fn a_child_is_born() {
    GENERATION.fetch_add(1, Ordering::AcqRel);
    IN_C_CALLS.store(0, Ordering::SeqCst);
    IN_THREAD_SETUP.store(0, Ordering::SeqCst);
    FORKS_PREPARED.store(0, Ordering::SeqCst);
}

/// A value of which each process has its own: see the module docs.
pub(crate) struct ForkLocal<T> {
    /// The newest value, with the generation that made it; NULL until the first use.
    current: AtomicPtr<Local<T>>,
}

struct Local<T> {
    generation: u64,
    value: Arc<T>,
    /// The value this one replaced: the parent's (never used again), or NULL.
    _parent: *mut Local<T>,
}

impl<T> ForkLocal<T> {
    pub(crate) const fn new() -> ForkLocal<T> {
        ForkLocal { current: AtomicPtr::new(std::ptr::null_mut()) }
    }

    /// This process's value, made with `make` the first time this process asks.
    ///
    /// Two threads that ask at once may both call `make`; one value is kept.
    pub(crate) fn get(&self, make: impl FnOnce() -> T) -> Arc<T> {
        self.get_in(generation(), make)
    }

    /// [`get`](Self::get) as the process of `generation` would.
    fn get_in(&self, generation: u64, make: impl FnOnce() -> T) -> Arc<T> {
        let seen = self.current.load(Ordering::Acquire);
        if let Some(value) = self.value_of(seen, generation) {
            return value;
        }
        let fresh =
            Box::into_raw(Box::new(Local { generation, value: Arc::new(make()), _parent: seen }));
        let mut expected = seen;
        loop {
            match self.current.compare_exchange(
                expected,
                fresh,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                // `expected`, the parent's value (or NULL), is left as it is: leaked.
                // SAFETY: `fresh` was just published and is never freed while `self`
                // lives (see `value_of`).
                Ok(_) => return Arc::clone(&unsafe { &*fresh }.value),
                Err(now) => {
                    if let Some(value) = self.value_of(now, generation) {
                        // Another thread of this process was first: keep its value.
                        // SAFETY: `fresh` was never published; this is its only owner.
                        drop(unsafe { Box::from_raw(fresh) });
                        return value;
                    }
                    expected = now;
                    // SAFETY: `fresh` is not published yet: this thread has it alone.
                    unsafe { (*fresh)._parent = now };
                }
            }
        }
    }

    /// The value at `local` if it is this generation's.
    fn value_of(&self, local: *mut Local<T>, generation: u64) -> Option<Arc<T>> {
        // SAFETY: a non-NULL `current` points at a `Local` that is freed only by `drop`
        // (which has `self` to itself) and never when replaced: every pointer `current`
        // ever held stays valid for as long as `self` lives, which the borrow ensures.
        let local = unsafe { local.as_ref() }?;
        (local.generation == generation).then(|| Arc::clone(&local.value))
    }
}

impl<T> Drop for ForkLocal<T> {
    fn drop(&mut self) {
        let local = *self.current.get_mut();
        if local.is_null() {
            return;
        }
        // SAFETY: `current` points at a `Local` made by `get` with `Box::into_raw`, and
        // `drop` has `self` to itself: nothing else reads it now.
        let local = unsafe { Box::from_raw(local) };
        if local.generation == generation() {
            // This process's value is dropped; the parents' it replaced are not: they
            // may hold locks that no thread of this process will ever release.
            drop(local);
        } else {
            // A parent's (this process never used the value): never touched.
            std::mem::forget(local);
        }
    }
}

// SAFETY: a ForkLocal hands out `Arc<T>` clones to any thread, and drops its `T` on the
// thread that drops it: what `Arc<T>` itself needs.
unsafe impl<T: Send + Sync> Send for ForkLocal<T> {}
// SAFETY: as for `Send`; the pointer is only read and swapped atomically.
unsafe impl<T: Send + Sync> Sync for ForkLocal<T> {}

/// Keeps `value`, something of the parent's that this process must neither use nor
/// drop (its drop could take a lock held for ever, or run a parent's waker), for the
/// rest of the process: never dropped, and reachable, so that a leak checker in the
/// child does not count it as lost. Takes no lock: a push onto a list that only grows.
pub(crate) fn keep_for_ever<T: Send + 'static>(value: T) {
    struct Kept {
        _value: Box<dyn Send>,
        _next: *mut Kept,
    }
    static KEPT: AtomicPtr<Kept> = AtomicPtr::new(std::ptr::null_mut());
    let node =
        Box::into_raw(Box::new(Kept { _value: Box::new(value), _next: std::ptr::null_mut() }));
    let mut head = KEPT.load(Ordering::Acquire);
    loop {
        // SAFETY: `node` is not published yet: this thread has it alone.
        unsafe { (*node)._next = head };
        match KEPT.compare_exchange_weak(head, node, Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => return,
            Err(now) => head = now,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_per_process() {
        let local = ForkLocal::new();
        let first = local.get(|| 7);
        let again = local.get(|| unreachable!("made once per process"));
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(*first, 7);
    }

    /// A child's first use makes its own value and keeps its parent's unchanged (a
    /// static, so that the parent's, which is never freed, stays reachable).
    #[test]
    fn a_child_gets_a_value_of_its_own_and_leaves_its_parents() {
        static LOCAL: ForkLocal<String> = ForkLocal::new();
        let parent = LOCAL.get_in(0, || String::from("parent"));
        let child = LOCAL.get_in(1, || String::from("child"));
        let again = LOCAL.get_in(1, || unreachable!("made once per process"));
        assert_eq!((parent.as_str(), child.as_str()), ("parent", "child"));
        assert!(Arc::ptr_eq(&child, &again));
    }

    #[test]
    fn what_is_kept_is_never_dropped() {
        struct Loud(Arc<std::sync::atomic::AtomicBool>);
        impl Drop for Loud {
            fn drop(&mut self) {
                self.0.store(true, Ordering::SeqCst);
            }
        }
        let dropped = Arc::new(std::sync::atomic::AtomicBool::new(false));
        keep_for_ever(Loud(Arc::clone(&dropped)));
        keep_for_ever(7);
        assert!(!dropped.load(Ordering::SeqCst));
    }
}
