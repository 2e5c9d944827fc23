//! Python's `socket` module as far as the twins need it: the behaviour of CPython 3.11
//! (`Modules/socketmodule.c`, `Lib/socket.py`) that decides what the Python programs in
//! `tests/python/` print, built on the `netdb` crate.
//!
//! Each `examples/socket_*.rs` twins one script and declares `mod python;`, so that its
//! own file holds the script's logic only and reads like it. This module holds:
//!
//! - how a script ends on an exception it does not catch ([`run`], [`Uncaught`]), and
//!   what `str()` of the `OSError`s the socket functions raise says ([`Failure`]);
//! - the socket functions whose Python behaviour is more than one call of `netdb`:
//!   [`gethostbyname`], [`gethostbyname_ex`] and [`gethostbyaddr`] (which first turn
//!   their argument into an address as CPython's `setipaddr` does), [`getnameinfo`],
//!   [`getprotobyname`], [`getservbyname`] and [`getservbyport`];
//! - `repr()` of strings, lists and socket address tuples, with addresses written as
//!   C's `inet_ntop` writes them ([`inet_ntop`]);
//! - the constants of the `socket` module, named by value the way the scripts'
//!   `get_constants(prefix)` dicts name them ([`constant_name`]).

// Every example declares `mod python;` but calls only what its script needs, so each
// of them leaves some of these items unused.
#![allow(dead_code)]

use std::fmt::Display;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::process::ExitCode;

use netdb::{AddressFamily, Hints, Host, NameInfoFlags, Protocol, Service, SocketType};

#[path = "../inet/mod.rs"]
mod inet;
pub use inet::inet_ntop;

// ---------------------------------------------------------------------------------
// Exceptions

/// An exception the script does not catch, with the message to end the script with.
#[derive(Debug)]
pub struct Uncaught(String);

impl From<netdb::Error> for Uncaught {
    fn from(err: netdb::Error) -> Uncaught {
        match err {
            // set_gaierror: socket.gaierror((code, gai_strerror(code))).
            netdb::Error::AddrInfo(e) => Uncaught(format!("socket.gaierror: {}", gaierror(&e))),
            err => Uncaught(err.to_string()),
        }
    }
}

impl From<String> for Uncaught {
    fn from(message: String) -> Uncaught {
        Uncaught(message)
    }
}

impl From<&str> for Uncaught {
    fn from(message: &str) -> Uncaught {
        Uncaught(message.to_owned())
    }
}

/// Runs a script, which returns the exception it does not catch, if any; that ends it
/// as it ends Python: a message on stderr and exit status 1.
pub fn run(script: impl FnOnce() -> Result<(), Uncaught>) -> ExitCode {
    match script() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Uncaught(message)) => fail(&message),
    }
}

/// Reports what Python would end the script with: a message on stderr and exit
/// status 1.
fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

/// What a socket function raises, split the way a script's `except socket.error`
/// splits it.
#[derive(Debug)]
pub enum Failure {
    /// An `OSError` (`socket.error`, `gaierror`, `herror`), with what `str()` gives.
    OsError(String),
    /// Any other exception (a `ValueError` for a NUL byte, a `UnicodeDecodeError` for
    /// a name that is not UTF-8), which ends the script.
    Uncaught(Uncaught),
}

impl Failure {
    /// `except socket.error as msg`: `str()` of an `OSError`, for the script to print;
    /// any other exception goes on up.
    pub fn except_os_error(self) -> Result<String, Uncaught> {
        match self {
            Failure::OsError(message) => Ok(message),
            Failure::Uncaught(exception) => Err(exception),
        }
    }
}

impl From<netdb::Error> for Failure {
    fn from(err: netdb::Error) -> Failure {
        match err {
            // set_gaierror: socket.gaierror((code, gai_strerror(code))).
            netdb::Error::AddrInfo(e) => Failure::OsError(gaierror(&e)),
            // EAI_SYSTEM and system errors: OSError(errno, strerror(errno)).
            netdb::Error::Io(err) => match err.raw_os_error() {
                Some(code) => Failure::OsError(errno_error(code)),
                None => Failure::Uncaught(Uncaught(err.to_string())),
            },
            // set_herror: socket.herror((h_errno, hstrerror(h_errno))).
            netdb::Error::Host(e) => Failure::OsError(herror(e)),
            other => Failure::Uncaught(Uncaught(other.to_string())),
        }
    }
}

