//! glibc: every lookup through its reentrant `_r` function.
//!
//! glibc's `_r` functions take a caller-owned entry and buffer, return 0 or an errno
//! value, and set `*result` to the entry or NULL. They are MT-safe, so lookups run in
//! parallel without a lock. The enumerations (`getservent_r`, `getprotoent_r`) share
//! one stream per process, which a lock per database serialises.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::io;
use std::mem::{size_of, MaybeUninit};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::ptr;
use std::sync::{Mutex, PoisonError};

use netdb_sys as ffi;

use super::c_strings::{c_bytes, CStrList, PointerList};
use crate::buffer::{Attempt, GrowingBuffer};
use crate::decode::{EntryDecoder, Utf8Policy};
use crate::error::LossyEntry;
use crate::{
    AddrInfo, AddressFamily, Error, Hints, Host, Network, Protocol, Result, Service, SocketType,
};

pub(crate) const SOCK_STREAM: i32 = libc::SOCK_STREAM;
pub(crate) const SOCK_DGRAM: i32 = libc::SOCK_DGRAM;
pub(crate) const SOCK_RAW: i32 = libc::SOCK_RAW;
pub(crate) const SOCK_SEQPACKET: i32 = libc::SOCK_SEQPACKET;

/// The shape of a glibc `_r` call once its keys are bound: entry, buffer, buffer
/// length, result pointer; returns 0 or an errno value.
type ReentrantCall<'k, E> = dyn FnMut(*mut E, *mut c_char, usize, *mut *mut E) -> c_int + 'k;

/// Runs one `_r` lookup with a buffer that grows on `ERANGE`, and converts the entry it
/// finds while the buffer its strings point into is still alive.
///
/// `call` must pass its four arguments unchanged to a glibc-shaped `_r` function.
fn lookup<E, T>(
    call: &mut ReentrantCall<'_, E>,
    convert: impl Fn(&E) -> Result<T>,
) -> Result<Option<T>> {
    GrowingBuffer::new().run(|buf| {
        let mut entry = MaybeUninit::<E>::uninit();
        let mut result: *mut E = ptr::null_mut();
        let rc = call(entry.as_mut_ptr(), buf.as_mut_ptr().cast(), buf.len(), &mut result);
        outcome(rc, result, &convert)
    })
}

/// Reads the `(return code, *result)` pair of a glibc-shaped `_r` call.
///
/// Not found is 0 with a NULL result in glibc, and `ENOENT` from the end of an
/// enumeration or from musl-like backends; both are `None`.
fn outcome<E, T>(
    rc: c_int,
    result: *mut E,
    convert: &impl Fn(&E) -> Result<T>,
) -> Attempt<Result<Option<T>>> {
    match rc {
        0 if result.is_null() => Attempt::Done(Ok(None)),
        // SAFETY: on success `result` points at the entry the call filled in, whose
        // pointers lead into the buffer the caller still holds.
        0 => Attempt::Done(convert(unsafe { &*result }).map(Some)),
        libc::ERANGE => Attempt::TooSmall,
        libc::ENOENT => Attempt::Done(Ok(None)),
        errno => Attempt::Done(Err(io::Error::from_raw_os_error(errno).into())),
    }
}

/// Rewinds a database's shared enumeration stream when created and closes it when
/// dropped, even if reading it failed.
struct OpenStream {
    close: unsafe extern "C" fn(),
}

impl OpenStream {
    fn rewind(open: unsafe extern "C" fn(c_int), close: unsafe extern "C" fn()) -> Self {
        // SAFETY: set*ent(0) only resets the C library's stream for the database; the
        // caller holds that database's lock.
        unsafe { open(0) };
        OpenStream { close }
    }
}

impl Drop for OpenStream {
    fn drop(&mut self) {
        // SAFETY: end*ent only closes the stream, still under the caller's lock.
        unsafe { (self.close)() };
    }
}

