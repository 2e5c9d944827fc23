//! Bad arguments to every public lookup: NUL bytes, empty strings, 64 KiB and 1 MiB
//! strings, text that is not ASCII, names of things that do not exist, the edges of the
//! port and protocol number ranges. Each case states the outcome it expects: `Ok(None)`
//! (the database has no such entry), a specific `Error`, or the entry the enumeration
//! predicts. None may panic.
//!
//! Names that would go to DNS end in `.invalid`, which never resolves; the resolver
//! answers them from its negative cache or the name server's NXDOMAIN.

// The shared helpers, for the `strict-alignment` allocator they install.
mod common;

use std::net::{IpAddr, SocketAddr};

use netdb::{AddressFamily, Error, Hints, Host, NameInfoFlags, Network, Protocol, Service};

/// The strings every string argument is tried with, and a label for messages.
fn odd_strings() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("64 KiB", "k".repeat(64 * 1024)),
        ("1 MiB", "m".repeat(1 << 20)),
        ("not ASCII", "s\u{e9}rvice-\u{65e5}\u{672c}".to_owned()),
        ("blanks", " \t ".to_owned()),
        ("comment", "#http".to_owned()),
        ("port field", "80/tcp".to_owned()),
    ]
}

fn assert_interior_nul<T: std::fmt::Debug>(
    result: Result<T, Error>,
    argument: &str,
    position: usize,
) {
    match result {
        Err(Error::InteriorNul { argument: a, position: p }) => {
            assert_eq!((a, p), (argument, position), "the error names the argument and the offset")
        }
        other => panic!("expected InteriorNul for {argument} at {position}, got {other:?}"),
    }
}

fn assert_addrinfo_code<T: std::fmt::Debug>(result: Result<T, Error>, code: i32, what: &str) {
    match result {
        Err(Error::AddrInfo(e)) => {
            assert_eq!(e.code(), code, "{what}: {e}");
            assert_eq!(
                e.message(),
                netdb::addrinfo_error_message(code),
                "{what}: the C library's text"
            );
            assert_eq!(e.kind(), netdb::AddrInfoError::from_code(code).kind(), "{what}");
        }
        other => panic!("{what}: expected EAI code {code}, got {other:?}"),
    }
}

#[test]
fn services_by_name() {
    // A name or protocol no entry has is not found, however odd.
    for (label, text) in odd_strings() {
        assert_eq!(Service::from_name(&text, None).unwrap(), None, "name: {label}");
        assert_eq!(Service::from_name("http", Some(&text)).unwrap(), None, "protocol: {label}");
    }
    assert_eq!(Service::from_name("http", Some("no-such-protocol")).unwrap(), None);
    assert_interior_nul(Service::from_name("\0", None), "name", 0);
    assert_interior_nul(Service::from_name("http\0", Some("tcp")), "name", 4);
    assert_interior_nul(Service::from_name("http", Some("t\0cp")), "protocol", 1);
    let long_with_nul = format!("{}\0", "n".repeat(64 * 1024));
    assert_interior_nul(Service::from_name(&long_with_nul, None), "name", 64 * 1024);
}

#[test]
fn services_by_port_at_the_edges_of_the_range() {
    let all = Service::all().unwrap();
    for port in [0, 1, 65535] {
        // The first entry for the port in database order, if any.
        let expected = all.iter().find(|s| s.port == port);
        assert_eq!(Service::from_port(port, None).unwrap().as_ref(), expected, "port {port}");
    }
    for (label, text) in odd_strings() {
        assert_eq!(Service::from_port(80, Some(&text)).unwrap(), None, "protocol: {label}");
    }
    assert_interior_nul(Service::from_port(80, Some("tcp\0")), "protocol", 3);
}

