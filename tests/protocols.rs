//! The protocols database, through the public API, against the real system database
//! and against private `/etc/protocols` files.

mod common;

use netdb::{Error, Protocol};

fn first_by_name<'a>(all: &'a [Protocol], key: &str) -> Option<&'a Protocol> {
    all.iter().find(|p| p.name == key || p.aliases.iter().any(|a| a == key))
}

#[test]
fn every_entry_is_found_by_every_name_and_number_as_the_enumeration_predicts() {
    let all = Protocol::all().unwrap();
    assert!(all.len() > 10, "the protocols database has only {} entries", all.len());
    for entry in &all {
        for key in std::iter::once(&entry.name).chain(&entry.aliases) {
            assert_eq!(
                Protocol::from_name(key).unwrap().as_ref(),
                first_by_name(&all, key),
                "by name {key:?}"
            );
        }
        let first = all.iter().find(|p| p.number == entry.number);
        assert_eq!(
            Protocol::from_number(entry.number).unwrap().as_ref(),
            first,
            "by number {}",
            entry.number
        );
    }
}

#[test]
fn the_ip_protocols_have_their_iana_numbers() {
    for (name, number) in [
        ("ip", netdb::IPPROTO_IP),
        ("icmp", netdb::IPPROTO_ICMP),
        ("tcp", netdb::IPPROTO_TCP),
        ("udp", netdb::IPPROTO_UDP),
        ("ipv6", netdb::IPPROTO_IPV6),
    ] {
        let protocol =
            Protocol::from_name(name).unwrap().unwrap_or_else(|| panic!("{name} is missing"));
        assert_eq!(protocol.number, number, "{name}");
        assert_eq!(Protocol::from_number(number).unwrap().map(|p| p.number), Some(number));
    }
}

#[test]
fn what_the_database_lacks_is_none() {
    assert_eq!(Protocol::from_name("no-such-protocol").unwrap(), None);
    assert_eq!(Protocol::from_name("").unwrap(), None);
    assert_eq!(Protocol::from_name("TCPX").unwrap(), None);
    assert_eq!(Protocol::from_name(&"p".repeat(1 << 20)).unwrap(), None);
    for number in [-1, i32::MIN, 256, 99_999, i32::MAX] {
        assert_eq!(Protocol::from_number(number).unwrap(), None, "{number}");
    }
}

#[test]
fn a_nul_byte_in_the_name_is_an_error() {
    let err = Protocol::from_name("tcp\0udp").unwrap_err();
    assert!(matches!(err, Error::InteriorNul { argument: "name", position: 3 }), "{err:?}");
}

#[test]
fn thousands_of_aliases_make_the_buffer_grow() {
    let aliases: Vec<String> = (0..4000).map(|i| format!("proto-alias-{i}")).collect();
    let file = format!("bulk 200 {}\nudp 17 UDP\n", aliases.join(" "));
    common::with_private_etc(
        "thousands_of_aliases_make_the_buffer_grow",
        &[("protocols", Some(file.as_bytes()))],
        || {
            let bulk = Protocol::from_number(200).unwrap().expect("bulk is in the private file");
            assert_eq!(bulk.aliases, aliases);
            assert_eq!(Protocol::from_name("proto-alias-3999").unwrap().as_ref(), Some(&bulk));
            assert_eq!(
                Protocol::from_name("UDP").unwrap().expect("udp after the long line").number,
                17
            );
            assert_eq!(Protocol::all().unwrap().len(), 2);
            if let Some(getent) = common::run_getent(&["protocols", "bulk"]) {
                assert_eq!(String::from_utf8_lossy(&getent.stdout), format!("{bulk}\n"));
            }
        },
    );
}

#[test]
fn an_entry_that_is_not_utf8_is_an_error_that_keeps_the_entry() {
    let file = b"tcp 6 TCP\nbad 250 \xc3\x28\n";
    common::with_private_etc(
        "an_entry_that_is_not_utf8_is_an_error_that_keeps_the_entry",
        &[("protocols", Some(file))],
        || {
            match Protocol::from_number(250) {
                Err(Error::NonUtf8(bad)) => {
                    assert_eq!((bad.field, bad.bytes.as_slice()), ("alias", &b"\xc3\x28"[..]));
                    assert_eq!(
                        bad.entry,
                        netdb::LossyEntry::Protocol(Protocol {
                            name: "bad".into(),
                            aliases: vec!["\u{fffd}(".into()],
                            number: 250
                        })
                    );
                }
                other => panic!("expected NonUtf8, got {other:?}"),
            }
            assert!(matches!(Protocol::all(), Err(Error::NonUtf8(_))));
            assert_eq!(Protocol::all_lossy().unwrap().len(), 2);
        },
    );
}

#[test]
fn the_protocol_twin_fails_where_python_fails() {
    let file = b"udp 17 UDP\ntcp 6 TCP\n";
    common::with_private_etc(
        "the_protocol_twin_fails_where_python_fails",
        &[("protocols", Some(file))],
        || {
            let rust = common::run_example("socket_getprotobyname", &[]);
            assert_eq!(rust.status.code(), Some(1));
            assert!(rust.stdout.is_empty(), "icmp is the first lookup");
            assert!(String::from_utf8_lossy(&rust.stderr).contains("protocol not found"));
            if let Some(python) = common::run_python_script("socket_getprotobyname") {
                assert_eq!(python.status.code(), Some(1));
                assert!(python.stdout.is_empty());
            }
        },
    );
}
