//! The hosts and networks databases and address resolution, against the real resolver
//! (offline: localhost, this machine's name, numeric addresses, `.invalid` names) and
//! against private `/etc/hosts` files.
//!
//! musl resolves by rules of its own (see netdb's `sys/musl.rs`): it compares names with
//! `/etc/hosts` case-sensitively, reads its lines in pieces of 511 bytes, merges every
//! line of a name and returns at most 48 addresses; its host entries have no aliases
//! but the name asked for; it cannot enumerate hosts and has no networks database.
//! Where the tests meet these, they assert musl's behaviour under
//! `cfg!(target_env = "musl")`.

mod common;

common::test_main!(
    localhost_resolves_to_loopback,
    a_numeric_address_is_its_own_host,
    this_machines_name_resolves,
    reverse_lookup_of_loopback_finds_localhost,
    names_that_do_not_exist_are_none_or_noname,
    over_long_names_and_labels_are_none_not_a_crash,
    nul_bytes_are_errors_that_name_the_argument,
    getaddrinfo_honours_its_hints,
    getnameinfo_names_addresses_and_ports,
    fqdn_follows_python,
    #[cfg(unix)]
    the_networks_database_answers_by_name_and_number,
    #[cfg(all(unix, not(target_env = "musl")))]
    a_leftover_try_again_does_not_fail_a_network_lookup,
    large_hosts_entries_make_the_buffer_grow,
    a_host_beyond_the_buffer_cap_is_an_error,
    a_host_name_that_is_not_utf8_is_an_error_that_keeps_the_entry,
    enumerations_list_the_files_line_by_line,
);

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use netdb::{AddressFamily, Error, Hints, Host, NameInfoFlags, Network, SocketType};

const MUSL: bool = cfg!(target_env = "musl");

/// musl's limit on the addresses of one host (`MAXADDRS` in its `lookup.h`).
const MUSL_MAX_ADDRESSES: usize = 48;

/// That `result` is musl's answer for its missing networks database: an error of kind
/// `Unsupported` that says so.
fn assert_no_networks_database<T: std::fmt::Debug>(result: netdb::Result<T>) {
    match result {
        Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
            assert!(e.to_string().contains("musl has no networks database"), "{e}")
        }
        other => panic!("expected Io(Unsupported), got {other:?}"),
    }
}

fn ip(text: &str) -> IpAddr {
    text.parse().unwrap()
}

fn localhost_resolves_to_loopback() {
    let host = Host::from_name("localhost", AddressFamily::Inet).unwrap().expect("localhost");
    assert!(host.addresses.contains(&ip("127.0.0.1")), "{host:?}");
    assert!(host.addresses.iter().all(IpAddr::is_ipv4));
    // Host names compare case-insensitively. (musl compares the lines of /etc/hosts
    // case-sensitively and then asks DNS, whose answer for LocalHost depends on the
    // network; `large_hosts_entries_make_the_buffer_grow` checks it offline.)
    if MUSL {
        return;
    }
    assert_eq!(
        Host::from_name("LocalHost", AddressFamily::Inet).unwrap().map(|h| h.addresses),
        Some(host.addresses)
    );
}

fn a_numeric_address_is_its_own_host() {
    let v4 = Host::from_name("127.0.0.1", AddressFamily::Inet).unwrap().expect("numeric IPv4");
    assert_eq!((v4.name.as_str(), v4.addresses.as_slice()), ("127.0.0.1", &[ip("127.0.0.1")][..]));
    let v6 = Host::from_name("::1", AddressFamily::Inet6).unwrap().expect("numeric IPv6");
    assert_eq!(v6.addresses, [ip("::1")]);
    // An address of the other family is not a name of this one.
    assert_eq!(Host::from_name("::1", AddressFamily::Inet).unwrap(), None);
}

