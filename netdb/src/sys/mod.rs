//! The platform layer: the only place that calls C and the only `unsafe` in the crate.
//!
//! Each backend exports the same `pub(crate)` functions and constants, so the database
//! modules above it need no `cfg`:
//!
//! | backend | platforms | how lookups stay thread-safe |
//! |---|---|---|
//! | `reentrant` | glibc, FreeBSD | the `_r` functions, in parallel |
//! | `musl` | musl | `_r` for services and hosts; one lock around its protocol table |
//! | `apple` | macOS, iOS | libinfo's plain functions keep results per thread |
//! | `windows` | Windows | Winsock keeps results per thread; `WSAStartup` runs once |
//! | `locked` | any other Unix | the plain functions, serialised behind one lock |
//!
//! `unix` holds what every Unix backend shares (`getaddrinfo`, `getnameinfo`,
//! `gethostname`), `convert` the copying of C entries into owned values,
//! `glibc_shape` the running of a glibc-shaped `_r` call (`reentrant` and `musl`), and
//! `plain` the copying out of what a plain function returned (`apple` and `locked`).
//!
//! The lookups `resolve.rs` can stop waiting for start in `windows_async` (Windows'
//! asynchronous `GetAddrInfoExW`, whose lookups can also be stopped) or `pool` (a pool
//! of resolver threads running the blocking `getaddrinfo`: every Unix, and Windows 7).
//!
//! `--cfg netdb_force_locked` (in `RUSTFLAGS`) selects `locked` on every Unix, so that
//! CI can run the whole test suite through the fallback on glibc.

mod c_strings;
mod convert;
mod eai;
pub(crate) use eai::ADDRINFO_ERROR_CODES;

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub(crate) use unix::*;

// The glibc-shaped `_r` helpers: glibc and FreeBSD use them for everything, musl for
// the services and hosts lookups it has `_r` functions for.
#[cfg(all(
    not(netdb_force_locked),
    any(
        all(target_os = "linux", any(target_env = "gnu", target_env = "musl")),
        target_os = "freebsd"
    )
))]
mod glibc_shape;

#[cfg(all(
    not(netdb_force_locked),
    any(all(target_os = "linux", target_env = "gnu"), target_os = "freebsd")
))]
mod reentrant;
#[cfg(all(
    not(netdb_force_locked),
    any(all(target_os = "linux", target_env = "gnu"), target_os = "freebsd")
))]
pub(crate) use reentrant::*;

#[cfg(all(not(netdb_force_locked), target_os = "linux", target_env = "musl"))]
mod musl;
#[cfg(all(not(netdb_force_locked), target_os = "linux", target_env = "musl"))]
pub(crate) use musl::*;

// The plain-function helpers: macOS and the `locked` fallback.
#[cfg(all(
    unix,
    any(
        netdb_force_locked,
        not(any(
            all(target_os = "linux", any(target_env = "gnu", target_env = "musl")),
            target_os = "freebsd"
        ))
    )
))]
mod plain;

#[cfg(all(not(netdb_force_locked), target_vendor = "apple"))]
mod apple;
#[cfg(all(not(netdb_force_locked), target_vendor = "apple"))]
pub(crate) use apple::*;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub(crate) use windows::*;

#[cfg(all(
    unix,
    any(
        netdb_force_locked,
        not(any(
            all(target_os = "linux", any(target_env = "gnu", target_env = "musl")),
            target_os = "freebsd",
            target_vendor = "apple"
        ))
    )
))]
mod locked;
#[cfg(all(
    unix,
    any(
        netdb_force_locked,
        not(any(
            all(target_os = "linux", any(target_env = "gnu", target_env = "musl")),
            target_os = "freebsd",
            target_vendor = "apple"
        ))
    )
))]
pub(crate) use locked::*;

/// What a lookup started by `start_lookup` calls with its answer: exactly once, unless
/// `start_lookup` refused the lookup, which drops it uncalled.
pub(crate) type Done = Box<dyn FnOnce(crate::Result<Vec<crate::AddrInfo>>) + Send + 'static>;

// Lookups a caller can stop waiting for (`resolve.rs`): Windows' asynchronous
// `GetAddrInfoExW`, whose lookups can also be stopped; everywhere else (and on Windows
// 7) the blocking `getaddrinfo` on a pool of resolver threads. `start_lookup` returns a
// `PendingLookup` whose `cancel` stops the lookup itself where the platform can
// (Windows); elsewhere it does nothing, and a cancelled or timed-out lookup runs to its
// end on its pool thread.
mod pool;
#[cfg(windows)]
mod windows_async;
#[cfg(windows)]
pub(crate) use windows_async::{start_lookup, PendingLookup};

/// A lookup started by `start_lookup`, as far as cancelling it goes: a blocking
/// `getaddrinfo` cannot be stopped.
#[cfg(not(windows))]
#[derive(Debug, Clone)]
pub(crate) struct PendingLookup;

#[cfg(not(windows))]
impl PendingLookup {
    /// Does nothing: the lookup runs to its end, which the resolver's timeout bounds.
    pub(crate) fn cancel(&self) {}
}

/// Starts a lookup; `done` gets its answer exactly once, on a pool thread.
///
/// # Errors
/// `Error::Io` when no thread can be started for it; `done` is then dropped uncalled.
#[cfg(not(windows))]
pub(crate) fn start_lookup(
    host: Option<std::ffi::CString>,
    service: Option<std::ffi::CString>,
    hints: &crate::Hints,
    done: Done,
) -> crate::Result<PendingLookup> {
    pool::submit(host, service, hints, done).map(|()| PendingLookup)
}

#[cfg(not(any(unix, windows)))]
compile_error!("netdb supports Unix and Windows targets: the network database is theirs");
