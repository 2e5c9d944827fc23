//! The one error type of the crate.

use std::fmt;

use crate::host::Host;
use crate::network::Network;
use crate::protocol::Protocol;
use crate::service::Service;
use crate::sys;

/// Why a lookup failed.
///
/// "Not found" is not an error for the database lookups: they return `Ok(None)` for
/// it. `getaddrinfo` and `getnameinfo`, which resolve rather than look up one entry,
/// report it as [`Error::AddrInfo`], for which [`Error::is_not_found`] is true.
/// Everything else is one of these variants. The enum is `#[non_exhaustive]`: later
/// versions may tell more failures apart.
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

    /// A host or network lookup failed in the resolver (h_errno): a name server could
    /// not answer now ([`HostError::TryAgain`]) or failed for good
    /// ([`HostError::NoRecovery`]). "No such host" is `Ok(None)` instead.
    ///
    /// ```
    /// use netdb::{Error, HostError};
    /// assert!(Error::Host(HostError::TryAgain).is_temporary());
    /// ```
    #[error("{0}")]
    Host(HostError),

    /// `getaddrinfo` or `getnameinfo` failed: [`AddrInfoError::kind`] says how, the
    /// same on every platform, and the error keeps the C library's code and text, and
    /// what was looked up ([`AddrInfoError::lookup`]). `EAI_SYSTEM` is [`Error::Io`]
    /// instead, with the `errno` it refers to.
    ///
    /// ```
    /// use netdb::{AddrInfoErrorKind, Error, Hints};
    ///
    /// let err = netdb::getaddrinfo(Some("nosuchname.invalid"), None, &Hints::new()).unwrap_err();
    /// assert!(err.is_not_found());
    /// match err {
    ///     Error::AddrInfo(e) => assert_eq!(e.kind(), AddrInfoErrorKind::NoName),
    ///     other => panic!("{other}"),
    /// }
    /// ```
    #[error("{0}")]
    AddrInfo(AddrInfoError),

    /// The deadline of a [`getaddrinfo_with`](crate::getaddrinfo_with),
    /// [`Resolver::resolve`](crate::Resolver::resolve) or
    /// [`Resolution::wait`](crate::Resolution::wait) passed before the resolver
    /// answered. The lookup is abandoned for this caller (and stopped where the platform
    /// can, when no other caller waits for it); its memory is freed when the resolver
    /// finishes with it.
    ///
    /// ```
    /// use netdb::{Error, LookupTarget};
    ///
    /// let error = Error::TimedOut { lookup: Some(LookupTarget::new(Some("example.com"), Some("https"))) };
    /// assert_eq!(error.host(), Some("example.com"));
    /// assert_eq!(error.to_string(), r#"the lookup of host "example.com" and service "https" did not finish before its deadline"#);
    /// ```
    #[error("the lookup{} did not finish before its deadline", of(lookup))]
    TimedOut {
        /// What was looked up, where known.
        lookup: Option<LookupTarget>,
    },

    /// A [`Canceller`](crate::Canceller) cancelled the lookup before it finished.
    #[error("the lookup{} was cancelled", of(lookup))]
    Cancelled {
        /// What was looked up, where known.
        lookup: Option<LookupTarget>,
    },

    /// The resolver runs as many lookups as it allows
    /// ([`ResolverBuilder::max_running`](crate::ResolverBuilder::max_running)) and was
    /// built to refuse more ([`AtLimit::Refuse`](crate::AtLimit::Refuse)) rather than
    /// let them wait in line.
    #[error("{limit} name lookups are already running: the lookup{} was refused", of(lookup))]
    TooManyPending {
        /// The bound that was reached.
        limit: usize,
        /// What was looked up, where known.
        lookup: Option<LookupTarget>,
    },

    /// [`Resolution::wait`](crate::Resolution::wait) (or a poll) came after the
    /// resolution had already returned its answer (or its cancellation): a resolution
    /// answers once.
    #[error("the name lookup already returned its answer")]
    AlreadyAnswered,

    /// The system call failed; the `std::io::Error` carries the `errno` value. Its text
    /// is the `io::Error`'s, and `source()` is the `io::Error`'s own source, so that an
    /// error-chain printer shows each message once.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// " of host "x" and service "y"", or nothing for an unknown lookup.
fn of(lookup: &Option<LookupTarget>) -> String {
    lookup.as_ref().map_or_else(String::new, |lookup| format!(" of {lookup}"))
}