/// `str()` of `socket.gaierror((code, gai_strerror(code)))`:
/// `[Errno -2] Name or service not known`.
fn gaierror(error: &netdb::AddrInfoError) -> String {
    format!("[Errno {}] {}", error.code(), error.message())
}

/// `str()` of `OSError(code, strerror(code))`: `[Errno 2] No such file or directory`.
fn errno_error(code: i32) -> String {
    // std's text is strerror's followed by " (os error N)".
    let text = std::io::Error::from_raw_os_error(code).to_string();
    let text = text.strip_suffix(&format!(" (os error {code})")).unwrap_or(&text);
    format!("[Errno {code}] {text}")
}

/// `str()` of `socket.herror((code, hstrerror(code)))`: `[Errno 1] Unknown host`.
fn herror(error: netdb::HostError) -> String {
    format!("[Errno {}] {}", error.as_raw(), error.message())
}

// ---------------------------------------------------------------------------------
// Socket functions

/// `socket.gethostbyname(name)`: `setipaddr(name, AF_INET)`, written as `inet_ntoa`
/// writes it.
pub fn gethostbyname(name: &str) -> Result<String, Failure> {
    setipaddr(name, Some(AddressFamily::Inet)).map(|address| address.to_string())
}

/// The `(hostname, aliaslist, ipaddrlist)` tuple of `gethostbyname_ex` and
/// `gethostbyaddr`, the addresses as `inet_ntop` writes them.
pub type HostTuple = (String, Vec<String>, Vec<String>);

/// `socket.gethostbyname_ex(name)`: `setipaddr(name, AF_INET)`, for its errors only,
/// then `gethostbyname_r(name)`.
pub fn gethostbyname_ex(name: &str) -> Result<HostTuple, Failure> {
    setipaddr(name, Some(AddressFamily::Inet))?;
    host_tuple(Host::from_name(name, AddressFamily::Inet)?)
}

/// `socket.gethostbyaddr(name)`: `setipaddr(name, AF_UNSPEC)`, then `gethostbyaddr_r`
/// of the address.
pub fn gethostbyaddr(name: &str) -> Result<HostTuple, Failure> {
    let address = setipaddr(name, None)?;
    host_tuple(Host::from_addr(address)?)
}

/// `gethost_common`: the tuple of the entry `gethostbyname_r` or `gethostbyaddr_r`
/// found, or the `socket.herror` for none.
fn host_tuple(entry: Option<Host>) -> Result<HostTuple, Failure> {
    // The crate folds HOST_NOT_FOUND and NO_DATA into "not found"; the files and DNS
    // sources say HOST_NOT_FOUND for a name without an IPv4 address and for an
    // address without a name.
    let Some(Host { name, aliases, addresses }) = entry else {
        return Err(Failure::OsError(herror(netdb::HostError::NotFound)));
    };
    Ok((name, aliases, addresses.into_iter().map(inet_ntop).collect()))
}

/// CPython's `setipaddr(name, af)`: the address a host argument stands for. `None` is
/// `AF_UNSPEC`.
fn setipaddr(name: &str, family: Option<AddressFamily>) -> Result<IpAddr, Failure> {
    if name.is_empty() {
        // The wildcard address: getaddrinfo(NULL, "0") with AI_PASSIVE.
        let hints = Hints::new().socket_type(SocketType::DATAGRAM).passive(true);
        let hints = family.map_or(hints, |family| hints.family(family));
        return match netdb::getaddrinfo(None, Some("0"), &hints)?.as_slice() {
            [only] => Ok(only.address.ip()),
            [] => Err(Failure::OsError("unsupported address family".to_owned())),
            _ => Err(Failure::OsError("wildcard resolved to multiple address".to_owned())),
        };
    }
    let ipv4 = family != Some(AddressFamily::Inet6);
    let ipv6 = family != Some(AddressFamily::Inet);
    if name == "255.255.255.255" || name == "<broadcast>" {
        if !ipv4 {
            return Err(Failure::OsError("address family mismatched".to_owned()));
        }
        return Ok(Ipv4Addr::BROADCAST.into());
    }
    // A numeric address is taken as it is (inet_pton), without name resolution; an
    // IPv6 one with a scope ("%eth0"), which does not parse here, goes to getaddrinfo.
    if let Some(address) = name.parse::<Ipv4Addr>().ok().filter(|_| ipv4) {
        return Ok(address.into());
    }
    if let Some(address) = name.parse::<Ipv6Addr>().ok().filter(|_| ipv6) {
        return Ok(address.into());
    }
    let hints = family.map_or(Hints::new(), |family| Hints::new().family(family));
    match netdb::getaddrinfo(Some(name), None, &hints)?.first() {
        Some(first) => Ok(first.address.ip()),
        None => Err(Failure::OsError("unknown address family".to_owned())),
    }
}