#[test]
fn protocols_by_name_and_out_of_range_numbers() {
    for (label, text) in odd_strings() {
        assert_eq!(Protocol::from_name(&text).unwrap(), None, "{label}");
    }
    assert_interior_nul(Protocol::from_name("tcp\0"), "name", 3);
    let all = Protocol::all().unwrap();
    for number in [i32::MIN, -1, 256, 1000, i32::MAX] {
        // IP protocol numbers are 0..=255: no entry has these.
        assert!(all.iter().all(|p| p.number != number));
        assert_eq!(Protocol::from_number(number).unwrap(), None, "{number}");
    }
    for number in [0, 255] {
        let expected = all.iter().find(|p| p.number == number);
        assert_eq!(Protocol::from_number(number).unwrap().as_ref(), expected, "{number}");
    }
}

#[test]
fn hosts_by_name() {
    let label_300 = format!("{}.invalid", "l".repeat(300));
    let cases = [
        String::new(),
        "nosuchname.invalid".to_owned(),
        "n\u{f6}such.invalid".to_owned(),
        label_300,
        format!("{}.invalid", "x".repeat(64 * 1024)),
        format!("{}.invalid", "y".repeat(1 << 20)),
    ];
    for name in &cases {
        for family in [AddressFamily::Inet, AddressFamily::Inet6] {
            assert_eq!(
                Host::from_name(name, family).unwrap(),
                None,
                "{}-byte name, {family}",
                name.len()
            );
        }
    }
    assert_interior_nul(Host::from_name("localhost\0evil", AddressFamily::Inet), "name", 9);
}

#[test]
fn hosts_by_unusual_addresses() {
    // Documentation addresses (RFC 5737, RFC 3849) have no names.
    for address in ["192.0.2.1", "198.51.100.255", "2001:db8::1"] {
        let address: IpAddr = address.parse().unwrap();
        assert_eq!(Host::from_addr(address).unwrap(), None, "{address}");
    }
}

#[test]
fn networks_by_name() {
    if cfg!(any(all(target_os = "linux", target_env = "gnu"), target_os = "freebsd")) {
        for (label, text) in odd_strings() {
            assert_eq!(Network::from_name(&text).unwrap(), None, "{label}");
        }
    }
    assert_interior_nul(Network::from_name("loop\0back"), "name", 4);
}

#[test]
fn getaddrinfo_rejects_what_it_cannot_resolve() {
    let numeric = Hints::new().numeric_host(true);
    assert_interior_nul(netdb::getaddrinfo(Some("127.0.0.1\0"), None, &numeric), "host", 9);
    assert_interior_nul(
        netdb::getaddrinfo(Some("127.0.0.1"), Some("80\0"), &numeric),
        "service",
        2,
    );
    assert_addrinfo_code(
        netdb::getaddrinfo(None, None, &Hints::new()),
        netdb::ffi::EAI_NONAME,
        "no host, no service",
    );
    for host in [
        "nosuchname.invalid".to_owned(),
        format!("{}.invalid", "h".repeat(64 * 1024)),
        "z".repeat(1 << 20),
    ] {
        assert_addrinfo_code(
            netdb::getaddrinfo(Some(&host), None, &Hints::new()),
            netdb::ffi::EAI_NONAME,
            &format!("a {}-byte host", host.len()),
        );
    }
    // A numeric host flag with a name is EAI_NONAME; with a number, no resolver is asked.
    assert_addrinfo_code(
        netdb::getaddrinfo(Some("localhost"), None, &numeric),
        netdb::ffi::EAI_NONAME,
        "numeric",
    );

    // A service the C library reads as a number must be a port: `strtoul` reads
    // leading blanks, a sign and leading zeros, and glibc keeps the low 16 bits of what
    // it read, so each of these would be a port it wraps to (99999 is 34463, 65616 is
    // 80), or a negative number, which glibc itself refuses.
    for service in [
        "65536",
        "99999",
        "+99999",
        " 99999",
        "\t\n\x0b\x0c\r 99999",
        "+65616",
        "0099999",
        "4294967296",
        "99999999999999999999",
        "-1",
        "-65535",
        " -80",
    ] {
        assert_addrinfo_code(
            netdb::getaddrinfo(Some("127.0.0.1"), Some(service), &numeric),
            netdb::ffi::EAI_SERVICE,
            service,
        );
        let with_deadline = netdb::getaddrinfo_with(
            Some("127.0.0.1"),
            Some(service),
            &numeric,
            std::time::Duration::from_secs(30),
        );
        assert_addrinfo_code(with_deadline, netdb::ffi::EAI_SERVICE, service);
    }
    // The C library refuses the negative forms itself, with the same error.
    #[cfg(unix)]
    for service in ["-1", "-65535", " -80"] {
        assert_eq!(c_getaddrinfo_code("127.0.0.1", service), netdb::ffi::EAI_SERVICE, "{service}");
    }
    // The forms of a port in range are that port, as C reads them.
    for (service, port) in
        [("0", 0), ("65535", 65535), ("00080", 80), ("+80", 80), (" 80", 80), ("-0", 0)]
    {
        let found = netdb::getaddrinfo(Some("127.0.0.1"), Some(service), &numeric).unwrap();
        assert!(
            !found.is_empty() && found.iter().all(|a| a.address.port() == port),
            "{service}: {found:?}"
        );
        #[cfg(unix)]
        assert_eq!(c_getaddrinfo_code("127.0.0.1", service), 0, "{service}");
    }
    for service in ["no-such-service", &"s".repeat(64 * 1024)] {
        assert_addrinfo_code(
            netdb::getaddrinfo(Some("127.0.0.1"), Some(service), &numeric),
            netdb::ffi::EAI_SERVICE,
            &format!("a {}-byte service", service.len()),
        );
    }
}

