//! The services lookups of the C libraries that keep each plain lookup's result per
//! thread: Apple's libinfo (for every database) and Android's bionic (for services,
//! the one database it has besides hosts).
//!
//! Such a C library needs no `_r` functions: the entry a plain lookup returns stays
//! valid and unchanged until the *same thread* makes another lookup of that kind. So
//! lookups run in parallel without a lock: call, then copy the entry out at once, on
//! the same thread, before any other netdb call.
//!
//! The enumeration (`getservent`) is serialised behind a lock all the same. These C
//! libraries keep its stream per thread as well, but that is not part of the documented
//! contract, which is POSIX's single stream per process; the lock costs nothing
//! measurable and holds the code to that contract.

use std::ffi::{c_int, CStr};
use std::sync::{Mutex, PoisonError};

use netdb_sys as ffi;

use super::c_strings::optional_ptr;
use super::plain::{copy_out, enumerate};
use crate::decode::Utf8Policy;
use crate::error::Result;
use crate::service::Service;

pub(crate) fn service_by_name(name: &CStr, protocol: Option<&CStr>) -> Result<Option<Service>> {
    // SAFETY: name and protocol are NUL-terminated (or NULL) and outlive the call. The C
    // library keeps the entry in this thread's slot for service lookups, unchanged until
    // this thread's next one; `copy_out` copies it at once, before this thread makes any
    // other call.
    unsafe {
        let entry = ffi::getservbyname(name.as_ptr(), optional_ptr(protocol));
        copy_out(entry, Utf8Policy::Strict)
    }
}

pub(crate) fn service_by_port(port: u16, protocol: Option<&CStr>) -> Result<Option<Service>> {
    // The port goes in as `htons(port)` widened to an int.
    let port = c_int::from(port.to_be());
    // SAFETY: as in `service_by_name`: the entry is this thread's until its next service
    // lookup, and is copied out at once.
    unsafe { copy_out(ffi::getservbyport(port, optional_ptr(protocol)), Utf8Policy::Strict) }
}

static SERVICES_STREAM: Mutex<()> = Mutex::new(());

pub(crate) fn all_services(policy: Utf8Policy) -> Result<Vec<Service>> {
    // The lock guards no Rust data, only the C library's stream, which `enumerate`
    // rewinds: a panic while it was held leaves nothing to repair.
    let _serialised = SERVICES_STREAM.lock().unwrap_or_else(PoisonError::into_inner);
    // SAFETY: the lock serialises the services stream; the C library keeps each entry
    // in this thread's slot until the next `getservent`, and `enumerate` copies it at
    // once.
    unsafe { enumerate(ffi::setservent, ffi::getservent, ffi::endservent, policy) }
}
