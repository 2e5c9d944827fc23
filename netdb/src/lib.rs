//! Safe, reentrant access to the system's network database, the `<netdb.h>` of C and
//! the lookups of Python's `socket` module.
//!
//! Every lookup returns owned Rust values (`String`, `Vec`, ports as `u16` in host byte
//! order, `std::net` addresses) and goes through the C library, so it sees what C
//! programs and `getent` see: `/etc/services`, `/etc/protocols`, `/etc/hosts`, DNS and
//! any other source `nsswitch.conf` names.
//!
//! # Quick start
//!
//! ```toml
//! [dependencies]
//! net-db = "0.1"   # the package is `net-db`; the library is `netdb`
//! # or, with Serialize and Deserialize for the results (see Features below):
//! # net-db = { version = "0.1", features = ["serde"] }
//! ```
//!
//! ```
//! use netdb::{AddressFamily, Hints, NameInfoFlags, Protocol, Service, SocketType};
//!
//! // The services and protocols databases.
//! let https = Service::from_name("https", Some("tcp"))?.expect("https is a well-known service");
//! assert_eq!(https.port, 443);
//! let udp = Protocol::from_number(17)?.expect("udp is protocol 17");
//! assert_eq!(udp.name, "udp");
//!
//! // Not found is not an error.
//! assert_eq!(Service::from_name("no-such-service", None)?, None);
//!
//! // Names to socket addresses, and back.
//! let hints = Hints::new().family(AddressFamily::Inet).socket_type(SocketType::STREAM);
//! let found = netdb::getaddrinfo(Some("localhost"), Some("https"), &hints)?;
//! assert!(found.iter().all(|a| a.address.ip().is_loopback() && a.address.port() == 443));
//! let address = "127.0.0.1:22".parse().unwrap();
//! let (host, service) = netdb::getnameinfo(&address, NameInfoFlags::NUMERIC_HOST)?;
//! assert_eq!((host.as_str(), service.as_str()), ("127.0.0.1", "ssh"));
//! # Ok::<(), netdb::Error>(())
//! ```
//!
//! The examples of the repository (`examples/`) are twins of Python's `socket` scripts
//! and of glibc's `getent`, printing what those print.
//!
//! # From Python and C to Rust
//!
//! | Python `socket` | C (`<netdb.h>`) | Rust (`netdb`) |
//! |---|---|---|
//! | `getservbyname(name, proto)` | `getservbyname_r` | [`Service::from_name`]`(name, Some(proto))` → `Option<Service>` |
//! | `getservbyport(port, proto)` | `getservbyport_r(htons(port), …)` | [`Service::from_port`]`(port, Some(proto))` |
//! | — | `setservent` / `getservent_r` / `endservent` | [`Service::all`] ([`Service::all_lossy`] keeps non-UTF-8 entries) |
//! | `getprotobyname(name)` | `getprotobyname_r` | [`Protocol::from_name`]`(name)` → `Option<Protocol>` |
//! | — | `getprotobynumber_r` | [`Protocol::from_number`]`(n)` |
//! | — | `setprotoent` / `getprotoent_r` / `endprotoent` | [`Protocol::all`] |
//! | `gethostbyname_ex(name)` | `gethostbyname2_r(name, AF_INET, …)` | [`Host::from_name`]`(name, AddressFamily::Inet)` → `Option<Host>` |
//! | — | `gethostbyname2_r(name, AF_INET6, …)` | [`Host::from_name`]`(name, AddressFamily::Inet6)` |
//! | `gethostbyaddr(ip)` | `gethostbyaddr_r` | [`Host::from_addr`]`(ip)` |
//! | — | `sethostent` / `gethostent_r` / `endhostent` | [`Host::all`] |
//! | — | `getnetbyname_r`, `getnetbyaddr_r`, `getnetent_r` | [`Network::from_name`], [`Network::from_addr`], [`Network::all`] |
//! | `getaddrinfo(host, port, family, type, proto, flags)` | `getaddrinfo` + `freeaddrinfo` | [`getaddrinfo`]`(Some(host), Some(port), &Hints::new().family(…)…)` → `Vec<AddrInfo>` |
//! | `getnameinfo((host, port), flags)` | `getnameinfo` | [`getnameinfo`]`(&socket_addr, NameInfoFlags::…)` → `(host, service)` |
//! | `gethostname()` | `gethostname` | [`hostname`]`()` |
//! | `getfqdn(name)` | — | [`fqdn`]`(name)` (Python's algorithm, step by step) |
//! | `socket.herror` text | `hstrerror(code)` | [`HostError::message`] |
//! | `socket.gaierror` text | `gai_strerror(code)` | [`addrinfo_error_message`]`(code)` |
//! | `socket.IPPROTO_TCP` | `IPPROTO_TCP` | [`IPPROTO_TCP`] |
//! | `socket.AF_INET`, `socket.SOCK_STREAM` | `AF_INET`, `SOCK_STREAM` | [`AddressFamily::Inet`], [`SocketType::STREAM`] |
//! | `OSError`, `herror`, `gaierror` | errno, h_errno, `EAI_*` | [`Error`] (`Ok(None)` for not found) |
//!
//! For hot paths, [`ServiceTable`] and [`ProtocolTable`] load a database once and answer
//! from memory with what the system lookup would answer. Every raw function and constant
//! is in [`ffi`] (the `netdb-sys` crate).
//!
//! # Platforms
//!
//! The API is the same everywhere; which C functions answer differs:
//!
//! | platform | services and protocols | hosts and networks | reentrant |
//! |---|---|---|---|
//! | Linux, glibc | `getservbyname_r`, `getservbyport_r`, `getprotobyname_r`, `getprotobynumber_r` | `gethostbyname2_r`, `gethostbyaddr_r`, `getnetbyname_r`, `getnetbyaddr_r` | yes: lookups run in parallel |
//! | Linux, musl | `getservbyname_r`, `getservbyport_r`; the plain `getprotobyname`, `getprotobynumber` over musl's compiled-in table | `gethostbyname2_r`, `gethostbyaddr_r`; no networks database | services and hosts yes; protocols take turns behind one lock |
//! | FreeBSD | the `_r` functions, as glibc | the `_r` functions, as glibc (`h_errno` cleared before the networks ones, which read a stale one) | yes |
//! | Android | bionic's plain `getservbyname`, `getservbyport` over its compiled-in table; no protocols database | `gethostbyname2_r`, `gethostbyaddr_r` (API level 23); no networks database | yes: bionic keeps the services results per thread |
//! | macOS, iOS | libinfo's plain `getservbyname`, `getprotobyname`, … | the plain `gethostbyname2`, `gethostbyaddr`, `getnetbyname`, `getnetbyaddr` | no `_r` functions, but results are per thread, so lookups run in parallel; host lookups take turns (`h_errno` is process-wide) |
//! | illumos | the Solaris-shaped `getservbyname_r`, `getprotobyname_r`, … | `gethostbyname_r` (IPv4), `getipnodebyname` (IPv6), `gethostbyaddr_r`, `getnetbyname_r`, `getnetbyaddr_r` | yes |
//! | Windows | Winsock's `getservbyname`, `getprotobyname`, … | `gethostbyname` (IPv4), `getaddrinfo` (IPv6), `gethostbyaddr`; no networks database | no `_r` functions, but results are per thread, so lookups run in parallel |
//! | NetBSD, any other Unix | the plain functions | the plain functions | no: every lookup takes turns behind one lock |
//!
//! `getaddrinfo` and `getnameinfo` are thread-safe everywhere and always run in
//! parallel. The enumerations ([`Service::all`] and the like) read the C library's one
//! stream per database (`setservent`, `getservent_r`, `endservent`), so they take turns
//! on every platform. Where a platform cannot enumerate, the crate reads the file the C
//! library reads (musl's `/etc/services`, Winsock's `services` and `protocol` files)
//! or says it cannot: a database the platform lacks (musl's, bionic's and Winsock's
//! networks, bionic's protocols, their hosts enumeration) is [`Error::Io`] of kind
//! [`Unsupported`](std::io::ErrorKind::Unsupported), never a silent empty answer. So is
//! a host lookup that finds nothing on a Unix whose `h_errno` netdb cannot read (one
//! netdb-sys ships no bindings for): "no such host" and "try again" cannot be told
//! apart there.
//!
//! # Error model
//!
//! A lookup that finds nothing returns `Ok(None)`; an enumeration of an empty database
//! returns an empty `Vec`. Every other failure is an [`Error`]:
//!
//! | variant | what failed |
//! |---|---|
//! | [`Error::InteriorNul`] | an argument holds a NUL byte (it never reaches C) |
//! | [`Error::NonUtf8`] | an entry is not UTF-8; the error keeps it, decoded lossily, with the raw bytes |
//! | [`Error::EntryTooLarge`] | an entry needs more than [`MAX_BUFFER_SIZE`] of buffer |
//! | [`Error::Host`] | h_errno: the resolver may answer later ([`HostError::TryAgain`]), or never |
//! | [`Error::AddrInfo`] | `getaddrinfo` or `getnameinfo` failed: an [`AddrInfoErrorKind`], the same everywhere, with the `EAI_*` code and its text ([`Error::is_not_found`] for "no such name") |
//! | [`Error::TimedOut`], [`Error::Cancelled`], [`Error::TooManyPending`] | a lookup with a deadline or a canceller did not finish |
//! | [`Error::Io`] | a system error, with its `errno` (also `EAI_SYSTEM`) |
//!
//! [`Error::is_temporary`] says whether retrying may help. `Error` converts into
//! [`std::io::Error`] with a fitting [`ErrorKind`](std::io::ErrorKind), so `?` works in
//! functions that return `io::Result`. No input makes a lookup panic.
//!
//! ```
//! use std::io;
//! use netdb::{AddressFamily, Host};
//!
//! fn addresses(name: &str) -> io::Result<Vec<std::net::IpAddr>> {
//!     match Host::from_name(name, AddressFamily::Inet) {
//!         Ok(Some(host)) => Ok(host.addresses),
//!         Ok(None) => Ok(Vec::new()), // no such host
//!         Err(e) if e.is_temporary() => Err(e.into()), // io::ErrorKind::TimedOut: retry later
//!         Err(e) => Err(e.into()),
//!     }
//! }
//!
//! assert!(addresses("localhost")?.iter().all(|a| a.is_loopback()));
//! assert!(addresses("nosuchname.invalid")?.is_empty());
//! # Ok::<(), io::Error>(())
//! ```
//!
//! # Thread safety
//!
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
//! names concurrently there). FreeBSD has glibc's `_r` functions, illumos Solaris'
//! (which return the entry rather than an error code), Android's bionic glibc's host
//! ones and per-thread services results. NetBSD's `_r` functions are private to its
//! libc; it and any other Unix get the fallback: every lookup behind one lock, since
//! its C library may share static storage between all of them.
//!
//! # Features
//!
//! - **`serde`** (off by default): `Serialize` and `Deserialize` for [`Service`],
//!   [`Protocol`], [`Host`], [`Network`], [`AddrInfo`], [`AddressFamily`],
//!   [`SocketType`] and [`NameInfoFlags`]. The entries are structs with the fields of
//!   the Rust types; addresses are `std::net`'s strings. The C constants are written by
//!   their C names, not their values, because the values differ between platforms
//!   (`SOCK_STREAM` is 2 on Linux for MIPS and 1 elsewhere; `NI_NAMEREQD` is 8 on glibc
//!   and 4 on FreeBSD), so what one machine writes reads back right on another:
//!
//!   | type | JSON |
//!   |---|---|
//!   | [`Service`] | `{"name":"http","aliases":["www"],"port":80,"protocol":"tcp"}` |
//!   | [`Protocol`] | `{"name":"udp","aliases":["UDP"],"number":17}` |
//!   | [`Host`] | `{"name":"localhost","aliases":[],"addresses":["127.0.0.1","::1"]}` |
//!   | [`Network`] | `{"name":"link-local","aliases":[],"address":"169.254.0.0"}` |
//!   | [`AddrInfo`] | `{"family":"AF_INET6","socket_type":"SOCK_STREAM","protocol":6,"address":"[::1]:443","canonical_name":null}` |
//!   | [`AddressFamily`] | `"AF_INET"`, `"AF_INET6"`; read from any name its `FromStr` accepts (`"inet6"`, `"ipv4"`, …) |
//!   | [`SocketType`] | `"SOCK_STREAM"`, `"SOCK_DGRAM"`, `"SOCK_RAW"`, `"SOCK_SEQPACKET"`; a type without a name as its value in decimal, as a string (`"10"`) |
//!   | [`NameInfoFlags`] | the names of the flags set, `["NI_NUMERICHOST","NI_DGRAM"]` (`[]` for none); bits without a name last, as one decimal string |
//!
//!   Not serializable: [`Error`] (it holds an `io::Error`) and what only errors carry
//!   ([`NonUtf8Entry`], [`LossyEntry`]); [`Hints`], an argument built in code; and the
//!   tables, which are built from a `Vec<Service>` or `Vec<Protocol>`, which is.
//!
//!   ```
//!   # #[cfg(feature = "serde")] {
//!   let http = netdb::Service { name: "http".into(), aliases: vec!["www".into()], port: 80, protocol: "tcp".into() };
//!   let json = serde_json::to_string(&http).unwrap();
//!   assert_eq!(json, r#"{"name":"http","aliases":["www"],"port":80,"protocol":"tcp"}"#);
//!   assert_eq!(serde_json::from_str::<netdb::Service>(&json).unwrap(), http);
//!   # }
//!   ```
//! - `fuzzing`: internal, for the fuzz targets of the repository only; no semver promise.
//!
//! The minimum supported Rust version is 1.77, with and without `serde`.
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
