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
//! at once with `WSA_E_CANCELLED`, and the lookup ends as any other does, so nothing
//! leaks and nothing is freed twice. The handle is valid from the moment `GetAddrInfoExW`
//! returns until the routine is called; which cancel may use it, and who ends a lookup
//! whose routine runs while that cancel is in `GetAddrInfoExCancel`, is the
//! [`CancelHandshake`]'s business (`cancel_handshake.rs`): the one cancel that claims
//! the handle calls the function with no lock held; a routine that finds the handle
//! claimed records its code and returns at once, and whichever of the two comes second
//! ends the lookup. Neither ever waits for the other, so there is no wait cycle whatever
//! Windows does inside `GetAddrInfoExCancel` (wait for a routine running on another
//! thread, or run the routine there, on the cancelling thread).
//!
//! A routine that has returned lets Windows reuse its handle value for a newer lookup,
//! which a cancel claimed just before may then stop: a lookup that ends with
//! `WSA_E_CANCELLED` though no cancel of its own claimed it is made again, with the
//! blocking `getaddrinfo`, on the routine's thread.
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
//! so that programs still load on Windows 7; where it is missing ([`can_cancel`] is
//! false), the resolver runs every lookup on its own threads (`pool.rs`), whose wait can
//! end but whose lookup cannot be stopped.
//!
//! # Wine
//! Wine 8 runs the lookup on its thread pool and calls the routine as Windows does, but
//! only stubs the rest: it never writes the cancel handle (the request's stays NULL, and
//! a NULL handle is never passed to `GetAddrInfoExCancel`, which in Wine only returns
//! `WSA_INVALID_HANDLE`), and it ignores `timeout`. There, cancelling ends the wait and
//! the lookup runs to its end, as with the thread fallback.

use std::cell::UnsafeCell;
use std::ffi::{c_int, c_void, CString};
use std::fmt;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use netdb_sys as ffi;

use super::cancel_handshake::{CancelHandshake, Routine};
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

/// Whether Windows can stop a lookup: it has `GetAddrInfoExCancel` (Windows 8 and
/// later, and Wine), and so the asynchronous `GetAddrInfoExW` this module uses.
pub(crate) fn can_cancel() -> bool {
    cancel_function().is_some()
}

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
    /// Which cancel may use the handle, and who ends the lookup.
    handshake: CancelHandshake,
    /// `GetAddrInfoExCancel` (another function in tests).
    cancel_function: CancelFunction,
    /// NUL-terminated UTF-16.
    host: Option<Vec<u16>>,
    service: Option<Vec<u16>>,
    hints: ffi::ADDRINFOEXW,
    /// The lookup as the caller asked for it, to make again if a cancel that was not its
    /// own stopped it.
    asked: (Option<CString>, Option<CString>, Hints),
    done: Mutex<Option<Done>>,
}

// SAFETY: the strings and hints are never changed after submission (the hints' pointers
// are NULL). `overlapped` and `result` are written by Windows and read only by whoever
// ends the request, after Windows is done with them; `handle` is written by
// `GetAddrInfoExW` before the handshake makes it PENDING (release) and read only by the
// one cancel that claims it (acquire); `done` is behind a mutex.
unsafe impl Send for Request {}
// SAFETY: as for `Send`: shared access is ordered by the handshake, by Windows, or by the
// mutex.
unsafe impl Sync for Request {}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request").field("handshake", &self.handshake).finish_non_exhaustive()
    }
}

