//! illumos: the Solaris-shaped reentrant functions.
//!
//! illumos has an `_r` form of every lookup but `gethostbyname2`, in Solaris' shape
//! (see `PLATFORMS.md`): `struct X *f(keys..., struct X *result, char *buffer, int
//! buflen)` returns the entry or NULL, with errno `ERANGE` when the buffer is too
//! small; the host ones also report through an `int *h_errnop`. They are MT-safe, so
//! lookups run in parallel with the buffer of `crate::buffer` that grows on `ERANGE`.
//! The enumerations share one stream per database, which a lock per database
//! serialises, as in `reentrant`.
//!
//! A host's IPv6 addresses by name come from `getipnodebyname(name, AF_INET6, 0,
//! &error)` (RFC 2553), illumos' thread-safe stand-in for the `gethostbyname2_r` it
//! lacks: it returns an entry of its own, copied out and freed with `freehostent`.
//!
//! The functions live in libsocket and libnsl, which netdb-sys links.

use std::ffi::{c_char, c_int, c_long, CStr};
use std::io;
use std::mem::MaybeUninit;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Mutex, PoisonError};

use netdb_sys as ffi;

use super::c_strings::{optional_ptr, read_entry};
use super::convert::{host_from, network_from, protocol_from, service_from};
use super::plain::copy_out;
use super::unix::{set_errno, AF_INET, AF_INET6};
use crate::buffer::{Attempt, CBuffer, GrowingBuffer};
use crate::decode::Utf8Policy;
use crate::error::HostError;
use crate::error::{Error, Result};
use crate::host::{AddressFamily, Host};
use crate::network::Network;
use crate::protocol::Protocol;
use crate::service::Service;

/// The shape of a Solaris `_r` call once its keys are bound: entry, buffer, buffer
/// length; returns the entry or NULL.
type SolarisCall<'k, E> = dyn FnMut(*mut E, *mut c_char, c_int) -> *mut E + 'k;

/// The shape of the host ones: entry, buffer, buffer length, h_errno slot.
type SolarisHostCall<'k, E> = dyn FnMut(*mut E, *mut c_char, c_int, *mut c_int) -> *mut E + 'k;

/// The buffer's length as the `int` these functions take. The buffer never grows past
/// `MAX_BUFFER_SIZE` (1 MiB), far below `INT_MAX`.
fn int_length(buf: &CBuffer<'_>) -> c_int {
    c_int::try_from(buf.len()).unwrap_or(c_int::MAX)
}

/// Whether the call that just returned NULL left `ERANGE` in errno: the buffer was too
/// small.
fn buffer_too_small() -> bool {
    io::Error::last_os_error().raw_os_error() == Some(libc::ERANGE)
}

/// Runs one Solaris-shaped call with `buf`: found, not found, or too small.
fn attempt<E: Copy, T>(
    call: &mut SolarisCall<'_, E>,
    mut buf: CBuffer<'_>,
    convert: &impl Fn(&E) -> Result<T>,
) -> Attempt<Result<Option<T>>> {
    let mut entry = MaybeUninit::<E>::uninit();
    // errno says why a NULL came back; only this call's errno counts.
    set_errno(0);
    let length = int_length(&buf);
    let found = call(entry.as_mut_ptr(), buf.as_mut_ptr(), length);
    // SAFETY: the result is NULL or points at the entry the call filled in, whose
    // pointers lead into `buf`, still borrowed here.
    if let Some(found) = unsafe { read_entry(found) } {
        return Attempt::Done(convert(&found).map(Some));
    }
    if buffer_too_small() {
        Attempt::TooSmall
    } else {
        // Not found, or the end of the database.
        Attempt::Done(Ok(None))
    }
}

/// Runs one Solaris-shaped lookup with a buffer that grows on `ERANGE`, and converts the
/// entry it finds while the buffer is alive.
fn lookup<E: Copy, T>(
    call: &mut SolarisCall<'_, E>,
    convert: impl Fn(&E) -> Result<T>,
) -> Result<Option<T>> {
    GrowingBuffer::new().run(|buf| attempt(call, buf, &convert))
}