/// What a failed lookup was for: its host (or address) and its service (or port), as
/// the caller gave them. Errors of the resolver carry it ([`Error::lookup`]), so that
/// their text names what failed.
///
/// ```
/// use netdb::LookupTarget;
///
/// let target = LookupTarget::new(Some("example.com"), Some("443"));
/// assert_eq!((target.host(), target.service()), (Some("example.com"), Some("443")));
/// assert_eq!(target.to_string(), r#"host "example.com" and service "443""#);
/// assert_eq!(LookupTarget::new(None, Some("http")).to_string(), r#"service "http""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LookupTarget {
    host: Option<String>,
    service: Option<String>,
}

impl LookupTarget {
    /// What a lookup of `host` and `service` is for.
    #[must_use]
    pub fn new(host: Option<&str>, service: Option<&str>) -> LookupTarget {
        LookupTarget { host: host.map(str::to_owned), service: service.map(str::to_owned) }
    }

    /// The host name, or the address in digits for a lookup by address.
    pub fn host(&self) -> Option<&str> {
        self.host.as_deref()
    }

    /// The service name, or the port in digits.
    pub fn service(&self) -> Option<&str> {
        self.service.as_deref()
    }
}

/// `host "example.com" and service "https"`, `host "example.com"` or `service "https"`.
impl fmt::Display for LookupTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.host, &self.service) {
            (Some(host), Some(service)) => write!(f, "host {host:?} and service {service:?}"),
            (Some(host), None) => write!(f, "host {host:?}"),
            (None, Some(service)) => write!(f, "service {service:?}"),
            (None, None) => f.write_str("nothing"),
        }
    }
}

impl Error {
    /// Whether the same call may succeed if retried later: the resolver could not
    /// answer now ([`HostError::TryAgain`], [`AddrInfoErrorKind::TryAgain`]), the
    /// deadline passed first ([`Error::TimedOut`]), or too many lookups were in flight
    /// ([`Error::TooManyPending`]).
    ///
    /// ```
    /// use netdb::{Error, HostError};
    /// assert!(Error::Host(HostError::TryAgain).is_temporary());
    /// assert!(!Error::Host(HostError::NoRecovery).is_temporary());
    /// ```
    pub fn is_temporary(&self) -> bool {
        match self {
            Error::Host(HostError::TryAgain)
            | Error::TimedOut { .. }
            | Error::TooManyPending { .. } => true,
            Error::AddrInfo(e) => e.kind == AddrInfoErrorKind::TryAgain,
            _ => false,
        }
    }

