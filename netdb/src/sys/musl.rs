//! The musl backend.
//!
//! musl (1.2.3 measured, see `PLATFORMS.md`) has glibc-shaped `_r` functions for five
//! lookups only: `getservbyname_r`, `getservbyport_r`, `gethostbyname_r`,
//! `gethostbyname2_r` and `gethostbyaddr_r`. They keep nothing between calls (each opens
//! the file it reads), so those lookups run in parallel through the shared helpers of
//! `glibc_shape`, with the buffer of `crate::buffer` that grows on `ERANGE`. Everything
//! else is missing or a stub, and each function below says what it does instead.
//!
//! Every place that handles a measured quirk of musl says so in a comment beginning
//! `Quirk:`.

use std::ffi::CStr;
use std::io;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Mutex, PoisonError};

use netdb_sys as ffi;

use super::c_strings::read_entry;
use super::convert::protocol_from;
use super::indexed::{self, CLookups};
use super::{glibc_shape, unsupported};
use crate::decode::Utf8Policy;
use crate::error::Result;
use crate::files::{musl_port, parse_services_as, ServicesDialect};
use crate::host::{AddressFamily, Host};
use crate::network::Network;
use crate::protocol::Protocol;
use crate::service::Service;

// --- services -----------------------------------------------------------------------

/// The services file. musl reads this path, compiled in (`lookup_serv.c` and
/// `getnameinfo.c`); no `nsswitch.conf` names another source.
const SERVICES_FILE: &str = "/etc/services";

/// Whether musl's services functions accept `protocol`.
///
/// Quirk: musl knows two protocols. Any other, even `"TCP"` or `"sctp"` (which
/// `/etc/services` lists), makes `getservbyname_r` and `getservbyport_r` fail with
/// `EINVAL` instead of saying "not found". musl's services have no entry of any other
/// protocol (see `ServicesDialect::Musl`), so such a lookup finds nothing: the callers
/// answer `Ok(None)` without calling C, as glibc answers for an unknown protocol.
fn musl_knows_protocol(protocol: Option<&CStr>) -> bool {
    protocol.map_or(true, |protocol| matches!(protocol.to_bytes(), b"tcp" | b"udp"))
}

/// Whether musl reads `name` as a port number rather than a service name: the empty
/// name, or what `strtoul(name, &end, 10)` reads whole (leading blanks, a sign, digits).
///
/// Quirk: musl 1.2.3's `getservbyname_r` answers `ENOENT` for such a name (which the
/// shared helpers read as not found), but older musl made up an entry named after the
/// digits with that port. A number is not a service name, and glibc finds no such
/// service either, so it is not found without calling C, whatever the musl version.
fn is_port_number(name: &[u8]) -> bool {
    if name.is_empty() {
        return true;
    }
    // C's isspace: Rust's ASCII whitespace and the vertical tab.
    let start = name.iter().position(|&b| !(b.is_ascii_whitespace() || b == b'\x0b'));
    let rest = start.map_or(&[][..], |start| &name[start..]);
    let digits = rest.strip_prefix(b"+").or_else(|| rest.strip_prefix(b"-")).unwrap_or(rest);
    !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
}

/// Whether `name` reads as the `port/protocol` field of a services line.
///
/// Quirk: musl's `__lookup_serv` looks for the name among all the blank-separated words
/// of a line, its `port/protocol` field included, and then takes the port from that
/// field: `getservbyname_r("80/tcp", ..)` "finds" a service named `80/tcp` on port 80.
/// No service is named so in any C library's view, so such a name is not found.
fn is_port_field(name: &[u8]) -> bool {
    name.iter().position(|&b| b == b'/').is_some_and(|slash| musl_port(&name[..slash]).is_some())
}

