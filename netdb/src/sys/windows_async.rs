//! Windows' asynchronous `GetAddrInfoExW`, for lookups a caller can stop waiting for and
//! cancel.
//!
//! # A lookup
//! [`start_lookup`] calls `GetAddrInfoExW` with an `OVERLAPPED` and a completion routine,
//! [`complete`], and returns at once. Windows resolves the name on threads of its own,
//! then calls the routine once, on a thread of its thread pool. The routine copies the
//! answer out (the `ADDRINFOEXW` list into owned [`AddrInfo`] values, the UTF-16 canonical
//! names into `String`s), frees the list with `FreeAddrInfoExW` and hands the answer to
//! the caller's `done`. Errors are mapped as `windows.rs` maps `getaddrinfo`'s (the WSA
//! code and Windows' text for it), except `WSA_E_CANCELLED` (and `WSAECANCELLED`), which
//! are [`Error::Cancelled`].
//!
//! When `GetAddrInfoExW` returns anything but `WSA_IO_PENDING`, the lookup is over before
//! it began (an answer, or an error such as a name that cannot be encoded) and Windows
//! does not call the routine (the documented contract, which .NET's resolver relies on
//! too): [`start_lookup`] then delivers the answer itself. The namespace is `NS_ALL`,
//! every provider, as `getaddrinfo` asks; names go to Windows as UTF-16.
//!
//! # Ownership
//! Everything Windows reads or writes while a lookup runs, the UTF-16 name and service,
//! the hints, the `OVERLAPPED`, the result slot (`ppResult`) and the cancel handle, lives
//! in one [`Request`] in an `Arc`. One reference is leaked for the
//! completion routine before the call and taken back by the routine (or by
//! [`start_lookup`] when the routine will not run), so the request outlives the call
//! whatever the caller does; the [`PendingLookup`] the caller keeps for cancelling holds
//! another. The routine receives nothing but the `OVERLAPPED` pointer: the `OVERLAPPED` is
//! the request's first field (`#[repr(C)]`), so that pointer is the request's. (`hEvent`
//! cannot carry it: `GetAddrInfoExW` wants it NULL when there is a completion routine,
//! and Wine refuses the call with `WSAEINVAL` otherwise.) The result list is freed
//! exactly once, by whoever ends the request, before `done` hears of it.
//!
//! # Cancellation
//! `GetAddrInfoExCancel(&handle)` stops a lookup in flight: Windows then calls the routine
//! at once with `WSA_E_CANCELLED`, and the routine frees everything as it does for any
//! other ending, so nothing leaks and nothing is freed twice. The handle is valid from
//! the moment `GetAddrInfoExW` returns until the routine is called, so the request's
//! `phase` guards it: `SUBMITTING`, then `PENDING` once `GetAddrInfoExW` has returned
//! `WSA_IO_PENDING` (and written the handle), then `CANCELLING` once a cancel has claimed
//! the handle; `COMPLETED` from any of them as soon as the routine starts.
//! - A cancel calls `GetAddrInfoExCancel` only after winning `PENDING` → `CANCELLING`:
//!   never before the handle is written, never twice, never once the routine has begun.
//! - The routine may run before `GetAddrInfoExW` has even returned (Wine's does, for a
//!   numeric name): it has marked the request `COMPLETED`, so [`start_lookup`]'s
//!   `SUBMITTING` → `PENDING` fails and no cancel ever uses that handle.
//! - No lock is held across `GetAddrInfoExCancel`: Windows may run the routine inside it,
//!   on the cancelling thread, or make it wait for a routine already running elsewhere,
//!   and the routine takes locks of its own (the request's `done`, then `resolve.rs`'s
//!   completion). `resolve.rs` calls [`PendingLookup::cancel`] after letting go of its
//!   lock for the same reason.
//! - A cancel that claimed the handle just as the routine starts on another thread
//!   would reach `GetAddrInfoExCancel` after the lookup completed. Windows documents
//!   that call as returning `WSA_INVALID_HANDLE`, but not that a completed lookup's
//!   handle value is never given to a newer lookup, which the late call would then
//!   stop. So the routine does not let its lookup end while a claimed cancel is still
//!   inside `GetAddrInfoExCancel`: when it finds the phase `CANCELLING`, it waits until
//!   that call has returned (`cancel_returned`) before it ends the request and returns
//!   to Windows, so the handle is still this lookup's for the whole call. The wait is
//!   as long as one `GetAddrInfoExCancel` call, which for a lookup that has completed
//!   returns at once. The one exception is the routine that Windows runs *inside* that
//!   call, on the cancelling thread: it must not wait for the call it runs in, and
//!   needs not (Windows is still in the call, on the handle it was given). A
//!   thread-local records which request the thread is cancelling, so the routine knows.
//!   The request's memory is valid throughout: the canceller holds a reference.
//!
//! # No `timeout`
//! `GetAddrInfoExW`'s `timeout` (Windows 8 and later, overlapped calls only) would let
//! Windows end the lookup itself at the deadline. It is not passed, because it adds
//! nothing here: a wait that times out (`resolve.rs`) cancels the lookup at that same
//! moment, which stops it and frees its resources as early; `Resolution::start` has no
//! deadline to pass; and a lookup that Windows timed out would end with `WSAETIMEDOUT`,
//! racing the waiter's own deadline check, which would then see an `AddrInfo` error
//! instead of `TimedOut`. Wine ignores the parameter anyway.
//!
//! # Where this is not available
//! The asynchronous mode and `GetAddrInfoExCancel` came with Windows 8. The crate looks
//! `GetAddrInfoExCancel` up in `ws2_32.dll` at run time, once, instead of importing it,
//! so that programs still load on Windows 7; where it is missing, every lookup runs on a
//! thread of the resolver pool instead (`pool.rs`), whose wait can end but whose lookup
//! cannot be stopped.
//!
//! # Wine
//! Wine 8 runs the lookup on its thread pool and calls the routine as Windows does, but
//! only stubs the rest: it never writes the cancel handle (the request's stays NULL, and
//! a NULL handle is never passed to `GetAddrInfoExCancel`, which in Wine only returns
//! `WSA_INVALID_HANDLE`), and it ignores `timeout`. There, cancelling ends the wait and
//! the lookup runs to its end, as with the thread fallback.

