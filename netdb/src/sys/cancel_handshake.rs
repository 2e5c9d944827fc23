//! Who ends a lookup that Windows' asynchronous resolver may complete while a cancel of
//! it is under way: the completion routine, or the thread that cancels. Used by
//! `windows_async`; portable, so that its tests run on every platform, and under the
//! thread and memory checkers.
//!
//! A cancel may call `GetAddrInfoExCancel` only while the lookup's handle is valid:
//! after `GetAddrInfoExW` returned it (PENDING) and before the routine starts. Once it
//! has claimed the handle (PENDING → CANCELLING), it calls the function with no lock
//! held, and the routine may run meanwhile: on another thread, or inside that call, on
//! the cancelling thread itself. Neither waits for the other, so no wait cycle can form
//! whatever Windows does inside `GetAddrInfoExCancel` (wait for a routine running
//! elsewhere, or run it there):
//!
//! - a routine that finds the handle not claimed ends the lookup at once;
//! - a routine that finds it claimed records its code and returns, and whichever of it
//!   and the returning cancel comes second ends the lookup: each sets its bit of
//!   `ending`, and the one that finds the other's bit already set is second.
//!
//! So the lookup's memory (its result list, its callers) is released exactly once, after
//! both are done with it. What this does not prevent, and cannot: a routine that
//! returned to Windows before the claimed cancel reached Windows lets Windows reuse the
//! handle for a newer lookup, which that cancel then stops. `windows_async` retries a
//! lookup of its own that ends cancelled though no cancel of its claimed it.

// Only Windows' backend uses it; its tests run everywhere.
#![cfg_attr(not(windows), allow(dead_code))]

use std::sync::atomic::{AtomicI32, AtomicU8, Ordering};

/// `GetAddrInfoExW` has not returned yet: the handle is not written.
const SUBMITTING: u8 = 0;
/// `GetAddrInfoExW` returned `WSA_IO_PENDING`: the handle is valid.
const PENDING: u8 = 1;
/// A cancel has claimed the handle (once, for good).
const CANCELLING: u8 = 2;
/// The routine has started, or the lookup ended without one: the handle must not be
/// used.
const COMPLETED: u8 = 3;

/// `ending`: the routine has run (and recorded its code).
const ROUTINE_RAN: u8 = 1;
/// `ending`: the claimed cancel has returned from `GetAddrInfoExCancel`.
const CANCEL_RETURNED: u8 = 2;

/// The state of one lookup's handle and ending.
#[derive(Debug)]
pub(crate) struct CancelHandshake {
    phase: AtomicU8,
    ending: AtomicU8,
    /// The routine's code, for a cancel that ends the lookup after it.
    code: AtomicI32,
}

/// What the completion routine is to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Routine {
    /// End the lookup with its code now. `cancel_claimed`: a cancel of ours claimed the
    /// handle (so an ending `WSA_E_CANCELLED` is ours).
    End { cancel_claimed: bool },
    /// Return at once: the cancel under way ends the lookup when it returns.
    LeaveToCancel,
}

impl CancelHandshake {
    pub(crate) const fn new() -> CancelHandshake {
        CancelHandshake {
            phase: AtomicU8::new(SUBMITTING),
            ending: AtomicU8::new(0),
            code: AtomicI32::new(0),
        }
    }

    /// After `GetAddrInfoExW` returned `WSA_IO_PENDING` and wrote the handle: a cancel
    /// may use it from now on, unless the routine has already run (then it stays over).
    pub(crate) fn submitted(&self) {
        let _ =
            self.phase.compare_exchange(SUBMITTING, PENDING, Ordering::Release, Ordering::Relaxed);
    }

    /// The lookup ended without a routine (`GetAddrInfoExW` did not return
    /// `WSA_IO_PENDING`): no cancel may claim it.
    pub(crate) fn ended_at_once(&self) {
        self.phase.store(COMPLETED, Ordering::Release);
    }

