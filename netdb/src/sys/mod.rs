//! The platform layer: the only place that calls C and the only `unsafe` in the crate.
//!
//! Each backend exports the same `pub(crate)` functions and constants, so the database
//! modules above it need no `cfg`. netdb's build script chooses the one backend for the
//! target and says so with `cfg(netdb_backend = "...")`; this module compiles that one
//! as `backend`:
//!
//! | backend | platforms | how lookups stay thread-safe |
//! |---|---|---|
//! | `reentrant` | glibc, FreeBSD | the `_r` functions, in parallel |
//! | `musl` | musl | `_r` for services and hosts; one lock around its protocol table |
//! | `android` | Android | `_r` for hosts; bionic keeps services results per thread |
//! | `apple` | macOS, iOS | libinfo's plain functions keep results per thread |
//! | `illumos` | illumos | the Solaris-shaped `_r` functions, in parallel |
//! | `windows` | Windows | Winsock keeps results per thread; `WSAStartup` runs once |
//! | `locked` | NetBSD, any other Unix | the plain functions, serialised behind one lock |
//!
//! `gai` converts the C shapes of name resolution for every backend, Windows included
//! (socket addresses both ways, hints, result lists, and `getaddrinfo` and
//! `getnameinfo` themselves), `eai` maps `EAI_*` codes to their kinds, `unix` holds
//! the rest every Unix backend shares (`gethostname`, the socket address head),
//! `convert` the copying of C entries into owned values, `glibc_shape`
//! the running of a glibc-shaped `_r` call (`reentrant`, `musl` and `android`), `plain`
//! the copying out of what a plain function returned (`apple`, `android`, `illumos` and
//! `locked`), `plain_hosts` the host lookups over plain functions behind a lock (`apple`
//! and `locked`), and `per_thread` the services lookups of the C libraries that keep a
//! plain function's result per thread (`apple` and `android`).
//!
//! The lookups a caller can stop waiting for (`resolve.rs`) run in `pool`, the
//! resolver's engine: lookups shared between callers, on a bounded pool of threads
//! making the blocking calls, with its state kept per process by `fork`; on Windows 8
//! and later `getaddrinfo` runs in `windows_async` instead (Windows' asynchronous
//! `GetAddrInfoExW`, whose lookups can also be stopped).
//!
//! `--cfg netdb_force_locked` (in `RUSTFLAGS`) makes the build script choose `locked` on
//! every Unix, so that CI can run the whole test suite through the fallback on glibc.

mod c_strings;
mod convert;
mod eai;
mod gai;
pub(crate) use eai::ADDRINFO_ERROR_CODES;

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub(crate) use unix::*;

#[cfg(any(netdb_backend = "reentrant", netdb_backend = "musl", netdb_backend = "android"))]
mod glibc_shape;
#[cfg(any(netdb_backend = "apple", netdb_backend = "android"))]
mod per_thread;
#[cfg(any(
    netdb_backend = "apple",
    netdb_backend = "android",
    netdb_backend = "illumos",
    netdb_backend = "locked"
))]
mod plain;
#[cfg(any(netdb_backend = "apple", netdb_backend = "locked"))]
mod plain_hosts;

#[cfg_attr(netdb_backend = "reentrant", path = "reentrant.rs")]
#[cfg_attr(netdb_backend = "musl", path = "musl.rs")]
#[cfg_attr(netdb_backend = "android", path = "android.rs")]
#[cfg_attr(netdb_backend = "apple", path = "apple.rs")]
#[cfg_attr(netdb_backend = "illumos", path = "illumos.rs")]
#[cfg_attr(netdb_backend = "windows", path = "windows.rs")]
#[cfg_attr(netdb_backend = "locked", path = "locked.rs")]
#[cfg(any(unix, windows))]
mod backend;
#[cfg(any(unix, windows))]
pub(crate) use backend::*;
// `windows_async` reaches the Windows backend by its name.
#[cfg(netdb_backend = "windows")]
use backend as windows;

// The index of the services and protocols files, where the lookups may answer from it
// (`crate::index`), and what it learns from Linux about the files.
#[cfg(netdb_index)]
mod indexed;
#[cfg(netdb_index)]
mod watch;

/// Where the services and protocols lookups answer from: the C library, always, where
/// netdb has no index.
#[cfg(not(netdb_index))]
pub(crate) fn index_status() -> crate::index::IndexStatus {
    crate::index::IndexStatus::not_indexed(
        "netdb indexes the files only where it knows the C library's rules and the kernel          reports changes to them: glibc and musl on Linux",
    )
}

/// The error of a lookup the platform's C library cannot make, of kind `Unsupported`.
#[allow(dead_code)] // not every backend lacks something
fn unsupported(message: &str) -> crate::error::Error {
    std::io::Error::new(std::io::ErrorKind::Unsupported, message).into()
}

/// What a lookup started by `windows_async::start_lookup` calls with its answer:
/// exactly once, unless `start_lookup` refused the lookup, which drops it uncalled.
#[cfg(windows)]
pub(crate) type Done =
    Box<dyn FnOnce(crate::error::Result<Vec<crate::addrinfo::AddrInfo>>) + Send + 'static>;

mod cancel_handshake;
mod fork;
pub(crate) use fork::keep_for_ever;
pub(crate) mod pool;
pub(crate) mod timer;
#[cfg(windows)]
mod windows_async;

#[cfg(not(any(unix, windows)))]
compile_error!("netdb supports Unix and Windows targets: the network database is theirs");
