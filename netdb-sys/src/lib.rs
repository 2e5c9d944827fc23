// The crate's documentation is its README, included here, so that the two never tell
// different stories.
#![doc = include_str!("../README.md")]
#![no_std]
#![deny(missing_docs)]

/// The bindgen output for the target (`src/bindings/<family>.rs`, copied or generated
/// into `OUT_DIR` by `build.rs`), re-exported whole at the crate root.
///
/// `missing_docs` is allowed here and only here: the items mirror the C header one for
/// one and are documented there (the `netdb.h`, `getaddrinfo` and Winsock manuals), and
/// bindgen copies the header's own comments onto the items where the header has them.
/// Everything written by hand (the `h_errno()` accessors, the checks against `libc`) is
/// outside this module and stays under the crate's `deny(missing_docs)`. The other
/// allows are for bindgen's C spelling (`servent`, `AI_PASSIVE`), its generated code
/// (which names lints newer than the MSRV, hence `unknown_lints`), and header comments
/// that rustdoc would read as broken links.
///
/// Where `h_errno` is a plain global (Apple's systems, NetBSD, illumos), bindgen binds it
/// as a static of that name; the crate root's `h_errno()` accessor shadows it there (an
/// explicit item shadows a glob import).
#[allow(missing_docs, missing_debug_implementations, unknown_lints)]
#[allow(non_camel_case_types, non_upper_case_globals, non_snake_case)]
#[allow(clippy::all, clippy::undocumented_unsafe_blocks)]
#[allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls, rustdoc::invalid_html_tags)]
mod bindings {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}
pub use bindings::*;

/// Where the C library keeps `h_errno`: the calling thread's slot (glibc and musl behind
/// `__h_errno_location`, bionic behind `__get_h_errno`, FreeBSD behind `__h_errno`), or
/// its one global.
#[cfg(any(netdb_sys_family = "linux-gnu", netdb_sys_family = "linux-musl"))]
fn h_errno_location() -> *mut core::ffi::c_int {
    // SAFETY: takes no arguments and returns the calling thread's h_errno, never NULL.
    unsafe { __h_errno_location() }
}

#[cfg(netdb_sys_family = "android")]
fn h_errno_location() -> *mut core::ffi::c_int {
    // SAFETY: takes no arguments and returns the calling thread's h_errno, never NULL.
    unsafe { __get_h_errno() }
}

#[cfg(netdb_sys_family = "freebsd")]
fn h_errno_location() -> *mut core::ffi::c_int {
    // SAFETY: takes no arguments and returns the calling thread's h_errno, never NULL.
    unsafe { __h_errno() }
}

#[cfg(any(netdb_sys_family = "apple", netdb_sys_family = "netbsd", netdb_sys_family = "illumos"))]
// Taking the address of a `static mut` needs `unsafe` before Rust 1.82 (the MSRV is
// older) and is safe since, where the block is then unused.
#[allow(unused_unsafe)]
fn h_errno_location() -> *mut core::ffi::c_int {
    // SAFETY: only takes the address of the C library's `int h_errno`: it reads nothing
    // and makes no reference to the mutable static.
    unsafe { core::ptr::addr_of_mut!(bindings::h_errno) }
}

/// `h_errno`: why the last host (or, on some systems, network) lookup failed.
///
/// One of [`HOST_NOT_FOUND`], [`TRY_AGAIN`], [`NO_RECOVERY`] or [`NO_DATA`], or
/// `NETDB_INTERNAL` ("see errno") where the header has it.
///
/// glibc, musl, bionic and FreeBSD keep one per thread: the value is the calling
/// thread's. Apple's libinfo, NetBSD and illumos keep one process-wide `int`, which the
/// plain host functions (`gethostbyname`, `gethostbyaddr`, ...) of *every* thread write:
/// another thread's lookup can overwrite it between a call and the read, so read it right
/// after the call, with host lookups serialised if the answer matters (the safe `netdb`
/// crate holds a lock across both).
///
/// ```
/// // SAFETY: the name is NUL-terminated; the result is only compared with NULL.
/// let entry = unsafe { netdb_sys::gethostbyname(c"nosuchname.invalid".as_ptr()) };
/// assert!(entry.is_null());
/// // SAFETY: reads this thread's h_errno (on Linux) through the C library's accessor.
/// assert_eq!(unsafe { netdb_sys::h_errno() }, netdb_sys::HOST_NOT_FOUND);
/// ```
///
/// # Safety
/// Where `h_errno` is per thread, always safe to call; `unsafe` because it reads through
/// a pointer the C library hands out, like the C macro it replaces. Where it is one
/// global, the read is a data race if another thread writes it at the same time. It is a
/// plain aligned `int`, so on the platforms concerned the race yields an old or a new
/// value, never a torn one; the caller accepts that the value may be another thread's.
#[cfg(any(
    netdb_sys_family = "linux-gnu",
    netdb_sys_family = "linux-musl",
    netdb_sys_family = "android",
    netdb_sys_family = "apple",
    netdb_sys_family = "freebsd",
    netdb_sys_family = "netbsd",
    netdb_sys_family = "illumos"
))]
pub unsafe fn h_errno() -> core::ffi::c_int {
    // SAFETY: the location is the C library's valid, aligned h_errno; a volatile read of
    // the global variant makes no reference to mutable static data, and the race it may
    // have with another thread is the caller's contract (see above).
    unsafe { h_errno_location().read_volatile() }
}

