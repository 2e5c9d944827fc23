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

/// What one call of the C function made of the buffer it was given.
pub(crate) enum Attempt<T> {
    /// The call finished, found or not, failed or not.
    Done(T),
    /// The call wants a larger buffer (`ERANGE`).
    TooSmall,
}

/// A buffer that starts on the stack and moves to a doubling heap allocation when the
/// C library says it is too small. One can serve many calls in a row (an enumeration),
/// keeping the size it grew to.
pub(crate) struct GrowingBuffer {
    stack: [MaybeUninit<u8>; STACK_BUFFER_SIZE],
    heap: Vec<u8>,
}

impl GrowingBuffer {
    pub(crate) fn new() -> Self {
        GrowingBuffer { stack: [MaybeUninit::uninit(); STACK_BUFFER_SIZE], heap: Vec::new() }
    }

    /// Calls `attempt` with ever larger buffers until it is [`Attempt::Done`], or fails
    /// with [`Error::EntryTooLarge`] once [`MAX_BUFFER_SIZE`] was not enough.
    ///
    /// `attempt` must copy out whatever it needs before it returns: the buffer is
    /// reused or freed afterwards.
    pub(crate) fn run<T>(
        &mut self,
        attempt: impl FnMut(&mut [MaybeUninit<u8>]) -> Attempt<Result<T>>,
    ) -> Result<T> {
        self.run_with_limit(MAX_BUFFER_SIZE, attempt)
    }

    fn run_with_limit<T>(
        &mut self,
        limit: usize,
        mut attempt: impl FnMut(&mut [MaybeUninit<u8>]) -> Attempt<Result<T>>,
    ) -> Result<T> {
        if self.heap.capacity() == 0 {
            if let Attempt::Done(result) = attempt(&mut self.stack) {
                return result;
            }
            self.reallocate(2 * STACK_BUFFER_SIZE);
        }
        loop {
            if let Attempt::Done(result) = attempt(self.heap.spare_capacity_mut()) {
                return result;
            }
            let tried = self.heap.capacity();
            if tried >= limit {
                return Err(Error::EntryTooLarge { limit: tried });
            }
            self.reallocate((2 * tried).min(limit));
        }
    }

    fn reallocate(&mut self, size: usize) {
        // The old contents are garbage once the call said ERANGE: drop them rather
        // than let `reserve` copy them.
        self.heap = Vec::with_capacity(size);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pretend C call that needs `need` bytes and records the sizes it was offered.
    fn needing(
        need: usize,
        seen: &mut Vec<usize>,
    ) -> impl FnMut(&mut [MaybeUninit<u8>]) -> Attempt<Result<usize>> + '_ {
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
