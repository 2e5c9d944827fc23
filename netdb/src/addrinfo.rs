//! Address resolution: `getaddrinfo` and `getnameinfo`.

use std::fmt;
use std::net::SocketAddr;
use std::ops::{
    BitAnd, BitAndAssign, BitOr, BitOrAssign, BitXor, BitXorAssign, Not, Sub, SubAssign,
};

use netdb_sys as ffi;

use crate::cstr::with_optional_c_str;
use crate::error::{LookupTarget, Result};
use crate::host::AddressFamily;
use crate::sys;

/// The type of socket an address is for (`SOCK_STREAM`, `SOCK_DGRAM`, ...).
///
/// It holds the C library's own value, which differs between some platforms; compare
/// with the associated constants. `Debug` prints the C name. With the `serde` feature
/// it is serialized as its C name too (`"SOCK_STREAM"`), which every platform reads
/// back right, and a value without a name as its number in decimal, as a string.
///
/// ```
/// use netdb::SocketType;
/// assert_eq!(format!("{:?}", SocketType::STREAM), "SOCK_STREAM");
/// assert_eq!(format!("{:?}", SocketType::from_raw(99)), "SocketType(99)");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SocketType(i32);

impl SocketType {
    /// A reliable byte stream (TCP): `SOCK_STREAM`.
    pub const STREAM: SocketType = SocketType(sys::SOCK_STREAM);
    /// Datagrams (UDP): `SOCK_DGRAM`.
    pub const DATAGRAM: SocketType = SocketType(sys::SOCK_DGRAM);
    /// Raw packets: `SOCK_RAW`.
    pub const RAW: SocketType = SocketType(sys::SOCK_RAW);
    /// Reliable datagrams in order (SCTP): `SOCK_SEQPACKET`.
    pub const SEQPACKET: SocketType = SocketType(sys::SOCK_SEQPACKET);

    /// The socket type with the C library's value `raw`.
    ///
    /// ```
    /// assert_eq!(netdb::SocketType::from_raw(netdb::SocketType::RAW.as_raw()), netdb::SocketType::RAW);
    /// ```
    #[must_use]
    pub const fn from_raw(raw: i32) -> SocketType {
        SocketType(raw)
    }

    /// The C library's value, as `socket()` and `ai_socktype` take it.
    ///
    /// ```
    /// # #[cfg(unix)]
    /// assert_eq!(netdb::SocketType::DATAGRAM.as_raw(), libc::SOCK_DGRAM);
    /// ```
    pub const fn as_raw(self) -> i32 {
        self.0
    }

    /// The C name, such as `"SOCK_STREAM"`, or `None` for a value without one here.
    ///
    /// ```
    /// assert_eq!(netdb::SocketType::DATAGRAM.c_name(), Some("SOCK_DGRAM"));
    /// ```
    pub fn c_name(self) -> Option<&'static str> {
        match self {
            SocketType::STREAM => Some("SOCK_STREAM"),
            SocketType::DATAGRAM => Some("SOCK_DGRAM"),
            SocketType::RAW => Some("SOCK_RAW"),
            SocketType::SEQPACKET => Some("SOCK_SEQPACKET"),
            _ => None,
        }
    }
}

impl fmt::Debug for SocketType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.c_name() {
            Some(name) => f.write_str(name),
            None => write!(f, "SocketType({})", self.0),
        }
    }
}

/// The C name, or the value for a socket type without one.
///
/// ```
/// assert_eq!(netdb::SocketType::STREAM.to_string(), "SOCK_STREAM");
/// assert_eq!(netdb::SocketType::from_raw(99).to_string(), "99");
/// ```
impl fmt::Display for SocketType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.c_name() {
            Some(name) => f.write_str(name),
            None => write!(f, "{}", self.0),
        }
    }
}

/// What `getaddrinfo` should return: the `hints` argument, built step by step.
///
/// `Hints::new()` asks for everything (any family, any socket type, no flags), as
/// Python's `socket.getaddrinfo(host, port)` does. Note that C's `getaddrinfo` with
/// *no* hints defaults to `AI_V4MAPPED | AI_ADDRCONFIG` on glibc; these hints never
/// set a flag you did not ask for.
///
/// ```
/// use netdb::{AddressFamily, Hints, SocketType};
///
/// let hints = Hints::new().family(AddressFamily::Inet).socket_type(SocketType::STREAM).numeric_host(true);
/// let found = netdb::getaddrinfo(Some("127.0.0.1"), Some("80"), &hints)?;
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].address, "127.0.0.1:80".parse().unwrap());
/// # Ok::<(), netdb::Error>(())
/// ```
///
/// Each method returns new hints and leaves its receiver as it was, so a call whose
/// result is dropped changes nothing (`localhost:80` would then give stream, datagram
/// and raw results). The compiler says so: the methods are `#[must_use]`, and with
/// `unused_must_use` denied this does not build,
///
/// ```compile_fail
/// #![deny(unused_must_use)]
/// use netdb::{Hints, SocketType};
///
/// let hints = Hints::new();
/// hints.socket_type(SocketType::STREAM); // error: unused return value
/// ```
///
/// while this does:
///
/// ```
/// #![deny(unused_must_use)]
/// use netdb::{Hints, SocketType};
///
/// let hints = Hints::new();
/// let hints = hints.socket_type(SocketType::STREAM);
/// assert_eq!(hints, Hints::new().socket_type(SocketType::STREAM));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Hints {
    pub(crate) family: Option<AddressFamily>,
    pub(crate) socket_type: Option<SocketType>,
    pub(crate) protocol: i32,
    pub(crate) flags: i32,
}

