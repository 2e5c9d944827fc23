//! The grow-on-`ERANGE` path of every reentrant (`_r`) function netdb calls on glibc,
//! and its cap.
//!
//! | database | by name | by number or address | enumeration |
//! |---|---|---|---|
//! | services | `getservbyname_r` | `getservbyport_r` | `getservent_r` |
//! | protocols | `getprotobyname_r` | `getprotobynumber_r` | `getprotoent_r` |
//! | hosts | `gethostbyname2_r` | `gethostbyaddr_r` | `gethostent_r` |
//! | networks | `getnetbyname_r` | `getnetbyaddr_r` | `getnetent_r` |
//!
//! glibc's files backend reads a whole line into the caller's buffer and then points
//! the entry's fields into it, so any lookup that reads a long line answers `ERANGE`
//! until the buffer holds that line and the entry's pointer arrays. netdb starts with
//! 1 KiB and doubles up to `MAX_BUFFER_SIZE` (1 MiB). Each database gets:
//!
//! - a `*_grow` test: an entry of more than 64 KiB (so at least seven doublings), found
//!   through each of its `_r` functions with the exact answer (alias count, last alias,
//!   addresses), and an entry after it, found through the same growth;
//! - a `*_cap` test: an entry of about 2 MiB, which each function answers with
//!   `Error::EntryTooLarge { limit: MAX_BUFFER_SIZE }`: no endless growth, no truncated
//!   or wrong entry, no panic.
//!
//! Results are matched, never printed whole: a found entry of 2 MiB would flood the log.
//!
//! musl has only some of these functions (netdb's `sys/musl.rs`): `getservbyname_r`,
//! `getservbyport_r`, `gethostbyname2_r` and `gethostbyaddr_r`. Its services functions
//! return no aliases and so never need more than the first buffer, and its host
//! functions return at most 48 addresses and names of at most 255 bytes, which one
//! doubling holds: the cap cannot be reached there. Its protocols are a built-in table
//! read by plain functions, it enumerates services by reading the file in Rust, and it
//! has no hosts enumeration and no networks database. So on musl the tests of the
//! functions it has assert musl's answers, and the others are compiled out, each with a
//! comment.
//!
//! With `--cfg netdb_force_locked` (CI runs the suite through the fallback on glibc)
//! netdb calls the plain functions, which size their storage themselves, and enforces
//! the cap by measuring each entry; the tests hold there too, but for one assertion that
//! depends on how a reentrant call reads lines, gated by that cfg.

mod common;

common::test_main!(
    services_grow,
    services_cap,
    #[cfg(not(target_env = "musl"))]
    protocols_grow,
    #[cfg(not(target_env = "musl"))]
    protocols_cap,
    hosts_grow,
    hosts_cap,
    a_hosts_line_just_past_the_stack_buffer,
    #[cfg(not(target_env = "musl"))]
    networks_grow,
    #[cfg(not(target_env = "musl"))]
    networks_cap,
    #[cfg(feature = "strict-alignment")]
    the_exact_alignment_allocator_is_in_force,
);

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use netdb::{AddressFamily, Error, Host, Service, MAX_BUFFER_SIZE};
// musl has no `_r` functions for these two databases: their tests are compiled out there.
#[cfg(not(target_env = "musl"))]
use netdb::{Network, Protocol};

const MUSL: bool = cfg!(target_env = "musl");

/// Whether netdb calls the reentrant functions, which read a whole line into the
/// caller's buffer: a lookup that must read *past* a line too long for the cap fails
/// too. The `locked` fallback's plain functions grow their own storage and measure only
/// the entry they return.
const READS_LINES_INTO_OUR_BUFFER: bool = cfg!(not(netdb_force_locked));

/// Only files, so that nothing asks DNS or another source. For services and protocols
/// with an action that changes nothing (after the last source, every status returns),
/// which makes glibc's lookups go to the C library rather than to netdb's index of the
/// files (`tests/index.rs` checks the index on these lines too): here the C calls'
/// growth is what is tested.
const NSSWITCH: &[u8] = b"hosts: files\nnetworks: files\n\
    services: files [NOTFOUND=return]\nprotocols: files [NOTFOUND=return]\n";