/// Sets `h_errno`, as the C assignment `h_errno = value` does: the calling thread's
/// where it is per thread, the process's where it is one global (see [`h_errno`]).
///
/// Some C libraries read it before they write it: FreeBSD's `getnetbyname_r` and
/// `getnetbyaddr_r` copy the thread's leftover `h_errno` into `*h_errnop` when they find
/// nothing, so a caller clears it first to tell "not found" from an old `TRY_AGAIN`.
///
/// ```
/// // SAFETY: writes and reads this thread's h_errno (on Linux).
/// unsafe {
///     netdb_sys::set_h_errno(netdb_sys::TRY_AGAIN);
///     assert_eq!(netdb_sys::h_errno(), netdb_sys::TRY_AGAIN);
///     netdb_sys::set_h_errno(0);
/// }
/// ```
///
/// # Safety
/// As for [`h_errno`]: where it is one global, the write races with every other
/// thread's host lookups, which it may mislead.
#[cfg(any(
    netdb_sys_family = "linux-gnu",
    netdb_sys_family = "linux-musl",
    netdb_sys_family = "android",
    netdb_sys_family = "apple",
    netdb_sys_family = "freebsd",
    netdb_sys_family = "netbsd",
    netdb_sys_family = "illumos"
))]
pub unsafe fn set_h_errno(value: core::ffi::c_int) {
    // SAFETY: as in `h_errno`, for a write.
    unsafe { h_errno_location().write_volatile(value) }
}

/// The shipped bindings and the `libc` crate must agree on every struct both declare,
/// field by field, or a value passed from one to the other would be misread. For the
/// families whose headers CI cannot have, this is what vouches for the layouts: a wrong
/// one fails `cargo check --target ...`.
#[cfg(all(unix, netdb_sys_shipped))]
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
    // libc declares `netent` for glibc and musl only.
    #[cfg(any(netdb_sys_family = "linux-gnu", netdb_sys_family = "linux-musl"))]
    same_layout! {
        netent = libc::netent { n_name, n_aliases, n_addrtype, n_net }
    }
    // glibc's own sigevent (bound for getaddrinfo_a's SIGEV_THREAD members) must be the
    // one libc describes, so a `libc::sigevent` and this one can stand for each other.
    #[cfg(netdb_sys_family = "linux-gnu")]
    same_layout! {
        sigevent = libc::sigevent { sigev_value, sigev_signo, sigev_notify }
    }
};

/// The same for constants: every `AI_*`, `NI_*` and `EAI_*` value that the `libc` crate
/// also declares for the target.
#[cfg(all(unix, netdb_sys_shipped))]
const _: () = {
    macro_rules! same_value {
        ($($name:ident),* $(,)?) => {$(
            // Widened to i64: libc types a few of them socklen_t, size_t or c_uint.
            assert!($name as i64 == libc::$name as i64, concat!("value of ", stringify!($name)));
        )*};
    }
    // What every family and libc declare.
    same_value! {
        AI_CANONNAME,
        EAI_AGAIN, EAI_BADFLAGS, EAI_FAIL, EAI_FAMILY, EAI_MEMORY, EAI_NONAME, EAI_SERVICE,
        EAI_SOCKTYPE, EAI_SYSTEM, EAI_OVERFLOW,
        NI_MAXHOST, NI_NOFQDN, NI_NUMERICHOST, NI_NAMEREQD, NI_NUMERICSERV, NI_DGRAM,
    }
    // libc has only AI_CANONNAME for illumos.
    #[cfg(not(netdb_sys_family = "illumos"))]
    same_value! { AI_PASSIVE, AI_NUMERICHOST, AI_NUMERICSERV, AI_ADDRCONFIG }
    // NetBSD has neither.
    #[cfg(not(any(netdb_sys_family = "illumos", netdb_sys_family = "netbsd")))]
    same_value! { AI_ALL, AI_V4MAPPED }
    // FreeBSD keeps EAI_NODATA under `#if 0`.
    #[cfg(not(netdb_sys_family = "freebsd"))]
    same_value! { EAI_NODATA }
    #[cfg(any(
        netdb_sys_family = "apple",
        netdb_sys_family = "android",
        netdb_sys_family = "netbsd",
        netdb_sys_family = "illumos"
    ))]
    same_value! { NI_MAXSERV }
    #[cfg(netdb_sys_family = "linux-gnu")]
    same_value! { NI_IDN }
    #[cfg(any(
        netdb_sys_family = "apple",
        netdb_sys_family = "freebsd",
        netdb_sys_family = "netbsd",
        netdb_sys_family = "illumos"
    ))]
    same_value! { NI_NUMERICSCOPE }
    #[cfg(any(netdb_sys_family = "netbsd", netdb_sys_family = "illumos"))]
    same_value! { NI_WITHSCOPEID }
    #[cfg(netdb_sys_family = "netbsd")]
    same_value! { AI_SRV }
    #[cfg(any(netdb_sys_family = "apple", netdb_sys_family = "android"))]
    same_value! { AI_MASK, AI_V4MAPPED_CFG, AI_DEFAULT }
    #[cfg(netdb_sys_family = "apple")]
    same_value! { AI_UNUSABLE }
};