/// Reads a whole database through its `get*ent_r` function, under `lock`.
fn enumerate<E, T>(
    lock: &Mutex<()>,
    open: unsafe extern "C" fn(c_int),
    close: unsafe extern "C" fn(),
    next: &mut ReentrantCall<'_, E>,
    convert: impl Fn(&E) -> Result<T>,
) -> Result<Vec<T>> {
    // The lock guards no Rust data, only the C stream, and `OpenStream` rewinds that,
    // so a panic elsewhere while it was held leaves nothing to repair.
    let _serialised = lock.lock().unwrap_or_else(PoisonError::into_inner);
    let _stream = OpenStream::rewind(open, close);
    let mut buffer = GrowingBuffer::new();
    let mut entries = Vec::new();
    loop {
        let found = buffer.run(|buf| {
            let mut entry = MaybeUninit::<E>::uninit();
            let mut result: *mut E = ptr::null_mut();
            let rc = next(entry.as_mut_ptr(), buf.as_mut_ptr().cast(), buf.len(), &mut result);
            outcome(rc, result, &convert)
        })?;
        match found {
            Some(entry) => entries.push(entry),
            None => return Ok(entries),
        }
    }
}

fn optional_ptr(value: Option<&CStr>) -> *const c_char {
    value.map_or(ptr::null(), CStr::as_ptr)
}

/// # Safety
/// `entry` was filled in by a successful services call, and the buffer its pointers
/// lead into is alive.
unsafe fn service_from(entry: &ffi::servent, policy: Utf8Policy) -> Result<Service> {
    let mut decoder = EntryDecoder::new(policy);
    // SAFETY: the caller's contract: the entry's strings are valid NUL-terminated
    // strings and `s_aliases` is a NULL-terminated array of them.
    let (name, aliases, protocol) =
        unsafe { (c_bytes(entry.s_name), CStrList::new(entry.s_aliases), c_bytes(entry.s_proto)) };
    let service = Service {
        name: decoder.string("name", name),
        aliases: aliases.map(|alias| decoder.string("alias", alias)).collect(),
        // `s_port` holds the port in network byte order in its low 16 bits.
        port: u16::from_be(entry.s_port as u16),
        protocol: decoder.string("protocol", protocol),
    };
    decoder.finish(service, LossyEntry::Service)
}

/// # Safety
/// As for [`service_from`], for a protocols entry.
unsafe fn protocol_from(entry: &ffi::protoent, policy: Utf8Policy) -> Result<Protocol> {
    let mut decoder = EntryDecoder::new(policy);
    // SAFETY: the caller's contract, as in `service_from`.
    let (name, aliases) = unsafe { (c_bytes(entry.p_name), CStrList::new(entry.p_aliases)) };
    let protocol = Protocol {
        name: decoder.string("name", name),
        aliases: aliases.map(|alias| decoder.string("alias", alias)).collect(),
        number: entry.p_proto,
    };
    decoder.finish(protocol, LossyEntry::Protocol)
}

pub(crate) fn service_by_name(name: &CStr, protocol: Option<&CStr>) -> Result<Option<Service>> {
    let protocol = optional_ptr(protocol);
    lookup(
        &mut |entry, buf, len, result| {
            // SAFETY: name and protocol are NUL-terminated (or NULL) and outlive the
            // call; `lookup` passes an entry, a buffer of `len` bytes and a result slot.
            unsafe { ffi::getservbyname_r(name.as_ptr(), protocol, entry, buf, len, result) }
        },
        // SAFETY: `lookup` converts only an entry the call just filled in.
        |entry| unsafe { service_from(entry, Utf8Policy::Strict) },
    )
}

pub(crate) fn service_by_port(port: u16, protocol: Option<&CStr>) -> Result<Option<Service>> {
    let protocol = optional_ptr(protocol);
    // glibc wants the port as `htons(port)` widened to an int.
    let port = c_int::from(port.to_be());
    lookup(
        &mut |entry, buf, len, result| {
            // SAFETY: as in `service_by_name`.
            unsafe { ffi::getservbyport_r(port, protocol, entry, buf, len, result) }
        },
        // SAFETY: `lookup` converts only an entry the call just filled in.
        |entry| unsafe { service_from(entry, Utf8Policy::Strict) },
    )
}

static SERVICES_STREAM: Mutex<()> = Mutex::new(());

pub(crate) fn all_services(policy: Utf8Policy) -> Result<Vec<Service>> {
    enumerate(
        &SERVICES_STREAM,
        ffi::setservent,
        ffi::endservent,
        &mut |entry, buf, len, result| {
            // SAFETY: `enumerate` passes an entry, a buffer of `len` bytes and a result
            // slot, and holds the services stream's lock.
            unsafe { ffi::getservent_r(entry, buf, len, result) }
        },
        // SAFETY: `enumerate` converts only an entry the call just filled in.
        |entry| unsafe { service_from(entry, policy) },
    )
}