/// That the services and protocols lookups go to the C library, whose growth these
/// tests are about (musl's services answer from netdb's index there, and never needed
/// more than the first buffer anyway).
fn assert_the_c_library_answers() {
    let status = netdb::IndexStatus::current();
    if !MUSL {
        assert!(!status.services.is_index() && !status.protocols.is_index(), "{status:?}");
    }
}

/// Aliases for a long line: `count` names of `prefix` and a 6-digit number.
fn aliases(prefix: &str, count: usize) -> Vec<String> {
    (0..count).map(|i| format!("{prefix}-{i:06}")).collect()
}

/// An alias list too large for the cap: 100,000 names of about 17 bytes take 1.6 MiB of
/// text and 0.8 MiB of pointers.
const BEYOND_THE_CAP: usize = 100_000;

/// An alias list that needs several doublings: 6,000 names of about 17 bytes take
/// 100 KiB of text and 47 KiB of pointers, so the buffer grows from 1 KiB to 256 KiB.
const SEVERAL_DOUBLINGS: usize = 6_000;

/// That `result` is `EntryTooLarge` with the cap as its limit. `what` names the call.
/// (A found entry is described by its size only.)
fn assert_too_large<T>(what: &str, result: netdb::Result<Option<T>>, size: impl Fn(&T) -> usize) {
    match result {
        Err(Error::EntryTooLarge { limit }) => {
            assert_eq!(limit, MAX_BUFFER_SIZE, "{what}: the limit is the cap")
        }
        Err(other) => panic!("{what}: expected EntryTooLarge, got the error {other}"),
        Ok(None) => panic!("{what}: expected EntryTooLarge, got not found"),
        Ok(Some(found)) => {
            panic!("{what}: expected EntryTooLarge, got an entry of {} items", size(&found))
        }
    }
}

/// As [`assert_too_large`], for an enumeration.
fn assert_enumeration_too_large<T>(what: &str, result: netdb::Result<Vec<T>>) {
    match result {
        Err(Error::EntryTooLarge { limit }) => {
            assert_eq!(limit, MAX_BUFFER_SIZE, "{what}: the limit is the cap")
        }
        Err(other) => panic!("{what}: expected EntryTooLarge, got the error {other}"),
        Ok(all) => panic!("{what}: expected EntryTooLarge, got {} entries", all.len()),
    }
}

/// The entry `result` found, or a panic that describes the result without printing it.
fn found<T>(what: &str, result: netdb::Result<Option<T>>) -> T {
    match result {
        Ok(Some(found)) => found,
        Ok(None) => panic!("{what}: not found"),
        Err(Error::NonUtf8(bad)) => panic!("{what}: NonUtf8 in the field {}", bad.field),
        Err(other) => panic!("{what}: {other}"),
    }
}

/// That `aliases` are exactly `expected`, described by count and last alias on failure.
fn assert_aliases(what: &str, aliases: &[String], expected: &[String]) {
    assert_eq!(aliases.len(), expected.len(), "{what}: the number of aliases");
    assert_eq!(aliases.last(), expected.last(), "{what}: the last alias");
    assert!(aliases == expected, "{what}: the aliases differ from the file's");
}

// --- services -------------------------------------------------------------------------

