//! Name resolution with deadlines, cancellation and as a future, against a name server
//! that never answers.
//!
//! Each test runs in a private network namespace (loopback only) with a private /etc
//! whose resolv.conf points at 127.0.0.1, where the test runs a UDP socket on port 53
//! that reads every query and never replies. Nothing leaves the machine.

mod common;

common::test_main!(
    a_silent_name_server_times_out_at_the_deadline,
    a_normal_lookup_succeeds_with_a_deadline,
    cancelling_from_another_thread_ends_the_wait_at_once,
    a_thousand_timeouts_leave_no_threads_descriptors_or_memory_behind,
    a_resolver_at_its_limit_refuses_or_waits_as_it_was_built,
    the_future_is_woken_by_completion_and_by_cancellation,
    a_resolver_thread_the_system_refuses_is_an_error_and_loses_nothing,
    a_resolver_thread_whose_stack_cannot_be_allocated_is_an_error,
);

use std::thread;
use std::time::{Duration, Instant};

use common::dead_server::{
    self, in_flight, margin, settle, under_valgrind, SILENT_DNS, UNANSWERED,
};
use netdb::{AddrInfoErrorKind, AtLimit, Deadline, Error, Hints, Lookup, Resolution, Resolver};

fn silent_name_server() {
    dead_server::start();
}

/// Under valgrind or AddressSanitizer (whose runs set `ASAN_OPTIONS`) the tool's own
/// bookkeeping (ASan keeps freed memory in quarantine) swamps a count of resident
/// memory, and the tool checks every block for leaks itself.
fn memory_checked_by_a_tool() -> bool {
    under_valgrind() || std::env::var_os("ASAN_OPTIONS").is_some()
}

/// Under the target's runner (qemu-user for a cross target) the resident memory counted
/// is the emulator's, whose cache of translated code grows with the code it runs: the
/// count says nothing of the crate's memory. (Threads and descriptors are the program's
/// own there too, and still counted.)
fn memory_is_an_emulators() -> bool {
    !common::target_runner().is_empty()
}

fn a_silent_name_server_times_out_at_the_deadline() {
    common::with_private_etc_and_network(
        "a_silent_name_server_times_out_at_the_deadline",
        SILENT_DNS,
        || {
            silent_name_server();
            for timeout in [Duration::from_millis(50), Duration::from_millis(300)] {
                let start = Instant::now();
                let outcome = netdb::getaddrinfo_with(
                    Some(UNANSWERED),
                    Some("80"),
                    &Hints::new(),
                    Deadline::after(timeout),
                );
                let took = start.elapsed();
                assert!(matches!(outcome, Err(Error::TimedOut { .. })), "{outcome:?}");
                assert!(
                    took >= timeout,
                    "returned after {took:?}, before the {timeout:?} deadline"
                );
                assert!(
                    took < timeout + margin(),
                    "returned after {took:?} for a {timeout:?} deadline"
                );
            }
            // The plain, blocking call has to sit out the resolver's whole timeout instead.
            let start = Instant::now();
            let blocking = netdb::getaddrinfo(Some(UNANSWERED), Some("80"), &Hints::new());
            assert!(blocking.is_err(), "{blocking:?}");
            assert!(start.elapsed() >= Duration::from_millis(900), "the resolver's timeout is 1 s");
            settle();
        },
    );
}

fn a_normal_lookup_succeeds_with_a_deadline() {
    common::with_private_etc_and_network(
        "a_normal_lookup_succeeds_with_a_deadline",
        SILENT_DNS,
        || {
            silent_name_server();
            let deadline = Deadline::after(Duration::from_secs(5));
            let found =
                netdb::getaddrinfo_with(Some("localhost"), Some("http"), &Hints::new(), deadline)
                    .unwrap();
            assert!(!found.is_empty());
            assert!(
                found.iter().all(|a| a.address.ip().is_loopback() && a.address.port() == 80),
                "{found:?}"
            );
            // Errors come through unchanged.
            let err = netdb::getaddrinfo_with(
                Some("localhost"),
                Some("no-such-service"),
                &Hints::new(),
                deadline,
            )
            .unwrap_err();
            assert!(
                matches!(&err, Error::AddrInfo(e) if e.kind() == AddrInfoErrorKind::Service),
                "{err:?}"
            );
            assert!(matches!(
                netdb::getaddrinfo_with(Some("local\0host"), None, &Hints::new(), deadline),
                Err(Error::InteriorNul { argument: "host", position: 5 })
            ));
        },
    );
}

