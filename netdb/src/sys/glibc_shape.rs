//! Calling the `_r` functions that have glibc's shape, shared by every backend whose C
//! library has some of them: `reentrant` (glibc, FreeBSD), `musl` and `android`.
//!
//! A glibc-shaped `_r` function takes a caller-owned entry and buffer, returns 0 or an
//! errno value, and sets `*result` to the entry or NULL; the host and network ones also
//! report through an `h_errno` slot. The helpers here run such a call with a buffer that
//! grows on `ERANGE` and convert what it found while that buffer is still alive. They
//! know nothing of any one function: each caller binds the keys in a closure.
//!
//! The four lookups below have the same signature and meaning in glibc, FreeBSD and
//! musl (and the host ones in bionic), so the backends share them: `reentrant` and
//! `android` export them as they are, `musl` wraps them with its quirks.

// bionic has only the host functions: the rest goes unused there.
#![cfg_attr(netdb_backend = "android", allow(dead_code))]

use std::ffi::{c_char, c_int, c_void, CStr};
use std::io;
use std::mem::MaybeUninit;
use std::net::IpAddr;
use std::ptr;

use netdb_sys as ffi;

use super::c_strings::read_entry;
use super::convert::host_from;
use super::unix::{c_family, AF_INET, AF_INET6};
use crate::buffer::{Attempt, GrowingBuffer};
use crate::decode::Utf8Policy;
use crate::error::HostError;
use crate::error::{Error, Result};
use crate::host::{AddressFamily, Host};

/// Runs one `_r` call and returns its errno-style result, evening out FreeBSD and
/// bionic.
///
/// FreeBSD's `_r` functions have glibc's signatures but not quite its results: the
/// host and network ones return -1 (not an errno value) when they fail, setting errno
/// to the cause or to 0 for "not found", and `get*ent_r` return -1 at the end of the
/// database; the services and protocols ones return whatever errno held when they
/// reached the end of the file without a match, so a stale errno from before the call
/// would read as an error (even as `ERANGE`, which would grow the buffer in vain).
/// bionic's host functions return `ERANGE` for a buffer too small and -1 for any other
/// failure, whose reason is `*h_errnop` (and errno for `NETDB_INTERNAL`).
/// errno is cleared before the call, and -1 becomes the errno it left, or `ENOENT`
/// ("not found", "no more entries") if it left none.
#[cfg(any(target_os = "freebsd", target_os = "android"))]
pub(super) fn call_r(call: impl FnOnce() -> c_int) -> c_int {
    super::unix::set_errno(0);
    match call() {
        -1 => io::Error::last_os_error().raw_os_error().filter(|&e| e != 0).unwrap_or(libc::ENOENT),
        rc => rc,
    }
}

/// Runs one `_r` call: glibc and musl return the errno value itself, and need nothing
/// more.
#[cfg(not(any(target_os = "freebsd", target_os = "android")))]
pub(super) fn call_r(call: impl FnOnce() -> c_int) -> c_int {
    call()
}

/// The shape of a glibc `_r` call once its keys are bound: entry, buffer, buffer
/// length, result pointer; returns 0 or an errno value.
pub(super) type ReentrantCall<'k, E> =
    dyn FnMut(*mut E, *mut c_char, usize, *mut *mut E) -> c_int + 'k;

/// Runs one `_r` lookup with a buffer that grows on `ERANGE`, and converts the entry it
/// finds while the buffer its strings point into is still alive.
///
/// `call` must pass its four arguments unchanged to a glibc-shaped `_r` function.
pub(super) fn lookup<E: Copy, T>(
    call: &mut ReentrantCall<'_, E>,
    convert: impl Fn(&E) -> Result<T>,
) -> Result<Option<T>> {
    GrowingBuffer::new().run(|mut buf| {
        let mut entry = MaybeUninit::<E>::uninit();
        let mut result: *mut E = ptr::null_mut();
        let rc = call_r(|| call(entry.as_mut_ptr(), buf.as_mut_ptr(), buf.len(), &mut result));
        outcome(rc, result, &convert)
    })
}

/// Reads the `(return code, *result)` pair of a glibc-shaped `_r` call.
///
/// Not found is 0 with a NULL result in glibc, and `ENOENT` from the end of an
/// enumeration or from musl's lookups; both are `None`.
pub(super) fn outcome<E: Copy, T>(
    rc: c_int,
    result: *mut E,
    convert: &impl Fn(&E) -> Result<T>,
) -> Attempt<Result<Option<T>>> {
    match rc {
        // SAFETY: on success `result` is NULL or points at the entry the call filled in,
        // whose pointers lead into the buffer the caller still holds.
        0 => match unsafe { read_entry(result) } {
            None => Attempt::Done(Ok(None)),
            Some(entry) => Attempt::Done(convert(&entry).map(Some)),
        },
        libc::ERANGE => Attempt::TooSmall,
        libc::ENOENT => Attempt::Done(Ok(None)),
        errno => Attempt::Done(Err(io::Error::from_raw_os_error(errno).into())),
    }
}

/// The shape of glibc's host and network `_r` calls once their keys are bound: entry,
/// buffer, buffer length, result pointer, h_errno slot; returns 0 or an errno value.
pub(super) type HostShapedCall<'k, E> =
    dyn FnMut(*mut E, *mut c_char, usize, *mut *mut E, *mut c_int) -> c_int + 'k;

