//! The indexed snapshots answer every key exactly as the system lookups do.

use netdb::{Protocol, ProtocolTable, Service, ServiceTable};

/// Where the C library's lookups follow database order (glibc, FreeBSD), the table's
/// answers must be the lookups' answers; elsewhere the table documents how it differs.
const LOOKUPS_FOLLOW_DATABASE_ORDER: bool =
    cfg!(any(all(target_os = "linux", target_env = "gnu"), target_os = "freebsd"));

#[test]
fn the_service_table_answers_every_key_as_the_system_does() {
    let table = ServiceTable::load().unwrap();
    assert_eq!(table.len(), Service::all().unwrap().len());
    if !LOOKUPS_FOLLOW_DATABASE_ORDER {
        eprintln!("skipping the key-by-key comparison: this C library's lookups do not follow database order");
        return;
    }
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

#[test]
fn the_protocol_table_answers_every_key_as_the_system_does() {
    let table = ProtocolTable::load().unwrap();
    assert_eq!(table.len(), Protocol::all().unwrap().len());
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

#[test]
fn the_builtin_tables_agree_with_this_machines_database_on_the_well_known_ports() {
    // The compiled-in table is IANA's; a system file may name a port differently (Debian
    // calls 143 "imap2"), but each well-known name maps to the same port.
    let system = ServiceTable::load().unwrap();
    let builtin = ServiceTable::builtin();
    for name in ["ssh", "smtp", "domain", "http", "https", "ntp", "imaps", "pop3s"] {
        let protocol = if name == "ntp" { "udp" } else { "tcp" };
        if let Some(service) = system.by_name(name, Some(protocol)) {
            assert_eq!(
                builtin.by_name(name, Some(protocol)).map(|s| s.port),
                Some(service.port),
                "{name}"
            );
        }
    }
}