fn this_machines_name_resolves() {
    let name = netdb::hostname().unwrap();
    assert!(!name.is_empty());
    let host = Host::from_name(&name, AddressFamily::Inet)
        .unwrap()
        .expect("the machine's own name resolves");
    assert!(!host.addresses.is_empty());
    let found = netdb::getaddrinfo(Some(&name), None, &Hints::new()).unwrap();
    assert!(!found.is_empty());
    // Under Wine, gethostbyname answers the machine's own name with its network
    // interfaces' addresses, but getaddrinfo with what Linux's resolver says.
    if cfg!(unix) {
        assert!(found.iter().any(|a| host.addresses.contains(&a.address.ip())));
    }
    if cfg!(unix) {
        let getent = common::run_getent(&["ahostsv4", &name]);
        let first =
            String::from_utf8_lossy(&getent.stdout).split_whitespace().next().map(str::to_owned);
        assert_eq!(first, Some(host.addresses[0].to_string()));
    }
}

fn reverse_lookup_of_loopback_finds_localhost() {
    let host = Host::from_addr(ip("127.0.0.1")).unwrap().expect("127.0.0.1 has a name");
    assert_eq!(host.name, "localhost");
    assert_eq!(host.addresses, [ip("127.0.0.1")]);
    // A documentation address no database names.
    assert_eq!(Host::from_addr(ip("192.0.2.200")).unwrap(), None);
}

fn names_that_do_not_exist_are_none_or_noname() {
    for name in ["nosuchname.invalid", "a.b.c.nosuchname.invalid", "", " ", ".", "a..b"] {
        for family in [AddressFamily::Inet, AddressFamily::Inet6] {
            assert_eq!(Host::from_name(name, family).unwrap(), None, "{name:?} {family}");
        }
    }
    let err = netdb::getaddrinfo(Some("nosuchname.invalid"), None, &Hints::new()).unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    assert!(!err.to_string().is_empty());
    assert!(!err.is_temporary());
}

fn over_long_names_and_labels_are_none_not_a_crash() {
    let long_label = format!("{}.invalid", "a".repeat(300));
    let long_name = vec!["abcdefghi"; 40].join(".") + ".invalid";
    let huge = "h".repeat(1 << 20);
    for name in [&long_label, &long_name, &huge] {
        assert_eq!(
            Host::from_name(name, AddressFamily::Inet).unwrap(),
            None,
            "a {}-byte name",
            name.len()
        );
        assert!(matches!(
            netdb::getaddrinfo(Some(name), None, &Hints::new()),
            Err(Error::AddrInfo(_))
        ));
    }
}

fn nul_bytes_are_errors_that_name_the_argument() {
    let err = Host::from_name("local\0host", AddressFamily::Inet).unwrap_err();
    assert!(matches!(err, Error::InteriorNul { argument: "name", position: 5 }), "{err:?}");
    let err = netdb::getaddrinfo(Some("localhost"), Some("ht\0tp"), &Hints::new()).unwrap_err();
    assert!(matches!(err, Error::InteriorNul { argument: "service", position: 2 }), "{err:?}");
    let err = netdb::getaddrinfo(Some("\0"), None, &Hints::new()).unwrap_err();
    assert!(matches!(err, Error::InteriorNul { argument: "host", position: 0 }), "{err:?}");
    assert!(matches!(netdb::fqdn("a\0b"), Err(Error::InteriorNul { .. })));
    assert!(matches!(Network::from_name("loop\0back"), Err(Error::InteriorNul { .. })));
}

