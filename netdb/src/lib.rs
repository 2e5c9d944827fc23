// The crate's documentation is the repository's README, included below, so that the
// two never tell different stories; the topics it points to are the pages of `guide`.
// guide_links.md comes first so that its definitions of the README's links to those
// pages win over the README's own (see guide.rs).
#![doc = include_str!("guide_links.md")]
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

// Only in the fuzz targets' builds, under the `--cfg fuzzing` cargo-fuzz passes; not
// behind a feature, which would be public: any crate of a program could turn it on.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod __fuzz;
mod addrinfo;
mod buffer;
mod cstr;
mod decode;
mod error;
mod files;
mod format;
pub mod guide;
mod host;
#[cfg(any(feature = "hyper", feature = "reqwest"))]
pub mod http;
mod index;
mod ipproto;
mod network;
mod protocol;
mod resolve;
mod resolver;
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
    AddrInfoError, AddrInfoErrorKind, Error, HostError, LookupTarget, LossyEntry, NonUtf8Entry,
    Result,
};
pub use host::{fqdn, hostname, AddressFamily, Host, ParseAddressFamilyError};
#[cfg(feature = "hyper")]
pub use http::HyperResolver;
#[cfg(feature = "reqwest")]
pub use http::ReqwestResolver;
pub use index::{Freshness, IndexStatus, LookupSource};
pub use ipproto::*;
pub use network::Network;
pub use protocol::Protocol;
pub use resolve::{
    getaddrinfo_with, getnameinfo_with, lookup_host, Answer, Canceller, Deadline, Lookup,
    Resolution,
};
pub use resolver::{AtLimit, Resolver, ResolverBuilder, ResolverStats};
pub use service::Service;
pub use table::{ProtocolTable, ServiceTable};

/// The raw bindings this crate is built on, for what it does not wrap.
pub use netdb_sys as ffi;
