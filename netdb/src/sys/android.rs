//! Android: bionic.
//!
//! What bionic offers (its `libc/include/netdb.h` and `libc/bionic/netdb.cpp`; see
//! `PLATFORMS.md`) and what each lookup does with it:
//!
//! - **Hosts**: glibc-shaped `gethostbyname2_r` and `gethostbyaddr_r`, run in parallel
//!   through the shared helpers of `glibc_shape` with the buffer that grows on `ERANGE`.
//!   bionic returns 0, `ERANGE`, or -1 with `*h_errnop` set; `glibc_shape::call_r` reads
//!   the -1. Both functions need API level 23 (Android 6.0), so a program that uses
//!   netdb's host lookups does too. bionic's `sethostent` and `endhostent` need API
//!   level 28, so the hosts database is not listed (`Unsupported`).
//! - **Services**: plain functions over a table compiled into bionic, which keeps each
//!   lookup's result per thread, as Apple's libinfo does (`per_thread`).
//! - **Protocols and networks**: bionic has no such databases; its functions are stubs
//!   that always return NULL. "Not found" would claim the database lacks the entry, so
//!   these lookups are `Unsupported`.

use std::ffi::CStr;
use std::net::Ipv4Addr;

use super::unsupported;
use crate::decode::Utf8Policy;
use crate::error::Result;
use crate::host::Host;
use crate::network::Network;
use crate::protocol::Protocol;

pub(crate) use super::glibc_shape::{host_by_addr, host_by_name};
pub(crate) use super::per_thread::{all_services, service_by_name, service_by_port};

/// bionic has no protocols database: `getprotobyname` always returns NULL.
pub(crate) fn protocol_by_name(_name: &CStr) -> Result<Option<Protocol>> {
    Err(unsupported(
        "Android has no protocols database: bionic's getprotobyname always returns NULL",
    ))
}

/// As for [`protocol_by_name`]: `getprotobynumber` always returns NULL.
pub(crate) fn protocol_by_number(_number: i32) -> Result<Option<Protocol>> {
    Err(unsupported(
        "Android has no protocols database: bionic's getprotobynumber always returns NULL",
    ))
}

/// As for [`protocol_by_name`]: `getprotoent` always returns NULL.
pub(crate) fn all_protocols(_policy: Utf8Policy) -> Result<Vec<Protocol>> {
    Err(unsupported("Android has no protocols database: bionic's getprotoent always returns NULL"))
}

/// bionic can read its hosts file entry by entry, but only from API level 28 can a
/// program rewind and close that stream (`sethostent`, `endhostent`).
pub(crate) fn all_hosts(_policy: Utf8Policy) -> Result<Vec<Host>> {
    Err(unsupported(
        "listing the hosts database needs bionic's sethostent and endhostent, which only \
         Android 9 (API level 28) has (look hosts up by name or address instead)",
    ))
}

/// bionic has no networks database: `getnetbyname` always returns NULL.
pub(crate) fn network_by_name(_name: &CStr) -> Result<Option<Network>> {
    Err(unsupported("Android has no networks database: bionic's getnetbyname always returns NULL"))
}

/// As for [`network_by_name`]: `getnetbyaddr` always returns NULL.
pub(crate) fn network_by_addr(_address: Ipv4Addr) -> Result<Option<Network>> {
    Err(unsupported("Android has no networks database: bionic's getnetbyaddr always returns NULL"))
}

/// As for [`network_by_name`]: `getnetent` always returns NULL.
pub(crate) fn all_networks(_policy: Utf8Policy) -> Result<Vec<Network>> {
    Err(unsupported("Android has no networks database: bionic's getnetent always returns NULL"))
}
