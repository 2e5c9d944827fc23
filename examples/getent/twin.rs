//! The twin itself; see the example's own documentation (`examples/getent.rs`).

use std::ffi::{c_long, OsStr, OsString};
use std::io::{self, BufWriter, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::os::unix::ffi::OsStrExt;
use std::process::ExitCode;
use std::time::Duration;

use netdb::{
    AddrInfo, AddressFamily, Hints, Host, LossyEntry, Network, NonUtf8Entry, Protocol, Service,
    SocketType,
};

#[path = "../inet/mod.rs"]
mod inet;
use inet::{inet_aton, inet_ntop, inet_pton4, inet_pton6};

/// Exit status: every key was found, or the enumeration ran.
const FOUND: u8 = 0;
/// Exit status: no database was given, or an unknown one.
const USAGE: u8 = 1;
/// Exit status: at least one key was not found.
const NOT_FOUND: u8 = 2;
/// Exit status of a bad option: argp's `argp_err_exit_status`, `EX_USAGE`.
const BAD_OPTION: u8 = 64;

/// Looks up `keys` in one database, or enumerates it when `keys` is empty, writing the
/// entries to `out` as getent does. Returns getent's exit status.
type Handler = fn(&Options, &[OsString], &mut dyn Write) -> io::Result<u8>;

/// A database getent knows, and the twin's handler for it if it has one.
struct Database {
    name: &'static str,
    handler: Option<Handler>,
}

/// getent's databases in getent's order (`-s DB:CONFIG` takes the first whose name
/// starts with `DB`).
const DATABASES: &[Database] = &[
    // A `None` is not yet in the twin: it answers "Unknown database" until it has a
    // handler.
    Database { name: "ahosts", handler: Some(ahosts) },
    Database { name: "ahostsv4", handler: Some(ahostsv4) },
    Database { name: "ahostsv6", handler: Some(ahostsv6) },
    Database { name: "aliases", handler: None },
    Database { name: "ethers", handler: None },
    Database { name: "group", handler: None },
    Database { name: "gshadow", handler: None },
    Database { name: "hosts", handler: Some(hosts) },
    Database { name: "initgroups", handler: None },
    Database { name: "netgroup", handler: None },
    Database { name: "networks", handler: Some(networks) },
    Database { name: "passwd", handler: None },
    Database { name: "protocols", handler: Some(protocols) },
    Database { name: "rpc", handler: None },
    Database { name: "services", handler: Some(services) },
    Database { name: "shadow", handler: None },
];

/// The NSS database whose sources a getent database reads, which is what `-s`
/// configures: `getaddrinfo` reads `hosts`. (`-s ahosts:CONFIG` names no NSS database,
/// and glibc ignores it.)
fn nss_database(name: &str) -> &str {
    match name {
        "ahosts" | "ahostsv4" | "ahostsv6" => "hosts",
        name => name,
    }
}

pub fn main() -> ExitCode {
    ExitCode::from(run(std::env::args_os().collect()))
}

/// The whole program: `args` as `main` gets them, program name first.
fn run(args: Vec<OsString>) -> u8 {
    let (options, operands) = match parse_arguments(&args) {
        Ok(parsed) => parsed,
        Err(status) => return status,
    };
    let Some((database, keys)) = operands.split_first() else {
        // error (0, 0, "wrong number of arguments"), then argp_help (..., stdout, ...).
        message(&[options.invocation_name.as_bytes(), b": wrong number of arguments\n"]);
        print_try_help(&mut io::stdout(), &options.short_name);
        return USAGE;
    };
    let handler = DATABASES
        .iter()
        .find(|known| known.name.as_bytes() == database.as_bytes())
        .and_then(|known| Some((known.name, known.handler?)));
    let Some((name, handler)) = handler else {
        message(&[b"Unknown database: ", database.as_bytes(), b"\n"]);
        print_try_help(&mut io::stdout(), &options.short_name);
        return USAGE;
    };
    if let Some(config) = options.nss_config_for(nss_database(name)) {
        message(&[
            options.invocation_name.as_bytes(),
            b": cannot use the service configuration '",
            config,
            b"' for the ",
            name.as_bytes(),
            b" database: netdb cannot choose the NSS sources of a lookup\n",
        ]);
        return USAGE;
    }

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match handler(&options, keys, &mut out).and_then(|status| out.flush().map(|()| status)) {
        Ok(status) => status,
        Err(err) => {
            if err.kind() != io::ErrorKind::BrokenPipe {
                message(&[format!("getent: write error: {err}\n").as_bytes()]);
            }
            USAGE
        }
    }
}

// --- the databases ---------------------------------------------------------------------

/// `getent services [KEY...]`.
fn services(_: &Options, keys: &[OsString], out: &mut dyn Write) -> io::Result<u8> {
    if keys.is_empty() {
        // setservent (0); while (getservent ()) print_services; endservent ().
        let entries = match Service::all_lossy() {
            Ok(entries) => entries,
            Err(err) => return Ok(lookup_failed(b"services", &err)),
        };
        for entry in entries {
            RawService::restored(entry).write(out)?;
        }
        return Ok(FOUND);
    }
    let mut status = FOUND;
    let mut utf8_database = None;
    for key in keys {
        let key = key.as_bytes();
        let Some(found) = lookup_service(key) else {
            status = non_utf8_key(key, "services", &mut utf8_database, || Service::all().is_ok());
            continue;
        };
        match RawService::found(found) {
            Ok(Some(entry)) => entry.write(out)?,
            Ok(None) => status = NOT_FOUND,
            Err(err) => status = lookup_failed(key, &err),
        }
    }
    Ok(status)
}

/// getent's `services_keys` for one key: split at the first '/' into a name and a
/// protocol; a name that is a port is looked up by port, any other by name. `None` if the
/// key is not UTF-8 where netdb needs a `&str`.
fn lookup_service(key: &[u8]) -> Option<netdb::Result<Option<Service>>> {
    let (name, protocol) = match key.iter().position(|&b| b == b'/') {
        Some(slash) => (&key[..slash], Some(&key[slash + 1..])),
        None => (key, None),
    };
    let protocol = protocol.map(std::str::from_utf8).transpose().ok()?;
    Some(match port_of(name) {
        Some(port) => Service::from_port(port, protocol),
        None => Service::from_name(std::str::from_utf8(name).ok()?, protocol),
    })
}

/// `getent protocols [KEY...]`.
fn protocols(_: &Options, keys: &[OsString], out: &mut dyn Write) -> io::Result<u8> {
    if keys.is_empty() {
        // setprotoent (0); while (getprotoent ()) print_protocols; endprotoent ().
        let entries = match Protocol::all_lossy() {
            Ok(entries) => entries,
            Err(err) => return Ok(lookup_failed(b"protocols", &err)),
        };
        for entry in entries {
            RawProtocol::restored(entry).write(out)?;
        }
        return Ok(FOUND);
    }
    let mut status = FOUND;
    let mut utf8_database = None;
    for key in keys {
        let key = key.as_bytes();
        let Some(found) = lookup_protocol(key) else {
            status = non_utf8_key(key, "protocols", &mut utf8_database, || Protocol::all().is_ok());
            continue;
        };
        match RawProtocol::found(found) {
            Ok(Some(entry)) => entry.write(out)?,
            Ok(None) => status = NOT_FOUND,
            Err(err) => status = lookup_failed(key, &err),
        }
    }
    Ok(status)
}

/// getent's `protocols_keys` for one key: `isdigit (key[0]) ? getprotobynumber (atol
/// (key)) : getprotobyname (key)`. `None` if a name is not UTF-8.
fn lookup_protocol(key: &[u8]) -> Option<netdb::Result<Option<Protocol>>> {
    if key.first().is_some_and(u8::is_ascii_digit) {
        // atol returns a long; getprotobynumber takes an int, which keeps the low 32 bits.
        Some(Protocol::from_number(low_32_bits(strtol(key).value)))
    } else {
        Some(Protocol::from_name(std::str::from_utf8(key).ok()?))
    }
}

/// `getent hosts [KEY...]`.
fn hosts(_: &Options, keys: &[OsString], out: &mut dyn Write) -> io::Result<u8> {
    if keys.is_empty() {
        return enumerate_hosts(out);
    }
    let mut status = FOUND;
    let mut utf8_database = None;
    for key in keys {
        let key = key.as_bytes();
        if key.is_empty() {
            status = empty_host_name();
            continue;
        }
        let Some(found) = lookup_host(key) else {
            status = non_utf8_key(key, "hosts", &mut utf8_database, || Host::all().is_ok());
            continue;
        };
        match found {
            Ok(Some(entry)) => entry.write(out)?,
            Ok(None) => status = NOT_FOUND,
            Err(err) => status = resolver_lookup_failed(key, &err),
        }
    }
    Ok(status)
}

/// The status for the empty key, which netdb's `Host::from_name` answers "not found"
/// without asking the C library. glibc finds a line of `/etc/hosts` without a name
/// (`10.9.0.1` alone) with it; where the enumeration shows no such line the key is
/// simply not found, otherwise the twin cannot tell, and says so. (A nameless IPv6
/// line, which the enumeration does not show, escapes this.)
fn empty_host_name() -> u8 {
    let nameless = Host::all_lossy().is_ok_and(|all| all.iter().any(|h| h.name.is_empty()));
    if nameless {
        message(&[b"getent: cannot look up the empty name in the hosts database, which has \
            an entry without a name: netdb finds no host of the empty name\n"]);
    }
    NOT_FOUND
}

/// getent's `hosts_keys` for one key: an address `inet_pton` reads, IPv6 first, goes to
/// `gethostbyaddr`; anything else to `gethostbyname2 (key, AF_INET6)` and, if that
/// returns NULL (not found or failed), to `gethostbyname2 (key, AF_INET)`. `None` if a
/// name is not UTF-8.
fn lookup_host(key: &[u8]) -> Option<netdb::Result<Option<RawHost>>> {
    let address = inet_pton6(key).map(IpAddr::V6).or_else(|| inet_pton4(key).map(IpAddr::V4));
    if let Some(address) = address {
        return Some(RawHost::found(Host::from_addr(address)));
    }
    let name = std::str::from_utf8(key).ok()?;
    let first = match RawHost::found(Host::from_name(name, AddressFamily::Inet6)) {
        Ok(Some(entry)) => return Some(Ok(Some(entry))),
        first => first,
    };
    // Where neither finds the name, the failure of the first (if any) is the one to tell.
    Some(match RawHost::found(Host::from_name(name, AddressFamily::Inet)) {
        Ok(None) => first,
        second => second,
    })
}

/// `sethostent (0); while (gethostent ()) print_hosts; endhostent ()`: `hosts` and
/// each `ahosts*` without keys.
fn enumerate_hosts(out: &mut dyn Write) -> io::Result<u8> {
    let entries = match Host::all_lossy() {
        Ok(entries) => entries,
        Err(err) => return Ok(lookup_failed(b"hosts", &err)),
    };
    for entry in entries {
        RawHost::restored(entry).write(out)?;
    }
    Ok(FOUND)
}

/// `getent ahosts [KEY...]`: `getaddrinfo` with `AF_UNSPEC`.
fn ahosts(options: &Options, keys: &[OsString], out: &mut dyn Write) -> io::Result<u8> {
    addresses(options, None, keys, out)
}

/// `getent ahostsv4 [KEY...]`: `getaddrinfo` with `AF_INET`.
fn ahostsv4(options: &Options, keys: &[OsString], out: &mut dyn Write) -> io::Result<u8> {
    addresses(options, Some(AddressFamily::Inet), keys, out)
}

/// `getent ahostsv6 [KEY...]`: `getaddrinfo` with `AF_INET6` (and `AI_V4MAPPED`, which
/// the others pass too, to no effect).
fn ahostsv6(options: &Options, keys: &[OsString], out: &mut dyn Write) -> io::Result<u8> {
    addresses(options, Some(AddressFamily::Inet6), keys, out)
}

/// getent's `ahosts_keys_int`: `getaddrinfo (key, NULL, &hints, &res)` for each key,
/// every result printed; the enumeration of `hosts` without keys.
fn addresses(
    options: &Options,
    family: Option<AddressFamily>,
    keys: &[OsString],
    out: &mut dyn Write,
) -> io::Result<u8> {
    if keys.is_empty() {
        return enumerate_hosts(out);
    }
    // AI_V4MAPPED | AI_ADDRCONFIG | AI_CANONNAME | AI_IDN | AI_CANONIDN, no socket type.
    let hints =
        Hints::new().v4_mapped(true).address_config(!options.no_addrconfig).canonical_name(true);
    let hints = family.map_or(hints, |family| hints.family(family));
    let mut status = FOUND;
    let mut utf8_database = None;
    for key in keys {
        let key = key.as_bytes();
        if !options.no_idn && !key.is_ascii() {
            // AI_IDN reads the key as text of the locale. In the C locale a byte above
            // 127 is no character, and getaddrinfo fails with EAI_IDN_ENCODE.
            status = NOT_FOUND;
            continue;
        }
        let Ok(name) = std::str::from_utf8(key) else {
            status = non_utf8_key(key, "hosts", &mut utf8_database, || Host::all().is_ok());
            continue;
        };
        match netdb::getaddrinfo(Some(name), None, &hints) {
            Ok(found) => {
                for info in &found {
                    let canonical = info.canonical_name.as_deref().map(|c| raw_canonical(name, c));
                    write_addrinfo(out, info, canonical.as_deref())?;
                }
            }
            Err(err) => status = resolver_lookup_failed(key, &err),
        }
    }
    Ok(status)
}

/// One line of `ahosts_keys_int`: `printf ("%s%-*s %-6s %s\n", address, pad, scope,
/// type, canonical name or "")`. The scope is `%ID` for an IPv6 address with a scope id
/// and empty otherwise, and `pad = 15 - strlen (address) - strlen (scope)` (0 if less)
/// is the width of the *scope*: an address pads to 15 bytes, but one with a scope to
/// 15 less the scope's length (`fe80::1%1` and four spaces).
fn write_addrinfo(
    out: &mut dyn Write,
    info: &AddrInfo,
    canonical: Option<&[u8]>,
) -> io::Result<()> {
    let address = inet_ntop(info.address.ip());
    let scope = match info.address {
        SocketAddr::V6(v6) if v6.scope_id() != 0 => format!("%{}", v6.scope_id()),
        _ => String::new(),
    };
    let pad = 15usize.saturating_sub(address.len() + scope.len());
    write!(out, "{address}{scope:<pad$} {:<6} ", socket_type_name(info.socket_type))?;
    out.write_all(canonical.unwrap_or_default())?;
    out.write_all(b"\n")
}

/// getent's names of socket types: `SOCK_` cut off, or the number for one it does not
/// know. It knows `SOCK_RDM`, `SOCK_DCCP` and `SOCK_PACKET` too, which netdb has no
/// constants for (Linux's values are here); getaddrinfo gives them only when the hints
/// ask for them, which getent's do not.
fn socket_type_name(socket_type: SocketType) -> String {
    if let Some(name) = socket_type.c_name() {
        return name.trim_start_matches("SOCK_").to_owned();
    }
    match socket_type.as_raw() {
        4 => "RDM".to_owned(),
        6 => "DCCP".to_owned(),
        10 => "PACKET".to_owned(),
        other => other.to_string(),
    }
}

/// The canonical name `getaddrinfo` gave for `name`, as the C library holds it. netdb
/// decodes it lossily; where that replaced bytes, the canonical name is the official
/// name of the host entry that `name` finds, whose raw bytes `gethostbyname2` reports.
fn raw_canonical(name: &str, canonical: &str) -> Vec<u8> {
    if canonical.contains(char::REPLACEMENT_CHARACTER) {
        for family in [AddressFamily::Inet6, AddressFamily::Inet] {
            if let Err(netdb::Error::NonUtf8(err)) = Host::from_name(name, family) {
                if matches!(&err.entry, LossyEntry::Host(host) if host.name == canonical)
                    && err.field == "name"
                {
                    return err.bytes;
                }
            }
        }
    }
    canonical.as_bytes().to_vec()
}

/// `getent networks [KEY...]`.
fn networks(_: &Options, keys: &[OsString], out: &mut dyn Write) -> io::Result<u8> {
    if keys.is_empty() {
        // setnetent (0); while (getnetent ()) print_networks; endnetent ().
        let entries = match Network::all_lossy() {
            Ok(entries) => entries,
            Err(err) => return Ok(lookup_failed(b"networks", &err)),
        };
        for entry in entries {
            RawNetwork::restored(entry).write(out)?;
        }
        return Ok(FOUND);
    }
    let mut status = FOUND;
    let mut utf8_database = None;
    for key in keys {
        let key = key.as_bytes();
        let Some(found) = lookup_network(key) else {
            status = non_utf8_key(key, "networks", &mut utf8_database, || Network::all().is_ok());
            continue;
        };
        match RawNetwork::found(found) {
            Ok(Some(entry)) => entry.write(out)?,
            Ok(None) => status = NOT_FOUND,
            Err(err) => status = resolver_lookup_failed(key, &err),
        }
    }
    Ok(status)
}

/// getent's `networks_keys` for one key: `isdigit (key[0]) ? getnetbyaddr (ntohl
/// (inet_addr (key)), AF_UNSPEC) : getnetbyname (key)`, where a key `inet_addr` cannot
/// read is `INADDR_NONE`, the number of 255.255.255.255. `None` if a name is not UTF-8.
fn lookup_network(key: &[u8]) -> Option<netdb::Result<Option<Network>>> {
    if key.first().is_some_and(u8::is_ascii_digit) {
        let number = inet_aton(key).unwrap_or(u32::MAX);
        Some(Network::from_addr(Ipv4Addr::from(number)))
    } else {
        Some(Network::from_name(std::str::from_utf8(key).ok()?))
    }
}

/// The port a services key names: getent takes the name part as a port when it starts
/// with a digit and `strtol` reads all of it as a value from 0 to 65535.
fn port_of(name: &[u8]) -> Option<u16> {
    if !name.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let number = strtol(name);
    if number.length != name.len() {
        return None;
    }
    u16::try_from(number.value).ok()
}

/// What C's `strtol (text, &end, 10)` reads.
struct Strtol {
    /// The value, saturated to `LONG_MIN`..=`LONG_MAX` as `strtol` does on overflow.
    value: c_long,
    /// How many bytes it read (`end - text`); 0 when there was no number.
    length: usize,
}

/// C's `strtol` in base 10: leading white space, an optional sign, then digits.
fn strtol(text: &[u8]) -> Strtol {
    let start = text
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        .unwrap_or(text.len());
    let mut rest = &text[start..];
    let negative = rest.first() == Some(&b'-');
    if matches!(rest.first(), Some(b'-' | b'+')) {
        rest = &rest[1..];
    }
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return Strtol { value: 0, length: 0 };
    }
    // i128 cannot overflow before the value leaves the range of a long, where it stops.
    let mut magnitude: i128 = 0;
    for &digit in &rest[..digits] {
        magnitude = (magnitude * 10 + i128::from(digit - b'0')).min(i128::from(c_long::MAX) + 1);
    }
    let signed = if negative { -magnitude } else { magnitude };
    let value = signed.clamp(i128::from(c_long::MIN), i128::from(c_long::MAX));
    Strtol {
        // In range after the clamp: the fallback is never taken.
        value: c_long::try_from(value).unwrap_or(c_long::MAX),
        length: text.len() - rest.len() + digits,
    }
}