/// A socket address tuple as a script writes it: host, port, and for IPv6 flow info
/// and scope id.
pub type Sockaddr<'a> = (&'a str, u16, Option<(u32, u32)>);

/// `socket.getnameinfo(sockaddr, flags)`, whose exceptions the script does not catch.
///
/// Python first turns the tuple into a C socket address with `getaddrinfo(host,
/// str(port))` and hints `AF_UNSPEC`, `SOCK_DGRAM`, `AI_NUMERICHOST` (so no name is
/// resolved), requires exactly one result, sets the flow info and scope id of an IPv6
/// one from the tuple, then calls `getnameinfo`.
pub fn getnameinfo(
    (host, port, ipv6): Sockaddr,
    flags: NameInfoFlags,
) -> Result<(String, String), Uncaught> {
    let hints = Hints::new().socket_type(SocketType::DATAGRAM).numeric_host(true);
    let found = netdb::getaddrinfo(Some(host), Some(&port.to_string()), &hints)?;
    let mut address = match found.as_slice() {
        [only] => only.address,
        [] => return Err("getaddrinfo gave no IPv4 or IPv6 address".into()),
        _ => return Err("OSError: sockaddr resolved to multiple addresses".into()),
    };
    match (&mut address, ipv6) {
        (SocketAddr::V4(_), Some(_)) => {
            return Err("OSError: IPv4 sockaddr must be 2 tuple".into());
        }
        (SocketAddr::V6(v6), Some((flowinfo, scope_id))) => {
            v6.set_flowinfo(flowinfo);
            v6.set_scope_id(scope_id);
        }
        _ => {}
    }
    Ok(netdb::getnameinfo(&address, flags)?)
}

/// `socket.getprotobyname(name)`: the protocol number, or the uncaught
/// `OSError("protocol not found")`.
pub fn getprotobyname(name: &str) -> Result<i32, Uncaught> {
    match Protocol::from_name(name)? {
        Some(protocol) => Ok(protocol.number),
        None => Err("protocol not found".into()),
    }
}

/// `socket.getservbyname(name)`: the port of the service of any protocol, or the
/// uncaught `OSError("service/proto not found")`.
pub fn getservbyname(name: &str) -> Result<u16, Uncaught> {
    match Service::from_name(name, None)? {
        Some(service) => Ok(service.port),
        None => Err(format!("service/proto not found: {name}").into()),
    }
}

/// `socket.getservbyport(port)`: the name of the service of any protocol on the port,
/// or the uncaught `OSError("port/proto not found")`.
pub fn getservbyport(port: u16) -> Result<String, Uncaught> {
    match Service::from_port(port, None)? {
        Some(service) => Ok(service.name),
        None => Err("port/proto not found".into()),
    }
}

// ---------------------------------------------------------------------------------
// repr() and addresses

/// Python's `repr()` of a `str`: single quotes, or double quotes for a text with a
/// single quote and no double one; backslashes, the quote and control characters
/// escaped.
pub fn repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') { '"' } else { '\'' };
    let mut repr = String::from(quote);
    for c in text.chars() {
        match c {
            '\\' => repr.push_str("\\\\"),
            '\t' => repr.push_str("\\t"),
            '\n' => repr.push_str("\\n"),
            '\r' => repr.push_str("\\r"),
            c if c == quote => {
                repr.push('\\');
                repr.push(c);
            }
            c if c.is_control() => repr.push_str(&format!("\\x{:02x}", u32::from(c))),
            c => repr.push(c),
        }
    }
    repr.push(quote);
    repr
}

