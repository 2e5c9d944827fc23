//! Broken databases, each in a private mount namespace (`common::with_private_etc`):
//! missing and empty files, CRLF line ends, comments everywhere, lines of 100 KiB, an
//! entry with 10,000 aliases, bytes that are not UTF-8, numbers out of range and bad
//! addresses, duplicate names, and odd white space, for `/etc/services`,
//! `/etc/protocols` and `/etc/hosts` at once (a private /etc costs a process and a copy
//! of /etc, so each breakage is one run for the three databases).
//!
//! Each test first asserts what netdb answers for the keys that show the breakage, and
//! says why. Then, where the C library is glibc and its `getent` runs, it compares netdb
//! with getent for every key of each file (each name, alias, port or number, address,
//! `name/protocol` and `port/protocol`; a sample of a line's aliases when it has
//! thousands) and for each enumeration: found or not, and the whole entry as getent
//! prints it (netdb's `Display` for services and protocols; getent's `print_hosts` for
//! hosts). Keys go through the same function getent calls for them (`getent services
//! 80` is a lookup by port, `getent hosts NAME` tries IPv6 and then IPv4), all of a
//! database in one getent run, and one run per key only to name a key that differs.
//! Host names are compared with `getent ahostsv4` too, through `Host::from_name` and
//! `getaddrinfo`. An entry that is not UTF-8 is compared with its raw bytes put back
//! from the `Error::NonUtf8` that holds them.
//!
//! Every file says `hosts: files` in nsswitch.conf, so no key goes to DNS on glibc.
//! musl reads files by rules of its own (netdb's `sys/musl.rs`): its services lookups
//! name an entry after the key and give no aliases, skip lines that begin with a blank
//! and read lines in pieces of 127 bytes; it never reads `/etc/protocols` (its protocols
//! are a built-in table); it reads `/etc/hosts` in pieces of 511 bytes, case-sensitively,
//! merging every line of a name, and asks DNS for what the file lacks (the names and
//! addresses here are reserved for documentation, which DNS does not know). Where it
//! differs, the tests assert musl's answer under `MUSL`; the comparisons with getent,
//! whose glibc reads the files differently, run on glibc only.

mod common;

common::test_main!(
    missing_files_are_empty_databases,
    empty_files_are_empty_databases,
    crlf_line_ends_are_blanks,
    comments_everywhere_end_the_line,
    lines_of_100_kib_are_read_whole,
    an_entry_with_10000_aliases_is_whole,
    bytes_that_are_not_utf8_are_an_error_that_keeps_the_entry,
    numbers_out_of_range_and_bad_addresses,
    duplicate_names_first_match_wins,
    duplicate_host_lines_without_multi_are_not_merged,
    white_space_oddities_separate_fields,
);

use std::collections::HashSet;
use std::net::IpAddr;
use std::process::Output;

use netdb::{AddressFamily, Error, Hints, Host, LossyEntry, NonUtf8Entry, Protocol, Service};

const MUSL: bool = cfg!(target_env = "musl");

/// Whether the C library is glibc, whose `getent` netdb's answers are compared with.
const GLIBC: bool = cfg!(all(target_os = "linux", target_env = "gnu"));

/// Only files: no key of these tests may reach DNS on glibc.
const NSSWITCH: &[u8] = b"hosts: files\nnetworks: files\nservices: files\nprotocols: files\n";

/// glibc merges the lines of a host name only with `multi on`.
const MULTI_ON: &[u8] = b"multi on\n";

// --- the private /etc -----------------------------------------------------------------

/// The databases of one private /etc; `None` removes the file.
struct Databases<'a> {
    services: Option<&'a [u8]>,
    protocols: Option<&'a [u8]>,
    hosts: Option<&'a [u8]>,
    host_conf: &'a [u8],
}

/// Runs `body` with `databases` in a private /etc (and `hosts: files` everywhere).
fn with_databases(test_name: &str, databases: &Databases, body: impl FnOnce()) {
    common::with_private_etc(
        test_name,
        &[
            ("services", databases.services),
            ("protocols", databases.protocols),
            ("hosts", databases.hosts),
            ("host.conf", Some(databases.host_conf)),
            ("nsswitch.conf", Some(NSSWITCH)),
        ],
        body,
    );
}

// --- building expected entries ---------------------------------------------------------

fn ip(text: &str) -> IpAddr {
    text.parse().unwrap()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn service(name: &str, port: u16, protocol: &str, aliases: &[&str]) -> Service {
    Service { name: name.into(), aliases: strings(aliases), port, protocol: protocol.into() }
}

fn protocol(name: &str, number: i32, aliases: &[&str]) -> Protocol {
    Protocol { name: name.into(), aliases: strings(aliases), number }
}

fn host(name: &str, aliases: &[&str], addresses: &[&str]) -> Host {
    Host {
        name: name.into(),
        aliases: strings(aliases),
        addresses: addresses.iter().map(|a| ip(a)).collect(),
    }
}

/// What `Service::from_name(key, ..)` returns for the line `entry`: the entry, but on
/// musl named `key` and without aliases.
fn by_name(key: &str, entry: Service) -> Option<Service> {
    Some(if MUSL { Service { name: key.into(), aliases: vec![], ..entry } } else { entry })
}

/// What `Service::from_port` returns for the line `entry`: on musl, without aliases.
fn by_port(entry: Service) -> Option<Service> {
    Some(if MUSL { Service { aliases: vec![], ..entry } } else { entry })
}

/// What `Host::from_name(key, ..)` returns for a host of one line: on musl the only
/// alias is `key`, if it is not the host's name.
fn host_by_name(key: &str, entry: Host) -> Option<Host> {
    if !MUSL {
        return Some(entry);
    }
    let aliases = if key == entry.name { vec![] } else { vec![key.to_owned()] };
    Some(Host { aliases, ..entry })
}

/// What `Host::from_addr` returns for a host of one line: on musl, without aliases.
fn host_by_addr(entry: Host) -> Option<Host> {
    Some(if MUSL { Host { aliases: vec![], ..entry } } else { entry })
}

/// That `result` is `Error::NonUtf8` for `field`, whose raw bytes are `bytes`, keeping
/// `entry` decoded lossily.
fn assert_non_utf8<T: std::fmt::Debug>(
    what: &str,
    result: netdb::Result<Option<T>>,
    field: &str,
    bytes: &[u8],
    entry: LossyEntry,
) {
    match result {
        Err(Error::NonUtf8(bad)) => {
            assert_eq!((bad.field, bad.bytes.as_slice()), (field, bytes), "{what}");
            assert_eq!(bad.entry, entry, "{what}");
        }
        other => panic!("{what}: expected NonUtf8, got {other:?}"),
    }
}

/// musl never reads /etc/protocols: whatever the file says, the database is musl's
/// built-in table of 36 entries without aliases, and the file's own names are unknown.
fn assert_musl_ignores_the_protocols_file(names_only_in_the_file: &[&str]) {
    let all = Protocol::all().unwrap();
    assert_eq!(all.len(), 36, "musl's table");
    assert!(all.iter().all(|p| p.aliases.is_empty()), "musl's table has no aliases");
    assert_eq!(Protocol::from_name("tcp").unwrap(), Some(protocol("tcp", 6, &[])));
    assert_eq!(Protocol::from_number(17).unwrap(), Some(protocol("udp", 17, &[])));
    for name in names_only_in_the_file {
        assert_eq!(Protocol::from_name(name).unwrap(), None, "{name} is only in the file");
    }
}

// --- what getent would print -------------------------------------------------------------

/// A key for a message: keys of 100 KiB are shown by their length.
fn show(key: &str) -> String {
    if key.len() > 60 {
        format!("<a key of {} bytes>", key.len())
    } else {
        format!("{key:?}")
    }
}

/// What getent printed and its exit status; `None` where the C library is not glibc,
/// whose getent is the oracle (the test is ignored where that getent cannot run).
fn getent(args: &[&str]) -> Option<Output> {
    if !GLIBC {
        return None;
    }
    Some(common::run_getent(args))
}

/// How getent would print netdb's answer for one key.
enum Printed {
    NotFound,
    /// The lines; `exact` unless a string that was not UTF-8 could not be restored to its
    /// raw bytes (only the first such field of an entry can), in which case only the
    /// lossy decoding of getent's lines can be compared.
    Found {
        bytes: Vec<u8>,
        exact: bool,
    },
}

fn has_replacement(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|w| w == "\u{fffd}".as_bytes())
}

/// An entry's strings as the C library holds them: the field an `Error::NonUtf8` names
/// is put back to its raw bytes.
struct Raw {
    name: Vec<u8>,
    aliases: Vec<Vec<u8>>,
    protocol: Vec<u8>,
}

impl Raw {
    fn new(name: &str, aliases: &[String], protocol: &str, bad: Option<&NonUtf8Entry>) -> Raw {
        let mut raw = Raw {
            name: name.as_bytes().to_vec(),
            aliases: aliases.iter().map(|a| a.as_bytes().to_vec()).collect(),
            protocol: protocol.as_bytes().to_vec(),
        };
        if let Some(bad) = bad {
            assert!(std::str::from_utf8(&bad.bytes).is_err(), "NonUtf8 keeps bytes that are UTF-8");
            let lossy = String::from_utf8_lossy(&bad.bytes).into_owned().into_bytes();
            let slot = match bad.field {
                "name" => Some(&mut raw.name),
                "protocol" => Some(&mut raw.protocol),
                "alias" => raw.aliases.iter_mut().find(|alias| **alias == lossy),
                _ => None,
            };
            match slot {
                Some(slot) if *slot == lossy => *slot = bad.bytes.clone(),
                _ => panic!(
                    "NonUtf8 names a {} the entry lacks: {:?}",
                    bad.field,
                    bad.bytes.escape_ascii()
                ),
            }
        }
        raw
    }

    /// Whether every string is as the C library holds it.
    fn exact(&self) -> bool {
        let mut strings = std::iter::once(&self.name).chain(&self.aliases).chain([&self.protocol]);
        !strings.any(|s| has_replacement(s))
    }

    fn write_aliases(&self, line: &mut Vec<u8>) {
        for alias in &self.aliases {
            line.push(b' ');
            line.extend_from_slice(alias);
        }
        line.push(b'\n');
    }

    /// `printf ("%-21s", name)`: C pads to 21 bytes.
    fn write_padded_name(&self, line: &mut Vec<u8>) {
        line.extend_from_slice(&self.name);
        line.resize(line.len() + 21usize.saturating_sub(self.name.len()), b' ');
    }

    /// getent's `print_services`.
    fn service_line(&self, port: u16) -> Vec<u8> {
        let mut line = Vec::new();
        self.write_padded_name(&mut line);
        line.extend_from_slice(format!(" {port}/").as_bytes());
        line.extend_from_slice(&self.protocol);
        self.write_aliases(&mut line);
        line
    }

    /// getent's `print_protocols`.
    fn protocol_line(&self, number: i32) -> Vec<u8> {
        let mut line = Vec::new();
        self.write_padded_name(&mut line);
        line.extend_from_slice(format!(" {number}").as_bytes());
        self.write_aliases(&mut line);
        line
    }

    /// getent's `print_hosts`: a line per address, `%-15s` of the address, the name and
    /// the aliases. (Rust writes addresses as `inet_ntop` does, RFC 5952, but for
    /// IPv4-compatible ones such as `::1.2.3.4`, which no file here has.)
    fn host_lines(&self, addresses: &[IpAddr]) -> Vec<u8> {
        let mut lines = Vec::new();
        for address in addresses {
            lines.extend_from_slice(format!("{address:<15} ").as_bytes());
            lines.extend_from_slice(&self.name);
            self.write_aliases(&mut lines);
        }
        lines
    }
}

