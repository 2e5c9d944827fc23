//! The services database, through the public API, against the real system database
//! and against private `/etc/services` files that force the hard paths.

mod common;

use netdb::{Error, LossyEntry, Service};

/// The entry a lookup must return: the first one in database order whose name or alias
/// is `key` and whose protocol is `protocol` (any, if `None`).
fn first_by_name<'a>(all: &'a [Service], key: &str, protocol: Option<&str>) -> Option<&'a Service> {
    all.iter().find(|s| {
        (s.name == key || s.aliases.iter().any(|a| a == key))
            && protocol.map_or(true, |p| s.protocol == p)
    })
}

fn first_by_port<'a>(all: &'a [Service], port: u16, protocol: Option<&str>) -> Option<&'a Service> {
    all.iter().find(|s| s.port == port && protocol.map_or(true, |p| s.protocol == p))
}

#[test]
fn every_entry_is_found_by_every_name_and_port_as_the_enumeration_predicts() {
    let all = Service::all().unwrap();
    assert!(!all.is_empty(), "the services database is empty");
    for entry in &all {
        for key in std::iter::once(&entry.name).chain(&entry.aliases) {
            for protocol in [None, Some(entry.protocol.as_str())] {
                let found = Service::from_name(key, protocol).unwrap();
                assert_eq!(
                    found.as_ref(),
                    first_by_name(&all, key, protocol),
                    "by name {key:?} {protocol:?}"
                );
            }
        }
        for protocol in [None, Some(entry.protocol.as_str())] {
            let found = Service::from_port(entry.port, protocol).unwrap();
            assert_eq!(
                found.as_ref(),
                first_by_port(&all, entry.port, protocol),
                "by port {} {protocol:?}",
                entry.port
            );
        }
    }
}

#[test]
fn well_known_entries_have_their_fields_in_host_order() {
    let http = Service::from_name("http", Some("tcp")).unwrap().expect("http/tcp");
    assert_eq!(http.port, 80);
    assert_eq!(http.protocol, "tcp");
    // A lookup by alias returns the official name.
    let by_alias = Service::from_name("www", Some("tcp")).unwrap().expect("www/tcp");
    assert_eq!(by_alias, http);
    let by_port = Service::from_port(80, Some("tcp")).unwrap().expect("80/tcp");
    assert_eq!(by_port, http);
    // 443 is above 255, so a byte-order mistake would not find it.
    assert_eq!(Service::from_port(443, Some("tcp")).unwrap().expect("443/tcp").name, "https");
}

#[test]
fn what_the_database_lacks_is_none() {
    assert_eq!(Service::from_name("no-such-service", None).unwrap(), None);
    assert_eq!(Service::from_name("http", Some("no-such-protocol")).unwrap(), None);
    assert_eq!(Service::from_name("", None).unwrap(), None);
    // Names compare case-sensitively, as in C.
    assert_eq!(Service::from_name("HTTP", Some("tcp")).unwrap(), None);
    assert_eq!(Service::from_port(0, Some("tcp")).unwrap(), None);
    assert_eq!(Service::from_port(80, Some("")).unwrap(), None);
}

#[test]
fn a_nul_byte_in_an_argument_is_an_error_naming_it() {
    let err = Service::from_name("ht\0tp", None).unwrap_err();
    assert!(matches!(err, Error::InteriorNul { argument: "name", position: 2 }), "{err:?}");
    let err = Service::from_name("http", Some("tcp\0")).unwrap_err();
    assert!(matches!(err, Error::InteriorNul { argument: "protocol", position: 3 }), "{err:?}");
    let err = Service::from_port(80, Some("\0")).unwrap_err();
    assert!(matches!(err, Error::InteriorNul { argument: "protocol", position: 0 }), "{err:?}");
}

#[test]
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

#[test]
fn thousands_of_aliases_make_the_buffer_grow() {
    const ALIASES: usize = 5000;
    let file = services_with_many_aliases(ALIASES);
    assert!(file.len() > 64 * 1024, "the entry must be far larger than the first buffer");
    common::with_private_etc(
        "thousands_of_aliases_make_the_buffer_grow",
        &[("services", Some(&file))],
        || {
            let bulk =
                Service::from_name("bulk", None).unwrap().expect("bulk is in the private file");
            assert_eq!(bulk.port, 4000);
            assert_eq!(bulk.aliases.len(), ALIASES);
            assert_eq!(bulk.aliases[ALIASES - 1], format!("bulk-alias-{}", ALIASES - 1));
            let last_alias = format!("bulk-alias-{}", ALIASES - 1);
            assert_eq!(Service::from_name(&last_alias, Some("tcp")).unwrap().as_ref(), Some(&bulk));
            assert_eq!(Service::from_port(4000, None).unwrap().as_ref(), Some(&bulk));
            // Entries after the long line are reached through the same growth.
            assert_eq!(Service::from_name("www", None).unwrap().expect("www").port, 80);
            assert_eq!(
                Service::from_port(80, Some("udp")).unwrap().expect("80/udp").protocol,
                "udp"
            );
            assert_eq!(Service::from_name("absent", None).unwrap(), None);

            let all = Service::all().unwrap();
            assert_eq!(all.len(), 3);
            assert_eq!(all[0], bulk);

            if let Some(getent) = common::run_getent(&["services", "bulk"]) {
                assert_eq!(String::from_utf8_lossy(&getent.stdout), format!("{bulk}\n"));
            }
        },
    );
}

#[test]
fn an_entry_beyond_the_buffer_cap_is_an_error_not_endless_growth() {
    // Each alias takes about 16 bytes of text and an 8-byte pointer: 80,000 of them
    // need nearly 2 MiB.
    let file = services_with_many_aliases(80_000);
    assert!(file.len() > netdb::MAX_BUFFER_SIZE);
    common::with_private_etc(
        "an_entry_beyond_the_buffer_cap_is_an_error_not_endless_growth",
        &[("services", Some(&file))],
        || {
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

#[test]
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
            assert_eq!(lossy.aliases, ["ok", "al\u{fffd}ias"]);
            assert_eq!(lossy.port, 9999);
            assert_eq!(
                err.to_string(),
                "the services entry \"caf\u{fffd}\" has a name that is not valid UTF-8: b\"caf\\xe9\""
            );

            // The entry can be looked up by a valid alias, and fails the same way.
            assert!(matches!(Service::from_name("ok", None), Err(Error::NonUtf8(_))));
            // Its neighbour is unaffected.
            assert_eq!(Service::from_name("plain", None).unwrap().expect("plain").port, 9998);

            assert!(matches!(Service::all(), Err(Error::NonUtf8(_))));
            let all = Service::all_lossy().unwrap();
            assert_eq!(all.len(), 2);
            assert_eq!(&all[0], lossy);
        },
    );
}

#[test]
fn a_missing_services_file_finds_nothing() {
    common::with_private_etc(
        "a_missing_services_file_finds_nothing",
        &[("services", None)],
        || {
            assert_eq!(Service::from_name("http", None).unwrap(), None);
            assert_eq!(Service::from_port(80, None).unwrap(), None);
            assert_eq!(Service::all().unwrap(), []);
        },
    );
}
