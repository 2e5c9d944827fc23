//! The protocols database, through the public API, against the real system database
//! and against private `/etc/protocols` files.
//!
//! musl never reads `/etc/protocols`: its protocols are a table compiled into it, with
//! no aliases. On musl the tests with a private file assert that the file changes
//! nothing, and the others hold for its table as for any file.

mod common;

common::test_main!(
    every_entry_is_found_by_every_name_and_number_as_the_enumeration_predicts,
    #[cfg(target_env = "musl")]
    musl_reads_its_built_in_table,
    lookups_between_enumerations_see_the_whole_database,
    the_ip_protocols_have_their_iana_numbers,
    what_the_database_lacks_is_none,
    a_nul_byte_in_the_name_is_an_error,
    thousands_of_aliases_make_the_buffer_grow,
    an_entry_that_is_not_utf8_is_an_error_that_keeps_the_entry,
    the_protocol_twin_fails_where_python_fails,
);

use netdb::{Error, Protocol};

const MUSL: bool = cfg!(target_env = "musl");

/// musl 1.2.3's built-in table, in its order: (name, number). No entry has aliases.
const MUSL_TABLE: [(&str, i32); 36] = [
    ("ip", 0),
    ("icmp", 1),
    ("igmp", 2),
    ("ggp", 3),
    ("ipencap", 4),
    ("st", 5),
    ("tcp", 6),
    ("egp", 8),
    ("pup", 12),
    ("udp", 17),
    ("hmp", 20),
    ("xns-idp", 22),
    ("rdp", 27),
    ("iso-tp4", 29),
    ("xtp", 36),
    ("ddp", 37),
    ("idpr-cmtp", 38),
    ("ipv6", 41),
    ("ipv6-route", 43),
    ("ipv6-frag", 44),
    ("idrp", 45),
    ("rsvp", 46),
    ("gre", 47),
    ("esp", 50),
    ("ah", 51),
    ("skip", 57),
    ("ipv6-icmp", 58),
    ("ipv6-nonxt", 59),
    ("ipv6-opts", 60),
    ("rspf", 73),
    ("vmtp", 81),
    ("ospf", 89),
    ("ipip", 94),
    ("encap", 98),
    ("pim", 103),
    ("raw", 255),
];

/// On musl, that the protocols database is still exactly the built-in table, whatever
/// `/etc/protocols` says.
fn assert_musl_table() {
    let all = Protocol::all().unwrap();
    let listed: Vec<(&str, i32)> = all.iter().map(|p| (p.name.as_str(), p.number)).collect();
    assert_eq!(listed, MUSL_TABLE);
    assert!(all.iter().all(|p| p.aliases.is_empty()), "{all:?}");
}

fn first_by_name<'a>(all: &'a [Protocol], key: &str) -> Option<&'a Protocol> {
    all.iter().find(|p| p.name == key || p.aliases.iter().any(|a| a == key))
}

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

/// musl's table is what its protocols functions read: 36 entries without aliases; the
/// names of the table compare case-sensitively and `/etc/protocols`' aliases (`TCP`)
/// are not names there.
#[cfg(target_env = "musl")]
fn musl_reads_its_built_in_table() {
    assert_musl_table();
    for (name, number) in MUSL_TABLE {
        let expected = Some(Protocol { name: name.into(), aliases: vec![], number });
        assert_eq!(Protocol::from_name(name).unwrap(), expected, "{name}");
        assert_eq!(Protocol::from_number(number).unwrap(), expected, "{number}");
    }
    assert_eq!(Protocol::from_name("TCP").unwrap(), None);
    assert_eq!(Protocol::from_name("icmpv6").unwrap(), None, "musl calls it ipv6-icmp");
    assert_eq!(Protocol::from_number(7).unwrap(), None);
}