fn printed_service(key: &str, result: netdb::Result<Option<Service>>) -> Printed {
    match result {
        Ok(None) => Printed::NotFound,
        // netdb's Display is getent's line.
        Ok(Some(service)) => {
            Printed::Found { bytes: format!("{service}\n").into_bytes(), exact: true }
        }
        Err(Error::NonUtf8(bad)) => {
            let LossyEntry::Service(s) = &bad.entry else {
                panic!("services {}: {bad:?}", show(key))
            };
            let raw = Raw::new(&s.name, &s.aliases, &s.protocol, Some(&bad));
            Printed::Found { bytes: raw.service_line(s.port), exact: raw.exact() }
        }
        Err(other) => panic!("services {}: {other}", show(key)),
    }
}

fn printed_protocol(key: &str, result: netdb::Result<Option<Protocol>>) -> Printed {
    match result {
        Ok(None) => Printed::NotFound,
        Ok(Some(protocol)) => {
            Printed::Found { bytes: format!("{protocol}\n").into_bytes(), exact: true }
        }
        Err(Error::NonUtf8(bad)) => {
            let LossyEntry::Protocol(p) = &bad.entry else {
                panic!("protocols {}: {bad:?}", show(key))
            };
            let raw = Raw::new(&p.name, &p.aliases, "", Some(&bad));
            Printed::Found { bytes: raw.protocol_line(p.number), exact: raw.exact() }
        }
        Err(other) => panic!("protocols {}: {other}", show(key)),
    }
}

fn printed_host(key: &str, result: netdb::Result<Option<Host>>) -> Printed {
    let (host, bad) = match &result {
        Ok(None) => return Printed::NotFound,
        Ok(Some(host)) => (host, None),
        Err(Error::NonUtf8(bad)) => match &bad.entry {
            LossyEntry::Host(host) => (host, Some(&**bad)),
            _ => panic!("hosts {}: {bad:?}", show(key)),
        },
        Err(other) => panic!("hosts {}: {other}", show(key)),
    };
    let raw = Raw::new(&host.name, &host.aliases, "", bad);
    Printed::Found { bytes: raw.host_lines(&host.addresses), exact: raw.exact() }
}

/// getent's `services_keys` for one key: split at the first `/` into a name and a
/// protocol; a name that starts with a digit and that `strtol` reads whole as 0 to 65535
/// is a port, any other a name.
fn service_for_key(key: &str) -> netdb::Result<Option<Service>> {
    let (name, protocol) = match key.split_once('/') {
        Some((name, protocol)) => (name, Some(protocol)),
        None => (key, None),
    };
    let digits = !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit());
    match name.parse::<u32>().ok().and_then(|port| u16::try_from(port).ok()) {
        Some(port) if digits => Service::from_port(port, protocol),
        _ => Service::from_name(name, protocol),
    }
}

/// getent's `protocols_keys` for one key: `isdigit (key[0]) ? getprotobynumber (atol
/// (key)) : getprotobyname (key)`, where the long from `atol` is cut to an int.
fn protocol_for_key(key: &str) -> netdb::Result<Option<Protocol>> {
    if !key.starts_with(|c: char| c.is_ascii_digit()) {
        return Protocol::from_name(key);
    }
    let digits = key.bytes().take_while(u8::is_ascii_digit);
    let value = digits.fold(0i64, |value, digit| {
        value.saturating_mul(10).saturating_add(i64::from(digit - b'0'))
    });
    Protocol::from_number(value as i32)
}

/// getent's `hosts_keys` for one key: an address goes to `gethostbyaddr`, anything else
/// to `gethostbyname2 (key, AF_INET6)` and, if that finds nothing, to
/// `gethostbyname2 (key, AF_INET)`.
fn host_for_key(key: &str) -> netdb::Result<Option<Host>> {
    if let Ok(address) = key.parse::<IpAddr>() {
        return Host::from_addr(address);
    }
    match Host::from_name(key, AddressFamily::Inet6) {
        Ok(None) => Host::from_name(key, AddressFamily::Inet),
        found => found,
    }
}

/// Describes where two outputs differ, without printing them whole (a line may be
/// 100 KiB).
fn difference(ours: &[u8], theirs: &[u8]) -> String {
    let at =
        ours.iter().zip(theirs).position(|(a, b)| a != b).unwrap_or(ours.len().min(theirs.len()));
    let start = at.saturating_sub(40);
    let around = |bytes: &[u8]| {
        bytes[start.min(bytes.len())..(at + 40).min(bytes.len())].escape_ascii().to_string()
    };
    format!(
        "netdb {} bytes, getent {} bytes, first difference at byte {at}:\n  netdb:  {:?}\n  getent: {:?}",
        ours.len(),
        theirs.len(),
        around(ours),
        around(theirs)
    )
}

fn same_output(ours: &[u8], theirs: &[u8], exact: bool) -> bool {
    if exact {
        ours == theirs
    } else {
        String::from_utf8_lossy(ours) == String::from_utf8_lossy(theirs)
    }
}

/// That getent's run for one key printed `printed`.
fn assert_printed(what: &str, printed: &Printed, getent: &Output) {
    match printed {
        Printed::NotFound => {
            assert_eq!(
                getent.status.code(),
                Some(2),
                "{what}: netdb finds nothing, getent's status"
            );
            assert!(
                getent.stdout.is_empty(),
                "{what}: netdb finds nothing, getent prints {}",
                difference(b"", &getent.stdout)
            );
        }
        Printed::Found { bytes, exact } => {
            assert_eq!(
                getent.status.code(),
                Some(0),
                "{what}: netdb finds an entry, getent's status"
            );
            assert!(
                same_output(bytes, &getent.stdout, *exact),
                "{what}: {}",
                difference(bytes, &getent.stdout)
            );
        }
    }
}

/// Compares netdb's answer for each of `keys` with getent's: all keys in one getent run,
/// and only if that differs one run per key, to name the key.
fn assert_keys_agree(database: &str, keys: &[String], answer: impl Fn(&str) -> Printed) {
    if keys.is_empty() || !GLIBC {
        return;
    }
    let printed: Vec<Printed> = keys.iter().map(|key| answer(key)).collect();
    let mut args = vec![database, "--"];
    args.extend(keys.iter().map(String::as_str));
    let Some(batch) = getent(&args) else { return };
    let mut expected = Vec::new();
    let (mut all_found, mut exact) = (true, true);
    for answer in &printed {
        match answer {
            Printed::NotFound => all_found = false,
            Printed::Found { bytes, exact: this_exact } => {
                expected.extend_from_slice(bytes);
                exact &= this_exact;
            }
        }
    }
    let status = if all_found { 0 } else { 2 };
    if batch.status.code() == Some(status) && same_output(&expected, &batch.stdout, exact) {
        return;
    }
    for (key, answer) in keys.iter().zip(&printed) {
        let alone = getent(&[database, "--", key]).expect("getent ran a moment ago");
        assert_printed(&format!("getent {database} {}", show(key)), answer, &alone);
    }
    panic!(
        "getent {database} with {} keys: status {:?} (netdb: {status}); {}",
        keys.len(),
        batch.status.code(),
        difference(&expected, &batch.stdout)
    );
}

/// Compares an enumeration's lines with `getent DATABASE`'s. A line with U+FFFD (a
/// string that was not UTF-8) is compared field by field with getent's line decoded
/// lossily: C pads the raw name, which may be shorter than its lossy form.
fn assert_enumeration_agrees(database: &str, lines: &[Vec<u8>]) {
    let Some(getent) = getent(&[database]) else { return };
    assert_eq!(getent.status.code(), Some(0), "getent {database}");
    let theirs: Vec<&[u8]> = getent.stdout.split_inclusive(|&b| b == b'\n').collect();
    assert_eq!(lines.len(), theirs.len(), "the number of entries netdb and getent {database} list");
    for (i, (ours, theirs)) in lines.iter().zip(theirs).enumerate() {
        if has_replacement(ours) {
            let ours = String::from_utf8_lossy(ours);
            let theirs = String::from_utf8_lossy(theirs);
            let fields =
                |line: &str| line.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
            assert_eq!(fields(&ours), fields(&theirs), "getent {database}, entry {i}");
        } else {
            assert!(ours == theirs, "getent {database}, entry {i}: {}", difference(ours, theirs));
        }
    }
}

/// The entries of the three databases, for the enumeration checks.
trait Entry: PartialEq + std::fmt::Debug + Clone {
    fn strings(&self) -> Vec<&str>;
    fn lossy(self) -> LossyEntry;
}

impl Entry for Service {
    fn strings(&self) -> Vec<&str> {
        let names = std::iter::once(&self.name).chain(&self.aliases).chain([&self.protocol]);
        names.map(String::as_str).collect()
    }
    fn lossy(self) -> LossyEntry {
        LossyEntry::Service(self)
    }
}

impl Entry for Protocol {
    fn strings(&self) -> Vec<&str> {
        std::iter::once(&self.name).chain(&self.aliases).map(String::as_str).collect()
    }
    fn lossy(self) -> LossyEntry {
        LossyEntry::Protocol(self)
    }
}

impl Entry for Host {
    fn strings(&self) -> Vec<&str> {
        std::iter::once(&self.name).chain(&self.aliases).map(String::as_str).collect()
    }
    fn lossy(self) -> LossyEntry {
        LossyEntry::Host(self)
    }
}

/// That the strict enumeration is the lossy one when every entry is UTF-8, and otherwise
/// fails with `NonUtf8` for the first entry that is not.
fn assert_strict_matches_lossy<T: Entry>(what: &str, strict: netdb::Result<Vec<T>>, lossy: &[T]) {
    let first_bad = lossy.iter().find(|e| e.strings().iter().any(|s| s.contains('\u{fffd}')));
    match (strict, first_bad) {
        (Ok(strict), None) => assert!(strict == lossy, "{what}: all() and all_lossy() differ"),
        (Err(Error::NonUtf8(bad)), Some(first)) => {
            assert_eq!(bad.entry, first.clone().lossy(), "{what}: the entry all() fails at")
        }
        (Err(other), _) => panic!("{what}: all() failed: {other}"),
        (Ok(_), Some(first)) => panic!("{what}: all() accepted {first:?}"),
    }
}

// --- the keys of a file ------------------------------------------------------------------

/// C's `isspace` in the C locale.
fn is_c_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// The fields of each line of a file: what comes before `#`, split on blanks.
fn file_fields(text: &[u8]) -> Vec<Vec<&[u8]>> {
    text.split(|&b| b == b'\n')
        .map(|line| {
            let content = line.split(|&b| b == b'#').next().unwrap_or_default();
            content.split(|&b| is_c_space(b)).filter(|f| !f.is_empty()).collect::<Vec<_>>()
        })
        .filter(|fields| !fields.is_empty())
        .collect()
}

/// A few of many: all of up to 12, else the first 4, the middle one and the last 4.
fn sample<T>(items: &[T]) -> Vec<&T> {
    if items.len() <= 12 {
        return items.iter().collect();
    }
    let n = items.len();
    items[..4].iter().chain([&items[n / 2]]).chain(&items[n - 4..]).collect()
}