/// Looks a service up by name with musl's `getservbyname_r`.
///
/// What musl answers, unlike glibc: the entry's name is the name asked for, even an
/// alias (`www` gives `www` on port 80, not `http`), since musl reads just the port and
/// protocol from the line, and it has no aliases (musl's one alias is the name itself,
/// which the converter drops). With no protocol the first `tcp` or `udp` line in file
/// order matches. musl reads the file in pieces of 127 bytes, so a name past the 127th
/// byte of a long line is not found.
///
/// The copying of `s_name` is safe although it points at the `name` argument, not into
/// the buffer (quirk): `glibc_shape::service_by_name` converts the entry inside the call,
/// while `name` is borrowed.
pub(crate) fn service_by_name(name: &CStr, protocol: Option<&CStr>) -> Result<Option<Service>> {
    // Quirk: EINVAL for protocols other than NULL, "tcp" and "udp"; see the function.
    if !musl_knows_protocol(protocol) {
        return Ok(None);
    }
    // Quirk: numeric names, and names that are a line's port field; see the functions.
    if is_port_number(name.to_bytes()) || is_port_field(name.to_bytes()) {
        return Ok(None);
    }
    if let Some(answer) = indexed::service_by_name(name, protocol, &C_LOOKUPS) {
        return answer;
    }
    // Quirk: not found is ENOENT, not 0 with a NULL result: `glibc_shape::outcome` reads
    // both as `None`.
    glibc_shape::service_by_name(name, protocol)
}

/// Looks a service up by port with musl's `getservbyport_r`.
///
/// musl names the port through `getnameinfo`, which takes the first word of the first
/// line with that port and protocol; with no protocol it tries `tcp`, then `udp`, not
/// file order. It has no aliases (musl's one alias is the name itself, which the
/// converter drops), and names of 32 bytes or more are not found.
///
/// Quirk: musl 1.2.3's `getservbyport_r` succeeds with a garbage name when given exactly
/// 16 bytes of buffer, and says `ENOENT` instead of `ERANGE` with 17 to about 24 bytes
/// (fixed in 1.2.4). The buffer of `crate::buffer` starts at 1 KiB and only grows, so no
/// call ever offers musl a size near those.
pub(crate) fn service_by_port(port: u16, protocol: Option<&CStr>) -> Result<Option<Service>> {
    // Quirk: EINVAL for protocols other than NULL, "tcp" and "udp"; see the function.
    if !musl_knows_protocol(protocol) {
        return Ok(None);
    }
    if let Some(answer) = indexed::service_by_port(port, protocol, &C_LOOKUPS) {
        return answer;
    }
    glibc_shape::service_by_port(port, protocol)
}

/// The C calls behind the index; musl's index asks musl nothing, so the protocols ones
/// are this backend's own.
const C_LOOKUPS: CLookups = CLookups {
    service_by_name: glibc_shape::service_by_name,
    service_by_port: glibc_shape::service_by_port,
    protocol_by_name,
    protocol_by_number,
};

/// Where the services and protocols lookups answer from (`crate::index`).
pub(crate) fn index_status() -> crate::index::IndexStatus {
    indexed::status(&C_LOOKUPS)
}

/// Every entry of `/etc/services` that musl's lookups can return, in file order.
///
/// Quirk: musl's `getservent` always returns NULL; it cannot enumerate. So this reads
/// the file musl reads, by musl's own rules (`ServicesDialect::Musl`: lines that begin
/// with their name, ports as `strtoul` reads them, `tcp` and `udp` entries only), and
/// lists each entry with all the aliases of its line. A missing or unreadable file is
/// an error, never an empty list: musl's lookups find nothing then, but an enumeration
/// that says "no services" would hide the cause.
pub(crate) fn all_services(policy: Utf8Policy) -> Result<Vec<Service>> {
    let text = std::fs::read(SERVICES_FILE)
        .map_err(|e| io::Error::new(e.kind(), format!("reading {SERVICES_FILE}: {e}")))?;
    parse_services_as(&text, policy, ServicesDialect::Musl)
}

// --- protocols ----------------------------------------------------------------------

/// Serialises every call of musl's protocols functions made through this crate.
///
/// Quirk: musl has no `getprotobyname_r`, `getprotobynumber_r` or `getprotoent_r`, and
/// its plain functions share state. They walk a table compiled into musl (36 entries,
/// no aliases; `/etc/protocols` is never read) with one static index, and return one
/// static `protoent`: `getprotobyname` and `getprotobynumber` rewind the index
/// (`endprotoent`) and step it with `getprotoent` until an entry matches. Any two of
/// the three running at once, on any threads, move the same index and fill in the same
/// entry, so a lookup can skip its match or return another call's entry, and an
/// enumeration can skip or repeat entries. One lock for all three, held from the call
/// until the entry is copied out, is therefore the best thread-safe path musl offers.
/// (C code elsewhere in the process that calls these functions without this lock can
/// still race with it; nothing in Rust can prevent that.)
static PROTOCOL_TABLE: Mutex<()> = Mutex::new(());

