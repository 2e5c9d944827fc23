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
//! Most programs want the safe `netdb` crate; this one is for calling the C functions
//! directly.
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
#![allow(non_camel_case_types, non_upper_case_globals, non_snake_case)]
#![allow(clippy::all, clippy::undocumented_unsafe_blocks)]
#![allow(missing_debug_implementations, rustdoc::broken_intra_doc_links)]

include!(concat!(env!("OUT_DIR"), "/bindings.rs"));

/// The calling thread's `h_errno`: why the last host or network lookup failed.
///
/// One of [`HOST_NOT_FOUND`], [`TRY_AGAIN`], [`NO_RECOVERY`], [`NO_DATA`] or
/// [`NETDB_INTERNAL`]. glibc and musl keep it per thread behind `__h_errno_location`.
///
/// # Safety
/// Always safe to call; `unsafe` because it reads through a pointer the C library hands
/// out, like the C macro it replaces.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
pub unsafe fn h_errno() -> core::ffi::c_int {
    // SAFETY: the C library returns a valid pointer to the calling thread's h_errno.
    unsafe { *__h_errno_location() }
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
    #[cfg(target_os = "linux")]
    same_layout! {
        netent = libc::netent { n_name, n_aliases, n_addrtype, n_net }
    }
};
