//! What the backends over the plain (non-`_r`) functions share: `apple` and `locked`.
//!
//! A plain function returns a pointer into storage the C library owns and overwrites
//! on a later call: of the same function on the same thread (macOS's libinfo), or of
//! any netdb function on any thread (a C library with static buffers). The helpers here
//! copy the entry out at once; the caller provides whatever keeps that storage
//! unchanged meanwhile, which is the backend's whole design.
//!
//! The C library sized that storage itself, so no buffer limit stopped a huge entry on
//! the way in. The same entries fail on every platform all the same: an entry that a
//! reentrant call could not fit in [`MAX_BUFFER_SIZE`] bytes is
//! [`Error::EntryTooLarge`] here too, measured before any of it is copied.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::mem::size_of;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};

use netdb_sys as ffi;

use super::c_strings::{c_bytes, CStrList, PointerList};
use super::convert::{host_from, network_from, protocol_from, service_from};
use super::unix::{c_family, AF_INET, AF_INET6};
use crate::buffer::MAX_BUFFER_SIZE;
use crate::decode::Utf8Policy;
use crate::error::HostError;
use crate::{AddressFamily, Error, Host, Network, Protocol, Result, Service};

/// A C database entry that can be measured and copied into its owned value.
pub(super) trait Entry {
    /// The owned value.
    type Owned;

    /// The bytes a reentrant (`_r`) call would need in its buffer for this entry: its
    /// strings with their NULs, its pointer arrays with their NULL ends, its addresses.
    ///
    /// # Safety
    /// The entry was returned by a successful call and its storage is unchanged.
    unsafe fn footprint(&self) -> usize;

    /// Copies the entry out.
    ///
    /// # Safety
    /// As for [`Entry::footprint`].
    unsafe fn copy(&self, policy: Utf8Policy) -> Result<Self::Owned>;
}

/// The bytes of a string with its NUL.
///
/// # Safety
/// `string` is NULL or a NUL-terminated string.
unsafe fn string_footprint(string: *const c_char) -> usize {
    // SAFETY: the caller's contract.
    unsafe { c_bytes(string) }.len() + 1
}

/// The bytes of a NULL-terminated array of strings: its pointers and their strings.
///
/// # Safety
/// `list` is NULL or a NULL-terminated array of NUL-terminated strings.
unsafe fn strings_footprint(list: *const *mut c_char) -> usize {
    // SAFETY: the caller's contract.
    let strings = unsafe { CStrList::new(list) };
    strings.fold(size_of::<*const c_char>(), |total, string| {
        total + size_of::<*const c_char>() + string.len() + 1
    })
}

impl Entry for ffi::servent {
    type Owned = Service;

    unsafe fn footprint(&self) -> usize {
        // SAFETY: the trait's contract: the entry's strings are valid.
        unsafe {
            string_footprint(self.s_name)
                + string_footprint(self.s_proto)
                + strings_footprint(self.s_aliases)
        }
    }

    unsafe fn copy(&self, policy: Utf8Policy) -> Result<Service> {
        // SAFETY: the trait's contract is `service_from`'s.
        unsafe { service_from(self, policy) }
    }
}

impl Entry for ffi::protoent {
    type Owned = Protocol;

    unsafe fn footprint(&self) -> usize {
        // SAFETY: as for `servent`.
        unsafe { string_footprint(self.p_name) + strings_footprint(self.p_aliases) }
    }

    unsafe fn copy(&self, policy: Utf8Policy) -> Result<Protocol> {
        // SAFETY: the trait's contract is `protocol_from`'s.
        unsafe { protocol_from(self, policy) }
    }
}

impl Entry for ffi::hostent {
    type Owned = Host;

    unsafe fn footprint(&self) -> usize {
        // SAFETY: as for `servent`; `h_addr_list` is a NULL-terminated array of
        // pointers to `h_length` bytes each.
        let addresses = unsafe { PointerList::new(self.h_addr_list) }.count();
        let address_length = usize::try_from(self.h_length).unwrap_or(0);
        // SAFETY: as above.
        let strings = unsafe { string_footprint(self.h_name) + strings_footprint(self.h_aliases) };
        strings + (addresses + 1) * size_of::<*const c_char>() + addresses * address_length
    }

