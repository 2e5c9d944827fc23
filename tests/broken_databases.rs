//! Broken databases, each in a private mount namespace (`common::with_private_etc`):
//! missing and empty files, CRLF line ends, comments everywhere, lines of 100 KiB, an
//! entry with 10,000 aliases, bytes that are not UTF-8, numbers out of range and bad
//! addresses, duplicate names, and odd white space, for `/etc/services`,
//! `/etc/protocols` and `/etc/hosts` at once (a private /etc costs a process and a copy
//! of /etc, so each breakage is one run for the three databases).
//!
//! The files are in `tests/common/databases.rs`, which `tests/index.rs` compares the
//! index of the services and protocols files with the C library on as well.
//!
//! Each test is a table: the database files, then rows of a lookup through netdb and
//! the answer it must give, described as text (see [`Row`]), for glibc and for musl
//! where musl answers otherwise; a new case is one row. Then, where the C library is
//! glibc and its `getent` runs, the getent package's binary is compared with glibc's
//! getent for every key of each file (each name, alias, port or number, address,
//! `name/protocol` and `port/protocol`; a sample of a line's aliases when it has
//! thousands), for each enumeration, and for every host name with `ahostsv4`
//! (`getaddrinfo`), byte for byte, by the runner of `tests/getent.rs`
//! (`common::getent`). The binary prints what netdb finds, as getent prints it.
//!
//! Every file says `hosts: files` in nsswitch.conf, so no key goes to DNS on glibc.
//! musl reads files by rules of its own (netdb's `sys/musl.rs`): its services lookups
//! name an entry after the key and give no aliases, skip lines that begin with a blank
//! and read lines in pieces of 127 bytes; it never reads `/etc/protocols` (its protocols
//! are a built-in table); it reads `/etc/hosts` in pieces of 511 bytes, case-sensitively,
//! merging every line of a name, and asks DNS for what the file lacks (the names and
//! addresses here are reserved for documentation, which DNS does not know). The rows
//! give musl's answers where they differ; the comparisons with getent, whose glibc reads
//! the files differently, run on glibc only.

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

use common::child::OutputWithin;
use common::databases::*;
use common::getent::{keys, run};
use netdb::{AddressFamily, Error, Host, LossyEntry, Protocol, Service};

const MUSL: bool = cfg!(target_env = "musl");

/// Whether the C library is glibc, whose `getent` the getent binary is compared with.
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

// --- the rows ---------------------------------------------------------------------------

/// A lookup, and its answer described as text.
///
/// An entry is described as getent's line with single spaces: `http 80/tcp www` (a
/// service), `udp 17 UDP` (a protocol), `192.0.2.50,192.0.2.51 dup.test one.test` (a
/// host: its addresses, then its name and aliases). Nothing found is [`NOT_FOUND`]; an
/// entry that is not UTF-8 is `non-UTF-8 FIELD BYTES: ENTRY`, its raw bytes escaped and
/// the entry decoded lossily (`�` is U+FFFD); an enumeration is `N entries`; another
/// error is `io error KIND` or `error: TEXT`.
struct Query {
    what: String,
    answer: Box<dyn Fn() -> String>,
}

/// One case: a lookup and the answer glibc and musl must give (`None`: not asked of
/// that C library).
struct Row {
    query: Query,
    glibc: Option<String>,
    musl: Option<String>,
}

const NOT_FOUND: &str = "not found";

/// A row whose answer is the same with glibc and with musl.
fn row(query: Query, answer: impl Into<String>) -> Row {
    let answer = answer.into();
    Row { query, glibc: Some(answer.clone()), musl: Some(answer) }
}

/// A row for glibc only.
fn glibc(query: Query, answer: impl Into<String>) -> Row {
    Row { query, glibc: Some(answer.into()), musl: None }
}

/// A row for musl only.
fn musl(query: Query, answer: impl Into<String>) -> Row {
    Row { query, glibc: None, musl: Some(answer.into()) }
}

impl Row {
    /// musl's answer, where it differs.
    fn musl(self, answer: impl Into<String>) -> Row {
        Row { musl: Some(answer.into()), ..self }
    }
}

/// Asks every row that applies to this C library, and fails listing each wrong answer.
fn check_answers(rows: &[Row]) {
    let mut asked = 0;
    let mut wrong = Vec::new();
    for row in rows {
        let expected = if MUSL { &row.musl } else { &row.glibc };
        let Some(expected) = expected else { continue };
        asked += 1;
        let answer = (row.query.answer)();
        if answer != *expected {
            wrong.push(format!(
                "{}:\n  expected {}\n  answered {}\n",
                row.query.what,
                shorten(expected),
                shorten(&answer)
            ));
        }
    }
    assert!(wrong.is_empty(), "{} of {asked} answers are wrong:\n{}", wrong.len(), wrong.concat());
    eprintln!("{asked} answers right");
}

/// Text for a message: an answer of thousands of aliases by its start and length.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(150) {
        Some((end, _)) => format!("{:?}... ({} bytes)", &text[..end], text.len()),
        None => format!("{text:?}"),
    }
}

/// Describes an entry as [`Query`] says.
trait Describe {
    fn describe(&self) -> String;
}

fn aliases(aliases: &[String]) -> String {
    aliases.iter().map(|alias| format!(" {alias}")).collect()
}

impl Describe for Service {
    fn describe(&self) -> String {
        format!("{} {}/{}{}", self.name, self.port, self.protocol, aliases(&self.aliases))
    }
}

impl Describe for Protocol {
    fn describe(&self) -> String {
        format!("{} {}{}", self.name, self.number, aliases(&self.aliases))
    }
}

impl Describe for Host {
    fn describe(&self) -> String {
        let addresses: Vec<String> = self.addresses.iter().map(IpAddr::to_string).collect();
        format!("{} {}{}", addresses.join(","), self.name, aliases(&self.aliases))
    }
}

