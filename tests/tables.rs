//! The indexed snapshots answer every key exactly as the system lookups do: with this
//! machine's databases (whatever they hold, so each test says what it needs of them and
//! is ignored where they lack it), and with private ones whose entries are chosen to
//! catch the rules (aliases, a name that is another entry's alias, a port or number with
//! two names).

mod common;

common::test_main!(
    the_service_table_answers_every_key_as_the_system_does,
    the_service_table_answers_every_key_of_a_private_database,
    the_protocol_table_answers_every_key_as_the_system_does,
    the_protocol_table_answers_every_key_of_a_private_database,
    the_builtin_tables_agree_with_this_machines_database_on_the_well_known_ports,
    the_builtin_tables_agree_with_debians_database_on_the_well_known_ports,
);

use netdb::{Protocol, ProtocolTable, Service, ServiceTable};

/// Where the C library's lookups follow database order (glibc, FreeBSD), the table's
/// answers must be the lookups' answers; elsewhere the table documents how it differs.
const LOOKUPS_FOLLOW_DATABASE_ORDER: bool =
    cfg!(any(all(target_os = "linux", target_env = "gnu"), target_os = "freebsd"));

/// A services database with what the lookup rules turn on: the first line of a name or
/// port wins, `www` is an alias of http and later the name of its own line, port 80/tcp
/// has a second name, and one service has lines for three protocols.
const PRIVATE_SERVICES: &[u8] = b"# tables.rs
tcpmux\t\t1/tcp
echo\t\t7/tcp
echo\t\t7/udp
ssh\t\t22/tcp
http\t\t80/tcp\t\twww www-http
http\t\t80/udp\t\twww
kerberos\t88/tcp\t\tkerberos5 krb5 kerberos-sec
kerberos\t88/udp\t\tkerberos5 krb5
http-alt\t80/tcp\t\tsecond-http
www\t\t8080/tcp
imap2\t\t143/tcp\t\timap
imaps\t\t993/tcp
sctp-only\t9/sctp
";

/// A protocols database with aliases and a number with a second name.
const PRIVATE_PROTOCOLS: &[u8] = b"# tables.rs
ip\t0\tIP
icmp\t1\tICMP
tcp\t6\tTCP
udp\t17\tUDP
tcp-again\t6\tTCP2
ipv6-icmp\t58\tIPv6-ICMP icmpv6
";

/// The lines of the well-known services as Debian 12's /etc/services writes them.
const DEBIAN_WELL_KNOWN: &[u8] = b"ssh\t\t22/tcp\t\t\t\t# SSH Remote Login Protocol
smtp\t\t25/tcp\t\tmail
domain\t\t53/tcp\t\t\t\t# Domain Name Server
domain\t\t53/udp
http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP
ntp\t\t123/udp\t\t\t\t# Network Time Protocol
imap2\t\t143/tcp\t\timap\t\t# Interim Mail Access P 2 and 4
https\t\t443/tcp\t\t\t\t# http protocol over TLS/SSL
https\t\t443/udp\t\t\t\t# HTTP/3
imaps\t\t993/tcp\t\t\t\t# IMAP over SSL
pop3s\t\t995/tcp\t\t\t\t# POP-3 over SSL
";

/// The names [`assert_builtin_agrees`] compares, with their protocols.
const WELL_KNOWN: [(&str, &str); 8] = [
    ("ssh", "tcp"),
    ("smtp", "tcp"),
    ("domain", "tcp"),
    ("http", "tcp"),
    ("https", "tcp"),
    ("ntp", "udp"),
    ("imaps", "tcp"),
    ("pop3s", "tcp"),
];

fn the_service_table_answers_every_key_as_the_system_does() {
    if !LOOKUPS_FOLLOW_DATABASE_ORDER {
        common::ignore("this C library's lookups do not follow database order (see ServiceTable)");
    }
    if Service::all().unwrap().is_empty() {
        common::ignore("needs this machine's services database to have entries, and it has none");
    }
    assert_service_table_agrees();
}

fn the_service_table_answers_every_key_of_a_private_database() {
    if !LOOKUPS_FOLLOW_DATABASE_ORDER {
        common::ignore("this C library's lookups do not follow database order (see ServiceTable)");
    }
    common::with_private_etc(
        "the_service_table_answers_every_key_of_a_private_database",
        &[("services", Some(PRIVATE_SERVICES))],
        || {
            assert_eq!(ServiceTable::load().unwrap().len(), 13, "the private file is read");
            let table = ServiceTable::load().unwrap();
            // The rules the file was written for.
            assert_eq!(table.by_name("www", None).map(|s| s.port), Some(80));
            assert_eq!(table.by_port(80, Some("tcp")).map(|s| s.name.as_str()), Some("http"));
            assert_eq!(table.by_name("second-http", None).map(|s| s.port), Some(80));
            assert_eq!(table.by_name("sctp-only", Some("tcp")), None);
            assert_service_table_agrees();
        },
    );
}