fn getaddrinfo_honours_its_hints() {
    let hints = Hints::new().family(AddressFamily::Inet).socket_type(SocketType::STREAM);
    let found = netdb::getaddrinfo(Some("localhost"), Some("http"), &hints).unwrap();
    assert!(!found.is_empty());
    for info in &found {
        assert_eq!((info.family, info.socket_type), (AddressFamily::Inet, SocketType::STREAM));
        assert!(
            info.protocol == netdb::IPPROTO_TCP || (cfg!(windows) && info.protocol == 0),
            "{info:?}: Unix C libraries fill in the protocol; Winsock may leave it 0"
        );
        assert_eq!(info.address, "127.0.0.1:80".parse().unwrap());
        assert_eq!(info.canonical_name, None);
    }

    let canonical =
        netdb::getaddrinfo(Some("localhost"), None, &hints.canonical_name(true)).unwrap();
    assert_eq!(canonical[0].canonical_name.as_deref(), Some("localhost"));

    let passive =
        Hints::new().family(AddressFamily::Inet6).socket_type(SocketType::DATAGRAM).passive(true);
    let wildcard = netdb::getaddrinfo(None, Some("53"), &passive).unwrap();
    assert_eq!(wildcard[0].address, SocketAddr::from((Ipv6Addr::UNSPECIFIED, 53)));
    assert!(
        wildcard[0].protocol == netdb::IPPROTO_UDP || (cfg!(windows) && wildcard[0].protocol == 0),
        "{wildcard:?}"
    );

    let numeric = Hints::new().numeric_host(true).numeric_service(true);
    let err = netdb::getaddrinfo(Some("localhost"), Some("80"), &numeric).unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let err = netdb::getaddrinfo(Some("127.0.0.1"), Some("http"), &numeric).unwrap_err();
    assert!(err.is_not_found(), "{err:?}");

    let mapped = Hints::new().family(AddressFamily::Inet6).v4_mapped(true).numeric_host(true);
    let found = netdb::getaddrinfo(Some("127.0.0.1"), None, &mapped).unwrap();
    assert_eq!(found[0].address.ip(), ip("::ffff:127.0.0.1"));

    let err = netdb::getaddrinfo(None, None, &Hints::new()).unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let err =
        netdb::getaddrinfo(Some("localhost"), Some("no-such-service"), &Hints::new()).unwrap_err();
    assert!(
        matches!(&err, Error::AddrInfo(e) if e.kind() == netdb::AddrInfoErrorKind::Service),
        "{err:?}"
    );
}

fn getnameinfo_names_addresses_and_ports() {
    let loopback = SocketAddr::from((Ipv4Addr::LOCALHOST, 80));
    assert_eq!(
        netdb::getnameinfo(&loopback, NameInfoFlags::NONE).unwrap(),
        ("localhost".into(), "http".into())
    );
    let numeric = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::NUMERIC_SERVICE;
    assert_eq!(netdb::getnameinfo(&loopback, numeric).unwrap(), ("127.0.0.1".into(), "80".into()));
    let v6: SocketAddr = "[::1]:22".parse().unwrap();
    assert_eq!(
        netdb::getnameinfo(&v6, NameInfoFlags::NUMERIC_HOST).unwrap(),
        ("::1".into(), "ssh".into())
    );
    // 53/udp is "domain" too; a port without a name comes back as digits.
    assert_eq!(
        netdb::getnameinfo(
            &"127.0.0.1:53".parse().unwrap(),
            NameInfoFlags::DATAGRAM | NameInfoFlags::NUMERIC_HOST
        )
        .unwrap()
        .1,
        "domain"
    );
    assert_eq!(
        netdb::getnameinfo(&"127.0.0.1:1".parse().unwrap(), NameInfoFlags::NUMERIC_HOST).unwrap().1,
        "tcpmux"
    );
    let unnamed: SocketAddr = "192.0.2.200:65000".parse().unwrap();
    assert_eq!(
        netdb::getnameinfo(&unnamed, NameInfoFlags::NONE).unwrap(),
        ("192.0.2.200".into(), "65000".into())
    );
    let err = netdb::getnameinfo(&unnamed, NameInfoFlags::NAME_REQUIRED).unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
}

fn fqdn_follows_python() {
    assert_eq!(netdb::fqdn("nosuchname.invalid").unwrap(), "nosuchname.invalid");
    assert_eq!(netdb::fqdn("  localhost \n").unwrap(), "localhost");
    assert_eq!(netdb::fqdn("").unwrap(), netdb::fqdn(&netdb::hostname().unwrap()).unwrap());
}

// Windows has no networks database: tests/windows.rs checks that it says so.
#[cfg(unix)]
fn the_networks_database_answers_by_name_and_number() {
    if MUSL {
        assert_no_networks_database(Network::from_name("link-local"));
        assert_no_networks_database(Network::from_addr(Ipv4Addr::new(169, 254, 0, 0)));
        assert_no_networks_database(Network::all());
        assert_no_networks_database(Network::all_lossy());
        return;
    }
    // The first entry of this machine's database (Debian's names link-local) is found
    // by its name and by its number, both of which no earlier line has; an empty
    // database has no link-local either.
    match Network::all().unwrap().first() {
        Some(first) => {
            assert_eq!(Network::from_name(&first.name).unwrap().as_ref(), Some(first));
            assert_eq!(Network::from_addr(first.address).unwrap().as_ref(), Some(first));
        }
        None => assert_eq!(Network::from_name("link-local").unwrap(), None),
    }
    assert_eq!(Network::from_name("no-such-network").unwrap(), None);
    assert_eq!(Network::from_name("").unwrap(), None);
}