/// Keys in order, each once; only UTF-8 and non-empty ones, which netdb can take, and
/// none that holds U+FFFD (an entry's lossy text, which is no name in the file).
#[derive(Default)]
struct Keys {
    keys: Vec<String>,
    seen: HashSet<String>,
}

impl Keys {
    fn add(&mut self, key: impl AsRef<[u8]>) {
        let Ok(key) = std::str::from_utf8(key.as_ref()) else { return };
        if !key.is_empty() && !key.contains('\u{fffd}') && self.seen.insert(key.to_owned()) {
            self.keys.push(key.to_owned());
        }
    }
}

fn service_keys(file: &[u8], all: &[Service], extra: &[&str]) -> Vec<String> {
    let mut keys = Keys::default();
    for fields in file_fields(file) {
        keys.add(fields[0]);
        let Some(port_field) = fields.get(1) else { continue };
        keys.add(port_field);
        let (port, protocol) = match port_field.iter().position(|&b| b == b'/') {
            Some(slash) => (&port_field[..slash], Some(&port_field[slash + 1..])),
            None => (&port_field[..], None),
        };
        keys.add(port);
        let aliases = sample(&fields[2..]);
        for name in std::iter::once(&fields[0]).chain(aliases.iter().copied()) {
            keys.add(name);
            if let Some(protocol) = protocol {
                keys.add([*name, b"/", protocol].concat());
            }
        }
    }
    for s in all {
        for name in std::iter::once(&s.name).chain(sample(&s.aliases)) {
            keys.add(name);
            keys.add(format!("{name}/{}", s.protocol));
        }
        keys.add(s.port.to_string());
        keys.add(format!("{}/{}", s.port, s.protocol));
    }
    extra.iter().for_each(|key| keys.add(key));
    keys.keys
}

fn protocol_keys(file: &[u8], all: &[Protocol], extra: &[&str]) -> Vec<String> {
    let mut keys = Keys::default();
    for fields in file_fields(file) {
        keys.add(fields[0]);
        for field in sample(&fields[1..]) {
            keys.add(field);
        }
    }
    for p in all {
        keys.add(&p.name);
        keys.add(p.number.to_string());
        sample(&p.aliases).into_iter().for_each(|alias| keys.add(alias));
    }
    extra.iter().for_each(|key| keys.add(key));
    keys.keys
}

fn host_keys(file: &[u8], all: &[Host], extra: &[&str]) -> Vec<String> {
    let mut keys = Keys::default();
    for fields in file_fields(file) {
        keys.add(fields[0]);
        for name in sample(&fields[1..]) {
            keys.add(name);
        }
    }
    for h in all {
        keys.add(&h.name);
        sample(&h.aliases).into_iter().for_each(|alias| keys.add(alias));
        h.addresses.iter().for_each(|address| keys.add(address.to_string()));
    }
    extra.iter().for_each(|key| keys.add(key));
    keys.keys
}

// --- the comparisons -----------------------------------------------------------------------

/// Keys to compare besides the files' own.
#[derive(Default)]
struct Extra<'a> {
    services: &'a [&'a str],
    protocols: &'a [&'a str],
    hosts: &'a [&'a str],
}

/// The checks every test ends with: each enumeration against its strict form, and on
/// glibc every key of each file and each enumeration against getent.
fn compare_with_getent(databases: &Databases, extra: &Extra) {
    let no_file: &[u8] = b"";

    let services = Service::all_lossy();
    if !(MUSL && databases.services.is_none()) {
        // (musl's enumeration of a missing file is an error, which the test checks.)
        let services = services.as_ref().expect("Service::all_lossy");
        assert_strict_matches_lossy("services", Service::all(), services);
    }
    let protocols = Protocol::all_lossy().expect("Protocol::all_lossy");
    assert_strict_matches_lossy("protocols", Protocol::all(), &protocols);
    if !GLIBC {
        // musl cannot enumerate hosts (tests/hosts.rs checks that it says so), and the
        // comparisons need glibc's getent.
        return;
    }
    let hosts = Host::all_lossy().expect("Host::all_lossy");
    assert_strict_matches_lossy("hosts", Host::all(), &hosts);
    let services = services.expect("Service::all_lossy");

    let keys = service_keys(databases.services.unwrap_or(no_file), &services, extra.services);
    assert_keys_agree("services", &keys, |key| printed_service(key, service_for_key(key)));
    let lines: Vec<Vec<u8>> = services.iter().map(|s| format!("{s}\n").into_bytes()).collect();
    assert_enumeration_agrees("services", &lines);

    let keys = protocol_keys(databases.protocols.unwrap_or(no_file), &protocols, extra.protocols);
    assert_keys_agree("protocols", &keys, |key| printed_protocol(key, protocol_for_key(key)));
    let lines: Vec<Vec<u8>> = protocols.iter().map(|p| format!("{p}\n").into_bytes()).collect();
    assert_enumeration_agrees("protocols", &lines);

    let keys = host_keys(databases.hosts.unwrap_or(no_file), &hosts, extra.hosts);
    assert_keys_agree("hosts", &keys, |key| printed_host(key, host_for_key(key)));
    let lines: Vec<Vec<u8>> = hosts
        .iter()
        .map(|h| Raw::new(&h.name, &h.aliases, "", None).host_lines(&h.addresses))
        .collect();
    assert_enumeration_agrees("hosts", &lines);
    for key in &keys {
        assert_ahostsv4_agrees(key);
    }
}

/// That `getent ahostsv4 KEY` (getaddrinfo with `AF_INET`) lists the addresses of
/// `Host::from_name(KEY, Inet)`, and those of netdb's `getaddrinfo` with getent's hints
/// in the same order, with the same canonical name.
fn assert_ahostsv4_agrees(key: &str) {
    // getent asks for AI_IDN, which fails for a key that is not ASCII in the C locale;
    // a key of 100 KiB is past what getaddrinfo takes; an address is no name (`getent
    // hosts ADDRESS`, `Host::from_addr`, covers it).
    if !key.is_ascii() || key.len() > 1000 || key.parse::<IpAddr>().is_ok() {
        return;
    }
    let Some(getent) = getent(&["ahostsv4", "--", key]) else { return };
    let stdout = String::from_utf8_lossy(&getent.stdout);
    let mut theirs: Vec<IpAddr> = Vec::new();
    for line in stdout.lines() {
        let address = ip(line.split_whitespace().next().expect("an address"));
        if !theirs.contains(&address) {
            theirs.push(address);
        }
    }
    let their_canonical =
        stdout.lines().next().and_then(|l| l.split_whitespace().nth(2)).map(str::to_owned);

    let by_name = match Host::from_name(key, AddressFamily::Inet) {
        Ok(found) => found,
        Err(Error::NonUtf8(bad)) => match bad.entry {
            LossyEntry::Host(host) => Some(host),
            other => panic!("ahostsv4 {key:?}: {other:?}"),
        },
        Err(other) => panic!("ahostsv4 {key:?}: Host::from_name: {other}"),
    };
    let hints = Hints::new()
        .family(AddressFamily::Inet)
        .v4_mapped(true)
        .address_config(true)
        .canonical_name(true);
    let by_getaddrinfo = match netdb::getaddrinfo(Some(key), None, &hints) {
        Ok(found) => found,
        Err(e) if e.is_not_found() => vec![],
        Err(other) => panic!("ahostsv4 {key:?}: getaddrinfo: {other}"),
    };
    let mut ours: Vec<IpAddr> = Vec::new();
    for info in &by_getaddrinfo {
        if !ours.contains(&info.address.ip()) {
            ours.push(info.address.ip());
        }
    }
    assert_eq!(ours, theirs, "getent ahostsv4 {key:?}: getaddrinfo's addresses in order");
    let canonical = by_getaddrinfo.first().and_then(|info| info.canonical_name.clone());
    assert_eq!(
        canonical.map(|c| String::from_utf8_lossy(c.as_bytes()).into_owned()),
        their_canonical,
        "getent ahostsv4 {key:?}: the canonical name"
    );
    match by_name {
        None => assert_eq!(
            getent.status.code(),
            Some(2),
            "getent ahostsv4 {key:?}: netdb finds nothing"
        ),
        Some(host) => {
            let mut ours = host.addresses.clone();
            ours.sort();
            ours.dedup();
            theirs.sort();
            assert_eq!(ours, theirs, "getent ahostsv4 {key:?}: the addresses of Host::from_name");
        }
    }
}

// --- the tests ---------------------------------------------------------------------------

/// No services, protocols or hosts file at all.
fn missing_files_are_empty_databases() {
    let databases = Databases { services: None, protocols: None, hosts: None, host_conf: MULTI_ON };
    with_databases("missing_files_are_empty_databases", &databases, || {
        // Nothing to find, and no error: a missing file is an empty database to the C
        // library's lookups.
        assert_eq!(Service::from_name("http", None).unwrap(), None);
        assert_eq!(Service::from_name("http", Some("tcp")).unwrap(), None);
        assert_eq!(Service::from_port(80, None).unwrap(), None);
        assert_eq!(Service::from_port(53, Some("udp")).unwrap(), None);
        if MUSL {
            // netdb reads the file itself for musl's enumeration: a missing file is an
            // error that says so, not a claim that the database is empty.
            match Service::all() {
                Err(Error::Io(e)) => assert_eq!(e.kind(), std::io::ErrorKind::NotFound),
                other => panic!("expected Io(NotFound), got {other:?}"),
            }
            assert_musl_ignores_the_protocols_file(&[]);
        } else {
            assert_eq!(Service::all().unwrap(), []);
            assert_eq!(Protocol::from_name("tcp").unwrap(), None);
            assert_eq!(Protocol::from_number(6).unwrap(), None);
            assert_eq!(Protocol::all().unwrap(), []);
            // Only files are asked, and there is none: not even localhost is known.
            assert_eq!(Host::from_name("localhost", AddressFamily::Inet).unwrap(), None);
            assert_eq!(Host::from_addr(ip("127.0.0.1")).unwrap(), None);
            assert_eq!(Host::all().unwrap(), []);
        }
        // A numeric name needs no file: the C library answers it itself.
        assert_eq!(
            Host::from_name("192.0.2.7", AddressFamily::Inet).unwrap(),
            Some(host("192.0.2.7", &[], &["192.0.2.7"]))
        );
        compare_with_getent(
            &databases,
            &Extra {
                services: &["http", "80", "http/tcp", "53/udp"],
                protocols: &["tcp", "6", "ip", "0"],
                hosts: &["localhost", "127.0.0.1", "::1", "192.0.2.7"],
            },
        );
    });
}

/// Services, protocols and hosts files of zero bytes.
fn empty_files_are_empty_databases() {
    let databases = Databases {
        services: Some(b""),
        protocols: Some(b""),
        hosts: Some(b""),
        host_conf: MULTI_ON,
    };
    with_databases("empty_files_are_empty_databases", &databases, || {
        assert_eq!(Service::from_name("http", None).unwrap(), None);
        assert_eq!(Service::from_port(80, Some("tcp")).unwrap(), None);
        // An empty file is an empty database on musl too: the enumeration reads it.
        assert_eq!(Service::all().unwrap(), []);
        assert_eq!(Service::all_lossy().unwrap(), []);
        if MUSL {
            assert_musl_ignores_the_protocols_file(&[]);
        } else {
            assert_eq!(Protocol::from_name("udp").unwrap(), None);
            assert_eq!(Protocol::from_number(17).unwrap(), None);
            assert_eq!(Protocol::all().unwrap(), []);
            assert_eq!(Host::from_name("localhost", AddressFamily::Inet6).unwrap(), None);
            assert_eq!(Host::from_addr(ip("::1")).unwrap(), None);
            assert_eq!(Host::all().unwrap(), []);
        }
        compare_with_getent(
            &databases,
            &Extra {
                services: &["http", "80/tcp", "ssh/tcp"],
                protocols: &["udp", "17"],
                hosts: &["localhost", "::1", "127.0.0.1"],
            },
        );
    });
}