fn error(err: &Error) -> String {
    match err {
        Error::NonUtf8(bad) => {
            let entry = match &bad.entry {
                LossyEntry::Service(service) => service.describe(),
                LossyEntry::Protocol(protocol) => protocol.describe(),
                LossyEntry::Host(host) => host.describe(),
                other => format!("{other:?}"),
            };
            format!("non-UTF-8 {} {}: {entry}", bad.field, bad.bytes.escape_ascii())
        }
        Error::Io(e) => format!("io error {:?}", e.kind()),
        other => format!("error: {other}"),
    }
}

fn found<T: Describe>(result: netdb::Result<Option<T>>) -> String {
    match result {
        Ok(Some(entry)) => entry.describe(),
        Ok(None) => NOT_FOUND.to_owned(),
        Err(err) => error(&err),
    }
}

fn count<T>(result: netdb::Result<Vec<T>>) -> String {
    result.map_or_else(|err| error(&err), |all| format!("{} entries", all.len()))
}

fn nth<T: Describe>(result: netdb::Result<Vec<T>>, i: usize) -> String {
    match result {
        Ok(all) => all.get(i).map_or_else(|| format!("no entry {i}"), Describe::describe),
        Err(err) => error(&err),
    }
}

fn query(what: String, answer: impl Fn() -> String + 'static) -> Query {
    Query { what, answer: Box::new(answer) }
}

/// A key for a message: keys of 100 KiB are shown by their length.
fn show(key: &str) -> String {
    if key.len() > 60 {
        format!("<a key of {} bytes>", key.len())
    } else {
        format!("{key:?}")
    }
}

/// `Service::from_name(name, protocol)`.
fn service(name: &str, protocol: Option<&str>) -> Query {
    let (name, protocol) = (name.to_owned(), protocol.map(str::to_owned));
    let what = format!("Service::from_name({}, {protocol:?})", show(&name));
    query(what, move || found(Service::from_name(&name, protocol.as_deref())))
}

/// `Service::from_port(port, protocol)`.
fn port(port: u16, protocol: Option<&str>) -> Query {
    let protocol = protocol.map(str::to_owned);
    let what = format!("Service::from_port({port}, {protocol:?})");
    query(what, move || found(Service::from_port(port, protocol.as_deref())))
}

/// `Service::all()`: how many entries.
fn all_services() -> Query {
    query("Service::all()".into(), || count(Service::all()))
}

fn all_services_lossy() -> Query {
    query("Service::all_lossy()".into(), || count(Service::all_lossy()))
}

/// `Service::all()[i]`.
fn nth_service(i: usize) -> Query {
    query(format!("Service::all()[{i}]"), move || nth(Service::all(), i))
}

fn nth_service_lossy(i: usize) -> Query {
    query(format!("Service::all_lossy()[{i}]"), move || nth(Service::all_lossy(), i))
}

/// `Protocol::from_name(name)`.
fn protocol(name: &str) -> Query {
    let name = name.to_owned();
    query(format!("Protocol::from_name({})", show(&name)), move || {
        found(Protocol::from_name(&name))
    })
}

/// `Protocol::from_number(number)`.
fn protocol_number(number: i32) -> Query {
    query(format!("Protocol::from_number({number})"), move || found(Protocol::from_number(number)))
}

fn all_protocols() -> Query {
    query("Protocol::all()".into(), || count(Protocol::all()))
}

fn all_protocols_lossy() -> Query {
    query("Protocol::all_lossy()".into(), || count(Protocol::all_lossy()))
}

fn nth_protocol(i: usize) -> Query {
    query(format!("Protocol::all()[{i}]"), move || nth(Protocol::all(), i))
}

/// How many aliases the entries of `Protocol::all()` have in all.
fn protocol_aliases() -> Query {
    query("the aliases of Protocol::all()".into(), || match Protocol::all() {
        Ok(all) => format!("{} aliases", all.iter().map(|p| p.aliases.len()).sum::<usize>()),
        Err(err) => error(&err),
    })
}

/// `Host::from_name(name, Inet)`.
fn host4(name: &str) -> Query {
    let name = name.to_owned();
    let what = format!("Host::from_name({}, Inet)", show(&name));
    query(what, move || found(Host::from_name(&name, AddressFamily::Inet)))
}

/// `Host::from_name(name, Inet6)`.
fn host6(name: &str) -> Query {
    let name = name.to_owned();
    let what = format!("Host::from_name({}, Inet6)", show(&name));
    query(what, move || found(Host::from_name(&name, AddressFamily::Inet6)))
}

/// `Host::from_addr(address)`.
fn host_addr(address: &str) -> Query {
    let address: IpAddr = address.parse().expect("an address");
    query(format!("Host::from_addr({address})"), move || found(Host::from_addr(address)))
}

fn all_hosts() -> Query {
    query("Host::all()".into(), || count(Host::all()))
}

fn all_hosts_lossy() -> Query {
    query("Host::all_lossy()".into(), || count(Host::all_lossy()))
}

fn nth_host(i: usize) -> Query {
    query(format!("Host::all()[{i}]"), move || nth(Host::all(), i))
}

/// What the getent binary prints for `args`: text, or its bytes escaped where it is not
/// UTF-8.
fn getent_prints(args: &[&str]) -> Query {
    let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
    query(format!("getent {}", args.join(" ")), move || {
        let output = common::target_command(common::getent_path())
            .args(&args)
            .env("LC_ALL", "C")
            .output_within_limit()
            .expect("running getent");
        printed(&output.stdout)
    })
}

/// What glibc's getent prints for `args`, as [`getent_prints`].
fn glibc_getent_prints(args: &[&str]) -> Query {
    let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
    query(format!("glibc's getent {}", args.join(" ")), move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        printed(&common::run_getent(&args).stdout)
    })
}

