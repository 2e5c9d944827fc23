//! getent's databases: which of them this getent has, how it reads a key of each, and
//! what it prints.
//!
//! To add a database, write its handler next to [`services`] and the others and put it
//! in [`DATABASES`]; [`Options`] carries `-i` and `-A` for the address databases, and
//! [`nss_database`] names the NSS database whose `-s` configuration applies to it.

use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use netdb::{
    AddrInfo, AddressFamily, Hints, Host, LossyEntry, Network, Protocol, Service, SocketType,
};

use crate::args::Options;
use crate::c::{inet_aton, inet_ntop, inet_pton4, inet_pton6, strtol};
use crate::entry::{self, Entry};
use crate::output::{message, FOUND, NOT_FOUND, NO_ENUMERATION};

/// Looks up `keys` in one database, or enumerates it when `keys` is empty, writing the
/// entries to `out` as getent does. Returns getent's exit status.
pub type Handler = fn(&Options, &[Vec<u8>], &mut dyn Write) -> io::Result<u8>;

/// A database getent knows, and this getent's handler for it if it has one.
pub struct Database {
    /// The name on the command line.
    pub name: &'static str,
    handler: Option<Handler>,
    /// Whether the platform has the database: only netdb can tell (Windows and musl
    /// have no networks database).
    exists: fn() -> bool,
}

/// getent's databases in getent's order (`-s DB:CONFIG` takes the first whose name
/// starts with `DB`). Those without a handler answer as an unknown database does.
pub const DATABASES: &[Database] = &[
    Database { name: "ahosts", handler: Some(ahosts), exists: always },
    Database { name: "ahostsv4", handler: Some(ahostsv4), exists: always },
    Database { name: "ahostsv6", handler: Some(ahostsv6), exists: always },
    Database { name: "aliases", handler: None, exists: always },
    Database { name: "ethers", handler: None, exists: always },
    Database { name: "group", handler: None, exists: always },
    Database { name: "gshadow", handler: None, exists: always },
    Database { name: "hosts", handler: Some(hosts), exists: always },
    Database { name: "initgroups", handler: None, exists: always },
    Database { name: "netgroup", handler: None, exists: always },
    Database { name: "networks", handler: Some(networks), exists: networks_exist },
    Database { name: "passwd", handler: None, exists: always },
    Database { name: "protocols", handler: Some(protocols), exists: always },
    Database { name: "rpc", handler: None, exists: always },
    Database { name: "services", handler: Some(services), exists: always },
    Database { name: "shadow", handler: None, exists: always },
];

/// The handler of `database` on this platform, if this getent has one here.
pub fn handler(database: &Database) -> Option<Handler> {
    database.handler.filter(|_| (database.exists)())
}

fn always() -> bool {
    true
}

/// Whether the platform has a networks database: netdb says `Unsupported` where not.
fn networks_exist() -> bool {
    Network::from_addr(Ipv4Addr::UNSPECIFIED).err().as_ref().map_or(true, |e| !is_unsupported(e))
}

/// Whether netdb says the platform lacks the database or the operation.
fn is_unsupported(err: &netdb::Error) -> bool {
    matches!(err, netdb::Error::Io(e) if e.kind() == io::ErrorKind::Unsupported)
}

/// The NSS database whose sources a getent database reads, which is what `-s`
/// configures: `getaddrinfo` reads `hosts`. (`-s ahosts:CONFIG` names no NSS database,
/// and glibc ignores it.)
pub fn nss_database(name: &str) -> &str {
    match name {
        "ahosts" | "ahostsv4" | "ahostsv6" => "hosts",
        name => name,
    }
}

/// What a lookup of one key printed: `None` if the key cannot be passed to netdb (it
/// is not UTF-8), else the lines or `None` for not found, or the failure.
type Printed = Option<netdb::Result<Option<Vec<u8>>>>;