const CRLF_SERVICES: &[u8] = b"# services with CRLF line ends\r\n\
\r\n\
http\t80/tcp\twww www-http\r\n\
http 80/udp\r\n\
old-mac 9/tcp\rmac-next 10/tcp\r\n\
cr-last 7070/udp cr-alias\r";

const CRLF_PROTOCOLS: &[u8] = b"# protocols with CRLF line ends\r\n\
\r\n\
ip\t0\tIP\r\n\
udp 17 UDP\r\n\
tcp 6 TCP\r\n\
cr-last 250 CR-LAST\r";

const CRLF_HOSTS: &[u8] = b"127.0.0.1\tlocalhost\r\n\
\r\n\
192.0.2.70 crlf.test crlf-alias.test\r\n\
2001:db8::70 crlf6.test\r\n\
192.0.2.71 cr-last.test\r";

/// CRLF line ends, and a file whose last line ends in a lone CR: the CR is a blank, so
/// no field ends in it.
fn crlf_line_ends_are_blanks() {
    let databases = Databases {
        services: Some(CRLF_SERVICES),
        protocols: Some(CRLF_PROTOCOLS),
        hosts: Some(CRLF_HOSTS),
        host_conf: MULTI_ON,
    };
    with_databases("crlf_line_ends_are_blanks", &databases, || {
        let http = service("http", 80, "tcp", &["www", "www-http"]);
        assert_eq!(Service::from_name("http", Some("tcp")).unwrap(), by_name("http", http.clone()));
        // The last alias before the CR is found as itself, not as "www-http\r".
        assert_eq!(
            Service::from_name("www-http", None).unwrap(),
            by_name("www-http", http.clone())
        );
        assert_eq!(Service::from_port(80, Some("tcp")).unwrap(), by_port(http));
        // The protocol is "udp", not "udp\r".
        assert_eq!(
            Service::from_name("http", Some("udp")).unwrap(),
            Some(service("http", 80, "udp", &[]))
        );
        // A lone CR inside a line separates fields like any blank: "mac-next" and
        // "10/tcp" are aliases of old-mac, not a line of their own.
        let old_mac = service("old-mac", 9, "tcp", &["mac-next", "10/tcp"]);
        assert_eq!(
            Service::from_name("mac-next", None).unwrap(),
            by_name("mac-next", old_mac.clone())
        );
        assert_eq!(Service::from_port(9, None).unwrap(), by_port(old_mac));
        assert_eq!(Service::from_port(10, None).unwrap(), None);
        // The last line, ended by a CR and no LF.
        let cr_last = service("cr-last", 7070, "udp", &["cr-alias"]);
        assert_eq!(
            Service::from_name("cr-alias", Some("udp")).unwrap(),
            by_name("cr-alias", cr_last.clone())
        );
        assert_eq!(Service::from_port(7070, None).unwrap(), by_port(cr_last));
        assert_eq!(Service::all().unwrap().len(), 4);

        if MUSL {
            assert_musl_ignores_the_protocols_file(&["cr-last", "CR-LAST"]);
        } else {
            assert_eq!(Protocol::from_name("UDP").unwrap(), Some(protocol("udp", 17, &["UDP"])));
            assert_eq!(Protocol::from_number(6).unwrap(), Some(protocol("tcp", 6, &["TCP"])));
            assert_eq!(
                Protocol::from_name("CR-LAST").unwrap(),
                Some(protocol("cr-last", 250, &["CR-LAST"]))
            );
            assert_eq!(Protocol::all().unwrap().len(), 4);
        }

        let crlf = host("crlf.test", &["crlf-alias.test"], &["192.0.2.70"]);
        assert_eq!(
            Host::from_name("crlf-alias.test", AddressFamily::Inet).unwrap(),
            Some(crlf.clone())
        );
        assert_eq!(
            Host::from_name("crlf.test", AddressFamily::Inet).unwrap(),
            host_by_name("crlf.test", crlf.clone())
        );
        assert_eq!(Host::from_addr(ip("192.0.2.70")).unwrap(), host_by_addr(crlf));
        assert_eq!(
            Host::from_name("crlf6.test", AddressFamily::Inet6).unwrap(),
            Some(host("crlf6.test", &[], &["2001:db8::70"]))
        );
        assert_eq!(
            Host::from_name("cr-last.test", AddressFamily::Inet).unwrap(),
            Some(host("cr-last.test", &[], &["192.0.2.71"]))
        );
        compare_with_getent(&databases, &Extra::default());
    });
}

const COMMENTED_SERVICES: &[u8] = b"# full-line comment\n\
#\n\
##\n\
#####\n\
\x20  # indented comment\n\
#hidden 1/tcp\n\
# hidden2 2/tcp\n\
http 80/tcp www # trailing comment with www2 3/tcp\n\
glued 7/tcp#comment-glued-to-the-protocol\n\
glued-alias 8/tcp a1#c a2\n\
portglued 9#/tcp\n\
nameglued#10/tcp\n\
spaced-hash 11/tcp # # #\n\
trailing-hash 12/tcp #\n\
#\n";

const COMMENTED_PROTOCOLS: &[u8] = b"# full-line comment\n\
#\n\
##\n\
#hidden 201\n\
ip 0 IP # trailing IP-comment\n\
glued 202#comment\n\
glued-alias 203 pa1#c pa2\n\
numglued#204\n\
spaced-hash 205 # # #\n\
#";

const COMMENTED_HOSTS: &[u8] = b"# full-line comment\n\
#\n\
##\n\
#192.0.2.89 hidden.test\n\
127.0.0.1 localhost # trailing comment\n\
192.0.2.80 glued.test#comment\n\
192.0.2.81 glued-alias.test ga1.test#c ga2.test\n\
192.0.2.82#glued-to-the-address nameless.test\n\
192.0.2.83 spaced.test # # #\n\
2001:db8::80 six.test # comment after IPv6\n\
#\n";

/// Comments everywhere: whole lines (of `#` only, too), after the fields, glued to a
/// field, and an entry inside a comment.
fn comments_everywhere_end_the_line() {
    let databases = Databases {
        services: Some(COMMENTED_SERVICES),
        protocols: Some(COMMENTED_PROTOCOLS),
        hosts: Some(COMMENTED_HOSTS),
        host_conf: MULTI_ON,
    };
    with_databases("comments_everywhere_end_the_line", &databases, || {
        // An entry in a comment does not exist, by name or port.
        for name in ["hidden", "hidden2", "www2", "comment", "c", "a2", "nameglued"] {
            assert_eq!(Service::from_name(name, None).unwrap(), None, "{name}");
        }
        for port in [1, 2, 3, 10] {
            assert_eq!(Service::from_port(port, None).unwrap(), None, "{port}");
        }
        let http = service("http", 80, "tcp", &["www"]);
        assert_eq!(Service::from_name("www", Some("tcp")).unwrap(), by_name("www", http.clone()));
        // `#` glued to the protocol ends it: the protocol is "tcp".
        let glued = service("glued", 7, "tcp", &[]);
        assert_eq!(
            Service::from_name("glued", Some("tcp")).unwrap(),
            by_name("glued", glued.clone())
        );
        assert_eq!(Service::from_port(7, Some("tcp")).unwrap(), by_port(glued));
        // `#` glued to an alias ends it and the line.
        let glued_alias = service("glued-alias", 8, "tcp", &["a1"]);
        assert_eq!(Service::from_name("a1", None).unwrap(), by_name("a1", glued_alias));
        let spaced = service("spaced-hash", 11, "tcp", &[]);
        assert_eq!(
            Service::from_name("spaced-hash", None).unwrap(),
            by_name("spaced-hash", spaced)
        );
        let trailing = service("trailing-hash", 12, "tcp", &[]);
        assert_eq!(Service::from_port(12, Some("tcp")).unwrap(), by_port(trailing));
        if MUSL {
            // musl wants "/tcp" or "/udp" right after the port: the line is no entry.
            assert_eq!(Service::from_name("portglued", None).unwrap(), None);
            assert_eq!(Service::from_port(9, None).unwrap(), None);
            assert_eq!(Service::all().unwrap().len(), 5);
            assert_musl_ignores_the_protocols_file(&["glued", "pa1", "spaced-hash"]);
        } else {
            // glibc reads "9" as the port and takes the empty rest, cut at `#`, as the
            // protocol: an entry with an empty protocol, as getent shows it.
            let portglued = service("portglued", 9, "", &[]);
            assert_eq!(Service::from_name("portglued", None).unwrap(), Some(portglued.clone()));
            assert_eq!(Service::from_port(9, None).unwrap(), Some(portglued.clone()));
            assert_eq!(Service::from_name("portglued", Some("tcp")).unwrap(), None);
            assert_eq!(portglued.to_string(), "portglued             9/");
            assert_eq!(Service::all().unwrap().len(), 6);

            for name in ["hidden", "IP-comment", "pa2", "c", "numglued"] {
                assert_eq!(Protocol::from_name(name).unwrap(), None, "{name}");
            }
            for number in [201, 204] {
                assert_eq!(Protocol::from_number(number).unwrap(), None, "{number}");
            }
            assert_eq!(Protocol::from_name("IP").unwrap(), Some(protocol("ip", 0, &["IP"])));
            assert_eq!(Protocol::from_number(202).unwrap(), Some(protocol("glued", 202, &[])));
            assert_eq!(
                Protocol::from_name("pa1").unwrap(),
                Some(protocol("glued-alias", 203, &["pa1"]))
            );
            assert_eq!(
                Protocol::from_number(205).unwrap(),
                Some(protocol("spaced-hash", 205, &[]))
            );
            assert_eq!(Protocol::all().unwrap().len(), 4);
        }

        for name in ["hidden.test", "ga2.test", "nameless.test"] {
            assert_eq!(Host::from_name(name, AddressFamily::Inet).unwrap(), None, "{name}");
        }
        assert_eq!(Host::from_addr(ip("192.0.2.89")).unwrap(), None);
        let glued = host("glued.test", &[], &["192.0.2.80"]);
        assert_eq!(Host::from_name("glued.test", AddressFamily::Inet).unwrap(), Some(glued));
        let glued_alias = host("glued-alias.test", &["ga1.test"], &["192.0.2.81"]);
        assert_eq!(Host::from_name("ga1.test", AddressFamily::Inet).unwrap(), Some(glued_alias));
        let six = host("six.test", &[], &["2001:db8::80"]);
        assert_eq!(Host::from_name("six.test", AddressFamily::Inet6).unwrap(), Some(six));
        if MUSL {
            // musl takes the name after the address, here none, for no name: the
            // address is not named.
            assert_eq!(Host::from_addr(ip("192.0.2.82")).unwrap(), None);
        } else {
            // glibc reads a line of an address alone as a host without a name.
            assert_eq!(
                Host::from_addr(ip("192.0.2.82")).unwrap(),
                Some(host("", &[], &["192.0.2.82"]))
            );
            assert_eq!(Host::all().unwrap().len(), 5);
        }
        compare_with_getent(&databases, &Extra::default());
    });
}