use std::cell::Cell;
use std::cell::UnsafeCell;
use std::ffi::{c_int, c_void, CString};
use std::fmt;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use netdb_sys as ffi;

use super::gai::{c_hints, List};
use super::windows::{addrinfo_error, startup, wide, wide_from_c};
use super::Done;
use crate::addrinfo::Hints;
use crate::error::{Error, Result};

/// `GetAddrInfoExCancel`'s type, as the Windows SDK declares it (and `netdb-sys` binds).
type CancelFunction = unsafe extern "system" fn(ffi::LPHANDLE) -> c_int;

/// The completion routine's type, `LPLOOKUPSERVICE_COMPLETION_ROUTINE` in the Windows
/// SDK (mingw-w64 10's headers, and so the bindings, still say `PVOID`, "reserved").
type CompletionRoutine = unsafe extern "system" fn(ffi::DWORD, ffi::DWORD, ffi::LPOVERLAPPED);

/// `GetAddrInfoExCancel`, if this Windows has it: Windows 8 and later, and Wine. Looked
/// up once.
fn cancel_function() -> Option<CancelFunction> {
    static FOUND: OnceLock<Option<CancelFunction>> = OnceLock::new();
    *FOUND.get_or_init(|| {
        let module_name = wide("ws2_32.dll");
        // SAFETY: the name is a NUL-terminated UTF-16 string. ws2_32.dll is loaded (the
        // program imports from it) and stays loaded, so the handle needs no release.
        let module = unsafe { ffi::GetModuleHandleW(module_name.as_ptr()) };
        if module.is_null() {
            return None;
        }
        // SAFETY: `module` is a loaded module, the name a NUL-terminated string.
        let found = unsafe { ffi::GetProcAddress(module, c"GetAddrInfoExCancel".as_ptr()) };
        // SAFETY: both are optional function pointers, NULL being `None`; the export is
        // ws2_32's GetAddrInfoExCancel, whose signature is `CancelFunction`, the Windows
        // SDK's (and netdb-sys's) declaration.
        unsafe { std::mem::transmute::<ffi::FARPROC, Option<CancelFunction>>(found) }
    })
}

