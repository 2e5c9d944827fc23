//! The C shapes of name resolution, each converted here, once, for every backend that
//! has it: socket addresses (both ways), `getaddrinfo`'s hints, and its result lists:
//! the `addrinfo` of Unix and of Winsock's `getaddrinfo`, and Windows' `ADDRINFOEXW`.
//!
//! Socket addresses are read and written as bytes. RFC 3493 fixes where `sockaddr_in`
//! and `sockaddr_in6` hold the port, the address, the flow label and the scope on every
//! platform; only their first two bytes differ (the family as a 16-bit number, or the
//! BSDs' length byte then family byte), which the platform layer reads and writes
//! (`sockaddr_family`, `sockaddr_head`).

use std::ffi::{c_char, c_int, CStr};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::ptr;

use netdb_sys as ffi;

use super::c_strings::{c_bytes, optional_ptr};
use super::{addrinfo_error, c_family, sockaddr_family, sockaddr_head, AF_INET, AF_INET6};
use crate::addrinfo::{AddrInfo, Hints, SocketType};
use crate::error::Result;
use crate::host::AddressFamily;

/// The size of a `sockaddr_in` everywhere.
const SOCKADDR_IN_SIZE: usize = 16;
/// The size of a `sockaddr_in6` everywhere.
const SOCKADDR_IN6_SIZE: usize = 28;

/// The socket address of `length` bytes at `addr`, if it is IPv4 or IPv6.
///
/// # Safety
/// `addr` is NULL or points at `length` readable bytes.
pub(crate) unsafe fn socket_addr_from(addr: *const u8, length: usize) -> Option<SocketAddr> {
    if addr.is_null() || length < 4 {
        return None;
    }
    // SAFETY: the caller's contract; u8 needs no alignment.
    let bytes = unsafe { std::slice::from_raw_parts(addr, length) };
    let word = |at: usize| [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
    let port = u16::from_be_bytes([bytes[2], bytes[3]]);
    match sockaddr_family([bytes[0], bytes[1]]) {
        AF_INET if length >= SOCKADDR_IN_SIZE => {
            Some(SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::from(word(4)), port)))
        }
        AF_INET6 if length >= SOCKADDR_IN6_SIZE => {
            let mut octets = [0; 16];
            octets.copy_from_slice(&bytes[8..24]);
            Some(SocketAddr::V6(SocketAddrV6::new(
                Ipv6Addr::from(octets),
                port,
                u32::from_be_bytes(word(4)),
                // The scope is a number of this machine's, in its own byte order.
                u32::from_ne_bytes(word(24)),
            )))
        }
        _ => None,
    }
}

/// A socket address as C takes it: the bytes of a `sockaddr_in` or `sockaddr_in6`,
/// aligned for either.
#[repr(C, align(8))]
pub(crate) struct CSocketAddr {
    bytes: [u8; SOCKADDR_IN6_SIZE],
    length: usize,
}

impl CSocketAddr {
    pub(crate) fn new(address: &SocketAddr) -> CSocketAddr {
        let mut bytes = [0; SOCKADDR_IN6_SIZE];
        bytes[2..4].copy_from_slice(&address.port().to_be_bytes());
        let length = match address {
            SocketAddr::V4(v4) => {
                bytes[4..8].copy_from_slice(&v4.ip().octets());
                bytes[..2].copy_from_slice(&sockaddr_head(AF_INET, SOCKADDR_IN_SIZE));
                SOCKADDR_IN_SIZE
            }
            SocketAddr::V6(v6) => {
                bytes[4..8].copy_from_slice(&v6.flowinfo().to_be_bytes());
                bytes[8..24].copy_from_slice(&v6.ip().octets());
                bytes[24..28].copy_from_slice(&v6.scope_id().to_ne_bytes());
                bytes[..2].copy_from_slice(&sockaddr_head(AF_INET6, SOCKADDR_IN6_SIZE));
                SOCKADDR_IN6_SIZE
            }
        };
        CSocketAddr { bytes, length }
    }

    /// The address, for a `const struct sockaddr *`.
    pub(crate) fn as_ptr<T>(&self) -> *const T {
        self.bytes.as_ptr().cast()
    }

    /// Its length in bytes.
    pub(crate) fn len(&self) -> usize {
        self.length
    }
}

/// `getaddrinfo`: its IPv4 and IPv6 results. (On Windows, after `WSAStartup`.)
pub(crate) fn getaddrinfo(
    host: Option<&CStr>,
    service: Option<&CStr>,
    hints: &Hints,
) -> Result<Vec<AddrInfo>> {
    resolve(host, service, hints).map(|(found, _)| found)
}