impl Hints {
    /// No restriction and no flags. The same as `Hints::default()`.
    ///
    /// ```
    /// let hints = netdb::Hints::new();
    /// assert_eq!(hints, netdb::Hints::default());
    /// assert_eq!(hints.raw_flags(), 0);
    /// ```
    #[must_use]
    pub const fn new() -> Hints {
        Hints { family: None, socket_type: None, protocol: 0, flags: 0 }
    }

    /// Only addresses of this family (`ai_family`); the default is any.
    ///
    /// ```
    /// use netdb::{AddressFamily, Hints};
    ///
    /// let found = netdb::getaddrinfo(Some("127.0.0.1"), None, &Hints::new().family(AddressFamily::Inet))?;
    /// assert!(found.iter().all(|a| a.family == AddressFamily::Inet && a.address.is_ipv4()));
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[must_use = "hints are a value: this returns new hints and leaves `self` unchanged"]
    pub const fn family(mut self, family: AddressFamily) -> Hints {
        self.family = Some(family);
        self
    }

    /// Only this socket type (`ai_socktype`); the default is any, which returns one
    /// result per type the service has (stream, datagram and raw on glibc).
    ///
    /// ```
    /// use netdb::{Hints, SocketType};
    ///
    /// let hints = Hints::new().socket_type(SocketType::DATAGRAM);
    /// let found = netdb::getaddrinfo(Some("127.0.0.1"), Some("53"), &hints)?;
    /// assert!(found.iter().all(|a| a.socket_type == SocketType::DATAGRAM));
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[must_use = "hints are a value: this returns new hints and leaves `self` unchanged"]
    pub const fn socket_type(mut self, socket_type: SocketType) -> Hints {
        self.socket_type = Some(socket_type);
        self
    }

    /// Only this protocol (`ai_protocol`), such as [`IPPROTO_TCP`](crate::IPPROTO_TCP);
    /// the default 0 is any.
    ///
    /// ```
    /// use netdb::{Hints, SocketType, IPPROTO_TCP};
    ///
    /// let hints = Hints::new().socket_type(SocketType::STREAM).protocol(IPPROTO_TCP);
    /// let found = netdb::getaddrinfo(Some("127.0.0.1"), Some("80"), &hints)?;
    /// assert!(found.iter().all(|a| a.protocol == IPPROTO_TCP));
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[must_use = "hints are a value: this returns new hints and leaves `self` unchanged"]
    pub const fn protocol(mut self, protocol: i32) -> Hints {
        self.protocol = protocol;
        self
    }

    const fn flag(mut self, flag: i32, on: bool) -> Hints {
        self.flags = if on { self.flags | flag } else { self.flags & !flag };
        self
    }

    /// `AI_PASSIVE`: with no host, return the wildcard address, to bind a server to.
    /// (Without it, no host means the loopback address, to connect to.)
    ///
    /// ```
    /// use netdb::{AddressFamily, Hints, SocketType};
    ///
    /// let hints = Hints::new().family(AddressFamily::Inet).socket_type(SocketType::STREAM);
    /// let server = netdb::getaddrinfo(None, Some("8080"), &hints.passive(true))?;
    /// assert_eq!(server[0].address, "0.0.0.0:8080".parse().unwrap());
    /// let client = netdb::getaddrinfo(None, Some("8080"), &hints)?;
    /// assert_eq!(client[0].address, "127.0.0.1:8080".parse().unwrap());
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[must_use = "hints are a value: this returns new hints and leaves `self` unchanged"]
    pub const fn passive(self, on: bool) -> Hints {
        self.flag(ffi::AI_PASSIVE, on)
    }

    /// `AI_CANONNAME`: fill in [`AddrInfo::canonical_name`] of the first result.
    ///
    /// ```
    /// use netdb::{Hints, SocketType};
    ///
    /// let hints = Hints::new().socket_type(SocketType::STREAM).canonical_name(true);
    /// let found = netdb::getaddrinfo(Some("localhost"), None, &hints)?;
    /// assert!(found[0].canonical_name.is_some());
    /// assert!(found[1..].iter().all(|a| a.canonical_name.is_none()));
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[must_use = "hints are a value: this returns new hints and leaves `self` unchanged"]
    pub const fn canonical_name(self, on: bool) -> Hints {
        self.flag(ffi::AI_CANONNAME, on)
    }

    /// `AI_NUMERICHOST`: the host must be a numeric address; never ask a resolver.
    ///
    /// ```
    /// let hints = netdb::Hints::new().numeric_host(true);
    /// assert!(netdb::getaddrinfo(Some("::1"), None, &hints).is_ok());
    /// let err = netdb::getaddrinfo(Some("localhost"), None, &hints).unwrap_err();
    /// assert!(err.is_not_found());
    /// ```
    #[must_use = "hints are a value: this returns new hints and leaves `self` unchanged"]
    pub const fn numeric_host(self, on: bool) -> Hints {
        self.flag(ffi::AI_NUMERICHOST, on)
    }