/// A C `long` converted to an `int`, as C converts it: the low 32 bits.
// On 32-bit targets a long is an int already.
#[allow(clippy::unnecessary_cast)]
fn low_32_bits(value: c_long) -> i32 {
    value as i32
}

/// The status for a key that is not UTF-8. getent would look it up; it can only match an
/// entry that is not UTF-8 either, so when the whole database is UTF-8 (`is_utf8`, run
/// once) the key is simply not found. Otherwise the twin cannot tell, and says so.
fn non_utf8_key(
    key: &[u8],
    database: &str,
    utf8_database: &mut Option<bool>,
    is_utf8: fn() -> bool,
) -> u8 {
    if !*utf8_database.get_or_insert_with(is_utf8) {
        message(&[
            b"getent: cannot look up '",
            key,
            b"' in the ",
            database.as_bytes(),
            b" database, which is not all UTF-8: netdb takes keys as UTF-8\n",
        ]);
    }
    NOT_FOUND
}

/// Reports a lookup that failed for another reason than "not found"; getent sees such
/// a failure as not found, so the status is [`NOT_FOUND`].
fn lookup_failed(what: &[u8], err: &netdb::Error) -> u8 {
    message(&[b"getent: ", what, format!(": {err}\n").as_bytes()]);
    NOT_FOUND
}