/// The same for functions: each one the `libc` crate also declares for the target has
/// the same parameters and result, up to this crate's structs standing for `libc`'s
/// (whose layouts are compared above). So a wrong length type (`getnameinfo` takes
/// `size_t` lengths on FreeBSD and Android, `socklen_t` elsewhere) or a missing argument
/// fails the build. Only type-checked; the function is never called.
#[cfg(all(unix, netdb_sys_shipped))]
const _: () = {
    /// `Self` is the type `T` is in C: the same Rust type, or a pointer to this crate's
    /// struct where `libc`'s points to its own.
    trait Twin<T> {}
    impl<T> Twin<T> for T {}
    macro_rules! twin_structs {
        ($($name:ident),*) => {$(
            impl Twin<*mut libc::$name> for *mut $name {}
            impl Twin<*const libc::$name> for *const $name {}
            impl Twin<*mut *mut libc::$name> for *mut *mut $name {}
        )*};
    }
    twin_structs!(servent, protoent, hostent, addrinfo);
    #[cfg(any(netdb_sys_family = "linux-gnu", netdb_sys_family = "linux-musl"))]
    twin_structs!(netent);

    /// Implemented for two C function pointer types whose parameters and results are
    /// twins, one by one.
    trait SameSignature<Theirs> {}
    macro_rules! same_signature_arity {
        ($($ours:ident $theirs:ident),*) => {
            impl<R, S, $($ours: Twin<$theirs>, $theirs),*>
                SameSignature<unsafe extern "C" fn($($theirs),*) -> S>
                for unsafe extern "C" fn($($ours),*) -> R
            where
                R: Twin<S>,
            {
            }
        };
    }
    same_signature_arity!();
    same_signature_arity!(A1 B1);
    same_signature_arity!(A1 B1, A2 B2);
    same_signature_arity!(A1 B1, A2 B2, A3 B3);
    same_signature_arity!(A1 B1, A2 B2, A3 B3, A4 B4);
    same_signature_arity!(A1 B1, A2 B2, A3 B3, A4 B4, A5 B5);
    same_signature_arity!(A1 B1, A2 B2, A3 B3, A4 B4, A5 B5, A6 B6);
    same_signature_arity!(A1 B1, A2 B2, A3 B3, A4 B4, A5 B5, A6 B6, A7 B7);

    fn same<Ours: SameSignature<Theirs>, Theirs>(_: Ours, _: Theirs) {}

    macro_rules! same_signature {
        ($($name:ident($($arg:tt),*)),* $(,)?) => {
            #[allow(dead_code)]
            fn signatures() {$(
                same(
                    $name as unsafe extern "C" fn($($arg),*) -> _,
                    libc::$name as unsafe extern "C" fn($($arg),*) -> _,
                );
            )*}
        };
    }
    // What every family and libc declare. (illumos' set and end functions return int
    // where libc declares them without a result: see headers/illumos/netdb.h.)
    same_signature! {
        getaddrinfo(_, _, _, _), freeaddrinfo(_), gai_strerror(_), hstrerror(_),
        getnameinfo(_, _, _, _, _, _, _),
        getservbyname(_, _), getservbyport(_, _), getservent(),
        getprotobyname(_), getprotobynumber(_),
    }
    #[cfg(not(netdb_sys_family = "illumos"))]
    const _: () = {
        same_signature! { setservent(_), endservent() }
    };
    #[cfg(any(netdb_sys_family = "linux-gnu", netdb_sys_family = "linux-musl"))]
    const _: () = {
        same_signature! {
            getnetbyname(_), getnetbyaddr(_, _), getnetent(), setnetent(_), endnetent(),
        }
    };
    #[cfg(netdb_sys_family = "linux-gnu")]
    const _: () = {
        same_signature! {
            getnetent_r(_, _, _, _, _), getnetbyname_r(_, _, _, _, _, _),
            getnetbyaddr_r(_, _, _, _, _, _, _),
        }
    };
};