/// `getent services [KEY...]`.
fn services(_: &Options, keys: &[Vec<u8>], out: &mut dyn Write) -> io::Result<u8> {
    if keys.is_empty() {
        return enumerate("services", Service::all_lossy, out);
    }
    look_up("services", keys, service_key, || Service::all().is_ok(), out)
}

/// getent's `services_keys` for one key: split at the first `/` into a name and a
/// protocol (`80/` has the empty protocol, `a/b/c` the protocol `b/c`); a name of digits
/// that `strtol` reads whole as 0 to 65535 is a port (`080` is 80; `+22` and ` 22` are
/// names), anything else is a name or alias.
fn service_key(key: &[u8]) -> Printed {
    let (name, protocol) = match key.iter().position(|&b| b == b'/') {
        Some(slash) => (&key[..slash], Some(&key[slash + 1..])),
        None => (key, None),
    };
    let protocol = protocol.map(std::str::from_utf8).transpose().ok()?;
    let port = Some(strtol(name))
        .filter(|number| {
            name.first().is_some_and(u8::is_ascii_digit) && number.length == name.len()
        })
        .and_then(|number| u16::try_from(number.value).ok());
    Some(entry::found(match port {
        Some(port) => Service::from_port(port, protocol),
        None => Service::from_name(std::str::from_utf8(name).ok()?, protocol),
    }))
}

/// `getent protocols [KEY...]`.
fn protocols(_: &Options, keys: &[Vec<u8>], out: &mut dyn Write) -> io::Result<u8> {
    if keys.is_empty() {
        return enumerate("protocols", Protocol::all_lossy, out);
    }
    look_up("protocols", keys, protocol_key, || Protocol::all().is_ok(), out)
}

/// getent's `protocols_keys` for one key: `isdigit (key[0]) ? getprotobynumber (atol
/// (key)) : getprotobyname (key)`, where `atol`'s long is cut to an int: `1a` is 1,
/// `4294967297` is 1. Any other key is a name or alias (`+6` and ` 6` are not found).
fn protocol_key(key: &[u8]) -> Printed {
    Some(entry::found(if key.first().is_some_and(u8::is_ascii_digit) {
        Protocol::from_number(strtol(key).as_int())
    } else {
        Protocol::from_name(std::str::from_utf8(key).ok()?)
    }))
}

/// `getent hosts [KEY...]`.
fn hosts(_: &Options, keys: &[Vec<u8>], out: &mut dyn Write) -> io::Result<u8> {
    if keys.is_empty() {
        return enumerate("hosts", Host::all_lossy, out);
    }
    look_up("hosts", keys, host_key, || Host::all().is_ok(), out)
}

/// getent's `hosts_keys` for one key: an address `inet_pton` reads (IPv6, else IPv4:
/// four decimal parts, no leading zeros) goes to `gethostbyaddr`; anything else to
/// `gethostbyname2 (key, AF_INET6)` and, if that finds nothing, to `gethostbyname2
/// (key, AF_INET)`. So `localhost` prints its IPv6 entry if it has one, and only that;
/// the C library answers a name `inet_aton` reads itself (`127.1` prints
/// `127.0.0.1       127.1`).
fn host_key(key: &[u8]) -> Printed {
    if key.is_empty() {
        empty_host_name();
        return Some(Ok(None));
    }
    let address = inet_pton6(key).map(IpAddr::V6).or_else(|| inet_pton4(key).map(IpAddr::V4));
    if let Some(address) = address {
        return Some(entry::found(Host::from_addr(address)));
    }
    let name = std::str::from_utf8(key).ok()?;
    let first = match entry::found(Host::from_name(name, AddressFamily::Inet6)) {
        Ok(Some(lines)) => return Some(Ok(Some(lines))),
        first => first,
    };
    // Where neither finds the name, the failure of the first (if any) is the one to tell.
    Some(match entry::found(Host::from_name(name, AddressFamily::Inet)) {
        Ok(None) => first,
        second => second,
    })
}