/// What the C library's own `getaddrinfo` returns for a numeric host and `service`,
/// with the hints netdb's test passes (numeric host only).
#[cfg(unix)]
fn c_getaddrinfo_code(host: &str, service: &str) -> i32 {
    let host = std::ffi::CString::new(host).unwrap();
    let service = std::ffi::CString::new(service).unwrap();
    // SAFETY: addrinfo is plain data; all-zero is "no preference".
    let mut hints: netdb::ffi::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_flags = netdb::ffi::AI_NUMERICHOST;
    let mut list = std::ptr::null_mut();
    // SAFETY: NUL-terminated strings, initialised hints, and a result slot freed below.
    let code =
        unsafe { netdb::ffi::getaddrinfo(host.as_ptr(), service.as_ptr(), &hints, &mut list) };
    if code == 0 {
        // SAFETY: the list getaddrinfo just returned, freed once.
        unsafe { netdb::ffi::freeaddrinfo(list) };
    }
    code
}

#[test]
fn getnameinfo_with_odd_ports_and_flags() {
    let numeric = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::NUMERIC_SERVICE;
    for port in [0, 65535] {
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        assert_eq!(
            netdb::getnameinfo(&address, numeric).unwrap(),
            ("127.0.0.1".to_owned(), port.to_string())
        );
    }
    if cfg!(all(target_os = "linux", target_env = "gnu")) {
        // glibc checks the flags: bits it does not know are EAI_BADFLAGS.
        let address = SocketAddr::from(([127, 0, 0, 1], 80));
        let unknown = NameInfoFlags::from_bits_retain(1 << 20);
        assert_eq!(NameInfoFlags::from_bits(1 << 20), None, "bits with no name here");
        assert_addrinfo_code(
            netdb::getnameinfo(&address, unknown),
            netdb::ffi::EAI_BADFLAGS,
            "unknown flag",
        );
    }
}

#[test]
fn fqdn_keeps_what_it_cannot_resolve() {
    assert_interior_nul(netdb::fqdn("host\0"), "name", 4);
    let long = format!("{}.invalid", "f".repeat(64 * 1024));
    assert_eq!(netdb::fqdn(&long).unwrap(), long);
    assert_eq!(netdb::fqdn(" nosuchname.invalid\t").unwrap(), "nosuchname.invalid");
}