/// musl's protocols functions share one static index: a lookup in the middle of an
/// enumeration must neither disturb it nor be disturbed by it.
fn lookups_between_enumerations_see_the_whole_database() {
    let all = Protocol::all().unwrap();
    for entry in &all {
        assert_eq!(
            Protocol::from_number(entry.number).unwrap().map(|p| p.number),
            Some(entry.number)
        );
        assert_eq!(Protocol::all().unwrap(), all, "after looking up {}", entry.name);
    }
}

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

fn what_the_database_lacks_is_none() {
    assert_eq!(Protocol::from_name("no-such-protocol").unwrap(), None);
    assert_eq!(Protocol::from_name("").unwrap(), None);
    assert_eq!(Protocol::from_name("TCPX").unwrap(), None);
    assert_eq!(Protocol::from_name(&"p".repeat(1 << 20)).unwrap(), None);
    for number in [-1, i32::MIN, 256, 99_999, i32::MAX] {
        assert_eq!(Protocol::from_number(number).unwrap(), None, "{number}");
    }
}

fn a_nul_byte_in_the_name_is_an_error() {
    let err = Protocol::from_name("tcp\0udp").unwrap_err();
    assert!(matches!(err, Error::InteriorNul { argument: "name", position: 3 }), "{err:?}");
}

fn thousands_of_aliases_make_the_buffer_grow() {
    let aliases: Vec<String> = (0..4000).map(|i| format!("proto-alias-{i}")).collect();
    let file = format!("bulk 200 {}\nudp 17 UDP\n", aliases.join(" "));
    common::with_private_etc(
        "thousands_of_aliases_make_the_buffer_grow",
        &[("protocols", Some(file.as_bytes()))],
        || {
            if MUSL {
                assert_musl_table();
                assert_eq!(Protocol::from_number(200).unwrap(), None);
                assert_eq!(Protocol::from_name("proto-alias-3999").unwrap(), None);
                return;
            }
            let bulk = Protocol::from_number(200).unwrap().expect("bulk is in the private file");
            assert_eq!(bulk.aliases, aliases);
            assert_eq!(Protocol::from_name("proto-alias-3999").unwrap().as_ref(), Some(&bulk));
            assert_eq!(
                Protocol::from_name("UDP").unwrap().expect("udp after the long line").number,
                17
            );
            assert_eq!(Protocol::all().unwrap().len(), 2);
            let getent = common::run_getent(&["protocols", "bulk"]);
            assert_eq!(String::from_utf8_lossy(&getent.stdout), format!("{bulk}\n"));
        },
    );
}

fn an_entry_that_is_not_utf8_is_an_error_that_keeps_the_entry() {
    let file = b"tcp 6 TCP\nbad 250 \xc3\x28\n";
    common::with_private_etc(
        "an_entry_that_is_not_utf8_is_an_error_that_keeps_the_entry",
        &[("protocols", Some(file))],
        || {
            if MUSL {
                assert_musl_table();
                assert_eq!(Protocol::from_number(250).unwrap(), None);
                return;
            }
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

fn the_protocol_twin_fails_where_python_fails() {
    let file = b"udp 17 UDP\ntcp 6 TCP\n";
    common::with_private_etc(
        "the_protocol_twin_fails_where_python_fails",
        &[("protocols", Some(file))],
        || {
            if MUSL {
                // musl's table has icmp whatever the file says: the twin succeeds.
                let rust = common::run_example("socket_getprotobyname", &[]);
                assert_eq!(rust.status.code(), Some(0));
                let stdout = String::from_utf8_lossy(&rust.stdout);
                assert!(stdout.starts_with("icmp ->  1 (netdb::IPPROTO_ICMP"), "{stdout}");
                assert_eq!(stdout.lines().count(), 3, "{stdout}");
                return;
            }
            let rust = common::run_example("socket_getprotobyname", &[]);
            assert_eq!(rust.status.code(), Some(1));
            assert!(rust.stdout.is_empty(), "icmp is the first lookup");
            assert!(String::from_utf8_lossy(&rust.stderr).contains("protocol not found"));
            let python = common::run_python("socket_getprotobyname");
            assert_eq!(python.status.code(), Some(1));
            assert!(python.stdout.is_empty());
        },
    );
}
