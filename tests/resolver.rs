//! The resolver on its worst days, for real: a name server that never answers (glibc's
//! default schedule for one server, 10 s a name), bursts of lookups, reverse lookups
//! with deadlines, children of `fork()` while the parent resolves, and callers' code
//! that resolves inside a waker.
//!
//! Each test runs in a private network namespace (loopback only) with a private /etc
//! whose resolv.conf points at 127.0.0.1, where the test runs a UDP socket on port 53
//! that reads every query and never replies. Nothing leaves the machine.

mod common;

common::test_main!(
    a_thousand_abandoned_lookups_of_one_dead_name_leave_room_for_the_rest,
    lookups_of_256_dead_names_given_up_leave_room_for_the_rest,
    a_thousand_futures_at_once_all_resolve,
    reverse_lookups_time_out_at_their_deadlines,
    #[cfg(unix)]
    children_of_fork_resolve_while_the_parent_resolves,
    a_waker_that_resolves_is_served,
    wait_after_the_future_answered_returns_at_once,
);

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::{Duration, Instant};

use common::dead_server::{self, margin, under_valgrind, DEAD_DNS_RESOLV_CONF, UNANSWERED};
use netdb::{
    AddressFamily, Deadline, Error, Hints, Host, NameInfoFlags, Network, Resolution, Resolver,
};

/// A private /etc whose only name server is dead, with glibc's default schedule;
/// `hosts` as given.
fn dead_dns(hosts: &[u8]) -> [(&'static str, Option<&[u8]>); 3] {
    [
        ("resolv.conf", Some(DEAD_DNS_RESOLV_CONF)),
        ("nsswitch.conf", Some(b"hosts: files dns\nnetworks: files dns\n")),
        ("hosts", Some(hosts)),
    ]
}

const LOCALHOST_ONLY: &[u8] = b"127.0.0.1 localhost\n::1 localhost\n";

/// The deadline within which a name `/etc/hosts` answers must be answered: 100 ms, as
/// the resolver promises, or what valgrind's slowness allows.
fn answered_at_once() -> Duration {
    if under_valgrind() {
        Duration::from_secs(5)
    } else {
        Duration::from_millis(100)
    }
}

/// That `localhost` is answered at once (see [`answered_at_once`]).
fn assert_localhost_answers_at_once(after: &str) {
    let deadline = answered_at_once();
    let found = netdb::getaddrinfo_with(Some("localhost"), Some("80"), &Hints::new(), deadline);
    match found {
        Ok(found) => assert!(found.iter().all(|a| a.address.ip().is_loopback()), "{found:?}"),
        Err(e) => panic!("{after}: localhost was not answered within {deadline:?}: {e}"),
    }
}

/// Waits until `done` holds of the shared resolver's stats, for at most 30 s.
fn wait_for_stats(what: &str, done: impl Fn(&netdb::ResolverStats) -> bool) {
    let start = Instant::now();
    while !done(&Resolver::shared().stats()) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{what}: {:?}",
            Resolver::shared().stats()
        );
        thread::sleep(Duration::from_millis(1));
    }
}

/// 64 callers of one dead name that each give up after 100 ms, then 936 more that drop
/// their futures: one C call, one thread, abandoned; `localhost` still answers at once.
fn a_thousand_abandoned_lookups_of_one_dead_name_leave_room_for_the_rest() {
    common::with_private_etc_and_network(
        "a_thousand_abandoned_lookups_of_one_dead_name_leave_room_for_the_rest",
        &dead_dns(LOCALHOST_ONLY),
        || {
            dead_server::start();
            let impatient: Vec<_> = (0..64)
                .map(|_| {
                    thread::spawn(|| {
                        let deadline = Duration::from_millis(100);
                        netdb::getaddrinfo_with(Some(UNANSWERED), None, &Hints::new(), deadline)
                    })
                })
                .collect();
            for caller in impatient {
                let outcome = caller.join().unwrap();
                assert!(matches!(outcome, Err(Error::TimedOut { .. })), "{outcome:?}");
            }
            for _ in 0..936 {
                drop(Resolution::start(Some(UNANSWERED), None, &Hints::new()).unwrap());
            }
            let stats = Resolver::shared().stats();
            assert_eq!((stats.running, stats.abandoned, stats.queued), (0, 1, 0), "{stats:?}");
            assert_localhost_answers_at_once("after 1,000 abandoned lookups of one dead name");
            let stats = Resolver::shared().stats();
            assert!(stats.started_threads <= 2, "{stats:?}");
        },
    );
}

