//! The hosts database: names and addresses from `/etc/hosts`, DNS and whatever else
//! `nsswitch.conf` names.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use std::ffi::CStr;

use crate::cstr::with_c_str;
use crate::decode::Utf8Policy;
use crate::error::Result;
use crate::format::{write_aliases, write_c_address_padded};
use crate::resolve::{Deadline, Lookup};
use crate::resolver::Resolver;
use crate::sys;

/// The address family of a host lookup: IPv4 or IPv6.
///
/// Displays as its C name, and parses from the names C and Python use (`"AF_INET"`,
/// `"inet6"`, `"ipv4"`, ..., in any case). With the `serde` feature it is serialized
/// as its C name and deserialized from any name it parses from.
///
/// ```
/// use netdb::AddressFamily;
///
/// assert_eq!("inet6".parse::<AddressFamily>(), Ok(AddressFamily::Inet6));
/// assert_eq!("AF_INET".parse::<AddressFamily>(), Ok(AddressFamily::Inet));
/// assert!("appletalk".parse::<AddressFamily>().is_err());
/// ```
///
/// It is `#[non_exhaustive]`: the crate returns only the families a `std::net` address
/// holds, but a later version may name others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[doc(alias = "AF_INET")]
#[doc(alias = "AF_INET6")]
#[non_exhaustive]
pub enum AddressFamily {
    /// IPv4 (`AF_INET`).
    Inet,
    /// IPv6 (`AF_INET6`).
    Inet6,
}

impl AddressFamily {
    /// The family of `address`; the same as `AddressFamily::from(address)`.
    ///
    /// ```
    /// use std::net::Ipv6Addr;
    /// assert_eq!(netdb::AddressFamily::of(&Ipv6Addr::LOCALHOST.into()), netdb::AddressFamily::Inet6);
    /// ```
    #[must_use]
    pub fn of(address: &IpAddr) -> AddressFamily {
        match address {
            IpAddr::V4(_) => AddressFamily::Inet,
            IpAddr::V6(_) => AddressFamily::Inet6,
        }
    }

    /// The C name of the family: `"AF_INET"` or `"AF_INET6"`.
    ///
    /// ```
    /// assert_eq!(netdb::AddressFamily::Inet.c_name(), "AF_INET");
    /// ```
    pub fn c_name(self) -> &'static str {
        match self {
            AddressFamily::Inet => "AF_INET",
            AddressFamily::Inet6 => "AF_INET6",
        }
    }
}

/// The family of an address: `Inet` for IPv4, `Inet6` for IPv6.
///
/// ```
/// use std::net::{IpAddr, Ipv4Addr};
/// use netdb::AddressFamily;
///
/// let address = IpAddr::V4(Ipv4Addr::LOCALHOST);
/// assert_eq!(AddressFamily::from(address), AddressFamily::Inet);
/// assert_eq!(AddressFamily::from(&address), AddressFamily::Inet);
/// ```
impl From<IpAddr> for AddressFamily {
    fn from(address: IpAddr) -> AddressFamily {
        AddressFamily::of(&address)
    }
}

impl From<&IpAddr> for AddressFamily {
    fn from(address: &IpAddr) -> AddressFamily {
        AddressFamily::of(address)
    }
}

/// The family of a socket address's IP address.
///
/// ```
/// use std::net::SocketAddr;
/// use netdb::AddressFamily;
///
/// let address: SocketAddr = "[::1]:443".parse().unwrap();
/// assert_eq!(AddressFamily::from(address), AddressFamily::Inet6);
/// assert_eq!(AddressFamily::from(&address), AddressFamily::Inet6);
/// ```
impl From<SocketAddr> for AddressFamily {
    fn from(address: SocketAddr) -> AddressFamily {
        AddressFamily::of(&address.ip())
    }
}

impl From<&SocketAddr> for AddressFamily {
    fn from(address: &SocketAddr) -> AddressFamily {
        AddressFamily::of(&address.ip())
    }
}

/// The error of parsing an [`AddressFamily`] from a string it does not name.
///
/// ```
/// let err = "appletalk".parse::<netdb::AddressFamily>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#""appletalk" is not an address family (expected inet, inet6, ipv4, ipv6, AF_INET or AF_INET6)"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ParseAddressFamilyError(String);

