//! What every Unix platform shares: `getaddrinfo`, `getnameinfo`, `gethostname`,
//! `hstrerror`, and the socket constants, all from the C library through `libc` and
//! `netdb-sys`.

use std::ffi::c_int;
use std::io;

use netdb_sys as ffi;

use super::c_strings::c_bytes;
use crate::error::{AddrInfoError, Error, HostError, Result};
use crate::host::AddressFamily;

pub(crate) const AF_INET: c_int = libc::AF_INET;
pub(crate) const AF_INET6: c_int = libc::AF_INET6;
pub(crate) const SOCK_STREAM: i32 = libc::SOCK_STREAM;
pub(crate) const SOCK_DGRAM: i32 = libc::SOCK_DGRAM;
pub(crate) const SOCK_RAW: i32 = libc::SOCK_RAW;
pub(crate) const SOCK_SEQPACKET: i32 = libc::SOCK_SEQPACKET;

// NetBSD's getaddrinfo has neither AI_V4MAPPED nor AI_ALL, and fails with EAI_BADFLAGS
// for any flag outside its AI_MASK. These are two such flags, so that `Hints::v4_mapped`
// and `Hints::all` fail there as the C library fails a flag it does not know, rather
// than ask for something else.
#[cfg(target_os = "netbsd")]
pub(crate) const AI_V4MAPPED: c_int = 0x1000_0000;
#[cfg(target_os = "netbsd")]
pub(crate) const AI_ALL: c_int = 0x2000_0000;
#[cfg(not(target_os = "netbsd"))]
pub(crate) use ffi::{AI_ALL, AI_V4MAPPED};

/// Sets the calling thread's `errno`, for a C function that reports through it only on
/// some paths: clear it first, and what it holds afterwards is the function's.
#[cfg(any(target_os = "freebsd", target_os = "android", target_os = "illumos"))]
#[allow(dead_code)] // unused in the `locked` backend that `netdb_force_locked` selects
pub(crate) fn set_errno(value: c_int) {
    #[cfg(target_os = "illumos")]
    use libc::___errno as errno_location;
    #[cfg(target_os = "android")]
    use libc::__errno as errno_location;
    #[cfg(target_os = "freebsd")]
    use libc::__error as errno_location;
    // SAFETY: the C library's errno accessor takes no arguments and returns the
    // location of the calling thread's errno, never NULL.
    unsafe { *errno_location() = value };
}

pub(crate) fn c_family(family: AddressFamily) -> c_int {
    match family {
        AddressFamily::Inet => libc::AF_INET,
        AddressFamily::Inet6 => libc::AF_INET6,
    }
}

/// The h_errno value of each [`HostError`].
pub(crate) const HOST_ERROR_CODES: &[(HostError, c_int)] = &[
    (HostError::NotFound, ffi::HOST_NOT_FOUND),
    (HostError::NoData, ffi::NO_DATA),
    (HostError::TryAgain, ffi::TRY_AGAIN),
    (HostError::NoRecovery, ffi::NO_RECOVERY),
];

pub(crate) fn host_error_message(code: i32) -> String {
    // SAFETY: hstrerror returns a pointer to a static string for any code.
    String::from_utf8_lossy(unsafe { c_bytes(ffi::hstrerror(code)) }).into_owned()
}

pub(crate) fn hostname() -> Result<String> {
    // POSIX caps host names at HOST_NAME_MAX (64 on Linux); 256 bytes hold any.
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for writes of its length.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return Err(io::Error::last_os_error().into());
    }
    // A name that fills the buffer may be cut without a NUL; take what is there.
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Ok(String::from_utf8_lossy(&buf[..end]).into_owned())
}

// --- getaddrinfo and getnameinfo -----------------------------------------------------

/// The error of a failed `getaddrinfo` or `getnameinfo`: `EAI_SYSTEM` carries errno.
pub(crate) fn addrinfo_error(code: c_int) -> Error {
    if code == ffi::EAI_SYSTEM {
        return io::Error::last_os_error().into();
    }
    Error::AddrInfo(AddrInfoError::from_code(code))
}

pub(crate) fn addrinfo_error_message(code: i32) -> String {
    // SAFETY: gai_strerror returns a pointer to a static string for any code.
    String::from_utf8_lossy(unsafe { c_bytes(ffi::gai_strerror(code)) }).into_owned()
}

/// Whether socket addresses begin with a length byte (`sin_len`), as the BSDs' do.
const BSD_SOCKADDR: bool = cfg!(any(
    target_vendor = "apple",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
));

/// The family in a socket address's first two bytes: the BSDs begin it with a length
/// byte and then the family; the others with a 16-bit family in this machine's order.
pub(crate) fn sockaddr_family(head: [u8; 2]) -> c_int {
    if BSD_SOCKADDR {
        c_int::from(head[1])
    } else {
        c_int::from(u16::from_ne_bytes(head))
    }
}

/// The first two bytes of a socket address of `family` and `length` bytes (see
/// [`sockaddr_family`]).
pub(crate) fn sockaddr_head(family: c_int, length: usize) -> [u8; 2] {
    // Families and lengths of IPv4 and IPv6 addresses fit a byte everywhere.
    if BSD_SOCKADDR {
        [length as u8, family as u8]
    } else {
        (family as u16).to_ne_bytes()
    }
}

pub(crate) use super::gai::{getaddrinfo, getnameinfo};