/// Runs `read` with the protocol table to itself.
fn with_protocol_table<T>(read: impl FnOnce() -> T) -> T {
    // The lock guards no Rust data, only musl's index, which every caller rewinds
    // before use, so a panic while it was held leaves nothing to repair.
    let _table = PROTOCOL_TABLE.lock().unwrap_or_else(PoisonError::into_inner);
    read()
}

/// Copies out the entry a plain protocols function returned.
///
/// # Safety
/// `entry` is NULL or what a musl protocols function returned, and the caller has held
/// [`PROTOCOL_TABLE`] since that call.
unsafe fn copy_protocol(
    entry: *const ffi::protoent,
    policy: Utf8Policy,
) -> Result<Option<Protocol>> {
    // SAFETY: the caller's contract: NULL or musl's static entry, which no other call
    // rewrites while the lock is held.
    let Some(entry) = (unsafe { read_entry(entry) }) else {
        return Ok(None);
    };
    // SAFETY: musl's entry points into its constant table and at a NULL-terminated
    // (empty) static alias list, all valid for as long as the lock keeps it unchanged.
    unsafe { protocol_from(&entry, policy) }.map(Some)
}

/// Looks a protocol up by name in musl's built-in table, under [`PROTOCOL_TABLE`].
pub(crate) fn protocol_by_name(name: &CStr) -> Result<Option<Protocol>> {
    with_protocol_table(|| {
        // SAFETY: `name` is NUL-terminated and outlives the call; the lock is held, so
        // no other call moves the table's index or rewrites its entry.
        let entry = unsafe { ffi::getprotobyname(name.as_ptr()) };
        // SAFETY: the entry that call returned, copied with the lock still held.
        unsafe { copy_protocol(entry, Utf8Policy::Strict) }
    })
}

/// Looks a protocol up by number in musl's built-in table, under [`PROTOCOL_TABLE`].
pub(crate) fn protocol_by_number(number: i32) -> Result<Option<Protocol>> {
    with_protocol_table(|| {
        // SAFETY: the number is passed by value; the lock is held, as in
        // `protocol_by_name`.
        let entry = unsafe { ffi::getprotobynumber(number) };
        // SAFETY: the entry that call returned, copied with the lock still held.
        unsafe { copy_protocol(entry, Utf8Policy::Strict) }
    })
}

/// Every entry of musl's built-in table, in its order, under [`PROTOCOL_TABLE`].
pub(crate) fn all_protocols(policy: Utf8Policy) -> Result<Vec<Protocol>> {
    with_protocol_table(|| {
        // SAFETY: setprotoent only rewinds the table's index; the lock is held.
        unsafe { ffi::setprotoent(0) };
        let mut protocols = Vec::new();
        let outcome = loop {
            // SAFETY: steps the index under the lock; the entry is copied before the
            // next step.
            let entry = unsafe { ffi::getprotoent() };
            // SAFETY: the entry that call returned, copied with the lock still held.
            match unsafe { copy_protocol(entry, policy) } {
                Ok(Some(protocol)) => protocols.push(protocol),
                Ok(None) => break Ok(protocols),
                Err(e) => break Err(e),
            }
        };
        // SAFETY: endprotoent only rewinds the index, still under the lock.
        unsafe { ffi::endprotoent() };
        outcome
    })
}

// --- hosts --------------------------------------------------------------------------