impl fmt::Display for ParseAddressFamilyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not an address family (expected inet, inet6, ipv4, ipv6, AF_INET or AF_INET6)",
            self.0
        )
    }
}

impl std::error::Error for ParseAddressFamilyError {}

impl FromStr for AddressFamily {
    type Err = ParseAddressFamilyError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.to_ascii_lowercase().as_str() {
            "inet" | "ipv4" | "af_inet" | "4" => Ok(AddressFamily::Inet),
            "inet6" | "ipv6" | "af_inet6" | "6" => Ok(AddressFamily::Inet6),
            _ => Err(ParseAddressFamilyError(text.to_owned())),
        }
    }
}

impl fmt::Display for AddressFamily {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.c_name())
    }
}

/// One entry of the hosts database: a host's official name, its aliases and its
/// addresses, all of one family.
///
/// ```
/// use netdb::{AddressFamily, Host};
///
/// let host = Host::from_name("localhost", AddressFamily::Inet)?.expect("localhost resolves");
/// assert!(host.addresses.iter().all(|a| a.is_loopback()));
/// # Ok::<(), netdb::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "hostent")]
pub struct Host {
    /// The official (canonical) name (`h_name`).
    pub name: String,
    /// Other names (`h_aliases`).
    pub aliases: Vec<String>,
    /// The addresses (`h_addr_list`), in the order the C library gives them.
    pub addresses: Vec<IpAddr>,
}

/// `getent hosts`'s lines: for each address, the address padded to 15 bytes, the name
/// and the aliases; one line per address, joined by newlines (nothing for a host
/// without addresses). Addresses are written as C's `inet_ntop` writes them.
///
/// ```
/// let host = netdb::Host {
///     name: "localhost".into(),
///     aliases: vec!["ip6-localhost".into()],
///     addresses: vec!["::1".parse().unwrap(), "::2".parse().unwrap()],
/// };
/// assert_eq!(host.to_string(), "::1             localhost ip6-localhost\n::2             localhost ip6-localhost");
/// ```
impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, address) in self.addresses.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write_c_address_padded(f, *address, 15)?;
            write!(f, " {}", self.name)?;
            write_aliases(f, &self.aliases)?;
        }
        Ok(())
    }
}

impl Host {
    /// Looks up the addresses of `family` that `name` has, like C's
    /// `gethostbyname2(name, family)` (Python's `gethostbyname_ex` is the `Inet` case).
    ///
    /// Names compare case-insensitively. A name that is itself an address of `family`
    /// returns it unchanged. Not found (h_errno `HOST_NOT_FOUND` or `NO_DATA`, a name
    /// without addresses of that family) is `Ok(None)`. So is the empty name, which no
    /// host has: glibc would ask DNS for the root and report `NO_RECOVERY`.
    ///
    /// Calls `gethostbyname2_r`, which is reentrant, with a buffer that grows on
    /// `ERANGE`.
    ///
    /// musl compares names with the lines of `/etc/hosts` case-sensitively, returns at
    /// most 48 addresses, and gives as aliases only the name asked for when it is not
    /// the official name.
    ///
    /// Windows has no `gethostbyname2`, and Winsock's `gethostbyname` knows only IPv4.
    /// There `Inet` calls `gethostbyname`, and `Inet6` calls `getaddrinfo` with
    /// `AF_INET6` and `AI_CANONNAME`: the host's name is the canonical name (the name
    /// given, if there is none), it has no aliases, and its addresses are the IPv6 ones
    /// `getaddrinfo` found, each once, in its order.
    ///
    /// macOS has no `gethostbyname2_r`: this calls libinfo's `gethostbyname2`, whose
    /// result is per thread, and reads the reason for a failure from `h_errno`, which is
    /// one process-wide variable there. Host lookups therefore take turns on macOS.
    ///
    /// # Errors
    /// [`Error::Host`](crate::Error::Host) when a name server could not answer now
    /// ([`HostError::TryAgain`](crate::HostError::TryAgain): retry later) or failed for good,
    /// [`Error::InteriorNul`](crate::Error::InteriorNul) for a name with a NUL byte,
    /// [`Error::NonUtf8`](crate::Error::NonUtf8), and system errors.
    ///
    /// ```
    /// use netdb::{AddressFamily, Host};
    ///
    /// assert_eq!(Host::from_name("nosuchname.invalid", AddressFamily::Inet)?, None);
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[doc(alias = "gethostbyname")]
    #[doc(alias = "gethostbyname2")]
    #[doc(alias = "gethostbyname2_r")]
    pub fn from_name(name: &str, family: AddressFamily) -> Result<Option<Host>> {
        with_c_str("name", name, |name| by_name(name, family))
    }