/// `getservbyname_r`, `getservbyport_r` and `getservent_r` with a line of 6,000 aliases,
/// and a line of 30,000, whose 700 KiB need the last doubling, to the whole 1 MiB.
fn services_grow() {
    let bulk = aliases("svc-alias", SEVERAL_DOUBLINGS);
    let almost = aliases("near-cap", 30_000);
    let file = format!(
        "bulk 4000/tcp {}\nalmost 4002/udp {}\nafter 4001/udp after-alias\n",
        bulk.join(" "),
        almost.join(" ")
    );
    common::with_private_etc(
        "services_grow",
        &[("services", Some(file.as_bytes())), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            assert_the_c_library_answers();
            if MUSL {
                // musl's lookups read no aliases: the entry needs two pointers of buffer,
                // which the first buffer holds. They read the file in pieces of 127
                // bytes, so the last alias is not found at all.
                let plain = |name: &str, port, protocol: &str| Service {
                    name: name.into(),
                    aliases: vec![],
                    port,
                    protocol: protocol.into(),
                };
                assert_eq!(
                    Service::from_name("bulk", Some("tcp")).unwrap(),
                    Some(plain("bulk", 4000, "tcp"))
                );
                assert_eq!(
                    Service::from_port(4000, Some("tcp")).unwrap(),
                    Some(plain("bulk", 4000, "tcp"))
                );
                assert_eq!(Service::from_name(bulk.last().unwrap(), None).unwrap(), None);
                assert_eq!(
                    Service::from_name("after-alias", None).unwrap(),
                    Some(plain("after-alias", 4001, "udp"))
                );
                // The enumeration reads the file in Rust, with no C buffer.
                let all = Service::all().unwrap();
                assert_eq!(all.len(), 3);
                assert_aliases("Service::all()[0]", &all[0].aliases, &bulk);
                return;
            }
            let expected = Service {
                name: "bulk".into(),
                aliases: bulk.clone(),
                port: 4000,
                protocol: "tcp".into(),
            };
            // getservbyname_r, by the name and by the last alias.
            for key in ["bulk", bulk.last().unwrap()] {
                let service = found(key, Service::from_name(key, Some("tcp")));
                assert_aliases(key, &service.aliases, &bulk);
                assert!(service == expected, "{key}: the entry differs");
            }
            // getservbyport_r.
            let service = found("port 4000", Service::from_port(4000, Some("tcp")));
            assert!(service == expected, "port 4000: the entry differs");

            // The line that needs a buffer of 1 MiB, the cap itself, is still found.
            let near = found("almost", Service::from_name("almost", None));
            assert_aliases("almost", &near.aliases, &almost);
            assert_eq!((near.port, near.protocol.as_str()), (4002, "udp"));
            let near = found("port 4002", Service::from_port(4002, Some("udp")));
            assert_eq!(near.aliases.len(), almost.len());

            // The entry after both long lines: each lookup reads them into its buffer.
            let after = Service {
                name: "after".into(),
                aliases: vec!["after-alias".into()],
                port: 4001,
                protocol: "udp".into(),
            };
            assert_eq!(Service::from_name("after-alias", None).unwrap().as_ref(), Some(&after));
            assert_eq!(Service::from_port(4001, None).unwrap().as_ref(), Some(&after));
            assert_eq!(Service::from_name("absent", None).unwrap(), None);

            // getservent_r: one buffer grows for the first line and serves the rest.
            let all = Service::all().unwrap();
            assert_eq!(all.len(), 3);
            assert!(all[0] == expected, "Service::all()[0] differs");
            assert_aliases("Service::all()[1]", &all[1].aliases, &almost);
            assert_eq!(all[2], after);

            let getent = common::run_getent(&["services", "bulk/tcp"]);
            assert!(getent.stdout == format!("{expected}\n").as_bytes(), "getent differs");
        },
    );
}

