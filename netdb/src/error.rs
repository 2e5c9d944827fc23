//! The one error type of the crate.

use std::fmt;

use crate::{Host, Network, Protocol, Service};

/// Why a lookup failed.
///
/// "Not found" is not an error: lookups return `Ok(None)` for it. Everything else is
/// one of these variants. The enum is `#[non_exhaustive]`: later versions may tell more
/// failures apart.
///
/// ```
/// use netdb::{Error, Service};
///
/// match Service::from_name("ssh", Some("tcp")) {
///     Ok(Some(service)) => assert_eq!(service.port, 22),
///     Ok(None) => println!("no such service"),
///     Err(Error::NonUtf8(bad)) => println!("a broken entry: {bad}"),
///     Err(e) if e.is_temporary() => println!("try again later: {e}"),
///     Err(e) => println!("failed: {e}"),
/// }
/// ```
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

    /// The resolver could not answer now, but may later (h_errno `TRY_AGAIN`: a name
    /// server timed out or answered SERVFAIL). Retrying the same lookup can succeed.
    #[error("temporary failure in name resolution, try again")]
    TryAgain,

    /// The resolver failed in a way that retrying will not fix (h_errno
    /// `NO_RECOVERY`: a name server refused, or the answer was malformed).
    #[error("non-recoverable failure in name resolution")]
    NoRecovery,

    /// `getaddrinfo` or `getnameinfo` failed with an `EAI_*` code: `code` is the C
    /// library's value (compare it with `netdb::ffi::EAI_*`, whose values differ
    /// between platforms) and `message` its `gai_strerror` text. `EAI_SYSTEM` is
    /// [`Error::Io`] instead, with the `errno` it refers to.
    ///
    /// ```
    /// let err = netdb::getaddrinfo(Some("nosuchname.invalid"), None, &netdb::Hints::new()).unwrap_err();
    /// assert!(matches!(err, netdb::Error::AddrInfo { code, .. } if code == netdb::ffi::EAI_NONAME));
    /// ```
    #[error("{message}")]
    AddrInfo {
        /// The `EAI_*` code.
        code: i32,
        /// What `gai_strerror` says of it.
        message: String,
    },

    /// The deadline of a [`getaddrinfo_with`](crate::getaddrinfo_with) or
    /// [`Resolution::wait`](crate::Resolution::wait) passed before the resolver
    /// answered. The lookup is abandoned (cancelled where the platform can); its memory
    /// is freed when the resolver finishes with it.
    #[error("the name lookup did not finish before its deadline")]
    TimedOut,

    /// A [`Canceller`](crate::Canceller) cancelled the lookup before it finished.
    #[error("the name lookup was cancelled")]
    Cancelled,

    /// [`MAX_PENDING_LOOKUPS`](crate::MAX_PENDING_LOOKUPS) lookups are already in
    /// flight (abandoned ones included, until their resolver finishes), so
    /// [`Resolution::start`](crate::Resolution::start) refuses another rather than let
    /// them pile up.
    #[error("{limit} name lookups are already in flight")]
    TooManyPending {
        /// The bound that was reached.
        limit: usize,
    },

    /// The system call failed; the `std::io::Error` carries the `errno` value.
    #[error("system error: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// Whether the same call may succeed if retried later: [`Error::TryAgain`], or
    /// [`Error::AddrInfo`] with `EAI_AGAIN`.
    ///
    /// ```
    /// assert!(netdb::Error::TryAgain.is_temporary());
    /// assert!(!netdb::Error::NoRecovery.is_temporary());
    /// ```
    pub fn is_temporary(&self) -> bool {
        match self {
            Error::TryAgain => true,
            Error::AddrInfo { code, .. } => *code == netdb_sys::EAI_AGAIN,
            _ => false,
        }
    }
}