/// [`lookup`] for the host calls, which say why they found nothing in `*h_errnop`.
fn host_lookup<E: Copy, T>(
    call: &mut SolarisHostCall<'_, E>,
    convert: impl Fn(&E) -> Result<T>,
) -> Result<Option<T>> {
    GrowingBuffer::new().run(|mut buf| {
        let mut entry = MaybeUninit::<E>::uninit();
        let mut h_errno: c_int = 0;
        set_errno(0);
        let length = int_length(&buf);
        let found = call(entry.as_mut_ptr(), buf.as_mut_ptr(), length, &mut h_errno);
        // SAFETY: as in `attempt`.
        if let Some(found) = unsafe { read_entry(found) } {
            return Attempt::Done(convert(&found).map(Some));
        }
        // Checked before h_errno, which says nothing of the buffer.
        if buffer_too_small() {
            return Attempt::TooSmall;
        }
        Attempt::Done(host_failure(h_errno))
    })
}

/// What an `h_errno` value from a failed host lookup means.
fn host_failure<T>(h_errno: c_int) -> Result<Option<T>> {
    match h_errno {
        ffi::TRY_AGAIN => Err(Error::Host(HostError::TryAgain)),
        ffi::NO_RECOVERY => Err(Error::Host(HostError::NoRecovery)),
        // "See errno": a system error, unless errno holds none or only says that a
        // database file is missing, which is an empty database, not a failure.
        ffi::NETDB_INTERNAL => {
            let errno = io::Error::last_os_error();
            match errno.raw_os_error() {
                Some(0) | Some(libc::ENOENT) | None => Ok(None),
                Some(_) => Err(errno.into()),
            }
        }
        // HOST_NOT_FOUND, NO_DATA, or a value that explains nothing.
        _ => Ok(None),
    }
}

/// Reads a whole database through its `get*ent_r` function, under `lock`, with the
/// database's set and end functions around it.
fn enumerate<E: Copy, T>(
    lock: &Mutex<()>,
    open: unsafe extern "C" fn(c_int) -> c_int,
    close: unsafe extern "C" fn() -> c_int,
    next: &mut SolarisCall<'_, E>,
    convert: impl Fn(&E) -> Result<T>,
) -> Result<Vec<T>> {
    /// Closes the stream when dropped, even if reading it failed.
    struct Close(unsafe extern "C" fn() -> c_int);
    impl Drop for Close {
        fn drop(&mut self) {
            // SAFETY: end*ent only closes the database's stream, still under the lock.
            unsafe { (self.0)() };
        }
    }
    // The lock guards no Rust data, only the C stream, which is rewound below, so a
    // panic elsewhere while it was held leaves nothing to repair.
    let _serialised = lock.lock().unwrap_or_else(PoisonError::into_inner);
    // SAFETY: set*ent(0) only rewinds the database's stream, which the lock serialises.
    unsafe { open(0) };
    let _close = Close(close);
    let mut buffer = GrowingBuffer::new();
    let mut entries = Vec::new();
    while let Some(entry) = buffer.run(|buf| attempt(next, buf, &convert))? {
        entries.push(entry);
    }
    Ok(entries)
}

// --- services -----------------------------------------------------------------------

pub(crate) fn service_by_name(name: &CStr, protocol: Option<&CStr>) -> Result<Option<Service>> {
    let protocol = optional_ptr(protocol);
    lookup(
        &mut |entry, buf, len| {
            // SAFETY: name and protocol are NUL-terminated (or NULL) and outlive the
            // call; `lookup` passes an entry and a buffer of `len` bytes.
            unsafe { ffi::getservbyname_r(name.as_ptr(), protocol, entry, buf, len) }
        },
        // SAFETY: `lookup` converts only an entry the call just filled in.
        |entry| unsafe { service_from(entry, Utf8Policy::Strict) },
    )
}

