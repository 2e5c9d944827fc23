//! Lookups a caller can stop waiting for, where the C library has no asynchronous
//! `getaddrinfo`: each runs the blocking `getaddrinfo` on a thread of its own.
//!
//! The thread cannot be interrupted: a caller that times out or cancels stops waiting at
//! once, and the thread finishes its lookup, frees it and ends. How many such threads
//! exist is bounded by the caller (`resolve.rs` allows `MAX_PENDING_LOOKUPS`).

use std::ffi::CString;
use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use super::Done;
use crate::Hints;

/// Starts the lookup on a new thread; `done` gets its answer there, or at once if no
/// thread can be started.
pub(crate) fn start_lookup(
    host: Option<CString>,
    service: Option<CString>,
    hints: &Hints,
    done: Done,
) {
    let hints = *hints;
    // Shared so that `done` can still be called here if the thread never starts.
    let done = Arc::new(Mutex::new(Some(done)));
    let for_thread = Arc::clone(&done);
    let take =
        |slot: &Mutex<Option<Done>>| slot.lock().unwrap_or_else(PoisonError::into_inner).take();
    let spawned = std::thread::Builder::new().name("netdb-resolver".into()).spawn(move || {
        let outcome = super::getaddrinfo(host.as_deref(), service.as_deref(), &hints);
        if let Some(done) = take(&for_thread) {
            done(outcome);
        }
    });
    if let Err(error) = spawned {
        if let Some(done) = take(&done) {
            done(Err(io::Error::new(
                error.kind(),
                format!("cannot start a resolver thread: {error}"),
            )
            .into()));
        }
    }
}