/// `GetAddrInfoExW` has not returned yet: the handle is not written.
const SUBMITTING: u8 = 0;
/// `GetAddrInfoExW` returned `WSA_IO_PENDING`: the handle is valid.
const PENDING: u8 = 1;
/// A cancel has claimed the handle (once, for good).
const CANCELLING: u8 = 2;
/// The completion routine has started, or the lookup ended without one: the handle must
/// not be used.
const COMPLETED: u8 = 3;

/// One `GetAddrInfoExW` call and everything Windows reads or writes while it runs.
#[repr(C)]
struct Request {
    /// First, so that the `OVERLAPPED` pointer the completion routine receives is also
    /// a pointer to the request. Written by Windows while the lookup runs.
    overlapped: UnsafeCell<ffi::OVERLAPPED>,
    /// `ppResult`: where Windows leaves the result list before it calls the routine.
    result: UnsafeCell<ffi::PADDRINFOEXW>,
    /// `lpHandle`: written by `GetAddrInfoExW` before it returns `WSA_IO_PENDING`.
    handle: UnsafeCell<ffi::HANDLE>,
    /// Which of `SUBMITTING`, `PENDING`, `CANCELLING` and `COMPLETED`.
    phase: AtomicU8,
    /// The cancel that claimed the handle has returned from `GetAddrInfoExCancel` (or
    /// did not call it): the routine may end the request.
    cancel_returned: AtomicBool,
    /// NUL-terminated UTF-16.
    host: Option<Vec<u16>>,
    service: Option<Vec<u16>>,
    hints: ffi::ADDRINFOEXW,
    done: Mutex<Option<Done>>,
}

// SAFETY: the strings and hints are never changed after submission (the hints' pointers
// are NULL). `overlapped` and `result` are written by Windows and read only by whoever
// ends the request, after Windows is done with them; `handle` is written by
// `GetAddrInfoExW` before `phase` becomes PENDING (release) and read only by the one
// cancel that wins PENDING → CANCELLING (acquire); `done` is behind a mutex.
unsafe impl Send for Request {}
// SAFETY: as for `Send`: shared access is ordered by `phase`, by Windows, or by the mutex.
unsafe impl Sync for Request {}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let phase = match self.phase.load(Ordering::Relaxed) {
            SUBMITTING => "submitting",
            PENDING => "pending",
            CANCELLING => "cancelling",
            _ => "completed",
        };
        f.debug_struct("Request").field("phase", &phase).finish_non_exhaustive()
    }
}

impl Request {
    /// Ends the request with `code`, `GetAddrInfoExW`'s or the routine's: takes the result
    /// list out of its slot, copies it out on success, frees it, and hands the answer to
    /// `done`, if nobody has yet.
    ///
    /// # Safety
    /// Windows is done with the request: the completion routine is running, or
    /// `GetAddrInfoExW` returned without `WSA_IO_PENDING`.
    unsafe fn finish(&self, code: c_int) {
        // SAFETY: the caller's contract: nothing else reads or writes the slot any more.
        let list = List(unsafe { self.result.get().replace(ptr::null_mut()) });
        let outcome = match code {
            // SAFETY: on success the slot held the list Windows allocated for this call.
            0 => Ok(unsafe { list.to_vec(self.hints.ai_flags) }.0),
            ffi::WSA_E_CANCELLED | ffi::WSAECANCELLED => Err(Error::Cancelled),
            code => Err(addrinfo_error(code)),
        };
        // Freed before `done`, which gives the lookup's slot back (`resolve.rs`): a
        // lookup that no longer counts as pending holds none of Windows' memory.
        drop(list);
        let done = self.done.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(done) = done {
            done(outcome);
        }
    }

