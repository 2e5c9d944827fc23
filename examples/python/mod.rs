//! What the Python programs in `tests/python/` print that is Python's and not the
//! `netdb` call's: how a script ends on an exception it does not catch ([`run`],
//! [`Uncaught`]), what `str()` of the `OSError`s the socket functions raise says
//! ([`except_os_error`], [`host_not_found`]), `repr()` of strings, lists and socket
//! addresses (addresses written as C's `inet_ntop` writes them, [`inet_ntop`]), and the
//! names of the `socket` module's constants, as the scripts' `constant_names(prefix)`
//! dicts give them ([`constant_name`]). The behaviour is CPython 3.11's
//! (`Modules/socketmodule.c`, `Lib/socket.py`).
//!
//! Each `examples/socket_*.rs` twins one script, makes its `netdb` calls itself, and
//! declares `mod python;` for the rest, so that its own file reads like the script.

// Every example declares `mod python;` but calls only what its script needs, so each
// of them leaves some of these items unused.
#![allow(dead_code)]

use std::fmt::Display;
use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;

use netdb::{AddressFamily, SocketType};

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

/// `except OSError as error`, then `str(error)`: the text of what Python raises as an
/// `OSError` (`socket.gaierror`, `socket.herror`, `OSError(errno, strerror)`), for the
/// script to print. Anything else (a `ValueError` for a NUL byte, a
/// `UnicodeDecodeError` for a name that is not UTF-8) is not caught: it ends the script.
pub fn except_os_error(err: netdb::Error) -> Result<String, Uncaught> {
    match err {
        // set_gaierror: socket.gaierror((code, gai_strerror(code))).
        netdb::Error::AddrInfo(e) => Ok(gaierror(&e)),
        // EAI_SYSTEM and system errors: OSError(errno, strerror(errno)).
        netdb::Error::Io(err) => match err.raw_os_error() {
            Some(code) => Ok(errno_error(code)),
            None => Err(Uncaught(err.to_string())),
        },
        // set_herror: socket.herror((h_errno, hstrerror(h_errno))).
        netdb::Error::Host(e) => Ok(herror(e)),
        other => Err(Uncaught(other.to_string())),
    }
}

/// `str()` of the `socket.herror` that `gethostbyname_ex` and `gethostbyaddr` raise
/// where the lookup finds nothing: `[Errno 1] Unknown host` on glibc.
pub fn host_not_found() -> String {
    // The crate folds HOST_NOT_FOUND and NO_DATA into "not found"; the files and DNS
    // sources say HOST_NOT_FOUND for a name without an IPv4 address and for an
    // address without a name.
    herror(netdb::HostError::NotFound)
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

/// Python's `repr()` of a list of addresses, each written as `inet_ntop` writes it:
/// `['127.0.0.1', '::1']`.
pub fn repr_addresses(addresses: &[IpAddr]) -> String {
    let addresses: Vec<String> = addresses.iter().map(|a| inet_ntop(*a)).collect();
    repr_list(&addresses)
}

/// Python's `repr()` of the tuple `makesockaddr` makes of a socket address:
/// `('127.0.0.1', 80)`, or `('::1', 80, 0, 0)` with flow info and scope id.
pub fn repr_socket_address(address: &SocketAddr) -> String {
    let host = repr(&inet_ntop(address.ip()));
    match address {
        SocketAddr::V4(_) => format!("({host}, {})", address.port()),
        SocketAddr::V6(v6) => {
            format!("({host}, {}, {}, {})", v6.port(), v6.flowinfo(), v6.scope_id())
        }
    }
}

// ---------------------------------------------------------------------------------
// Constants
//
// The scripts name each value with `constant_names(prefix)`, a dict from value to name
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

/// `names[value]` of a `constant_names` dict: the name of the last constant of
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
