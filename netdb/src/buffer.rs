//! The one grow-on-`ERANGE` buffer that every reentrant (`_r`) call uses.

// Winsock, macOS and NetBSD have no public `_r` functions, and the `locked` fallback
// uses none: there only `MAX_BUFFER_SIZE` is used.
#![cfg_attr(
    not(any(
        netdb_backend = "reentrant",
        netdb_backend = "musl",
        netdb_backend = "android",
        netdb_backend = "illumos"
    )),
    allow(dead_code)
)]

use std::ffi::c_char;
use std::marker::PhantomData;
use std::mem::MaybeUninit;

use crate::error::{Error, Result};

/// The largest buffer a lookup will allocate for one entry: 1 MiB.
///
/// Reentrant lookups start with a 1 KiB buffer on the stack and double it on the heap
/// each time the C library answers `ERANGE`. An entry that does not fit in this many
/// bytes fails with [`Error::EntryTooLarge`] instead of growing the allocation without
/// bound. Real entries are far smaller: a services line with 10,000 aliases needs about
/// 200 KiB.
///
/// ```
/// fn explain(error: &netdb::Error) -> String {
///     match error {
///         netdb::Error::EntryTooLarge { limit } => {
///             assert_eq!(*limit, netdb::MAX_BUFFER_SIZE);
///             format!("an entry of the database is larger than {limit} bytes")
///         }
///         other => other.to_string(),
///     }
/// }
///
/// let error = netdb::Error::EntryTooLarge { limit: netdb::MAX_BUFFER_SIZE };
/// assert_eq!(explain(&error), "an entry of the database is larger than 1048576 bytes");
/// ```
pub const MAX_BUFFER_SIZE: usize = 1 << 20;

/// The stack buffer every lookup tries first. Large enough for any line of a stock
/// services or protocols file, and far from the sizes that trip musl 1.2.3's
/// `getservbyport_r` (16 to 24 bytes).
const STACK_BUFFER_SIZE: usize = 1024;

/// One unit of a buffer: 16 bytes, aligned as `malloc`'s blocks are.
///
/// The C libraries lay pointer arrays and structs into the buffer a `_r` call is given,
/// and some put them at its very start without aligning them (glibc's nss_files puts
/// its `struct parser_data`, `char *h_addr_ptrs[2]` for hosts, there in
/// `gethostbyaddr_r` and `gethostent_r`), trusting that the buffer is aligned as
/// glibc's own callers' are: they pass `malloc`'s blocks, which are aligned for
/// `max_align_t`, 16 bytes on every platform netdb supports (8 on some 32-bit ones). A
/// buffer of these units is aligned so, on the stack and on the heap alike, whatever
/// the allocator: its type says it, no allocator's habit.
#[derive(Clone, Copy)]
#[repr(C, align(16))]
struct Unit([MaybeUninit<u8>; UNIT_SIZE]);

const UNIT_SIZE: usize = 16;

/// What one call of the C function made of the buffer it was given.
pub(crate) enum Attempt<T> {
    /// The call finished, found or not, failed or not.
    Done(T),
    /// The call wants a larger buffer (`ERANGE`).
    TooSmall,
}

/// The buffer one attempt hands to C: `len` bytes at `ptr`, aligned to 16, writable and
/// borrowed for the attempt.
pub(crate) struct CBuffer<'a> {
    ptr: *mut c_char,
    len: usize,
    _borrowed: PhantomData<&'a mut [Unit]>,
}

impl CBuffer<'_> {
    /// The first `len` bytes of `units` (at most all of them).
    fn new(units: &mut [MaybeUninit<Unit>], len: usize) -> CBuffer<'_> {
        let len = len.min(units.len() * UNIT_SIZE);
        CBuffer { ptr: units.as_mut_ptr().cast(), len, _borrowed: PhantomData }
    }

    /// The start of the buffer, for the C function's `char *buf`: aligned to 16 bytes.
    pub(crate) fn as_mut_ptr(&mut self) -> *mut c_char {
        self.ptr
    }

    /// The buffer's length in bytes, for the C function's `buflen`.
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

/// A buffer that starts on the stack and moves to a doubling heap allocation when the
/// C library says it is too small. One can serve many calls in a row (an enumeration),
/// keeping the size it grew to.
pub(crate) struct GrowingBuffer {
    stack: [MaybeUninit<Unit>; STACK_BUFFER_SIZE / UNIT_SIZE],
    heap: Vec<Unit>,
    /// The bytes of `heap` handed to C: its capacity, but for a limit that is not a
    /// multiple of a unit.
    heap_len: usize,
}

impl GrowingBuffer {
    pub(crate) fn new() -> Self {
        GrowingBuffer {
            stack: [MaybeUninit::uninit(); STACK_BUFFER_SIZE / UNIT_SIZE],
            heap: Vec::new(),
            heap_len: 0,
        }
    }