pub(crate) fn protocol_by_name(name: &CStr) -> Result<Option<Protocol>> {
    lookup(
        &mut |entry, buf, len, result| {
            // SAFETY: as in `service_by_name`.
            unsafe { ffi::getprotobyname_r(name.as_ptr(), entry, buf, len, result) }
        },
        // SAFETY: `lookup` converts only an entry the call just filled in.
        |entry| unsafe { protocol_from(entry, Utf8Policy::Strict) },
    )
}

pub(crate) fn protocol_by_number(number: i32) -> Result<Option<Protocol>> {
    lookup(
        &mut |entry, buf, len, result| {
            // SAFETY: as in `service_by_name`.
            unsafe { ffi::getprotobynumber_r(number, entry, buf, len, result) }
        },
        // SAFETY: `lookup` converts only an entry the call just filled in.
        |entry| unsafe { protocol_from(entry, Utf8Policy::Strict) },
    )
}

static PROTOCOLS_STREAM: Mutex<()> = Mutex::new(());

pub(crate) fn all_protocols(policy: Utf8Policy) -> Result<Vec<Protocol>> {
    enumerate(
        &PROTOCOLS_STREAM,
        ffi::setprotoent,
        ffi::endprotoent,
        &mut |entry, buf, len, result| {
            // SAFETY: as in `all_services`, for the protocols stream.
            unsafe { ffi::getprotoent_r(entry, buf, len, result) }
        },
        // SAFETY: `enumerate` converts only an entry the call just filled in.
        |entry| unsafe { protocol_from(entry, policy) },
    )
}

// --- hosts and networks -------------------------------------------------------------

/// The shape of glibc's host and network `_r` calls once their keys are bound: entry,
/// buffer, buffer length, result pointer, h_errno slot; returns 0 or an errno value.
type HostShapedCall<'k, E> =
    dyn FnMut(*mut E, *mut c_char, usize, *mut *mut E, *mut c_int) -> c_int + 'k;

/// [`lookup`] for the calls that report through h_errno as well.
///
/// `call` must pass its five arguments unchanged to a glibc-shaped host or network
/// `_r` function.
fn host_lookup<E, T>(
    call: &mut HostShapedCall<'_, E>,
    convert: impl Fn(&E) -> Result<T>,
) -> Result<Option<T>> {
    GrowingBuffer::new().run(|buf| {
        let mut entry = MaybeUninit::<E>::uninit();
        let mut result: *mut E = ptr::null_mut();
        let mut h_errno: c_int = 0;
        let rc =
            call(entry.as_mut_ptr(), buf.as_mut_ptr().cast(), buf.len(), &mut result, &mut h_errno);
        if rc == libc::ERANGE {
            return Attempt::TooSmall;
        }
        if rc == 0 && !result.is_null() {
            // SAFETY: on success `result` points at the entry the call filled in, whose
            // pointers lead into `buf`, still borrowed here.
            return Attempt::Done(convert(unsafe { &*result }).map(Some));
        }
        // h_errno is meaningful only now, on failure: glibc may leave a stale
        // HOST_NOT_FOUND in it after a success.
        Attempt::Done(match h_errno {
            ffi::HOST_NOT_FOUND | ffi::NO_DATA => Ok(None),
            ffi::TRY_AGAIN => Err(Error::TryAgain),
            ffi::NO_RECOVERY => Err(Error::NoRecovery),
            _ if rc == 0 || rc == libc::ENOENT => Ok(None),
            _ => Err(io::Error::from_raw_os_error(rc).into()),
        })
    })
}