    /// Stops the lookup, if it is still in flight and nobody has yet: see the module docs.
    fn cancel(&self) {
        if self
            .phase
            .compare_exchange(PENDING, CANCELLING, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            // Not started, already being cancelled, or over.
            return;
        }
        // SAFETY: PENDING was published (release) after GetAddrInfoExW wrote the handle
        // and returned; nothing writes it any more, and this is its only reader.
        let mut handle = unsafe { *self.handle.get() };
        // Wine never writes the handle: a NULL one is not a lookup's.
        if let Some(cancel) = cancel_function().filter(|_| !handle.is_null()) {
            let _inside = CancellingHere::enter(self);
            // SAFETY: `handle` is the one GetAddrInfoExW returned for this lookup, used
            // once, and still this lookup's for the whole call: the lookup had not
            // completed when this cancel claimed it, and a routine that starts meanwhile
            // waits for `cancel_returned` before it lets the lookup end (or runs inside
            // this call). The pointer is to a local copy, valid for the call. No lock is
            // held: the routine may run inside the call. Its result says only whether
            // the lookup was still in flight: either way the routine ends the request.
            let _ = unsafe { cancel(&mut handle) };
        }
        self.cancel_returned.store(true, Ordering::Release);
    }

    /// Called by the routine as it starts: marks the request completed, so that no
    /// cancel claims the handle any more, and waits for a cancel that already claimed
    /// it to return from `GetAddrInfoExCancel`, unless the routine runs inside that
    /// very call.
    fn complete(&self) {
        let claimed = self.phase.swap(COMPLETED, Ordering::AcqRel) == CANCELLING;
        if claimed && !CancellingHere::is(self) {
            // One GetAddrInfoExCancel call: short, and on another thread.
            while !self.cancel_returned.load(Ordering::Acquire) {
                std::thread::yield_now();
            }
        }
    }
}

thread_local! {
    /// The request whose `GetAddrInfoExCancel` call this thread is inside, if any.
    static CANCELLING_ON_THIS_THREAD: Cell<*const Request> = const { Cell::new(ptr::null()) };
}

/// Marks this thread as inside `GetAddrInfoExCancel` for a request, until dropped.
struct CancellingHere(*const Request);

impl CancellingHere {
    fn enter(request: &Request) -> CancellingHere {
        let outer = CANCELLING_ON_THIS_THREAD.with(|here| here.replace(request));
        CancellingHere(outer)
    }

    /// Whether this thread is inside `GetAddrInfoExCancel` for `request`.
    fn is(request: &Request) -> bool {
        CANCELLING_ON_THIS_THREAD.with(|here| ptr::eq(here.get(), request))
    }
}

impl Drop for CancellingHere {
    fn drop(&mut self) {
        CANCELLING_ON_THIS_THREAD.with(|here| here.set(self.0));
    }
}

/// A lookup started by [`start_lookup`], as far as cancelling it goes.
#[derive(Debug, Clone)]
pub(crate) struct PendingLookup(Option<Arc<Request>>);

impl PendingLookup {
    /// Asks Windows to stop the lookup, which then ends with [`Error::Cancelled`]. Does
    /// nothing once it has ended, after the first call, under Wine (see the module docs),
    /// or for a lookup that never went to `GetAddrInfoExW`'s asynchronous mode.
    pub(crate) fn cancel(&self) {
        if let Some(request) = &self.0 {
            request.cancel();
        }
    }
}