fn cancelling_from_another_thread_ends_the_wait_at_once() {
    common::with_private_etc_and_network(
        "cancelling_from_another_thread_ends_the_wait_at_once",
        SILENT_DNS,
        || {
            silent_name_server();
            let lookup = Resolution::start(Some(UNANSWERED), None, &Hints::new()).unwrap();
            let canceller = lookup.canceller();
            let delay = Duration::from_millis(100);
            let start = Instant::now();
            let cancelling = thread::spawn(move || {
                thread::sleep(delay);
                canceller.cancel();
                canceller.cancel(); // twice is harmless
            });
            let outcome = lookup.wait(Deadline::never());
            let took = start.elapsed();
            cancelling.join().unwrap();
            assert!(matches!(outcome, Err(Error::Cancelled { .. })), "{outcome:?}");
            assert!(took >= delay && took < delay + margin(), "returned after {took:?}");
            // The cancelled lookup still runs to its end inside the resolver, and is freed.
            settle();
            assert_eq!(in_flight(), 0);
        },
    );
}

fn a_thousand_timeouts_leave_no_threads_descriptors_or_memory_behind() {
    common::with_private_etc_and_network(
        "a_thousand_timeouts_leave_no_threads_descriptors_or_memory_behind",
        SILENT_DNS,
        || {
            silent_name_server();
            // One lookup first, so that what the C library sets up once (its resolver
            // configuration, its thread stacks) is in the baseline.
            let _ = netdb::getaddrinfo_with(
                Some(UNANSWERED),
                None,
                &Hints::new(),
                Deadline::after(Duration::from_millis(10)),
            );
            settle();
            let before = Usage::now();

            let rounds = if under_valgrind() { 100 } else { 1000 };
            for round in 0..rounds {
                let outcome = netdb::getaddrinfo_with(
                    Some(UNANSWERED),
                    None,
                    &Hints::new(),
                    Deadline::after(Duration::from_millis(5)),
                );
                // Timed out, or the resolver's own time-out, when the round joined the
                // lookup in flight just as its C call gave up.
                assert!(
                    matches!(&outcome, Err(e) if e.is_temporary()),
                    "round {round}: {outcome:?}"
                );
                // One name: every round joins the lookup in flight, or starts the next.
                assert!(in_flight() <= 1, "{:?}", Resolver::shared().stats());
            }
            settle();
            let after = Usage::now();
            assert_eq!(after.threads, before.threads, "threads: {before:?} then {after:?}");
            assert_eq!(
                after.descriptors, before.descriptors,
                "descriptors: {before:?} then {after:?}"
            );
            // The allocator may keep some freed memory; a leak of even 1 KiB per lookup
            // would show as a megabyte.
            let grown = after.resident_kib.saturating_sub(before.resident_kib);
            assert!(
                memory_checked_by_a_tool() || memory_is_an_emulators() || grown < 4 * 1024,
                "resident memory grew by {grown} KiB: {before:?} then {after:?}"
            );
        },
    );
}