    /// Whether the name asked for does not exist, or has no address (of the family
    /// asked for): what `getaddrinfo` and `getnameinfo` say with `EAI_NONAME`,
    /// `EAI_NODATA` or `EAI_ADDRFAMILY` (Windows: `WSAHOST_NOT_FOUND`, `WSANO_DATA`).
    /// The database lookups (`Service::from_name`, `Host::from_name`, …) return
    /// `Ok(None)` for it instead, so this is never true of their errors.
    ///
    /// ```
    /// use netdb::Hints;
    /// let err = netdb::getaddrinfo(Some("nosuchname.invalid"), None, &Hints::new()).unwrap_err();
    /// assert!(err.is_not_found());
    /// assert!(!err.is_temporary());
    /// ```
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::AddrInfo(e) if e.kind.is_not_found())
    }

    /// What the failed lookup was for, where the error knows it: the errors of
    /// `getaddrinfo`, `getnameinfo` and the resolver ([`Error::AddrInfo`],
    /// [`Error::TimedOut`], [`Error::Cancelled`], [`Error::TooManyPending`]).
    ///
    /// ```
    /// use netdb::Hints;
    /// let err = netdb::getaddrinfo(Some("nosuchname.invalid"), Some("https"), &Hints::new()).unwrap_err();
    /// let lookup = err.lookup().expect("getaddrinfo's errors say what they were for");
    /// assert_eq!((lookup.host(), lookup.service()), (Some("nosuchname.invalid"), Some("https")));
    /// assert!(err.to_string().contains("nosuchname.invalid"));
    /// ```
    pub fn lookup(&self) -> Option<&LookupTarget> {
        match self {
            Error::AddrInfo(error) => error.lookup(),
            Error::TimedOut { lookup } | Error::Cancelled { lookup } => lookup.as_ref(),
            Error::TooManyPending { lookup, .. } => lookup.as_ref(),
            _ => None,
        }
    }

    /// The host (or address) the failed lookup was for, where known (see
    /// [`Error::lookup`]).
    ///
    /// ```
    /// let err = netdb::getaddrinfo(Some("nosuchname.invalid"), None, &netdb::Hints::new()).unwrap_err();
    /// assert_eq!(err.host(), Some("nosuchname.invalid"));
    /// assert_eq!(err.service(), None);
    /// ```
    pub fn host(&self) -> Option<&str> {
        self.lookup().and_then(LookupTarget::host)
    }

    /// The service (or port) the failed lookup was for, where known (see
    /// [`Error::lookup`]).
    pub fn service(&self) -> Option<&str> {
        self.lookup().and_then(LookupTarget::service)
    }

    /// The error, saying it was for `lookup`, if it is of a kind that says so and does
    /// not say it already.
    pub(crate) fn for_lookup(self, lookup: impl FnOnce() -> LookupTarget) -> Error {
        match self {
            Error::AddrInfo(error) if error.lookup.is_none() => {
                Error::AddrInfo(AddrInfoError { lookup: Some(Box::new(lookup())), ..error })
            }
            Error::TimedOut { lookup: None } => Error::TimedOut { lookup: Some(lookup()) },
            Error::Cancelled { lookup: None } => Error::Cancelled { lookup: Some(lookup()) },
            Error::TooManyPending { limit, lookup: None } => {
                Error::TooManyPending { limit, lookup: Some(lookup()) }
            }
            other => other,
        }
    }

    /// A copy, for each caller of a lookup that several share. An `io::Error` is made
    /// anew from its errno value, or from its kind and text.
    pub(crate) fn duplicate(&self) -> Error {
        match self {
            Error::InteriorNul { argument, position } => {
                Error::InteriorNul { argument, position: *position }
            }
            Error::NonUtf8(entry) => Error::NonUtf8(entry.clone()),
            Error::EntryTooLarge { limit } => Error::EntryTooLarge { limit: *limit },
            Error::Host(error) => Error::Host(*error),
            Error::AddrInfo(error) => Error::AddrInfo(error.clone()),
            Error::TimedOut { lookup } => Error::TimedOut { lookup: lookup.clone() },
            Error::Cancelled { lookup } => Error::Cancelled { lookup: lookup.clone() },
            Error::TooManyPending { limit, lookup } => {
                Error::TooManyPending { limit: *limit, lookup: lookup.clone() }
            }
            Error::AlreadyAnswered => Error::AlreadyAnswered,
            Error::Io(error) => Error::Io(match error.raw_os_error() {
                Some(code) => std::io::Error::from_raw_os_error(code),
                None => std::io::Error::new(error.kind(), error.to_string()),
            }),
        }
    }
}

/// How `getaddrinfo` or `getnameinfo` failed: one kind for each `EAI_*` code, the same
/// on every platform (the codes themselves differ: `EAI_NONAME` is -2 on glibc, 8 on
/// FreeBSD and macOS, 11001 on Windows).
///
/// ```
/// use netdb::{AddrInfoErrorKind, Error, Hints};
///
/// match netdb::getaddrinfo(Some("localhost"), Some("no-such-service"), &Hints::new()) {
///     Err(Error::AddrInfo(e)) => assert_eq!(e.kind(), AddrInfoErrorKind::Service),
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AddrInfoErrorKind {
    /// No such name (`EAI_NONAME`; Windows `WSAHOST_NOT_FOUND`), or, from
    /// `getnameinfo` with [`NameInfoFlags::NAME_REQUIRED`](crate::NameInfoFlags::NAME_REQUIRED),
    /// no name for the address.
    NoName,
    /// The name exists but has no address (`EAI_NODATA`; Windows `WSANO_DATA`).
    NoData,
    /// The name has no address of the family asked for (`EAI_ADDRFAMILY`).
    NoAddressOfFamily,
    /// The resolver could not answer now; retrying may succeed (`EAI_AGAIN`: a name
    /// server timed out or answered SERVFAIL).
    TryAgain,
    /// The resolver failed for good (`EAI_FAIL`: a name server refused).
    Fail,
    /// The address family is not supported (`EAI_FAMILY`).
    Family,
    /// The socket type is not supported (`EAI_SOCKTYPE`).
    SocketType,
    /// The service names nothing for the socket type asked for (`EAI_SERVICE`): no
    /// such service, or one that has no port for it (a service with `SOCK_RAW`). A
    /// service written in digits above 65535 is this too.
    Service,
    /// Out of memory (`EAI_MEMORY`).
    Memory,
    /// The flags are not valid (`EAI_BADFLAGS`).
    BadFlags,
    /// A buffer for the answer was too small (`EAI_OVERFLOW`).
    Overflow,
    /// Any other code, such as glibc's `EAI_IDN_ENCODE` (a name that cannot be
    /// encoded for DNS): [`AddrInfoError::code`] tells which.
    Other,
}

