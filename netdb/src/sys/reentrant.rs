//! The reentrant `_r` functions of glibc and FreeBSD, which share one shape.
//!
//! Each `_r` function takes a caller-owned entry and buffer, returns 0 or an errno
//! value, and sets `*result` to the entry or NULL. They are MT-safe, so lookups run in
//! parallel without a lock. The enumerations (`getservent_r`, `getprotoent_r`) share
//! one stream per process, which a lock per database serialises.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::io;
use std::mem::MaybeUninit;
use std::net::{IpAddr, Ipv4Addr};
use std::ptr;
use std::sync::{Mutex, PoisonError};

use netdb_sys as ffi;

use super::c_strings::optional_ptr;
use super::convert::{host_from, network_from, protocol_from, service_from};
use super::unix::{c_family, AF_INET, AF_INET6};
use crate::buffer::{Attempt, GrowingBuffer};
use crate::decode::Utf8Policy;
use crate::{AddressFamily, Error, Host, Network, Protocol, Result, Service};

/// The shape of a glibc `_r` call once its keys are bound: entry, buffer, buffer
/// length, result pointer; returns 0 or an errno value.
type ReentrantCall<'k, E> = dyn FnMut(*mut E, *mut c_char, usize, *mut *mut E) -> c_int + 'k;

/// Runs one `_r` lookup with a buffer that grows on `ERANGE`, and converts the entry it
/// finds while the buffer its strings point into is still alive.
///
/// `call` must pass its four arguments unchanged to a glibc-shaped `_r` function.
fn lookup<E, T>(
    call: &mut ReentrantCall<'_, E>,
    convert: impl Fn(&E) -> Result<T>,
) -> Result<Option<T>> {
    GrowingBuffer::new().run(|buf| {
        let mut entry = MaybeUninit::<E>::uninit();
        let mut result: *mut E = ptr::null_mut();
        let rc = call(entry.as_mut_ptr(), buf.as_mut_ptr().cast(), buf.len(), &mut result);
        outcome(rc, result, &convert)
    })
}

/// Reads the `(return code, *result)` pair of a glibc-shaped `_r` call.
///
/// Not found is 0 with a NULL result in glibc, and `ENOENT` from the end of an
/// enumeration or from musl-like backends; both are `None`.
fn outcome<E, T>(
    rc: c_int,
    result: *mut E,
    convert: &impl Fn(&E) -> Result<T>,
) -> Attempt<Result<Option<T>>> {
    match rc {
        0 if result.is_null() => Attempt::Done(Ok(None)),
        // SAFETY: on success `result` points at the entry the call filled in, whose
        // pointers lead into the buffer the caller still holds.
        0 => Attempt::Done(convert(unsafe { &*result }).map(Some)),
        libc::ERANGE => Attempt::TooSmall,
        libc::ENOENT => Attempt::Done(Ok(None)),
        errno => Attempt::Done(Err(io::Error::from_raw_os_error(errno).into())),
    }
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
fn enumerate<E, T>(
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
        let found = buffer.run(|buf| {
            let mut entry = MaybeUninit::<E>::uninit();
            let mut result: *mut E = ptr::null_mut();
            let rc = next(entry.as_mut_ptr(), buf.as_mut_ptr().cast(), buf.len(), &mut result);
            outcome(rc, result, &convert)
        })?;
        match found {
            Some(entry) => entries.push(entry),
            None => return Ok(entries),
        }
    }
}

pub(crate) fn service_by_name(name: &CStr, protocol: Option<&CStr>) -> Result<Option<Service>> {
    let protocol = optional_ptr(protocol);
    lookup(
        &mut |entry, buf, len, result| {
            // SAFETY: name and protocol are NUL-terminated (or NULL) and outlive the
            // call; `lookup` passes an entry, a buffer of `len` bytes and a result slot.
            unsafe { ffi::getservbyname_r(name.as_ptr(), protocol, entry, buf, len, result) }
        },
        // SAFETY: `lookup` converts only an entry the call just filled in.
        |entry| unsafe { service_from(entry, Utf8Policy::Strict) },
    )
}

pub(crate) fn service_by_port(port: u16, protocol: Option<&CStr>) -> Result<Option<Service>> {
    let protocol = optional_ptr(protocol);
    // glibc wants the port as `htons(port)` widened to an int.
    let port = c_int::from(port.to_be());
    lookup(
        &mut |entry, buf, len, result| {
            // SAFETY: as in `service_by_name`.
            unsafe { ffi::getservbyport_r(port, protocol, entry, buf, len, result) }
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
    lookup(
        &mut |entry, buf, len, result| {
            // SAFETY: as in `service_by_name`.
            unsafe { ffi::getprotobyname_r(name.as_ptr(), entry, buf, len, result) }
        },
        // SAFETY: `lookup` converts only an entry the call just filled in.
        |entry| unsafe { protocol_from(entry, Utf8Policy::Strict) },
    )
}

pub(crate) fn protocol_by_number(number: i32) -> Result<Option<Protocol>> {
    lookup(
        &mut |entry, buf, len, result| {
            // SAFETY: as in `service_by_name`.
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

/// The shape of glibc's host and network `_r` calls once their keys are bound: entry,
/// buffer, buffer length, result pointer, h_errno slot; returns 0 or an errno value.
type HostShapedCall<'k, E> =
    dyn FnMut(*mut E, *mut c_char, usize, *mut *mut E, *mut c_int) -> c_int + 'k;

/// [`lookup`] for the calls that report through h_errno as well.
///
/// `call` must pass its five arguments unchanged to a glibc-shaped host or network
/// `_r` function.
fn host_lookup<E, T>(
    call: &mut HostShapedCall<'_, E>,
    convert: impl Fn(&E) -> Result<T>,
) -> Result<Option<T>> {
    GrowingBuffer::new().run(|buf| {
        let mut entry = MaybeUninit::<E>::uninit();
        let mut result: *mut E = ptr::null_mut();
        let mut h_errno: c_int = 0;
        let rc =
            call(entry.as_mut_ptr(), buf.as_mut_ptr().cast(), buf.len(), &mut result, &mut h_errno);
        if rc == libc::ERANGE {
            return Attempt::TooSmall;
        }
        if rc == 0 && !result.is_null() {
            // SAFETY: on success `result` points at the entry the call filled in, whose
            // pointers lead into `buf`, still borrowed here.
            return Attempt::Done(convert(unsafe { &*result }).map(Some));
        }
        // h_errno is meaningful only now, on failure: glibc may leave a stale
        // HOST_NOT_FOUND in it after a success.
        Attempt::Done(match h_errno {
            ffi::HOST_NOT_FOUND | ffi::NO_DATA => Ok(None),
            ffi::TRY_AGAIN => Err(Error::TryAgain),
            ffi::NO_RECOVERY => Err(Error::NoRecovery),
            _ if rc == 0 || rc == libc::ENOENT => Ok(None),
            _ => Err(io::Error::from_raw_os_error(rc).into()),
        })
    })
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

pub(crate) fn network_by_name(name: &CStr) -> Result<Option<Network>> {
    host_lookup(
        &mut |entry, buf, len, result, h_errno| {
            // SAFETY: as in `host_by_name`.
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
            // SAFETY: as in `host_by_name`; the number is passed by value.
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
