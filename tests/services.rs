//! The services database, through the public API, against the real system database
//! and against private `/etc/services` files that force the hard paths.
//!
//! musl answers differently by design (see netdb's `sys/musl.rs`): a lookup by name
//! returns the name asked for (an alias too) with no aliases, a lookup by port the
//! line's name with no aliases, and a port lookup with no protocol tries `tcp`, then
//! `udp`. Its `getservbyname_r` needs only two pointers of buffer, so it never asks for
//! a larger one; it reads the file in pieces of 127 bytes. Where the tests meet these,
//! they assert musl's behaviour under `cfg!(target_env = "musl")`.

mod common;

common::test_main!(
    every_entry_is_found_by_every_name_and_port_as_the_enumeration_predicts,
    well_known_entries_have_their_fields_in_host_order,
    what_the_database_lacks_is_none,
    a_nul_byte_in_an_argument_is_an_error_naming_it,
    long_arguments_are_looked_up_not_rejected,
    thousands_of_aliases_make_the_buffer_grow,
    an_entry_beyond_the_buffer_cap_is_an_error_not_endless_growth,
    an_entry_that_is_not_utf8_is_an_error_that_keeps_the_entry,
    a_missing_services_file_finds_nothing,
    the_enumeration_lists_what_lookups_find,
);

use netdb::{Error, LossyEntry, Service};

const MUSL: bool = cfg!(target_env = "musl");

/// The entry the enumeration says a lookup by name finds: the first one in database
/// order whose name or alias is `key` and whose protocol is `protocol` (any, if `None`).
fn first_by_name<'a>(all: &'a [Service], key: &str, protocol: Option<&str>) -> Option<&'a Service> {
    all.iter().find(|s| {
        (s.name == key || s.aliases.iter().any(|a| a == key))
            && protocol.map_or(true, |p| s.protocol == p)
    })
}

/// The entry the enumeration says a lookup by port finds: the first one in database
/// order; on musl, without a protocol, the first `tcp` one, else the first `udp` one,
/// and never one whose name has 32 bytes or more (musl's `getnameinfo` skips those).
fn first_by_port<'a>(all: &'a [Service], port: u16, protocol: Option<&str>) -> Option<&'a Service> {
    if MUSL {
        let first = |protocol: &str| {
            all.iter().find(|s| s.port == port && s.protocol == protocol && s.name.len() < 32)
        };
        return match protocol {
            None => first("tcp").or_else(|| first("udp")),
            Some(protocol) => first(protocol),
        };
    }
    all.iter().find(|s| s.port == port && protocol.map_or(true, |p| s.protocol == p))
}

/// What a lookup by `key` returns for the entry `found`: the entry itself, but on musl
/// named `key` and without aliases.
fn looked_up_by_name(found: &Service, key: &str) -> Service {
    if MUSL {
        Service { name: key.to_owned(), aliases: vec![], ..found.clone() }
    } else {
        found.clone()
    }
}

/// What a lookup by port returns for the entry `found`: on musl, without aliases.
fn looked_up_by_port(found: &Service) -> Service {
    if MUSL {
        Service { aliases: vec![], ..found.clone() }
    } else {
        found.clone()
    }
}

fn every_entry_is_found_by_every_name_and_port_as_the_enumeration_predicts() {
    if cfg!(windows) {
        common::ignore(
            "Winsock's matching rules are not the file-order rules of the C libraries \
             (Wine 8 compares names case-insensitively, finds no alias and no port whose \
             low byte is 128 or more); tests/windows.rs checks Winsock's lookups",
        );
    }
    if MUSL {
        // musl's lookups read lines in pieces of 127 bytes and miss names beyond; its
        // enumeration reads whole lines. The comparison holds where no line is longer.
        let text = std::fs::read("/etc/services").unwrap();
        let long = text.split(|&b| b == b'\n').filter(|line| line.len() > 127).count();
        assert_eq!(long, 0, "/etc/services has lines of more than 127 bytes");
    }
    let all = Service::all().unwrap();
    assert!(!all.is_empty(), "the services database is empty");
    for entry in &all {
        for key in std::iter::once(&entry.name).chain(&entry.aliases) {
            for protocol in [None, Some(entry.protocol.as_str())] {
                let found = Service::from_name(key, protocol).unwrap();
                assert_eq!(
                    found,
                    first_by_name(&all, key, protocol).map(|s| looked_up_by_name(s, key)),
                    "by name {key:?} {protocol:?}"
                );
            }
        }
        for protocol in [None, Some(entry.protocol.as_str())] {
            let found = Service::from_port(entry.port, protocol).unwrap();
            assert_eq!(
                found,
                first_by_port(&all, entry.port, protocol).map(looked_up_by_port),
                "by port {} {protocol:?}",
                entry.port
            );
        }
    }
}