/// Starts the lookup; `done` gets its answer on a thread of Windows' thread pool, or at
/// once if the lookup ends (or fails) as it starts. Where `GetAddrInfoExCancel` does not
/// exist (Windows 7), the lookup runs on the resolver threads of `pool.rs` instead.
///
/// # Errors
/// Winsock's start-up error, or `pool.rs`'s when it cannot start a thread; `done` is
/// then dropped uncalled.
pub(crate) fn start_lookup(
    host: Option<CString>,
    service: Option<CString>,
    hints: &Hints,
    done: Done,
) -> Result<PendingLookup> {
    startup()?;
    if cancel_function().is_none() {
        return super::pool::submit(host, service, hints, done).map(|()| PendingLookup(None));
    }
    let to_utf16 = |text: Option<CString>| text.as_deref().map(wide_from_c);
    let request = Arc::new(Request {
        // SAFETY: OVERLAPPED is plain data; all-zero is the required start (and a NULL
        // hEvent, as a completion routine requires).
        overlapped: UnsafeCell::new(unsafe { std::mem::zeroed() }),
        result: UnsafeCell::new(ptr::null_mut()),
        handle: UnsafeCell::new(ptr::null_mut()),
        phase: AtomicU8::new(SUBMITTING),
        cancel_returned: AtomicBool::new(false),
        host: to_utf16(host),
        service: to_utf16(service),
        hints: c_hints(hints),
        done: Mutex::new(Some(done)),
    });

    // The completion routine's own reference, taken back by `complete` (or below, if the
    // routine will not run).
    let for_routine = Arc::into_raw(Arc::clone(&request));
    // The request's first field, so the same address; UnsafeCell<T> is laid out as T.
    let overlapped = for_routine.cast_mut().cast::<ffi::OVERLAPPED>();
    let routine = complete as CompletionRoutine;
    let name = request.host.as_ref().map_or(ptr::null(), |name| name.as_ptr());
    let service = request.service.as_ref().map_or(ptr::null(), |service| service.as_ptr());
    // SAFETY: the strings are NUL-terminated UTF-16 (or NULL) and the hints initialised;
    // the result slot, the OVERLAPPED and the handle slot are the request's, which the
    // routine's reference keeps alive until the routine (or this function, if it will
    // not run) lets go of it. `routine` has the signature Windows calls it with. No
    // timeout: see the module docs.
    let rc = unsafe {
        ffi::GetAddrInfoExW(
            name,
            service,
            ffi::NS_ALL as ffi::DWORD,
            ptr::null_mut(),
            &request.hints,
            request.result.get(),
            ptr::null_mut(),
            overlapped,
            routine as *mut c_void,
            request.handle.get(),
        )
    };
    if rc == ffi::WSA_IO_PENDING {
        // The handle may be used from now on, unless the routine has already run (then
        // the phase is COMPLETED and stays so).
        let _ = request.phase.compare_exchange(
            SUBMITTING,
            PENDING,
            Ordering::Release,
            Ordering::Relaxed,
        );
        return Ok(PendingLookup(Some(request)));
    }
    // Over already, with an answer or an error: Windows will not call the routine.
    // SAFETY: the reference leaked above for the routine, which will not run, released
    // once; `request` keeps the request alive.
    unsafe { drop(Arc::from_raw(for_routine)) };
    request.phase.store(COMPLETED, Ordering::Release);
    // SAFETY: GetAddrInfoExW returned without WSA_IO_PENDING: Windows is done with it.
    unsafe { request.finish(rc) };
    Ok(PendingLookup(None))
}

