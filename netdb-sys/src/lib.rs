//! Raw bindings to the system's network database: `<netdb.h>` on Unix, `<winsock2.h>`
//! and `<ws2tcpip.h>` (linked to `ws2_32`) on Windows.
//!
//! The items are exactly what bindgen produces from the target's own headers with one
//! allow-list (`gen.rs`): the `servent`, `protoent`, `hostent`, `netent` and `addrinfo`
//! structs; the services, protocols, hosts and networks functions with their reentrant
//! `_r` forms where the C library has them; `getaddrinfo`, `freeaddrinfo`,
//! `gai_strerror`, `getnameinfo` (and glibc's `getaddrinfo_a` family); the `AI_*`,
//! `NI_*`, `EAI_*` and h_errno constants. On Unix, `sockaddr` and `socklen_t` are the
//! `libc` crate's, so values flow between the two crates without casts.
//!
//! Building needs no libclang: the bindgen output for each supported target is shipped
//! in `src/bindings/`. The `bindgen` feature regenerates it from the headers instead.
//!
//! The macOS (`aarch64-apple-darwin`) and FreeBSD (`x86_64-unknown-freebsd`) bindings
//! are generated from headers that netdb-sys reconstructed (`headers/apple/netdb.h`,
//! `headers/freebsd/netdb.h`), because the real SDKs are not available to CI. They are
//! checked against the `libc` crate's declarations at compile time: every struct's
//! size, alignment and field offsets, and every `AI_*`, `NI_*` and `EAI_*` constant that
//! `libc` also has, so a wrong one fails the build for that target. With the `bindgen`
//! feature, `NETDB_SYS_SYSROOT_INCLUDE` points bindgen at the real headers instead.
//!
//! `h_errno()` reads the C library's `h_errno` on every Unix target (Winsock has
//! `WSAGetLastError` instead): per thread on glibc, musl and FreeBSD, one process-wide
//! variable on macOS (see its documentation).
//!
//! Most programs want the safe `netdb` crate; this one is for calling the C functions
//! directly.
//!
//! # Targets
//!
//! | target | bindings shipped in `src/bindings/` | generated from |
//! |---|---|---|
//! | `x86_64-unknown-linux-gnu` | `x86_64-unknown-linux-gnu.rs` | glibc's headers |
//! | `x86_64-unknown-linux-musl` | `x86_64-unknown-linux-musl.rs` | musl's headers (`musl-tools`) |
//! | `x86_64-pc-windows-gnu`, `x86_64-pc-windows-msvc` | `x86_64-pc-windows-gnu.rs` | mingw-w64's Winsock headers |
//! | `i686-pc-windows-gnu`, `i686-pc-windows-msvc` | `i686-pc-windows-gnu.rs` | mingw-w64's Winsock headers |
//! | `aarch64-apple-darwin` | `aarch64-apple-darwin.rs` | `headers/apple/netdb.h` (reconstructed) |
//! | `x86_64-unknown-freebsd` | `x86_64-unknown-freebsd.rs` | `headers/freebsd/netdb.h` (reconstructed) |
//!
//! Any other target needs the `bindgen` feature, which generates the bindings from that
//! target's own headers at build time (and needs libclang). These docs are built for
//! the Linux, Windows, macOS and FreeBSD targets above; the items differ a little
//! between them (glibc's `getaddrinfo_a`, Winsock's `GetAddrInfoW`, ...).
//!
//! # Features
//!
//! - `bindgen` (off by default): run bindgen at build time instead of using the shipped
//!   file. `NETDB_SYS_REGENERATE=1` also writes the result over the shipped file,
//!   `NETDB_SYS_CHECK_FRESH=1` fails the build if the two differ, and
//!   `NETDB_SYS_SYSROOT_INCLUDE` names the folders holding the target's headers.
//!
//! # Documentation of the items
//!
//! The items are the C library's, one for one, so their documentation is the C
//! library's: the `netdb.h` and `getaddrinfo(3)` manuals on Unix, the Winsock reference
//! on Windows. bindgen copies the header's own comments onto the items where the header
//! has them; the rest carry none.
//!
//! # Linking
//!
//! netdb-sys builds and owns no native library: the functions are the platform C
//! library's (libc on Unix, which every Rust program links already) and Winsock's
//! (`ws2_32` and `advapi32` on Windows, which the build script names). So the package
//! declares no `links` key, which would make Cargo refuse any other crate in the graph
//! that declares the same one.
//!
//! ```
//! # #[cfg(all(target_os = "linux", target_env = "gnu"))] {
//! use netdb_sys::{getservbyname_r, servent};
//! use std::mem::MaybeUninit;
//!
//! let mut entry = MaybeUninit::<servent>::uninit();
//! let mut buf = [0 as core::ffi::c_char; 1024];
//! let mut result = std::ptr::null_mut();
//! // SAFETY: the name and protocol are NUL-terminated, and entry, buf and result are
//! // valid for writes of the sizes passed.
//! let rc = unsafe {
//!     getservbyname_r(c"ssh".as_ptr(), c"tcp".as_ptr(), entry.as_mut_ptr(),
//!                     buf.as_mut_ptr(), buf.len(), &mut result)
//! };
//! assert_eq!(rc, 0);
//! if !result.is_null() {
//!     // SAFETY: a non-null result points at `entry`, filled in by the call.
//!     let port = u16::from_be(unsafe { (*result).s_port } as u16);
//!     assert_eq!(port, 22);
//! }
//! # }
//! ```
#![no_std]
#![deny(missing_docs)]

