//! What every Unix platform shares: `getaddrinfo`, `getnameinfo`, `gethostname`,
//! `hstrerror`, and the socket constants, all from the C library through `libc` and
//! `netdb-sys`.

use std::ffi::{c_char, c_int, CStr};
use std::io;
use std::mem::size_of;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::ptr;

use netdb_sys as ffi;

use super::c_strings::{c_bytes, optional_ptr};
use crate::error::{AddrInfoError, Error, HostError, Result};
use crate::{AddrInfo, AddressFamily, Hints, SocketType};

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

/// Owns the list `getaddrinfo` returned and frees it when dropped, on every path.
struct AddrInfoList(*mut ffi::addrinfo);

impl Drop for AddrInfoList {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: the pointer came from a successful getaddrinfo and is freed once:
            // `take_addrinfo_list` is its only owner.
            unsafe { ffi::freeaddrinfo(self.0) };
        }
    }
}

/// The socket address at `addr`, if it is IPv4 or IPv6.
///
/// # Safety
/// `addr` is NULL or points at `length` readable bytes of a socket address.
unsafe fn socket_addr_from(addr: *const libc::sockaddr, length: usize) -> Option<SocketAddr> {
    if addr.is_null() || length < size_of::<libc::sa_family_t>() {
        return None;
    }
    // SAFETY: at least the family field is readable, checked above.
    let family = c_int::from(unsafe { (*addr).sa_family });
    match family {
        libc::AF_INET if length >= size_of::<libc::sockaddr_in>() => {
            // SAFETY: a whole sockaddr_in is readable; read unaligned to be safe.
            let v4 = unsafe { addr.cast::<libc::sockaddr_in>().read_unaligned() };
            let ip = Ipv4Addr::from(u32::from_be(v4.sin_addr.s_addr));
            Some(SocketAddr::V4(SocketAddrV4::new(ip, u16::from_be(v4.sin_port))))
        }
        libc::AF_INET6 if length >= size_of::<libc::sockaddr_in6>() => {
            // SAFETY: a whole sockaddr_in6 is readable.
            let v6 = unsafe { addr.cast::<libc::sockaddr_in6>().read_unaligned() };
            let ip = Ipv6Addr::from(v6.sin6_addr.s6_addr);
            Some(SocketAddr::V6(SocketAddrV6::new(
                ip,
                u16::from_be(v6.sin6_port),
                u32::from_be(v6.sin6_flowinfo),
                v6.sin6_scope_id,
            )))
        }
        _ => None,
    }
}

/// The C hints for `hints`.
fn c_hints(hints: &Hints) -> ffi::addrinfo {
    // SAFETY: addrinfo is plain data; all-zero is its "no preference" value.
    let mut c_hints: ffi::addrinfo = unsafe { std::mem::zeroed() };
    c_hints.ai_flags = hints.flags;
    c_hints.ai_family = hints.family.map_or(libc::AF_UNSPEC, c_family);
    c_hints.ai_socktype = hints.socket_type.map_or(0, SocketType::as_raw);
    c_hints.ai_protocol = hints.protocol;
    c_hints
}

pub(crate) fn getaddrinfo(
    host: Option<&CStr>,
    service: Option<&CStr>,
    hints: &Hints,
) -> Result<Vec<AddrInfo>> {
    let c_hints = c_hints(hints);
    let mut list = ptr::null_mut();
    // SAFETY: host and service are NUL-terminated or NULL, the hints are initialised,
    // and the result goes to a local slot.
    let rc =
        unsafe { ffi::getaddrinfo(optional_ptr(host), optional_ptr(service), &c_hints, &mut list) };
    if rc != 0 {
        return Err(addrinfo_error(rc));
    }
    // SAFETY: a successful getaddrinfo returned the list, and nothing else owns it.
    Ok(unsafe { take_addrinfo_list(list, c_hints.ai_flags) })
}