    unsafe fn copy(&self, policy: Utf8Policy) -> Result<Host> {
        // SAFETY: the trait's contract is `host_from`'s.
        unsafe { host_from(self, policy) }
    }
}

impl Entry for ffi::netent {
    type Owned = Network;

    unsafe fn footprint(&self) -> usize {
        // SAFETY: as for `servent`.
        unsafe { string_footprint(self.n_name) + strings_footprint(self.n_aliases) }
    }

    unsafe fn copy(&self, policy: Utf8Policy) -> Result<Network> {
        // SAFETY: the trait's contract is `network_from`'s.
        unsafe { network_from(self, policy) }
    }
}

/// The entry a plain function returned, copied out: `None` for NULL, "not found".
///
/// # Safety
/// `entry` is NULL or was just returned by a plain function, and the caller keeps its
/// storage unchanged until this returns.
pub(super) unsafe fn copy_out<E: Entry>(
    entry: *const E,
    policy: Utf8Policy,
) -> Result<Option<E::Owned>> {
    // SAFETY: the caller's contract: NULL or a valid entry.
    let Some(entry) = (unsafe { entry.as_ref() }) else {
        return Ok(None);
    };
    // SAFETY: as above, for both calls.
    if unsafe { entry.footprint() } > MAX_BUFFER_SIZE {
        return Err(Error::EntryTooLarge { limit: MAX_BUFFER_SIZE });
    }
    // SAFETY: as above.
    unsafe { entry.copy(policy) }.map(Some)
}

/// Ends an enumeration with `end*ent` when dropped, even if copying an entry failed.
struct Stream {
    close: unsafe extern "C" fn(),
}

impl Drop for Stream {
    fn drop(&mut self) {
        // SAFETY: end*ent takes no arguments and only closes the database's stream; the
        // caller of `enumerate` still serialises it.
        unsafe { (self.close)() };
    }
}

/// Reads a whole database through `set*ent(0)`, `get*ent` until NULL, and `end*ent`,
/// copying each entry before the next call overwrites it.
///
/// # Safety
/// The caller serialises the database's stream for the whole call, and keeps each
/// entry's storage unchanged until the next `get*ent`: nothing else of the process may
/// use the stream or that storage meanwhile.
pub(super) unsafe fn enumerate<E: Entry>(
    open: unsafe extern "C" fn(c_int),
    next: unsafe extern "C" fn() -> *mut E,
    close: unsafe extern "C" fn(),
    policy: Utf8Policy,
) -> Result<Vec<E::Owned>> {
    // SAFETY: set*ent(0) only rewinds the stream, which the caller serialises.
    unsafe { open(0) };
    let _stream = Stream { close };
    let mut entries = Vec::new();
    loop {
        // SAFETY: get*ent takes no arguments; the caller serialises the stream, and the
        // entry is copied out below before the next call.
        let entry = unsafe { next() };
        // SAFETY: `entry` was just returned, and the caller keeps it unchanged.
        match unsafe { copy_out(entry, policy) }? {
            Some(owned) => entries.push(owned),
            None => return Ok(entries),
        }
    }
}

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
    let length = octets.len() as libc::socklen_t;
    // SAFETY: `octets` holds `length` bytes of an address of `family`.
    host_lookup_holding(lock, || unsafe {
        ffi::gethostbyaddr(octets.as_ptr().cast::<c_void>(), length, family)
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
        // SAFETY: h_errno() only reads the C library's h_errno. Every host lookup of this
        // crate holds `lock`, so none can have changed it since `call` set it; C code
        // outside this crate can, which at worst misclassifies this failure.
        return host_failure(unsafe { ffi::h_errno() }, errno);
    }
    // SAFETY: a non-NULL entry was just returned; the lock keeps this crate's other
    // lookups from rewriting its storage (a static buffer, or the thread's slot on
    // macOS) until it is copied out here.
    unsafe { copy_out(entry, Utf8Policy::Strict) }
}

/// What a NULL from a plain host lookup means, given the `h_errno` it left and the
/// errno read right after it.
fn host_failure(h_errno: c_int, errno: std::io::Error) -> Result<Option<Host>> {
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
