//! glibc's asynchronous `getaddrinfo_a`, for lookups a caller can stop waiting for.
//!
//! A request is submitted with `GAI_NOWAIT` and a `SIGEV_THREAD` notification: glibc's
//! resolver threads run the lookup, then glibc starts a thread that calls [`notify`],
//! which copies the answer out, frees glibc's list and hands the answer to the caller's
//! `done`. The request (its strings, its hints, its `gaicb`) lives in an `Arc` that the
//! notification holds a reference to, so it outlives the caller whatever the caller
//! does: a waiter that times out or is cancelled just lets go of its own reference, and
//! every request ends exactly once, in [`notify`], which frees its result list once.
//!
//! `gai_cancel` is bound (in `netdb-sys`) but deliberately not called: in glibc it
//! takes a request that has not started off the queue without freeing the notification
//! record `getaddrinfo_a` allocated for it (and without returning its queue entry to
//! the pool), so every cancelled lookup would leak. An abandoned lookup therefore runs
//! to its end, which the resolver's own timeout bounds, and `resolve.rs` bounds how many
//! may be in flight. `gai_suspend` is not needed either: the notification wakes blocking
//! waiters and futures alike.

use std::cell::UnsafeCell;
use std::ffi::{c_void, CString};
use std::io;
use std::ptr;
use std::sync::{Arc, Mutex, PoisonError};

use netdb_sys as ffi;

use super::c_strings::optional_ptr;
use super::unix::{addrinfo_error, c_hints, take_addrinfo_list};
use super::Done;
use crate::{AddrInfo, Hints, Result};

/// One `getaddrinfo_a` request and everything glibc reads while it runs.
struct Request {
    host: Option<CString>,
    service: Option<CString>,
    hints: ffi::addrinfo,
    /// Written by glibc's resolver thread (`ar_result`, `__return`), read by
    /// `gai_error` under glibc's own lock and by `notify` once glibc is done.
    control: UnsafeCell<ffi::gaicb>,
    done: Mutex<Option<Done>>,
}

// SAFETY: the strings and hints are never changed after submission; `control` is
// written only by glibc, which synchronises `gai_error` with its own mutex, and read by
// `notify` only after glibc finished with it; `done` is behind a mutex. The raw pointers inside `hints` and `control` lead only into this
// same request.
unsafe impl Send for Request {}
// SAFETY: as for `Send`: shared access goes through glibc's lock or the mutex.
unsafe impl Sync for Request {}

impl Request {
    /// Hands the answer to `done`, if nobody has yet.
    fn finish(&self, outcome: Result<Vec<AddrInfo>>) {
        let done = self.done.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(done) = done {
            done(outcome);
        }
    }
}

/// Submits the lookup; `done` gets its answer on glibc's notification thread, or at once
/// if glibc refuses the request.
pub(crate) fn start_lookup(
    host: Option<CString>,
    service: Option<CString>,
    hints: &Hints,
    done: Done,
) {
    let request = Arc::new(Request {
        host,
        service,
        hints: c_hints(hints),
        // SAFETY: gaicb is plain data; all-zero is an empty request.
        control: UnsafeCell::new(unsafe { std::mem::zeroed() }),
        done: Mutex::new(Some(done)),
    });
    let control = request.control.get();
    // SAFETY: nobody else sees the request yet. The pointers lead into the request
    // itself, whose contents the Arc never moves.
    unsafe {
        (*control).ar_name = optional_ptr(request.host.as_deref());
        (*control).ar_service = optional_ptr(request.service.as_deref());
        (*control).ar_request = &request.hints;
    }

    // The notification's own reference, released by `notify`.
    let for_notification = Arc::into_raw(Arc::clone(&request));
    // SAFETY: sigevent is plain data; all-zero is a valid start.
    let mut event: ffi::sigevent = unsafe { std::mem::zeroed() };
    event.sigev_notify = libc::SIGEV_THREAD;
    event.sigev_value.sival_ptr = for_notification.cast_mut().cast::<c_void>();
    event._sigev_un._sigev_thread._function = Some(notify);
    event._sigev_un._sigev_thread._attribute = ptr::null_mut();

    let mut list = [control];
    // SAFETY: `list` holds one valid gaicb whose strings and hints outlive the request
    // (the notification holds the Arc); `event` is read during the call only.
    let rc = unsafe { ffi::getaddrinfo_a(ffi::GAI_NOWAIT, list.as_mut_ptr(), 1, &mut event) };
    if rc != 0 {
        // Not queued: glibc will never notify.
        // SAFETY: the reference leaked above for the notification is released once.
        unsafe { drop(Arc::from_raw(for_notification)) };
        request.finish(Err(addrinfo_error(rc)));
    }
}

/// glibc's notification: the request is over, one way or another.
extern "C" fn notify(value: ffi::sigval) {
    // SAFETY: `sival_ptr` is the reference `start_lookup` leaked for this notification,
    // and glibc notifies once per queued request (the crate never cancels one).
    let request = unsafe { Arc::from_raw(value.sival_ptr.cast_const().cast::<Request>()) };
    let control = request.control.get();
    // SAFETY: glibc is done with the request: its answer is final.
    let code = unsafe { ffi::gai_error(control) };
    let outcome = match code {
        // SAFETY: on success glibc left its list in `ar_result`; nobody else frees it.
        0 => Ok(unsafe { take_addrinfo_list((*control).ar_result, request.hints.ai_flags) }),
        // errno belonged to glibc's resolver thread, not to this one.
        ffi::EAI_SYSTEM => Err(io::Error::other("getaddrinfo_a failed with EAI_SYSTEM").into()),
        code => Err(addrinfo_error(code)),
    };
    request.finish(outcome);
}