fn printed(stdout: &[u8]) -> String {
    match std::str::from_utf8(stdout) {
        Ok(text) => text.to_owned(),
        Err(_) => stdout.escape_ascii().to_string(),
    }
}

/// musl never reads /etc/protocols: whatever the file says, the database is musl's
/// built-in table of 36 entries without aliases, and the file's own names are unknown.
fn musl_ignores_the_protocols_file(names_only_in_the_file: &[&str]) -> Vec<Row> {
    let mut rows = vec![
        musl(all_protocols(), "36 entries"),
        musl(protocol_aliases(), "0 aliases"),
        musl(protocol("tcp"), "tcp 6"),
        musl(protocol_number(17), "udp 17"),
    ];
    rows.extend(names_only_in_the_file.iter().map(|name| musl(protocol(name), NOT_FOUND)));
    rows
}

// --- the comparisons with getent ---------------------------------------------------------

/// Keys to compare besides the files' own.
#[derive(Default)]
struct Extra<'a> {
    services: &'a [&'a str],
    protocols: &'a [&'a str],
    hosts: &'a [&'a str],
}

/// The checks every test ends with: each enumeration against its strict form, and on
/// glibc the getent binary against glibc's getent for every key of each file and each
/// enumeration.
fn compare_with_getent(databases: &Databases, extra: &Extra) {
    let no_file: &[u8] = b"";

    let services = Service::all_lossy();
    if !(MUSL && databases.services.is_none()) {
        // (musl's enumeration of a missing file is an error, which the rows check.)
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

    let service_keys =
        service_keys(databases.services.unwrap_or(no_file), &services, extra.services);
    let protocol_keys =
        protocol_keys(databases.protocols.unwrap_or(no_file), &protocols, extra.protocols);
    let host_keys = host_keys(databases.hosts.unwrap_or(no_file), &hosts, extra.hosts);
    let names: Vec<&String> =
        host_keys.iter().filter(|key| key.parse::<IpAddr>().is_err()).collect();
    // C pads a raw name that is shorter than its lossy form; where netdb gives back an
    // entry's second field that is not UTF-8 lossily, its line is compared field by field.
    common::getent::check(&[
        keys("services", &service_keys).lossy(),
        run(&["services"]).lossy(),
        keys("protocols", &protocol_keys).lossy(),
        run(&["protocols"]).lossy(),
        keys("hosts", &host_keys).lossy(),
        run(&["hosts"]).lossy(),
        keys("ahostsv4", &names).lossy(),
    ]);
    for name in names {
        assert_ahostsv4_finds_the_addresses_of_host_from_name(name);
    }
}

/// That `getent ahostsv4 NAME` (getaddrinfo with `AF_INET`) lists the addresses
/// `Host::from_name(NAME, Inet)` (gethostbyname2) finds, or nothing where it finds none.
fn assert_ahostsv4_finds_the_addresses_of_host_from_name(key: &str) {
    // getent asks for AI_IDN, which fails for a key that is not ASCII in the C locale;
    // a key of 100 KiB is past what getaddrinfo takes.
    if !key.is_ascii() || key.len() > 1000 {
        return;
    }
    let getent = common::run_getent(&["ahostsv4", "--", key]);
    let stdout = String::from_utf8_lossy(&getent.stdout);
    let mut theirs: Vec<IpAddr> = stdout
        .lines()
        .map(|line| {
            line.split_whitespace().next().expect("an address").parse().expect("an address")
        })
        .collect();
    theirs.sort();
    theirs.dedup();
    let by_name = match Host::from_name(key, AddressFamily::Inet) {
        Ok(found) => found,
        Err(Error::NonUtf8(bad)) => match bad.entry {
            LossyEntry::Host(host) => Some(host),
            other => panic!("ahostsv4 {key:?}: {other:?}"),
        },
        Err(other) => panic!("ahostsv4 {key:?}: Host::from_name: {other}"),
    };
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
            assert_eq!(ours, theirs, "getent ahostsv4 {key:?}: the addresses of Host::from_name");
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

// --- the tests ---------------------------------------------------------------------------

/// No services, protocols or hosts file at all.
fn missing_files_are_empty_databases() {
    let databases = Databases { services: None, protocols: None, hosts: None, host_conf: MULTI_ON };
    with_databases("missing_files_are_empty_databases", &databases, || {
        let mut rows = vec![
            // Nothing to find, and no error: a missing file is an empty database to the
            // C library's lookups.
            row(service("http", None), NOT_FOUND),
            row(service("http", Some("tcp")), NOT_FOUND),
            row(port(80, None), NOT_FOUND),
            row(port(53, Some("udp")), NOT_FOUND),
            // netdb reads the file itself for musl's enumeration: a missing file is an
            // error that says so, not a claim that the database is empty.
            row(all_services(), "0 entries").musl("io error NotFound"),
            glibc(protocol("tcp"), NOT_FOUND),
            glibc(protocol_number(6), NOT_FOUND),
            glibc(all_protocols(), "0 entries"),
            // Only files are asked, and there is none: not even localhost is known.
            glibc(host4("localhost"), NOT_FOUND),
            glibc(host_addr("127.0.0.1"), NOT_FOUND),
            glibc(all_hosts(), "0 entries"),
            // A numeric name needs no file: the C library answers it itself.
            row(host4("192.0.2.7"), "192.0.2.7 192.0.2.7"),
        ];
        rows.extend(musl_ignores_the_protocols_file(&[]));
        check_answers(&rows);
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
        let mut rows = vec![
            row(service("http", None), NOT_FOUND),
            row(port(80, Some("tcp")), NOT_FOUND),
            // An empty file is an empty database on musl too: the enumeration reads it.
            row(all_services(), "0 entries"),
            row(all_services_lossy(), "0 entries"),
            glibc(protocol("udp"), NOT_FOUND),
            glibc(protocol_number(17), NOT_FOUND),
            glibc(all_protocols(), "0 entries"),
            glibc(host6("localhost"), NOT_FOUND),
            glibc(host_addr("::1"), NOT_FOUND),
            glibc(all_hosts(), "0 entries"),
        ];
        rows.extend(musl_ignores_the_protocols_file(&[]));
        check_answers(&rows);
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
        let http = "http 80/tcp www www-http";
        let old_mac = "old-mac 9/tcp mac-next 10/tcp";
        let cr_last = "cr-last 7070/udp cr-alias";
        let crlf = "192.0.2.70 crlf.test crlf-alias.test";
        let mut rows = vec![
            row(service("http", Some("tcp")), http).musl("http 80/tcp"),
            // The last alias before the CR is found as itself, not as "www-http\r".
            row(service("www-http", None), http).musl("www-http 80/tcp"),
            row(port(80, Some("tcp")), http).musl("http 80/tcp"),
            // The protocol is "udp", not "udp\r".
            row(service("http", Some("udp")), "http 80/udp"),
            // A lone CR inside a line separates fields like any blank: "mac-next" and
            // "10/tcp" are aliases of old-mac, not a line of their own.
            row(service("mac-next", None), old_mac).musl("mac-next 9/tcp"),
            row(port(9, None), old_mac).musl("old-mac 9/tcp"),
            row(port(10, None), NOT_FOUND),
            // The last line, ended by a CR and no LF.
            row(service("cr-alias", Some("udp")), cr_last).musl("cr-alias 7070/udp"),
            row(port(7070, None), cr_last).musl("cr-last 7070/udp"),
            row(all_services(), "4 entries"),
            glibc(protocol("UDP"), "udp 17 UDP"),
            glibc(protocol_number(6), "tcp 6 TCP"),
            glibc(protocol("CR-LAST"), "cr-last 250 CR-LAST"),
            glibc(all_protocols(), "4 entries"),
            row(host4("crlf-alias.test"), crlf),
            row(host4("crlf.test"), crlf).musl("192.0.2.70 crlf.test"),
            row(host_addr("192.0.2.70"), crlf).musl("192.0.2.70 crlf.test"),
            row(host6("crlf6.test"), "2001:db8::70 crlf6.test"),
            row(host4("cr-last.test"), "192.0.2.71 cr-last.test"),
        ];
        rows.extend(musl_ignores_the_protocols_file(&["cr-last", "CR-LAST"]));
        check_answers(&rows);
        compare_with_getent(&databases, &Extra::default());
    });
}

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
        let hidden = ["hidden", "hidden2", "www2", "comment", "c", "a2", "nameglued"];
        let mut rows: Vec<Row> =
            hidden.iter().map(|name| row(service(name, None), NOT_FOUND)).collect();
        rows.extend([1, 2, 3, 10].map(|number| row(port(number, None), NOT_FOUND)));
        rows.extend([
            row(service("www", Some("tcp")), "http 80/tcp www").musl("www 80/tcp"),
            // `#` glued to the protocol ends it: the protocol is "tcp".
            row(service("glued", Some("tcp")), "glued 7/tcp"),
            row(port(7, Some("tcp")), "glued 7/tcp"),
            // `#` glued to an alias ends it and the line.
            row(service("a1", None), "glued-alias 8/tcp a1").musl("a1 8/tcp"),
            row(service("spaced-hash", None), "spaced-hash 11/tcp"),
            row(port(12, Some("tcp")), "trailing-hash 12/tcp"),
            // glibc reads "9" as the port and takes the empty rest, cut at `#`, as the
            // protocol: an entry with an empty protocol, as getent shows it. musl wants
            // "/tcp" or "/udp" right after the port: the line is no entry.
            row(service("portglued", None), "portglued 9/").musl(NOT_FOUND),
            row(port(9, None), "portglued 9/").musl(NOT_FOUND),
            glibc(service("portglued", Some("tcp")), NOT_FOUND),
            glibc(getent_prints(&["services", "portglued"]), "portglued             9/\n"),
            row(all_services(), "6 entries").musl("5 entries"),
        ]);
        let hidden = ["hidden", "IP-comment", "pa2", "c", "numglued"];
        rows.extend(hidden.map(|name| glibc(protocol(name), NOT_FOUND)));
        rows.extend([201, 204].map(|number| glibc(protocol_number(number), NOT_FOUND)));
        rows.extend([
            glibc(protocol("IP"), "ip 0 IP"),
            glibc(protocol_number(202), "glued 202"),
            glibc(protocol("pa1"), "glued-alias 203 pa1"),
            glibc(protocol_number(205), "spaced-hash 205"),
            glibc(all_protocols(), "4 entries"),
        ]);
        rows.extend(musl_ignores_the_protocols_file(&["glued", "pa1", "spaced-hash"]));
        let hidden = ["hidden.test", "ga2.test", "nameless.test"];
        rows.extend(hidden.map(|name| row(host4(name), NOT_FOUND)));
        rows.extend([
            row(host_addr("192.0.2.89"), NOT_FOUND),
            row(host4("glued.test"), "192.0.2.80 glued.test"),
            row(host4("ga1.test"), "192.0.2.81 glued-alias.test ga1.test"),
            row(host6("six.test"), "2001:db8::80 six.test"),
            // glibc reads a line of an address alone as a host without a name; musl takes
            // the name after the address, here none, for no name: the address is not
            // named.
            row(host_addr("192.0.2.82"), "192.0.2.82 ").musl(NOT_FOUND),
            glibc(all_hosts(), "5 entries"),
        ]);
        check_answers(&rows);
        compare_with_getent(&databases, &Extra::default());
    });
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
        let long = format!("long 7001/tcp short-alias {long_alias}");
        let spaced = "spaced 7003/tcp spaced-alias";
        let long_protocol = format!("long 210 short-palias {long_alias}");
        let long_host = format!("192.0.2.90 long.test short.test {long_alias}");
        let mut rows = vec![
            row(service("short-alias", None), &long).musl("short-alias 7001/tcp"),
            row(port(7001, Some("tcp")), &long).musl("long 7001/tcp"),
            // Each line after a long one is reached, through the growing buffer on glibc.
            row(service("after-comment", None), "after-comment 7002/tcp"),
            row(port(7004, None), "after-all 7004/udp"),
            // Junk is no entry.
            row(service(&"y".repeat(100 * 1024), None), NOT_FOUND),
            // musl reads lines in pieces of 127 bytes: the alias of 100 KiB is in none of
            // them whole, and "spaced" has no port in its piece.
            row(service(&long_alias, None), &long).musl(NOT_FOUND),
            row(service("spaced", None), spaced).musl(NOT_FOUND),
            glibc(port(7003, None), spaced),
            // The last piece of the spaced line, 44 blanks then "7003/tcp spaced-alias",
            // is a line of its own to musl: its alias names port 7003. Its name is empty,
            // which musl's port lookup replaces with the number, and then reads as "no
            // name": not found.
            musl(service("spaced-alias", None), "spaced-alias 7003/tcp"),
            musl(port(7003, Some("tcp")), NOT_FOUND),
            // The enumeration reads whole lines by musl's rules.
            row(all_services(), "5 entries"),
            glibc(protocol(&long_alias), &long_protocol),
            glibc(protocol_number(210), &long_protocol),
            glibc(protocol_number(211), "after-comment 211"),
            glibc(protocol("spaced-palias"), "spaced 212 spaced-palias"),
            glibc(protocol("after-all"), "after-all 213"),
            glibc(all_protocols(), "5 entries"),
            // musl's pieces are 511 bytes: the names at the start are found, the long one
            // is not (and, longer than 255 bytes, is not even asked of DNS), and
            // spaced.test has no address in its piece.
            row(host4("short.test"), &long_host).musl("192.0.2.90 long.test short.test"),
            row(host4(&long_alias), &long_host).musl(NOT_FOUND),
            glibc(host_addr("192.0.2.90"), &long_host),
            row(host4("spaced.test"), "192.0.2.92 spaced.test").musl(NOT_FOUND),
            glibc(all_hosts(), "5 entries"),
            row(host4("after-comment.test"), "192.0.2.91 after-comment.test"),
            row(host4("after-all.test"), "192.0.2.93 after-all.test"),
        ];
        rows.extend(musl_ignores_the_protocols_file(&[
            "long",
            "short-palias",
            "after-comment",
            "spaced",
        ]));
        check_answers(&rows);
        compare_with_getent(&databases, &Extra::default());
    });
}