    /// [`Host::from_name`] with a deadline: gives up at `deadline` with
    /// [`Error::TimedOut`](crate::Error::TimedOut) instead of waiting for the resolver's
    /// whole retry schedule for a name only a name server that does not answer could
    /// answer. On the shared [`Resolver`](crate::Resolver) (see there how).
    ///
    /// # Errors
    /// As for [`Host::from_name`], and as for
    /// [`getaddrinfo_with`](crate::getaddrinfo_with).
    ///
    /// ```
    /// use std::time::Duration;
    /// use netdb::{AddressFamily, Host};
    ///
    /// let host = Host::from_name_with("localhost", AddressFamily::Inet, Duration::from_secs(5))?;
    /// assert!(host.is_some_and(|h| h.addresses.iter().all(|a| a.is_loopback())));
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn from_name_with(
        name: &str,
        family: AddressFamily,
        deadline: impl Into<Deadline>,
    ) -> Result<Option<Host>> {
        let deadline = deadline.into();
        Resolver::shared().resolve(Lookup::host_by_name(name, family)?, deadline)
    }

    /// Looks up the host that has `address`, like Python's `gethostbyaddr` and C's
    /// `gethostbyaddr_r`. Not found is `Ok(None)`. (musl's `gethostbyaddr_r` names an
    /// address without a name by the address itself; netdb reads that as not found.)
    ///
    /// # Errors
    /// As for [`Host::from_name`], but for the argument checks.
    ///
    /// ```
    /// use std::net::Ipv4Addr;
    ///
    /// let host = netdb::Host::from_addr(Ipv4Addr::LOCALHOST.into())?.expect("127.0.0.1 has a name");
    /// assert!(host.addresses.contains(&Ipv4Addr::LOCALHOST.into()));
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[doc(alias = "gethostbyaddr")]
    #[doc(alias = "gethostbyaddr_r")]
    pub fn from_addr(address: IpAddr) -> Result<Option<Host>> {
        sys::host_by_addr(address)
    }

    /// [`Host::from_addr`] with a deadline: gives up at `deadline` with
    /// [`Error::TimedOut`](crate::Error::TimedOut) instead of waiting for the resolver's
    /// whole retry schedule for an address whose name server does not answer. On the
    /// shared [`Resolver`](crate::Resolver).
    ///
    /// # Errors
    /// As for [`Host::from_addr`], and as for
    /// [`getaddrinfo_with`](crate::getaddrinfo_with).
    ///
    /// ```
    /// use std::net::Ipv4Addr;
    /// use std::time::Duration;
    ///
    /// let host = netdb::Host::from_addr_with(Ipv4Addr::LOCALHOST.into(), Duration::from_secs(5))?;
    /// assert!(host.is_some());
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn from_addr_with(address: IpAddr, deadline: impl Into<Deadline>) -> Result<Option<Host>> {
        let deadline = deadline.into();
        Resolver::shared().resolve(Lookup::host_by_addr(address), deadline)
    }