/// Says so where the empty key may differ from getent's answer. glibc finds a line of
/// `/etc/hosts` without a name (`10.9.0.1` alone) with it, and netdb's `Host::from_name`
/// looks no empty name up. Where the enumeration shows no such line the key is simply
/// not found. (A nameless IPv6 line, which the enumeration does not show, escapes this.)
fn empty_host_name() {
    if Host::all_lossy().is_ok_and(|all| all.iter().any(|host| host.name.is_empty())) {
        message(&[b"getent: cannot look up the empty name in the hosts database, which has \
            an entry without a name: netdb finds no host of the empty name\n"]);
    }
}

/// `getent ahosts [KEY...]`: `getaddrinfo` with `AF_UNSPEC`.
fn ahosts(options: &Options, keys: &[Vec<u8>], out: &mut dyn Write) -> io::Result<u8> {
    addresses(options, None, keys, out)
}

/// `getent ahostsv4 [KEY...]`: `getaddrinfo` with `AF_INET`.
fn ahostsv4(options: &Options, keys: &[Vec<u8>], out: &mut dyn Write) -> io::Result<u8> {
    addresses(options, Some(AddressFamily::Inet), keys, out)
}

/// `getent ahostsv6 [KEY...]`: `getaddrinfo` with `AF_INET6` (and `AI_V4MAPPED`, which
/// the others pass too, to no effect): IPv4 addresses come mapped (`::ffff:127.0.0.1`).
fn ahostsv6(options: &Options, keys: &[Vec<u8>], out: &mut dyn Write) -> io::Result<u8> {
    addresses(options, Some(AddressFamily::Inet6), keys, out)
}

/// getent's `ahosts_keys_int`: `getaddrinfo (key, NULL, &hints, &res)` for each key,
/// every result printed; without keys, the enumeration of `hosts`.
///
/// getent's flags are `AI_V4MAPPED | AI_ADDRCONFIG | AI_CANONNAME | AI_IDN |
/// AI_CANONIDN` (`-A` drops `AI_ADDRCONFIG`, `-i` the two IDN flags) with no socket
/// type, so each address comes three times: `STREAM`, `DGRAM`, `RAW`. netdb cannot pass
/// the IDN flags, so this getent does what they do in the C locale: a key with a byte
/// above 127 cannot be encoded (`EAI_IDN_ENCODE`: not found) unless `-i` passes it as
/// it is, and canonical names stay as they are.
fn addresses(
    options: &Options,
    family: Option<AddressFamily>,
    keys: &[Vec<u8>],
    out: &mut dyn Write,
) -> io::Result<u8> {
    if keys.is_empty() {
        return enumerate("hosts", Host::all_lossy, out);
    }
    let hints =
        Hints::new().v4_mapped(true).address_config(!options.no_addrconfig).canonical_name(true);
    let hints = family.map_or(hints, |family| hints.family(family));
    let mut status = FOUND;
    let mut utf8_database = None;
    for key in keys {
        if !options.no_idn && !key.is_ascii() {
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
            Err(err) => status = failed(key, &err),
        }
    }
    Ok(status)
}

/// One line of `ahosts_keys_int`: `printf ("%s%-*s %-6s %s\n", address, pad, scope,
/// type, canonical name or "")`. The scope is `%ID` for an IPv6 address with a scope id
/// and empty otherwise, and `pad = 15 - strlen (address) - strlen (scope)` (0 if less)
/// is the width of the *scope*: an address pads to 15 bytes, but one with a scope to
/// 15 less the scope's length (`fe80::1%1` and four spaces). Only the first result has
/// the canonical name; the others end in a space.
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
            if let Err(netdb::Error::NonUtf8(bad)) = Host::from_name(name, family) {
                if matches!(&bad.entry, LossyEntry::Host(host) if host.name == canonical)
                    && bad.field == "name"
                {
                    return bad.bytes;
                }
            }
        }
    }
    canonical.as_bytes().to_vec()
}