/// The same three functions with a line of 100,000 aliases, beyond the cap.
fn services_cap() {
    let huge = aliases("svc-alias", BEYOND_THE_CAP);
    let file = format!("huge 4000/tcp {}\nafter 4001/udp\n", huge.join(" "));
    assert!(file.len() > MAX_BUFFER_SIZE);
    common::with_private_etc(
        "services_cap",
        &[("services", Some(file.as_bytes())), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            assert_the_c_library_answers();
            if MUSL {
                // musl's lookups never read the aliases, so the cap is never reached:
                // the entry is found without them.
                let plain = Service {
                    name: "huge".into(),
                    aliases: vec![],
                    port: 4000,
                    protocol: "tcp".into(),
                };
                assert_eq!(Service::from_name("huge", None).unwrap().as_ref(), Some(&plain));
                assert_eq!(Service::from_port(4000, Some("tcp")).unwrap().as_ref(), Some(&plain));
                assert_eq!(Service::all().unwrap()[0].aliases.len(), BEYOND_THE_CAP);
                return;
            }
            let size = |s: &Service| s.aliases.len();
            assert_too_large("getservbyname_r huge", Service::from_name("huge", None), size);
            let last = huge.last().unwrap();
            assert_too_large(
                "getservbyname_r by the last alias",
                Service::from_name(last, None),
                size,
            );
            assert_too_large("getservbyport_r 4000", Service::from_port(4000, Some("tcp")), size);
            assert_enumeration_too_large("getservent_r", Service::all());
            assert_enumeration_too_large("getservent_r, lossy", Service::all_lossy());
            if READS_LINES_INTO_OUR_BUFFER {
                // A lookup of the entry after the line must read the line, and cannot.
                assert_too_large("getservbyname_r after", Service::from_name("after", None), size);
                assert_too_large("getservbyport_r 4001", Service::from_port(4001, None), size);
            } else {
                assert_eq!(
                    Service::from_port(4001, None).unwrap().map(|s| s.name),
                    Some("after".into())
                );
            }
        },
    );
}

// --- protocols ------------------------------------------------------------------------

/// `getprotobyname_r`, `getprotobynumber_r` and `getprotoent_r` with a line of 6,000
/// aliases.
// musl has none of the three: its protocols are a built-in table, read with the plain
// functions behind one lock (tests/protocols.rs checks that table); /etc/protocols is
// never read there.
#[cfg(not(target_env = "musl"))]
fn protocols_grow() {
    let bulk = aliases("proto-alias", SEVERAL_DOUBLINGS);
    let file = format!("ip 0 IP\nbulk 200 {}\nafter 201 AFTER\n", bulk.join(" "));
    common::with_private_etc(
        "protocols_grow",
        &[("protocols", Some(file.as_bytes())), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            assert_the_c_library_answers();
            let expected = Protocol { name: "bulk".into(), aliases: bulk.clone(), number: 200 };
            for key in ["bulk", bulk.last().unwrap()] {
                let protocol = found(key, Protocol::from_name(key));
                assert_aliases(key, &protocol.aliases, &bulk);
                assert!(protocol == expected, "{key}: the entry differs");
            }
            let protocol = found("number 200", Protocol::from_number(200));
            assert!(protocol == expected, "number 200: the entry differs");

            let after =
                Protocol { name: "after".into(), aliases: vec!["AFTER".into()], number: 201 };
            assert_eq!(Protocol::from_name("AFTER").unwrap().as_ref(), Some(&after));
            assert_eq!(Protocol::from_number(201).unwrap().as_ref(), Some(&after));
            assert_eq!(Protocol::from_number(202).unwrap(), None);

            let all = Protocol::all().unwrap();
            assert_eq!(all.len(), 3);
            assert_eq!(
                all[0],
                Protocol { name: "ip".into(), aliases: vec!["IP".into()], number: 0 }
            );
            assert!(all[1] == expected, "Protocol::all()[1] differs");
            assert_eq!(all[2], after);

            let getent = common::run_getent(&["protocols", "200"]);
            assert!(getent.stdout == format!("{expected}\n").as_bytes(), "getent differs");
        },
    );
}

