//! The fallback for any other Unix: the plain, non-reentrant functions, serialised
//! behind one lock, each entry copied out before the lock is released.
//!
//! POSIX lets every one of these functions return storage that "might be overwritten
//! by a subsequent call", and does not say by a call of *which* function. C libraries
//! share that storage across functions and databases: 4.4BSD-derived code keeps one
//! static `hostent` for `gethostbyname`, `gethostbyaddr` and `gethostent`, and the host
//! and network lookups share the resolver's static state and its `h_errno`; musl's
//! protocol functions share one index between `getprotoent` and the by-name and
//! by-number lookups; OpenBSD's services functions keep their entry and their stream
//! in one shared `_servent_data`. A lock per database would still let a hosts
//! lookup scribble over a networks entry being copied on another thread, wherever the
//! two share a buffer. One lock for every call is correct whatever the C library
//! shares, at the price of running lookups one at a time: that is what this backend
//! is, the one that assumes nothing. Platforms with something better have their own
//! backend (`reentrant`, `musl`, `android`, `apple`, `illumos`, `windows`).
//!
//! Each call runs and its entry is copied out (and `h_errno` read) under the lock, so
//! no call of this crate on another thread can overwrite either first. C code elsewhere
//! in the process that calls these functions without the lock can still race with it;
//! nothing in C can prevent that.
//!
//! This is NetBSD's backend: its reentrant functions are private to its libc, and its
//! plain ones keep their results in static storage and report through one global
//! `h_errno`. And it is the fallback for any other Unix, whose bindings the `bindgen`
//! feature of netdb-sys generates.
//!
//! Needs from `netdb-sys` only the plain functions of `<netdb.h>`, and for host lookups
//! that find nothing its `h_errno()` accessor, which it has for the C libraries it ships
//! bindings for (NetBSD's among them). Where it has none (`cfg(netdb_h_errno)` unset by
//! the build script), such a lookup cannot tell a name that does not exist from one
//! that failed to resolve, and is an error of kind `Unsupported` (`plain.rs`). CI builds
//! this backend on glibc with `RUSTFLAGS="--cfg netdb_force_locked"` and runs the whole
//! test suite through it, and type-checks it with `--cfg netdb_force_no_h_errno` too.

use std::ffi::{c_int, CStr};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Mutex, MutexGuard, PoisonError};

use netdb_sys as ffi;

use super::c_strings::optional_ptr;
use super::plain::{copy_out, enumerate};
use super::plain_hosts::{host_by_addr_holding, host_by_name_holding};
use super::unix::AF_INET;
use crate::decode::Utf8Policy;
use crate::error::Result;
use crate::host::{AddressFamily, Host};
use crate::network::Network;
use crate::protocol::Protocol;
use crate::service::Service;

/// The one lock every call of the C library's netdb functions holds.
static NETDB: Mutex<()> = Mutex::new(());

fn serialised() -> MutexGuard<'static, ()> {
    // The lock guards no Rust data, only the C library's storage, which the next call
    // rewrites anyway: a panic while it was held leaves nothing to repair.
    NETDB.lock().unwrap_or_else(PoisonError::into_inner)
}

pub(crate) fn service_by_name(name: &CStr, protocol: Option<&CStr>) -> Result<Option<Service>> {
    let _serialised = serialised();
    // SAFETY: name and protocol are NUL-terminated (or NULL) and outlive the call. The
    // entry lives in the C library's static storage, which only another netdb call
    // can overwrite, and every such call of this crate waits for the lock held here
    // until `copy_out` has copied it.
    unsafe {
        let entry = ffi::getservbyname(name.as_ptr(), optional_ptr(protocol));
        copy_out(entry, Utf8Policy::Strict)
    }
}

pub(crate) fn service_by_port(port: u16, protocol: Option<&CStr>) -> Result<Option<Service>> {
    // The port goes in as `htons(port)` widened to an int.
    let port = c_int::from(port.to_be());
    let _serialised = serialised();
    // SAFETY: as in `service_by_name`.
    unsafe {
        let entry = ffi::getservbyport(port, optional_ptr(protocol));
        copy_out(entry, Utf8Policy::Strict)
    }
}

pub(crate) fn all_services(policy: Utf8Policy) -> Result<Vec<Service>> {
    let _serialised = serialised();
    // SAFETY: the lock serialises the stream and the storage of every entry.
    unsafe { enumerate(ffi::setservent, ffi::getservent, ffi::endservent, policy) }
}

pub(crate) fn protocol_by_name(name: &CStr) -> Result<Option<Protocol>> {
    let _serialised = serialised();
    // SAFETY: as in `service_by_name`.
    unsafe { copy_out(ffi::getprotobyname(name.as_ptr()), Utf8Policy::Strict) }
}

pub(crate) fn protocol_by_number(number: i32) -> Result<Option<Protocol>> {
    let _serialised = serialised();
    // SAFETY: as in `service_by_name`; the number is passed by value.
    unsafe { copy_out(ffi::getprotobynumber(number), Utf8Policy::Strict) }
}

pub(crate) fn all_protocols(policy: Utf8Policy) -> Result<Vec<Protocol>> {
    let _serialised = serialised();
    // SAFETY: as in `all_services`.
    unsafe { enumerate(ffi::setprotoent, ffi::getprotoent, ffi::endprotoent, policy) }
}

pub(crate) fn host_by_name(name: &CStr, family: AddressFamily) -> Result<Option<Host>> {
    host_by_name_holding(&NETDB, name, family)
}

pub(crate) fn host_by_addr(address: IpAddr) -> Result<Option<Host>> {
    host_by_addr_holding(&NETDB, address)
}

pub(crate) fn all_hosts(policy: Utf8Policy) -> Result<Vec<Host>> {
    let _serialised = serialised();
    // SAFETY: as in `all_services`.
    unsafe { enumerate(ffi::sethostent, ffi::gethostent, ffi::endhostent, policy) }
}

// The networks functions report no reason that every C library sets (libinfo and
// musl never touch h_errno for them), so NULL is "not found" and nothing more.

pub(crate) fn network_by_name(name: &CStr) -> Result<Option<Network>> {
    let _serialised = serialised();
    // SAFETY: as in `service_by_name`.
    unsafe { copy_out(ffi::getnetbyname(name.as_ptr()), Utf8Policy::Strict) }
}

pub(crate) fn network_by_addr(address: Ipv4Addr) -> Result<Option<Network>> {
    let _serialised = serialised();
    // SAFETY: as in `service_by_name`; the number is passed by value, in host order.
    unsafe { copy_out(ffi::getnetbyaddr(u32::from(address), AF_INET), Utf8Policy::Strict) }
}

pub(crate) fn all_networks(policy: Utf8Policy) -> Result<Vec<Network>> {
    let _serialised = serialised();
    // SAFETY: as in `all_services`.
    unsafe { enumerate(ffi::setnetent, ffi::getnetent, ffi::endnetent, policy) }
}
