//! Concurrency under load: 8 threads each make 10,000 mixed lookups (services by name
//! and port, protocols by name and number, hosts by name and address, networks,
//! `getaddrinfo`, `getnameinfo`, and every 200th an enumeration of services, protocols
//! or hosts), all at once, and every answer is exactly the one a single thread got for
//! the same key before the threads started.
//!
//! The test runs in a private `/etc` whose `nsswitch.conf` resolves hosts and networks
//! from `/etc/hosts` and `/etc/networks` alone, so its `.invalid` names and reverse
//! lookups never reach DNS: 80,000 lookups must not become a flood of queries, and the
//! answers must not depend on a network. musl reads no `nsswitch.conf` and asks DNS for
//! whatever `/etc/hosts` lacks, so the test also runs in a private network with a name
//! server of its own that answers every query at once with NXDOMAIN. That needs root or
//! unprivileged user namespaces (see `common::with_private_etc`); elsewhere the test is
//! reported as ignored.

mod common;

common::test_main!(eight_threads_of_mixed_lookups_agree_with_one_thread);

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Barrier;
use std::thread;
use std::time::Instant;

use netdb::{
    getaddrinfo, getnameinfo, AddressFamily, Hints, Host, NameInfoFlags, Network, Protocol,
    Service, SocketType,
};

const THREADS: usize = 8;
const LOOKUPS_PER_THREAD: usize = 10_000;
/// One lookup in this many is an enumeration, which reads a whole database.
const ENUMERATION_EVERY: usize = 200;
/// Under valgrind, whose memory checks (not the load) are the point there and which
/// runs threads one at a time 20 to 50 times slower, each thread makes this many.
const LOOKUPS_PER_THREAD_UNDER_VALGRIND: usize = 2_000;

/// One lookup, with its arguments.
#[derive(Debug, Clone)]
enum Key {
    ServiceByName(String, Option<String>),
    ServiceByPort(u16, Option<String>),
    ProtocolByName(String),
    ProtocolByNumber(i32),
    HostByName(String, AddressFamily),
    HostByAddr(IpAddr),
    NetworkByName(String),
    NetworkByAddr(Ipv4Addr),
    AddrInfo(Option<String>, Option<String>, Hints),
    NameInfo(SocketAddr, NameInfoFlags),
    AllServices,
    AllProtocols,
    AllHosts,
}

/// The lookup's answer, all of it: the `Debug` text of its `Result`.
fn answer(key: &Key) -> String {
    match key {
        Key::ServiceByName(name, protocol) => {
            format!("{:?}", Service::from_name(name, protocol.as_deref()))
        }
        Key::ServiceByPort(port, protocol) => {
            format!("{:?}", Service::from_port(*port, protocol.as_deref()))
        }
        Key::ProtocolByName(name) => format!("{:?}", Protocol::from_name(name)),
        Key::ProtocolByNumber(number) => format!("{:?}", Protocol::from_number(*number)),
        Key::HostByName(name, family) => format!("{:?}", Host::from_name(name, *family)),
        Key::HostByAddr(address) => format!("{:?}", Host::from_addr(*address)),
        Key::NetworkByName(name) => format!("{:?}", Network::from_name(name)),
        Key::NetworkByAddr(address) => format!("{:?}", Network::from_addr(*address)),
        Key::AddrInfo(host, service, hints) => {
            format!("{:?}", getaddrinfo(host.as_deref(), service.as_deref(), hints))
        }
        Key::NameInfo(address, flags) => format!("{:?}", getnameinfo(address, *flags)),
        Key::AllServices => format!("{:?}", Service::all()),
        Key::AllProtocols => format!("{:?}", Protocol::all()),
        Key::AllHosts => format!("{:?}", Host::all()),
    }
}