/// The same three functions with a line of 100,000 aliases, beyond the cap.
// musl: as for `protocols_grow`.
#[cfg(not(target_env = "musl"))]
fn protocols_cap() {
    let huge = aliases("proto-alias", BEYOND_THE_CAP);
    let file = format!("huge 200 {}\nafter 201\n", huge.join(" "));
    assert!(file.len() > MAX_BUFFER_SIZE);
    common::with_private_etc(
        "protocols_cap",
        &[("protocols", Some(file.as_bytes())), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            assert_the_c_library_answers();
            let size = |p: &Protocol| p.aliases.len();
            assert_too_large("getprotobyname_r huge", Protocol::from_name("huge"), size);
            let last = huge.last().unwrap();
            assert_too_large("getprotobyname_r by the last alias", Protocol::from_name(last), size);
            assert_too_large("getprotobynumber_r 200", Protocol::from_number(200), size);
            assert_enumeration_too_large("getprotoent_r", Protocol::all());
            assert_enumeration_too_large("getprotoent_r, lossy", Protocol::all_lossy());
            if READS_LINES_INTO_OUR_BUFFER {
                assert_too_large("getprotobynumber_r 201", Protocol::from_number(201), size);
            } else {
                assert_eq!(
                    Protocol::from_number(201).unwrap().map(|p| p.name),
                    Some("after".into())
                );
            }
        },
    );
}

// --- hosts ----------------------------------------------------------------------------

fn v4(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(a, b, c, d))
}

/// `count` IPv4 addresses in 10.50.0.0/16, each on a line of its own for `name`.
fn address_lines(name: &str, count: usize) -> (String, Vec<IpAddr>) {
    let addresses: Vec<IpAddr> =
        (0..count).map(|i| v4(10, 50, (i / 250) as u8, (i % 250 + 1) as u8)).collect();
    let lines = addresses.iter().map(|a| format!("{a} {name}\n")).collect();
    (lines, addresses)
}

/// `count` IPv6 addresses in 2001:db8:48::/64, each on a line of its own for `name`.
fn v6_address_lines(name: &str, count: usize) -> (String, Vec<IpAddr>) {
    let addresses: Vec<IpAddr> = (0..count)
        .map(|i| IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0x48, 0, 0, 0, 0, i as u16 + 1)))
        .collect();
    let lines = addresses.iter().map(|a| format!("{a} {name}\n")).collect();
    (lines, addresses)
}

/// musl's limit on the addresses of one host (`MAXADDRS`).
const MUSL_MAX_ADDRESSES: usize = 48;