fn well_known_entries_have_their_fields_in_host_order() {
    if cfg!(windows) {
        common::ignore(
            "Wine 8's Winsock finds no alias (www) and not port 443; tests/windows.rs \
             checks the Windows servent layout",
        );
    }
    let http = Service::from_name("http", Some("tcp")).unwrap().expect("http/tcp");
    assert_eq!(http.port, 80);
    assert_eq!(http.protocol, "tcp");
    // A lookup by alias returns the official name; musl's returns the alias.
    let by_alias = Service::from_name("www", Some("tcp")).unwrap().expect("www/tcp");
    if MUSL {
        assert_eq!(by_alias, Service { name: "www".into(), aliases: vec![], ..http.clone() });
    } else {
        assert_eq!(by_alias, http);
    }
    let by_port = Service::from_port(80, Some("tcp")).unwrap().expect("80/tcp");
    assert_eq!(by_port, http);
    // 443 is above 255, so a byte-order mistake would not find it.
    assert_eq!(Service::from_port(443, Some("tcp")).unwrap().expect("443/tcp").name, "https");
}

fn what_the_database_lacks_is_none() {
    assert_eq!(Service::from_name("no-such-service", None).unwrap(), None);
    assert_eq!(Service::from_name("http", Some("no-such-protocol")).unwrap(), None);
    assert_eq!(Service::from_name("", None).unwrap(), None);
    // Names compare case-sensitively in the Unix C libraries; Winsock (Wine's, at
    // least) compares them case-insensitively.
    if cfg!(unix) {
        assert_eq!(Service::from_name("HTTP", Some("tcp")).unwrap(), None);
    }
    assert_eq!(Service::from_port(0, Some("tcp")).unwrap(), None);
    assert_eq!(Service::from_port(80, Some("")).unwrap(), None);
    // What musl mishandles: a protocol other than tcp and udp (EINVAL there), a port
    // number as the name (a made-up entry in old musl), and a `port/protocol` field as
    // the name (musl matches every word of a line).
    if cfg!(unix) {
        // (Winsock compares protocols case-insensitively too.)
        assert_eq!(Service::from_name("http", Some("TCP")).unwrap(), None);
        assert_eq!(Service::from_port(80, Some("Udp")).unwrap(), None);
    }
    assert_eq!(Service::from_name("http", Some("sctp")).unwrap(), None);
    assert_eq!(Service::from_port(80, Some("sctp")).unwrap(), None);
    for number in ["80", "+80", "0", "65535", "99999"] {
        assert_eq!(Service::from_name(number, None).unwrap(), None, "{number:?}");
    }
    assert_eq!(Service::from_name("80/tcp", None).unwrap(), None);
    assert_eq!(Service::from_name("22/tcp", Some("tcp")).unwrap(), None);
}

fn a_nul_byte_in_an_argument_is_an_error_naming_it() {
    let err = Service::from_name("ht\0tp", None).unwrap_err();
    assert!(matches!(err, Error::InteriorNul { argument: "name", position: 2 }), "{err:?}");
    let err = Service::from_name("http", Some("tcp\0")).unwrap_err();
    assert!(matches!(err, Error::InteriorNul { argument: "protocol", position: 3 }), "{err:?}");
    let err = Service::from_port(80, Some("\0")).unwrap_err();
    assert!(matches!(err, Error::InteriorNul { argument: "protocol", position: 0 }), "{err:?}");
}

fn long_arguments_are_looked_up_not_rejected() {
    let long = "s".repeat(64 * 1024);
    assert_eq!(Service::from_name(&long, None).unwrap(), None);
    assert_eq!(Service::from_name("http", Some(&long)).unwrap(), None);
}

/// A services file whose first line has `count` aliases: glibc's files backend copies
/// whole lines into the caller's buffer, so every lookup that reads past it, whatever
/// it looks for, needs the buffer to grow.
fn services_with_many_aliases(count: usize) -> Vec<u8> {
    let aliases: Vec<String> = (0..count).map(|i| format!("bulk-alias-{i}")).collect();
    format!(
        "# private services file of the netdb tests\n\
         bulk 4000/tcp {}\n\
         http 80/tcp www # after the long line\n\
         http 80/udp\n",
        aliases.join(" ")
    )
    .into_bytes()
}