    /// Claims the handle for a cancel: true once, for the one cancel that may call
    /// `GetAddrInfoExCancel`, and then [`cancel_returned`](Self::cancel_returned) when
    /// that call returns. False before the handle is valid, after the routine started,
    /// and for every later cancel.
    pub(crate) fn claim_cancel(&self) -> bool {
        self.phase
            .compare_exchange(PENDING, CANCELLING, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }

    /// The routine starts, with its code: what it is to do.
    pub(crate) fn routine_runs(&self, code: i32) -> Routine {
        if self.phase.swap(COMPLETED, Ordering::AcqRel) != CANCELLING {
            return Routine::End { cancel_claimed: false };
        }
        self.code.store(code, Ordering::Relaxed);
        // Release: the code, for the cancel that reads the bit.
        if self.ending.fetch_or(ROUTINE_RAN, Ordering::AcqRel) & CANCEL_RETURNED != 0 {
            Routine::End { cancel_claimed: true }
        } else {
            Routine::LeaveToCancel
        }
    }

    /// The claimed cancel has returned: the routine's code, if the routine has run and
    /// left the ending to this cancel, which is then to end the lookup.
    pub(crate) fn cancel_returned(&self) -> Option<i32> {
        if self.ending.fetch_or(CANCEL_RETURNED, Ordering::AcqRel) & ROUTINE_RAN != 0 {
            Some(self.code.load(Ordering::Relaxed))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;
    use std::sync::Arc;

    use super::*;

    /// Only a pending lookup's handle is claimed, once.
    #[test]
    fn the_handle_is_claimed_only_while_pending_and_once() {
        let handshake = CancelHandshake::new();
        assert!(!handshake.claim_cancel(), "not yet pending");
        handshake.submitted();
        assert!(handshake.claim_cancel());
        assert!(!handshake.claim_cancel(), "claimed once");
        let over = CancelHandshake::new();
        over.ended_at_once();
        over.submitted();
        assert!(!over.claim_cancel(), "ended at once");
        let completed = CancelHandshake::new();
        completed.submitted();
        assert_eq!(completed.routine_runs(0), Routine::End { cancel_claimed: false });
        assert!(!completed.claim_cancel(), "the routine has started");
    }

    /// A routine that runs before `GetAddrInfoExW` has returned keeps the lookup over.
    #[test]
    fn a_routine_before_the_submission_returns_keeps_it_over() {
        let handshake = CancelHandshake::new();
        assert_eq!(handshake.routine_runs(0), Routine::End { cancel_claimed: false });
        handshake.submitted();
        assert!(!handshake.claim_cancel());
    }

    /// The routine inside the cancel call (Windows may run it there) leaves the ending
    /// to the cancel, which ends with the routine's code.
    #[test]
    fn a_routine_inside_the_cancel_leaves_the_ending_to_it() {
        let handshake = CancelHandshake::new();
        handshake.submitted();
        assert!(handshake.claim_cancel());
        assert_eq!(handshake.routine_runs(995), Routine::LeaveToCancel);
        assert_eq!(handshake.cancel_returned(), Some(995));
    }

    /// A routine that starts after the claimed cancel returned ends the lookup itself.
    #[test]
    fn a_routine_after_the_cancel_ends_it_itself() {
        let handshake = CancelHandshake::new();
        handshake.submitted();
        assert!(handshake.claim_cancel());
        assert_eq!(handshake.cancel_returned(), None);
        assert_eq!(handshake.routine_runs(995), Routine::End { cancel_claimed: true });
    }

    /// Cancels and routines on two threads, released at once, many times: exactly one
    /// of them ends each lookup, and neither ever waits for the other. A cancel that
    /// waits for the routine to have run on the other thread (as Windows may, inside
    /// `GetAddrInfoExCancel`) is among them: the routine must not wait for it.
    #[test]
    fn racing_cancels_and_routines_end_each_lookup_once() {
        let rounds = if cfg!(miri) { 50 } else { 20_000 };
        for round in 0..rounds {
            let handshake = Arc::new(CancelHandshake::new());
            handshake.submitted();
            let ended = Arc::new(AtomicUsize::new(0));
            let routine_done = Arc::new(AtomicUsize::new(0));
            let cancel_waits_for_routine = round % 2 == 0;
            let routine = {
                let (handshake, ended, routine_done) =
                    (Arc::clone(&handshake), Arc::clone(&ended), Arc::clone(&routine_done));
                std::thread::spawn(move || {
                    if let Routine::End { .. } = handshake.routine_runs(7) {
                        ended.fetch_add(1, Ordering::SeqCst);
                    }
                    routine_done.store(1, Ordering::SeqCst);
                })
            };
            if handshake.claim_cancel() {
                // Inside GetAddrInfoExCancel: perhaps wait for the routine elsewhere.
                while cancel_waits_for_routine && routine_done.load(Ordering::SeqCst) == 0 {
                    std::thread::yield_now();
                }
                if let Some(code) = handshake.cancel_returned() {
                    assert_eq!(code, 7);
                    ended.fetch_add(1, Ordering::SeqCst);
                }
            }
            routine.join().unwrap();
            assert_eq!(ended.load(Ordering::SeqCst), 1, "round {round}");
        }
    }
}