/// 100 KiB of one byte.
fn run_of(byte: u8) -> Vec<u8> {
    vec![byte; 100 * 1024]
}

/// Lines of 100 KiB: an entry with an alias of 100 KiB, a comment of 100 KiB, 100 KiB of
/// blanks between two fields and a line of 100 KiB that is no entry, each followed by an
/// entry that a lookup must read them to reach.
fn long_line_files() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let alias = run_of(b'a');
    let comment = [&b"# "[..], &run_of(b'x')].concat();
    let blanks = run_of(b' ');
    let junk = run_of(b'y');
    let services = [
        &b"before 7000/tcp\nlong 7001/tcp short-alias "[..],
        &alias,
        b"\n",
        &comment,
        b"\nafter-comment 7002/tcp\nspaced",
        &blanks,
        b"7003/tcp spaced-alias\n",
        &junk,
        b"\nafter-all 7004/udp\n",
    ]
    .concat();
    let protocols = [
        &b"ip 0 IP\nlong 210 short-palias "[..],
        &alias,
        b"\n",
        &comment,
        b"\nafter-comment 211\nspaced",
        &blanks,
        b"212 spaced-palias\n",
        &junk,
        b"\nafter-all 213\n",
    ]
    .concat();
    let hosts = [
        &b"127.0.0.1 localhost\n192.0.2.90 long.test short.test "[..],
        &alias,
        b"\n",
        &comment,
        b"\n192.0.2.91 after-comment.test\n192.0.2.92",
        &blanks,
        b"spaced.test\n",
        &junk,
        b"\n192.0.2.93 after-all.test\n",
    ]
    .concat();
    (services, protocols, hosts)
}

fn lines_of_100_kib_are_read_whole() {
    let (services, protocols, hosts) = long_line_files();
    let databases = Databases {
        services: Some(&services),
        protocols: Some(&protocols),
        hosts: Some(&hosts),
        host_conf: MULTI_ON,
    };
    with_databases("lines_of_100_kib_are_read_whole", &databases, || {
        let long_alias = String::from_utf8(run_of(b'a')).unwrap();
        let long = service("long", 7001, "tcp", &["short-alias", &long_alias]);
        assert_eq!(
            Service::from_name("short-alias", None).unwrap(),
            by_name("short-alias", long.clone())
        );
        assert_eq!(Service::from_port(7001, Some("tcp")).unwrap(), by_port(long));
        // Each line after a long one is reached, through the growing buffer on glibc.
        let after_comment = service("after-comment", 7002, "tcp", &[]);
        assert_eq!(
            Service::from_name("after-comment", None).unwrap(),
            by_name("after-comment", after_comment)
        );
        let after_all = service("after-all", 7004, "udp", &[]);
        assert_eq!(Service::from_port(7004, None).unwrap(), by_port(after_all));
        assert_eq!(
            Service::from_name(&"y".repeat(100 * 1024), None).unwrap(),
            None,
            "junk is no entry"
        );
        if MUSL {
            // musl reads lines in pieces of 127 bytes: the alias of 100 KiB is in none of
            // them whole, and "spaced" has no port in its piece.
            assert_eq!(Service::from_name(&long_alias, None).unwrap(), None);
            assert_eq!(Service::from_name("spaced", None).unwrap(), None);
            // The last piece of the spaced line, 44 blanks then "7003/tcp
            // spaced-alias", is a line of its own to musl: its alias names port 7003.
            // Its name is empty, which musl's port lookup replaces with the number, and
            // then reads as "no name": not found.
            assert_eq!(
                Service::from_name("spaced-alias", None).unwrap(),
                Some(service("spaced-alias", 7003, "tcp", &[]))
            );
            assert_eq!(Service::from_port(7003, Some("tcp")).unwrap(), None);
            // The enumeration reads whole lines by musl's rules.
            assert_eq!(Service::all().unwrap().len(), 5);
            assert_musl_ignores_the_protocols_file(&[
                "long",
                "short-palias",
                "after-comment",
                "spaced",
            ]);
        } else {
            let long = found_service(&long_alias);
            assert_eq!((long.name.as_str(), long.aliases.len()), ("long", 2));
            let spaced = service("spaced", 7003, "tcp", &["spaced-alias"]);
            assert_eq!(Service::from_name("spaced", None).unwrap().as_ref(), Some(&spaced));
            assert_eq!(Service::from_port(7003, None).unwrap().as_ref(), Some(&spaced));
            assert_eq!(Service::all().unwrap().len(), 5);

            let long = protocol("long", 210, &["short-palias", &long_alias]);
            assert!(
                Protocol::from_name(&long_alias).unwrap() == Some(long.clone()),
                "by the long alias"
            );
            assert!(Protocol::from_number(210).unwrap() == Some(long), "by number");
            assert_eq!(
                Protocol::from_number(211).unwrap(),
                Some(protocol("after-comment", 211, &[]))
            );
            assert_eq!(
                Protocol::from_name("spaced-palias").unwrap(),
                Some(protocol("spaced", 212, &["spaced-palias"]))
            );
            assert_eq!(
                Protocol::from_name("after-all").unwrap(),
                Some(protocol("after-all", 213, &[]))
            );
            assert_eq!(Protocol::all().unwrap().len(), 5);
        }

        let long = host("long.test", &["short.test", &long_alias], &["192.0.2.90"]);
        if MUSL {
            // musl's pieces are 511 bytes: the names at the start are found, the long one
            // is not (and, longer than 255 bytes, is not even asked of DNS), and
            // spaced.test has no address in its piece.
            assert_eq!(
                Host::from_name("short.test", AddressFamily::Inet).unwrap(),
                Some(host("long.test", &["short.test"], &["192.0.2.90"]))
            );
            assert_eq!(Host::from_name(&long_alias, AddressFamily::Inet).unwrap(), None);
            assert_eq!(Host::from_name("spaced.test", AddressFamily::Inet).unwrap(), None);
        } else {
            assert!(
                Host::from_name("short.test", AddressFamily::Inet).unwrap() == Some(long.clone())
            );
            assert!(
                Host::from_name(&long_alias, AddressFamily::Inet).unwrap() == Some(long.clone())
            );
            assert!(Host::from_addr(ip("192.0.2.90")).unwrap() == Some(long));
            assert_eq!(
                Host::from_name("spaced.test", AddressFamily::Inet).unwrap(),
                Some(host("spaced.test", &[], &["192.0.2.92"]))
            );
            assert_eq!(Host::all().unwrap().len(), 5);
        }
        assert_eq!(
            Host::from_name("after-comment.test", AddressFamily::Inet).unwrap(),
            Some(host("after-comment.test", &[], &["192.0.2.91"]))
        );
        assert_eq!(
            Host::from_name("after-all.test", AddressFamily::Inet).unwrap(),
            Some(host("after-all.test", &[], &["192.0.2.93"]))
        );
        compare_with_getent(&databases, &Extra::default());
    });
}

/// The entry a lookup by name finds, described without printing it on failure.
fn found_service(name: &str) -> Service {
    match Service::from_name(name, None) {
        Ok(Some(found)) => found,
        Ok(None) => panic!("a name of {} bytes: not found", name.len()),
        Err(e) => panic!("a name of {} bytes: {e}", name.len()),
    }
}

/// `count` aliases: `prefix-0` to `prefix-{count - 1}`.
fn many(prefix: &str, count: usize) -> Vec<String> {
    (0..count).map(|i| format!("{prefix}-{i}")).collect()
}

/// `count` host names in `.test`, which DNS does not know (musl asks it for the names
/// it does not find).
fn many_hosts(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("halias-{i}.test")).collect()
}

fn an_entry_with_10000_aliases_is_whole() {
    let services = format!(
        "bulk 4000/tcp {}\nbulk 4000/udp\nneighbour 4001/tcp n-alias\n",
        many("alias", 10_000).join(" ")
    );
    let protocols = format!("bulk 220 {}\nneighbour 221 N\n", many("palias", 10_000).join(" "));
    let hosts = format!(
        "127.0.0.1 localhost\n192.0.2.100 bulk.test {}\n192.0.2.101 neighbour.test\n",
        many_hosts(10_000).join(" ")
    );
    let databases = Databases {
        services: Some(services.as_bytes()),
        protocols: Some(protocols.as_bytes()),
        hosts: Some(hosts.as_bytes()),
        host_conf: MULTI_ON,
    };
    with_databases("an_entry_with_10000_aliases_is_whole", &databases, || {
        let aliases = many("alias", 10_000);
        let bulk = Service {
            name: "bulk".into(),
            aliases: aliases.clone(),
            port: 4000,
            protocol: "tcp".into(),
        };
        if MUSL {
            // musl's lookups give no aliases; they find the names in the first 127
            // bytes of the line only.
            assert_eq!(Service::from_name("bulk", None).unwrap(), by_name("bulk", bulk.clone()));
            assert_eq!(
                Service::from_name("alias-3", None).unwrap(),
                by_name("alias-3", bulk.clone())
            );
            assert_eq!(Service::from_name("alias-9999", None).unwrap(), None);
            assert_eq!(Service::from_port(4000, None).unwrap(), by_port(bulk.clone()));
            assert_musl_ignores_the_protocols_file(&["bulk", "palias-9999", "neighbour"]);
        } else {
            for key in ["bulk", "alias-0", "alias-5000", "alias-9999"] {
                assert!(
                    Service::from_name(key, Some("tcp")).unwrap().as_ref() == Some(&bulk),
                    "{key}"
                );
            }
            assert!(Service::from_port(4000, None).unwrap().as_ref() == Some(&bulk), "port 4000");

            let palias = many("palias", 10_000);
            let bulk = Protocol { name: "bulk".into(), aliases: palias, number: 220 };
            assert!(
                Protocol::from_name("palias-9999").unwrap().as_ref() == Some(&bulk),
                "palias-9999"
            );
            assert!(Protocol::from_number(220).unwrap().as_ref() == Some(&bulk), "220");
            assert_eq!(Protocol::from_name("N").unwrap(), Some(protocol("neighbour", 221, &["N"])));
            let all = Protocol::all().unwrap();
            assert_eq!((all.len(), all[0].aliases.len()), (2, 10_000));
        }
        // The enumeration keeps every alias on musl too (netdb reads the file there).
        let all = Service::all().unwrap();
        assert_eq!(all.len(), 3);
        assert!(all[0] == bulk, "Service::all()[0]");
        assert_eq!(all[1], service("bulk", 4000, "udp", &[]));
        assert_eq!(
            Service::from_name("bulk", Some("udp")).unwrap(),
            by_name("bulk", all[1].clone())
        );
        let neighbour = service("neighbour", 4001, "tcp", &["n-alias"]);
        assert_eq!(Service::from_name("n-alias", None).unwrap(), by_name("n-alias", neighbour));

        let haliases = many_hosts(10_000);
        let bulk = Host {
            name: "bulk.test".into(),
            aliases: haliases,
            addresses: vec![ip("192.0.2.100")],
        };
        if MUSL {
            // musl: no aliases but the name asked for, and only names in the first 511
            // bytes of the line are found.
            assert_eq!(
                Host::from_name("bulk.test", AddressFamily::Inet).unwrap(),
                host_by_name("bulk.test", bulk.clone())
            );
            assert_eq!(
                Host::from_name("halias-2.test", AddressFamily::Inet).unwrap(),
                host_by_name("halias-2.test", bulk.clone())
            );
            assert_eq!(Host::from_name("halias-9999.test", AddressFamily::Inet).unwrap(), None);
            assert_eq!(Host::from_addr(ip("192.0.2.100")).unwrap(), host_by_addr(bulk));
        } else {
            for key in ["bulk.test", "halias-0.test", "halias-9999.test"] {
                assert!(
                    Host::from_name(key, AddressFamily::Inet).unwrap().as_ref() == Some(&bulk),
                    "{key}"
                );
            }
            assert!(
                Host::from_addr(ip("192.0.2.100")).unwrap().as_ref() == Some(&bulk),
                "192.0.2.100"
            );
            let all = Host::all().unwrap();
            assert_eq!(all.len(), 3);
            assert!(all[1] == bulk, "Host::all()[1]");
        }
        assert_eq!(
            Host::from_name("neighbour.test", AddressFamily::Inet).unwrap(),
            Some(host("neighbour.test", &[], &["192.0.2.101"]))
        );
        compare_with_getent(&databases, &Extra::default());
    });
}