fn thousands_of_aliases_make_the_buffer_grow() {
    const ALIASES: usize = 5000;
    let file = services_with_many_aliases(ALIASES);
    assert!(file.len() > 64 * 1024, "the entry must be far larger than the first buffer");
    common::with_private_etc(
        "thousands_of_aliases_make_the_buffer_grow",
        &[("services", Some(&file))],
        || {
            let all = Service::all().unwrap();
            assert_eq!(all.len(), 3);
            let bulk = &all[0];
            assert_eq!((bulk.name.as_str(), bulk.port), ("bulk", 4000));
            assert_eq!(bulk.aliases.len(), ALIASES);
            let last_alias = format!("bulk-alias-{}", ALIASES - 1);
            assert_eq!(bulk.aliases[ALIASES - 1], last_alias);

            if MUSL {
                // musl's lookups read no aliases, so they need no more buffer than the
                // first; and they read the long line in pieces of 127 bytes, so only the
                // names in its first piece are found.
                let found = |name: &str| Service {
                    name: name.into(),
                    aliases: vec![],
                    port: 4000,
                    protocol: "tcp".into(),
                };
                assert_eq!(Service::from_name("bulk", None).unwrap(), Some(found("bulk")));
                assert_eq!(
                    Service::from_name("bulk-alias-1", Some("tcp")).unwrap(),
                    Some(found("bulk-alias-1"))
                );
                assert_eq!(Service::from_name(&last_alias, Some("tcp")).unwrap(), None);
                assert_eq!(Service::from_port(4000, None).unwrap(), Some(found("bulk")));
            } else {
                let by_name =
                    Service::from_name("bulk", None).unwrap().expect("bulk is in the private file");
                assert_eq!(&by_name, bulk);
                assert_eq!(
                    Service::from_name(&last_alias, Some("tcp")).unwrap().as_ref(),
                    Some(bulk)
                );
                assert_eq!(Service::from_port(4000, None).unwrap().as_ref(), Some(bulk));
            }
            // Entries after the long line are reached through the same growth.
            assert_eq!(Service::from_name("www", None).unwrap().expect("www").port, 80);
            assert_eq!(
                Service::from_port(80, Some("udp")).unwrap().expect("80/udp").protocol,
                "udp"
            );
            assert_eq!(Service::from_name("absent", None).unwrap(), None);

            let getent = common::run_getent(&["services", "bulk"]);
            assert_eq!(String::from_utf8_lossy(&getent.stdout), format!("{bulk}\n"));
        },
    );
}

fn an_entry_beyond_the_buffer_cap_is_an_error_not_endless_growth() {
    // Each alias takes about 16 bytes of text and an 8-byte pointer: 80,000 of them
    // need nearly 2 MiB.
    let file = services_with_many_aliases(80_000);
    assert!(file.len() > netdb::MAX_BUFFER_SIZE);
    common::with_private_etc(
        "an_entry_beyond_the_buffer_cap_is_an_error_not_endless_growth",
        &[("services", Some(&file))],
        || {
            if MUSL {
                // musl's lookups never read the aliases, so they need no large buffer:
                // the entry is found without them. The enumeration reads the file
                // itself, with no C buffer to cap.
                let bulk = Service::from_name("bulk", None).unwrap().expect("bulk");
                assert_eq!((bulk.port, bulk.aliases.len()), (4000, 0));
                let bulk = Service::from_port(4000, Some("tcp")).unwrap().expect("4000/tcp");
                assert_eq!((bulk.name.as_str(), bulk.aliases.len()), ("bulk", 0));
                let all = Service::all().unwrap();
                assert_eq!(all[0].aliases.len(), 80_000);
                return;
            }
            // (The results are matched, not printed: a found entry would flood the log.)
            for result in [Service::from_name("bulk", None), Service::from_port(4000, Some("tcp"))]
            {
                match result {
                    Err(Error::EntryTooLarge { limit }) => {
                        assert_eq!(limit, netdb::MAX_BUFFER_SIZE)
                    }
                    Err(other) => panic!("expected EntryTooLarge, got {other}"),
                    Ok(found) => {
                        panic!("expected EntryTooLarge, got {:?}", found.map(|s| s.aliases.len()))
                    }
                }
            }
            assert!(matches!(Service::all(), Err(Error::EntryTooLarge { .. })));
        },
    );
}

