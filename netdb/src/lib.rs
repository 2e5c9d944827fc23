//! Safe, reentrant access to the system's network database, the `<netdb.h>` of C and
//! the lookups of Python's `socket` module.
//!
//! Every lookup returns owned Rust values (`String`, `Vec`, ports as `u16` in host byte
//! order) and goes through the C library, so it sees what C programs and `getent` see:
//! `/etc/services`, `/etc/protocols` and any other source `nsswitch.conf` names.
//!
//! ```
//! use netdb::{Protocol, Service};
//!
//! let https = Service::from_name("https", Some("tcp"))?.expect("https is a well-known service");
//! assert_eq!(https.port, 443);
//!
//! let udp = Protocol::from_number(17)?.expect("udp is protocol 17");
//! assert_eq!(udp.name, "udp");
//! # Ok::<(), netdb::Error>(())
//! ```
//!
//! # Error model
//! A lookup that finds nothing returns `Ok(None)`. Every other failure is an [`Error`]:
//! bad arguments ([`Error::InteriorNul`]), entries that are not UTF-8
//! ([`Error::NonUtf8`], which keeps the entry), entries too large for
//! [`MAX_BUFFER_SIZE`] ([`Error::EntryTooLarge`]) and system errors ([`Error::Io`]). No
//! input makes a lookup panic.
//!
//! # Thread safety
//! Lookups call the C library's reentrant `_r` functions with buffers owned by the
//! call, so any number of threads may look up at once. Enumerations (`all`) share the
//! C library's one stream per database and take turns behind a lock. Where a C library
//! lacks a reentrant form (musl's protocols functions), its plain functions take turns
//! behind one lock and each entry is copied out before the next call. Winsock has no
//! reentrant forms but keeps each thread's results apart: on Windows each entry is
//! copied out before the thread's next Winsock call, and `WSAStartup` runs once, on the
//! first lookup.
//!
//! macOS has no `_r` functions, but libinfo keeps each plain function's result per
//! thread, so lookups still run in parallel and are copied out at once. Host lookups
//! are the exception: macOS's `h_errno` is one process-wide variable, so they take
//! turns, each reading the `h_errno` its own call set (use [`getaddrinfo`] to resolve
//! names concurrently there). FreeBSD has glibc's `_r` functions. Any other Unix gets
//! the fallback: every lookup behind one lock, since its C library may share static
//! storage between all of them.

#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod __fuzz;
mod addrinfo;
mod buffer;
mod cstr;
mod decode;
mod error;
mod files;
mod format;
mod host;
mod ipproto;
mod network;
mod protocol;
mod service;
mod sys;
mod table;

pub use addrinfo::{
    addrinfo_error_message, getaddrinfo, getnameinfo, AddrInfo, Hints, NameInfoFlags, SocketType,
};
pub use buffer::MAX_BUFFER_SIZE;
pub use error::{Error, LossyEntry, NonUtf8Entry, Result};
pub use host::{fqdn, host_error_message, hostname, AddressFamily, Host, ParseAddressFamilyError};
pub use ipproto::*;
pub use network::Network;
pub use protocol::Protocol;
pub use service::Service;
pub use table::{ProtocolTable, ServiceTable};

/// The raw bindings this crate is built on, for what it does not wrap.
pub use netdb_sys as ffi;