/// The lookup keys, one group per kind of lookup; the threads draw from each group in
/// turn, so that every kind runs throughout, whatever the size of the databases.
fn lookup_groups() -> Vec<Vec<Key>> {
    let some = |text: &str| Some(text.to_owned());
    let services = Service::all().expect("the services database can be listed");
    let protocols = Protocol::all().expect("the protocols database can be listed");
    assert!(!services.is_empty() && !protocols.is_empty());

    let mut by_name = vec![
        Key::ServiceByName("no-such-service".into(), None),
        Key::ServiceByName("ssh".into(), some("sctp-or-not")),
    ];
    let mut by_port = vec![
        Key::ServiceByPort(0, None),
        Key::ServiceByPort(65535, some("tcp")),
        Key::ServiceByPort(22, some("no-such-protocol")),
    ];
    for service in &services {
        for name in std::iter::once(&service.name).chain(&service.aliases) {
            by_name.push(Key::ServiceByName(name.clone(), None));
            by_name.push(Key::ServiceByName(name.clone(), Some(service.protocol.clone())));
        }
        by_port.push(Key::ServiceByPort(service.port, None));
        by_port.push(Key::ServiceByPort(service.port, Some(service.protocol.clone())));
    }

    let mut protocol_names = vec![Key::ProtocolByName("no-such-protocol".into())];
    let mut protocol_numbers = vec![
        Key::ProtocolByNumber(-1),
        Key::ProtocolByNumber(256),
        Key::ProtocolByNumber(i32::MAX),
    ];
    for protocol in &protocols {
        for name in std::iter::once(&protocol.name).chain(&protocol.aliases) {
            protocol_names.push(Key::ProtocolByName(name.clone()));
        }
        protocol_numbers.push(Key::ProtocolByNumber(protocol.number));
    }

    let hostname = netdb::hostname().expect("this machine has a name");
    let mut hosts = Vec::new();
    for name in ["localhost", "LocalHost", "127.0.0.1", "::1", &hostname, "nosuchname.invalid"] {
        for family in [AddressFamily::Inet, AddressFamily::Inet6] {
            hosts.push(Key::HostByName(name.to_owned(), family));
        }
    }
    let loopback_v4 = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let loopback_v6 = IpAddr::V6(Ipv6Addr::LOCALHOST);
    let documentation = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)); // TEST-NET-1: no name
    let addresses = [loopback_v4, loopback_v6, documentation];
    let host_addresses = addresses.iter().map(|&a| Key::HostByAddr(a)).collect();

    let networks = vec![
        Key::NetworkByName("loopback".into()),
        Key::NetworkByName("no-such-network".into()),
        Key::NetworkByAddr(Ipv4Addr::new(127, 0, 0, 0)),
        Key::NetworkByAddr(Ipv4Addr::new(203, 0, 113, 0)),
    ];

    let numeric = Hints::new().numeric_host(true).numeric_service(true);
    let stream = Hints::new().socket_type(SocketType::STREAM);
    let addrinfo = vec![
        Key::AddrInfo(some("127.0.0.1"), some("80"), numeric),
        Key::AddrInfo(some("::1"), some("443"), numeric),
        Key::AddrInfo(some("1.2.3.4.5"), some("80"), numeric),
        Key::AddrInfo(some("localhost"), some("http"), stream),
        Key::AddrInfo(some("localhost"), None, Hints::new()),
        Key::AddrInfo(some(&hostname), None, stream.canonical_name(true)),
        Key::AddrInfo(None, some("ssh"), stream.passive(true)),
        Key::AddrInfo(some("nosuchname.invalid"), None, Hints::new()),
    ];

    let numeric_flags = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::NUMERIC_SERVICE;
    let mut nameinfo = Vec::new();
    for (address, port) in addresses.iter().zip([22, 443, 9]) {
        let address = SocketAddr::new(*address, port);
        for flags in [NameInfoFlags::NONE, numeric_flags, NameInfoFlags::NAME_REQUIRED] {
            nameinfo.push(Key::NameInfo(address, flags));
        }
    }

    vec![
        by_name,
        by_port,
        protocol_names,
        protocol_numbers,
        hosts,
        host_addresses,
        networks,
        addrinfo,
        nameinfo,
    ]
}

/// A small generator of the lookups' order, a different one for each thread.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }
}

