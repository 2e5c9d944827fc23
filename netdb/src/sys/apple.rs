//! macOS (and Apple's other systems): libinfo's plain functions.
//!
//! libinfo has no `_r` functions and needs none: each plain lookup stores its result
//! per thread (one slot per kind of lookup), so the entry it returns stays valid and
//! unchanged until the *same thread* makes another lookup of that kind. Lookups here
//! therefore run in parallel without a lock: call, then copy the entry out at once,
//! on the same thread, before any other netdb call.
//!
//! `h_errno` is the exception. libinfo's host functions (`gethostbyname2`,
//! `gethostbyaddr`) explain a NULL through `h_errno`, and on macOS that is one
//! process-wide `int`, written by every host lookup of every thread, success or not. To
//! tell "not found" from `TRY_AGAIN` reliably, host lookups are serialised behind one
//! lock (`HOST_LOOKUPS`) and `h_errno` is read under it, right after the call: no host
//! lookup of this crate can overwrite it in between. C code elsewhere in the process
//! that calls libinfo's host functions directly can still race with the read; the worst
//! it can do is misclassify one failure (a `TRY_AGAIN` read as "not found" or the
//! reverse), never corrupt an entry, which is per thread. The price is that host
//! lookups through this crate run one at a time on macOS; `getaddrinfo`, which reports
//! its errors through its return value, has no such limit and is the better way to
//! resolve names there.
//!
//! The networks functions do not set `h_errno` at all, and services and protocols
//! never did: for them NULL is "not found" and nothing more.
//!
//! The services lookups are `per_thread`'s, shared with bionic. The enumerations
//! (`getservent` and friends) are serialised behind a lock per database. libinfo keeps
//! each enumeration's list per thread as well, but that is not part of the documented
//! contract, which is POSIX's single stream per process; the locks cost nothing
//! measurable and hold the code to that contract.

use std::ffi::CStr;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Mutex, MutexGuard, PoisonError};

use netdb_sys as ffi;

use super::plain::{copy_out, enumerate};
use super::plain_hosts::{host_by_addr_holding, host_by_name_holding};
use super::unix::AF_INET;
use crate::decode::Utf8Policy;
use crate::error::Result;
use crate::host::{AddressFamily, Host};
use crate::network::Network;
use crate::protocol::Protocol;

// Services: libinfo keeps each lookup's entry per thread, as bionic does.
pub(crate) use super::per_thread::{all_services, service_by_name, service_by_port};

/// Takes one of this backend's locks. They guard no Rust data, only libinfo's streams
/// and `h_errno`, which the next call resets anyway: a panic while one was held leaves
/// nothing to repair.
fn serialised(lock: &'static Mutex<()>) -> MutexGuard<'static, ()> {
    lock.lock().unwrap_or_else(PoisonError::into_inner)
}

pub(crate) fn protocol_by_name(name: &CStr) -> Result<Option<Protocol>> {
    // SAFETY: `name` is NUL-terminated and outlives the call. libinfo keeps the entry in
    // this thread's slot for protocol lookups, unchanged until this thread's next one;
    // it is copied out at once.
    unsafe { copy_out(ffi::getprotobyname(name.as_ptr()), Utf8Policy::Strict) }
}

pub(crate) fn protocol_by_number(number: i32) -> Result<Option<Protocol>> {
    // SAFETY: as in `protocol_by_name`: the entry is this thread's until its next
    // protocol lookup, and is copied out at once.
    unsafe { copy_out(ffi::getprotobynumber(number), Utf8Policy::Strict) }
}

static PROTOCOLS_STREAM: Mutex<()> = Mutex::new(());

pub(crate) fn all_protocols(policy: Utf8Policy) -> Result<Vec<Protocol>> {
    let _serialised = serialised(&PROTOCOLS_STREAM);
    // SAFETY: as in `per_thread::all_services`, for the protocols stream.
    unsafe { enumerate(ffi::setprotoent, ffi::getprotoent, ffi::endprotoent, policy) }
}

/// Serialises host lookups so that each reads the global `h_errno` its own call set.
static HOST_LOOKUPS: Mutex<()> = Mutex::new(());

pub(crate) fn host_by_name(name: &CStr, family: AddressFamily) -> Result<Option<Host>> {
    host_by_name_holding(&HOST_LOOKUPS, name, family)
}

pub(crate) fn host_by_addr(address: IpAddr) -> Result<Option<Host>> {
    host_by_addr_holding(&HOST_LOOKUPS, address)
}

static HOSTS_STREAM: Mutex<()> = Mutex::new(());

pub(crate) fn all_hosts(policy: Utf8Policy) -> Result<Vec<Host>> {
    let _serialised = serialised(&HOSTS_STREAM);
    // SAFETY: as in `per_thread::all_services`, for the hosts stream.
    unsafe { enumerate(ffi::sethostent, ffi::gethostent, ffi::endhostent, policy) }
}

pub(crate) fn network_by_name(name: &CStr) -> Result<Option<Network>> {
    // SAFETY: `name` is NUL-terminated and outlives the call. libinfo keeps the entry in
    // this thread's slot for network lookups, unchanged until this thread's next one;
    // it is copied out at once.
    unsafe { copy_out(ffi::getnetbyname(name.as_ptr()), Utf8Policy::Strict) }
}

pub(crate) fn network_by_addr(address: Ipv4Addr) -> Result<Option<Network>> {
    // SAFETY: as in `network_by_name`: the entry is this thread's until its next network
    // lookup, and is copied out at once. The number is passed in host order.
    unsafe { copy_out(ffi::getnetbyaddr(u32::from(address), AF_INET), Utf8Policy::Strict) }
}

static NETWORKS_STREAM: Mutex<()> = Mutex::new(());

pub(crate) fn all_networks(policy: Utf8Policy) -> Result<Vec<Network>> {
    let _serialised = serialised(&NETWORKS_STREAM);
    // SAFETY: as in `per_thread::all_services`, for the networks stream.
    unsafe { enumerate(ffi::setnetent, ffi::getnetent, ffi::endnetent, policy) }
}