/// `gethostbyname2_r` (both families) and `gethostbyaddr_r` with a line of 6,000
/// aliases, a host of 6,000 IPv4 addresses and one of 3,000 IPv6 addresses (`multi on`
/// merges the lines of a name), and `gethostent_r` over them all.
fn hosts_grow() {
    let bulk = aliases("host-alias", SEVERAL_DOUBLINGS);
    let (many_lines, many) = address_lines("many.test", 6_000);
    let (many6_lines, many6) = v6_address_lines("many6.test", 3_000);
    let file = format!(
        "127.0.0.1 localhost\n192.0.2.1 bulk.test {}\n{many_lines}{many6_lines}192.0.2.2 after.test\n",
        bulk.join(" ")
    );
    common::with_private_etc(
        "hosts_grow",
        &[
            ("hosts", Some(file.as_bytes())),
            ("host.conf", Some(b"multi on\n")),
            ("nsswitch.conf", Some(NSSWITCH)),
        ],
        || {
            let after = Host {
                name: "after.test".into(),
                aliases: vec![],
                addresses: vec![v4(192, 0, 2, 2)],
            };
            assert_eq!(Host::from_name("after.test", AddressFamily::Inet).unwrap(), Some(after));

            // 48 IPv6 addresses need 1,560 bytes: the one doubling musl ever needs.
            let first48 = found("many6.test", Host::from_name("many6.test", AddressFamily::Inet6));
            if MUSL {
                // musl returns the first 48 addresses in file order and no aliases, reads
                // the long line in pieces of 511 bytes (the last alias is not found), and
                // has no gethostent_r (tests/hosts.rs checks that it says so).
                assert!(first48.addresses == many6[..MUSL_MAX_ADDRESSES], "many6.test");
                let many4 = found("many.test", Host::from_name("many.test", AddressFamily::Inet));
                assert!(many4.addresses == many[..MUSL_MAX_ADDRESSES], "many.test");
                let bulk_host =
                    found("bulk.test", Host::from_name("bulk.test", AddressFamily::Inet));
                assert_eq!(bulk_host.aliases.len(), 0);
                let by_address = found("192.0.2.1", Host::from_addr(v4(192, 0, 2, 1)));
                assert_eq!((by_address.name.as_str(), by_address.aliases.len()), ("bulk.test", 0));
                return;
            }

            // gethostbyname2_r, AF_INET: the name and the last alias.
            for key in ["bulk.test", bulk.last().unwrap()] {
                let host = found(key, Host::from_name(key, AddressFamily::Inet));
                assert_eq!(host.name, "bulk.test");
                assert_aliases(key, &host.aliases, &bulk);
                assert_eq!(host.addresses, [v4(192, 0, 2, 1)]);
            }
            // gethostbyaddr_r.
            let host = found("192.0.2.1", Host::from_addr(v4(192, 0, 2, 1)));
            assert_eq!(host.name, "bulk.test");
            assert_aliases("192.0.2.1", &host.aliases, &bulk);

            // 6,000 addresses of 4 bytes and their pointers: 70 KiB.
            let host = found("many.test", Host::from_name("many.test", AddressFamily::Inet));
            assert_eq!(host.addresses.len(), many.len());
            assert!(host.addresses == many, "many.test: every address, in file order");
            // gethostbyname2_r, AF_INET6: 3,000 addresses of 16 bytes and their pointers.
            let host = found("many6.test", Host::from_name("many6.test", AddressFamily::Inet6));
            assert_eq!(host.addresses.len(), many6.len());
            assert!(host.addresses == many6, "many6.test: every address, in file order");
            assert!(first48.addresses == many6, "many6.test");
            // The last line's address, reached by reading every line before it.
            let by_address = found("10.50.23.250", Host::from_addr(*many.last().unwrap()));
            assert_eq!(by_address.name, "many.test");

            // gethostent_r: glibc lists the IPv4 lines, one entry each.
            let all = Host::all().unwrap();
            assert_eq!(all.len(), 2 + many.len() + 1);
            assert_eq!(all[1].name, "bulk.test");
            assert_aliases("Host::all()[1]", &all[1].aliases, &bulk);
            assert_eq!(all.last().unwrap().name, "after.test");

            let getent = common::run_getent(&["hosts", "192.0.2.1"]);
            let line = String::from_utf8_lossy(&getent.stdout);
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(fields.len(), 2 + bulk.len(), "getent sees every alias");
            assert_eq!(fields.last().copied(), bulk.last().map(String::as_str));
        },
    );
}

/// A line of 3 KiB: more than the 1 KiB stack buffer, so each lookup of it runs in the
/// first heap buffers (2 KiB, then 4 KiB). glibc's `gethostbyaddr_r` and `gethostent_r`
/// put the entry's address pointers at the very start of the caller's buffer (nss_files'
/// `struct parser_data`), so a heap buffer that is not pointer-aligned makes their list
/// misaligned; under the `strict-alignment` allocator that aborted these lookups.
fn a_hosts_line_just_past_the_stack_buffer() {
    let long = aliases("alias-of-a-long-line", 120);
    let line = format!("192.0.2.7 long.test {}", long.join(" "));
    assert!((3000..4000).contains(&line.len()), "{} bytes", line.len());
    let file = format!("127.0.0.1 localhost\n{line}\n192.0.2.8 after.test\n");
    common::with_private_etc(
        "a_hosts_line_just_past_the_stack_buffer",
        &[("hosts", Some(file.as_bytes())), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            let by_address = found("192.0.2.7", Host::from_addr(v4(192, 0, 2, 7)));
            assert_eq!(by_address.name, "long.test");
            assert_eq!(by_address.addresses, [v4(192, 0, 2, 7)]);
            let by_name = found("long.test", Host::from_name("long.test", AddressFamily::Inet));
            assert_eq!(by_name.addresses, [v4(192, 0, 2, 7)]);
            let after = found("192.0.2.8", Host::from_addr(v4(192, 0, 2, 8)));
            assert_eq!(after.name, "after.test");
            if MUSL {
                // musl reads no aliases from the file (the first 511 bytes of a line
                // only), and has no gethostent_r (tests/hosts.rs checks that it says so).
                assert_eq!(by_address.aliases.len(), 0);
                return;
            }
            assert_aliases("192.0.2.7", &by_address.aliases, &long);
            assert_aliases("long.test", &by_name.aliases, &long);
            let all = Host::all().unwrap();
            let names: Vec<&str> = all.iter().map(|h| h.name.as_str()).collect();
            assert_eq!(names, ["localhost", "long.test", "after.test"]);
            assert_aliases("Host::all()[1]", &all[1].aliases, &long);
            assert_eq!(all[1].addresses, [v4(192, 0, 2, 7)]);
        },
    );
}

