// The crate's documentation is the repository's README, included below, so that the
// two never tell different stories.
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

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
mod index;
mod ipproto;
mod network;
mod protocol;
mod resolve;
#[cfg(feature = "serde")]
mod serde_impls;
mod service;
mod spin;
mod sys;
mod table;

pub use addrinfo::{
    addrinfo_error_message, getaddrinfo, getnameinfo, AddrInfo, Hints, NameInfoFlags, SocketType,
};
pub use buffer::MAX_BUFFER_SIZE;
pub use error::{
    AddrInfoError, AddrInfoErrorKind, Error, HostError, LossyEntry, NonUtf8Entry, Result,
};
pub use host::{fqdn, hostname, AddressFamily, Host, ParseAddressFamilyError};
pub use index::{Freshness, IndexStatus, LookupSource};
pub use ipproto::*;
pub use network::Network;
pub use protocol::Protocol;
pub use resolve::{
    getaddrinfo_with, pending_lookups, Canceller, Deadline, Resolution, MAX_PENDING_LOOKUPS,
};
pub use service::Service;
pub use table::{ProtocolTable, ServiceTable};

/// The raw bindings this crate is built on, for what it does not wrap.
pub use netdb_sys as ffi;