const NON_UTF8_SERVICES: &[u8] = b"caf\xe9 9001/tcp ok-alias bad-\xff-alias\n\
good 9002/tcp al\xe9\n\
proto-bad 9003/t\xe7p\n\
caf\xc3\xa9 9004/udp\n\
trunc 9005/tcp end\xe2\x82\n\
overlong 9006/tcp \xc0\xaf\n\
surrogate 9007/tcp \xed\xa0\x80\n\
plain 9008/tcp\n";

const NON_UTF8_PROTOCOLS: &[u8] = b"caf\xe9 240 ok-palias\n\
good 241 pal\xe9\n\
caf\xc3\xa9 242\n\
plain 243\n";

const NON_UTF8_HOSTS: &[u8] = b"127.0.0.1 localhost\n\
192.0.2.30 caf\xe9.test ok.test\n\
192.0.2.31 good.test al\xe9.test\n\
192.0.2.32 caf\xc3\xa9.test\n\
2001:db8::30 six-caf\xe9.test six-ok.test\n";

/// Bytes that are not UTF-8 (Latin-1, a truncated sequence, an overlong encoding, a
/// surrogate) in names, aliases and protocols, and a name that is UTF-8 but not ASCII.
/// Strict lookups fail with `NonUtf8`, which keeps the entry decoded lossily and the raw
/// bytes of the first bad field; `all_lossy` keeps such entries. getent prints the raw
/// bytes, which the comparisons put back.
fn bytes_that_are_not_utf8_are_an_error_that_keeps_the_entry() {
    let databases = Databases {
        services: Some(NON_UTF8_SERVICES),
        protocols: Some(NON_UTF8_PROTOCOLS),
        hosts: Some(NON_UTF8_HOSTS),
        host_conf: MULTI_ON,
    };
    with_databases("bytes_that_are_not_utf8_are_an_error_that_keeps_the_entry", &databases, || {
        let cafe = service("caf\u{fffd}", 9001, "tcp", &["ok-alias", "bad-\u{fffd}-alias"]);
        // The name is the first bad field; the second bad alias is only decoded lossily.
        let found_by_port =
            if MUSL { service("caf\u{fffd}", 9001, "tcp", &[]) } else { cafe.clone() };
        assert_non_utf8(
            "port 9001",
            Service::from_port(9001, Some("tcp")),
            "name",
            b"caf\xe9",
            LossyEntry::Service(found_by_port),
        );
        let good = service("good", 9002, "tcp", &["al\u{fffd}"]);
        if MUSL {
            // musl's lookups by name return the key as the name and no aliases: nothing
            // that is not UTF-8 is read.
            assert_eq!(
                Service::from_name("ok-alias", None).unwrap(),
                by_name("ok-alias", cafe.clone())
            );
            assert_eq!(Service::from_name("good", None).unwrap(), by_name("good", good.clone()));
            assert_eq!(Service::from_port(9002, None).unwrap(), by_port(good.clone()));
            // Nor is a protocol other than tcp and udp: the line is no entry.
            assert_eq!(Service::from_name("proto-bad", None).unwrap(), None);
        } else {
            assert_non_utf8(
                "ok-alias",
                Service::from_name("ok-alias", None),
                "name",
                b"caf\xe9",
                LossyEntry::Service(cafe.clone()),
            );
            assert_non_utf8(
                "good",
                Service::from_name("good", None),
                "alias",
                b"al\xe9",
                LossyEntry::Service(good.clone()),
            );
            assert_non_utf8(
                "port 9002",
                Service::from_port(9002, None),
                "alias",
                b"al\xe9",
                LossyEntry::Service(good.clone()),
            );
            let proto_bad = service("proto-bad", 9003, "t\u{fffd}p", &[]);
            assert_non_utf8(
                "proto-bad",
                Service::from_name("proto-bad", None),
                "protocol",
                b"t\xe7p",
                LossyEntry::Service(proto_bad),
            );
            // Each bad sequence becomes U+FFFD as String::from_utf8_lossy makes it: one
            // for the truncated sequence, one per byte of the overlong encoding and of
            // the surrogate.
            for (name, port, bytes, lossy) in [
                ("trunc", 9005, &b"end\xe2\x82"[..], "end\u{fffd}"),
                ("overlong", 9006, b"\xc0\xaf", "\u{fffd}\u{fffd}"),
                ("surrogate", 9007, b"\xed\xa0\x80", "\u{fffd}\u{fffd}\u{fffd}"),
            ] {
                let entry = LossyEntry::Service(service(name, port, "tcp", &[lossy]));
                assert_non_utf8(name, Service::from_name(name, None), "alias", bytes, entry);
            }
        }
        // UTF-8 that is not ASCII is fine, and padded by bytes as C pads it.
        let cafe_utf8 = service("café", 9004, "udp", &[]);
        assert_eq!(Service::from_port(9004, Some("udp")).unwrap(), by_port(cafe_utf8.clone()));
        assert_eq!(cafe_utf8.to_string(), "café                 9004/udp");
        assert_eq!(
            Service::from_name("plain", None).unwrap(),
            Some(service("plain", 9008, "tcp", &[]))
        );
        // The strict enumeration fails at the first bad entry (the whole line's
        // aliases, on musl too); the lossy one keeps every entry.
        assert_non_utf8(
            "Service::all",
            Service::all().map(Some),
            "name",
            b"caf\xe9",
            LossyEntry::Service(cafe.clone()),
        );
        let all = Service::all_lossy().unwrap();
        assert_eq!(all[0], cafe);
        assert_eq!(all[1], good);
        // musl has no entry of protocol "t\xe7p".
        assert_eq!(all.len(), if MUSL { 7 } else { 8 });

        if MUSL {
            assert_musl_ignores_the_protocols_file(&["ok-palias", "good", "café", "plain"]);
        } else {
            let cafe = protocol("caf\u{fffd}", 240, &["ok-palias"]);
            assert_non_utf8(
                "240",
                Protocol::from_number(240),
                "name",
                b"caf\xe9",
                LossyEntry::Protocol(cafe.clone()),
            );
            assert_non_utf8(
                "ok-palias",
                Protocol::from_name("ok-palias"),
                "name",
                b"caf\xe9",
                LossyEntry::Protocol(cafe.clone()),
            );
            let good = protocol("good", 241, &["pal\u{fffd}"]);
            assert_non_utf8(
                "good",
                Protocol::from_name("good"),
                "alias",
                b"pal\xe9",
                LossyEntry::Protocol(good),
            );
            assert_eq!(Protocol::from_name("café").unwrap(), Some(protocol("café", 242, &[])));
            assert_eq!(Protocol::from_number(243).unwrap(), Some(protocol("plain", 243, &[])));
            match Protocol::all() {
                Err(Error::NonUtf8(bad)) => assert_eq!(bad.entry, LossyEntry::Protocol(cafe)),
                other => panic!("expected NonUtf8, got {other:?}"),
            }
            assert_eq!(Protocol::all_lossy().unwrap().len(), 4);
        }

        // A canonical name that is not UTF-8 fails everywhere: musl returns it too.
        let cafe = host("caf\u{fffd}.test", &["ok.test"], &["192.0.2.30"]);
        assert_non_utf8(
            "ok.test",
            Host::from_name("ok.test", AddressFamily::Inet),
            "name",
            b"caf\xe9.test",
            LossyEntry::Host(cafe.clone()),
        );
        let by_address = host_by_addr(cafe.clone()).unwrap();
        assert_non_utf8(
            "192.0.2.30",
            Host::from_addr(ip("192.0.2.30")),
            "name",
            b"caf\xe9.test",
            LossyEntry::Host(by_address),
        );
        let six = host("six-caf\u{fffd}.test", &["six-ok.test"], &["2001:db8::30"]);
        assert_non_utf8(
            "six-ok.test",
            Host::from_name("six-ok.test", AddressFamily::Inet6),
            "name",
            b"six-caf\xe9.test",
            LossyEntry::Host(six),
        );
        let good = host("good.test", &["al\u{fffd}.test"], &["192.0.2.31"]);
        if MUSL {
            // musl gives no aliases from the file: the bad one is never read.
            assert_eq!(
                Host::from_name("good.test", AddressFamily::Inet).unwrap(),
                host_by_name("good.test", good)
            );
        } else {
            assert_non_utf8(
                "good.test",
                Host::from_name("good.test", AddressFamily::Inet),
                "alias",
                b"al\xe9.test",
                LossyEntry::Host(good),
            );
            match Host::all() {
                Err(Error::NonUtf8(bad)) => assert_eq!(bad.entry, LossyEntry::Host(cafe)),
                other => panic!("expected NonUtf8, got {other:?}"),
            }
            // glibc lists the IPv4 lines.
            assert_eq!(Host::all_lossy().unwrap().len(), 4);
        }
        assert_eq!(
            Host::from_name("café.test", AddressFamily::Inet).unwrap(),
            Some(host("café.test", &[], &["192.0.2.32"]))
        );

        // getent prints the raw bytes: those NonUtf8 keeps for the first bad field, and
        // elsewhere bytes whose lossy decoding is netdb's entry. (C pads the raw name:
        // "caf\xe9" takes 4 bytes of the 21, its lossy form 6.)
        let padded = |name: &[u8]| [name, &vec![b' '; 21 - name.len()]].concat();
        if let Some(getent) = getent(&["services", "9002"]) {
            assert_eq!(getent.stdout, [&padded(b"good")[..], b" 9002/tcp al\xe9\n"].concat());
        }
        if let Some(getent) = getent(&["services", "9001"]) {
            let raw = [&padded(b"caf\xe9")[..], b" 9001/tcp ok-alias bad-\xff-alias\n"].concat();
            assert_eq!(getent.stdout, raw);
            let lossy = String::from_utf8_lossy(&getent.stdout);
            let fields: Vec<&str> = lossy.split_whitespace().collect();
            assert_eq!(fields, ["caf\u{fffd}", "9001/tcp", "ok-alias", "bad-\u{fffd}-alias"]);
        }
        if let Some(getent) = getent(&["hosts", "ok.test"]) {
            assert_eq!(getent.stdout, b"192.0.2.30      caf\xe9.test ok.test\n");
        }
        compare_with_getent(&databases, &Extra::default());
    });
}

const OUT_OF_RANGE_SERVICES: &[u8] = b"max 65535/tcp\n\
big 65536/tcp\n\
nine 99999/tcp\n\
huge 99999999999999999999999/tcp\n\
neg -1/tcp\n\
plus +7/tcp\n\
hex 0x10/tcp\n\
zero 0/udp\n";