/// `getaddrinfo`'s IPv4 and IPv6 results, and the canonical name as the C library gave
/// it (if the hints asked for it), for callers that decode it themselves.
pub(crate) fn resolve(
    host: Option<&CStr>,
    service: Option<&CStr>,
    hints: &Hints,
) -> Result<(Vec<AddrInfo>, Option<Vec<u8>>)> {
    let c_hints: ffi::addrinfo = c_hints(hints);
    let mut list = List(ptr::null_mut());
    // SAFETY: host and service are NUL-terminated or NULL, the hints are initialised,
    // and the result goes to a slot that `List` frees.
    let rc = unsafe {
        ffi::getaddrinfo(optional_ptr(host), optional_ptr(service), &c_hints, &mut list.0)
    };
    if rc != 0 {
        return Err(addrinfo_error(rc));
    }
    // SAFETY: a successful getaddrinfo returned the whole list.
    Ok(unsafe { list.to_vec(c_hints.ai_flags) })
}

/// `getnameinfo`: the host and the service of `address`. (On Windows, after
/// `WSAStartup`.)
pub(crate) fn getnameinfo(address: &SocketAddr, flags: c_int) -> Result<(String, String)> {
    let address = CSocketAddr::new(address);
    let mut host = [0 as c_char; ffi::NI_MAXHOST as usize];
    let mut service = [0 as c_char; ffi::NI_MAXSERV as usize];
    // SAFETY: the address is initialised for its length; both buffers are valid for
    // writes of the lengths passed, and getnameinfo NUL-terminates what it writes. The
    // lengths are socklen_t on glibc, musl and macOS, size_t on FreeBSD and DWORD on
    // Windows: `as _` fits each, and each length is small.
    let rc = unsafe {
        ffi::getnameinfo(
            address.as_ptr(),
            address.len() as _,
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

/// A node of a result list, as the walk over it reads it.
pub(crate) trait Node: Sized {
    /// Hints with these fields, every other zero or NULL as hints must be.
    fn hints(flags: c_int, family: c_int, socket_type: c_int, protocol: c_int) -> Self;
    fn socket_type(&self) -> c_int;
    fn protocol(&self) -> c_int;
    /// The socket address and its length in bytes.
    fn address(&self) -> (*const u8, usize);
    /// The canonical name, as UTF-8 bytes where the C library gave UTF-16.
    ///
    /// # Safety
    /// The node is one of a live list.
    unsafe fn canonical_name(&self) -> Option<Vec<u8>>;
    fn next(&self) -> *const Self;
    /// Frees a whole list.
    ///
    /// # Safety
    /// `list` is a list the C library returned, freed once.
    unsafe fn free(list: *mut Self);
}

/// The C hints for `hints`.
pub(crate) fn c_hints<N: Node>(hints: &Hints) -> N {
    N::hints(
        hints.flags,
        hints.family.map_or(0, c_family), // AF_UNSPEC is 0 everywhere
        hints.socket_type.map_or(0, SocketType::as_raw),
        hints.protocol,
    )
}

/// A result list, freed once when dropped, on every path.
pub(crate) struct List<N: Node>(pub(crate) *mut N);

impl<N: Node> Drop for List<N> {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: the list came from the C library and this is its only owner.
            unsafe { N::free(self.0) };
        }
    }
}

impl<N: Node> List<N> {
    /// The list's IPv4 and IPv6 results, in order, and the first result's canonical
    /// name as the C library gave it, if `flags` (the hints') asked for it with
    /// `AI_CANONNAME`: then it is also the first result's `canonical_name`, decoded
    /// lossily. (musl fills in every result's name, asked for or not; POSIX and glibc
    /// give it on the first, when asked.)
    ///
    /// # Safety
    /// The list is NULL or a whole list the C library returned.
    pub(crate) unsafe fn to_vec(&self, flags: c_int) -> (Vec<AddrInfo>, Option<Vec<u8>>) {
        let wants_canonical = flags & ffi::AI_CANONNAME != 0;
        let mut results = Vec::new();
        let mut canonical = None;
        let mut next = self.0.cast_const();
        while !next.is_null() {
            // Copied out unaligned: Wine packs a whole list into one buffer, where a
            // node after an IPv6 address or a canonical name is misaligned.
            // SAFETY: `next` is a node of the list, alive until `self` drops; the nodes
            // are plain data.
            let node = unsafe { next.read_unaligned() };
            let (addr, length) = node.address();
            // SAFETY: the C library gives `length` bytes of address at `addr`.
            if let Some(address) = unsafe { socket_addr_from(addr, length) } {
                let mut canonical_name = None;
                if wants_canonical && results.is_empty() {
                    // SAFETY: the node is one of the live list.
                    canonical = unsafe { node.canonical_name() };
                    canonical_name =
                        canonical.as_deref().map(|name| String::from_utf8_lossy(name).into());
                }
                results.push(AddrInfo {
                    family: match address {
                        SocketAddr::V4(_) => AddressFamily::Inet,
                        SocketAddr::V6(_) => AddressFamily::Inet6,
                    },
                    socket_type: SocketType::from_raw(node.socket_type()),
                    protocol: node.protocol(),
                    address,
                    canonical_name,
                });
            }
            next = node.next();
        }
        (results, canonical)
    }
}

/// `getaddrinfo`'s node, on Unix and in Winsock alike.
impl Node for ffi::addrinfo {
    fn hints(flags: c_int, family: c_int, socket_type: c_int, protocol: c_int) -> Self {
        // SAFETY: addrinfo is plain data; all-zero is its "no preference" value.
        let mut hints: ffi::addrinfo = unsafe { std::mem::zeroed() };
        hints.ai_flags = flags;
        hints.ai_family = family;
        hints.ai_socktype = socket_type;
        hints.ai_protocol = protocol;
        hints
    }

    fn socket_type(&self) -> c_int {
        self.ai_socktype
    }

    fn protocol(&self) -> c_int {
        self.ai_protocol
    }

    fn address(&self) -> (*const u8, usize) {
        // `socklen_t` on Unix, `size_t` on Windows.
        #[allow(clippy::unnecessary_cast)]
        (self.ai_addr.cast_const().cast(), self.ai_addrlen as usize)
    }

    unsafe fn canonical_name(&self) -> Option<Vec<u8>> {
        // SAFETY: ai_canonname is NULL or a NUL-terminated string of the live node.
        (!self.ai_canonname.is_null()).then(|| unsafe { c_bytes(self.ai_canonname) }.to_vec())
    }

    fn next(&self) -> *const Self {
        self.ai_next
    }

    unsafe fn free(list: *mut Self) {
        // SAFETY: the caller's contract.
        unsafe { ffi::freeaddrinfo(list) }
    }
}

/// `GetAddrInfoExW`'s node, whose canonical name is UTF-16.
#[cfg(windows)]
impl Node for ffi::ADDRINFOEXW {
    fn hints(flags: c_int, family: c_int, socket_type: c_int, protocol: c_int) -> Self {
        // SAFETY: ADDRINFOEXW is plain data; all-zero is "no preference", and the fields
        // that must be zero or NULL in hints (address, name, blob, next) are.
        let mut hints: ffi::ADDRINFOEXW = unsafe { std::mem::zeroed() };
        hints.ai_flags = flags;
        hints.ai_family = family;
        hints.ai_socktype = socket_type;
        hints.ai_protocol = protocol;
        hints
    }

    fn socket_type(&self) -> c_int {
        self.ai_socktype
    }

    fn protocol(&self) -> c_int {
        self.ai_protocol
    }

    fn address(&self) -> (*const u8, usize) {
        (self.ai_addr.cast_const().cast(), self.ai_addrlen)
    }

    unsafe fn canonical_name(&self) -> Option<Vec<u8>> {
        let text: *const u16 = self.ai_canonname;
        if text.is_null() {
            return None;
        }
        // Unit by unit, unaligned: in a list Wine packs into one buffer the string
        // need not be aligned for u16.
        let mut units = Vec::new();
        loop {
            // SAFETY: every unit up to and including the NUL is readable.
            let unit = unsafe { text.add(units.len()).read_unaligned() };
            if unit == 0 {
                break;
            }
            units.push(unit);
        }
        // UTF-8 cannot carry an unpaired surrogate: it becomes U+FFFD.
        Some(String::from_utf16_lossy(&units).into_bytes())
    }

    fn next(&self) -> *const Self {
        // mingw-w64 declares `ai_next` as a pointer to `struct addrinfoexW`, a misspelling
        // of this struct's tag (`addrinfoExW`) that C never defines: the node it points
        // at is an ADDRINFOEXW.
        self.ai_next.cast_const().cast()
    }

    unsafe fn free(list: *mut Self) {
        // SAFETY: the caller's contract.
        unsafe { ffi::FreeAddrInfoExW(list) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is written is read back whole, for both families, scope and flow included.
    #[test]
    fn socket_addresses_round_trip_through_c() {
        for text in ["127.0.0.1:80", "[::1]:443", "0.0.0.0:0", "255.255.255.255:65535"] {
            let address: SocketAddr = text.parse().unwrap();
            let c = CSocketAddr::new(&address);
            // SAFETY: `c` holds `c.len()` bytes.
            assert_eq!(unsafe { socket_addr_from(c.as_ptr(), c.len()) }, Some(address));
        }
        let v6 = SocketAddr::V6(SocketAddrV6::new(Ipv6Addr::LOCALHOST, 53, 0x12345, 7));
        let c = CSocketAddr::new(&v6);
        // SAFETY: as above.
        assert_eq!(unsafe { socket_addr_from(c.as_ptr(), c.len()) }, Some(v6));
        // Too short for its family, or no address at all: none.
        // SAFETY: as above, with fewer bytes.
        assert_eq!(unsafe { socket_addr_from(c.as_ptr(), c.len() - 1) }, None);
        // SAFETY: NULL is allowed.
        assert_eq!(unsafe { socket_addr_from(std::ptr::null(), 28) }, None);
    }
}