/// [`lookup_failed`] for the lookups that may ask a name server: its own failures
/// (h_errno `TRY_AGAIN` and `NO_RECOVERY`, getaddrinfo's `EAI_*` codes) are how "not
/// found" looks there, and getent is silent about them, so the twin is too.
fn resolver_lookup_failed(key: &[u8], err: &netdb::Error) -> u8 {
    match err {
        netdb::Error::Host(_) | netdb::Error::AddrInfo(_) => NOT_FOUND,
        err => lookup_failed(key, err),
    }
}

// --- entries as bytes --------------------------------------------------------------------

/// A services entry with its strings as the bytes the C library holds.
struct RawService {
    name: Vec<u8>,
    aliases: Vec<Vec<u8>>,
    port: u16,
    protocol: Vec<u8>,
}

impl RawService {
    fn new(service: Service) -> Self {
        RawService {
            name: service.name.into_bytes(),
            aliases: service.aliases.into_iter().map(String::into_bytes).collect(),
            port: service.port,
            protocol: service.protocol.into_bytes(),
        }
    }

    /// The entry a [`netdb::Error::NonUtf8`] keeps, with the raw bytes of the field it
    /// names put back; `None` for an entry of another database.
    fn from_non_utf8(err: &NonUtf8Entry) -> Option<Self> {
        let LossyEntry::Service(service) = &err.entry else { return None };
        let mut raw = RawService::new(service.clone());
        restore(&mut raw.name, &mut raw.aliases, Some(&mut raw.protocol), err.field, &err.bytes);
        Some(raw)
    }