/// The addresses of a `hostent`, as `std::net` values.
///
/// # Safety
/// `list` is `h_addr_list` of an entry filled in by a successful call, each address
/// `length` bytes long, and its buffer is alive.
unsafe fn host_addresses(list: *const *mut c_char, family: c_int, length: c_int) -> Vec<IpAddr> {
    // SAFETY: the caller's contract: a NULL-terminated array of valid pointers.
    let pointers = unsafe { PointerList::new(list) };
    match (family, length) {
        // SAFETY: each pointer leads to `length` bytes, 4 here.
        (libc::AF_INET, 4) => pointers
            .map(|p| IpAddr::from(unsafe { p.cast::<[u8; 4]>().read_unaligned() }))
            .collect(),
        // SAFETY: each pointer leads to `length` bytes, 16 here.
        (libc::AF_INET6, 16) => pointers
            .map(|p| IpAddr::from(unsafe { p.cast::<[u8; 16]>().read_unaligned() }))
            .collect(),
        _ => Vec::new(),
    }
}

/// # Safety
/// `entry` was filled in by a successful hosts call and its buffer is alive.
unsafe fn host_from(entry: &ffi::hostent) -> Result<Host> {
    let mut decoder = EntryDecoder::new(Utf8Policy::Strict);
    // SAFETY: the caller's contract, as in `service_from`; the address list holds
    // `h_length`-byte addresses of `h_addrtype`.
    let (name, aliases, addresses) = unsafe {
        (
            c_bytes(entry.h_name),
            CStrList::new(entry.h_aliases),
            host_addresses(entry.h_addr_list, entry.h_addrtype, entry.h_length),
        )
    };
    let host = Host {
        name: decoder.string("name", name),
        aliases: aliases.map(|alias| decoder.string("alias", alias)).collect(),
        addresses,
    };
    decoder.finish(host, LossyEntry::Host)
}

fn c_family(family: AddressFamily) -> c_int {
    match family {
        AddressFamily::Inet => libc::AF_INET,
        AddressFamily::Inet6 => libc::AF_INET6,
    }
}

pub(crate) fn host_by_name(name: &CStr, family: AddressFamily) -> Result<Option<Host>> {
    let family = c_family(family);
    host_lookup(
        &mut |entry, buf, len, result, h_errno| {
            // SAFETY: `name` is NUL-terminated and outlives the call; `host_lookup`
            // passes an entry, a buffer of `len` bytes, a result and an h_errno slot.
            unsafe {
                ffi::gethostbyname2_r(name.as_ptr(), family, entry, buf, len, result, h_errno)
            }
        },
        // SAFETY: `host_lookup` converts only an entry the call just filled in.
        |entry| unsafe { host_from(entry) },
    )
}

pub(crate) fn host_by_addr(address: IpAddr) -> Result<Option<Host>> {
    let (octets, family): (Vec<u8>, c_int) = match address {
        IpAddr::V4(v4) => (v4.octets().to_vec(), libc::AF_INET),
        IpAddr::V6(v6) => (v6.octets().to_vec(), libc::AF_INET6),
    };
    let length = octets.len() as libc::socklen_t;
    host_lookup(
        &mut |entry, buf, len, result, h_errno| {
            // SAFETY: `octets` holds `length` bytes of an address of `family`; the rest
            // as in `host_by_name`.
            unsafe {
                ffi::gethostbyaddr_r(
                    octets.as_ptr().cast::<c_void>(),
                    length,
                    family,
                    entry,
                    buf,
                    len,
                    result,
                    h_errno,
                )
            }
        },
        // SAFETY: `host_lookup` converts only an entry the call just filled in.
        |entry| unsafe { host_from(entry) },
    )
}

/// # Safety
/// `entry` was filled in by a successful networks call and its buffer is alive.
unsafe fn network_from(entry: &ffi::netent) -> Result<Network> {
    let mut decoder = EntryDecoder::new(Utf8Policy::Strict);
    // SAFETY: the caller's contract, as in `service_from`.
    let (name, aliases) = unsafe { (c_bytes(entry.n_name), CStrList::new(entry.n_aliases)) };
    let network = Network {
        name: decoder.string("name", name),
        aliases: aliases.map(|alias| decoder.string("alias", alias)).collect(),
        // `n_net` is the network number in host byte order.
        address: Ipv4Addr::from(entry.n_net),
    };
    decoder.finish(network, LossyEntry::Network)
}

pub(crate) fn network_by_name(name: &CStr) -> Result<Option<Network>> {
    host_lookup(
        &mut |entry, buf, len, result, h_errno| {
            // SAFETY: as in `host_by_name`.
            unsafe { ffi::getnetbyname_r(name.as_ptr(), entry, buf, len, result, h_errno) }
        },
        // SAFETY: `host_lookup` converts only an entry the call just filled in.
        |entry| unsafe { network_from(entry) },
    )
}