/// At `max_running`, a resolver built to refuse refuses a new lookup, and one built to
/// wait (the default) makes it wait in line until its deadline; an abandoned lookup
/// keeps its place when `max_abandoned` allows no more, until its C call ends.
fn a_resolver_at_its_limit_refuses_or_waits_as_it_was_built() {
    common::with_private_etc_and_network(
        "a_resolver_at_its_limit_refuses_or_waits_as_it_was_built",
        SILENT_DNS,
        || {
            silent_name_server();
            let dead = |i: usize| {
                Lookup::getaddrinfo(Some(&format!("dead-{i}.example")), None, &Hints::new())
                    .unwrap()
            };
            let localhost = || Lookup::getaddrinfo(Some("localhost"), None, &Hints::new()).unwrap();

            let refusing = Resolver::builder().max_running(4).at_limit(AtLimit::Refuse).build();
            let held: Vec<Resolution> = (0..4).map(|i| refusing.start(dead(i)).unwrap()).collect();
            let refused = refusing.start(localhost());
            assert!(matches!(refused, Err(Error::TooManyPending { limit: 4, .. })), "{refused:?}");
            let refused = refusing.resolve(localhost(), Duration::from_secs(5));
            assert!(matches!(refused, Err(Error::TooManyPending { limit: 4, .. })), "{refused:?}");
            // Joining a lookup in flight is never refused.
            assert!(refusing.start(dead(0)).is_ok());
            drop(held);

            let waiting = Resolver::builder().max_running(4).max_abandoned(0).build();
            let held: Vec<Resolution> = (0..4).map(|i| waiting.start(dead(i)).unwrap()).collect();
            let start = Instant::now();
            let waited = waiting.resolve(localhost(), Duration::from_millis(100));
            assert!(matches!(waited, Err(Error::TimedOut { .. })), "{waited:?}");
            assert!(start.elapsed() < Duration::from_millis(100) + margin());
            assert_eq!(waiting.stats().queued, 0, "the timed-out lookup left the line");
            // With no room for abandoned lookups, the dropped ones keep their places
            // until their C calls end (the resolver's 1 s timeout).
            drop(held);
            assert_eq!(waiting.stats().running, 4);
            let found = waiting.resolve(localhost(), Duration::from_secs(30));
            assert!(found.is_ok(), "{found:?}");
            assert!(start.elapsed() >= Duration::from_millis(900), "before the dead lookups ended");
        },
    );
}

fn the_future_is_woken_by_completion_and_by_cancellation() {
    common::with_private_etc_and_network(
        "the_future_is_woken_by_completion_and_by_cancellation",
        SILENT_DNS,
        || {
            silent_name_server();
            // Answered from /etc/hosts by the platform's completion.
            let common::Blocked { output: outcome, wakes, .. } = common::block_on(
                Resolution::start(Some("localhost"), Some("80"), &Hints::new()).unwrap(),
            );
            let found = outcome.unwrap();
            assert!(found.iter().all(|a| a.address.ip().is_loopback()));
            assert!(wakes <= 1, "woken {wakes} times for one answer");

            // Never answered: cancellation wakes it.
            let lookup = Resolution::start(Some(UNANSWERED), None, &Hints::new()).unwrap();
            let canceller = lookup.canceller();
            let cancelling = thread::spawn(move || {
                thread::sleep(Duration::from_millis(100));
                canceller.cancel();
            });
            let common::Blocked { output: outcome, wakes, .. } = common::block_on(lookup);
            cancelling.join().unwrap();
            assert!(matches!(outcome, Err(Error::Cancelled { .. })), "{outcome:?}");
            assert_eq!(wakes, 1, "one wake, from the cancellation");
            settle();
            assert_eq!(in_flight(), 0);
        },
    );
}

#[derive(Debug)]
struct Usage {
    threads: usize,
    descriptors: usize,
    resident_kib: u64,
}

impl Usage {
    fn now() -> Usage {
        let count = |dir| std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0);
        let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
        let pages: u64 = statm.split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
        Usage {
            threads: count("/proc/self/task"),
            descriptors: count("/proc/self/fd"),
            resident_kib: pages * 4,
        }
    }
}

/// When the system refuses the resolver a thread, the lookup that needed it fails with
/// `Error::Io` and gives its place back; lookups that an existing thread can take still
/// succeed, and once threads may start again everything works as before. The refusal
/// is real: the test's process runs under a soft `RLIMIT_NPROC` of 1 (as an
/// unprivileged user, which the limit binds: as root it would not), so `clone` fails.
/// (Unix only: on Windows lookups run on the system's thread pool, not the crate's, and
/// the harness reports the test ignored there, as every test that needs a private /etc.
/// illumos has no `RLIMIT_NPROC`; its private /etc is not one either.)
fn a_resolver_thread_the_system_refuses_is_an_error_and_loses_nothing() {
    common::with_private_etc_and_network(
        "a_resolver_thread_the_system_refuses_is_an_error_and_loses_nothing",
        SILENT_DNS,
        || {
            #[cfg(all(unix, not(target_os = "illumos")))]
            refused_threads_lose_nothing();
        },
    );
}