/// What the kind means, in the same words on every platform (the C library's own
/// text for the code is [`AddrInfoError::message`]).
///
/// ```
/// use netdb::AddrInfoErrorKind;
/// assert_eq!(AddrInfoErrorKind::NoName.to_string(), "no such name");
/// assert_eq!(AddrInfoErrorKind::TryAgain.to_string(), "the name server could not answer now");
/// ```
impl fmt::Display for AddrInfoErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AddrInfoErrorKind::NoName => "no such name",
            AddrInfoErrorKind::NoData => "the name has no address",
            AddrInfoErrorKind::NoAddressOfFamily => {
                "the name has no address of the family asked for"
            }
            AddrInfoErrorKind::TryAgain => "the name server could not answer now",
            AddrInfoErrorKind::Fail => "the name server failed",
            AddrInfoErrorKind::Family => "the address family is not supported",
            AddrInfoErrorKind::SocketType => "the socket type is not supported",
            AddrInfoErrorKind::Service => "no such service for the socket type",
            AddrInfoErrorKind::Memory => "out of memory",
            AddrInfoErrorKind::BadFlags => "the flags are not valid",
            AddrInfoErrorKind::Overflow => "a buffer for the answer was too small",
            AddrInfoErrorKind::Other => "the lookup failed",
        })
    }
}

impl AddrInfoErrorKind {
    /// The kind of the platform's `EAI_*` code `code`.
    fn of(code: i32) -> AddrInfoErrorKind {
        sys::ADDRINFO_ERROR_CODES
            .iter()
            .find(|&&(_, known)| known == code)
            .map_or(AddrInfoErrorKind::Other, |&(kind, _)| kind)
    }

    fn is_not_found(self) -> bool {
        matches!(
            self,
            AddrInfoErrorKind::NoName
                | AddrInfoErrorKind::NoData
                | AddrInfoErrorKind::NoAddressOfFamily
        )
    }
}

/// A failure of `getaddrinfo` or `getnameinfo`: its portable [`kind`](Self::kind), the
/// C library's own [`code`](Self::code) and [`message`](Self::message) (what
/// `gai_strerror` says, as Python's `socket.gaierror` does), and what was looked up
/// ([`lookup`](Self::lookup)). `Display` names the lookup, then gives the C library's
/// text: `cannot resolve host "nosuchname.invalid": Name or service not known`.
///
/// ```
/// use netdb::{AddrInfoErrorKind, Error, Hints};
///
/// let Err(Error::AddrInfo(e)) = netdb::getaddrinfo(Some("nosuchname.invalid"), None, &Hints::new()) else {
///     panic!("the reserved .invalid domain resolved");
/// };
/// assert_eq!(e.kind(), AddrInfoErrorKind::NoName);
/// assert_eq!(e.code(), netdb::ffi::EAI_NONAME);
/// assert_eq!(e.lookup().and_then(|l| l.host()), Some("nosuchname.invalid"));
/// assert_eq!(e.to_string(), format!(r#"cannot resolve host "nosuchname.invalid": {}"#, e.message()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AddrInfoError {
    kind: AddrInfoErrorKind,
    code: i32,
    message: String,
    lookup: Option<Box<LookupTarget>>,
}

impl AddrInfoError {
    /// The error for the platform's `EAI_*` code `code` (as `getaddrinfo` returned it),
    /// with the C library's text for it.
    ///
    /// ```
    /// use netdb::{AddrInfoError, AddrInfoErrorKind};
    /// let e = AddrInfoError::from_code(netdb::ffi::EAI_AGAIN);
    /// assert_eq!(e.kind(), AddrInfoErrorKind::TryAgain);
    /// assert_eq!(e.message(), netdb::addrinfo_error_message(netdb::ffi::EAI_AGAIN));
    /// ```
    pub fn from_code(code: i32) -> AddrInfoError {
        AddrInfoError {
            kind: AddrInfoErrorKind::of(code),
            code,
            message: sys::addrinfo_error_message(code),
            lookup: None,
        }
    }

