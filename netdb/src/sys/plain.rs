//! What the backends over the plain (non-`_r`) functions share: `apple`, `locked`, and
//! where they use a plain function, `android` and `illumos`. Their host lookups are in
//! `plain_hosts`.
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

// illumos copies out only the entries `getipnodebyname` returns.
#![cfg_attr(netdb_backend = "illumos", allow(dead_code))]

use std::ffi::{c_char, c_int};
use std::mem::size_of;

use netdb_sys as ffi;

use super::c_strings::{c_bytes, read_entry, CStrList, PointerList};
use super::convert::{host_from, network_from, protocol_from, service_from};
use crate::buffer::MAX_BUFFER_SIZE;
use crate::decode::Utf8Policy;
use crate::error::{Error, Result};
use crate::host::Host;
use crate::network::Network;
use crate::protocol::Protocol;
use crate::service::Service;

/// A C database entry that can be measured and copied into its owned value.
pub(super) trait Entry: Copy {
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
    let Some(entry) = (unsafe { read_entry(entry) }) else {
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