    /// `AI_NUMERICSERV`: the service must be a port number; never read the services
    /// database.
    ///
    /// ```
    /// let hints = netdb::Hints::new().numeric_host(true).numeric_service(true);
    /// assert!(netdb::getaddrinfo(Some("127.0.0.1"), Some("80"), &hints).is_ok());
    /// assert!(netdb::getaddrinfo(Some("127.0.0.1"), Some("http"), &hints).is_err());
    /// ```
    #[must_use = "hints are a value: this returns new hints and leaves `self` unchanged"]
    pub const fn numeric_service(self, on: bool) -> Hints {
        self.flag(ffi::AI_NUMERICSERV, on)
    }

    /// `AI_ADDRCONFIG`: only families this machine has a non-loopback address of.
    ///
    /// What it returns depends on the machine's interfaces, so this example only shows
    /// the flag being set:
    ///
    /// ```
    /// let hints = netdb::Hints::new().address_config(true);
    /// assert_eq!(hints.raw_flags(), netdb::ffi::AI_ADDRCONFIG);
    /// ```
    #[must_use = "hints are a value: this returns new hints and leaves `self` unchanged"]
    pub const fn address_config(self, on: bool) -> Hints {
        self.flag(ffi::AI_ADDRCONFIG, on)
    }

    /// `AI_V4MAPPED`: with family `Inet6` and no IPv6 address found, return IPv4
    /// addresses mapped into IPv6 (`::ffff:a.b.c.d`).
    ///
    /// NetBSD has no such flag: there `getaddrinfo` fails with `EAI_BADFLAGS`, as its C
    /// library does for a flag it does not know.
    ///
    /// ```
    /// use netdb::{AddressFamily, Hints, SocketType};
    ///
    /// let hints = Hints::new().family(AddressFamily::Inet6).socket_type(SocketType::STREAM);
    /// let found = netdb::getaddrinfo(Some("127.0.0.1"), None, &hints.v4_mapped(true))?;
    /// assert_eq!(found[0].address.ip(), "::ffff:127.0.0.1".parse::<std::net::IpAddr>().unwrap());
    /// assert!(netdb::getaddrinfo(Some("127.0.0.1"), None, &hints).is_err());
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[must_use = "hints are a value: this returns new hints and leaves `self` unchanged"]
    pub const fn v4_mapped(self, on: bool) -> Hints {
        self.flag(sys::AI_V4MAPPED, on)
    }

    /// `AI_ALL`: with `v4_mapped`, return the mapped IPv4 addresses as well as the
    /// IPv6 ones. NetBSD has no such flag (see [`v4_mapped`](Hints::v4_mapped)).
    ///
    /// ```
    /// let hints = netdb::Hints::new().v4_mapped(true).all(true);
    /// assert_eq!(hints.raw_flags(), netdb::ffi::AI_V4MAPPED | netdb::ffi::AI_ALL);
    /// ```
    #[must_use = "hints are a value: this returns new hints and leaves `self` unchanged"]
    pub const fn all(self, on: bool) -> Hints {
        self.flag(sys::AI_ALL, on)
    }

    /// The `ai_flags` these hints pass, as the C library's bits (which differ between
    /// platforms), for a program that passes them on to C itself.
    ///
    /// ```
    /// let hints = netdb::Hints::new().passive(true);
    /// assert_eq!(hints.raw_flags(), netdb::ffi::AI_PASSIVE);
    /// ```
    pub const fn raw_flags(&self) -> i32 {
        self.flags
    }
}

/// One result of [`getaddrinfo`]: an address to connect or bind a socket to.
///
/// ```
/// use std::net::TcpStream;
/// use netdb::{Hints, SocketType};
///
/// let hints = Hints::new().socket_type(SocketType::STREAM);
/// for found in netdb::getaddrinfo(Some("localhost"), Some("9"), &hints)? {
///     assert_eq!(found.socket_type, SocketType::STREAM);
///     assert_eq!(netdb::AddressFamily::of(&found.address.ip()), found.family);
///     // Where a program would connect:
///     let _ = TcpStream::connect_timeout(&found.address, std::time::Duration::from_millis(10));
/// }
/// # Ok::<(), netdb::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "addrinfo")]
pub struct AddrInfo {
    /// The family of [`AddrInfo::address`] (`ai_family`).
    pub family: AddressFamily,
    /// The socket type (`ai_socktype`).
    pub socket_type: SocketType,
    /// The protocol (`ai_protocol`), such as [`IPPROTO_TCP`](crate::IPPROTO_TCP).
    pub protocol: i32,
    /// The address and port (`ai_addr`), port in host byte order.
    pub address: SocketAddr,
    /// The canonical name of the host (`ai_canonname`): set on the first result when
    /// [`Hints::canonical_name`] asked for it, `None` otherwise.
    pub canonical_name: Option<String>,
}

/// The address, the socket type and the protocol, then the canonical name where there
/// is one: `127.0.0.1:80 SOCK_STREAM 6 localhost`.
///
/// ```
/// use netdb::{AddrInfo, AddressFamily, SocketType, IPPROTO_UDP};
///
/// let found = AddrInfo {
///     family: AddressFamily::Inet6,
///     socket_type: SocketType::DATAGRAM,
///     protocol: IPPROTO_UDP,
///     address: "[::1]:53".parse().unwrap(),
///     canonical_name: None,
/// };
/// assert_eq!(found.to_string(), format!("[::1]:53 SOCK_DGRAM {IPPROTO_UDP}"));
/// ```
impl fmt::Display for AddrInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.address, self.socket_type, self.protocol)?;
        match &self.canonical_name {
            Some(name) => write!(f, " {name}"),
            None => Ok(()),
        }
    }
}