    /// How the lookup failed, the same on every platform.
    pub fn kind(&self) -> AddrInfoErrorKind {
        self.kind
    }

    /// The C library's `EAI_*` code (on Windows a Winsock error code), for comparing
    /// with `netdb::ffi::EAI_*` or passing on to C.
    pub fn code(&self) -> i32 {
        self.code
    }

    /// The C library's text for the code, as `gai_strerror` gives it.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What was looked up: the host and service of `getaddrinfo`, the address and port
    /// of `getnameinfo`; `None` for an error made by [`from_code`](Self::from_code).
    pub fn lookup(&self) -> Option<&LookupTarget> {
        self.lookup.as_deref()
    }
}

impl fmt::Display for AddrInfoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.lookup {
            Some(lookup) => write!(f, "cannot resolve {lookup}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for AddrInfoError {}

/// Why a host or network lookup failed in the resolver: the h_errno values of C (on
/// Windows, the Winsock codes of the same meaning).
///
/// Lookups return "no such host" and "no address" as `Ok(None)`, and the other two as
/// [`Error::Host`]; all four are here for [`message`](Self::message), the C library's
/// own words for each, which Python's `socket.herror` and `herror()` print.
///
/// ```
/// use netdb::HostError;
///
/// assert_eq!(HostError::from_raw(HostError::TryAgain.as_raw()), Some(HostError::TryAgain));
/// assert!(!HostError::NotFound.message().is_empty());
/// assert_eq!(HostError::TryAgain.to_string(), "temporary failure in name resolution, try again");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HostError {
    /// No such host (`HOST_NOT_FOUND`).
    NotFound,
    /// The name exists but has no address (`NO_DATA`).
    NoData,
    /// A name server could not answer now; retrying may succeed (`TRY_AGAIN`).
    TryAgain,
    /// A name server failed in a way retrying will not fix (`NO_RECOVERY`).
    NoRecovery,
}

impl HostError {
    /// The error of the platform's h_errno value `code` (on Windows, its Winsock code),
    /// or `None` for a value that is none of these.
    pub fn from_raw(code: i32) -> Option<HostError> {
        sys::HOST_ERROR_CODES.iter().find(|&&(_, known)| known == code).map(|&(error, _)| error)
    }

    /// The platform's h_errno value (on Windows, the Winsock code).
    pub fn as_raw(self) -> i32 {
        sys::HOST_ERROR_CODES
            .iter()
            .find(|&&(error, _)| error == self)
            .map(|&(_, code)| code)
            .expect("HOST_ERROR_CODES has a row for every HostError")
    }

    /// The C library's text for it, as `hstrerror` gives it (on Windows, the system's
    /// text for the Winsock code).
    #[doc(alias = "hstrerror")]
    pub fn message(self) -> String {
        sys::host_error_message(self.as_raw())
    }
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HostError::NotFound => "no such host",
            HostError::NoData => "the host has no address",
            HostError::TryAgain => "temporary failure in name resolution, try again",
            HostError::NoRecovery => "non-recoverable failure in name resolution",
        })
    }
}

impl std::error::Error for HostError {}