    /// The entry a lookup found, with the raw bytes of a field that is not UTF-8.
    fn found(found: netdb::Result<Option<Service>>) -> netdb::Result<Option<Self>> {
        found_raw(found, RawService::new, RawService::from_non_utf8)
    }

    /// An entry of `Service::all_lossy`. If it holds U+FFFD, the lookup by port that
    /// finds the same entry tells the raw bytes of its first field that is not UTF-8.
    fn restored(service: Service) -> Self {
        let strings = [&service.name, &service.protocol].into_iter().chain(&service.aliases);
        if !strings.into_iter().any(|s| s.contains(char::REPLACEMENT_CHARACTER)) {
            return RawService::new(service);
        }
        for protocol in [None, Some(service.protocol.as_str())] {
            if let Err(netdb::Error::NonUtf8(err)) = Service::from_port(service.port, protocol) {
                if matches!(&err.entry, LossyEntry::Service(found) if *found == service) {
                    if let Some(raw) = RawService::from_non_utf8(&err) {
                        return raw;
                    }
                }
            }
        }
        RawService::new(service)
    }

    /// print_services: `printf ("%-21s %d/%s", ...)`, then " alias" each, then "\n".
    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        write_padded_name(out, &self.name)?;
        write!(out, " {}/", self.port)?;
        out.write_all(&self.protocol)?;
        write_aliases(out, &self.aliases)
    }
}