/// Resolves a host and a service to socket addresses, like Python's
/// `socket.getaddrinfo(host, service)` and C's `getaddrinfo`.
///
/// Either `host` or `service` may be `None`, not both. The results come in the order
/// the C library gives them (RFC 6724 order on glibc). Names go through the system
/// resolver, so `/etc/hosts`, DNS, mDNS and everything else `nsswitch.conf` names are
/// honoured. The C list is copied into owned values and freed with `freeaddrinfo` on
/// every path, errors included.
///
/// A service that the C library reads as a number (`strtoul`'s form: leading blanks, a
/// sign and leading zeros allowed) outside 0 to 65535 is `EAI_SERVICE` rather than the
/// port C would wrap it to (glibc answers `99999`, `" 99999"` and `"+99999"` with port
/// 34463).
///
/// Only IPv4 and IPv6 results are returned, the families a [`SocketAddr`] holds: with
/// hints of any family the C library returns no others (the `AF_UNIX` or `AF_PACKET`
/// results some systems can give need hints that ask for them, which [`Hints`] cannot).
///
/// # Errors
/// [`Error::AddrInfo`](crate::Error::AddrInfo) with the [kind](crate::AddrInfoErrorKind)
/// of failure (for a name that does not exist [`Error::is_not_found`](crate::Error::is_not_found)
/// is true) and the host and service it was for, [`Error::Io`](crate::Error::Io) for
/// `EAI_SYSTEM`, and [`Error::InteriorNul`](crate::Error::InteriorNul) for bad input.
///
/// ```
/// use netdb::{Hints, SocketType};
///
/// let found = netdb::getaddrinfo(Some("localhost"), Some("http"), &Hints::new().socket_type(SocketType::STREAM))?;
/// assert!(found.iter().all(|a| a.address.ip().is_loopback() && a.address.port() == 80));
/// # Ok::<(), netdb::Error>(())
/// ```
pub fn getaddrinfo(
    host: Option<&str>,
    service: Option<&str>,
    hints: &Hints,
) -> Result<Vec<AddrInfo>> {
    with_optional_c_str("host", host, |c_host| {
        with_optional_c_str("service", service, |c_service| {
            if let Some(service) = service {
                reject_out_of_range_port(service)?;
            }
            sys::getaddrinfo(c_host, c_service, hints)
        })
    })
    .map_err(|error| error.for_lookup(|| LookupTarget::new(host, service)))
}

/// A service the C library reads as a number must be a port, 0 to 65535.
///
/// `getaddrinfo` first reads the service with `strtoul(service, &end, 10)`, and takes it
/// for a port if that reads the whole text: leading blanks (C's `isspace`), a sign and
/// leading zeros included, so `" 99999"`, `"+99999"` and `"0099999"` are numbers too.
/// glibc then keeps the number's low 16 bits (`"+99999"` is port 34463, `"+65616"` port
/// 80) and reads a negative one as a name that no services file has (`EAI_SERVICE`);
/// musl refuses a number above 65535. The crate answers every number outside
/// 0..=65535, negative ones included, with `EAI_SERVICE`, as C does for any other
/// service it cannot use, on every platform.
pub(crate) fn reject_out_of_range_port(service: &str) -> Result<()> {
    match port_number(service) {
        Some(None) => Err(sys::addrinfo_error(ffi::EAI_SERVICE)),
        _ => Ok(()),
    }
}

/// How `strtoul(service, &end, 10)` reads `service` when it reads all of it: `None` if
/// it does not (a service name), `Some(None)` for a number that is no port,
/// `Some(Some(port))` for a port.
fn port_number(service: &str) -> Option<Option<u16>> {
    // C's isspace in the C locale: space, \t, \n, \v, \f, \r.
    let text = service.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let zero = digits.bytes().all(|b| b == b'0');
    Some(match digits.parse::<u16>() {
        // strtoul negates its value; only -0 is still a port.
        Ok(port) if !negative || zero => Some(port),
        _ if zero => Some(0),
        _ => None,
    })
}
/// The C library's text for an `EAI_*` code, as `gai_strerror(code)` gives it: what
/// Python puts in a `socket.gaierror` and [`Error::AddrInfo`](crate::Error::AddrInfo)
/// carries. On Windows, where `gai_strerror` is not a library function, the system's
/// message for the code (the `EAI_*` codes are Winsock error codes there).
///
/// ```
/// let text = netdb::addrinfo_error_message(netdb::ffi::EAI_NONAME);
/// assert!(!text.is_empty());
/// ```
#[doc(alias = "gai_strerror")]
pub fn addrinfo_error_message(code: i32) -> String {
    sys::addrinfo_error_message(code)
}