    /// Every entry of the hosts databases that can be listed, in database order, like
    /// `getent hosts`: `/etc/hosts` line by line (one address per entry, no merging),
    /// and other sources `nsswitch.conf` names if they can enumerate. DNS cannot.
    /// glibc lists only the IPv4 lines of `/etc/hosts` here.
    ///
    /// Reads through `gethostent_r`; concurrent enumerations take turns, as for
    /// [`Service::all`](crate::Service::all).
    ///
    /// # Errors
    /// [`Error::NonUtf8`](crate::Error::NonUtf8) at the first entry that is not UTF-8
    /// (see [`Host::all_lossy`]), and failures of the system. On musl, whose
    /// `gethostent` is a stub that lists nothing, on Windows, whose Winsock has no
    /// `gethostent`, and on Android, where rewinding the stream (`sethostent`) needs API
    /// level 28, [`Error::Io`](crate::Error::Io) of kind `Unsupported`.
    ///
    /// ```
    /// match netdb::Host::all() {
    ///     Ok(hosts) => assert!(hosts.iter().all(|h| !h.addresses.is_empty())),
    ///     // musl and Windows cannot list the hosts database.
    ///     Err(netdb::Error::Io(e)) if e.kind() == std::io::ErrorKind::Unsupported => {}
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[doc(alias = "gethostent")]
    #[doc(alias = "gethostent_r")]
    pub fn all() -> Result<Vec<Host>> {
        sys::all_hosts(Utf8Policy::Strict)
    }

    /// Like [`Host::all`], keeping entries that are not UTF-8 with each invalid sequence
    /// replaced by U+FFFD.
    ///
    /// ```
    /// # if cfg!(any(target_env = "musl", windows)) { return Ok(()); } // no hosts enumeration
    /// assert_eq!(netdb::Host::all_lossy()?.len(), netdb::Host::all()?.len());
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn all_lossy() -> Result<Vec<Host>> {
        sys::all_hosts(Utf8Policy::Lossy)
    }
}

/// The host lookup by name for every caller: the empty name, which no host has, is not
/// found (glibc would ask DNS for the root and report `NO_RECOVERY`).
pub(crate) fn by_name(name: &CStr, family: AddressFamily) -> Result<Option<Host>> {
    if name.is_empty() {
        return Ok(None);
    }
    sys::host_by_name(name, family)
}

/// This machine's host name, as `gethostname` gives it (Python's
/// `socket.gethostname()`).
///
/// # Errors
/// [`Error::NonUtf8`](crate::Error::NonUtf8) is not possible here: a name that is not
/// UTF-8 is returned lossily. System errors are [`Error::Io`](crate::Error::Io).
///
/// ```
/// let name = netdb::hostname()?;
/// assert!(!name.is_empty());
/// # Ok::<(), netdb::Error>(())
/// ```
#[doc(alias = "gethostname")]
pub fn hostname() -> Result<String> {
    sys::hostname()
}

/// The fully qualified name of `name`, the twin of Python's `socket.getfqdn(name)`.
///
/// It follows Python's rules exactly: an empty name, `0.0.0.0` or `::` means this
/// machine ([`hostname`]); the name is resolved to its first address and that address
/// looked up in reverse; the first of the host's name and aliases that contains a dot
/// is the answer, else the host's name. If any step fails, the answer is `name` itself
/// (trimmed), as in Python: resolution failures are not errors here.
///
/// # Errors
/// Only for bad input: [`Error::InteriorNul`](crate::Error::InteriorNul).
///
/// ```
/// assert_eq!(netdb::fqdn("nosuchname.invalid")?, "nosuchname.invalid");
/// # Ok::<(), netdb::Error>(())
/// ```
#[doc(alias = "getfqdn")]
pub fn fqdn(name: &str) -> Result<String> {
    let mut name = name.trim().to_owned();
    if let Some(position) = name.bytes().position(|b| b == 0) {
        return Err(crate::Error::InteriorNul { argument: "name", position });
    }
    if name.is_empty() || name == "0.0.0.0" || name == "::" {
        name = hostname()?;
    }
    let Some(host) = reverse_lookup_of_name(&name) else {
        return Ok(name);
    };
    let dotted = std::iter::once(&host.name).chain(&host.aliases).find(|n| n.contains('.'));
    Ok(dotted.unwrap_or(&host.name).clone())
}

/// What Python's `gethostbyaddr(name)` does for a name: its first address from
/// `getaddrinfo`, looked up in reverse. `None` where either step fails.
fn reverse_lookup_of_name(name: &str) -> Option<Host> {
    let first = crate::addrinfo::getaddrinfo(Some(name), None, &crate::addrinfo::Hints::new())
        .ok()?
        .into_iter()
        .next()?;
    Host::from_addr(first.address.ip()).ok().flatten()
}