impl Request {
    /// Ends the request with `code`, `GetAddrInfoExW`'s or the routine's: takes the result
    /// list out of its slot, copies it out on success, frees it, and hands the answer to
    /// `done`, if nobody has yet. `cancel_claimed`: a cancel of this request's claimed its
    /// handle, so `WSA_E_CANCELLED` is its own; otherwise the lookup is made again.
    ///
    /// # Safety
    /// Windows is done with the request: the completion routine has run, or
    /// `GetAddrInfoExW` returned without `WSA_IO_PENDING`.
    unsafe fn finish(&self, code: c_int, cancel_claimed: bool) {
        // SAFETY: the caller's contract: nothing else reads or writes the slot any more.
        let list = List(unsafe { self.result.get().replace(ptr::null_mut()) });
        let cancelled = matches!(code, ffi::WSA_E_CANCELLED | ffi::WSAECANCELLED);
        let outcome = match code {
            // SAFETY: on success the slot held the list Windows allocated for this call.
            0 => Ok(unsafe { list.to_vec(self.hints.ai_flags) }.0),
            _ if cancelled && cancel_claimed => Err(Error::Cancelled { lookup: None }),
            // Stopped by a cancel of another lookup, whose handle value was this one's:
            // made again, blocking this thread of Windows' pool.
            _ if cancelled => {
                let (host, service, hints) = &self.asked;
                super::windows::getaddrinfo(host.as_deref(), service.as_deref(), hints)
            }
            code => Err(addrinfo_error(code)),
        };
        // Freed before `done`, which ends the lookup for the resolver: a lookup over
        // holds none of Windows' memory.
        drop(list);
        let done = self.done.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(done) = done {
            done(outcome);
        }
    }

    /// Stops the lookup, if it is still in flight and nobody has yet: see the module docs.
    fn cancel(&self) {
        if !self.handshake.claim_cancel() {
            // Not started, already being cancelled, or over.
            return;
        }
        // SAFETY: the handshake made the handle PENDING (release) after GetAddrInfoExW
        // wrote it and returned; nothing writes it any more, and this claimed cancel is
        // its only reader.
        let mut handle = unsafe { *self.handle.get() };
        // Wine never writes the handle: a NULL one is not a lookup's.
        if !handle.is_null() {
            // SAFETY: `handle` is the one GetAddrInfoExW returned for this lookup, used
            // once; the pointer is to a local copy, valid for the call. No lock is held:
            // the routine may run inside the call, and never waits for it. Its result
            // says only whether the lookup was still in flight: either way it ends.
            let _ = unsafe { (self.cancel_function)(&mut handle) };
        }
        if let Some(code) = self.handshake.cancel_returned() {
            // The routine ran meanwhile and left the ending to this cancel.
            // SAFETY: the routine has run: Windows is done with the request.
            unsafe { self.finish(code, true) };
        }
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
/// once if the lookup ends (or fails) as it starts. Only where [`can_cancel`].
///
/// # Errors
/// Winsock's start-up error; `done` is then dropped uncalled.
pub(crate) fn start_lookup(
    host: Option<CString>,
    service: Option<CString>,
    hints: &Hints,
    done: Done,
) -> Result<PendingLookup> {
    startup()?;
    let cancel_function = cancel_function()
        .ok_or_else(|| Error::Io(io::Error::other("GetAddrInfoExCancel is missing")))?;
    let request = Arc::new(Request::new(host, service, hints, done, cancel_function));

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
        // The handle may be used from now on, unless the routine has already run.
        request.handshake.submitted();
        return Ok(PendingLookup(Some(request)));
    }
    // Over already, with an answer or an error: Windows will not call the routine.
    // SAFETY: the reference leaked above for the routine, which will not run, released
    // once; `request` keeps the request alive.
    unsafe { drop(Arc::from_raw(for_routine)) };
    request.handshake.ended_at_once();
    // SAFETY: GetAddrInfoExW returned without WSA_IO_PENDING: Windows is done with it.
    unsafe { request.finish(rc, false) };
    Ok(PendingLookup(None))
}

impl Request {
    fn new(
        host: Option<CString>,
        service: Option<CString>,
        hints: &Hints,
        done: Done,
        cancel_function: CancelFunction,
    ) -> Request {
        let to_utf16 = |text: &Option<CString>| text.as_deref().map(wide_from_c);
        Request {
            // SAFETY: OVERLAPPED is plain data; all-zero is the required start (and a
            // NULL hEvent, as a completion routine requires).
            overlapped: UnsafeCell::new(unsafe { std::mem::zeroed() }),
            result: UnsafeCell::new(ptr::null_mut()),
            handle: UnsafeCell::new(ptr::null_mut()),
            handshake: CancelHandshake::new(),
            cancel_function,
            host: to_utf16(&host),
            service: to_utf16(&service),
            hints: c_hints(hints),
            asked: (host, service, *hints),
            done: Mutex::new(Some(done)),
        }
    }
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
    // Winsock codes are small positive ints passed as a DWORD.
    let code = error as c_int;
    let Routine::End { cancel_claimed } = request.handshake.routine_runs(code) else {
        // A cancel is in GetAddrInfoExCancel and ends the lookup when it returns.
        return;
    };
    // `done` runs the caller's code (wakers), and a panic must not unwind into Windows.
    // One in the caller's code has been reported by the panic hook after the answer was
    // delivered; one before it (copying the answer out) still owes the caller an answer.
    let ended = panic::catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the routine runs: Windows is done with the request.
        unsafe { request.finish(code, cancel_claimed) }
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
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    use super::*;
    use crate::addrinfo::AddrInfo;