/// A protocols entry with its strings as the bytes the C library holds.
struct RawProtocol {
    name: Vec<u8>,
    aliases: Vec<Vec<u8>>,
    number: i32,
}

impl RawProtocol {
    fn new(protocol: Protocol) -> Self {
        RawProtocol {
            name: protocol.name.into_bytes(),
            aliases: protocol.aliases.into_iter().map(String::into_bytes).collect(),
            number: protocol.number,
        }
    }

    /// As [`RawService::from_non_utf8`].
    fn from_non_utf8(err: &NonUtf8Entry) -> Option<Self> {
        let LossyEntry::Protocol(protocol) = &err.entry else { return None };
        let mut raw = RawProtocol::new(protocol.clone());
        restore(&mut raw.name, &mut raw.aliases, None, err.field, &err.bytes);
        Some(raw)
    }

    /// As [`RawService::found`].
    fn found(found: netdb::Result<Option<Protocol>>) -> netdb::Result<Option<Self>> {
        found_raw(found, RawProtocol::new, RawProtocol::from_non_utf8)
    }

    /// As [`RawService::restored`], looking the entry up by number.
    fn restored(protocol: Protocol) -> Self {
        let strings = std::iter::once(&protocol.name).chain(&protocol.aliases);
        if !strings.into_iter().any(|s| s.contains(char::REPLACEMENT_CHARACTER)) {
            return RawProtocol::new(protocol);
        }
        if let Err(netdb::Error::NonUtf8(err)) = Protocol::from_number(protocol.number) {
            if matches!(&err.entry, LossyEntry::Protocol(found) if *found == protocol) {
                if let Some(raw) = RawProtocol::from_non_utf8(&err) {
                    return raw;
                }
            }
        }
        RawProtocol::new(protocol)
    }

    /// print_protocols: `printf ("%-21s %d", ...)`, then " alias" each, then "\n".
    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        write_padded_name(out, &self.name)?;
        write!(out, " {}", self.number)?;
        write_aliases(out, &self.aliases)
    }
}

/// A hosts entry with its strings as the bytes the C library holds.
struct RawHost {
    name: Vec<u8>,
    aliases: Vec<Vec<u8>>,
    addresses: Vec<IpAddr>,
}

impl RawHost {
    fn new(host: Host) -> Self {
        RawHost {
            name: host.name.into_bytes(),
            aliases: host.aliases.into_iter().map(String::into_bytes).collect(),
            addresses: host.addresses,
        }
    }

    /// As [`RawService::from_non_utf8`].
    fn from_non_utf8(err: &NonUtf8Entry) -> Option<Self> {
        let LossyEntry::Host(host) = &err.entry else { return None };
        let mut raw = RawHost::new(host.clone());
        restore(&mut raw.name, &mut raw.aliases, None, err.field, &err.bytes);
        Some(raw)
    }

    /// As [`RawService::found`].
    fn found(found: netdb::Result<Option<Host>>) -> netdb::Result<Option<Self>> {
        found_raw(found, RawHost::new, RawHost::from_non_utf8)
    }

    /// As [`RawService::restored`], looking the entry up by its address: that finds the
    /// first line with the address, which is this entry unless an earlier line has it.
    fn restored(host: Host) -> Self {
        let strings = std::iter::once(&host.name).chain(&host.aliases);
        if !strings.into_iter().any(|s| s.contains(char::REPLACEMENT_CHARACTER)) {
            return RawHost::new(host);
        }
        if let Some(&address) = host.addresses.first() {
            if let Err(netdb::Error::NonUtf8(err)) = Host::from_addr(address) {
                let same = matches!(&err.entry, LossyEntry::Host(found)
                    if found.name == host.name && found.aliases == host.aliases);
                if let Some(raw) = RawHost::from_non_utf8(&err).filter(|_| same) {
                    return RawHost { addresses: host.addresses, ..raw };
                }
            }
        }
        RawHost::new(host)
    }

    /// print_hosts: for each address `printf ("%-15s %s", inet_ntop (...), h_name)`,
    /// then " alias" each, then "\n".
    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        for address in &self.addresses {
            write!(out, "{:<15} ", inet_ntop(*address))?;
            out.write_all(&self.name)?;
            write_aliases(out, &self.aliases)?;
        }
        Ok(())
    }
}

/// A networks entry with its strings as the bytes the C library holds.
struct RawNetwork {
    name: Vec<u8>,
    aliases: Vec<Vec<u8>>,
    /// The network number `n_net`.
    number: Ipv4Addr,
}