/// Lets `?` turn a [`netdb::Error`](Error) into an `io::Error` in functions that return
/// `io::Result`. The kind says what went wrong:
///
/// | variant | `io::ErrorKind` |
/// |---|---|
/// | `InteriorNul` | `InvalidInput` |
/// | `NonUtf8` | `InvalidData` |
/// | `EntryTooLarge` | `OutOfMemory` |
/// | `TryAgain`, `AddrInfo` with `EAI_AGAIN` | `WouldBlock` |
/// | `TimedOut` | `TimedOut` |
/// | `Cancelled` | `Interrupted` |
/// | `TooManyPending` | `WouldBlock` |
/// | `NoRecovery`, other `AddrInfo` | `Other` |
/// | `Io(e)` | `e` itself, unchanged |
///
/// The `netdb::Error` stays inside as the source (`io::Error::get_ref`), except for
/// `Io`, which is returned as it is.
///
/// ```
/// use std::io;
///
/// fn port_of(name: &str) -> io::Result<u16> {
///     let service = netdb::Service::from_name(name, Some("tcp"))?
///         .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("no service {name}")))?;
///     Ok(service.port)
/// }
///
/// assert_eq!(port_of("ssh").unwrap(), 22);
/// assert_eq!(port_of("s\0h").unwrap_err().kind(), io::ErrorKind::InvalidInput);
/// ```
impl From<Error> for std::io::Error {
    fn from(error: Error) -> std::io::Error {
        use std::io::ErrorKind;
        let kind = match error {
            Error::Io(io) => return io,
            Error::InteriorNul { .. } => ErrorKind::InvalidInput,
            Error::NonUtf8(_) => ErrorKind::InvalidData,
            Error::EntryTooLarge { .. } => ErrorKind::OutOfMemory,
            _ if error.is_temporary() => ErrorKind::WouldBlock,
            Error::TimedOut => ErrorKind::TimedOut,
            Error::Cancelled => ErrorKind::Interrupted,
            Error::TooManyPending { .. } => ErrorKind::WouldBlock,
            Error::TryAgain | Error::NoRecovery | Error::AddrInfo { .. } => ErrorKind::Other,
        };
        std::io::Error::new(kind, error)
    }
}

/// A database entry holding bytes that are not UTF-8, kept by [`Error::NonUtf8`].
///
/// ```
/// use netdb::{LossyEntry, NonUtf8Entry, Protocol};
///
/// let bad = NonUtf8Entry {
///     entry: LossyEntry::Protocol(Protocol { name: "caf\u{fffd}".into(), aliases: vec![], number: 253 }),
///     field: "name",
///     bytes: b"caf\xe9".to_vec(),
/// };
/// assert_eq!(
///     bad.to_string(),
///     "the protocols entry \"caf\u{fffd}\" has a name that is not valid UTF-8: b\"caf\\xe9\""
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
            LossyEntry::Host(h) => ("hosts", &h.name),
            LossyEntry::Network(n) => ("networks", &n.name),
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
///
/// ```
/// use netdb::{Error, LossyEntry};
///
/// // Keep going with the lossy entry where a strict lookup refused it.
/// let service = match netdb::Service::from_name("ssh", Some("tcp")) {
///     Err(Error::NonUtf8(bad)) => match bad.entry {
///         LossyEntry::Service(service) => Some(service),
///         _ => None,
///     },
///     other => other?,
/// };
/// assert_eq!(service.map(|s| s.port), Some(22));
/// # Ok::<(), netdb::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LossyEntry {
    /// A services entry.
    Service(Service),
    /// A protocols entry.
    Protocol(Protocol),
    /// A hosts entry.
    Host(Host),
    /// A networks entry.
    Network(Network),
}

/// Shorthand for results of this crate.
///
/// ```
/// fn https_port() -> netdb::Result<Option<u16>> {
///     Ok(netdb::Service::from_name("https", Some("tcp"))?.map(|s| s.port))
/// }
/// assert_eq!(https_port()?, Some(443));
/// # Ok::<(), netdb::Error>(())
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use std::io::{self, ErrorKind};

    use super::*;

    #[test]
    fn each_variant_becomes_an_io_error_of_a_fitting_kind() {
        let addr_info = |code| Error::AddrInfo { code, message: "text".into() };
        let cases = [
            (Error::InteriorNul { argument: "name", position: 0 }, ErrorKind::InvalidInput),
            (Error::EntryTooLarge { limit: 1 }, ErrorKind::OutOfMemory),
            (
                Error::NonUtf8(Box::new(NonUtf8Entry {
                    entry: LossyEntry::Protocol(Protocol {
                        name: "p".into(),
                        aliases: vec![],
                        number: 1,
                    }),
                    field: "name",
                    bytes: vec![0xff],
                })),
                ErrorKind::InvalidData,
            ),
            (Error::TryAgain, ErrorKind::WouldBlock),
            (Error::NoRecovery, ErrorKind::Other),
            (addr_info(netdb_sys::EAI_AGAIN), ErrorKind::WouldBlock),
            (addr_info(netdb_sys::EAI_NONAME), ErrorKind::Other),
            (Error::TimedOut, ErrorKind::TimedOut),
            (Error::Cancelled, ErrorKind::Interrupted),
            (Error::TooManyPending { limit: 1 }, ErrorKind::WouldBlock),
        ];
        for (error, kind) in cases {
            let text = error.to_string();
            let io = io::Error::from(error);
            assert_eq!(io.kind(), kind, "{text}");
            assert_eq!(io.to_string(), text, "the message survives");
            assert!(io.get_ref().is_some_and(|inner| inner.is::<Error>()), "{text}: source kept");
        }
    }

    #[test]
    fn an_io_error_comes_back_unchanged() {
        let io = io::Error::from(Error::Io(io::Error::from_raw_os_error(2)));
        assert_eq!(io.raw_os_error(), Some(2));
    }
}