/// A failed host lookup leaves `TRY_AGAIN` in the thread's `h_errno`; a network lookup
/// that finds nothing afterwards is still "not found". (FreeBSD's `getnetbyname_r`
/// copies the leftover `h_errno` into its answer unless it is cleared first.)
#[cfg(all(unix, not(target_env = "musl")))]
fn a_leftover_try_again_does_not_fail_a_network_lookup() {
    // SAFETY: writes h_errno as a failed host lookup would. Where it is one global
    // (macOS), netdb's host lookups on other test threads read it only right after
    // their own call set it, under their lock, so none is misled.
    unsafe { netdb::ffi::set_h_errno(netdb::ffi::TRY_AGAIN) };
    assert_eq!(Network::from_name("no-such-network").unwrap(), None);
    // SAFETY: as above.
    unsafe { netdb::ffi::set_h_errno(netdb::ffi::TRY_AGAIN) };
    assert_eq!(Network::from_addr(Ipv4Addr::new(198, 51, 100, 0)).unwrap(), None);
}

/// A hosts file with a host of many aliases and a host of many addresses, both large
/// enough that gethostbyname2_r needs its buffer to grow several times, and a host of
/// as many IPv6 addresses as musl returns, which need more than the first buffer there.
fn big_hosts_file() -> (String, Vec<String>, Vec<IpAddr>, Vec<IpAddr>) {
    let aliases: Vec<String> = (0..3000).map(|i| format!("alias-{i}.many.test")).collect();
    let addresses: Vec<IpAddr> = (0..600)
        .map(|i| IpAddr::from(Ipv4Addr::new(10, 9, (i / 250) as u8, (i % 250 + 1) as u8)))
        .collect();
    let v6_addresses: Vec<IpAddr> = (0..MUSL_MAX_ADDRESSES)
        .map(|i| IpAddr::from(Ipv6Addr::new(0x2001, 0xdb8, 0x66, 0, 0, 0, 0, i as u16 + 1)))
        .collect();
    let mut file = String::from("127.0.0.1 localhost\n::1 localhost ip6-localhost\n");
    file += &format!("10.1.2.3 aliased.many.test {}\n", aliases.join(" "));
    for address in &addresses {
        file += &format!("{address} multi.many.test\n");
    }
    file += "2001:db8::7 v6.many.test v6alias\n2001:db8::8 v6.many.test\n";
    for address in &v6_addresses {
        file += &format!("{address} many6.many.test\n");
    }
    (file, aliases, addresses, v6_addresses)
}