/// 256 different dead names, each given up by its caller: 256 threads stuck in the C
/// library for its whole schedule, none of them in the way of `localhost`.
fn lookups_of_256_dead_names_given_up_leave_room_for_the_rest() {
    common::with_private_etc_and_network(
        "lookups_of_256_dead_names_given_up_leave_room_for_the_rest",
        &dead_dns(LOCALHOST_ONLY),
        || {
            dead_server::start();
            let dead: Vec<Resolution> = (0..256)
                .map(|i| {
                    let name = format!("dead-{i}.example");
                    Resolution::start(Some(&name), None, &Hints::new()).unwrap()
                })
                .collect();
            wait_for_stats("256 dead lookups running", |s| s.running == 256);
            for lookup in dead {
                let outcome = lookup.wait(Duration::from_millis(1));
                assert!(matches!(outcome, Err(Error::TimedOut { .. })), "{outcome:?}");
            }
            let stats = Resolver::shared().stats();
            assert_eq!((stats.running, stats.abandoned), (0, 256), "{stats:?}");
            assert_localhost_answers_at_once("after 256 dead names given up");
            // More dead names after them still start: not past `max_abandoned` yet
            // they keep running places, which leaves the others room all the same.
            let more: Vec<Resolution> = (0..16)
                .map(|i| {
                    let name = format!("more-dead-{i}.example");
                    Resolution::start(Some(&name), None, &Hints::new()).unwrap()
                })
                .collect();
            drop(more);
            assert_localhost_answers_at_once("after 272 dead names given up");
        },
    );
}

/// 1,000 futures started at once, each for a different name of `/etc/hosts`, and 300
/// for the same name: all answered, none refused, though only `max_running` lookups
/// run at once.
fn a_thousand_futures_at_once_all_resolve() {
    let hosts: String = (0..1000)
        .map(|i| format!("10.77.{}.{} name-{i:04}.test\n", i / 250, i % 250 + 1))
        .chain(std::iter::once(String::from_utf8(LOCALHOST_ONLY.to_vec()).unwrap()))
        .collect();
    common::with_private_etc_and_network(
        "a_thousand_futures_at_once_all_resolve",
        &dead_dns(hosts.as_bytes()),
        || {
            dead_server::start();
            let hints =
                Hints::new().family(AddressFamily::Inet).socket_type(netdb::SocketType::STREAM);
            let futures: Vec<Resolution> = (0..1000)
                .map(|i| {
                    Resolution::start(Some(&format!("name-{i:04}.test")), None, &hints).unwrap()
                })
                .collect();
            let same: Vec<Resolution> = (0..300)
                .map(|_| Resolution::start(Some("localhost"), None, &hints).unwrap())
                .collect();
            for (i, future) in futures.into_iter().enumerate() {
                let common::Blocked { output, .. } = common::block_on(future);
                let found = output.unwrap_or_else(|e| panic!("name-{i:04}.test: {e}"));
                let expected: std::net::IpAddr =
                    format!("10.77.{}.{}", i / 250, i % 250 + 1).parse().unwrap();
                assert_eq!(found[0].address.ip(), expected, "name-{i:04}.test");
            }
            for future in same {
                let common::Blocked { output, .. } = common::block_on(future);
                assert!(output.unwrap()[0].address.ip().is_loopback());
            }
        },
    );
}