/// Lets `?` turn a [`netdb::Error`](Error) into an `io::Error` in functions that return
/// `io::Result`. The kind says what went wrong, in the terms std's own loops read: none
/// is `Interrupted` or `WouldBlock`, which `read_exact`-style loops retry at once or take
/// for non-blocking I/O.
///
/// | variant | `io::ErrorKind` | [`is_temporary`](Error::is_temporary) |
/// |---|---|---|
/// | `AddrInfo`: `NoName`, `NoData`, `NoAddressOfFamily` ([`is_not_found`](Error::is_not_found)) | `NotFound` | no |
/// | `AddrInfo`: `TryAgain`; `Host(TryAgain)`; `TimedOut` | `TimedOut` | yes |
/// | `TooManyPending` | `Other` | yes |
/// | `InteriorNul`; `AddrInfo`: `Service`, `Family`, `SocketType`, `BadFlags` | `InvalidInput` | no |
/// | `NonUtf8` | `InvalidData` | no |
/// | `EntryTooLarge`; `AddrInfo`: `Memory` | `OutOfMemory` | no |
/// | `Cancelled`; `AlreadyAnswered`; `Host(NoRecovery)`; `AddrInfo`: `Fail`, `Overflow`, `Other` | `Other` | no |
/// | `Io(e)` | `e` itself, unchanged | no |
///
/// A name server that could not answer now is `TimedOut`: that is what it most often
/// means, and it is the one kind std has that callers read as "later may work" without
/// retrying in a loop. The `netdb::Error` stays inside as the source
/// (`io::Error::get_ref`), except for `Io`, which is returned as it is.
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
///
/// let resolved: io::Result<_> = netdb::getaddrinfo(Some("nosuchname.invalid"), None, &netdb::Hints::new())
///     .map_err(io::Error::from);
/// assert_eq!(resolved.unwrap_err().kind(), io::ErrorKind::NotFound);
/// ```
impl From<Error> for std::io::Error {
    fn from(error: Error) -> std::io::Error {
        use std::io::ErrorKind;
        if let Error::Io(io) = error {
            return io;
        }
        let kind = match &error {
            Error::Io(_) => unreachable!("returned above"),
            _ if error.is_not_found() => ErrorKind::NotFound,
            Error::TooManyPending { .. } => ErrorKind::Other,
            _ if error.is_temporary() => ErrorKind::TimedOut,
            Error::InteriorNul { .. } => ErrorKind::InvalidInput,
            Error::NonUtf8(_) => ErrorKind::InvalidData,
            Error::EntryTooLarge { .. } => ErrorKind::OutOfMemory,
            Error::AddrInfo(e) => match e.kind {
                AddrInfoErrorKind::Service
                | AddrInfoErrorKind::Family
                | AddrInfoErrorKind::SocketType
                | AddrInfoErrorKind::BadFlags => ErrorKind::InvalidInput,
                AddrInfoErrorKind::Memory => ErrorKind::OutOfMemory,
                _ => ErrorKind::Other,
            },
            Error::Host(_)
            | Error::TimedOut { .. }
            | Error::Cancelled { .. }
            | Error::AlreadyAnswered => ErrorKind::Other,
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
        let addr_info = |kind| {
            Error::AddrInfo(AddrInfoError { kind, code: 0, message: "m".into(), lookup: None })
        };
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
            (Error::Host(HostError::TryAgain), ErrorKind::TimedOut),
            (Error::Host(HostError::NoRecovery), ErrorKind::Other),
            (addr_info(AddrInfoErrorKind::TryAgain), ErrorKind::TimedOut),
            (addr_info(AddrInfoErrorKind::NoName), ErrorKind::NotFound),
            (addr_info(AddrInfoErrorKind::NoData), ErrorKind::NotFound),
            (addr_info(AddrInfoErrorKind::NoAddressOfFamily), ErrorKind::NotFound),
            (addr_info(AddrInfoErrorKind::Service), ErrorKind::InvalidInput),
            (addr_info(AddrInfoErrorKind::BadFlags), ErrorKind::InvalidInput),
            (addr_info(AddrInfoErrorKind::Memory), ErrorKind::OutOfMemory),
            (addr_info(AddrInfoErrorKind::Fail), ErrorKind::Other),
            (addr_info(AddrInfoErrorKind::Other), ErrorKind::Other),
            (Error::TimedOut { lookup: None }, ErrorKind::TimedOut),
            (Error::Cancelled { lookup: None }, ErrorKind::Other),
            (Error::TooManyPending { limit: 1, lookup: None }, ErrorKind::Other),
            (Error::AlreadyAnswered, ErrorKind::Other),
        ];
        for (error, kind) in cases {
            let text = error.to_string();
            let temporary = error.is_temporary();
            let not_found = error.is_not_found();
            let io = io::Error::from(error);
            assert_eq!(io.kind(), kind, "{text}");
            assert_ne!(io.kind(), ErrorKind::Interrupted, "{text}: std's loops would retry it");
            assert_ne!(io.kind(), ErrorKind::WouldBlock, "{text}: that means non-blocking I/O");
            assert_eq!(not_found, kind == ErrorKind::NotFound, "{text}");
            if kind == ErrorKind::TimedOut {
                assert!(temporary, "{text}: a time-out may work later");
            }
            assert_eq!(io.to_string(), text, "the message survives");
            assert!(io.get_ref().is_some_and(|inner| inner.is::<Error>()), "{text}: source kept");
        }
    }

