//! Reading what a C library laid out in memory: a database entry, its strings and its
//! NULL-terminated lists.
//!
//! Every read of a pointer or a struct the C library wrote is unaligned
//! (`read_unaligned`), on every backend: none of the C libraries documents how it
//! aligns what it lays into a caller's buffer or its own storage, and some do not align
//! it at all (glibc's nss_files puts a pointer array at the start of the caller's
//! buffer as it is; Wine packs a `getaddrinfo` list into one block). The buffers netdb
//! hands to C are aligned as `malloc`'s blocks are (`buffer.rs`), which is what the C
//! libraries' own callers pass; reading unaligned as well means that correctness rests
//! on neither. Strings are bytes, which need no alignment.

use std::ffi::{c_char, CStr};
use std::marker::PhantomData;
use std::ptr;

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

/// A copy of the entry (a `servent`, `hostent`, ...) at `entry`, or `None` for NULL.
///
/// The entry a `_r` call returns is the caller's own struct, and the one a plain
/// function returns lives in the C library's storage for that type, so both are
/// aligned in practice; but neither is a documented promise, and the copy of a few
/// words costs nothing beside the lookup. The copy's pointers still lead into the C
/// library's memory, valid for as long as the original's.
///
/// # Safety
/// `entry` is NULL or points at an initialised entry.
pub(crate) unsafe fn read_entry<E: Copy>(entry: *const E) -> Option<E> {
    // SAFETY: the caller's contract; an unaligned read needs no alignment, and `E` is
    // plain data (pointers and integers).
    (!entry.is_null()).then(|| unsafe { entry.read_unaligned() })
}

/// The items of a NULL-terminated array of pointers, such as `h_addr_list`.
pub(crate) struct PointerList<'a> {
    next: *const *mut c_char,
    _entry: PhantomData<&'a [u8]>,
}

impl PointerList<'_> {
    /// # Safety
    /// `list` is NULL (an empty list) or points at an array of pointers ended by a NULL
    /// pointer, valid and unchanged for the list's lifetime.
    pub(crate) unsafe fn new(list: *const *mut c_char) -> Self {
        PointerList { next: list, _entry: PhantomData }
    }
}

impl Iterator for PointerList<'_> {
    type Item = *const c_char;

    fn next(&mut self) -> Option<*const c_char> {
        if self.next.is_null() {
            return None;
        }
        // SAFETY: `new`'s contract: `next` points into the NULL-terminated array, and we
        // stop (and never advance) at its NULL. Unaligned (see the module docs): glibc's
        // `gethostbyaddr_r` and `gethostent_r` put `h_addr_list` at the start of the
        // caller's buffer, and Wine's entries are packed.
        let item = unsafe { self.next.read_unaligned() };
        if item.is_null() {
            self.next = std::ptr::null();
            return None;
        }
        // SAFETY: the array holds at least one more slot (its terminating NULL) after a
        // non-NULL item.
        self.next = unsafe { self.next.add(1) };
        Some(item)
    }
}

/// The strings of a NULL-terminated array of C strings, such as `s_aliases`.
pub(crate) struct CStrList<'a>(PointerList<'a>);

impl CStrList<'_> {
    /// # Safety
    /// As for [`PointerList::new`], and each item is a NUL-terminated string valid for
    /// the list's lifetime.
    pub(crate) unsafe fn new(list: *const *mut c_char) -> Self {
        // SAFETY: the caller's contract includes PointerList's.
        CStrList(unsafe { PointerList::new(list) })
    }
}

impl<'a> Iterator for CStrList<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        // SAFETY: `new`'s contract: each item is a valid NUL-terminated string for 'a.
        self.0.next().map(|item| unsafe { c_bytes(item) })
    }
}

/// The pointer C wants for an optional string argument: NULL for `None`.
pub(crate) fn optional_ptr(value: Option<&CStr>) -> *const c_char {
    value.map_or(ptr::null(), CStr::as_ptr)
}