/// That the single-threaded answers are the ones the system's databases give, so that
/// the comparison compares something.
fn check_expected(groups: &[Vec<Key>], expected: &[Vec<String>]) {
    let find = |wanted: &str| {
        groups
            .iter()
            .zip(expected)
            .flat_map(|(keys, answers)| keys.iter().zip(answers))
            .find_map(|(key, answer)| (format!("{key:?}") == wanted).then_some(answer.as_str()))
    };
    let localhost = find(r#"HostByName("localhost", Inet)"#).unwrap();
    assert!(localhost.starts_with("Ok(Some(") && localhost.contains("127.0.0.1"), "{localhost}");
    let invalid = find(r#"HostByName("nosuchname.invalid", Inet)"#).unwrap();
    assert_eq!(invalid, "Ok(None)");
    let tcp = find(r#"ProtocolByNumber(6)"#).unwrap();
    assert!(tcp.starts_with("Ok(Some(") && tcp.contains(r#"name: "tcp""#), "{tcp}");
    let ssh = find(r#"ServiceByName("ssh", Some("tcp"))"#).unwrap();
    assert!(ssh.contains("port: 22"), "{ssh}");
    for answers in expected {
        assert!(answers.iter().all(|a| !a.contains("TryAgain")), "{answers:?}");
    }
}

/// Thread `t`'s lookups, each checked against the answer one thread got.
fn look_up(
    t: usize,
    count: usize,
    (groups, expected): (&[Vec<Key>], &[Vec<String>]),
    (enumerations, expected_enumerations): (&[Key], &[String]),
) {
    let mut random = XorShift(0x9e37_79b9_7f4a_7c15 ^ ((t as u64 + 1) * 0x1234_5678));
    for i in 0..count {
        let (key, wanted) = if i % ENUMERATION_EVERY == ENUMERATION_EVERY - 1 {
            let which = (i / ENUMERATION_EVERY + t) % enumerations.len();
            (&enumerations[which], &expected_enumerations[which])
        } else {
            // Each thread starts at another group, then takes them in turn.
            let group = (i + t) % groups.len();
            let k = random.below(groups[group].len());
            (&groups[group][k], &expected[group][k])
        };
        let got = answer(key);
        assert!(
            got == *wanted,
            "thread {t}, lookup {i}: {key:?} gave\n{got}\nbut one thread got\n{wanted}"
        );
    }
}

fn run() {
    let started = Instant::now();
    let under_valgrind = std::env::var("LD_PRELOAD").is_ok_and(|p| p.contains("vgpreload"));
    let lookups_per_thread =
        if under_valgrind { LOOKUPS_PER_THREAD_UNDER_VALGRIND } else { LOOKUPS_PER_THREAD };

    let groups = lookup_groups();
    let enumerations = [Key::AllServices, Key::AllProtocols, Key::AllHosts];
    let expected: Vec<Vec<String>> =
        groups.iter().map(|keys| keys.iter().map(answer).collect()).collect();
    let expected_enumerations: Vec<String> = enumerations.iter().map(answer).collect();
    check_expected(&groups, &expected);
    let keys: usize = groups.iter().map(Vec::len).sum();
    eprintln!("{keys} keys answered by one thread in {:.1?}", started.elapsed());

    let barrier = Barrier::new(THREADS);
    let threaded = Instant::now();
    thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|t| {
                let (groups, expected, barrier) = (&groups, &expected, &barrier);
                let enumerations = (&enumerations[..], &expected_enumerations[..]);
                scope.spawn(move || {
                    barrier.wait();
                    look_up(t, lookups_per_thread, (groups, expected), enumerations);
                })
            })
            .collect();
        for worker in workers {
            worker.join().expect("a lookup thread failed");
        }
    });
    eprintln!(
        "{THREADS} threads x {lookups_per_thread} lookups agreed in {:.1?}",
        threaded.elapsed()
    );
}

/// This machine's `nsswitch.conf` with hosts and networks from files alone.
fn offline_nsswitch() -> Vec<u8> {
    let conf = std::fs::read_to_string("/etc/nsswitch.conf").unwrap_or_default();
    let mut offline: String = conf
        .lines()
        .filter(|line| {
            let database = line.split_once(':').map(|(database, _)| database.trim());
            !matches!(database, Some("hosts" | "networks"))
        })
        .map(|line| format!("{line}\n"))
        .collect();
    offline.push_str("hosts: files\nnetworks: files\n");
    offline.into_bytes()
}

fn eight_threads_of_mixed_lookups_agree_with_one_thread() {
    let nsswitch = offline_nsswitch();
    common::with_private_etc_and_network(
        "eight_threads_of_mixed_lookups_agree_with_one_thread",
        &[("nsswitch.conf", Some(&nsswitch)), ("resolv.conf", Some(b"nameserver 127.0.0.1\n"))],
        || {
            common::nxdomain_name_server();
            run();
        },
    );
}
