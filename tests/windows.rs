//! What only Windows does: Winsock started on first use, its `servent` layout, the
//! services and protocol files read for the enumerations, IPv6 host lookups through
//! `getaddrinfo`, the databases Windows lacks, and the lookups with deadlines,
//! cancellation and futures through the asynchronous `GetAddrInfoExW`. `.ci/windows`
//! runs these under Wine.
#![cfg(windows)]

mod common;

use std::io::ErrorKind;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::process::Command;
use std::sync::{Barrier, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use common::child::OutputWithin;
use netdb::{AddressFamily, Deadline, Error, Hints, Host, Network, Protocol, Resolution, Service};

/// Set in the process that [`the_first_lookups_start_winsock_on_their_own`] starts.
const FRESH_PROCESS: &str = "NETDB_TEST_FRESH_PROCESS";

/// Winsock needs `WSAStartup` before anything else; netdb calls it itself, once, on the
/// first lookup. Eight threads make their first lookups at the same moment in a process
/// where nothing has touched Winsock yet (this test binary, run again for this test
/// alone): all must succeed.
#[test]
fn the_first_lookups_start_winsock_on_their_own() {
    const THREADS: usize = 8;
    if std::env::var_os(FRESH_PROCESS).is_some() {
        let start = Barrier::new(THREADS);
        thread::scope(|scope| {
            for t in 0..THREADS {
                let start = &start;
                scope.spawn(move || {
                    start.wait();
                    // A different first call on each thread: every entry point starts
                    // Winsock.
                    match t % 4 {
                        0 => {
                            let http = Service::from_name("http", Some("tcp")).unwrap();
                            assert_eq!(http.map(|s| s.port), Some(80));
                        }
                        1 => {
                            let tcp = Protocol::from_number(6).unwrap();
                            assert_eq!(tcp.map(|p| p.name), Some("tcp".to_owned()));
                        }
                        2 => {
                            let found = netdb::getaddrinfo(
                                Some("127.0.0.1"),
                                Some("80"),
                                &Hints::new().numeric_host(true).numeric_service(true),
                            )
                            .unwrap();
                            assert_eq!(found[0].address, "127.0.0.1:80".parse().unwrap());
                        }
                        _ => assert!(!netdb::hostname().unwrap().is_empty()),
                    }
                });
            }
        });
        return;
    }
    let test_binary = std::env::current_exe().expect("the test binary knows its path");
    let output = Command::new(test_binary)
        .args(["the_first_lookups_start_winsock_on_their_own", "--exact", "--nocapture"])
        .env(FRESH_PROCESS, "1")
        .output_within_limit()
        .expect("running the test binary again");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the fresh process failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed"), "the test did not run in the fresh process:\n{stdout}");
}

/// Winsock's 64-bit `servent` has `s_proto` before `s_port`, its 32-bit one after; a
/// mix-up would read a pointer as the port or the port as a string.
#[test]
fn a_services_entry_is_read_field_by_field() {
    let http = Service::from_name("http", Some("tcp")).unwrap().expect("http/tcp");
    assert_eq!((http.name.as_str(), http.port, http.protocol.as_str()), ("http", 80, "tcp"));
    // The same entry as the services file's, aliases and all.
    let all = Service::all().unwrap();
    let line = all.iter().find(|s| s.name == "http" && s.protocol == "tcp");
    assert_eq!(Some(&http), line);
    assert!(http.aliases.iter().any(|a| a == "www"), "{http:?}");
    assert_eq!(Service::from_port(80, Some("tcp")).unwrap().as_ref(), Some(&http));
    // Above 255, so the byte order shows: swapped, 443 would be 47873.
    let https = Service::from_name("https", Some("tcp")).unwrap().expect("https/tcp");
    assert_eq!((https.port, https.protocol.as_str()), (443, "tcp"));
    assert_eq!(Service::from_port(21, None).unwrap().map(|s| s.name), Some("ftp".to_owned()));
    // Winsock's `p_proto` is a short.
    let udp = Protocol::from_name("udp").unwrap().expect("udp");
    assert_eq!((udp.name.as_str(), udp.number), ("udp", netdb::IPPROTO_UDP));
}

/// Winsock has no `getservent`: `Service::all` reads the services file Winsock reads,
/// so every entry it lists is one Winsock finds by name and protocol.
#[test]
fn every_listed_service_is_found_by_name_and_protocol() {
    let all = Service::all().unwrap();
    assert!(all.len() > 50, "only {} services", all.len());
    for entry in &all {
        let first = all.iter().find(|s| s.name == entry.name && s.protocol == entry.protocol);
        assert_eq!(
            Service::from_name(&entry.name, Some(&entry.protocol)).unwrap().as_ref(),
            first,
            "{}/{}",
            entry.name,
            entry.protocol
        );
    }
}

/// The same for the protocol file (singular, as Windows names it).
#[test]
fn every_listed_protocol_is_found_by_name_and_number() {
    let all = Protocol::all().unwrap();
    assert!(all.iter().any(|p| (p.name.as_str(), p.number) == ("tcp", 6)), "{all:?}");
    for entry in &all {
        let by_number = all.iter().find(|p| p.number == entry.number);
        assert_eq!(Protocol::from_number(entry.number).unwrap().as_ref(), by_number);
        let by_name = all.iter().find(|p| p.name == entry.name);
        assert_eq!(Protocol::from_name(&entry.name).unwrap().as_ref(), by_name);
    }
}

/// `WSAHOST_NOT_FOUND` and `WSANO_DATA` are "not found", as h_errno's codes are on Unix.
#[test]
fn what_winsock_does_not_find_is_none() {
    assert_eq!(Service::from_name("no-such-service", None).unwrap(), None);
    assert_eq!(Service::from_name("http", Some("no-such-protocol")).unwrap(), None);
    assert_eq!(Service::from_port(0, Some("tcp")).unwrap(), None);
    assert_eq!(Protocol::from_name("no-such-protocol").unwrap(), None);
    assert_eq!(Protocol::from_number(-1).unwrap(), None);
    for family in [AddressFamily::Inet, AddressFamily::Inet6] {
        assert_eq!(Host::from_name("nosuchname.invalid", family).unwrap(), None, "{family}");
    }
    assert_eq!(Host::from_addr(IpAddr::from([192, 0, 2, 200])).unwrap(), None);
}

/// `getaddrinfo`'s errors are Winsock codes (`EAI_NONAME` is `WSAHOST_NOT_FOUND`), with
/// Windows' text for them and no trace of Rust's " (os error N)".
#[test]
fn getaddrinfo_errors_carry_the_winsock_code_and_text() {
    let err = netdb::getaddrinfo(Some("nosuchname.invalid"), None, &Hints::new()).unwrap_err();
    let Error::AddrInfo(e) = &err else { panic!("expected AddrInfo: {err:?}") };
    assert_eq!(e.code(), netdb::ffi::WSAHOST_NOT_FOUND);
    assert_eq!(e.code(), netdb::ffi::EAI_NONAME);
    assert_eq!(e.kind(), netdb::AddrInfoErrorKind::NoName);
    assert!(!e.message().is_empty());
    assert!(!e.message().contains("os error"), "{e}");
    assert_eq!(e.message(), netdb::HostError::NotFound.message());
    assert!(err.is_not_found());
    assert!(!err.is_temporary());
}

/// Winsock has no `gethostbyname2`: an IPv6 lookup goes through `getaddrinfo`, which
/// gives each address once per socket type; the host lists each once.
#[test]
fn ipv6_hosts_come_from_getaddrinfo() {
    let host = Host::from_name("::1", AddressFamily::Inet6).unwrap().expect("numeric IPv6");
    assert_eq!(
        host,
        Host { name: "::1".into(), aliases: vec![], addresses: vec![Ipv6Addr::LOCALHOST.into()] }
    );
    // The IPv4 lookup is Winsock's gethostbyname, which knows no IPv6.
    assert_eq!(Host::from_name("::1", AddressFamily::Inet).unwrap(), None);
    let v4 = Host::from_name("127.0.0.1", AddressFamily::Inet).unwrap().expect("numeric IPv4");
    assert_eq!(v4.addresses, [IpAddr::from(Ipv4Addr::LOCALHOST)]);
}

fn assert_unsupported<T: std::fmt::Debug>(result: netdb::Result<T>, what: &str) {
    match result {
        Err(Error::Io(e)) => {
            assert_eq!(e.kind(), ErrorKind::Unsupported, "{e}");
            assert!(e.to_string().contains(what), "{e}");
        }
        other => panic!("expected Unsupported, got {other:?}"),
    }
}

/// Windows has no networks database, and no way to list the hosts database: both say
/// so rather than find nothing.
#[test]
fn the_networks_database_and_host_enumeration_are_unsupported() {
    assert_unsupported(Network::from_name("loopback"), "no networks database");
    assert_unsupported(Network::from_addr(Ipv4Addr::new(127, 0, 0, 0)), "no networks database");
    assert_unsupported(Network::all(), "no networks database");
    assert_unsupported(Network::all_lossy(), "no networks database");
    assert_unsupported(Host::all(), "gethostent");
    assert_unsupported(Host::all_lossy(), "gethostent");
}

// --- lookups with deadlines, cancellation and futures ---------------------------------

/// The tests below count the shared resolver's lookups in flight, which every lookup in
/// the process moves: they run one at a time.
fn one_resolver_test_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Waits until no lookup is in flight any more, for at most `limit`.
fn assert_nothing_pending_within(limit: Duration) {
    let start = Instant::now();
    while common::dead_server::in_flight() != 0 {
        assert!(
            start.elapsed() < limit,
            "{} lookups still pending after {limit:?}",
            common::dead_server::in_flight()
        );
        thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_lookup_of_localhost_with_a_deadline_succeeds() {
    let _one = one_resolver_test_at_a_time();
    let found = netdb::getaddrinfo_with(
        Some("localhost"),
        Some("80"),
        &Hints::new(),
        Deadline::after(Duration::from_secs(10)),
    )
    .unwrap();
    assert!(!found.is_empty());
    for info in &found {
        assert!(info.address.ip().is_loopback(), "{info:?}");
        assert_eq!(info.address.port(), 80, "{info:?}");
    }
    assert_nothing_pending_within(Duration::from_secs(5));
}

/// `GetAddrInfoExW` answers as `getaddrinfo` does: the same entries in the same order,
/// canonical names included, and the same errors.
#[test]
fn a_started_lookup_answers_as_getaddrinfo_does() {
    let _one = one_resolver_test_at_a_time();
    let cases: [(Option<&str>, Option<&str>, Hints); 6] = [
        (Some("localhost"), None, Hints::new()),
        (Some("localhost"), Some("http"), Hints::new().canonical_name(true)),
        (Some("127.0.0.1"), Some("443"), Hints::new().numeric_host(true).numeric_service(true)),
        (Some("::1"), Some("53"), Hints::new().family(AddressFamily::Inet6)),
        (None, Some("8080"), Hints::new().passive(true)),
        (Some("nosuchname.invalid"), None, Hints::new()),
    ];
    for (host, service, hints) in cases {
        let blocking = netdb::getaddrinfo(host, service, &hints);
        let started = Resolution::start(host, service, &hints)
            .unwrap()
            .wait(Deadline::after(Duration::from_secs(10)));
        match (&blocking, &started) {
            (Ok(expected), Ok(found)) => {
                assert!(!found.is_empty(), "{host:?} {service:?}");
                assert_eq!(found, expected, "{host:?} {service:?}");
            }
            (Err(Error::AddrInfo(expected)), Err(Error::AddrInfo(found))) => {
                assert_eq!(found.code(), expected.code(), "{host:?} {service:?}")
            }
            _ => panic!("{host:?} {service:?}: getaddrinfo {blocking:?}, started {started:?}"),
        }
    }
    assert_nothing_pending_within(Duration::from_secs(5));
}

/// A name that cannot be encoded for DNS (U+0378 is unassigned) fails as the lookup
/// starts: under Wine `GetAddrInfoExW` returns the error at once (`WSANO_RECOVERY`) and
/// never calls the completion routine, so the answer comes from the start itself. Every
/// such lookup still answers once and gives its place back.
#[test]
fn a_lookup_that_fails_as_it_starts_still_answers() {
    let _one = one_resolver_test_at_a_time();
    for _ in 0..50 {
        let outcome = Resolution::start(Some("a\u{378}b.invalid"), None, &Hints::new())
            .unwrap()
            .wait(Deadline::after(Duration::from_secs(10)));
        assert!(matches!(outcome, Err(Error::AddrInfo(_))), "{outcome:?}");
    }
    assert_nothing_pending_within(Duration::from_secs(5));
}

/// The completion routine, on Windows' thread pool, wakes the future: nothing polls.
///
/// Under Wine `localhost` is answered almost at once, mostly before the first poll; and a
/// first poll watches for the answer for a moment while no more lookups are in flight
/// than there are cores. So lookups start sixteen at a time, each of another port so that
/// none joins another's lookup and all sixteen are in flight (their first polls do not
/// watch), and are made until a few were pending at their first poll, each of which then
/// needed a wake.
#[test]
fn a_future_is_woken_by_the_completion() {
    let _one = one_resolver_test_at_a_time();
    let mut woken = 0;
    for _ in 0..200 {
        let batch: Vec<Resolution> = (1..=16)
            .map(|port: u16| {
                let port = port.to_string();
                Resolution::start(Some("localhost"), Some(&port), &Hints::new()).unwrap()
            })
            .collect();
        for lookup in batch {
            let common::Blocked { output: found, first_poll_pending: first_pending, wakes } =
                common::block_on(lookup);
            assert!(!found.unwrap().is_empty());
            if first_pending {
                assert!(wakes >= 1, "ready without a wake");
                woken += 1;
            }
        }
        if woken >= 3 {
            break;
        }
    }
    assert!(woken >= 3, "lookups were over before their first poll: {woken} waited");
    assert_nothing_pending_within(Duration::from_secs(5));
}

/// Cancelling at once, from this thread or another, ends the wait with `Cancelled` (or
/// the answer, when the lookup won the race), promptly, and frees every lookup.
#[test]
fn cancelling_right_after_the_start_never_hangs() {
    let _one = one_resolver_test_at_a_time();
    for round in 0..100 {
        let lookup = Resolution::start(Some("localhost"), Some("80"), &Hints::new()).unwrap();
        let canceller = lookup.canceller();
        let start = Instant::now();
        let outcome = if round % 2 == 0 {
            canceller.cancel();
            lookup.wait(Deadline::after(Duration::from_secs(10)))
        } else {
            let cancelling = thread::spawn(move || canceller.cancel());
            let outcome = lookup.wait(Deadline::after(Duration::from_secs(10)));
            cancelling.join().unwrap();
            outcome
        };
        assert!(start.elapsed() < Duration::from_secs(5), "took {:?}", start.elapsed());
        match outcome {
            Err(Error::Cancelled { .. }) => {}
            Ok(found) => assert!(!found.is_empty()),
            other => panic!("round {round}: {other:?}"),
        }
    }
    assert_nothing_pending_within(Duration::from_secs(5));
}

/// Lookups dropped at once (which cancels them), and waits that time out before the
/// answer, leave nothing in flight: every lookup ends and gives its place back.
#[test]
fn abandoned_lookups_all_end() {
    let _one = one_resolver_test_at_a_time();
    for _ in 0..200 {
        drop(Resolution::start(Some("localhost"), None, &Hints::new()).unwrap());
    }
    assert_nothing_pending_within(Duration::from_secs(5));
    for _ in 0..50 {
        let outcome = netdb::getaddrinfo_with(
            Some("localhost"),
            None,
            &Hints::new(),
            Deadline::at(Instant::now()),
        );
        assert!(matches!(outcome, Err(Error::TimedOut { .. }) | Ok(_)), "{outcome:?}");
    }
    assert_nothing_pending_within(Duration::from_secs(5));
}