fn large_hosts_entries_make_the_buffer_grow() {
    let (file, aliases, addresses, v6_addresses) = big_hosts_file();
    common::with_private_etc(
        "large_hosts_entries_make_the_buffer_grow",
        &[
            ("hosts", Some(file.as_bytes())),
            ("host.conf", Some(b"multi on\n")),
            (
                "nsswitch.conf",
                Some(b"hosts: files\nnetworks: files\nservices: files\nprotocols: files\n"),
            ),
        ],
        || {
            let many6 =
                Host::from_name("many6.many.test", AddressFamily::Inet6).unwrap().expect("many6");
            assert_eq!(many6.addresses, v6_addresses, "every address, in file order");

            if MUSL {
                // musl reads the long line in pieces of 511 bytes: the aliases in the
                // first piece find the host, with the name asked for as its one alias,
                // and the later ones nothing.
                let aliased = Host::from_name("alias-7.many.test", AddressFamily::Inet)
                    .unwrap()
                    .expect("by an early alias");
                assert_eq!(
                    aliased,
                    Host {
                        name: "aliased.many.test".into(),
                        aliases: vec!["alias-7.many.test".into()],
                        addresses: vec![ip("10.1.2.3")]
                    }
                );
                assert_eq!(
                    Host::from_name("alias-2999.many.test", AddressFamily::Inet).unwrap(),
                    None
                );
                assert_eq!(
                    Host::from_addr(ip("10.1.2.3")).unwrap(),
                    Some(Host { aliases: vec![], ..aliased })
                );
                // At most 48 addresses, the first in file order; names compare
                // case-sensitively.
                let multi = Host::from_name("multi.many.test", AddressFamily::Inet)
                    .unwrap()
                    .expect("multi");
                assert_eq!(multi.addresses, addresses[..MUSL_MAX_ADDRESSES]);
                assert_eq!(Host::from_name("MULTI.many.test", AddressFamily::Inet).unwrap(), None);
            } else {
                let aliased = Host::from_name("alias-2999.many.test", AddressFamily::Inet)
                    .unwrap()
                    .expect("by the last alias");
                assert_eq!(aliased.name, "aliased.many.test");
                assert_eq!(aliased.aliases, aliases);
                assert_eq!(aliased.addresses, [ip("10.1.2.3")]);
                assert_eq!(
                    Host::from_addr(ip("10.1.2.3")).unwrap().map(|h| h.aliases.len()),
                    Some(aliases.len())
                );

                let multi = Host::from_name("MULTI.many.test", AddressFamily::Inet)
                    .unwrap()
                    .expect("multi");
                assert_eq!(multi.addresses, addresses, "every address, in file order");
            }

            let v6 = Host::from_name("v6.many.test", AddressFamily::Inet6).unwrap().expect("v6");
            assert_eq!(v6.addresses, [ip("2001:db8::7"), ip("2001:db8::8")]);
            // "multi on" merges the lines that hold the name asked for: only the first
            // has the alias.
            let by_alias =
                Host::from_name("v6alias", AddressFamily::Inet6).unwrap().expect("alias");
            assert_eq!(by_alias.name, "v6.many.test");
            assert_eq!(by_alias.addresses, [ip("2001:db8::7")]);
            assert_eq!(
                Host::from_name("v6.many.test", AddressFamily::Inet).unwrap(),
                None,
                "no IPv4 address"
            );

            let found = netdb::getaddrinfo(
                Some("multi.many.test"),
                None,
                &Hints::new().socket_type(SocketType::STREAM),
            )
            .unwrap();
            assert_eq!(found.len(), if MUSL { MUSL_MAX_ADDRESSES } else { addresses.len() });
            let canonical = netdb::getaddrinfo(
                Some("alias-7.many.test"),
                None,
                &Hints::new().canonical_name(true),
            )
            .unwrap();
            assert_eq!(canonical[0].canonical_name.as_deref(), Some("aliased.many.test"));

            assert_eq!(netdb::fqdn("alias-1.many.test").unwrap(), "aliased.many.test");

            let getent = common::run_getent(&["hosts", "10.1.2.3"]);
            let line = String::from_utf8_lossy(&getent.stdout);
            assert_eq!(
                line.split_whitespace().count(),
                2 + aliases.len(),
                "getent sees the same entry"
            );
        },
    );
}

fn a_host_beyond_the_buffer_cap_is_an_error() {
    // 70,000 aliases of 25 bytes and their pointers need over 2 MiB.
    let aliases: Vec<String> = (0..70_000).map(|i| format!("alias-{i:06}.toolarge.test")).collect();
    let file = format!("127.0.0.1 localhost\n10.3.3.3 toolarge.test {}\n", aliases.join(" "));
    common::with_private_etc(
        "a_host_beyond_the_buffer_cap_is_an_error",
        &[("hosts", Some(file.as_bytes())), ("nsswitch.conf", Some(b"hosts: files\n"))],
        || match Host::from_name("toolarge.test", AddressFamily::Inet) {
            // musl reads only the first 511 bytes of the line, and no aliases from it.
            Ok(found) if MUSL => assert_eq!(
                found,
                Some(Host {
                    name: "toolarge.test".into(),
                    aliases: vec![],
                    addresses: vec![ip("10.3.3.3")]
                })
            ),
            Err(Error::EntryTooLarge { limit }) => assert_eq!(limit, netdb::MAX_BUFFER_SIZE),
            Err(other) => panic!("expected EntryTooLarge, got {other}"),
            Ok(found) => panic!("expected EntryTooLarge, got {:?}", found.map(|h| h.aliases.len())),
        },
    );
}