/// Flags of [`getnameinfo`] (`NI_*`): a set, with the operations of the `bitflags`
/// crate's types and their meaning.
///
/// Combine flags with `|` (union), and take `&` (intersection), `-` (difference), `^`
/// (symmetric difference) and `!` (complement), each with its `…Assign` form and a
/// `const fn` of the same meaning ([`union`](NameInfoFlags::union), ...); change a set
/// in place with [`insert`](NameInfoFlags::insert), [`remove`](NameInfoFlags::remove),
/// [`toggle`](NameInfoFlags::toggle) and [`set`](NameInfoFlags::set); collect flags
/// into a set with `FromIterator` and `Extend`.
///
/// The bits are the C library's, which differ between platforms. A set may hold bits
/// that no flag here names, from [`from_bits_retain`](NameInfoFlags::from_bits_retain):
/// every operation keeps them as bits, but for the complement, which is taken within
/// the flags named here ([`all`](NameInfoFlags::all)) and so drops them. With the
/// `serde` feature the flags are serialized as the list of their C names
/// (`["NI_NUMERICHOST","NI_NUMERICSERV"]`), which every platform reads back right.
///
/// ```
/// use netdb::NameInfoFlags;
///
/// let flags = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::NUMERIC_SERVICE;
/// assert_eq!(flags.bits(), netdb::ffi::NI_NUMERICHOST | netdb::ffi::NI_NUMERICSERV);
/// assert_eq!(flags & NameInfoFlags::NUMERIC_HOST, NameInfoFlags::NUMERIC_HOST);
/// assert_eq!(flags - NameInfoFlags::NUMERIC_HOST, NameInfoFlags::NUMERIC_SERVICE);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct NameInfoFlags(i32);

impl NameInfoFlags {
    /// No flags: names where there are names, numbers otherwise. The same as
    /// [`NameInfoFlags::empty()`].
    pub const NONE: NameInfoFlags = NameInfoFlags(0);
    /// `NI_NUMERICHOST`: the address as digits, never a name.
    pub const NUMERIC_HOST: NameInfoFlags = NameInfoFlags(ffi::NI_NUMERICHOST);
    /// `NI_NUMERICSERV`: the port as digits, never a service name.
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    ///
    /// let address = "127.0.0.1:22".parse().unwrap();
    /// let flags = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::NUMERIC_SERVICE;
    /// assert_eq!(netdb::getnameinfo(&address, flags)?, ("127.0.0.1".into(), "22".into()));
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub const NUMERIC_SERVICE: NameInfoFlags = NameInfoFlags(ffi::NI_NUMERICSERV);
    /// `NI_NOFQDN`: only the first label of a local host's name.
    pub const NO_FQDN: NameInfoFlags = NameInfoFlags(ffi::NI_NOFQDN);
    /// `NI_NAMEREQD`: fail (`EAI_NONAME`) rather than return digits for a host without
    /// a name.
    pub const NAME_REQUIRED: NameInfoFlags = NameInfoFlags(ffi::NI_NAMEREQD);
    /// `NI_DGRAM`: look the port up as a UDP service.
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    ///
    /// // Port 514 is `shell` over TCP and `syslog` over UDP in the IANA registry.
    /// let address = "127.0.0.1:514".parse().unwrap();
    /// let (_, udp) = netdb::getnameinfo(&address, NameInfoFlags::NUMERIC_HOST | NameInfoFlags::DATAGRAM)?;
    /// let (_, tcp) = netdb::getnameinfo(&address, NameInfoFlags::NUMERIC_HOST)?;
    /// assert_eq!((udp.as_str(), tcp.as_str()), ("syslog", "shell"));
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub const DATAGRAM: NameInfoFlags = NameInfoFlags(ffi::NI_DGRAM);