/// Copies a list `getaddrinfo` returned into owned values and frees it.
///
/// # Safety
/// `list` is NULL or a list returned by a successful `getaddrinfo` that nobody else
/// frees or uses afterwards.
unsafe fn take_addrinfo_list(list: *mut ffi::addrinfo, flags: c_int) -> Vec<AddrInfo> {
    // Frees the list on every path out of this function, a panic included.
    let list = AddrInfoList(list);
    // Quirk (musl): musl fills in `ai_canonname` on every result, asked for or not.
    // `AddrInfo::canonical_name` is the first result's, and only when `AI_CANONNAME`
    // asked for it, as glibc and POSIX have it.
    let wants_canonical = flags & ffi::AI_CANONNAME != 0;
    let mut results = Vec::new();
    let mut next = list.0.cast_const();
    while !next.is_null() {
        // SAFETY: `next` is a node of the list, alive until `list` drops at the end of
        // this function.
        let node = unsafe { &*next };
        // SAFETY: getaddrinfo gives `ai_addrlen` bytes of address at `ai_addr`.
        let address = unsafe { socket_addr_from(node.ai_addr, node.ai_addrlen as usize) };
        if let Some(address) = address {
            let first = results.is_empty();
            // SAFETY: ai_canonname is NULL or a NUL-terminated string of the node.
            let canonical = (wants_canonical && first && !node.ai_canonname.is_null())
                .then(|| unsafe { c_bytes(node.ai_canonname) });
            results.push(AddrInfo {
                family: if address.is_ipv4() { AddressFamily::Inet } else { AddressFamily::Inet6 },
                socket_type: SocketType::from_raw(node.ai_socktype),
                protocol: node.ai_protocol,
                address,
                canonical_name: canonical.map(|name| String::from_utf8_lossy(name).into_owned()),
            });
        }
        next = node.ai_next;
    }
    results
}

/// Sets the length field that the BSDs' socket addresses begin with (`sin_len`,
/// `sin6_len`); Linux's have none.
#[cfg(any(
    target_vendor = "apple",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
macro_rules! set_sockaddr_len {
    ($field:expr, $type:ty) => {
        $field = size_of::<$type>() as u8
    };
}
#[cfg(not(any(
    target_vendor = "apple",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
)))]
macro_rules! set_sockaddr_len {
    ($field:expr, $type:ty) => {};
}

pub(crate) fn getnameinfo(address: &SocketAddr, flags: i32) -> Result<(String, String)> {
    // SAFETY: sockaddr_storage is plain data; zero is a valid value of every field.
    let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let length = match address {
        SocketAddr::V4(v4) => {
            // SAFETY: sockaddr_in is plain data; zeroed fills the fields some libcs add
            // (the BSDs' `sin_len`, `sin_zero`).
            let mut raw: libc::sockaddr_in = unsafe { std::mem::zeroed() };
            set_sockaddr_len!(raw.sin_len, libc::sockaddr_in);
            raw.sin_family = libc::AF_INET as libc::sa_family_t;
            raw.sin_port = v4.port().to_be();
            raw.sin_addr = libc::in_addr { s_addr: u32::from(*v4.ip()).to_be() };
            // SAFETY: sockaddr_storage is larger than and aligned for sockaddr_in.
            unsafe { ptr::addr_of_mut!(storage).cast::<libc::sockaddr_in>().write(raw) };
            size_of::<libc::sockaddr_in>()
        }
        SocketAddr::V6(v6) => {
            // SAFETY: sockaddr_in6 is plain data; zeroed fills fields some libcs add.
            let mut raw: libc::sockaddr_in6 = unsafe { std::mem::zeroed() };
            set_sockaddr_len!(raw.sin6_len, libc::sockaddr_in6);
            raw.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            raw.sin6_port = v6.port().to_be();
            raw.sin6_flowinfo = v6.flowinfo().to_be();
            raw.sin6_addr = libc::in6_addr { s6_addr: v6.ip().octets() };
            raw.sin6_scope_id = v6.scope_id();
            // SAFETY: sockaddr_storage is larger than and aligned for sockaddr_in6.
            unsafe { ptr::addr_of_mut!(storage).cast::<libc::sockaddr_in6>().write(raw) };
            size_of::<libc::sockaddr_in6>()
        }
    };
    let mut host = [0 as c_char; ffi::NI_MAXHOST as usize];
    let mut service = [0 as c_char; ffi::NI_MAXSERV as usize];
    // SAFETY: the address is initialised for `length` bytes; both buffers are valid for
    // writes of the lengths passed, and getnameinfo NUL-terminates what it writes.
    let rc = unsafe {
        ffi::getnameinfo(
            ptr::addr_of!(storage).cast(),
            length as libc::socklen_t,
            // socklen_t on glibc, musl and macOS, size_t on FreeBSD: `as _` fits both.
            host.as_mut_ptr(),
            host.len() as _,
            service.as_mut_ptr(),
            service.len() as _,
            flags,
        )
    };
    if rc != 0 {
        return Err(addrinfo_error(rc));
    }
    // SAFETY: on success both buffers hold NUL-terminated strings.
    let (host, service) = unsafe { (c_bytes(host.as_ptr()), c_bytes(service.as_ptr())) };
    Ok((String::from_utf8_lossy(host).into_owned(), String::from_utf8_lossy(service).into_owned()))
}