    /// What a request's `done` heard.
    type Heard = Arc<Mutex<Vec<Result<Vec<AddrInfo>>>>>;

    /// A request Windows never sees, whose `done` records what it hears, and whose
    /// cancel function is `cancel`.
    fn request(cancel: CancelFunction) -> (Arc<Request>, Heard) {
        let heard = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&heard);
        let done: Done = Box::new(move |outcome| sink.lock().unwrap().push(outcome));
        (Arc::new(Request::new(None, None, &Hints::new(), done, cancel)), heard)
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
        assert!(can_cancel());
    }

    /// The handles the recording cancel function below was called with.
    static CANCELLED_HANDLES: Mutex<Vec<usize>> = Mutex::new(Vec::new());

    unsafe extern "system" fn recording_cancel(handle: ffi::LPHANDLE) -> c_int {
        // SAFETY: the request passes a pointer to its local copy of the handle.
        let value = unsafe { *handle } as usize;
        CANCELLED_HANDLES.lock().unwrap().push(value);
        ffi::WSA_INVALID_HANDLE
    }

    /// A cancel reaches the cancel function only once the handle is written and the
    /// lookup pending, once, with that handle; never before, never twice, never after
    /// the routine.
    #[test]
    fn a_cancel_calls_getaddrinfoexcancel_only_while_pending_and_once() {
        let called = |handle: usize| {
            CANCELLED_HANDLES.lock().unwrap().iter().filter(|&&h| h == handle).count()
        };
        let (request, heard) = request(recording_cancel);
        let handle = 0x5eed_0001;
        // SAFETY: Windows never saw this request; the test writes its handle as
        // GetAddrInfoExW would.
        unsafe { *request.handle.get() = handle as ffi::HANDLE };
        request.cancel();
        assert_eq!(called(handle), 0, "not yet pending");
        request.handshake.submitted();
        request.cancel();
        request.cancel();
        assert_eq!(called(handle), 1, "called once, with the lookup's handle");
        // The routine that then runs ends the lookup, cancelled.
        assert_eq!(
            request.handshake.routine_runs(ffi::WSA_E_CANCELLED),
            Routine::End { cancel_claimed: true }
        );
        // SAFETY: the "routine" ran: Windows is done with the request.
        unsafe { request.finish(ffi::WSA_E_CANCELLED, true) };
        assert!(matches!(heard.lock().unwrap().as_slice(), [Err(Error::Cancelled { .. })]));

        let (request, _) = self::request(recording_cancel);
        let handle = 0x5eed_0002;
        // SAFETY: as above.
        unsafe { *request.handle.get() = handle as ffi::HANDLE };
        request.handshake.submitted();
        let _ = request.handshake.routine_runs(0);
        request.cancel();
        assert_eq!(called(handle), 0, "the routine had started");
    }

    thread_local! {
        /// The request the waiting cancel function below completes.
        static COMPLETING: std::cell::Cell<*const Request> = const { std::cell::Cell::new(ptr::null()) };
    }