/// Python's `repr()` of a list of strings: `['a', 'b']`.
pub fn repr_list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<String> = items.iter().map(|item| repr(item.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// Python's `repr()` of a socket address tuple: `('127.0.0.1', 80)`,
/// `('::1', 22, 0, 0)`.
pub fn repr_sockaddr((host, port, ipv6): Sockaddr) -> String {
    match ipv6 {
        None => format!("({}, {port})", repr(host)),
        Some((flowinfo, scope_id)) => {
            format!("({}, {port}, {flowinfo}, {scope_id})", repr(host))
        }
    }
}

/// Python's `repr()` of the tuple `makesockaddr` makes of a socket address:
/// `('127.0.0.1', 80)`, or `('::1', 80, 0, 0)` with flow info and scope id.
pub fn repr_socket_address(address: &SocketAddr) -> String {
    let host = inet_ntop(address.ip());
    let ipv6 = match address {
        SocketAddr::V4(_) => None,
        SocketAddr::V6(v6) => Some((v6.flowinfo(), v6.scope_id())),
    };
    repr_sockaddr((&host, address.port(), ipv6))
}

// ---------------------------------------------------------------------------------
// Constants
//
// The scripts name each value with `get_constants(prefix)`, a dict from value to name
// built in the alphabetical order of `dir(socket)`, so where two names share a value
// the later one wins (`IPPROTO_IP` over `IPPROTO_HOPOPTS` for 0); `constant_name` does
// the same. The tables hold the constants Python has on Linux that the crate has
// values of, in that order: the `AF_*` of the two families an address can have (no
// other `AF_*` shares their values), the four socket types `SocketType` names (the
// others, `SOCK_RDM` and the flags `SOCK_CLOEXEC` and `SOCK_NONBLOCK`, share no value
// with them and are never a result), and every `IPPROTO_*`.

/// The `AF_*` constants, by family.
pub const AF_CONSTANTS: [(&str, AddressFamily); 2] =
    [("AF_INET", AddressFamily::Inet), ("AF_INET6", AddressFamily::Inet6)];

/// The `SOCK_*` constants.
pub const SOCK_CONSTANTS: [(&str, i32); 4] = [
    ("SOCK_DGRAM", SocketType::DATAGRAM.as_raw()),
    ("SOCK_RAW", SocketType::RAW.as_raw()),
    ("SOCK_SEQPACKET", SocketType::SEQPACKET.as_raw()),
    ("SOCK_STREAM", SocketType::STREAM.as_raw()),
];

/// The `IPPROTO_*` constants.
pub const IPPROTO_CONSTANTS: [(&str, i32); 26] = [
    ("IPPROTO_AH", netdb::IPPROTO_AH),
    ("IPPROTO_DSTOPTS", netdb::IPPROTO_DSTOPTS),
    ("IPPROTO_EGP", netdb::IPPROTO_EGP),
    ("IPPROTO_ESP", netdb::IPPROTO_ESP),
    ("IPPROTO_FRAGMENT", netdb::IPPROTO_FRAGMENT),
    ("IPPROTO_GRE", netdb::IPPROTO_GRE),
    ("IPPROTO_HOPOPTS", netdb::IPPROTO_HOPOPTS),
    ("IPPROTO_ICMP", netdb::IPPROTO_ICMP),
    ("IPPROTO_ICMPV6", netdb::IPPROTO_ICMPV6),
    ("IPPROTO_IDP", netdb::IPPROTO_IDP),
    ("IPPROTO_IGMP", netdb::IPPROTO_IGMP),
    ("IPPROTO_IP", netdb::IPPROTO_IP),
    ("IPPROTO_IPIP", netdb::IPPROTO_IPIP),
    ("IPPROTO_IPV6", netdb::IPPROTO_IPV6),
    ("IPPROTO_MPTCP", netdb::IPPROTO_MPTCP),
    ("IPPROTO_NONE", netdb::IPPROTO_NONE),
    ("IPPROTO_PIM", netdb::IPPROTO_PIM),
    ("IPPROTO_PUP", netdb::IPPROTO_PUP),
    ("IPPROTO_RAW", netdb::IPPROTO_RAW),
    ("IPPROTO_ROUTING", netdb::IPPROTO_ROUTING),
    ("IPPROTO_RSVP", netdb::IPPROTO_RSVP),
    ("IPPROTO_SCTP", netdb::IPPROTO_SCTP),
    ("IPPROTO_TCP", netdb::IPPROTO_TCP),
    ("IPPROTO_TP", netdb::IPPROTO_TP),
    ("IPPROTO_UDP", netdb::IPPROTO_UDP),
    ("IPPROTO_UDPLITE", netdb::IPPROTO_UDPLITE),
];

/// `constants[value]` of a `get_constants` dict: the name of the last constant of
/// `table` with this value, or the `KeyError` that ends the script.
pub fn constant_name<T: PartialEq + Display>(
    table: &[(&'static str, T)],
    value: T,
) -> Result<&'static str, Uncaught> {
    match table.iter().rev().find(|(_, v)| *v == value) {
        Some((name, _)) => Ok(name),
        None => Err(format!("KeyError: {value}").into()),
    }
}