#[cfg(all(unix, not(target_os = "illumos")))]
fn refused_threads_lose_nothing() {
    silent_name_server();
    thread_limit::become_unprivileged();
    let hints = Hints::new();
    let deadline = || Deadline::after(Duration::from_secs(10));
    // The system's own error: EAGAIN, "Resource temporarily unavailable".
    let refused = |error: Option<&Error>| matches!(error, Some(Error::Io(e)) if e.raw_os_error() == Some(libc::EAGAIN));

    // No resolver thread yet, and none may start.
    thread_limit::refuse_threads();
    let started = Resolution::start(Some("localhost"), None, &hints);
    assert!(refused(started.as_ref().err()), "{started:?}");
    let waited = netdb::getaddrinfo_with(Some("localhost"), None, &hints, deadline());
    assert!(refused(waited.as_ref().err()), "{waited:?}");
    assert_eq!(in_flight(), 0, "a refused lookup keeps no place");

    // Threads may start: the pool gets one.
    thread_limit::allow_threads();
    let found = netdb::getaddrinfo_with(Some("localhost"), None, &hints, deadline());
    assert!(!found.unwrap().is_empty());

    // None may start, but the idle one takes the next lookup.
    thread_limit::refuse_threads();
    let found = netdb::getaddrinfo_with(Some("localhost"), None, &hints, deadline());
    assert!(!found.unwrap().is_empty());

    // With that thread busy on a lookup the name server never answers, another
    // lookup needs a new thread and is refused; the busy one is unharmed.
    let busy = Resolution::start(Some(UNANSWERED), None, &hints).unwrap();
    let second = Resolution::start(Some("localhost"), None, &hints);
    assert!(refused(second.as_ref().err()), "{second:?}");
    assert_eq!(in_flight(), 1, "only the busy lookup holds a place");
    let outcome = busy.wait(Deadline::never());
    assert!(
        matches!(&outcome, Err(e) if e.is_temporary()),
        "the unanswered lookup ends with the resolver's own error: {outcome:?}"
    );

    // Everything works again once threads may start: many lookups at once.
    thread_limit::allow_threads();
    let lookups: Vec<Resolution> = (0..16)
        .map(|port| Resolution::start(Some("localhost"), Some(&port.to_string()), &hints).unwrap())
        .collect();
    for lookup in lookups {
        assert!(!lookup.wait(deadline()).unwrap().is_empty());
    }
    settle();
    assert_eq!(in_flight(), 0);
}

