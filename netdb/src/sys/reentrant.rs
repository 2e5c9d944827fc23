//! The reentrant `_r` functions of glibc and FreeBSD, which share one shape.
//!
//! Each `_r` function takes a caller-owned entry and buffer, returns 0 or an errno
//! value, and sets `*result` to the entry or NULL. They are MT-safe, so lookups run in
//! parallel without a lock. The enumerations (`getservent_r`, `getprotoent_r`) share
//! one stream per process, which a lock per database serialises. The helpers that run
//! one such call live in `glibc_shape`, which the musl backend shares.

use std::ffi::{c_int, CStr};
use std::mem::MaybeUninit;
use std::net::Ipv4Addr;
use std::ptr;
use std::sync::{Mutex, PoisonError};

use netdb_sys as ffi;

use super::convert::{host_from, network_from, protocol_from, service_from};
use super::glibc_shape::{self, call_r, host_lookup, lookup, outcome, ReentrantCall};
#[cfg(netdb_index)]
use super::indexed::{self, CLookups};
use super::unix::AF_INET;
use crate::buffer::GrowingBuffer;
use crate::decode::Utf8Policy;
use crate::error::Result;
use crate::host::Host;
use crate::network::Network;
use crate::protocol::Protocol;
use crate::service::Service;

// The lookups of hosts by name and address are the same calls in every C library with
// glibc's shape, musl included; so are those of services, which glibc on Linux may
// answer from the index first (`indexed`).
pub(crate) use super::glibc_shape::{host_by_addr, host_by_name};

/// The C calls behind the index, for what it asks glibc itself.
#[cfg(netdb_index)]
const C_LOOKUPS: CLookups = CLookups {
    service_by_name: glibc_shape::service_by_name,
    service_by_port: glibc_shape::service_by_port,
    protocol_by_name: c_protocol_by_name,
    protocol_by_number: c_protocol_by_number,
};

pub(crate) fn service_by_name(name: &CStr, protocol: Option<&CStr>) -> Result<Option<Service>> {
    #[cfg(netdb_index)]
    if let Some(answer) = indexed::service_by_name(name, protocol, &C_LOOKUPS) {
        return answer;
    }
    glibc_shape::service_by_name(name, protocol)
}

pub(crate) fn service_by_port(port: u16, protocol: Option<&CStr>) -> Result<Option<Service>> {
    #[cfg(netdb_index)]
    if let Some(answer) = indexed::service_by_port(port, protocol, &C_LOOKUPS) {
        return answer;
    }
    glibc_shape::service_by_port(port, protocol)
}

/// Where the services and protocols lookups answer from (`crate::index`).
#[cfg(netdb_index)]
pub(crate) fn index_status() -> crate::index::IndexStatus {
    indexed::status(&C_LOOKUPS)
}

/// Rewinds a database's shared enumeration stream when created and closes it when
/// dropped, even if reading it failed.
struct OpenStream {
    close: unsafe extern "C" fn(),
}

impl OpenStream {
    fn rewind(open: unsafe extern "C" fn(c_int), close: unsafe extern "C" fn()) -> Self {
        // SAFETY: set*ent(0) only resets the C library's stream for the database; the
        // caller holds that database's lock.
        unsafe { open(0) };
        OpenStream { close }
    }
}

impl Drop for OpenStream {
    fn drop(&mut self) {
        // SAFETY: end*ent only closes the stream, still under the caller's lock.
        unsafe { (self.close)() };
    }
}

/// Reads a whole database through its `get*ent_r` function, under `lock`.
fn enumerate<E: Copy, T>(
    lock: &Mutex<()>,
    open: unsafe extern "C" fn(c_int),
    close: unsafe extern "C" fn(),
    next: &mut ReentrantCall<'_, E>,
    convert: impl Fn(&E) -> Result<T>,
) -> Result<Vec<T>> {
    // The lock guards no Rust data, only the C stream, and `OpenStream` rewinds that,
    // so a panic elsewhere while it was held leaves nothing to repair.
    let _serialised = lock.lock().unwrap_or_else(PoisonError::into_inner);
    let _stream = OpenStream::rewind(open, close);
    let mut buffer = GrowingBuffer::new();
    let mut entries = Vec::new();
    loop {
        let found = buffer.run(|mut buf| {
            let mut entry = MaybeUninit::<E>::uninit();
            let mut result: *mut E = ptr::null_mut();
            let rc = call_r(|| next(entry.as_mut_ptr(), buf.as_mut_ptr(), buf.len(), &mut result));
            outcome(rc, result, &convert)
        })?;
        match found {
            Some(entry) => entries.push(entry),
            None => return Ok(entries),
        }
    }
}

static SERVICES_STREAM: Mutex<()> = Mutex::new(());

pub(crate) fn all_services(policy: Utf8Policy) -> Result<Vec<Service>> {
    enumerate(
        &SERVICES_STREAM,
        ffi::setservent,
        ffi::endservent,
        &mut |entry, buf, len, result| {
            // SAFETY: `enumerate` passes an entry, a buffer of `len` bytes and a result
            // slot, and holds the services stream's lock.
            unsafe { ffi::getservent_r(entry, buf, len, result) }
        },
        // SAFETY: `enumerate` converts only an entry the call just filled in.
        |entry| unsafe { service_from(entry, policy) },
    )
}