/// This binary allocates through `ExactAlignment`: a strict run cannot pass under the
/// system allocator unnoticed.
#[cfg(feature = "strict-alignment")]
fn the_exact_alignment_allocator_is_in_force() {
    common::exact_alignment::assert_in_force();
}

/// `gethostbyname2_r`, `gethostbyaddr_r` and `gethostent_r` with a line of 100,000
/// aliases, and `gethostbyname2_r` with a host of 100,000 addresses (1.1 MiB of
/// addresses and pointers): both beyond the cap.
fn hosts_cap() {
    let huge = aliases("host-alias", BEYOND_THE_CAP);
    let (many_lines, many) = address_lines("many.test", 100_000);
    let file = format!(
        "127.0.0.1 localhost\n192.0.2.1 huge.test {}\n{many_lines}192.0.2.2 after.test\n",
        huge.join(" ")
    );
    common::with_private_etc(
        "hosts_cap",
        &[
            ("hosts", Some(file.as_bytes())),
            ("host.conf", Some(b"multi on\n")),
            ("nsswitch.conf", Some(NSSWITCH)),
        ],
        || {
            if MUSL {
                // musl reads no aliases from the line (the first 511 bytes of it only)
                // and at most 48 addresses: the cap is out of its reach.
                let host = found("huge.test", Host::from_name("huge.test", AddressFamily::Inet));
                assert_eq!(
                    host,
                    Host {
                        name: "huge.test".into(),
                        aliases: vec![],
                        addresses: vec![v4(192, 0, 2, 1)]
                    }
                );
                let host = found("many.test", Host::from_name("many.test", AddressFamily::Inet));
                assert!(host.addresses == many[..MUSL_MAX_ADDRESSES], "many.test");
                return;
            }
            let size = |h: &Host| h.aliases.len() + h.addresses.len();
            let inet = AddressFamily::Inet;
            assert_too_large(
                "gethostbyname2_r huge.test",
                Host::from_name("huge.test", inet),
                size,
            );
            let last = huge.last().unwrap();
            assert_too_large(
                "gethostbyname2_r by the last alias",
                Host::from_name(last, inet),
                size,
            );
            assert_too_large("gethostbyaddr_r 192.0.2.1", Host::from_addr(v4(192, 0, 2, 1)), size);
            assert_enumeration_too_large("gethostent_r", Host::all());
            assert_enumeration_too_large("gethostent_r, lossy", Host::all_lossy());
            if READS_LINES_INTO_OUR_BUFFER {
                // Every line of 100,000 is short; their merged entry is what is too large.
                assert_too_large(
                    "gethostbyname2_r many.test",
                    Host::from_name("many.test", inet),
                    size,
                );
                // after.test follows the long line, which every lookup reads.
                assert_too_large(
                    "gethostbyname2_r after.test",
                    Host::from_name("after.test", inet),
                    size,
                );
            } else {
                // The plain function merges the lines in storage of its own, and netdb
                // measures the entry it returns.
                assert_too_large(
                    "gethostbyname many.test",
                    Host::from_name("many.test", inet),
                    size,
                );
                assert_eq!(
                    Host::from_name("after.test", inet).unwrap().map(|h| h.addresses),
                    Some(vec![v4(192, 0, 2, 2)])
                );
            }
        },
    );
}