fn an_entry_that_is_not_utf8_is_an_error_that_keeps_the_entry() {
    let file = b"caf\xe9 9999/tcp ok al\xffias\nplain 9998/tcp\n";
    common::with_private_etc(
        "an_entry_that_is_not_utf8_is_an_error_that_keeps_the_entry",
        &[("services", Some(file))],
        || {
            let err = Service::from_port(9999, Some("tcp")).unwrap_err();
            let Error::NonUtf8(bad) = &err else { panic!("expected NonUtf8, got {err:?}") };
            assert_eq!(bad.field, "name");
            assert_eq!(bad.bytes, b"caf\xe9");
            let LossyEntry::Service(lossy) = &bad.entry else {
                panic!("expected a service: {bad:?}")
            };
            assert_eq!(lossy.name, "caf\u{fffd}");
            // musl's port lookups read no aliases.
            let aliases: &[&str] = if MUSL { &[] } else { &["ok", "al\u{fffd}ias"] };
            assert_eq!(lossy.aliases, aliases);
            assert_eq!(lossy.port, 9999);
            assert_eq!(
                err.to_string(),
                "the services entry \"caf\u{fffd}\" has a name that is not valid UTF-8: b\"caf\\xe9\""
            );

            if MUSL {
                // musl names an entry found by alias after the alias: its name is not
                // read, so nothing fails.
                assert_eq!(
                    Service::from_name("ok", None).unwrap(),
                    Some(Service {
                        name: "ok".into(),
                        aliases: vec![],
                        port: 9999,
                        protocol: "tcp".into()
                    })
                );
            } else {
                // The entry can be looked up by a valid alias, and fails the same way.
                assert!(matches!(Service::from_name("ok", None), Err(Error::NonUtf8(_))));
            }
            // Its neighbour is unaffected.
            assert_eq!(Service::from_name("plain", None).unwrap().expect("plain").port, 9998);

            assert!(matches!(Service::all(), Err(Error::NonUtf8(_))));
            let all = Service::all_lossy().unwrap();
            assert_eq!(all.len(), 2);
            assert_eq!(
                all[0],
                Service { aliases: vec!["ok".into(), "al\u{fffd}ias".into()], ..lossy.clone() }
            );
        },
    );
}

fn a_missing_services_file_finds_nothing() {
    common::with_private_etc(
        "a_missing_services_file_finds_nothing",
        &[("services", None)],
        || {
            assert_eq!(Service::from_name("http", None).unwrap(), None);
            assert_eq!(Service::from_port(80, None).unwrap(), None);
            if MUSL {
                // netdb reads the file itself on musl, whose getservent is a stub: a
                // missing file is an error, not an empty database.
                match Service::all() {
                    Err(Error::Io(e)) => {
                        assert_eq!(e.kind(), std::io::ErrorKind::NotFound);
                        assert!(e.to_string().contains("/etc/services"), "{e}");
                    }
                    other => panic!("expected Io(NotFound), got {other:?}"),
                }
            } else {
                assert_eq!(Service::all().unwrap(), []);
            }
        },
    );
}

/// musl reads services lines by its own rules, and the enumeration follows them: only
/// `tcp` and `udp` entries, ports as `strtoul` reads them, no line that begins with a
/// blank. Every entry it lists is found by name and port, as musl finds it.
fn the_enumeration_lists_what_lookups_find() {
    let file = b"\
plus +81/tcp
zeros 0082/udp padded
\x20indented 83/tcp
sctp-only 84/sctp
upper 85/TCP
suffixed 86/tcpx
http 80/tcp www
http 80/udp
";
    common::with_private_etc(
        "the_enumeration_lists_what_lookups_find",
        &[("services", Some(file))],
        || {
            let all = Service::all().unwrap();
            let listed: Vec<_> =
                all.iter().map(|s| (s.name.as_str(), s.port, s.protocol.as_str())).collect();
            if MUSL {
                assert_eq!(
                    listed,
                    [
                        ("plus", 81, "tcp"),
                        ("zeros", 82, "udp"),
                        ("suffixed", 86, "tcp"),
                        ("http", 80, "tcp"),
                        ("http", 80, "udp"),
                    ]
                );
            } else {
                // glibc reads a leading blank as a field separator, a port only as plain
                // digits, and any protocol.
                assert!(listed.contains(&("indented", 83, "tcp")), "{listed:?}");
                assert!(listed.contains(&("sctp-only", 84, "sctp")), "{listed:?}");
                assert!(listed.contains(&("upper", 85, "TCP")), "{listed:?}");
                assert!(listed.contains(&("http", 80, "udp")), "{listed:?}");
            }
            for entry in &all {
                for key in std::iter::once(&entry.name).chain(&entry.aliases) {
                    assert_eq!(
                        Service::from_name(key, Some(&entry.protocol)).unwrap(),
                        first_by_name(&all, key, Some(&entry.protocol))
                            .map(|s| looked_up_by_name(s, key)),
                        "{key:?}/{}",
                        entry.protocol
                    );
                }
                assert_eq!(
                    Service::from_port(entry.port, None).unwrap(),
                    first_by_port(&all, entry.port, None).map(looked_up_by_port),
                    "port {}",
                    entry.port
                );
            }
            // What the enumeration leaves out, lookups do not find.
            if MUSL {
                for name in ["indented", "sctp-only", "upper"] {
                    assert_eq!(Service::from_name(name, None).unwrap(), None, "{name}");
                }
            }
        },
    );
}