    /// A cancel function that runs the routine on another thread and waits for it to
    /// return, as Windows may inside `GetAddrInfoExCancel`: with a routine that waited
    /// for the cancel, the two would wait for each other for ever.
    unsafe extern "system" fn cancel_waiting_for_the_routine(_handle: ffi::LPHANDLE) -> c_int {
        let request = COMPLETING.with(std::cell::Cell::get) as usize;
        std::thread::spawn(move || {
            let overlapped = request as ffi::LPOVERLAPPED;
            // SAFETY: the test leaked the routine's reference to this request, as
            // `start_lookup` does; the routine takes it back once.
            unsafe { complete(ffi::WSA_E_CANCELLED as ffi::DWORD, 0, overlapped) };
        })
        .join()
        .unwrap();
        0
    }

    #[test]
    fn a_cancel_that_waits_for_the_routine_elsewhere_ends_the_lookup_once() {
        let (request, heard) = request(cancel_waiting_for_the_routine);
        let for_routine = Arc::into_raw(Arc::clone(&request));
        COMPLETING.with(|here| here.set(for_routine));
        // SAFETY: as in the test above.
        unsafe { *request.handle.get() = 0x5eed_0003 as ffi::HANDLE };
        request.handshake.submitted();
        let cancelling = {
            let request = Arc::clone(&request);
            let for_routine = for_routine as usize;
            std::thread::spawn(move || {
                COMPLETING.with(|here| here.set(for_routine as *const Request));
                request.cancel();
            })
        };
        let start = Instant::now();
        while !cancelling.is_finished() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the cancel and the routine wait for each other"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        cancelling.join().unwrap();
        assert!(matches!(heard.lock().unwrap().as_slice(), [Err(Error::Cancelled { .. })]));
    }

    /// Real lookups cancelled the moment they start race their own completions, many
    /// times: each ends exactly once, cancelled or answered, well within a time limit.
    /// (Wine never writes the handle, so there the cancels end the waits only; on
    /// Windows they stop the lookups.)
    #[test]
    fn immediate_cancels_race_completions() {
        let ended = Arc::new(AtomicUsize::new(0));
        let rounds = 200;
        let start = Instant::now();
        for _ in 0..rounds {
            let ended = Arc::clone(&ended);
            let done: Done = Box::new(move |outcome| {
                assert!(matches!(&outcome, Ok(_) | Err(Error::Cancelled { .. })), "{outcome:?}");
                ended.fetch_add(1, Ordering::SeqCst);
            });
            let host = CString::new("localhost").unwrap();
            let pending = start_lookup(Some(host), None, &Hints::new(), done).unwrap();
            pending.cancel();
        }
        while ended.load(Ordering::SeqCst) < rounds {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "{} of {rounds} lookups ended",
                ended.load(Ordering::SeqCst)
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(ended.load(Ordering::SeqCst), rounds, "a lookup ended twice");
    }

    /// `WSA_E_CANCELLED` and `WSAECANCELLED` are `Cancelled` when a cancel of the
    /// lookup's claimed it; other codes keep theirs; `done` hears once.
    #[test]
    fn cancelled_lookups_are_cancelled_and_others_keep_their_code() {
        for (code, cancelled) in [
            (ffi::WSA_E_CANCELLED, true),
            (ffi::WSAECANCELLED, true),
            (ffi::WSAHOST_NOT_FOUND, false),
        ] {
            let (request, heard) = request(recording_cancel);
            // SAFETY: Windows never saw this request.
            unsafe { request.finish(code, true) };
            // SAFETY: as above.
            unsafe { request.finish(0, true) };
            let heard = std::mem::take(&mut *heard.lock().unwrap());
            assert_eq!(heard.len(), 1, "{code}: {heard:?}");
            match &heard[0] {
                Err(Error::Cancelled { .. }) => assert!(cancelled, "{code}"),
                Err(Error::AddrInfo(e)) => {
                    assert!(!cancelled);
                    assert_eq!(e.code(), code);
                }
                other => panic!("{code}: {other:?}"),
            }
        }
    }
}
