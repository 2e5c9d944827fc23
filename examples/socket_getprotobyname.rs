//! The Rust twin of `socket_getprotobyname.py`: the number of each protocol by name,
//! beside the `IPPROTO_*` constant of that value.
//!
//! Python prints `socket.IPPROTO_ICMP`; this prints `netdb::IPPROTO_ICMP`, and nothing
//! else differs.
//!
//! ```text
//! cargo run --example socket_getprotobyname
//! ```

use std::process::ExitCode;

use netdb::Protocol;

/// The `IPPROTO_*` constants Python's `socket` module has on Linux, in the
/// alphabetical order of `dir(socket)`. The script maps each value to a name with a
/// dict built in that order, so where two names share a value the later one wins
/// (`IPPROTO_IP` over `IPPROTO_HOPOPTS` for 0); [`constant_name`] does the same.
const IPPROTO_CONSTANTS: [(&str, i32); 26] = [
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

/// The name of the last constant with this value, or `None`.
fn constant_name(number: i32) -> Option<&'static str> {
    IPPROTO_CONSTANTS.iter().rev().find(|(_, value)| *value == number).map(|(name, _)| *name)
}

fn main() -> ExitCode {
    for name in ["icmp", "udp", "tcp"] {
        let number = match Protocol::from_name(name) {
            Ok(Some(protocol)) => protocol.number,
            // Python's getprotobyname raises OSError("protocol not found").
            Ok(None) => return fail("protocol not found"),
            Err(err) => return fail(&err.to_string()),
        };
        // Python's script fails with a KeyError for a number no constant has.
        let Some(constant) = constant_name(number) else {
            return fail(&format!("KeyError: {number}"));
        };
        println!("{name:>4} -> {number:2} (netdb::{constant:<12} = {number:2})");
    }
    ExitCode::SUCCESS
}

/// Reports a failure the way Python's uncaught exception ends the script: a message
/// on stderr and exit status 1.
fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}