/// [`lookup`] for the calls that report through h_errno as well.
///
/// `call` must pass its five arguments unchanged to a glibc-shaped host or network
/// `_r` function.
pub(super) fn host_lookup<E: Copy, T>(
    call: &mut HostShapedCall<'_, E>,
    convert: impl Fn(&E) -> Result<T>,
) -> Result<Option<T>> {
    GrowingBuffer::new().run(|mut buf| {
        let mut entry = MaybeUninit::<E>::uninit();
        let mut result: *mut E = ptr::null_mut();
        let mut h_errno: c_int = 0;
        let rc = call_r(|| {
            call(entry.as_mut_ptr(), buf.as_mut_ptr(), buf.len(), &mut result, &mut h_errno)
        });
        // Checked before h_errno, which musl leaves untouched on ERANGE.
        if rc == libc::ERANGE {
            return Attempt::TooSmall;
        }
        if rc == 0 {
            // SAFETY: on success `result` is NULL or points at the entry the call filled
            // in, whose pointers lead into `buf`, still borrowed here.
            if let Some(entry) = unsafe { read_entry(result) } {
                return Attempt::Done(convert(&entry).map(Some));
            }
        }
        // h_errno is meaningful only now, on failure: glibc may leave a stale
        // HOST_NOT_FOUND in it after a success.
        Attempt::Done(match h_errno {
            ffi::HOST_NOT_FOUND | ffi::NO_DATA => Ok(None),
            ffi::TRY_AGAIN => Err(Error::Host(HostError::TryAgain)),
            ffi::NO_RECOVERY => Err(Error::Host(HostError::NoRecovery)),
            _ if rc == 0 || rc == libc::ENOENT => Ok(None),
            _ => Err(io::Error::from_raw_os_error(rc).into()),
        })
    })
}

// bionic has no services `_r` functions.
#[cfg(any(netdb_backend = "reentrant", netdb_backend = "musl"))]
pub(crate) fn service_by_name(
    name: &CStr,
    protocol: Option<&CStr>,
) -> Result<Option<crate::service::Service>> {
    use super::c_strings::optional_ptr;
    use super::convert::service_from;
    let protocol = optional_ptr(protocol);
    lookup(
        &mut |entry, buf, len, result| {
            // SAFETY: name and protocol are NUL-terminated (or NULL) and outlive the
            // call; `lookup` passes an entry, a buffer of `len` bytes and a result slot.
            unsafe { ffi::getservbyname_r(name.as_ptr(), protocol, entry, buf, len, result) }
        },
        // SAFETY: `lookup` converts only an entry the call just filled in, and copies it
        // before it returns, while `name` and `protocol` are still borrowed: musl's
        // entry points at them (its `s_name` and only alias are the `name` argument
        // itself), not only into the buffer.
        |entry| unsafe { service_from(entry, Utf8Policy::Strict) },
    )
}

// bionic has no services `_r` functions.
#[cfg(any(netdb_backend = "reentrant", netdb_backend = "musl"))]
pub(crate) fn service_by_port(
    port: u16,
    protocol: Option<&CStr>,
) -> Result<Option<crate::service::Service>> {
    use super::c_strings::optional_ptr;
    use super::convert::service_from;
    let protocol = optional_ptr(protocol);
    // glibc wants the port as `htons(port)` widened to an int.
    let port = c_int::from(port.to_be());
    lookup(
        &mut |entry, buf, len, result| {
            // SAFETY: as in `service_by_name`.
            unsafe { ffi::getservbyport_r(port, protocol, entry, buf, len, result) }
        },
        // SAFETY: as in `service_by_name`: musl's `s_proto` is the `protocol` argument.
        |entry| unsafe { service_from(entry, Utf8Policy::Strict) },
    )
}

pub(crate) fn host_by_name(name: &CStr, family: AddressFamily) -> Result<Option<Host>> {
    let family = c_family(family);
    host_lookup(
        &mut |entry, buf, len, result, h_errno| {
            // SAFETY: `name` is NUL-terminated and outlives the call; `host_lookup`
            // passes an entry, a buffer of `len` bytes, a result and an h_errno slot.
            unsafe {
                ffi::gethostbyname2_r(name.as_ptr(), family, entry, buf, len, result, h_errno)
            }
        },
        // SAFETY: `host_lookup` converts only an entry the call just filled in.
        |entry| unsafe { host_from(entry, Utf8Policy::Strict) },
    )
}

pub(crate) fn host_by_addr(address: IpAddr) -> Result<Option<Host>> {
    let (octets, family): (Vec<u8>, c_int) = match address {
        IpAddr::V4(v4) => (v4.octets().to_vec(), AF_INET),
        IpAddr::V6(v6) => (v6.octets().to_vec(), AF_INET6),
    };
    let length = octets.len() as libc::socklen_t;
    host_lookup(
        &mut |entry, buf, len, result, h_errno| {
            // SAFETY: `octets` holds `length` bytes of an address of `family`; the rest
            // as in `host_by_name`.
            unsafe {
                ffi::gethostbyaddr_r(
                    octets.as_ptr().cast::<c_void>(),
                    length,
                    family,
                    entry,
                    buf,
                    len,
                    result,
                    h_errno,
                )
            }
        },
        // SAFETY: `host_lookup` converts only an entry the call just filled in.
        |entry| unsafe { host_from(entry, Utf8Policy::Strict) },
    )
}