/// `getnameinfo`, hosts by address and by name, and networks by name, each with a
/// deadline of 300 ms where only the dead name server could answer: `TimedOut`, on
/// time, not after the C library's 10 s.
fn reverse_lookups_time_out_at_their_deadlines() {
    common::with_private_etc_and_network(
        "reverse_lookups_time_out_at_their_deadlines",
        &dead_dns(LOCALHOST_ONLY),
        || {
            dead_server::start();
            let deadline = Duration::from_millis(300);
            let unnamed: std::net::SocketAddr = "192.0.2.77:80".parse().unwrap();
            let timed = |what: &str, lookup: &dyn Fn(Deadline) -> Result<(), Error>| {
                let start = Instant::now();
                let outcome = lookup(Deadline::after(deadline));
                let took = start.elapsed();
                assert!(matches!(outcome, Err(Error::TimedOut { .. })), "{what}: {outcome:?}");
                assert!(took >= deadline, "{what}: returned after {took:?}, before the deadline");
                assert!(took < deadline + margin(), "{what}: returned after {took:?}");
            };
            timed("getnameinfo_with", &|d| {
                netdb::getnameinfo_with(&unnamed, NameInfoFlags::NONE, d).map(drop)
            });
            timed("Host::from_addr_with", &|d| Host::from_addr_with(unnamed.ip(), d).map(drop));
            timed("Host::from_name_with", &|d| {
                Host::from_name_with("dead-host.example", AddressFamily::Inet, d).map(drop)
            });
            if cfg!(all(target_os = "linux", target_env = "gnu")) {
                // glibc's networks database asks DNS too where nsswitch.conf says so.
                timed("Network::from_name_with", &|d| {
                    Network::from_name_with("dead-net.example", d).map(drop)
                });
            }
            // What /etc/hosts answers is answered.
            let local = "127.0.0.1:80".parse().unwrap();
            let (host, _) =
                netdb::getnameinfo_with(&local, NameInfoFlags::NONE, answered_at_once())
                    .expect("127.0.0.1 is localhost in /etc/hosts");
            assert_eq!(host, "localhost");
        },
    );
}

/// 200 children forked, one at a time, while two threads of the parent resolve (and
/// with a lookup of the parent's in flight at each fork): each child resolves with
/// deadlines, as a future and blocking, within its deadline, and the parent's lookup
/// fails at once there instead of waiting for a thread the child does not have.
#[cfg(unix)]
fn children_of_fork_resolve_while_the_parent_resolves() {
    if !common::target_runner().is_empty() {
        common::ignore(
            "qemu-user cannot start a thread in a child of a threaded fork (its own \
             assertion fails: plugins/core.c, qemu_plugin_vcpu_init_hook); i686 runs it \
             natively",
        );
    }
    common::with_private_etc_and_network(
        "children_of_fork_resolve_while_the_parent_resolves",
        dead_server::SILENT_DNS,
        || {
            dead_server::start();
            // The parent has resolved before the first fork.
            assert!(netdb::getaddrinfo_with(
                Some("localhost"),
                None,
                &Hints::new(),
                Duration::from_secs(5)
            )
            .is_ok());
            let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
            let resolving: Vec<_> = (0..2)
                .map(|which| {
                    let stop = Arc::clone(&stop);
                    thread::spawn(move || {
                        let mut port = 0u16;
                        while !stop.load(Ordering::Relaxed) {
                            port = port.wrapping_add(1);
                            let service = port.to_string();
                            let host =
                                if which == 1 && port % 8 == 0 { UNANSWERED } else { "localhost" };
                            let deadline = Duration::from_millis(5);
                            let _ = netdb::getaddrinfo_with(
                                Some(host),
                                Some(&service),
                                &Hints::new(),
                                deadline,
                            );
                        }
                    })
                })
                .collect();
            for child in 0..200 {
                let inherited =
                    Resolution::start(Some(UNANSWERED), Some(&child.to_string()), &Hints::new())
                        .unwrap();
                let mut pipe = [0; 2];
                // SAFETY: `pipe` has room for the two descriptors.
                assert_eq!(unsafe { libc::pipe(pipe.as_mut_ptr()) }, 0);
                // SAFETY: fork() has no preconditions; the child only runs
                // `in_the_child` and ends in `leave_the_child`, never returning into the
                // harness.
                match unsafe { libc::fork() } {
                    -1 => panic!("fork: {}", std::io::Error::last_os_error()),
                    0 => {
                        // A hang ends as SIGALRM, which the parent reports.
                        // SAFETY: alarm only schedules a signal.
                        unsafe { libc::alarm(if under_valgrind() { 120 } else { 20 }) };
                        let code =
                            std::panic::catch_unwind(|| in_the_child(inherited)).unwrap_or(101);
                        leave_the_child(pipe[1], code);
                    }
                    pid => {
                        drop(inherited);
                        // SAFETY: the parent's copy of the writing end, closed once.
                        unsafe { libc::close(pipe[1]) };
                        let mut code = [255u8];
                        // SAFETY: reads at most one byte into `code`.
                        let read = unsafe { libc::read(pipe[0], code.as_mut_ptr().cast(), 1) };
                        // SAFETY: the reading end, closed once.
                        unsafe { libc::close(pipe[0]) };
                        let mut status = 0;
                        // SAFETY: waits for the child just forked; `status` is valid for writes.
                        assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
                        assert!(
                            read == 1 && code[0] == 0,
                            "child {child}: {}",
                            child_failure(if read == 1 { Some(code[0]) } else { None }, status)
                        );
                    }
                }
            }
            stop.store(true, Ordering::Relaxed);
            for thread in resolving {
                thread.join().unwrap();
            }
        },
    );
}