pub(crate) fn service_by_port(port: u16, protocol: Option<&CStr>) -> Result<Option<Service>> {
    let protocol = optional_ptr(protocol);
    // The port goes in as `htons(port)` widened to an int.
    let port = c_int::from(port.to_be());
    lookup(
        &mut |entry, buf, len| {
            // SAFETY: as in `service_by_name`.
            unsafe { ffi::getservbyport_r(port, protocol, entry, buf, len) }
        },
        // SAFETY: `lookup` converts only an entry the call just filled in.
        |entry| unsafe { service_from(entry, Utf8Policy::Strict) },
    )
}

static SERVICES_STREAM: Mutex<()> = Mutex::new(());

pub(crate) fn all_services(policy: Utf8Policy) -> Result<Vec<Service>> {
    enumerate(
        &SERVICES_STREAM,
        ffi::setservent,
        ffi::endservent,
        &mut |entry, buf, len| {
            // SAFETY: `enumerate` passes an entry and a buffer of `len` bytes, and holds
            // the services stream's lock.
            unsafe { ffi::getservent_r(entry, buf, len) }
        },
        // SAFETY: `enumerate` converts only an entry the call just filled in.
        |entry| unsafe { service_from(entry, policy) },
    )
}

// --- protocols ----------------------------------------------------------------------

pub(crate) fn protocol_by_name(name: &CStr) -> Result<Option<Protocol>> {
    lookup(
        &mut |entry, buf, len| {
            // SAFETY: as in `service_by_name`.
            unsafe { ffi::getprotobyname_r(name.as_ptr(), entry, buf, len) }
        },
        // SAFETY: `lookup` converts only an entry the call just filled in.
        |entry| unsafe { protocol_from(entry, Utf8Policy::Strict) },
    )
}