    /// The flags named here, with their C names, in the order `Debug` and serde write
    /// them.
    pub(crate) const NAMED: [(NameInfoFlags, &'static str); 5] = [
        (NameInfoFlags::NUMERIC_HOST, "NI_NUMERICHOST"),
        (NameInfoFlags::NUMERIC_SERVICE, "NI_NUMERICSERV"),
        (NameInfoFlags::NO_FQDN, "NI_NOFQDN"),
        (NameInfoFlags::NAME_REQUIRED, "NI_NAMEREQD"),
        (NameInfoFlags::DATAGRAM, "NI_DGRAM"),
    ];

    /// Every flag named here.
    const ALL: NameInfoFlags = NameInfoFlags(
        ffi::NI_NUMERICHOST
            | ffi::NI_NUMERICSERV
            | ffi::NI_NOFQDN
            | ffi::NI_NAMEREQD
            | ffi::NI_DGRAM,
    );

    /// No flags, the same as [`NameInfoFlags::NONE`].
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// assert_eq!(NameInfoFlags::empty(), NameInfoFlags::NONE);
    /// assert_eq!(NameInfoFlags::empty().bits(), 0);
    /// ```
    #[must_use]
    pub const fn empty() -> NameInfoFlags {
        NameInfoFlags::NONE
    }

    /// Every flag named here, and no other bit.
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    ///
    /// let all = NameInfoFlags::all();
    /// assert!(all.contains(NameInfoFlags::NUMERIC_HOST | NameInfoFlags::DATAGRAM));
    /// assert_eq!(NameInfoFlags::from_bits(all.bits()), Some(all));
    /// ```
    #[must_use]
    pub const fn all() -> NameInfoFlags {
        NameInfoFlags::ALL
    }

    /// The flags with the C library's bits `bits`, or `None` if any bit is not one of
    /// the flags named here.
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// assert_eq!(NameInfoFlags::from_bits(netdb::ffi::NI_DGRAM), Some(NameInfoFlags::DATAGRAM));
    /// assert_eq!(NameInfoFlags::from_bits(1 << 30), None);
    /// ```
    #[must_use]
    pub const fn from_bits(bits: i32) -> Option<NameInfoFlags> {
        if bits & !NameInfoFlags::ALL.0 == 0 {
            Some(NameInfoFlags(bits))
        } else {
            None
        }
    }

    /// The flags with the C library's bits `bits`, without the bits that no flag here
    /// names.
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// let bits = netdb::ffi::NI_DGRAM | 1 << 30;
    /// assert_eq!(NameInfoFlags::from_bits_truncate(bits), NameInfoFlags::DATAGRAM);
    /// ```
    #[must_use]
    pub const fn from_bits_truncate(bits: i32) -> NameInfoFlags {
        NameInfoFlags(bits & NameInfoFlags::ALL.0)
    }

    /// The flags with the C library's bits `bits`, unknown bits included: they are
    /// passed on to `getnameinfo` as they are (for a flag of this platform's C library
    /// that has no name here).
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// assert_eq!(NameInfoFlags::from_bits_retain(1 << 30).bits(), 1 << 30);
    /// ```
    #[must_use]
    pub const fn from_bits_retain(bits: i32) -> NameInfoFlags {
        NameInfoFlags(bits)
    }

    /// The C library's bits, as C's `getnameinfo` takes them.
    ///
    /// ```
    /// assert_eq!(netdb::NameInfoFlags::NONE.bits(), 0);
    /// assert_eq!(netdb::NameInfoFlags::NAME_REQUIRED.bits(), netdb::ffi::NI_NAMEREQD);
    /// ```
    pub const fn bits(self) -> i32 {
        self.0
    }

    /// Whether no bit is set.
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// assert!(NameInfoFlags::NONE.is_empty());
    /// assert!(!NameInfoFlags::DATAGRAM.is_empty());
    /// assert!(!NameInfoFlags::from_bits_retain(1 << 30).is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every flag named here is set.
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// assert!(NameInfoFlags::all().is_all());
    /// assert!(!(NameInfoFlags::all() - NameInfoFlags::DATAGRAM).is_all());
    /// ```
    pub const fn is_all(self) -> bool {
        self.0 & NameInfoFlags::ALL.0 == NameInfoFlags::ALL.0
    }

    /// Whether every flag of `other` is set in `self`.
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    ///
    /// let mut flags = NameInfoFlags::NUMERIC_HOST;
    /// flags |= NameInfoFlags::DATAGRAM;
    /// assert!(flags.contains(NameInfoFlags::DATAGRAM));
    /// assert!(flags.contains(NameInfoFlags::NUMERIC_HOST | NameInfoFlags::DATAGRAM));
    /// assert!(!flags.contains(NameInfoFlags::NUMERIC_SERVICE));
    /// ```
    pub const fn contains(self, other: NameInfoFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether any flag of `other` is set in `self`.
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    ///
    /// let flags = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::DATAGRAM;
    /// assert!(flags.intersects(NameInfoFlags::DATAGRAM | NameInfoFlags::NO_FQDN));
    /// assert!(!flags.intersects(NameInfoFlags::NO_FQDN));
    /// ```
    pub const fn intersects(self, other: NameInfoFlags) -> bool {
        self.0 & other.0 != 0
    }

    /// The flags set in `self` or in `other` (`|`).
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// const NUMERIC: NameInfoFlags = NameInfoFlags::NUMERIC_HOST.union(NameInfoFlags::NUMERIC_SERVICE);
    /// assert_eq!(NUMERIC, NameInfoFlags::NUMERIC_HOST | NameInfoFlags::NUMERIC_SERVICE);
    /// ```
    #[must_use]
    pub const fn union(self, other: NameInfoFlags) -> NameInfoFlags {
        NameInfoFlags(self.0 | other.0)
    }

    /// The flags set in both `self` and `other` (`&`).
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// let flags = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::DATAGRAM;
    /// let numeric = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::NUMERIC_SERVICE;
    /// assert_eq!(flags.intersection(numeric), NameInfoFlags::NUMERIC_HOST);
    /// assert_eq!(flags & numeric, NameInfoFlags::NUMERIC_HOST);
    /// ```
    #[must_use]
    pub const fn intersection(self, other: NameInfoFlags) -> NameInfoFlags {
        NameInfoFlags(self.0 & other.0)
    }

    /// The flags set in `self` but not in `other` (`-`).
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// let flags = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::DATAGRAM;
    /// assert_eq!(flags.difference(NameInfoFlags::DATAGRAM), NameInfoFlags::NUMERIC_HOST);
    /// assert_eq!(flags - NameInfoFlags::DATAGRAM, NameInfoFlags::NUMERIC_HOST);
    /// ```
    #[must_use]
    pub const fn difference(self, other: NameInfoFlags) -> NameInfoFlags {
        NameInfoFlags(self.0 & !other.0)
    }

    /// The flags set in one of `self` and `other` but not both (`^`).
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// let flags = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::DATAGRAM;
    /// let numeric = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::NUMERIC_SERVICE;
    /// let expected = NameInfoFlags::DATAGRAM | NameInfoFlags::NUMERIC_SERVICE;
    /// assert_eq!(flags.symmetric_difference(numeric), expected);
    /// assert_eq!(flags ^ numeric, expected);
    /// ```
    #[must_use]
    pub const fn symmetric_difference(self, other: NameInfoFlags) -> NameInfoFlags {
        NameInfoFlags(self.0 ^ other.0)
    }

    /// The flags named here that are not set in `self` (`!`). Bits that no flag here
    /// names are not in the result, whether set in `self` or not: the complement of a
    /// C library's unknown bits would be every other bit of the `int`.
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// let flags = NameInfoFlags::all() - NameInfoFlags::DATAGRAM;
    /// assert_eq!(flags.complement(), NameInfoFlags::DATAGRAM);
    /// assert_eq!(!flags, NameInfoFlags::DATAGRAM);
    /// assert_eq!(!NameInfoFlags::from_bits_retain(1 << 30), NameInfoFlags::all());
    /// ```
    #[must_use]
    pub const fn complement(self) -> NameInfoFlags {
        NameInfoFlags(!self.0 & NameInfoFlags::ALL.0)
    }

    /// Sets the flags of `other` (`|=`).
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// let mut flags = NameInfoFlags::NUMERIC_HOST;
    /// flags.insert(NameInfoFlags::DATAGRAM);
    /// assert_eq!(flags, NameInfoFlags::NUMERIC_HOST | NameInfoFlags::DATAGRAM);
    /// ```
    pub fn insert(&mut self, other: NameInfoFlags) {
        *self = self.union(other);
    }

    /// Clears the flags of `other` (`-=`).
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// let mut flags = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::DATAGRAM;
    /// flags.remove(NameInfoFlags::DATAGRAM);
    /// assert_eq!(flags, NameInfoFlags::NUMERIC_HOST);
    /// ```
    pub fn remove(&mut self, other: NameInfoFlags) {
        *self = self.difference(other);
    }

    /// Flips the flags of `other`: sets those that are clear and clears those that are
    /// set (`^=`).
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// let mut flags = NameInfoFlags::NUMERIC_HOST;
    /// flags.toggle(NameInfoFlags::NUMERIC_HOST | NameInfoFlags::DATAGRAM);
    /// assert_eq!(flags, NameInfoFlags::DATAGRAM);
    /// ```
    pub fn toggle(&mut self, other: NameInfoFlags) {
        *self = self.symmetric_difference(other);
    }

    /// Sets the flags of `other` if `value` is true, clears them if it is false.
    ///
    /// ```
    /// use netdb::NameInfoFlags;
    /// let mut flags = NameInfoFlags::NONE;
    /// let udp = true;
    /// flags.set(NameInfoFlags::DATAGRAM, udp);
    /// assert_eq!(flags, NameInfoFlags::DATAGRAM);
    /// flags.set(NameInfoFlags::DATAGRAM, false);
    /// assert!(flags.is_empty());
    /// ```
    pub fn set(&mut self, other: NameInfoFlags, value: bool) {
        if value {
            self.insert(other);
        } else {
            self.remove(other);
        }
    }
}

/// The C names of the flags, then any other bits in hex: `NameInfoFlags(NI_NUMERICHOST
/// | NI_DGRAM)`, `NameInfoFlags(empty)`.
///
/// ```
/// use netdb::NameInfoFlags;
/// let flags = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::DATAGRAM;
/// assert_eq!(format!("{flags:?}"), "NameInfoFlags(NI_NUMERICHOST | NI_DGRAM)");
/// assert_eq!(format!("{:?}", NameInfoFlags::NONE), "NameInfoFlags(empty)");
/// ```
impl fmt::Debug for NameInfoFlags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NameInfoFlags(")?;
        let mut rest = self.0;
        let mut first = true;
        let mut separate = |f: &mut fmt::Formatter<'_>| {
            let separator = if first { "" } else { " | " };
            first = false;
            f.write_str(separator)
        };
        for (flag, name) in NameInfoFlags::NAMED {
            if self.contains(flag) {
                separate(f)?;
                f.write_str(name)?;
                rest &= !flag.0;
            }
        }
        if rest != 0 {
            separate(f)?;
            write!(f, "{rest:#x}")?;
        }
        if self.0 == 0 {
            f.write_str("empty")?;
        }
        f.write_str(")")
    }
}