fn an_entry_with_10000_aliases_is_whole() {
    let (services, protocols, hosts) = ten_thousand_aliases_files();
    let databases = Databases {
        services: Some(services.as_bytes()),
        protocols: Some(protocols.as_bytes()),
        hosts: Some(hosts.as_bytes()),
        host_conf: MULTI_ON,
    };
    with_databases("an_entry_with_10000_aliases_is_whole", &databases, || {
        let bulk = format!("bulk 4000/tcp {}", many("alias", 10_000).join(" "));
        let bulk_protocol = format!("bulk 220 {}", many("palias", 10_000).join(" "));
        let bulk_host = format!("192.0.2.100 bulk.test {}", many_hosts(10_000).join(" "));
        // musl's lookups give no aliases; they find the names in the first 127 bytes of
        // the line only (511 for hosts).
        let mut rows = vec![
            musl(service("bulk", None), "bulk 4000/tcp"),
            musl(service("alias-3", None), "alias-3 4000/tcp"),
            musl(service("alias-9999", None), NOT_FOUND),
            musl(port(4000, None), "bulk 4000/tcp"),
        ];
        for key in ["bulk", "alias-0", "alias-5000", "alias-9999"] {
            rows.push(glibc(service(key, Some("tcp")), &bulk));
        }
        rows.extend([
            glibc(port(4000, None), &bulk),
            glibc(protocol("palias-9999"), &bulk_protocol),
            glibc(protocol_number(220), &bulk_protocol),
            glibc(protocol("N"), "neighbour 221 N"),
            glibc(all_protocols(), "2 entries"),
            glibc(nth_protocol(0), &bulk_protocol),
            // The enumeration keeps every alias on musl too (netdb reads the file there).
            row(all_services(), "3 entries"),
            row(nth_service(0), &bulk),
            row(nth_service(1), "bulk 4000/udp"),
            row(service("bulk", Some("udp")), "bulk 4000/udp"),
            row(service("n-alias", None), "neighbour 4001/tcp n-alias").musl("n-alias 4001/tcp"),
            musl(host4("bulk.test"), "192.0.2.100 bulk.test"),
            musl(host4("halias-2.test"), "192.0.2.100 bulk.test halias-2.test"),
            musl(host4("halias-9999.test"), NOT_FOUND),
            row(host_addr("192.0.2.100"), &bulk_host).musl("192.0.2.100 bulk.test"),
            glibc(all_hosts(), "3 entries"),
            glibc(nth_host(1), &bulk_host),
            row(host4("neighbour.test"), "192.0.2.101 neighbour.test"),
        ]);
        for key in ["bulk.test", "halias-0.test", "halias-9999.test"] {
            rows.push(glibc(host4(key), &bulk_host));
        }
        rows.extend(musl_ignores_the_protocols_file(&["bulk", "palias-9999", "neighbour"]));
        check_answers(&rows);
        compare_with_getent(&databases, &Extra::default());
    });
}

