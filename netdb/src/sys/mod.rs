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
//! The lookups `resolve.rs` can stop waiting for start in `gai_async` (glibc's
//! `getaddrinfo_a`), `windows_async` (Windows' asynchronous `GetAddrInfoExW`, the only
//! one whose lookups can also be stopped) or `lookup_thread` (a thread per lookup:
//! everywhere else, and on Windows 7).
//!
//! `--cfg netdb_force_locked` (in `RUSTFLAGS`) selects `locked` on every Unix, so that
//! CI can run the whole test suite through the fallback on glibc.

mod c_strings;
mod convert;

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

/// What a lookup started by `start_lookup` calls with its answer: exactly once.
pub(crate) type Done = Box<dyn FnOnce(crate::Result<Vec<crate::AddrInfo>>) + Send + 'static>;

// Lookups a caller can stop waiting for (`resolve.rs`): glibc's `getaddrinfo_a`,
// Windows' asynchronous `GetAddrInfoExW`, elsewhere (and on Windows 7) a thread per
// lookup around the blocking `getaddrinfo`. `start_lookup` returns a `PendingLookup`
// whose `cancel` stops the lookup itself where the platform can (Windows); elsewhere it
// does nothing, and a cancelled or timed-out lookup runs to its end.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod gai_async;
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
mod lookup_thread;
#[cfg(windows)]
mod windows_async;
#[cfg(windows)]
pub(crate) use windows_async::{start_lookup, PendingLookup};

/// A lookup started by `start_lookup`, as far as cancelling it goes: on this platform
/// it cannot be stopped (see `gai_async.rs` for why glibc's `gai_cancel` is not used).
#[cfg(not(windows))]
#[derive(Debug, Clone)]
pub(crate) struct PendingLookup;

#[cfg(not(windows))]
impl PendingLookup {
    /// Does nothing: the lookup runs to its end, which the resolver's timeout bounds.
    pub(crate) fn cancel(&self) {}
}

/// Starts a lookup; `done` gets its answer exactly once, on the platform's completion
/// thread or at once.
#[cfg(not(windows))]
pub(crate) fn start_lookup(
    host: Option<std::ffi::CString>,
    service: Option<std::ffi::CString>,
    hints: &crate::Hints,
    done: Done,
) -> PendingLookup {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    gai_async::start_lookup(host, service, hints, done);
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    lookup_thread::start_lookup(host, service, hints, done);
    PendingLookup
}

#[cfg(not(any(unix, windows)))]
compile_error!("netdb supports Unix and Windows targets: the network database is theirs");
