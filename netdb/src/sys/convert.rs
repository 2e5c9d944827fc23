//! Copying the entries the C library fills in into owned values.
//!
//! The struct layouts differ between platforms (Winsock's `s_port` and `p_proto` are
//! `short`, glibc's `int`), but the field names are the same, so one converter serves
//! every platform's `ffi` types.

// `.into()` widens Winsock's `short` fields; on Unix they are `int` already.
#![allow(clippy::useless_conversion)]

use std::ffi::{c_char, c_int};
use std::net::{IpAddr, Ipv4Addr};

use netdb_sys as ffi;

use super::c_strings::{c_bytes, CStrList, PointerList};
use super::{AF_INET, AF_INET6};
use crate::decode::{protocol_from_fields, service_from_fields, EntryDecoder, Utf8Policy};
use crate::error::LossyEntry;
use crate::error::Result;
use crate::host::Host;
use crate::network::Network;
use crate::protocol::Protocol;
use crate::service::Service;

/// The names of an entry other than its own: the crate's `aliases`.
///
/// Quirk (musl): musl lists an entry's own name among its aliases (a service's only
/// alias is its name, a host's first alias is its canonical name) and reads no aliases
/// from the files, so an alias equal to the name is one musl added, and it is skipped
/// here, before anything is copied. Other C libraries report their files as they are,
/// duplicates included.
fn other_names<'a>(name: &'a [u8], aliases: CStrList<'a>) -> impl Iterator<Item = &'a [u8]> {
    let own_name_is_no_alias = cfg!(all(target_os = "linux", target_env = "musl"));
    aliases.filter(move |alias| !(own_name_is_no_alias && *alias == name))
}

/// # Safety
/// `entry` was filled in by a successful services call, and the buffer its pointers
/// lead into is alive.
pub(crate) unsafe fn service_from(entry: &ffi::servent, policy: Utf8Policy) -> Result<Service> {
    // SAFETY: the caller's contract: the entry's strings are valid NUL-terminated
    // strings and `s_aliases` is a NULL-terminated array of them.
    let (name, aliases, protocol) =
        unsafe { (c_bytes(entry.s_name), CStrList::new(entry.s_aliases), c_bytes(entry.s_proto)) };
    // `s_port` holds the port in network byte order in its low 16 bits.
    let port = u16::from_be(entry.s_port as u16);
    service_from_fields(name, other_names(name, aliases), port, protocol, policy)
}

/// # Safety
/// As for [`service_from`], for a protocols entry.
pub(crate) unsafe fn protocol_from(entry: &ffi::protoent, policy: Utf8Policy) -> Result<Protocol> {
    // SAFETY: the caller's contract, as in `service_from`.
    let (name, aliases) = unsafe { (c_bytes(entry.p_name), CStrList::new(entry.p_aliases)) };
    protocol_from_fields(name, aliases, entry.p_proto.into(), policy)
}

/// The addresses of a `hostent`, as `std::net` values.
///
/// # Safety
/// `list` is `h_addr_list` of an entry filled in by a successful call, each address
/// `length` bytes long, and its buffer is alive.
pub(crate) unsafe fn host_addresses(
    list: *const *mut c_char,
    family: c_int,
    length: c_int,
) -> Vec<IpAddr> {
    // SAFETY: the caller's contract: a NULL-terminated array of valid pointers.
    let pointers = unsafe { PointerList::new(list) };
    match (family, length) {
        // SAFETY: each pointer leads to `length` bytes, 4 here.
        (AF_INET, 4) => pointers
            .map(|p| IpAddr::from(unsafe { p.cast::<[u8; 4]>().read_unaligned() }))
            .collect(),
        // SAFETY: each pointer leads to `length` bytes, 16 here.
        (AF_INET6, 16) => pointers
            .map(|p| IpAddr::from(unsafe { p.cast::<[u8; 16]>().read_unaligned() }))
            .collect(),
        _ => Vec::new(),
    }
}

