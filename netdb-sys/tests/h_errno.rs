//! `h_errno()` reads the calling thread's own `h_errno` where the C library keeps one per
//! thread (glibc and musl, behind `__h_errno_location`): a failed lookup on one thread
//! sets it there and nowhere else.
#![cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]

use std::thread;

/// Fails a host lookup with the plain `gethostbyname`, which reports through the
/// calling thread's `h_errno`, and returns that.
fn failed_lookup_h_errno() -> core::ffi::c_int {
    // SAFETY: the name is NUL-terminated; the result is only compared with NULL.
    let entry = unsafe { netdb_sys::gethostbyname(c"nosuchname.invalid".as_ptr()) };
    assert!(entry.is_null(), "nosuchname.invalid resolved");
    // SAFETY: reads this thread's h_errno through the C library's accessor.
    unsafe { netdb_sys::h_errno() }
}

#[test]
fn h_errno_is_per_thread() {
    assert_eq!(failed_lookup_h_errno(), netdb_sys::HOST_NOT_FOUND);
    thread::spawn(|| {
        // SAFETY: as above; this thread has made no lookup yet.
        assert_eq!(unsafe { netdb_sys::h_errno() }, 0, "a new thread starts with h_errno 0");
        assert_eq!(failed_lookup_h_errno(), netdb_sys::HOST_NOT_FOUND);
    })
    .join()
    .unwrap();
}
