//! Host lookups with the plain functions, serialised: `apple` and `locked`.
//!
//! A plain host function reports why it found nothing in `h_errno`, which is one
//! process-wide variable on macOS and NetBSD (and static storage holds the entry on
//! NetBSD and any C library `locked` serves). So each lookup holds a lock across the
//! call, the read of `h_errno` and the copy of the entry: no host lookup of this crate
//! can overwrite either meanwhile.

use std::ffi::{c_int, CStr};
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};

use netdb_sys as ffi;

use super::plain::copy_out;
use super::unix::{c_family, AF_INET, AF_INET6};
use crate::decode::Utf8Policy;
use crate::error::Result;
#[cfg(netdb_h_errno)]
use crate::error::{Error, HostError};
use crate::host::{AddressFamily, Host};

/// Looks a host up by name with the plain `gethostbyname2`, holding `lock` across the
/// call, the read of `h_errno` and the copy, so that no other host lookup of this crate
/// can overwrite either meanwhile.
pub(super) fn host_by_name_holding(
    lock: &Mutex<()>,
    name: &CStr,
    family: AddressFamily,
) -> Result<Option<Host>> {
    let family = c_family(family);
    // SAFETY: `name` is NUL-terminated and outlives the call.
    host_lookup_holding(lock, || unsafe { ffi::gethostbyname2(name.as_ptr(), family) })
}

/// [`host_by_name_holding`] for `gethostbyaddr`.
pub(super) fn host_by_addr_holding(lock: &Mutex<()>, address: IpAddr) -> Result<Option<Host>> {
    let (octets, family): (Vec<u8>, c_int) = match address {
        IpAddr::V4(v4) => (v4.octets().to_vec(), AF_INET),
        IpAddr::V6(v6) => (v6.octets().to_vec(), AF_INET6),
    };
    let length = octets.len();
    // SAFETY: `octets` holds `length` bytes of an address of `family`. (The C type of the
    // address and its length differ: `const void *` and `socklen_t` on most systems.)
    host_lookup_holding(lock, || unsafe {
        ffi::gethostbyaddr(octets.as_ptr().cast(), length as _, family)
    })
}

/// Runs a plain host lookup under `lock`; on NULL, reads why from `h_errno` (and errno)
/// before letting go of it.
fn host_lookup_holding(
    lock: &Mutex<()>,
    call: impl FnOnce() -> *mut ffi::hostent,
) -> Result<Option<Host>> {
    // The lock guards no Rust data, only the C library's storage, which the next call
    // rewrites anyway: a panic while it was held leaves nothing to repair.
    let _serialised = lock.lock().unwrap_or_else(PoisonError::into_inner);
    let entry = call();
    if entry.is_null() {
        let errno = std::io::Error::last_os_error();
        return why_host_lookup_failed(errno);
    }
    // SAFETY: a non-NULL entry was just returned; the lock keeps this crate's other
    // lookups from rewriting its storage (a static buffer, or the thread's slot on
    // macOS) until it is copied out here.
    unsafe { copy_out(entry, Utf8Policy::Strict) }
}

/// What a NULL from a plain host lookup means, given the errno read right after it:
/// `h_errno` says, read while the caller still holds the lock its call was made under.
#[cfg(netdb_h_errno)]
fn why_host_lookup_failed(errno: std::io::Error) -> Result<Option<Host>> {
    // SAFETY: h_errno() only reads the C library's h_errno. Every host lookup of this
    // crate holds the caller's lock, so none can have changed it since the failed call
    // set it; C code outside this crate can, which at worst misclassifies this failure.
    let h_errno = unsafe { ffi::h_errno() };
    match h_errno {
        ffi::TRY_AGAIN => Err(Error::Host(HostError::TryAgain)),
        ffi::NO_RECOVERY => Err(Error::Host(HostError::NoRecovery)),
        // "See errno": a system error, unless errno holds none or only says that a
        // database file is missing, which is an empty database, not a failure.
        ffi::NETDB_INTERNAL => match errno.raw_os_error() {
            Some(0) | Some(libc::ENOENT) | None => Ok(None),
            Some(_) => Err(errno.into()),
        },
        // HOST_NOT_FOUND, NO_DATA, or a value that explains nothing.
        _ => Ok(None),
    }
}

/// What a NULL from a plain host lookup means where netdb-sys cannot read this C
/// library's `h_errno`: nobody can say whether the name does not exist or the lookup
/// failed (`TRY_AGAIN`), and "not found" would be a guess, so it is an error of kind
/// `Unsupported`. A lookup that finds the host still returns it.
#[cfg(not(netdb_h_errno))]
fn why_host_lookup_failed(_errno: std::io::Error) -> Result<Option<Host>> {
    Err(super::unsupported(
        "the host lookup found nothing, and netdb cannot read this C library's h_errno to \
         tell a name that does not exist from a lookup that failed; getaddrinfo reports \
         both",
    ))
}

/// Where netdb-sys cannot read `h_errno` (CI builds this with `--cfg netdb_force_locked
/// --cfg netdb_force_no_h_errno` on glibc): what is found is returned, a miss says why
/// it cannot be told apart from a failure.
#[cfg(all(test, not(netdb_h_errno)))]
mod tests {
    use super::*;

    #[test]
    fn a_host_found_is_returned_and_a_miss_is_unsupported() {
        let lock = Mutex::new(());
        let found = host_by_name_holding(&lock, c"localhost", AddressFamily::Inet).unwrap();
        assert!(found.is_some_and(|host| !host.addresses.is_empty()));
        let missing = host_by_name_holding(&lock, c"nosuchname.invalid", AddressFamily::Inet);
        match missing {
            Err(crate::Error::Io(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                assert!(e.to_string().contains("h_errno"), "{e}")
            }
            other => panic!("expected Io(Unsupported), got {other:?}"),
        }
    }
}