// --- networks -------------------------------------------------------------------------

/// `getnetbyname_r`, `getnetbyaddr_r` and `getnetent_r` with a line of 6,000 aliases.
// musl has no networks database: its functions are stubs, and netdb says Unsupported
// (tests/hosts.rs checks that).
#[cfg(not(target_env = "musl"))]
fn networks_grow() {
    let bulk = aliases("net-alias", SEVERAL_DOUBLINGS);
    let file = format!(
        "loopback 127.0.0.0\nbulknet 10.20.0.0 {}\nafter 10.21.0.0 after-net\n",
        bulk.join(" ")
    );
    common::with_private_etc(
        "networks_grow",
        &[("networks", Some(file.as_bytes())), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            let expected = Network {
                name: "bulknet".into(),
                aliases: bulk.clone(),
                address: Ipv4Addr::new(10, 20, 0, 0),
            };
            for key in ["bulknet", bulk.last().unwrap()] {
                let network = found(key, Network::from_name(key));
                assert_aliases(key, &network.aliases, &bulk);
                assert!(network == expected, "{key}: the entry differs");
            }
            let network = found("10.20.0.0", Network::from_addr(Ipv4Addr::new(10, 20, 0, 0)));
            assert!(network == expected, "10.20.0.0: the entry differs");

            let after = Network {
                name: "after".into(),
                aliases: vec!["after-net".into()],
                address: Ipv4Addr::new(10, 21, 0, 0),
            };
            assert_eq!(Network::from_name("after-net").unwrap().as_ref(), Some(&after));
            assert_eq!(
                Network::from_addr(Ipv4Addr::new(10, 21, 0, 0)).unwrap().as_ref(),
                Some(&after)
            );
            assert_eq!(Network::from_name("absent").unwrap(), None);

            let all = Network::all().unwrap();
            assert_eq!(all.len(), 3);
            assert!(all[1] == expected, "Network::all()[1] differs");
            assert_eq!(all[2], after);
        },
    );
}

/// The same three functions with a line of 100,000 aliases, beyond the cap.
// musl: as for `networks_grow`.
#[cfg(not(target_env = "musl"))]
fn networks_cap() {
    let huge = aliases("net-alias", BEYOND_THE_CAP);
    let file = format!("hugenet 10.30.0.0 {}\nafter 10.31.0.0\n", huge.join(" "));
    assert!(file.len() > MAX_BUFFER_SIZE);
    common::with_private_etc(
        "networks_cap",
        &[("networks", Some(file.as_bytes())), ("nsswitch.conf", Some(NSSWITCH))],
        || {
            let size = |n: &Network| n.aliases.len();
            assert_too_large("getnetbyname_r hugenet", Network::from_name("hugenet"), size);
            let last = huge.last().unwrap();
            assert_too_large("getnetbyname_r by the last alias", Network::from_name(last), size);
            let address = Ipv4Addr::new(10, 30, 0, 0);
            assert_too_large("getnetbyaddr_r 10.30.0.0", Network::from_addr(address), size);
            assert_enumeration_too_large("getnetent_r", Network::all());
            assert_enumeration_too_large("getnetent_r, lossy", Network::all_lossy());
            let after = Ipv4Addr::new(10, 31, 0, 0);
            if READS_LINES_INTO_OUR_BUFFER {
                assert_too_large("getnetbyaddr_r 10.31.0.0", Network::from_addr(after), size);
            } else {
                assert_eq!(
                    Network::from_addr(after).unwrap().map(|n| n.name),
                    Some("after".into())
                );
            }
        },
    );
}