/// When the memory for a new resolver thread's stack cannot be allocated, the lookup
/// that needed the thread fails with `Error::Io` and keeps no place, and lookups work
/// again once it can. The failure is real: the test's process gets a soft
/// `RLIMIT_AS` just above the address space it already has, so the stack's `mmap`
/// fails while small allocations still find room in what is mapped. (Linux only: the
/// address space mapped is read from `/proc`; elsewhere there is no private /etc, and
/// the harness reports the test ignored.)
fn a_resolver_thread_whose_stack_cannot_be_allocated_is_an_error() {
    if !common::target_runner().is_empty() {
        common::ignore(
            "qemu-user does not apply RLIMIT_AS to the program it emulates (it keeps the \
             address space for itself), so no stack can be refused there",
        );
    }
    common::with_private_etc(
        "a_resolver_thread_whose_stack_cannot_be_allocated_is_an_error",
        &[],
        || {
            #[cfg(any(target_os = "linux", target_os = "android"))]
            unallocatable_stacks_lose_nothing();
        },
    );
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn unallocatable_stacks_lose_nothing() {
    let hints = Hints::new();
    let deadline = || Deadline::after(Duration::from_secs(10));
    // No resolver thread yet, and no room for one's stack.
    address_space_limit::refuse_new_mappings();
    let started = Resolution::start(Some("localhost"), None, &hints);
    let waited = netdb::getaddrinfo_with(Some("localhost"), None, &hints, deadline());
    address_space_limit::allow_new_mappings();
    for outcome in [started.as_ref().err(), waited.as_ref().err()] {
        assert!(
            matches!(outcome, Some(Error::Io(e)) if e.raw_os_error().is_some()),
            "expected the system's error: {outcome:?}"
        );
    }
    assert_eq!(in_flight(), 0, "a refused lookup keeps no place");
    let found = netdb::getaddrinfo_with(Some("localhost"), None, &hints, deadline());
    assert!(!found.unwrap().is_empty());
    settle();
    assert_eq!(in_flight(), 0);
}

/// Refusing and allowing new threads in this process, with the soft `RLIMIT_NPROC`.
#[cfg(all(unix, not(target_os = "illumos")))]
mod thread_limit {
    use std::io;

    /// Drops root (the limit does not bind it) for `nobody`, where this process is
    /// root of the machine; in a user namespace it is not, and stays as it is.
    pub fn become_unprivileged() {
        // SAFETY: plain system calls; glibc applies them to every thread.
        unsafe {
            if libc::geteuid() != 0 {
                return;
            }
            let nobody = 65534;
            if libc::setgroups(0, std::ptr::null()) != 0 || libc::setgid(nobody) != 0 {
                let error = io::Error::last_os_error();
                // EPERM/EINVAL: a user namespace, whose root the limit binds already.
                assert!(
                    matches!(error.raw_os_error(), Some(libc::EPERM | libc::EINVAL)),
                    "{error}"
                );
                return;
            }
            assert_eq!(libc::setuid(nobody), 0, "{}", io::Error::last_os_error());
        }
    }

    fn set_soft_limit(soft: Option<libc::rlim_t>) {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: `limit` is valid for writes, then for reads.
        unsafe {
            assert_eq!(libc::getrlimit(libc::RLIMIT_NPROC, &mut limit), 0);
            limit.rlim_cur = soft.unwrap_or(limit.rlim_max);
            assert_eq!(
                libc::setrlimit(libc::RLIMIT_NPROC, &limit),
                0,
                "{}",
                io::Error::last_os_error()
            );
        }
    }

    /// From now on no thread can start: checked by starting one.
    pub fn refuse_threads() {
        set_soft_limit(Some(1));
        let probe = std::thread::Builder::new().spawn(|| ());
        assert!(probe.is_err(), "RLIMIT_NPROC does not refuse threads here");
    }

    pub fn allow_threads() {
        set_soft_limit(None);
    }
}

/// Refusing and allowing new mappings in this process, with the soft `RLIMIT_AS`.
/// Linux only: it reads the address space already mapped from `/proc`.
#[cfg(any(target_os = "linux", target_os = "android"))]
mod address_space_limit {
    use std::io;

    /// The address space this process has mapped, in bytes (`VmSize`).
    fn mapped() -> libc::rlim_t {
        let status = std::fs::read_to_string("/proc/self/status").expect("reading /proc");
        let kib: libc::rlim_t = status
            .lines()
            .find_map(|line| line.strip_prefix("VmSize:"))
            .and_then(|size| size.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("a VmSize line");
        kib * 1024
    }

    fn set_address_space_limit(soft: Option<libc::rlim_t>) {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: `limit` is valid for writes, then for reads.
        unsafe {
            assert_eq!(libc::getrlimit(libc::RLIMIT_AS, &mut limit), 0);
            limit.rlim_cur = soft.unwrap_or(limit.rlim_max);
            assert_eq!(
                libc::setrlimit(libc::RLIMIT_AS, &limit),
                0,
                "{}",
                io::Error::last_os_error()
            );
        }
    }

    /// From now on nothing larger than a little more than 1 MiB can be mapped, so no
    /// thread's stack (2 MiB): checked by starting one.
    pub fn refuse_new_mappings() {
        set_address_space_limit(Some(mapped() + (1 << 20)));
        let probe = std::thread::Builder::new().spawn(|| ());
        assert!(probe.is_err(), "RLIMIT_AS does not refuse a thread's stack here");
    }

    pub fn allow_new_mappings() {
        set_address_space_limit(None);
    }
}