/// Looks a host up with musl's `gethostbyname2_r`.
///
/// Quirks, both handled by `glibc_shape::host_lookup`: not found is `ENOENT` with
/// `*h_errnop = HOST_NOT_FOUND` in 1.2.3 (0 in 1.2.4), read as `None`; on `ERANGE`,
/// musl leaves `*h_errnop` untouched, so `ERANGE` is checked first and h_errno never
/// read then. musl's aliases are the canonical name and the name asked for if it
/// differs; the converter drops the first, the entry's own name. musl compares names
/// with the lines of `/etc/hosts` case-sensitively, unlike glibc, reads them in pieces
/// of 511 bytes (a name further into a long line is not found) and returns at most 48
/// addresses.
pub(crate) fn host_by_name(name: &CStr, family: AddressFamily) -> Result<Option<Host>> {
    glibc_shape::host_by_name(name, family)
}

/// Looks a host up by address with musl's `gethostbyaddr_r`.
///
/// Quirk: musl's `gethostbyaddr_r` never says "not found". It names the address with
/// `getnameinfo`, which falls back to the address in text when neither `/etc/hosts`
/// nor DNS names it, and succeeds with that text as the host's name. That answer is
/// musl's "no name": glibc says `HOST_NOT_FOUND` there. So an entry whose name is its
/// own address is `None`, as on every other platform. The one alias musl gives is the
/// name again, which the converter drops.
pub(crate) fn host_by_addr(address: IpAddr) -> Result<Option<Host>> {
    let host = glibc_shape::host_by_addr(address)?;
    Ok(host.filter(|host| host.name.parse::<IpAddr>() != Ok(address)))
}

/// Quirk: musl's `gethostent` is a stub that always returns NULL: musl cannot list
/// `/etc/hosts`. An empty list would claim the file is empty, so this is an error of
/// kind `Unsupported`.
pub(crate) fn all_hosts(_policy: Utf8Policy) -> Result<Vec<Host>> {
    Err(unsupported(
        "musl cannot list the hosts database: its gethostent is a stub that always returns \
         NULL (look hosts up by name or address instead)",
    ))
}

// --- networks -----------------------------------------------------------------------

/// Quirk: musl has no networks database. `getnetbyname` is a stub that always returns
/// NULL; "not found" would claim `/etc/networks` lacks the name, so this is an error of
/// kind `Unsupported`.
pub(crate) fn network_by_name(_name: &CStr) -> Result<Option<Network>> {
    Err(unsupported(
        "musl has no networks database: its getnetbyname is a stub that always returns NULL",
    ))
}

/// Quirk: as for [`network_by_name`]: musl's `getnetbyaddr` is a stub too.
pub(crate) fn network_by_addr(_address: Ipv4Addr) -> Result<Option<Network>> {
    Err(unsupported(
        "musl has no networks database: its getnetbyaddr is a stub that always returns NULL",
    ))
}

/// Quirk: as for [`network_by_name`]: musl's `getnetent` is a stub too.
pub(crate) fn all_networks(_policy: Utf8Policy) -> Result<Vec<Network>> {
    Err(unsupported(
        "musl has no networks database: its getnetent is a stub that always returns NULL",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_numbers_are_what_strtoul_reads_whole() {
        for number in ["", "0", "80", "+80", "-1", " 80", "\t\n007", "99999999999999999999"] {
            assert!(is_port_number(number.as_bytes()), "{number:?}");
        }
        for name in [" ", "+", "-", "80a", "http", "8 0", "0x50", "80 "] {
            assert!(!is_port_number(name.as_bytes()), "{name:?}");
        }
    }

    #[test]
    fn port_fields_are_numbers_before_a_slash() {
        for field in ["80/tcp", "+80/udp", "0/", "443/anything"] {
            assert!(is_port_field(field.as_bytes()), "{field:?}");
        }
        for name in ["http", "80", "a/b", "/tcp", "99999/tcp", "8 0/tcp"] {
            assert!(!is_port_field(name.as_bytes()), "{name:?}");
        }
    }

    #[test]
    fn only_tcp_udp_and_no_protocol_reach_musl() {
        assert!(musl_knows_protocol(None));
        assert!(musl_knows_protocol(Some(c"tcp")));
        assert!(musl_knows_protocol(Some(c"udp")));
        for protocol in [c"TCP", c"sctp", c"", c"tcp "] {
            assert!(!musl_knows_protocol(Some(protocol)), "{protocol:?}");
        }
    }
}