/// Every key of the loaded services table (each name and alias with no protocol, its
/// own and another, each port with no protocol and its own) finds what the system's
/// lookup finds.
fn assert_service_table_agrees() {
    let table = ServiceTable::load().unwrap();
    assert_eq!(table.len(), Service::all().unwrap().len());
    let mut keys = 0;
    for entry in &table {
        for name in std::iter::once(&entry.name).chain(&entry.aliases) {
            for protocol in [None, Some(entry.protocol.as_str()), Some("no-such-protocol")] {
                let system = Service::from_name(name, protocol).unwrap();
                assert_eq!(
                    table.by_name(name, protocol),
                    system.as_ref(),
                    "by name {name:?} {protocol:?}"
                );
                keys += 1;
            }
        }
        for protocol in [None, Some(entry.protocol.as_str())] {
            let system = Service::from_port(entry.port, protocol).unwrap();
            assert_eq!(
                table.by_port(entry.port, protocol),
                system.as_ref(),
                "by port {} {protocol:?}",
                entry.port
            );
            keys += 1;
        }
    }
    // Keys the database lacks are absent from both.
    for name in ["no-such-service", "", "HTTP"] {
        assert_eq!(table.by_name(name, None), Service::from_name(name, None).unwrap().as_ref());
    }
    assert!(keys > table.len(), "every entry was asked for by several keys");
}

fn the_protocol_table_answers_every_key_as_the_system_does() {
    if Protocol::all().unwrap().is_empty() {
        common::ignore("needs this machine's protocols database to have entries, and it has none");
    }
    assert_protocol_table_agrees();
}

fn the_protocol_table_answers_every_key_of_a_private_database() {
    common::with_private_etc(
        "the_protocol_table_answers_every_key_of_a_private_database",
        &[("protocols", Some(PRIVATE_PROTOCOLS))],
        || {
            if !cfg!(target_env = "musl") {
                // (musl reads its built-in table, not the file.)
                let table = ProtocolTable::load().unwrap();
                assert_eq!(table.len(), 6, "the private file is read");
                assert_eq!(table.by_number(6).map(|p| p.name.as_str()), Some("tcp"));
                assert_eq!(table.by_name("TCP2").map(|p| p.name.as_str()), Some("tcp-again"));
            }
            assert_protocol_table_agrees();
        },
    );
}

/// Every name, alias and number of the loaded protocols table finds what the system's
/// lookup finds.
fn assert_protocol_table_agrees() {
    let table = ProtocolTable::load().unwrap();
    assert_eq!(table.len(), Protocol::all().unwrap().len());
    assert!(!table.is_empty(), "the protocols database has entries");
    for entry in &table {
        for name in std::iter::once(&entry.name).chain(&entry.aliases) {
            assert_eq!(
                table.by_name(name),
                Protocol::from_name(name).unwrap().as_ref(),
                "{name:?}"
            );
        }
        assert_eq!(
            table.by_number(entry.number),
            Protocol::from_number(entry.number).unwrap().as_ref()
        );
    }
    for number in [-1, 256, 9999] {
        assert_eq!(table.by_number(number), None);
    }
}

fn the_builtin_tables_agree_with_this_machines_database_on_the_well_known_ports() {
    let compared = assert_builtin_agrees();
    if compared == 0 {
        common::ignore(
            "needs this machine's services database to name a well-known service \
             (ssh, smtp, domain, http, https, ntp, imaps, pop3s), and it names none",
        );
    }
}

fn the_builtin_tables_agree_with_debians_database_on_the_well_known_ports() {
    common::with_private_etc(
        "the_builtin_tables_agree_with_debians_database_on_the_well_known_ports",
        &[("services", Some(DEBIAN_WELL_KNOWN))],
        || assert_eq!(assert_builtin_agrees(), WELL_KNOWN.len()),
    );
}

/// The compiled-in table is IANA's; a system file may name a port differently (Debian
/// calls 143 "imap2"), but each well-known name the system's database has maps to the
/// same port. Returns how many names it compared.
fn assert_builtin_agrees() -> usize {
    let system = ServiceTable::load().unwrap();
    let builtin = ServiceTable::builtin();
    let mut compared = 0;
    for (name, protocol) in WELL_KNOWN {
        if let Some(service) = system.by_name(name, Some(protocol)) {
            assert_eq!(
                builtin.by_name(name, Some(protocol)).map(|s| s.port),
                Some(service.port),
                "{name}"
            );
            compared += 1;
        }
    }
    compared
}