/// Bytes that are not UTF-8 (Latin-1, a truncated sequence, an overlong encoding, a
/// surrogate) in names, aliases and protocols, and a name that is UTF-8 but not ASCII.
/// Strict lookups fail with `NonUtf8`, which keeps the entry decoded lossily and the raw
/// bytes of the first bad field (a second bad field is only decoded lossily);
/// `all_lossy` keeps such entries. getent prints the raw bytes, and so does the getent
/// binary for the first bad field.
fn bytes_that_are_not_utf8_are_an_error_that_keeps_the_entry() {
    let databases = Databases {
        services: Some(NON_UTF8_SERVICES),
        protocols: Some(NON_UTF8_PROTOCOLS),
        hosts: Some(NON_UTF8_HOSTS),
        host_conf: MULTI_ON,
    };
    with_databases("bytes_that_are_not_utf8_are_an_error_that_keeps_the_entry", &databases, || {
        let cafe = r"non-UTF-8 name caf\xe9: caf� 9001/tcp ok-alias bad-�-alias";
        let good = r"non-UTF-8 alias al\xe9: good 9002/tcp al�";
        let cafe_host = r"non-UTF-8 name caf\xe9.test: 192.0.2.30 caf�.test ok.test";
        let mut rows = vec![
            row(port(9001, Some("tcp")), cafe).musl(r"non-UTF-8 name caf\xe9: caf� 9001/tcp"),
            // musl's lookups by name return the key as the name and no aliases: nothing
            // that is not UTF-8 is read. Nor is a protocol other than tcp and udp: the
            // line is no entry.
            row(service("ok-alias", None), cafe).musl("ok-alias 9001/tcp"),
            row(service("good", None), good).musl("good 9002/tcp"),
            row(port(9002, None), good).musl("good 9002/tcp"),
            row(service("proto-bad", None), r"non-UTF-8 protocol t\xe7p: proto-bad 9003/t�p")
                .musl(NOT_FOUND),
            // Each bad sequence becomes U+FFFD as String::from_utf8_lossy makes it: one
            // for the truncated sequence, one per byte of the overlong encoding and of
            // the surrogate.
            glibc(service("trunc", None), r"non-UTF-8 alias end\xe2\x82: trunc 9005/tcp end�"),
            glibc(service("overlong", None), r"non-UTF-8 alias \xc0\xaf: overlong 9006/tcp ��"),
            glibc(
                service("surrogate", None),
                r"non-UTF-8 alias \xed\xa0\x80: surrogate 9007/tcp ���",
            ),
            // UTF-8 that is not ASCII is fine, and padded by bytes as C pads it.
            row(port(9004, Some("udp")), "café 9004/udp"),
            row(getent_prints(&["services", "9004/udp"]), "café                 9004/udp\n"),
            row(service("plain", None), "plain 9008/tcp"),
            // The strict enumeration fails at the first bad entry (the whole line's
            // aliases, on musl too); the lossy one keeps every entry.
            row(all_services(), cafe),
            row(nth_service_lossy(0), "caf� 9001/tcp ok-alias bad-�-alias"),
            row(nth_service_lossy(1), "good 9002/tcp al�"),
            // musl has no entry of protocol "t\xe7p".
            row(all_services_lossy(), "8 entries").musl("7 entries"),
            glibc(protocol_number(240), r"non-UTF-8 name caf\xe9: caf� 240 ok-palias"),
            glibc(protocol("ok-palias"), r"non-UTF-8 name caf\xe9: caf� 240 ok-palias"),
            glibc(protocol("good"), r"non-UTF-8 alias pal\xe9: good 241 pal�"),
            glibc(protocol("café"), "café 242"),
            glibc(protocol_number(243), "plain 243"),
            glibc(all_protocols(), r"non-UTF-8 name caf\xe9: caf� 240 ok-palias"),
            glibc(all_protocols_lossy(), "4 entries"),
            // A canonical name that is not UTF-8 fails everywhere: musl returns it too.
            row(host4("ok.test"), cafe_host),
            row(host_addr("192.0.2.30"), cafe_host)
                .musl(r"non-UTF-8 name caf\xe9.test: 192.0.2.30 caf�.test"),
            row(
                host6("six-ok.test"),
                r"non-UTF-8 name six-caf\xe9.test: 2001:db8::30 six-caf�.test six-ok.test",
            ),
            // musl gives no aliases from the file: the bad one is never read.
            row(host4("good.test"), r"non-UTF-8 alias al\xe9.test: 192.0.2.31 good.test al�.test")
                .musl("192.0.2.31 good.test"),
            glibc(all_hosts(), cafe_host),
            // glibc lists the IPv4 lines.
            glibc(all_hosts_lossy(), "4 entries"),
            row(host4("café.test"), "192.0.2.32 café.test"),
        ];
        // getent prints the raw bytes: those NonUtf8 keeps for the first bad field, and
        // elsewhere bytes whose lossy decoding is netdb's entry. (C pads the raw name:
        // "caf\xe9" takes 4 bytes of the 21, its lossy form 6.) The getent binary prints
        // the first bad field raw, as glibc's getent does, and a second one lossily.
        let padded_cafe = r"caf\xe9                  9001/tcp ok-alias";
        rows.extend([
            glibc(
                glibc_getent_prints(&["services", "9002"]),
                r"good                  9002/tcp al\xe9\n",
            ),
            glibc(getent_prints(&["services", "9002"]), r"good                  9002/tcp al\xe9\n"),
            glibc(
                glibc_getent_prints(&["services", "9001"]),
                format!(r"{padded_cafe} bad-\xff-alias\n"),
            ),
            glibc(
                getent_prints(&["services", "9001"]),
                format!(r"{padded_cafe} bad-\xef\xbf\xbd-alias\n"),
            ),
            glibc(
                glibc_getent_prints(&["hosts", "ok.test"]),
                r"192.0.2.30      caf\xe9.test ok.test\n",
            ),
            glibc(getent_prints(&["hosts", "ok.test"]), r"192.0.2.30      caf\xe9.test ok.test\n"),
        ]);
        rows.extend(musl_ignores_the_protocols_file(&["ok-palias", "good", "café", "plain"]));
        check_answers(&rows);
        compare_with_getent(&databases, &Extra::default());
    });
}

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
        let mut rows = vec![
            row(service("max", None), "max 65535/tcp"),
            row(port(65535, None), "max 65535/tcp"),
            // Too large for strtoul, or negative: no entry in either C library.
            row(service("huge", None), NOT_FOUND),
            row(service("neg", None), NOT_FOUND),
            row(service("plus", None), "plus 7/tcp"),
            row(port(7, Some("tcp")), "plus 7/tcp"),
            row(service("zero", None), "zero 0/udp"),
            // glibc keeps the low 16 bits of a port: 65536 is port 0, 99999 is 34463.
            // musl takes only ports up to 65535, in decimal.
            row(service("big", None), "big 0/tcp").musl(NOT_FOUND),
            row(service("nine", None), "nine 34463/tcp").musl(NOT_FOUND),
            musl(service("hex", None), NOT_FOUND),
            glibc(port(34463, None), "nine 34463/tcp"),
            // The first port-0 line in file order is big's, tcp; udp's is zero's.
            glibc(port(0, None), "big 0/tcp"),
            // musl's getservbyport_r says "not found" for a name that strtol reads as
            // the port itself, to skip its own numeric fallback; "zero" reads as 0.
            row(port(0, Some("udp")), "zero 0/udp").musl(NOT_FOUND),
            // glibc reads the port with base 0: 0x10 is 16.
            glibc(port(16, None), "hex 16/tcp"),
            row(all_services(), "6 entries").musl("3 entries"),
            // Protocol numbers are ints to glibc: 256 and 99999 are kept. A negative,
            // huge or hex number makes the line no entry.
            glibc(protocol_number(255), "max 255"),
            glibc(protocol_number(256), "big 256"),
            glibc(protocol("nine"), "nine 99999"),
            glibc(protocol_number(0), "zero 0 ZERO"),
            glibc(all_protocols(), "4 entries"),
            row(host4("good.test"), "192.0.2.40 good.test"),
            // A name that is an address with three parts is numeric to both C libraries
            // (inet_aton reads 1.2.3 as 1.2.0.3); one with an octet above 255 is nothing.
            row(host4("1.2.3"), "1.2.0.3 1.2.3"),
            row(host4("999.1.1.1"), NOT_FOUND),
            row(host6("mapped.test"), "::ffff:192.0.2.41 mapped.test"),
            row(host6("six-loopback.test"), "::1 six-loopback.test"),
            // An IPv4 address names the line of its mapped IPv6 form.
            row(host_addr("192.0.2.41"), "192.0.2.41 mapped.test"),
            // musl reads the addresses of /etc/hosts with inet_aton, which takes three
            // parts and octal; glibc with inet_pton: four decimal parts, no leading zero.
            row(host4("three-parts.test"), NOT_FOUND).musl("1.2.0.3 three-parts.test"),
            row(host4("leading-zero.test"), NOT_FOUND).musl("8.0.0.1 leading-zero.test"),
            // For an IPv4 lookup glibc answers a v4-mapped line with its IPv4 address
            // and a ::1 line with 127.0.0.1; to musl an IPv6 line answers no IPv4 lookup.
            row(host4("mapped.test"), "192.0.2.41 mapped.test").musl(NOT_FOUND),
            row(host4("six-loopback.test"), "127.0.0.1 six-loopback.test").musl(NOT_FOUND),
            glibc(all_hosts(), "4 entries"),
        ];
        rows.extend(["neg", "huge", "hex"].map(|name| glibc(protocol(name), NOT_FOUND)));
        rows.extend([-1, 32, i32::MAX].map(|number| glibc(protocol_number(number), NOT_FOUND)));
        rows.extend([0, 16, 34463].map(|number| musl(port(number, Some("tcp")), NOT_FOUND)));
        for name in
            ["bad-octet.test", "five-parts.test", "big-octet.test", "bad6.test", "nine-groups.test"]
        {
            rows.extend([row(host4(name), NOT_FOUND), row(host6(name), NOT_FOUND)]);
        }
        rows.extend(musl_ignores_the_protocols_file(&["max", "big", "nine", "zero", "ZERO"]));
        check_answers(&rows);
        compare_with_getent(
            &databases,
            &Extra {
                services: &["0", "16", "34463", "65536", "99999", "0/udp", "65535/tcp"],
                // 4294967296 is 0 where a long has 64 bits; a getent whose long has 32
                // (armv7, i686) reads LONG_MAX, but the getent compared with is this
                // machine's, of 64 bits: that key is compared only where ours has 64.
                protocols: if std::mem::size_of::<std::ffi::c_long>() == 8 {
                    &["0", "256", "4294967296", "99999999999999999999"]
                } else {
                    &["0", "256", "99999999999999999999"]
                },
                hosts: &["1.2.0.3", "8.0.0.1", "::ffff:192.0.2.41", "::1", "127.0.0.1"],
            },
        );
    });
}

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
        let first = "first 100/tcp dupalias";
        let first_protocol = "first 100 pdupalias";
        let mut rows = vec![
            row(service("first", None), first).musl("first 100/tcp"),
            row(service("first", Some("tcp")), first).musl("first 100/tcp"),
            row(service("first", Some("udp")), "first 100/udp"),
            row(port(200, None), "first 200/tcp"),
            // Port 100 is first's before it is portdup's.
            row(port(100, None), first).musl("first 100/tcp"),
            row(port(100, Some("tcp")), first).musl("first 100/tcp"),
            row(port(100, Some("udp")), "first 100/udp"),
            row(service("portdup", None), "portdup 100/tcp"),
            // An alias on the first line beats the name of a later one, but not for
            // another protocol.
            row(service("dupalias", None), first).musl("dupalias 100/tcp"),
            row(service("dupalias", Some("udp")), "dupalias 300/udp"),
            // Of two lines alike but for an alias, the first wins by name and port; the
            // alias finds the second.
            row(service("samename", None), "samename 400/tcp"),
            row(port(400, None), "samename 400/tcp"),
            row(service("other-alias", None), "samename 400/tcp other-alias")
                .musl("other-alias 400/tcp"),
            row(all_services(), "7 entries"),
            glibc(protocol("first"), first_protocol),
            glibc(protocol("pdupalias"), first_protocol),
            glibc(protocol_number(100), first_protocol),
            glibc(protocol_number(101), "first 101"),
            glibc(protocol_number(102), "pdupalias 102"),
            glibc(protocol("other"), "other 100"),
            // multi on: every line of the name, compared case-insensitively, in file
            // order, under the first line's name, with the other lines' aliases and
            // names (unless the very same) as aliases. musl merges every line of the
            // name, compared case-sensitively, and gives no aliases but the name asked
            // for.
            row(
                host4("dup.test"),
                "192.0.2.50,192.0.2.51,192.0.2.52 dup.test one.test two.test three.test DUP.TEST",
            )
            .musl("192.0.2.50,192.0.2.51 dup.test"),
            row(
                host4("DUP.TEST"),
                "192.0.2.50,192.0.2.51,192.0.2.52 dup.test one.test two.test three.test DUP.TEST",
            )
            .musl("192.0.2.52 DUP.TEST"),
            // one.test is an alias on one line and the name of another: glibc lists it
            // twice, as it merges without removing duplicates.
            row(host4("one.test"), "192.0.2.50,192.0.2.53 dup.test one.test one.test")
                .musl("192.0.2.50,192.0.2.53 dup.test one.test"),
            row(host6("dup.test"), "2001:db8::50,2001:db8::51 dup.test six.test")
                .musl("2001:db8::50,2001:db8::51 dup.test"),
            // By address the first line wins, unmerged.
            row(host_addr("192.0.2.50"), "192.0.2.50 dup.test one.test")
                .musl("192.0.2.50 dup.test"),
            row(host4("again.test"), "192.0.2.50 again.test"),
        ];
        rows.extend(musl_ignores_the_protocols_file(&["first", "pdupalias", "other"]));
        check_answers(&rows);
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
        let first_line = "192.0.2.50 dup.test one.test";
        check_answers(&[
            // musl reads no host.conf: it merges as always.
            row(host4("dup.test"), first_line).musl("192.0.2.50,192.0.2.51 dup.test"),
            glibc(host4("DUP.TEST"), first_line),
            glibc(host4("one.test"), first_line),
            glibc(host6("dup.test"), "2001:db8::50 dup.test six.test"),
        ]);
        compare_with_getent(&databases, &Extra::default());
    });
}

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
        let vt = "vt 83/tcp ff-alias";
        let last = "last 85/tcp last-alias";
        let http = "http 80/tcp www";
        let lead = "lead 81/tcp la1 la2";
        let vt_host = "192.0.2.63 vt.test ff.test";
        let last_host = "192.0.2.64 last.test last-alias.test";
        let lead_host = "192.0.2.61 lead.test la.test";
        let mut rows = vec![
            row(service("trail", None), "trail 82/udp"),
            row(port(82, None), "trail 82/udp"),
            row(service("ff-alias", None), vt).musl("ff-alias 83/tcp"),
            row(port(83, Some("tcp")), vt).musl("vt 83/tcp"),
            row(service("last-alias", None), last).musl("last-alias 85/tcp"),
            row(port(85, None), last).musl("last 85/tcp"),
            // A no-break space joins "nbsp" and "84/tcp" into one field: no port, no entry.
            row(service("nbsp", None), NOT_FOUND),
            row(port(84, None), NOT_FOUND),
            // musl takes everything before the first blank as a line's name: a line that
            // begins with a blank is never found.
            row(service("www", None), http).musl(NOT_FOUND),
            glibc(port(80, Some("tcp")), http),
            musl(port(80, None), NOT_FOUND),
            row(service("la2", None), lead).musl(NOT_FOUND),
            glibc(port(81, None), lead),
            row(all_services(), "5 entries").musl("3 entries"),
            glibc(protocol("IP"), "ip 0 IP"),
            glibc(protocol_number(230), "lead 230 pla1 pla2"),
            glibc(protocol("trail"), "trail 231"),
            glibc(protocol("ff-palias"), "vt 232 ff-palias"),
            glibc(protocol("last-palias"), "last 233 last-palias"),
            glibc(all_protocols(), "5 entries"),
            row(host4("trail.test"), "192.0.2.62 trail.test"),
            row(host4("ff.test"), vt_host),
            row(host_addr("192.0.2.63"), vt_host).musl("192.0.2.63 vt.test"),
            row(host6("six-tab.test"), "2001:db8::60 six-tab.test"),
            row(host4("last.test"), last_host).musl("192.0.2.64 last.test"),
            // A name must be followed by a blank to match in musl: the last one of a file
            // without a line end is not. A line that begins with a blank has no address
            // to musl.
            row(host4("last-alias.test"), last_host).musl(NOT_FOUND),
            row(host4("lead-tab.test"), "192.0.2.60 lead-tab.test").musl(NOT_FOUND),
            musl(host4("lead.test"), NOT_FOUND),
            row(host4("la.test"), lead_host).musl(NOT_FOUND),
            row(host_addr("192.0.2.61"), lead_host).musl(NOT_FOUND),
            glibc(all_hosts(), "6 entries"),
        ];
        rows.extend(["http", "lead", "la1"].map(|name| musl(service(name, None), NOT_FOUND)));
        rows.extend(musl_ignores_the_protocols_file(&[
            "lead",
            "pla1",
            "trail",
            "ff-palias",
            "last-palias",
        ]));
        check_answers(&rows);
        compare_with_getent(&databases, &Extra::default());
    });
}