    /// Every code the platform table names maps back to its kind, and every kind but
    /// `Other` has a code on every platform (except what a platform lacks).
    #[test]
    #[cfg_attr(miri, ignore = "calls the C library, which Miri cannot run")]
    fn each_eai_code_has_its_kind_and_host_errors_round_trip() {
        for &(kind, code) in sys::ADDRINFO_ERROR_CODES {
            assert_eq!(AddrInfoErrorKind::of(code), kind, "{code}");
            let error = AddrInfoError::from_code(code);
            assert!(!error.message().is_empty(), "{code}");
        }
        assert_eq!(AddrInfoErrorKind::of(i32::MIN), AddrInfoErrorKind::Other);
        for error in
            [HostError::NotFound, HostError::NoData, HostError::TryAgain, HostError::NoRecovery]
        {
            assert_eq!(HostError::from_raw(error.as_raw()), Some(error));
            assert!(!error.message().is_empty());
        }
        assert_eq!(HostError::from_raw(i32::MIN), None);
    }

    /// Every variant's text, and the text of each error in its `source()` chain, as an
    /// error-chain printer (anyhow, eyre) shows them: none repeats another, so no
    /// message is shown twice.
    #[test]
    #[cfg_attr(miri, ignore = "calls the C library, which Miri cannot run")]
    fn no_message_is_shown_twice_in_an_error_chain() {
        let lookup = || Some(LookupTarget::new(Some("h.example"), Some("80")));
        let errors = [
            Error::Io(io::Error::from_raw_os_error(2)),
            Error::Io(io::Error::other("custom")),
            Error::AddrInfo(AddrInfoError::from_code(crate::ffi::EAI_NONAME)),
            Error::TimedOut { lookup: lookup() },
            Error::Cancelled { lookup: lookup() },
            Error::TooManyPending { limit: 3, lookup: lookup() },
            Error::Host(HostError::TryAgain),
            Error::AlreadyAnswered,
        ];
        for error in errors {
            for wrapped in [
                Box::new(error.duplicate()) as Box<dyn std::error::Error>,
                Box::new(io::Error::from(error)),
            ] {
                let mut texts = vec![wrapped.to_string()];
                let mut source = wrapped.source();
                while let Some(next) = source {
                    texts.push(next.to_string());
                    source = next.source();
                }
                for (i, text) in texts.iter().enumerate().skip(1) {
                    assert!(
                        !texts[..i].iter().any(|earlier| earlier.contains(text.as_str())),
                        "shown twice: {texts:?}"
                    );
                }
            }
        }
    }

    /// What a lookup was for is said by the errors that know it, and kept by copies.
    #[test]
    #[cfg_attr(miri, ignore = "calls the C library, which Miri cannot run")]
    fn errors_name_what_was_looked_up() {
        let error = Error::AddrInfo(AddrInfoError::from_code(crate::ffi::EAI_NONAME))
            .for_lookup(|| LookupTarget::new(Some("nosuchname.invalid"), Some("https")));
        assert_eq!((error.host(), error.service()), (Some("nosuchname.invalid"), Some("https")));
        let text = error.to_string();
        assert!(
            text.starts_with(r#"cannot resolve host "nosuchname.invalid" and service "https": "#),
            "{text}"
        );
        assert_eq!(error.duplicate().lookup(), error.lookup());
        let timed_out = Error::TimedOut { lookup: None }
            .for_lookup(|| LookupTarget::new(Some("a.example"), None));
        assert_eq!(
            timed_out.to_string(),
            r#"the lookup of host "a.example" did not finish before its deadline"#
        );
        // An error that says what it was for keeps it.
        let again = timed_out.for_lookup(|| LookupTarget::new(Some("b.example"), None));
        assert_eq!(again.host(), Some("a.example"));
        assert_eq!(Error::EntryTooLarge { limit: 1 }.lookup(), None);
        assert_eq!(
            Error::TimedOut { lookup: None }.to_string(),
            "the lookup did not finish before its deadline"
        );
    }

    #[test]
    fn an_io_error_comes_back_unchanged() {
        let io = io::Error::from(Error::Io(io::Error::from_raw_os_error(2)));
        assert_eq!(io.raw_os_error(), Some(2));
    }
}