const OUT_OF_RANGE_PROTOCOLS: &[u8] = b"max 255\n\
big 256\n\
nine 99999\n\
neg -1\n\
huge 99999999999999999999\n\
hex 0x20\n\
zero 0 ZERO\n";

const BAD_ADDRESS_HOSTS: &[u8] = b"127.0.0.1 localhost\n\
999.1.1.1 bad-octet.test\n\
1.2.3 three-parts.test\n\
1.2.3.4.5 five-parts.test\n\
256.0.0.1 big-octet.test\n\
010.0.0.1 leading-zero.test\n\
192.0.2.40 good.test\n\
2001:db8::zz bad6.test\n\
1:2:3:4:5:6:7:8:9 nine-groups.test\n\
::ffff:192.0.2.41 mapped.test\n\
::1 six-loopback.test\n";

/// Ports above 65535 (65536, 99999 and one past `ULONG_MAX`), a negative one, signs and
/// hex; protocol numbers above 255, negative and huge; addresses that are no address.
fn numbers_out_of_range_and_bad_addresses() {
    let databases = Databases {
        services: Some(OUT_OF_RANGE_SERVICES),
        protocols: Some(OUT_OF_RANGE_PROTOCOLS),
        hosts: Some(BAD_ADDRESS_HOSTS),
        host_conf: MULTI_ON,
    };
    with_databases("numbers_out_of_range_and_bad_addresses", &databases, || {
        let max = service("max", 65535, "tcp", &[]);
        assert_eq!(Service::from_name("max", None).unwrap(), by_name("max", max.clone()));
        assert_eq!(Service::from_port(65535, None).unwrap(), by_port(max));
        // Too large for strtoul, or negative: no entry in either C library.
        for name in ["huge", "neg"] {
            assert_eq!(Service::from_name(name, None).unwrap(), None, "{name}");
        }
        let plus = service("plus", 7, "tcp", &[]);
        assert_eq!(Service::from_name("plus", None).unwrap(), by_name("plus", plus.clone()));
        assert_eq!(Service::from_port(7, Some("tcp")).unwrap(), by_port(plus));
        let zero = service("zero", 0, "udp", &[]);
        assert_eq!(Service::from_name("zero", None).unwrap(), by_name("zero", zero.clone()));
        if MUSL {
            // musl takes only ports up to 65535, in decimal.
            for name in ["big", "nine", "hex"] {
                assert_eq!(Service::from_name(name, None).unwrap(), None, "{name}");
            }
            for port in [0, 16, 34463] {
                assert_eq!(Service::from_port(port, Some("tcp")).unwrap(), None, "{port}");
            }
            // musl's getservbyport_r says "not found" for a name that strtol reads as
            // the port itself, to skip its own numeric fallback; "zero" reads as 0.
            assert_eq!(Service::from_port(0, Some("udp")).unwrap(), None);
            assert_eq!(Service::all().unwrap().len(), 3);
            assert_musl_ignores_the_protocols_file(&["max", "big", "nine", "zero", "ZERO"]);
        } else {
            // glibc keeps the low 16 bits of a port: 65536 is port 0, 99999 is 34463.
            let big = service("big", 0, "tcp", &[]);
            assert_eq!(Service::from_name("big", None).unwrap().as_ref(), Some(&big));
            let nine = service("nine", 34463, "tcp", &[]);
            assert_eq!(Service::from_name("nine", None).unwrap().as_ref(), Some(&nine));
            assert_eq!(Service::from_port(34463, None).unwrap(), Some(nine));
            // The first port-0 line in file order is big's, tcp; udp's is zero's.
            assert_eq!(Service::from_port(0, None).unwrap(), Some(big));
            assert_eq!(Service::from_port(0, Some("udp")).unwrap(), Some(zero));
            // glibc reads the port with base 0: 0x10 is 16.
            assert_eq!(Service::from_port(16, None).unwrap(), Some(service("hex", 16, "tcp", &[])));
            assert_eq!(Service::all().unwrap().len(), 6);

            // Protocol numbers are ints to glibc: 256 and 99999 are kept. A negative,
            // huge or hex number makes the line no entry.
            assert_eq!(Protocol::from_number(255).unwrap(), Some(protocol("max", 255, &[])));
            assert_eq!(Protocol::from_number(256).unwrap(), Some(protocol("big", 256, &[])));
            assert_eq!(Protocol::from_name("nine").unwrap(), Some(protocol("nine", 99999, &[])));
            for name in ["neg", "huge", "hex"] {
                assert_eq!(Protocol::from_name(name).unwrap(), None, "{name}");
            }
            for number in [-1, 32, i32::MAX] {
                assert_eq!(Protocol::from_number(number).unwrap(), None, "{number}");
            }
            assert_eq!(Protocol::from_number(0).unwrap(), Some(protocol("zero", 0, &["ZERO"])));
            assert_eq!(Protocol::all().unwrap().len(), 4);
        }

        let inet = AddressFamily::Inet;
        for name in
            ["bad-octet.test", "five-parts.test", "big-octet.test", "bad6.test", "nine-groups.test"]
        {
            for family in [AddressFamily::Inet, AddressFamily::Inet6] {
                assert_eq!(Host::from_name(name, family).unwrap(), None, "{name} {family}");
            }
        }
        assert_eq!(
            Host::from_name("good.test", inet).unwrap(),
            Some(host("good.test", &[], &["192.0.2.40"]))
        );
        // A name that is an address with three parts is numeric to both C libraries
        // (inet_aton reads 1.2.3 as 1.2.0.3); one with an octet above 255 is nothing.
        assert_eq!(Host::from_name("1.2.3", inet).unwrap(), Some(host("1.2.3", &[], &["1.2.0.3"])));
        assert_eq!(Host::from_name("999.1.1.1", inet).unwrap(), None);
        let mapped = host("mapped.test", &[], &["::ffff:192.0.2.41"]);
        assert_eq!(Host::from_name("mapped.test", AddressFamily::Inet6).unwrap(), Some(mapped));
        assert_eq!(
            Host::from_name("six-loopback.test", AddressFamily::Inet6).unwrap(),
            Some(host("six-loopback.test", &[], &["::1"]))
        );
        assert_eq!(
            Host::from_addr(ip("192.0.2.41")).unwrap(),
            Some(host("mapped.test", &[], &["192.0.2.41"])),
            "an IPv4 address names the line of its mapped IPv6 form"
        );
        if MUSL {
            // musl reads the addresses of /etc/hosts with inet_aton, which takes three
            // parts and octal.
            assert_eq!(
                Host::from_name("three-parts.test", inet).unwrap(),
                Some(host("three-parts.test", &[], &["1.2.0.3"]))
            );
            assert_eq!(
                Host::from_name("leading-zero.test", inet).unwrap(),
                Some(host("leading-zero.test", &[], &["8.0.0.1"]))
            );
            // An IPv6 line answers no IPv4 lookup.
            assert_eq!(Host::from_name("mapped.test", inet).unwrap(), None);
            assert_eq!(Host::from_name("six-loopback.test", inet).unwrap(), None);
        } else {
            // glibc reads them with inet_pton: four decimal parts, no leading zero.
            for name in ["three-parts.test", "leading-zero.test"] {
                assert_eq!(Host::from_name(name, inet).unwrap(), None, "{name}");
            }
            // For an IPv4 lookup glibc answers a v4-mapped line with its IPv4 address
            // and a ::1 line with 127.0.0.1.
            assert_eq!(
                Host::from_name("mapped.test", inet).unwrap(),
                Some(host("mapped.test", &[], &["192.0.2.41"]))
            );
            assert_eq!(
                Host::from_name("six-loopback.test", inet).unwrap(),
                Some(host("six-loopback.test", &[], &["127.0.0.1"]))
            );
            assert_eq!(Host::all().unwrap().len(), 4);
        }
        compare_with_getent(
            &databases,
            &Extra {
                services: &["0", "16", "34463", "65536", "99999", "0/udp", "65535/tcp"],
                protocols: &["0", "256", "4294967296", "99999999999999999999"],
                hosts: &["1.2.0.3", "8.0.0.1", "::ffff:192.0.2.41", "::1", "127.0.0.1"],
            },
        );
    });
}

const DUPLICATE_SERVICES: &[u8] = b"first 100/tcp dupalias\n\
first 200/tcp\n\
first 100/udp\n\
dupalias 300/udp\n\
samename 400/tcp\n\
samename 400/tcp other-alias\n\
portdup 100/tcp\n";

const DUPLICATE_PROTOCOLS: &[u8] = b"first 100 pdupalias\n\
first 101\n\
pdupalias 102\n\
other 100\n";

const DUPLICATE_HOSTS: &[u8] = b"127.0.0.1 localhost\n\
192.0.2.50 dup.test one.test\n\
192.0.2.51 dup.test two.test\n\
192.0.2.52 DUP.TEST three.test\n\
2001:db8::50 dup.test six.test\n\
2001:db8::51 dup.test\n\
192.0.2.50 again.test\n\
192.0.2.53 one.test\n";