pub(crate) fn network_by_addr(address: Ipv4Addr) -> Result<Option<Network>> {
    let number = u32::from(address);
    host_lookup(
        &mut |entry, buf, len, result, h_errno| {
            // SAFETY: as in `host_by_name`; the number is passed by value.
            unsafe { ffi::getnetbyaddr_r(number, libc::AF_INET, entry, buf, len, result, h_errno) }
        },
        // SAFETY: `host_lookup` converts only an entry the call just filled in.
        |entry| unsafe { network_from(entry) },
    )
}

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
fn addrinfo_error(code: c_int) -> Error {
    if code == ffi::EAI_SYSTEM {
        return io::Error::last_os_error().into();
    }
    // SAFETY: gai_strerror returns a pointer to a static string for any code.
    let message = unsafe { c_bytes(ffi::gai_strerror(code)) };
    Error::AddrInfo { code, message: String::from_utf8_lossy(message).into_owned() }
}

/// Owns the list `getaddrinfo` returned and frees it when dropped, on every path.
struct AddrInfoList(*mut ffi::addrinfo);

impl Drop for AddrInfoList {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: the pointer came from a successful getaddrinfo and is freed once.
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

pub(crate) fn getaddrinfo(
    host: Option<&CStr>,
    service: Option<&CStr>,
    hints: &Hints,
) -> Result<Vec<AddrInfo>> {
    // SAFETY: addrinfo is plain data; all-zero is its "no preference" value.
    let mut c_hints: ffi::addrinfo = unsafe { std::mem::zeroed() };
    c_hints.ai_flags = hints.flags;
    c_hints.ai_family = hints.family.map_or(libc::AF_UNSPEC, c_family);
    c_hints.ai_socktype = hints.socket_type.map_or(0, SocketType::as_raw);
    c_hints.ai_protocol = hints.protocol;

    let mut list = AddrInfoList(ptr::null_mut());
    // SAFETY: host and service are NUL-terminated or NULL, the hints are initialised,
    // and the result goes to a slot that `AddrInfoList` frees.
    let rc = unsafe {
        ffi::getaddrinfo(optional_ptr(host), optional_ptr(service), &c_hints, &mut list.0)
    };
    if rc != 0 {
        return Err(addrinfo_error(rc));
    }
    let mut results = Vec::new();
    let mut next = list.0.cast_const();
    while !next.is_null() {
        // SAFETY: `next` is a node of the list getaddrinfo returned, alive until `list`
        // drops at the end of this function.
        let node = unsafe { &*next };
        // SAFETY: getaddrinfo gives `ai_addrlen` bytes of address at `ai_addr`.
        let address = unsafe { socket_addr_from(node.ai_addr, node.ai_addrlen as usize) };
        if let Some(address) = address {
            // SAFETY: ai_canonname is NULL or a NUL-terminated string of the node.
            let canonical =
                (!node.ai_canonname.is_null()).then(|| unsafe { c_bytes(node.ai_canonname) });
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
    Ok(results)
}

pub(crate) fn getnameinfo(address: &SocketAddr, flags: i32) -> Result<(String, String)> {
    // SAFETY: sockaddr_storage is plain data; zero is a valid value of every field.
    let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let length = match address {
        SocketAddr::V4(v4) => {
            let raw = libc::sockaddr_in {
                sin_family: libc::AF_INET as libc::sa_family_t,
                sin_port: v4.port().to_be(),
                sin_addr: libc::in_addr { s_addr: u32::from(*v4.ip()).to_be() },
                sin_zero: [0; 8],
            };
            // SAFETY: sockaddr_storage is larger than and aligned for sockaddr_in.
            unsafe { ptr::addr_of_mut!(storage).cast::<libc::sockaddr_in>().write(raw) };
            size_of::<libc::sockaddr_in>()
        }
        SocketAddr::V6(v6) => {
            // SAFETY: sockaddr_in6 is plain data; zeroed fills fields some libcs add.
            let mut raw: libc::sockaddr_in6 = unsafe { std::mem::zeroed() };
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
            host.as_mut_ptr(),
            host.len() as libc::socklen_t,
            service.as_mut_ptr(),
            service.len() as libc::socklen_t,
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