/// The union, [`NameInfoFlags::union`].
impl BitOr for NameInfoFlags {
    type Output = NameInfoFlags;

    fn bitor(self, other: NameInfoFlags) -> NameInfoFlags {
        self.union(other)
    }
}

/// [`NameInfoFlags::insert`].
impl BitOrAssign for NameInfoFlags {
    fn bitor_assign(&mut self, other: NameInfoFlags) {
        self.insert(other);
    }
}

/// The intersection, [`NameInfoFlags::intersection`].
impl BitAnd for NameInfoFlags {
    type Output = NameInfoFlags;

    fn bitand(self, other: NameInfoFlags) -> NameInfoFlags {
        self.intersection(other)
    }
}

/// Keeps the flags that are also set in `other`.
///
/// ```
/// use netdb::NameInfoFlags;
/// let mut flags = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::DATAGRAM;
/// flags &= NameInfoFlags::DATAGRAM | NameInfoFlags::NO_FQDN;
/// assert_eq!(flags, NameInfoFlags::DATAGRAM);
/// ```
impl BitAndAssign for NameInfoFlags {
    fn bitand_assign(&mut self, other: NameInfoFlags) {
        *self = self.intersection(other);
    }
}

/// The symmetric difference, [`NameInfoFlags::symmetric_difference`].
impl BitXor for NameInfoFlags {
    type Output = NameInfoFlags;