/// A name on several lines, with different ports, protocols, numbers and addresses: the
/// first line in file order wins a lookup, an alias of an earlier line beating the name
/// of a later one; glibc merges host lines with `multi on`.
fn duplicate_names_first_match_wins() {
    let databases = Databases {
        services: Some(DUPLICATE_SERVICES),
        protocols: Some(DUPLICATE_PROTOCOLS),
        hosts: Some(DUPLICATE_HOSTS),
        host_conf: MULTI_ON,
    };
    with_databases("duplicate_names_first_match_wins", &databases, || {
        let first = service("first", 100, "tcp", &["dupalias"]);
        for protocol in [None, Some("tcp")] {
            assert_eq!(
                Service::from_name("first", protocol).unwrap(),
                by_name("first", first.clone()),
                "{protocol:?}"
            );
        }
        assert_eq!(
            Service::from_name("first", Some("udp")).unwrap(),
            Some(service("first", 100, "udp", &[]))
        );
        assert_eq!(Service::from_port(200, None).unwrap(), Some(service("first", 200, "tcp", &[])));
        // Port 100 is first's before it is portdup's.
        assert_eq!(Service::from_port(100, None).unwrap(), by_port(first.clone()));
        assert_eq!(Service::from_port(100, Some("tcp")).unwrap(), by_port(first.clone()));
        assert_eq!(
            Service::from_port(100, Some("udp")).unwrap(),
            Some(service("first", 100, "udp", &[]))
        );
        assert_eq!(
            Service::from_name("portdup", None).unwrap(),
            Some(service("portdup", 100, "tcp", &[]))
        );
        // An alias on the first line beats the name of a later one, but not for another
        // protocol.
        assert_eq!(Service::from_name("dupalias", None).unwrap(), by_name("dupalias", first));
        assert_eq!(
            Service::from_name("dupalias", Some("udp")).unwrap(),
            Some(service("dupalias", 300, "udp", &[]))
        );
        // Of two lines alike but for an alias, the first wins by name and port; the
        // alias finds the second.
        assert_eq!(
            Service::from_name("samename", None).unwrap(),
            Some(service("samename", 400, "tcp", &[]))
        );
        assert_eq!(
            Service::from_port(400, None).unwrap(),
            Some(service("samename", 400, "tcp", &[]))
        );
        let second = service("samename", 400, "tcp", &["other-alias"]);
        assert_eq!(
            Service::from_name("other-alias", None).unwrap(),
            by_name("other-alias", second)
        );
        assert_eq!(Service::all().unwrap().len(), 7);

        if MUSL {
            assert_musl_ignores_the_protocols_file(&["first", "pdupalias", "other"]);
        } else {
            let first = protocol("first", 100, &["pdupalias"]);
            assert_eq!(Protocol::from_name("first").unwrap().as_ref(), Some(&first));
            assert_eq!(Protocol::from_name("pdupalias").unwrap().as_ref(), Some(&first));
            assert_eq!(Protocol::from_number(100).unwrap().as_ref(), Some(&first));
            assert_eq!(Protocol::from_number(101).unwrap(), Some(protocol("first", 101, &[])));
            assert_eq!(Protocol::from_number(102).unwrap(), Some(protocol("pdupalias", 102, &[])));
            assert_eq!(Protocol::from_name("other").unwrap(), Some(protocol("other", 100, &[])));
        }

        let inet = AddressFamily::Inet;
        if MUSL {
            // musl merges every line of the name, compared case-sensitively, and gives
            // no aliases but the name asked for.
            assert_eq!(
                Host::from_name("dup.test", inet).unwrap(),
                Some(host("dup.test", &[], &["192.0.2.50", "192.0.2.51"]))
            );
            assert_eq!(
                Host::from_name("DUP.TEST", inet).unwrap(),
                Some(host("DUP.TEST", &[], &["192.0.2.52"]))
            );
            assert_eq!(
                Host::from_name("one.test", inet).unwrap(),
                Some(host("dup.test", &["one.test"], &["192.0.2.50", "192.0.2.53"]))
            );
            assert_eq!(
                Host::from_name("dup.test", AddressFamily::Inet6).unwrap(),
                Some(host("dup.test", &[], &["2001:db8::50", "2001:db8::51"]))
            );
        } else {
            // multi on: every line of the name, compared case-insensitively, in file
            // order, under the first line's name, with the other lines' aliases and
            // names (unless the very same) as aliases.
            assert_eq!(
                Host::from_name("dup.test", inet).unwrap(),
                Some(host(
                    "dup.test",
                    &["one.test", "two.test", "three.test", "DUP.TEST"],
                    &["192.0.2.50", "192.0.2.51", "192.0.2.52"]
                ))
            );
            assert_eq!(
                Host::from_name("DUP.TEST", inet).unwrap(),
                Host::from_name("dup.test", inet).unwrap()
            );
            // one.test is an alias on one line and the name of another: it is listed
            // twice, as glibc merges without removing duplicates.
            assert_eq!(
                Host::from_name("one.test", inet).unwrap(),
                Some(host("dup.test", &["one.test", "one.test"], &["192.0.2.50", "192.0.2.53"]))
            );
            assert_eq!(
                Host::from_name("dup.test", AddressFamily::Inet6).unwrap(),
                Some(host("dup.test", &["six.test"], &["2001:db8::50", "2001:db8::51"]))
            );
        }
        // By address the first line wins, unmerged.
        let first_line = host("dup.test", &["one.test"], &["192.0.2.50"]);
        assert_eq!(Host::from_addr(ip("192.0.2.50")).unwrap(), host_by_addr(first_line));
        assert_eq!(
            Host::from_name("again.test", inet).unwrap(),
            Some(host("again.test", &[], &["192.0.2.50"]))
        );
        compare_with_getent(
            &databases,
            &Extra { hosts: &["DUP.TEST", "Dup.Test"], ..Extra::default() },
        );
    });
}

/// The same hosts file with `multi off`: glibc answers a name with its first line only.
fn duplicate_host_lines_without_multi_are_not_merged() {
    let databases = Databases {
        services: Some(b""),
        protocols: Some(b""),
        hosts: Some(DUPLICATE_HOSTS),
        host_conf: b"multi off\n",
    };
    with_databases("duplicate_host_lines_without_multi_are_not_merged", &databases, || {
        let inet = AddressFamily::Inet;
        if MUSL {
            // musl reads no host.conf: it merges as always.
            assert_eq!(
                Host::from_name("dup.test", inet).unwrap(),
                Some(host("dup.test", &[], &["192.0.2.50", "192.0.2.51"]))
            );
        } else {
            let first_line = host("dup.test", &["one.test"], &["192.0.2.50"]);
            assert_eq!(Host::from_name("dup.test", inet).unwrap().as_ref(), Some(&first_line));
            assert_eq!(Host::from_name("DUP.TEST", inet).unwrap().as_ref(), Some(&first_line));
            assert_eq!(Host::from_name("one.test", inet).unwrap(), Some(first_line));
            assert_eq!(
                Host::from_name("dup.test", AddressFamily::Inet6).unwrap(),
                Some(host("dup.test", &["six.test"], &["2001:db8::50"]))
            );
        }
        compare_with_getent(&databases, &Extra::default());
    });
}

const WHITESPACE_SERVICES: &[u8] = b"\n   \n\t\t\n\
\thttp\t80/tcp\t\twww\t\n\
\x20  lead 81/tcp   la1   la2   \n\
trail 82/udp \t \n\
vt\x0b83/tcp\x0cff-alias\n\
nbsp\xc2\xa084/tcp\n\
\n\n\
last 85/tcp last-alias";

const WHITESPACE_PROTOCOLS: &[u8] = b"\n   \n\t\t\n\
\tip\t0\tIP\t\n\
\x20  lead 230   pla1   pla2   \n\
trail 231 \t \n\
vt\x0b232\x0cff-palias\n\
\n\n\
last 233 last-palias";

const WHITESPACE_HOSTS: &[u8] = b"127.0.0.1 localhost\n\
\t192.0.2.60\tlead-tab.test\t\n\
\x20  192.0.2.61   lead.test   la.test   \n\
192.0.2.62 trail.test \t \n\
192.0.2.63\x0bvt.test\x0cff.test\n\
\n   \n\t\n\
2001:db8::60\t\tsix-tab.test\n\
192.0.2.64 last.test last-alias.test";

/// Tabs, blanks before the first field, runs of blanks, blanks at the end, blank lines,
/// vertical tabs and form feeds (blanks to C's isspace), a no-break space (not one), and
/// a last line without a line end.
fn white_space_oddities_separate_fields() {
    let databases = Databases {
        services: Some(WHITESPACE_SERVICES),
        protocols: Some(WHITESPACE_PROTOCOLS),
        hosts: Some(WHITESPACE_HOSTS),
        host_conf: MULTI_ON,
    };
    with_databases("white_space_oddities_separate_fields", &databases, || {
        let trail = service("trail", 82, "udp", &[]);
        assert_eq!(Service::from_name("trail", None).unwrap(), by_name("trail", trail.clone()));
        assert_eq!(Service::from_port(82, None).unwrap(), by_port(trail));
        let vt = service("vt", 83, "tcp", &["ff-alias"]);
        assert_eq!(Service::from_name("ff-alias", None).unwrap(), by_name("ff-alias", vt.clone()));
        assert_eq!(Service::from_port(83, Some("tcp")).unwrap(), by_port(vt));
        let last = service("last", 85, "tcp", &["last-alias"]);
        assert_eq!(
            Service::from_name("last-alias", None).unwrap(),
            by_name("last-alias", last.clone())
        );
        assert_eq!(Service::from_port(85, None).unwrap(), by_port(last));
        // A no-break space joins "nbsp" and "84/tcp" into one field: no port, no entry.
        assert_eq!(Service::from_name("nbsp", None).unwrap(), None);
        assert_eq!(Service::from_port(84, None).unwrap(), None);
        if MUSL {
            // musl takes everything before the first blank as a line's name: a line
            // that begins with a blank is never found.
            for name in ["http", "www", "lead", "la1"] {
                assert_eq!(Service::from_name(name, None).unwrap(), None, "{name}");
            }
            assert_eq!(Service::from_port(80, None).unwrap(), None);
            assert_eq!(Service::all().unwrap().len(), 3);
            assert_musl_ignores_the_protocols_file(&[
                "lead",
                "pla1",
                "trail",
                "ff-palias",
                "last-palias",
            ]);
        } else {
            let http = service("http", 80, "tcp", &["www"]);
            assert_eq!(Service::from_name("www", None).unwrap().as_ref(), Some(&http));
            assert_eq!(Service::from_port(80, Some("tcp")).unwrap(), Some(http));
            let lead = service("lead", 81, "tcp", &["la1", "la2"]);
            assert_eq!(Service::from_name("la2", None).unwrap().as_ref(), Some(&lead));
            assert_eq!(Service::from_port(81, None).unwrap(), Some(lead));
            assert_eq!(Service::all().unwrap().len(), 5);

            assert_eq!(Protocol::from_name("IP").unwrap(), Some(protocol("ip", 0, &["IP"])));
            assert_eq!(
                Protocol::from_number(230).unwrap(),
                Some(protocol("lead", 230, &["pla1", "pla2"]))
            );
            assert_eq!(Protocol::from_name("trail").unwrap(), Some(protocol("trail", 231, &[])));
            assert_eq!(
                Protocol::from_name("ff-palias").unwrap(),
                Some(protocol("vt", 232, &["ff-palias"]))
            );
            assert_eq!(
                Protocol::from_name("last-palias").unwrap(),
                Some(protocol("last", 233, &["last-palias"]))
            );
            assert_eq!(Protocol::all().unwrap().len(), 5);
        }

        let inet = AddressFamily::Inet;
        let trail = host("trail.test", &[], &["192.0.2.62"]);
        assert_eq!(Host::from_name("trail.test", inet).unwrap(), Some(trail));
        let vt = host("vt.test", &["ff.test"], &["192.0.2.63"]);
        assert_eq!(Host::from_name("ff.test", inet).unwrap(), Some(vt.clone()));
        assert_eq!(Host::from_addr(ip("192.0.2.63")).unwrap(), host_by_addr(vt));
        let six = host("six-tab.test", &[], &["2001:db8::60"]);
        assert_eq!(Host::from_name("six-tab.test", AddressFamily::Inet6).unwrap(), Some(six));
        let last = host("last.test", &["last-alias.test"], &["192.0.2.64"]);
        assert_eq!(
            Host::from_name("last.test", inet).unwrap(),
            host_by_name("last.test", last.clone())
        );
        if MUSL {
            // A name must be followed by a blank to match in musl: the last one of a file
            // without a line end is not.
            assert_eq!(Host::from_name("last-alias.test", inet).unwrap(), None);
            // A line that begins with a blank has no address to musl.
            for name in ["lead-tab.test", "lead.test", "la.test"] {
                assert_eq!(Host::from_name(name, inet).unwrap(), None, "{name}");
            }
            assert_eq!(Host::from_addr(ip("192.0.2.61")).unwrap(), None);
        } else {
            assert_eq!(Host::from_name("last-alias.test", inet).unwrap(), Some(last));
            assert_eq!(
                Host::from_name("lead-tab.test", inet).unwrap(),
                Some(host("lead-tab.test", &[], &["192.0.2.60"]))
            );
            let lead = host("lead.test", &["la.test"], &["192.0.2.61"]);
            assert_eq!(Host::from_name("la.test", inet).unwrap().as_ref(), Some(&lead));
            assert_eq!(Host::from_addr(ip("192.0.2.61")).unwrap(), Some(lead));
            assert_eq!(Host::all().unwrap().len(), 6);
        }
        compare_with_getent(&databases, &Extra::default());
    });
}