impl RawNetwork {
    fn new(network: Network) -> Self {
        RawNetwork {
            name: network.name.into_bytes(),
            aliases: network.aliases.into_iter().map(String::into_bytes).collect(),
            number: network.address,
        }
    }

    /// As [`RawService::from_non_utf8`].
    fn from_non_utf8(err: &NonUtf8Entry) -> Option<Self> {
        let LossyEntry::Network(network) = &err.entry else { return None };
        let mut raw = RawNetwork::new(network.clone());
        restore(&mut raw.name, &mut raw.aliases, None, err.field, &err.bytes);
        Some(raw)
    }

    /// As [`RawService::found`].
    fn found(found: netdb::Result<Option<Network>>) -> netdb::Result<Option<Self>> {
        found_raw(found, RawNetwork::new, RawNetwork::from_non_utf8)
    }

    /// As [`RawService::restored`], looking the entry up by number.
    fn restored(network: Network) -> Self {
        let strings = std::iter::once(&network.name).chain(&network.aliases);
        if !strings.into_iter().any(|s| s.contains(char::REPLACEMENT_CHARACTER)) {
            return RawNetwork::new(network);
        }
        if let Err(netdb::Error::NonUtf8(err)) = Network::from_addr(network.address) {
            if matches!(&err.entry, LossyEntry::Network(found) if *found == network) {
                if let Some(raw) = RawNetwork::from_non_utf8(&err) {
                    return raw;
                }
            }
        }
        RawNetwork::new(network)
    }

    /// print_networks: `printf ("%-21s %s", n_name, inet_ntoa (htonl (n_net)))`, then
    /// " alias" each, then "\n".
    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        write_padded_name(out, &self.name)?;
        write!(out, " {}", self.number)?;
        write_aliases(out, &self.aliases)
    }
}

/// The entry a lookup found, as bytes: `new` makes it of a UTF-8 entry, and
/// `from_non_utf8` of the [`netdb::Error::NonUtf8`] for one that is not, if it can.
fn found_raw<T, R>(
    found: netdb::Result<Option<T>>,
    new: fn(T) -> R,
    from_non_utf8: fn(&NonUtf8Entry) -> Option<R>,
) -> netdb::Result<Option<R>> {
    match found {
        Ok(found) => Ok(found.map(new)),
        Err(netdb::Error::NonUtf8(err)) => match from_non_utf8(&err) {
            Some(raw) => Ok(Some(raw)),
            None => Err(netdb::Error::NonUtf8(err)),
        },
        Err(err) => Err(err),
    }
}

/// Puts back the raw bytes of the field a [`NonUtf8Entry`] names (`"name"`, `"alias"`,
/// `"protocol"`) into an entry decoded lossily. The field is found by its lossy text,
/// so nothing changes if it is not there.
fn restore(
    name: &mut Vec<u8>,
    aliases: &mut [Vec<u8>],
    protocol: Option<&mut Vec<u8>>,
    field: &str,
    raw: &[u8],
) {
    let lossy = String::from_utf8_lossy(raw).into_owned().into_bytes();
    let slot = match field {
        "name" => Some(name),
        "alias" => aliases.iter_mut().find(|alias| **alias == lossy),
        "protocol" => protocol,
        _ => None,
    };
    if let Some(slot) = slot.filter(|slot| **slot == lossy) {
        *slot = raw.to_vec();
    }
}

/// `printf ("%-21s", name)`: C pads to 21 bytes, where Rust's `{:<21}` counts characters.
fn write_padded_name(out: &mut dyn Write, name: &[u8]) -> io::Result<()> {
    out.write_all(name)?;
    let padding = 21usize.saturating_sub(name.len());
    out.write_all(&[b' '; 21][..padding])
}

fn write_aliases(out: &mut dyn Write, aliases: &[Vec<u8>]) -> io::Result<()> {
    for alias in aliases {
        out.write_all(b" ")?;
        out.write_all(alias)?;
    }
    out.write_all(b"\n")
}

// --- the command line ------------------------------------------------------------------

/// What the options asked for, besides the operands.
struct Options {
    /// getopt's messages name the program by `argv[0]` as given.
    argv0: OsString,
    /// `program_invocation_name`: `argv[0]`, or the `--program-name`.
    invocation_name: OsString,
    /// argp's `state->name`: the last path component of the invocation name.
    short_name: OsString,
    /// `-s CONFIG` and `-s DB:CONFIG`, in order: the database (`None` for all) and the
    /// configuration.
    nss_configs: Vec<(Option<&'static str>, Vec<u8>)>,
    /// `-i`, `--no-idn`: no IDN encoding (for `ahosts*`).
    no_idn: bool,
    /// `-A`, `--no-addrconfig`: no `AI_ADDRCONFIG` (for `ahosts*`).
    no_addrconfig: bool,
}

impl Options {
    /// The service configuration a `-s` gave for `database`, if any.
    fn nss_config_for(&self, database: &str) -> Option<&[u8]> {
        self.nss_configs
            .iter()
            .find(|(only, _)| only.map_or(true, |only| only == database))
            .map(|(_, config)| config.as_slice())
    }
}

/// The options getent's argp knows, in argp's order (which its ambiguity messages use).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Opt {
    Service,
    NoIdn,
    NoAddrconfig,
    Help,
    Usage,
    ProgramName,
    Hang,
    Version,
}

/// An option as parsed, with its value if it takes one.
type Parsed = (Opt, Option<Vec<u8>>);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Argument {
    No,
    Required,
    Optional,
}