    /// Calls `attempt` with ever larger buffers until it is [`Attempt::Done`], or fails
    /// with [`Error::EntryTooLarge`] once [`MAX_BUFFER_SIZE`] was not enough.
    ///
    /// `attempt` must copy out whatever it needs before it returns: the buffer is
    /// reused or freed afterwards.
    pub(crate) fn run<T>(
        &mut self,
        attempt: impl FnMut(CBuffer<'_>) -> Attempt<Result<T>>,
    ) -> Result<T> {
        self.run_with_limit(MAX_BUFFER_SIZE, attempt)
    }

    fn run_with_limit<T>(
        &mut self,
        limit: usize,
        mut attempt: impl FnMut(CBuffer<'_>) -> Attempt<Result<T>>,
    ) -> Result<T> {
        if self.heap.capacity() == 0 {
            if let Attempt::Done(result) = attempt(CBuffer::new(&mut self.stack, STACK_BUFFER_SIZE))
            {
                return result;
            }
            self.reallocate(2 * STACK_BUFFER_SIZE);
        }
        loop {
            let buffer = CBuffer::new(self.heap.spare_capacity_mut(), self.heap_len);
            if let Attempt::Done(result) = attempt(buffer) {
                return result;
            }
            let tried = self.heap_len;
            if tried >= limit {
                return Err(Error::EntryTooLarge { limit: tried });
            }
            self.reallocate((2 * tried).min(limit));
        }
    }

    /// A heap buffer of at least `size` bytes.
    fn reallocate(&mut self, size: usize) {
        // The old contents are garbage once the call said ERANGE: drop them rather
        // than let `reserve` copy them.
        self.heap = Vec::with_capacity(size.div_ceil(UNIT_SIZE));
        self.heap_len = size;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pretend C call that needs `need` bytes and records the sizes it was offered.
    fn needing(
        need: usize,
        seen: &mut Vec<usize>,
    ) -> impl FnMut(CBuffer<'_>) -> Attempt<Result<usize>> + '_ {
        move |buf| {
            seen.push(buf.len());
            if buf.len() >= need {
                Attempt::Done(Ok(buf.len()))
            } else {
                Attempt::TooSmall
            }
        }
    }

    #[test]
    fn small_entries_use_the_stack_buffer_only() {
        let mut seen = Vec::new();
        let mut buffer = GrowingBuffer::new();
        assert_eq!(buffer.run(needing(100, &mut seen)).unwrap(), STACK_BUFFER_SIZE);
        assert_eq!(seen, [STACK_BUFFER_SIZE]);
        assert_eq!(buffer.heap.capacity(), 0, "no heap allocation for a small entry");
    }

    /// Every buffer handed to C is aligned as `malloc`'s blocks are, on the stack and on
    /// the heap, whatever the allocator's habits.
    #[test]
    fn every_buffer_is_aligned_for_any_c_data() {
        let mut starts = Vec::new();
        let mut buffer = GrowingBuffer::new();
        let _ = buffer.run(|mut buf| {
            starts.push((buf.as_mut_ptr() as usize, buf.len()));
            if buf.len() >= 64 * 1024 {
                Attempt::Done(Ok(()))
            } else {
                Attempt::TooSmall
            }
        });
        assert_eq!(starts.len(), 7, "1 KiB on the stack, then 2 KiB .. 64 KiB: {starts:?}");
        for (start, len) in starts {
            assert_eq!(start % 16, 0, "a buffer of {len} bytes at {start:#x}");
        }
    }

    #[test]
    fn the_buffer_doubles_until_the_entry_fits() {
        let mut seen = Vec::new();
        let mut buffer = GrowingBuffer::new();
        assert!(buffer.run(needing(5000, &mut seen)).unwrap() >= 5000);
        assert_eq!(seen, [1024, 2048, 4096, 8192]);
    }

    #[test]
    fn a_grown_buffer_serves_the_next_call_without_shrinking() {
        let mut buffer = GrowingBuffer::new();
        buffer.run(needing(5000, &mut Vec::new())).unwrap();
        let mut seen = Vec::new();
        buffer.run(needing(10, &mut seen)).unwrap();
        assert_eq!(seen, [8192]);
    }

    #[test]
    fn growth_stops_at_the_limit_with_an_error() {
        let mut seen = Vec::new();
        let mut buffer = GrowingBuffer::new();
        let err = buffer.run(needing(MAX_BUFFER_SIZE + 1, &mut seen)).unwrap_err();
        assert!(matches!(err, Error::EntryTooLarge { limit: MAX_BUFFER_SIZE }), "{err:?}");
        assert_eq!(seen.last(), Some(&MAX_BUFFER_SIZE));
        assert_eq!(seen.len(), 11, "1 KiB on the stack, then 2 KiB .. 1 MiB: {seen:?}");
    }

    #[test]
    fn a_limit_that_is_not_a_power_of_two_is_tried_exactly() {
        let mut seen = Vec::new();
        let mut buffer = GrowingBuffer::new();
        let err = buffer.run_with_limit(3000, &mut needing(usize::MAX, &mut seen)).unwrap_err();
        assert!(matches!(err, Error::EntryTooLarge { limit: 3000 }), "{err:?}");
        assert_eq!(seen, [1024, 2048, 3000]);
    }
}
