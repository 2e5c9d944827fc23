//! Reading the strings and string lists of a C database entry.

use std::ffi::{c_char, CStr};
use std::marker::PhantomData;

/// The bytes of a NUL-terminated string, without the NUL; empty for NULL.
///
/// # Safety
/// `ptr` is NULL or points at a NUL-terminated string that stays valid and unchanged
/// for `'a`.
pub(crate) unsafe fn c_bytes<'a>(ptr: *const c_char) -> &'a [u8] {
    if ptr.is_null() {
        return &[];
    }
    // SAFETY: non-null here, and the caller promises a valid NUL-terminated string.
    unsafe { CStr::from_ptr(ptr) }.to_bytes()
}

/// The strings of a NULL-terminated array of C strings, such as `s_aliases`.
pub(crate) struct CStrList<'a> {
    next: *const *mut c_char,
    _entry: PhantomData<&'a [u8]>,
}

impl<'a> CStrList<'a> {
    /// # Safety
    /// `list` is NULL (an empty list) or points at an array of pointers to
    /// NUL-terminated strings, ended by a NULL pointer, all valid and unchanged for `'a`.
    pub(crate) unsafe fn new(list: *const *mut c_char) -> Self {
        CStrList {
            next: list,
            _entry: PhantomData,
        }
    }
}

impl<'a> Iterator for CStrList<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        if self.next.is_null() {
            return None;
        }
        // SAFETY: `new`'s contract: `next` points into the NULL-terminated array, and we
        // stop (and never advance) at its NULL.
        let item = unsafe { *self.next };
        if item.is_null() {
            self.next = std::ptr::null();
            return None;
        }
        // SAFETY: the array holds at least one more slot (its terminating NULL) after a
        // non-NULL item.
        self.next = unsafe { self.next.add(1) };
        // SAFETY: each item of the array is a valid NUL-terminated string for 'a.
        Some(unsafe { c_bytes(item) })
    }
}