/// What a child of the fork test checks; its result (0: all well).
#[cfg(unix)]
fn in_the_child(inherited: Resolution) -> u8 {
    let deadline = || Deadline::after(Duration::from_secs(if under_valgrind() { 60 } else { 5 }));
    // The parent's lookup: its thread is the parent's. At once, not at a deadline.
    match inherited.wait(Deadline::never()) {
        Err(Error::Io(_)) => {}
        _ => return 2,
    }
    match netdb::getaddrinfo_with(Some("localhost"), Some("80"), &Hints::new(), deadline()) {
        Ok(found) if !found.is_empty() => {}
        Err(Error::TimedOut { .. }) => {
            report_threads("getaddrinfo_with timed out");
            return 3;
        }
        _ => return 4,
    }
    let lookup = match Resolution::start(Some("localhost"), Some("443"), &Hints::new()) {
        Ok(lookup) => lookup,
        Err(_) => return 5,
    };
    match common::block_on(lookup).output {
        Ok(found) if !found.is_empty() => {}
        _ => return 6,
    }
    match Host::from_name_with("localhost", AddressFamily::Inet, deadline()) {
        Ok(Some(_)) => 0,
        _ => 7,
    }
}

/// Tells the parent `code` through the pipe, and ends the child at once, running
/// nothing of the harness's. Under valgrind by SIGKILL, before valgrind checks for
/// leaks: in a child of a threaded process everything that only the parent's other
/// threads pointed to looks lost. (Memory errors in the children are AddressSanitizer's
/// to find, in `.ci/asan`; valgrind checks the parent that forks.)
#[cfg(unix)]
fn leave_the_child(pipe: i32, code: u8) -> ! {
    // SAFETY: writes one byte from `code` to the pipe the parent reads.
    unsafe { libc::write(pipe, [code].as_ptr().cast(), 1) };
    if under_valgrind() {
        // SAFETY: kill sends a signal to this process.
        unsafe { libc::kill(libc::getpid(), libc::SIGKILL) };
    }
    // SAFETY: _exit ends the process at once.
    unsafe { libc::_exit(i32::from(code)) }
}

/// Writes to standard error (the descriptor: the harness's capture is not the child's)
/// where each of this process's threads is, as the kernel sees it: the system call it
/// waits in and its instruction pointer (the last field of `syscall`), with the base
/// the program is loaded at, so that a hang in a child can be found in the binary
/// (`addr2line -e BINARY -f $((pc - base))`). Linux only; elsewhere nothing.
#[cfg(unix)]
fn report_threads(why: &str) {
    if !cfg!(any(target_os = "linux", target_os = "android")) {
        return;
    }
    let read = |path: String| std::fs::read_to_string(path).unwrap_or_default();
    let mut report = format!("child {}: {why}; its threads:\n", std::process::id());
    let program = std::env::current_exe().unwrap_or_default();
    let base = read("/proc/self/maps".into())
        .lines()
        .find(|line| line.ends_with(program.to_string_lossy().as_ref()))
        .map(|line| line.split('-').next().unwrap_or("?").to_owned())
        .unwrap_or_default();
    report += &format!("  program {} at 0x{base}\n", program.display());
    let tasks = std::fs::read_dir("/proc/self/task").map(|dir| dir.flatten().collect::<Vec<_>>());
    for task in tasks.unwrap_or_default() {
        let task = task.path().display().to_string();
        report += &format!(
            "  {} {}: in {}, syscall {}\n",
            task.rsplit('/').next().unwrap_or("?"),
            read(format!("{task}/comm")).trim(),
            read(format!("{task}/wchan")).trim(),
            read(format!("{task}/syscall")).trim(),
        );
    }
    // SAFETY: writes `report`'s bytes, valid for the call, to standard error.
    unsafe { libc::write(2, report.as_ptr().cast(), report.len()) };
}