/// `getent networks [KEY...]`.
fn networks(_: &Options, keys: &[Vec<u8>], out: &mut dyn Write) -> io::Result<u8> {
    if keys.is_empty() {
        return enumerate("networks", Network::all_lossy, out);
    }
    look_up("networks", keys, network_key, || Network::all().is_ok(), out)
}

/// getent's `networks_keys` for one key: `isdigit (key[0]) ? getnetbyaddr (ntohl
/// (inet_addr (key)), AF_UNSPEC) : getnetbyname (key)`. So `127` is the number 127 (the
/// line `loopback 127`), `127.0` is 127.0.0.0, `127.0.0.0 junk` is 127.0.0.0 and a key
/// `inet_addr` cannot read (`127x`) is `INADDR_NONE`, 255.255.255.255. Names compare
/// ignoring case.
fn network_key(key: &[u8]) -> Printed {
    Some(entry::found(if key.first().is_some_and(u8::is_ascii_digit) {
        Network::from_addr(Ipv4Addr::from(inet_aton(key).unwrap_or(u32::MAX)))
    } else {
        Network::from_name(std::str::from_utf8(key).ok()?)
    }))
}

/// Prints every entry of a database (getent's `setXent (0); while (getXent ())
/// print_X; endXent ()`), or says that the platform cannot list it, as getent says of
/// `netgroup`. `hosts` and every `ahosts*` list the hosts database: glibc gives its
/// IPv4 lines only, `::1` as `127.0.0.1`.
fn enumerate<T: Entry>(
    database: &str,
    all_lossy: fn() -> netdb::Result<Vec<T>>,
    out: &mut dyn Write,
) -> io::Result<u8> {
    match all_lossy() {
        Ok(entries) => {
            for found in entries {
                out.write_all(&entry::enumerated(found))?;
            }
            Ok(FOUND)
        }
        Err(err) if is_unsupported(&err) => {
            message(&[b"Enumeration not supported on ", database.as_bytes(), b"\n"]);
            Ok(NO_ENUMERATION)
        }
        Err(err) => Ok(failed(database.as_bytes(), &err)),
    }
}

/// Looks up each key with `lookup` and prints what it finds; the later keys are looked
/// up after one that is not found.
fn look_up(
    database: &str,
    keys: &[Vec<u8>],
    lookup: fn(&[u8]) -> Printed,
    is_utf8: fn() -> bool,
    out: &mut dyn Write,
) -> io::Result<u8> {
    let mut status = FOUND;
    let mut utf8_database = None;
    for key in keys {
        match lookup(key) {
            Some(Ok(Some(lines))) => out.write_all(&lines)?,
            Some(Ok(None)) => status = NOT_FOUND,
            Some(Err(err)) => status = failed(key, &err),
            None => status = non_utf8_key(key, database, &mut utf8_database, is_utf8),
        }
    }
    Ok(status)
}

/// The status for a key that is not UTF-8, which netdb cannot take. It can only match an
/// entry that is not UTF-8 either, so when the whole database is UTF-8 (`is_utf8`, run
/// once) the key is simply not found; otherwise this getent cannot tell, and says so.
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

/// The status of a lookup that failed rather than found nothing: getent cannot tell
/// the two apart, so it is [`NOT_FOUND`]. The resolver's own failures (h_errno
/// `TRY_AGAIN` and `NO_RECOVERY`, getaddrinfo's `EAI_*` codes) are how "not found" looks
/// with a name server, and getent is silent about them: so is this one. Others (a
/// system error, an entry larger than netdb will hold) are told on stderr.
fn failed(what: &[u8], err: &netdb::Error) -> u8 {
    if !matches!(err, netdb::Error::Host(_) | netdb::Error::AddrInfo(_)) {
        message(&[b"getent: ", what, format!(": {err}\n").as_bytes()]);
    }
    NOT_FOUND
}