fn a_host_name_that_is_not_utf8_is_an_error_that_keeps_the_entry() {
    common::with_private_etc(
        "a_host_name_that_is_not_utf8_is_an_error_that_keeps_the_entry",
        &[
            (
                "hosts",
                Some(
                    b"127.0.0.1 localhost\n10.4.4.4 ok.test caf\xe9.test\n\
                      10.4.4.5 caf\xe9.other ok.other\n",
                ),
            ),
            ("nsswitch.conf", Some(b"hosts: files\n")),
        ],
        || {
            match Host::from_name("ok.test", AddressFamily::Inet) {
                // musl reads no aliases from the line: the bad one is never seen.
                Ok(found) if MUSL => assert_eq!(
                    found,
                    Some(Host {
                        name: "ok.test".into(),
                        aliases: vec![],
                        addresses: vec![ip("10.4.4.4")]
                    })
                ),
                Err(Error::NonUtf8(bad)) => {
                    assert_eq!((bad.field, bad.bytes.as_slice()), ("alias", &b"caf\xe9.test"[..]));
                    let netdb::LossyEntry::Host(host) = &bad.entry else { panic!("{bad:?}") };
                    assert_eq!(host.addresses, [ip("10.4.4.4")]);
                }
                other => panic!("expected NonUtf8, got {other:?}"),
            }
            // A canonical name that is not UTF-8 fails everywhere.
            match Host::from_name("ok.other", AddressFamily::Inet) {
                Err(Error::NonUtf8(bad)) => {
                    assert_eq!((bad.field, bad.bytes.as_slice()), ("name", &b"caf\xe9.other"[..]));
                    assert_eq!(
                        bad.entry,
                        netdb::LossyEntry::Host(Host {
                            name: "caf\u{fffd}.other".into(),
                            aliases: vec!["ok.other".into()],
                            addresses: vec![ip("10.4.4.5")]
                        })
                    );
                }
                other => panic!("expected NonUtf8, got {other:?}"),
            }
        },
    );
}

fn enumerations_list_the_files_line_by_line() {
    let hosts = b"127.0.0.1 localhost\n# a comment\n10.5.5.5 five.test five\n10.5.5.5 again.test\n2001:db8::5 five.test\n";
    let networks = b"loopback 127\nlink-local 169.254.0.0 ll\n";
    common::with_private_etc(
        "enumerations_list_the_files_line_by_line",
        &[
            ("hosts", Some(hosts)),
            ("networks", Some(networks)),
            ("nsswitch.conf", Some(b"hosts: files\nnetworks: files\n")),
        ],
        || {
            let getent = common::run_getent(&["hosts"]);
            assert_eq!(String::from_utf8_lossy(&getent.stdout).lines().count(), 3);
            if MUSL {
                // musl's gethostent is a stub: the crate says so rather than list nothing.
                match Host::all() {
                    Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                        assert!(e.to_string().contains("gethostent is a stub"), "{e}")
                    }
                    other => panic!("expected Io(Unsupported), got {other:?}"),
                }
                assert_no_networks_database(Network::all());
                assert_no_networks_database(Network::from_addr(Ipv4Addr::new(127, 0, 0, 0)));
                return;
            }
            let host = |name: &str, aliases: &[&str], address: &str| Host {
                name: name.into(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                addresses: vec![ip(address)],
            };
            assert_eq!(
                Host::all().unwrap(),
                [
                    host("localhost", &[], "127.0.0.1"),
                    host("five.test", &["five"], "10.5.5.5"),
                    host("again.test", &[], "10.5.5.5"),
                    // glibc's gethostent_r lists IPv4 entries only, as getent shows.
                ]
            );
            assert_eq!(
                Network::all().unwrap(),
                [
                    // glibc fills out the short form "127" to 127.0.0.0.
                    Network {
                        name: "loopback".into(),
                        aliases: vec![],
                        address: Ipv4Addr::new(127, 0, 0, 0)
                    },
                    Network {
                        name: "link-local".into(),
                        aliases: vec!["ll".into()],
                        address: Ipv4Addr::new(169, 254, 0, 0)
                    },
                ]
            );
            assert_eq!(
                Network::from_addr(Ipv4Addr::new(127, 0, 0, 0)).unwrap().map(|n| n.name),
                Some("loopback".into())
            );
        },
    );
}