#[cfg(unix)]
fn child_failure(code: Option<u8>, status: i32) -> String {
    if code.is_none() && libc::WIFSIGNALED(status) {
        let signal = libc::WTERMSIG(status);
        let what = if signal == libc::SIGALRM { " (it hung: its alarm went off)" } else { "" };
        return format!("killed by signal {signal}{what}");
    }
    let Some(code) = code else {
        return format!("it said nothing (wait status {status:#x})");
    };
    let what = match code {
        2 => "the parent's lookup did not fail at once",
        3 => "getaddrinfo_with timed out",
        4 => "getaddrinfo_with failed",
        5 => "Resolution::start failed",
        6 => "the future did not resolve",
        7 => "Host::from_name_with failed",
        101 => "it panicked",
        _ => "",
    };
    format!("it said {code}: {what}")
}

/// A waker (which the resolver's thread runs) that starts a lookup and blocks waiting
/// for it is served, by another thread.
fn a_waker_that_resolves_is_served() {
    common::with_private_etc_and_network(
        "a_waker_that_resolves_is_served",
        dead_server::SILENT_DNS,
        || {
            dead_server::start();
            struct Resolving {
                answered: Mutex<Option<netdb::Result<Vec<netdb::AddrInfo>>>>,
                done: Condvar,
            }
            impl Wake for Resolving {
                fn wake(self: Arc<Self>) {
                    let deadline = Duration::from_secs(10);
                    let answer = netdb::getaddrinfo_with(
                        Some("localhost"),
                        Some("22"),
                        &Hints::new(),
                        deadline,
                    );
                    *self.answered.lock().unwrap() = Some(answer);
                    self.done.notify_all();
                }
            }
            // The lookup the waker is for waits on the dead name server (its first poll
            // is pending), and ends with the resolver's own time-out, 1 s later, on a
            // resolver thread, which then runs the waker.
            let waker = Arc::new(Resolving { answered: Mutex::new(None), done: Condvar::new() });
            let mut lookup = Resolution::start(Some(UNANSWERED), None, &Hints::new()).unwrap();
            let context_waker = Waker::from(Arc::clone(&waker));
            let polled =
                std::pin::Pin::new(&mut lookup).poll(&mut Context::from_waker(&context_waker));
            assert!(polled.is_pending(), "{polled:?}");
            let mut answered = waker.answered.lock().unwrap();
            let start = Instant::now();
            while answered.is_none() {
                assert!(
                    start.elapsed() < Duration::from_secs(30),
                    "the waker's lookup waits for itself"
                );
                answered = waker.done.wait_timeout(answered, Duration::from_secs(1)).unwrap().0;
            }
            let found = answered.take().unwrap();
            assert!(found.as_ref().is_ok_and(|f| !f.is_empty()), "{found:?}");
            drop(answered);
            let outcome = common::block_on(lookup).output;
            assert!(matches!(&outcome, Err(e) if e.is_temporary()), "{outcome:?}");
        },
    );
}

/// `wait` after the future returned its answer returns at once, with an error that
/// says so, even with no deadline.
fn wait_after_the_future_answered_returns_at_once() {
    let mut lookup = Resolution::start(Some("localhost"), None, &Hints::new()).unwrap();
    let wakes = Arc::new(Wakes(AtomicUsize::new(0)));
    let waker = Waker::from(Arc::clone(&wakes));
    let start = Instant::now();
    loop {
        if let Poll::Ready(found) =
            std::pin::Pin::new(&mut lookup).poll(&mut Context::from_waker(&waker))
        {
            assert!(!found.unwrap().is_empty());
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "never answered");
        thread::sleep(Duration::from_millis(1));
    }
    let again = lookup.wait(Deadline::never());
    assert!(matches!(again, Err(Error::AlreadyAnswered)), "{again:?}");
}

struct Wakes(AtomicUsize);

impl Wake for Wakes {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}