    fn bitxor(self, other: NameInfoFlags) -> NameInfoFlags {
        self.symmetric_difference(other)
    }
}

/// [`NameInfoFlags::toggle`].
impl BitXorAssign for NameInfoFlags {
    fn bitxor_assign(&mut self, other: NameInfoFlags) {
        self.toggle(other);
    }
}

/// The difference, [`NameInfoFlags::difference`].
impl Sub for NameInfoFlags {
    type Output = NameInfoFlags;

    fn sub(self, other: NameInfoFlags) -> NameInfoFlags {
        self.difference(other)
    }
}

/// [`NameInfoFlags::remove`].
impl SubAssign for NameInfoFlags {
    fn sub_assign(&mut self, other: NameInfoFlags) {
        self.remove(other);
    }
}

/// The complement within the flags named here, [`NameInfoFlags::complement`].
impl Not for NameInfoFlags {
    type Output = NameInfoFlags;

    fn not(self) -> NameInfoFlags {
        self.complement()
    }
}

/// The union of the flags.
///
/// ```
/// use netdb::NameInfoFlags;
///
/// let flags: NameInfoFlags = [NameInfoFlags::NUMERIC_HOST, NameInfoFlags::DATAGRAM].into_iter().collect();
/// assert_eq!(flags, NameInfoFlags::NUMERIC_HOST | NameInfoFlags::DATAGRAM);
/// let none: NameInfoFlags = std::iter::empty().collect();
/// assert!(none.is_empty());
/// ```
impl FromIterator<NameInfoFlags> for NameInfoFlags {
    fn from_iter<I: IntoIterator<Item = NameInfoFlags>>(flags: I) -> NameInfoFlags {
        let mut union = NameInfoFlags::empty();
        union.extend(flags);
        union
    }
}

/// Inserts each of the flags.
///
/// ```
/// use netdb::NameInfoFlags;
///
/// let mut flags = NameInfoFlags::NUMERIC_HOST;
/// flags.extend([NameInfoFlags::NUMERIC_SERVICE, NameInfoFlags::DATAGRAM]);
/// assert_eq!(flags, NameInfoFlags::NUMERIC_HOST | NameInfoFlags::NUMERIC_SERVICE | NameInfoFlags::DATAGRAM);
/// ```
impl Extend<NameInfoFlags> for NameInfoFlags {
    fn extend<I: IntoIterator<Item = NameInfoFlags>>(&mut self, flags: I) {
        for flag in flags {
            self.insert(flag);
        }
    }
}

/// The host and service names of a socket address, like Python's
/// `socket.getnameinfo((host, port), flags)` and C's `getnameinfo`.
///
/// Without flags, a host or port that has no name comes back as digits.
///
/// # Errors
/// [`Error::AddrInfo`](crate::Error::AddrInfo) with the `EAI_*` code (`EAI_NONAME`
/// with [`NameInfoFlags::NAME_REQUIRED`] for an address without a name),
/// [`Error::Io`](crate::Error::Io) for `EAI_SYSTEM`.
///
/// ```
/// use netdb::NameInfoFlags;
///
/// let address = "127.0.0.1:22".parse().unwrap();
/// let (host, service) = netdb::getnameinfo(&address, NameInfoFlags::NUMERIC_HOST)?;
/// assert_eq!((host.as_str(), service.as_str()), ("127.0.0.1", "ssh"));
/// # Ok::<(), netdb::Error>(())
/// ```
pub fn getnameinfo(address: &SocketAddr, flags: NameInfoFlags) -> Result<(String, String)> {
    sys::getnameinfo(address, flags.bits()).map_err(|error| error.for_lookup(|| lookup_of(address)))
}

/// What a lookup of `address` is for: its address and port in digits.
pub(crate) fn lookup_of(address: &SocketAddr) -> LookupTarget {
    LookupTarget::new(Some(&address.ip().to_string()), Some(&address.port().to_string()))
}

#[cfg(test)]
mod tests {
    use super::port_number;

    /// Each form `strtoul` reads whole is a number, in range or not; anything else is a
    /// name.
    #[test]
    fn services_read_as_strtoul_reads_them() {
        let cases: &[(&str, Option<Option<u16>>)] = &[
            ("80", Some(Some(80))),
            ("0080", Some(Some(80))),
            ("+80", Some(Some(80))),
            (" \t\n\x0b\x0c\r80", Some(Some(80))),
            ("0", Some(Some(0))),
            ("-0", Some(Some(0))),
            ("+0", Some(Some(0))),
            ("65535", Some(Some(65535))),
            ("00000000000000000000065535", Some(Some(65535))),
            ("-000", Some(Some(0))),
            ("65536", Some(None)),
            ("99999", Some(None)),
            ("+99999", Some(None)),
            (" 99999", Some(None)),
            ("+65616", Some(None)),
            ("0099999", Some(None)),
            ("-1", Some(None)),
            ("-65535", Some(None)),
            ("99999999999999999999999", Some(None)),
            ("", None),
            (" ", None),
            ("+", None),
            ("-", None),
            ("+-1", None),
            ("80 ", None),
            ("8 0", None),
            ("0x50", None),
            ("http", None),
            ("80/tcp", None),
            ("\u{a0}80", None),
        ];
        for &(service, expected) in cases {
            assert_eq!(port_number(service), expected, "{service:?}");
        }
    }
}