/// The bindgen output for the target (`src/bindings/<target>.rs`, copied or generated
/// into `OUT_DIR` by `build.rs`), re-exported whole at the crate root.
///
/// `missing_docs` is allowed here and only here: the items mirror the C header one for
/// one and are documented there (the `netdb.h`, `getaddrinfo` and Winsock manuals), and
/// bindgen copies the header's own comments onto the items where the header has them.
/// Everything written by hand (the `h_errno()` accessors, the layout checks) is outside
/// this module and stays under the crate's `deny(missing_docs)`. The other allows are
/// for bindgen's C spelling (`servent`, `AI_PASSIVE`), its generated code (which names
/// lints newer than the MSRV, hence `unknown_lints`), and header comments that rustdoc
/// would read as broken links.
///
/// On macOS the module also keeps libinfo's `h_errno`, a plain `extern int` that bindgen
/// binds as a static of that name, out of the way of the crate root's `h_errno()`
/// accessor, which every Unix target has: the explicit item shadows the glob.
#[allow(missing_docs, missing_debug_implementations, unknown_lints)]
#[allow(non_camel_case_types, non_upper_case_globals, non_snake_case)]
#[allow(clippy::all, clippy::undocumented_unsafe_blocks)]
#[allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls, rustdoc::invalid_html_tags)]
mod bindings {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}
pub use bindings::*;

/// The calling thread's `h_errno`: why the last host or network lookup failed.
///
/// One of [`HOST_NOT_FOUND`], [`TRY_AGAIN`], [`NO_RECOVERY`] or [`NO_DATA`] (and
/// `NETDB_INTERNAL` where the header has it: glibc, FreeBSD, macOS). glibc and musl keep
/// it per thread behind `__h_errno_location`, FreeBSD behind `__h_errno`.
///
/// ```
/// // SAFETY: the name is NUL-terminated; the result is only compared with NULL.
/// let entry = unsafe { netdb_sys::gethostbyname(c"nosuchname.invalid".as_ptr()) };
/// assert!(entry.is_null());
/// // SAFETY: reads this thread's h_errno through the C library's accessor.
/// assert_eq!(unsafe { netdb_sys::h_errno() }, netdb_sys::HOST_NOT_FOUND);
/// ```
///
/// # Safety
/// Always safe to call; `unsafe` because it reads through a pointer the C library hands
/// out, like the C macro it replaces.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
pub unsafe fn h_errno() -> core::ffi::c_int {
    // SAFETY: the C library returns a valid pointer to the calling thread's h_errno.
    unsafe { *__h_errno_location() }
}

/// The calling thread's `h_errno`; see the Linux documentation of this function.
///
/// ```
/// // SAFETY: the name is NUL-terminated; the result is only compared with NULL.
/// let entry = unsafe { netdb_sys::gethostbyname(c"nosuchname.invalid".as_ptr()) };
/// assert!(entry.is_null());
/// // SAFETY: reads this thread's h_errno through the C library's accessor.
/// assert_eq!(unsafe { netdb_sys::h_errno() }, netdb_sys::HOST_NOT_FOUND);
/// ```
///
/// # Safety
/// Always safe to call; `unsafe` because it reads through a pointer the C library hands
/// out, like the C macro it replaces.
#[cfg(target_os = "freebsd")]
pub unsafe fn h_errno() -> core::ffi::c_int {
    // SAFETY: FreeBSD's __h_errno returns a valid pointer to the calling thread's h_errno.
    unsafe { *__h_errno() }
}