const LONG_OPTIONS: &[(&str, Argument, Opt)] = &[
    ("service", Argument::Required, Opt::Service),
    ("no-idn", Argument::No, Opt::NoIdn),
    ("no-addrconfig", Argument::No, Opt::NoAddrconfig),
    ("help", Argument::No, Opt::Help),
    ("usage", Argument::No, Opt::Usage),
    ("program-name", Argument::Required, Opt::ProgramName),
    ("HANG", Argument::Optional, Opt::Hang),
    ("version", Argument::No, Opt::Version),
];

fn short_option(letter: u8) -> Option<(Argument, Opt)> {
    match letter {
        b's' => Some((Argument::Required, Opt::Service)),
        b'i' => Some((Argument::No, Opt::NoIdn)),
        b'A' => Some((Argument::No, Opt::NoAddrconfig)),
        b'?' => Some((Argument::No, Opt::Help)),
        b'V' => Some((Argument::No, Opt::Version)),
        _ => None,
    }
}

/// Parses the options as argp's `getopt_long` does and acts on them in order. Returns
/// the options and the operands (the database and its keys), or the exit status when an
/// option ended the program (a bad option, `--help`, `--version`, ...).
fn parse_arguments(args: &[OsString]) -> Result<(Options, Vec<OsString>), u8> {
    let argv0 = args.first().cloned().unwrap_or_else(|| "getent".into());
    let mut options = Options {
        short_name: base_name(&argv0),
        invocation_name: argv0.clone(),
        argv0,
        nss_configs: Vec::new(),
        no_idn: false,
        no_addrconfig: false,
    };
    // getopt permutes the operands behind the options, unless POSIXLY_CORRECT is set.
    let in_order = std::env::var_os("POSIXLY_CORRECT").is_some();
    let mut operands = Vec::new();
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let bytes = arg.as_bytes();
        if bytes == b"--" {
            operands.extend(rest.cloned());
            break;
        } else if let Some(long) = bytes.strip_prefix(b"--") {
            let (opt, value) = long_option(&options, long, &mut rest)?;
            act(&mut options, opt, value)?;
        } else if bytes.len() > 1 && bytes[0] == b'-' {
            for (opt, value) in short_options(&options, &bytes[1..], &mut rest)? {
                act(&mut options, opt, value)?;
            }
        } else {
            operands.push(arg.clone());
            if in_order {
                operands.extend(rest.cloned());
                break;
            }
        }
    }
    Ok((options, operands))
}

/// getopt's `process_long_option` for `--NAME[=VALUE]`: an exact name, or a prefix of
/// exactly one option.
fn long_option<'a>(
    options: &Options,
    long: &[u8],
    rest: &mut impl Iterator<Item = &'a OsString>,
) -> Result<Parsed, u8> {
    let (name, value) = match long.iter().position(|&b| b == b'=') {
        Some(equals) => (&long[..equals], Some(long[equals + 1..].to_vec())),
        None => (long, None),
    };
    let exact = LONG_OPTIONS.iter().find(|(known, ..)| known.as_bytes() == name);
    let candidates: Vec<_> = match exact {
        Some(exact) => vec![exact],
        None => {
            LONG_OPTIONS.iter().filter(|(known, ..)| known.as_bytes().starts_with(name)).collect()
        }
    };
    let (known, argument, opt) = match candidates[..] {
        [only] => *only,
        [] => {
            return Err(bad_option(options, &[b"unrecognized option '--", long, b"'"]));
        }
        _ => {
            let mut text = [b"option '--", long, b"' is ambiguous; possibilities:"].concat();
            for (known, ..) in candidates {
                text.extend_from_slice(format!(" '--{known}'").as_bytes());
            }
            return Err(bad_option(options, &[&text]));
        }
    };
    match (argument, value) {
        (Argument::No, Some(_)) => Err(bad_option(
            options,
            &[b"option '--", known.as_bytes(), b"' doesn't allow an argument"],
        )),
        (Argument::Required, None) => match rest.next() {
            Some(next) => Ok((opt, Some(next.as_bytes().to_vec()))),
            None => Err(bad_option(
                options,
                &[b"option '--", known.as_bytes(), b"' requires an argument"],
            )),
        },
        (_, value) => Ok((opt, value)),
    }
}

/// getopt for a cluster of short options such as `-is files` (`letters` is `is`).
fn short_options<'a>(
    options: &Options,
    letters: &[u8],
    rest: &mut impl Iterator<Item = &'a OsString>,
) -> Result<Vec<Parsed>, u8> {
    let mut found = Vec::new();
    for (at, &letter) in letters.iter().enumerate() {
        let Some((argument, opt)) = short_option(letter) else {
            return Err(bad_option(options, &[b"invalid option -- '", &[letter], b"'"]));
        };
        if argument != Argument::Required {
            found.push((opt, None));
            continue;
        }
        // The rest of the cluster is the value, or else the next argument.
        let value = match &letters[at + 1..] {
            [] => match rest.next() {
                Some(next) => next.as_bytes().to_vec(),
                None => {
                    return Err(bad_option(
                        options,
                        &[b"option requires an argument -- '", &[letter], b"'"],
                    ));
                }
            },
            attached => attached.to_vec(),
        };
        found.push((opt, Some(value)));
        break;
    }
    Ok(found)
}

/// getopt's message on stderr, then argp's hint, for exit status 64.
fn bad_option(options: &Options, text: &[&[u8]]) -> u8 {
    let mut line = [options.argv0.as_bytes(), b": "].concat();
    text.iter().for_each(|part| line.extend_from_slice(part));
    line.push(b'\n');
    message(&[&line]);
    print_try_help(&mut io::stderr(), &options.short_name);
    BAD_OPTION
}

