//! The one error type of the crate.

use std::fmt;

use crate::{Protocol, Service};

/// Why a lookup failed.
///
/// "Not found" is not an error: lookups return `Ok(None)` for it. Everything else is
/// one of these variants. The enum is `#[non_exhaustive]`: later versions may tell more
/// failures apart.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An argument holds a NUL byte, which the C functions would read as its end.
    ///
    /// ```
    /// let err = netdb::Service::from_name("ht\0tp", None).unwrap_err();
    /// assert!(matches!(err, netdb::Error::InteriorNul { argument: "name", position: 2 }));
    /// ```
    #[error("the {argument} argument holds a NUL byte at position {position}")]
    InteriorNul {
        /// Which argument: `"name"`, `"protocol"`, ...
        argument: &'static str,
        /// The byte offset of the first NUL.
        position: usize,
    },

    /// An entry was found, but one of its strings is not valid UTF-8.
    ///
    /// The entry is not lost: [`NonUtf8Entry::entry`] holds it with every invalid
    /// sequence replaced by U+FFFD, and [`NonUtf8Entry::bytes`] the raw bytes of the
    /// first field that failed. Enumerations have a `*_lossy` form
    /// ([`Service::all_lossy`]) that keeps such entries instead of failing.
    #[error("{0}")]
    NonUtf8(Box<NonUtf8Entry>),

    /// The entry needs a larger buffer than the crate will allocate.
    ///
    /// Lookups start with a small buffer and double it each time the C library answers
    /// `ERANGE`, up to [`MAX_BUFFER_SIZE`](crate::MAX_BUFFER_SIZE) bytes; an entry that
    /// needs more (a database line of megabytes) ends here rather than growing the
    /// allocation without bound.
    #[error("the entry needs more than {limit} bytes of buffer")]
    EntryTooLarge {
        /// The largest buffer that was tried.
        limit: usize,
    },

    /// The system call failed; the `std::io::Error` carries the `errno` value.
    #[error("system error: {0}")]
    Io(#[from] std::io::Error),
}

/// A database entry holding bytes that are not UTF-8, kept by [`Error::NonUtf8`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonUtf8Entry {
    /// The entry, with each invalid sequence replaced by U+FFFD (as
    /// [`String::from_utf8_lossy`] does).
    pub entry: LossyEntry,
    /// The field that failed first: `"name"`, `"alias"`, `"protocol"`.
    pub field: &'static str,
    /// That field's raw bytes.
    pub bytes: Vec<u8>,
}

impl fmt::Display for NonUtf8Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (database, name) = match &self.entry {
            LossyEntry::Service(s) => ("services", &s.name),
            LossyEntry::Protocol(p) => ("protocols", &p.name),
        };
        write!(
            f,
            "the {database} entry {name:?} has a {} that is not valid UTF-8: b\"{}\"",
            self.field,
            self.bytes.escape_ascii()
        )
    }
}

/// The entry inside [`NonUtf8Entry`], decoded lossily.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LossyEntry {
    /// A services entry.
    Service(Service),
    /// A protocols entry.
    Protocol(Protocol),
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