/// The completion routine: Windows calls it once per lookup that `GetAddrInfoExW` left
/// pending, on a thread of its thread pool (or inside `GetAddrInfoExCancel`), with the
/// lookup's Winsock error code.
unsafe extern "system" fn complete(
    error: ffi::DWORD,
    _bytes: ffi::DWORD,
    overlapped: ffi::LPOVERLAPPED,
) {
    // SAFETY: `overlapped` is the first field of the request whose reference
    // `start_lookup` leaked for this routine (the same address, from the same pointer),
    // and Windows calls the routine once per pending lookup: the reference is taken back
    // once.
    let request = unsafe { Arc::from_raw(overlapped.cast_const().cast::<Request>()) };
    request.complete();
    // `done` runs the caller's code (wakers), and a panic must not unwind into Windows.
    // One in the caller's code has been reported by the panic hook after the answer was
    // delivered; one before it (copying the answer out) still owes the caller an answer.
    let ended = panic::catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the routine runs: Windows is done with the request. Winsock codes are
        // small positive ints passed as a DWORD.
        unsafe { request.finish(error as c_int) }
    }));
    if ended.is_err() {
        let done = request.done.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(done) = done {
            let failed = Error::Io(io::Error::other("copying the lookup's answer panicked"));
            let _ = panic::catch_unwind(AssertUnwindSafe(|| done(Err(failed))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request Windows never sees, in `phase`, with `done`.
    fn request(phase: u8, done: Option<Done>) -> Request {
        // SAFETY: OVERLAPPED is plain data; all-zero is valid, as in `start_lookup`.
        let overlapped = unsafe { std::mem::zeroed() };
        // SAFETY: ADDRINFOEXW is plain data; all-zero is valid, as in `start_lookup`.
        let hints = unsafe { std::mem::zeroed() };
        Request {
            overlapped: UnsafeCell::new(overlapped),
            result: UnsafeCell::new(ptr::null_mut()),
            handle: UnsafeCell::new(ptr::null_mut()),
            phase: AtomicU8::new(phase),
            cancel_returned: AtomicBool::new(false),
            host: None,
            service: None,
            hints,
            done: Mutex::new(done),
        }
    }

    /// The function found at run time answers as the one netdb-sys declares (which this
    /// test binary imports) does: a handle that is no lookup's is `WSA_INVALID_HANDLE`.
    #[test]
    fn the_cancel_function_is_ws2_32s() {
        let found = cancel_function().expect("Windows 8 and later (and Wine) have it");
        let mut handle: ffi::HANDLE = ptr::null_mut();
        // SAFETY: a valid slot holding a handle that is no lookup's.
        assert_eq!(unsafe { found(&mut handle) }, ffi::WSA_INVALID_HANDLE);
        // SAFETY: as above.
        assert_eq!(unsafe { ffi::GetAddrInfoExCancel(&mut handle) }, ffi::WSA_INVALID_HANDLE);
    }

    /// Only a pending lookup is cancelled, once; a NULL handle (Wine never writes one)
    /// is not passed on.
    #[test]
    fn cancelling_follows_the_phase() {
        let request = request(SUBMITTING, None);
        request.cancel();
        assert_eq!(request.phase.load(Ordering::Relaxed), SUBMITTING, "not yet pending");
        request.phase.store(PENDING, Ordering::Relaxed);
        request.cancel();
        assert_eq!(request.phase.load(Ordering::Relaxed), CANCELLING);
        request.cancel();
        assert_eq!(request.phase.load(Ordering::Relaxed), CANCELLING);
        request.phase.store(COMPLETED, Ordering::Relaxed);
        request.cancel();
        assert_eq!(request.phase.load(Ordering::Relaxed), COMPLETED);
    }

    /// A routine that starts while a cancel it did not run inside is in
    /// `GetAddrInfoExCancel` waits for that call to return before the lookup ends.
    #[test]
    fn the_routine_waits_for_a_claimed_cancel_to_return() {
        let request = Arc::new(request(CANCELLING, None));
        let routine = {
            let request = Arc::clone(&request);
            std::thread::spawn(move || request.complete())
        };
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(!routine.is_finished(), "the routine ended the lookup during the cancel");
        request.cancel_returned.store(true, Ordering::Release);
        routine.join().unwrap();
        assert_eq!(request.phase.load(Ordering::Relaxed), COMPLETED);
    }

    /// The routine that Windows runs inside the cancel call, on the cancelling thread,
    /// does not wait for the call it runs in; a routine with no cancel claimed does not
    /// wait either.
    #[test]
    fn the_routine_inside_the_cancel_call_does_not_wait() {
        let request = request(CANCELLING, None);
        {
            let _inside = CancellingHere::enter(&request);
            request.complete();
        }
        assert_eq!(request.phase.load(Ordering::Relaxed), COMPLETED);
        assert!(!CancellingHere::is(&request), "left the cancel call");
        let request = self::request(PENDING, None);
        request.complete();
        assert_eq!(request.phase.load(Ordering::Relaxed), COMPLETED);
    }

    /// `WSA_E_CANCELLED` and `WSAECANCELLED` are `Cancelled`, other codes keep theirs;
    /// `done` hears once.
    #[test]
    fn cancelled_lookups_are_cancelled_and_others_keep_their_code() {
        for (code, cancelled) in [
            (ffi::WSA_E_CANCELLED, true),
            (ffi::WSAECANCELLED, true),
            (ffi::WSAHOST_NOT_FOUND, false),
        ] {
            let outcomes = Arc::new(Mutex::new(Vec::new()));
            let sink = Arc::clone(&outcomes);
            let done: Done = Box::new(move |outcome| sink.lock().unwrap().push(outcome));
            let request = request(COMPLETED, Some(done));
            // SAFETY: Windows never saw this request.
            unsafe { request.finish(code) };
            // SAFETY: as above.
            unsafe { request.finish(0) };
            let outcomes = std::mem::take(&mut *outcomes.lock().unwrap());
            assert_eq!(outcomes.len(), 1, "{code}: {outcomes:?}");
            match &outcomes[0] {
                Err(Error::Cancelled) => assert!(cancelled, "{code}"),
                Err(Error::AddrInfo(e)) => {
                    assert!(!cancelled);
                    assert_eq!(e.code(), code);
                }
                other => panic!("{code}: {other:?}"),
            }
        }
    }
}