pub(crate) fn protocol_by_number(number: i32) -> Result<Option<Protocol>> {
    lookup(
        &mut |entry, buf, len| {
            // SAFETY: as in `service_by_name`; the number is passed by value.
            unsafe { ffi::getprotobynumber_r(number, entry, buf, len) }
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
        &mut |entry, buf, len| {
            // SAFETY: as in `all_services`, for the protocols stream.
            unsafe { ffi::getprotoent_r(entry, buf, len) }
        },
        // SAFETY: `enumerate` converts only an entry the call just filled in.
        |entry| unsafe { protocol_from(entry, policy) },
    )
}

// --- hosts --------------------------------------------------------------------------

pub(crate) fn host_by_name(name: &CStr, family: AddressFamily) -> Result<Option<Host>> {
    match family {
        AddressFamily::Inet => host_lookup(
            &mut |entry, buf, len, h_errno| {
                // SAFETY: `name` is NUL-terminated and outlives the call; `host_lookup`
                // passes an entry, a buffer of `len` bytes and an h_errno slot.
                unsafe { ffi::gethostbyname_r(name.as_ptr(), entry, buf, len, h_errno) }
            },
            // SAFETY: `host_lookup` converts only an entry the call just filled in.
            |entry| unsafe { host_from(entry, Utf8Policy::Strict) },
        ),
        AddressFamily::Inet6 => ipv6_host_by_name(name),
    }
}

/// Frees what `getipnodebyname` returned when dropped, on every path.
struct IpNodeEntry(*mut ffi::hostent);

impl Drop for IpNodeEntry {
    fn drop(&mut self) {
        // SAFETY: the pointer is a non-NULL result of getipnodebyname, freed only here.
        unsafe { ffi::freehostent(self.0) };
    }
}

/// A host's IPv6 addresses by name, with `getipnodebyname`.
fn ipv6_host_by_name(name: &CStr) -> Result<Option<Host>> {
    let mut error: c_int = 0;
    // SAFETY: `name` is NUL-terminated and outlives the call; no flags (no mapped IPv4
    // addresses); `error` is valid for writes.
    let entry = unsafe { ffi::getipnodebyname(name.as_ptr(), AF_INET6, 0, &mut error) };
    if entry.is_null() {
        return host_failure(error);
    }
    let entry = IpNodeEntry(entry);
    // SAFETY: the entry was allocated for this call alone and stays valid until
    // `freehostent`, which runs only when `entry` drops, after the copy.
    unsafe { copy_out(entry.0.cast_const(), Utf8Policy::Strict) }
}

pub(crate) fn host_by_addr(address: IpAddr) -> Result<Option<Host>> {
    let (octets, family): (Vec<u8>, c_int) = match address {
        IpAddr::V4(v4) => (v4.octets().to_vec(), AF_INET),
        IpAddr::V6(v6) => (v6.octets().to_vec(), AF_INET6),
    };
    let length = octets.len() as c_int;
    host_lookup(
        &mut |entry, buf, len, h_errno| {
            // SAFETY: `octets` holds `length` bytes of an address of `family`; the rest
            // as in `host_by_name`.
            unsafe {
                ffi::gethostbyaddr_r(
                    octets.as_ptr().cast(),
                    length,
                    family,
                    entry,
                    buf,
                    len,
                    h_errno,
                )
            }
        },
        // SAFETY: `host_lookup` converts only an entry the call just filled in.
        |entry| unsafe { host_from(entry, Utf8Policy::Strict) },
    )
}

static HOSTS_STREAM: Mutex<()> = Mutex::new(());

pub(crate) fn all_hosts(policy: Utf8Policy) -> Result<Vec<Host>> {
    enumerate(
        &HOSTS_STREAM,
        ffi::sethostent,
        ffi::endhostent,
        &mut |entry, buf, len| {
            // The end of the database is NULL; h_errno adds nothing to it.
            let mut h_errno = 0;
            // SAFETY: as in `all_services`, for the hosts stream, with an h_errno slot.
            unsafe { ffi::gethostent_r(entry, buf, len, &mut h_errno) }
        },
        // SAFETY: `enumerate` converts only an entry the call just filled in.
        |entry| unsafe { host_from(entry, policy) },
    )
}

// --- networks -----------------------------------------------------------------------

pub(crate) fn network_by_name(name: &CStr) -> Result<Option<Network>> {
    lookup(
        &mut |entry, buf, len| {
            // SAFETY: as in `service_by_name`.
            unsafe { ffi::getnetbyname_r(name.as_ptr(), entry, buf, len) }
        },
        // SAFETY: `lookup` converts only an entry the call just filled in.
        |entry| unsafe { network_from(entry, Utf8Policy::Strict) },
    )
}

pub(crate) fn network_by_addr(address: Ipv4Addr) -> Result<Option<Network>> {
    // The number in host order, in the `long` the reentrant form takes.
    let number = c_long::from(u32::from(address));
    lookup(
        &mut |entry, buf, len| {
            // SAFETY: as in `service_by_name`; the number is passed by value.
            unsafe { ffi::getnetbyaddr_r(number, AF_INET, entry, buf, len) }
        },
        // SAFETY: `lookup` converts only an entry the call just filled in.
        |entry| unsafe { network_from(entry, Utf8Policy::Strict) },
    )
}

static NETWORKS_STREAM: Mutex<()> = Mutex::new(());

pub(crate) fn all_networks(policy: Utf8Policy) -> Result<Vec<Network>> {
    enumerate(
        &NETWORKS_STREAM,
        ffi::setnetent,
        ffi::endnetent,
        &mut |entry, buf, len| {
            // SAFETY: as in `all_services`, for the networks stream.
            unsafe { ffi::getnetent_r(entry, buf, len) }
        },
        // SAFETY: `enumerate` converts only an entry the call just filled in.
        |entry| unsafe { network_from(entry, policy) },
    )
}