/// # Safety
/// `entry` was filled in by a successful hosts call and its buffer is alive.
pub(crate) unsafe fn host_from(entry: &ffi::hostent, policy: Utf8Policy) -> Result<Host> {
    let mut decoder = EntryDecoder::new(policy);
    // SAFETY: the caller's contract, as in `service_from`; the address list holds
    // `h_length`-byte addresses of `h_addrtype`.
    let (name, aliases, addresses) = unsafe {
        (
            c_bytes(entry.h_name),
            CStrList::new(entry.h_aliases),
            host_addresses(entry.h_addr_list, entry.h_addrtype.into(), entry.h_length.into()),
        )
    };
    let host = Host {
        name: decoder.string("name", name),
        aliases: other_names(name, aliases).map(|alias| decoder.string("alias", alias)).collect(),
        addresses,
    };
    decoder.finish(host, LossyEntry::Host)
}

/// # Safety
/// `entry` was filled in by a successful networks call and its buffer is alive.
// musl, bionic and Winsock have no networks database to convert entries of.
#[cfg_attr(
    any(netdb_backend = "musl", netdb_backend = "android", netdb_backend = "windows"),
    allow(dead_code)
)]
pub(crate) unsafe fn network_from(entry: &ffi::netent, policy: Utf8Policy) -> Result<Network> {
    let mut decoder = EntryDecoder::new(policy);
    // SAFETY: the caller's contract, as in `service_from`.
    let (name, aliases) = unsafe { (c_bytes(entry.n_name), CStrList::new(entry.n_aliases)) };
    let network = Network {
        name: decoder.string("name", name),
        aliases: aliases.map(|alias| decoder.string("alias", alias)).collect(),
        // `n_net` is the network number in host byte order.
        address: Ipv4Addr::from(entry.n_net),
    };
    decoder.finish(network, LossyEntry::Network)
}

#[cfg(test)]
mod tests {
    use std::ffi::c_char;
    use std::mem::size_of;
    use std::net::Ipv4Addr;
    use std::ptr;

    use super::*;
    use crate::sys::c_strings::read_entry;

    /// An entry laid out as glibc's `gethostbyaddr_r` lays one into the buffer it is
    /// given, at an odd address: the address list first, unaligned, then the address
    /// and the strings. The converters read every pointer of it unaligned, so this is
    /// defined behaviour (Miri, with its symbolic alignment check, proves it in CI) and
    /// gives the entry back whole.
    #[test]
    fn entries_laid_out_unaligned_are_read_whole() {
        const POINTER: usize = size_of::<*const c_char>();
        let mut buffer = vec![0u8; 256];
        let base = buffer.as_mut_ptr();
        // Offsets into `buffer`, all odd or unaligned for a pointer.
        let (addresses, aliases, address, name, alias, entry) =
            (1, 3 * POINTER + 1, 129, 135, 143, 161);
        // SAFETY: every write is inside `buffer` (256 bytes), unaligned where it stores a
        // pointer; the pointers lead into `buffer`, which outlives their use below.
        let found = unsafe {
            let at = |offset: usize| base.add(offset);
            at(address).copy_from_nonoverlapping([192, 0, 2, 7].as_ptr(), 4);
            at(name).copy_from_nonoverlapping(c"x.test".as_ptr().cast(), 7);
            at(alias).copy_from_nonoverlapping(c"y.test".as_ptr().cast(), 7);
            let list = at(addresses).cast::<*mut c_char>();
            list.write_unaligned(at(address).cast());
            list.add(1).write_unaligned(ptr::null_mut());
            let alias_list = at(aliases).cast::<*mut c_char>();
            alias_list.write_unaligned(at(alias).cast());
            alias_list.add(1).write_unaligned(ptr::null_mut());
            let mut host: ffi::hostent = std::mem::zeroed();
            host.h_name = at(name).cast();
            host.h_aliases = alias_list;
            host.h_addrtype = AF_INET as _;
            host.h_length = 4;
            host.h_addr_list = list;
            at(entry).cast::<ffi::hostent>().write_unaligned(host);
            let copy = read_entry(at(entry).cast::<ffi::hostent>()).expect("not NULL");
            host_from(&copy, Utf8Policy::Strict).unwrap()
        };
        assert_eq!(
            found,
            Host {
                name: "x.test".into(),
                aliases: vec!["y.test".into()],
                addresses: vec![Ipv4Addr::new(192, 0, 2, 7).into()],
            }
        );
    }
}
