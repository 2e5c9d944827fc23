//! A name server that never answers, for the tests of lookups with deadlines: a UDP
//! socket on 127.0.0.1:53 in the test's private network that reads every query and
//! never replies, and the resolver's view of the machine that sends every name
//! `/etc/hosts` lacks there.

use std::net::UdpSocket;
use std::thread;
use std::time::{Duration, Instant};

/// The private /etc of a test whose name server never answers: one try of one second,
/// so that abandoned lookups end soon; `/etc/hosts` still answers localhost.
pub const SILENT_DNS: &[(&str, Option<&[u8]>)] = &[
    ("resolv.conf", Some(b"nameserver 127.0.0.1\noptions timeout:1 attempts:1\n")),
    ("nsswitch.conf", Some(b"hosts: files dns\nnetworks: files dns\n")),
    ("hosts", Some(b"127.0.0.1 localhost\n")),
];

/// resolv.conf of a dead name server as a new user meets one: glibc's default retry
/// schedule for one server, `timeout:5 attempts:2`, 10 s for each name.
pub const DEAD_DNS_RESOLV_CONF: &[u8] = b"nameserver 127.0.0.1\noptions timeout:5 attempts:2\n";

/// A name that only DNS could answer.
pub const UNANSWERED: &str = "never-answered.example";

/// Starts the name server that reads queries and never replies; it runs until the test
/// process ends.
pub fn start() {
    let socket =
        UdpSocket::bind("127.0.0.1:53").expect("binding 127.0.0.1:53 in the private network");
    thread::spawn(move || {
        let mut query = [0u8; 1500];
        while socket.recv_from(&mut query).is_ok() {}
    });
}

/// Whether this test runs under valgrind, which makes everything many times slower.
pub fn under_valgrind() -> bool {
    std::env::var("LD_PRELOAD").is_ok_and(|p| p.contains("valgrind"))
}

/// How late a timed-out or cancelled wait may return: scheduling, not the resolver.
pub fn margin() -> Duration {
    Duration::from_millis(if under_valgrind() { 5000 } else { 500 })
}

/// Lookups in flight on the shared resolver: running, abandoned or queued.
pub fn in_flight() -> usize {
    let stats = netdb::Resolver::shared().stats();
    stats.running + stats.abandoned + stats.queued
}

/// The threads of the resolvers alive now, by the name they run under.
pub fn resolver_threads() -> usize {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return 0 };
    tasks
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("comm")).ok())
        .filter(|name| name.trim_end() == "netdb-resolver")
        .count()
}

/// Waits until the shared resolver's lookups are over and its threads have ended (they
/// end after a few idle seconds), so that the test leaves nothing in flight when its
/// process exits and counts of threads compare like with like.
pub fn settle() {
    let start = Instant::now();
    while in_flight() > 0 || resolver_threads() > 0 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{} lookups and {} resolver threads left after a minute",
            in_flight(),
            resolver_threads()
        );
        thread::sleep(Duration::from_millis(50));
    }
}