pub(crate) fn protocol_by_name(name: &CStr) -> Result<Option<Protocol>> {
    #[cfg(netdb_index)]
    if let Some(answer) = indexed::protocol_by_name(name, &C_LOOKUPS) {
        return answer;
    }
    c_protocol_by_name(name)
}

fn c_protocol_by_name(name: &CStr) -> Result<Option<Protocol>> {
    lookup(
        &mut |entry, buf, len, result| {
            // SAFETY: as in `glibc_shape::service_by_name`.
            unsafe { ffi::getprotobyname_r(name.as_ptr(), entry, buf, len, result) }
        },
        // SAFETY: `lookup` converts only an entry the call just filled in.
        |entry| unsafe { protocol_from(entry, Utf8Policy::Strict) },
    )
}

pub(crate) fn protocol_by_number(number: i32) -> Result<Option<Protocol>> {
    #[cfg(netdb_index)]
    if let Some(answer) = indexed::protocol_by_number(number, &C_LOOKUPS) {
        return answer;
    }
    c_protocol_by_number(number)
}

fn c_protocol_by_number(number: i32) -> Result<Option<Protocol>> {
    lookup(
        &mut |entry, buf, len, result| {
            // SAFETY: as in `glibc_shape::service_by_name`.
            unsafe { ffi::getprotobynumber_r(number, entry, buf, len, result) }
        },
        // SAFETY: `lookup` converts only an entry the call just filled in.
        |entry| unsafe { protocol_from(entry, Utf8Policy::Strict) },
    )
}

static PROTOCOLS_STREAM: Mutex<()> = Mutex::new(());

pub(crate) fn all_protocols(policy: Utf8Policy) -> Result<Vec<Protocol>> {
    enumerate(
        &PROTOCOLS_STREAM,
        ffi::setprotoent,
        ffi::endprotoent,
        &mut |entry, buf, len, result| {
            // SAFETY: as in `all_services`, for the protocols stream.
            unsafe { ffi::getprotoent_r(entry, buf, len, result) }
        },
        // SAFETY: `enumerate` converts only an entry the call just filled in.
        |entry| unsafe { protocol_from(entry, policy) },
    )
}

// --- hosts and networks -------------------------------------------------------------

/// Clears the thread's `h_errno` before a network lookup.
///
/// FreeBSD's `getnetbyname_r` and `getnetbyaddr_r` (the files backend, `getnetbyht.c`)
/// copy the thread's leftover `h_errno` into `*h_errnop` when they find nothing, so
/// after a host lookup that failed with `TRY_AGAIN` a network that does not exist would
/// read as `TryAgain`. glibc sets `*h_errnop` itself; clearing costs it nothing.
fn clear_h_errno() {
    // SAFETY: writes the calling thread's own h_errno (per thread on glibc and FreeBSD),
    // which no other thread reads.
    unsafe { ffi::set_h_errno(0) };
}

pub(crate) fn network_by_name(name: &CStr) -> Result<Option<Network>> {
    host_lookup(
        &mut |entry, buf, len, result, h_errno| {
            clear_h_errno();
            // SAFETY: as in `glibc_shape::host_by_name`.
            unsafe { ffi::getnetbyname_r(name.as_ptr(), entry, buf, len, result, h_errno) }
        },
        // SAFETY: `host_lookup` converts only an entry the call just filled in.
        |entry| unsafe { network_from(entry, Utf8Policy::Strict) },
    )
}

pub(crate) fn network_by_addr(address: Ipv4Addr) -> Result<Option<Network>> {
    let number = u32::from(address);
    host_lookup(
        &mut |entry, buf, len, result, h_errno| {
            clear_h_errno();
            // SAFETY: as in `glibc_shape::host_by_name`; the number is passed by value.
            unsafe { ffi::getnetbyaddr_r(number, AF_INET, entry, buf, len, result, h_errno) }
        },
        // SAFETY: `host_lookup` converts only an entry the call just filled in.
        |entry| unsafe { network_from(entry, Utf8Policy::Strict) },
    )
}

static HOSTS_STREAM: Mutex<()> = Mutex::new(());

pub(crate) fn all_hosts(policy: Utf8Policy) -> Result<Vec<Host>> {
    enumerate(
        &HOSTS_STREAM,
        ffi::sethostent,
        ffi::endhostent,
        &mut |entry, buf, len, result| {
            // The end of the database is ENOENT; h_errno adds nothing to it.
            let mut h_errno = 0;
            // SAFETY: as in `all_services`, for the hosts stream, with an h_errno slot.
            unsafe { ffi::gethostent_r(entry, buf, len, result, &mut h_errno) }
        },
        // SAFETY: `enumerate` converts only an entry the call just filled in.
        |entry| unsafe { host_from(entry, policy) },
    )
}

static NETWORKS_STREAM: Mutex<()> = Mutex::new(());

pub(crate) fn all_networks(policy: Utf8Policy) -> Result<Vec<Network>> {
    enumerate(
        &NETWORKS_STREAM,
        ffi::setnetent,
        ffi::endnetent,
        &mut |entry, buf, len, result| {
            let mut h_errno = 0;
            // SAFETY: as in `all_hosts`, for the networks stream.
            unsafe { ffi::getnetent_r(entry, buf, len, result, &mut h_errno) }
        },
        // SAFETY: `enumerate` converts only an entry the call just filled in.
        |entry| unsafe { network_from(entry, policy) },
    )
}