/// The process's `h_errno`: why the last host lookup of *any* thread failed.
///
/// On macOS `h_errno` is one global variable that libinfo's host functions
/// (`gethostbyname`, `gethostbyname2`, `gethostbyaddr`) write on every call, success or
/// not. Another thread's lookup can overwrite it between a call and the read: read it
/// right after the call, with host lookups serialised if the answer matters (the safe
/// `netdb` crate holds a lock across both).
///
/// ```
/// // SAFETY: the name is NUL-terminated; the result is only compared with NULL.
/// let entry = unsafe { netdb_sys::gethostbyname(c"nosuchname.invalid".as_ptr()) };
/// assert!(entry.is_null());
/// // SAFETY: reads this thread's h_errno through the C library's accessor.
/// assert_eq!(unsafe { netdb_sys::h_errno() }, netdb_sys::HOST_NOT_FOUND);
/// ```
///
/// # Safety
/// The read is a data race if another thread writes `h_errno` at the same time. It is
/// a plain aligned `int`, so on the platforms Apple supports the race yields an old or
/// a new value, never a torn one; the caller accepts that the value may be another
/// thread's.
#[cfg(target_vendor = "apple")]
pub unsafe fn h_errno() -> core::ffi::c_int {
    // SAFETY: `bindings::h_errno` is libinfo's `int h_errno`, a valid, aligned static;
    // reading it by value through a raw pointer makes no reference to mutable static
    // data. The race is the caller's contract (see above).
    unsafe { core::ptr::addr_of!(bindings::h_errno).read_volatile() }
}

/// The shipped bindings and the `libc` crate must agree on every struct both declare,
/// field by field, or a value passed from one to the other would be misread.
#[cfg(unix)]
const _: () = {
    use core::mem::{align_of, offset_of, size_of};
    macro_rules! same_layout {
        ($($ours:ident = $theirs:ty { $($field:ident),* })*) => {$(
            assert!(size_of::<$ours>() == size_of::<$theirs>(), concat!("size of ", stringify!($ours)));
            assert!(align_of::<$ours>() == align_of::<$theirs>(), concat!("alignment of ", stringify!($ours)));
            $(assert!(
                offset_of!($ours, $field) == offset_of!($theirs, $field),
                concat!("offset of ", stringify!($ours), ".", stringify!($field))
            );)*
        )*};
    }
    same_layout! {
        servent = libc::servent { s_name, s_aliases, s_port, s_proto }
        protoent = libc::protoent { p_name, p_aliases, p_proto }
        hostent = libc::hostent { h_name, h_aliases, h_addrtype, h_length, h_addr_list }
        addrinfo = libc::addrinfo {
            ai_flags, ai_family, ai_socktype, ai_protocol, ai_addrlen, ai_addr, ai_canonname, ai_next
        }
    }
    // libc declares `netent` for Linux only, not for macOS or FreeBSD.
    #[cfg(target_os = "linux")]
    same_layout! {
        netent = libc::netent { n_name, n_aliases, n_addrtype, n_net }
    }
    // glibc's own sigevent (bound for getaddrinfo_a's SIGEV_THREAD members) must be the
    // one libc describes, so a `libc::sigevent` and this one can stand for each other.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    same_layout! {
        sigevent = libc::sigevent { sigev_value, sigev_signo, sigev_notify }
    }
};

/// The same for constants: every `AI_*`, `NI_*` and `EAI_*` value that the `libc` crate
/// also declares for the target. The macOS and FreeBSD bindings come from headers that
/// netdb-sys reconstructed (no SDK is available to CI), so these checks are what vouch
/// for their values: a wrong one fails `cargo check --target ...`.
#[cfg(unix)]
const _: () = {
    macro_rules! same_value {
        ($($name:ident),* $(,)?) => {$(
            // Widened to i64: libc types a few of them socklen_t or size_t.
            assert!($name as i64 == libc::$name as i64, concat!("value of ", stringify!($name)));
        )*};
    }
    // What every supported Unix and libc declare.
    same_value! {
        AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, AI_NUMERICSERV, AI_ALL, AI_ADDRCONFIG,
        AI_V4MAPPED,
        EAI_AGAIN, EAI_BADFLAGS, EAI_FAIL, EAI_FAMILY, EAI_MEMORY, EAI_NONAME, EAI_SERVICE,
        EAI_SOCKTYPE, EAI_SYSTEM, EAI_OVERFLOW,
        NI_MAXHOST, NI_NOFQDN, NI_NUMERICHOST, NI_NAMEREQD, NI_NUMERICSERV, NI_DGRAM,
    }
    #[cfg(any(target_os = "linux", target_vendor = "apple"))]
    same_value! { EAI_NODATA }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    same_value! { NI_IDN }
    #[cfg(any(target_os = "freebsd", target_vendor = "apple"))]
    same_value! { NI_NUMERICSCOPE }
    #[cfg(target_vendor = "apple")]
    same_value! { NI_MAXSERV, AI_MASK, AI_V4MAPPED_CFG, AI_DEFAULT, AI_UNUSABLE }
};