/// What getent's `parse_option` and argp's own options do with one option.
fn act(options: &mut Options, opt: Opt, value: Option<Vec<u8>>) -> Result<(), u8> {
    if opt == Opt::Hang {
        // argp's debugging aid: sleep atoi (arg ?: "3600") seconds.
        let seconds = low_32_bits(strtol(value.as_deref().unwrap_or(b"3600")).value);
        for _ in 0..seconds.max(0) {
            std::thread::sleep(Duration::from_secs(1));
        }
        return Ok(());
    }
    let value = value.unwrap_or_default();
    match opt {
        Opt::Service => {
            // No ':': every database. "DB:CONFIG": the first database whose name starts
            // with DB.
            let Some(colon) = value.iter().position(|&b| b == b':') else {
                options.nss_configs.push((None, value));
                return Ok(());
            };
            let prefix = &value[..colon];
            let Some(database) = DATABASES.iter().find(|db| db.name.as_bytes().starts_with(prefix))
            else {
                message(&[options.invocation_name.as_bytes(), b": Unknown database name\n"]);
                return Err(USAGE);
            };
            options.nss_configs.push((Some(database.name), value[colon + 1..].to_vec()));
        }
        Opt::NoIdn => options.no_idn = true,
        Opt::NoAddrconfig => options.no_addrconfig = true,
        Opt::Help => {
            print(&help_text(&options.short_name));
            return Err(FOUND);
        }
        Opt::Usage => {
            print(&usage_text(&options.short_name));
            return Err(FOUND);
        }
        Opt::Version => {
            print(
                format!(
                    "getent (netdb-examples) {}\n\
                     The Rust twin of glibc's getent, built on the netdb crate.\n",
                    env!("CARGO_PKG_VERSION")
                )
                .as_bytes(),
            );
            return Err(FOUND);
        }
        Opt::ProgramName => {
            options.short_name = base_name(OsStr::from_bytes(&value));
            options.invocation_name = OsString::from(OsStr::from_bytes(&value));
        }
        Opt::Hang => {}
    }
    Ok(())
}

/// `Try `NAME --help' or `NAME --usage' for more information.` (argp's ARGP_HELP_SEE).
fn print_try_help(stream: &mut dyn Write, short_name: &OsStr) {
    let name = short_name.as_bytes();
    let line = [b"Try `", name, b" --help' or `", name, b" --usage' for more information.\n"];
    // Like C's stdio, a message that cannot be written is dropped.
    let _ = stream.write_all(&line.concat()).and_then(|()| stream.flush());
}

/// argp's `--usage`: the synopsis, wrapped before column 80 with an indent of 12.
fn usage_text(short_name: &OsStr) -> Vec<u8> {
    let mut text = [b"Usage: ", short_name.as_bytes()].concat();
    let mut column = text.len();
    let units = [
        "[-Ai?V]",
        "[-s CONFIG]",
        "[--no-addrconfig]",
        "[--no-idn]",
        "[--service=CONFIG]",
        "[--help]",
        "[--usage]",
        "[--version]",
        "database [key ...]",
    ];
    for unit in units {
        if column + 1 + unit.len() > 79 {
            text.extend_from_slice(b"\n            ");
            column = 12;
        } else {
            text.push(b' ');
            column += 1;
        }
        text.extend_from_slice(unit.as_bytes());
        column += unit.len();
    }
    text.push(b'\n');
    text
}

/// argp's `--help`, listing the databases the twin supports.
fn help_text(short_name: &OsStr) -> Vec<u8> {
    let mut text =
        [b"Usage: ", short_name.as_bytes(), b" [OPTION...] database [key ...]\n"].concat();
    text.extend_from_slice(
        b"Get entries from administrative database.\n\
          \n  -A, --no-addrconfig        do not filter out unsupported IPv4/IPv6 addresses\n\
          \x20                            (with ahosts*)\n\
          \x20 -i, --no-idn               disable IDN encoding\n\
          \x20 -s, --service=CONFIG       Service configuration to be used\n\
          \x20 -?, --help                 Give this help list\n\
          \x20     --usage                Give a short usage message\n\
          \x20 -V, --version              Print program version\n\
          \n\
          Mandatory or optional arguments to long options are also mandatory or optional\n\
          for any corresponding short options.\n\
          \n\
          Supported databases:\n",
    );
    // getent's more_help: names separated by spaces, a new line before column 73.
    let mut column = 0;
    for (i, name) in
        DATABASES.iter().filter(|db| db.handler.is_some()).map(|db| db.name).enumerate()
    {
        if i != 0 {
            if column + name.len() > 72 {
                column = 0;
                text.push(b'\n');
            } else {
                text.push(b' ');
            }
        }
        text.extend_from_slice(name.as_bytes());
        column += name.len() + 1;
    }
    text.extend_from_slice(
        b"\n\nThis is the Rust twin of glibc's getent, built on the netdb crate. It cannot\n\
          use a service configuration (-s) for the databases above.\n",
    );
    text
}

/// The last component of a path, as argp's `__argp_base_name`.
fn base_name(path: &OsStr) -> OsString {
    let bytes = path.as_bytes();
    let start = bytes.iter().rposition(|&b| b == b'/').map_or(0, |slash| slash + 1);
    OsStr::from_bytes(&bytes[start..]).to_os_string()
}

/// Writes `bytes` to stdout, dropping them if that fails (the program ends next).
fn print(bytes: &[u8]) {
    let mut stdout = io::stdout();
    let _ = stdout.write_all(bytes).and_then(|()| stdout.flush());
}

/// Writes the concatenated `parts` to stderr, where getent writes its messages; like C's
/// stdio, the twin has nowhere to report a message that cannot be written.
fn message(parts: &[&[u8]]) {
    let _ = io::stderr().write_all(&parts.concat());
}
