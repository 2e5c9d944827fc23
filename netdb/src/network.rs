//! The networks database: `/etc/networks`, names of IPv4 networks.
//!
//! musl and Android's bionic have none: their `getnetbyname`, `getnetbyaddr` and
//! `getnetent` are stubs that find nothing, so there every function here fails with
//! [`Error::Io`](crate::Error::Io) of kind `Unsupported` rather than claim that the
//! database is empty.

use std::fmt;
use std::net::Ipv4Addr;

use crate::cstr::with_c_str;
use crate::decode::Utf8Policy;
use crate::error::Result;
use crate::format::{write_aliases, write_c_padded};
use crate::resolve::{Deadline, Lookup};
use crate::resolver::Resolver;
use crate::sys;

/// One entry of the networks database: a network's name, aliases and number.
///
/// ```
/// # fn main() -> Result<(), netdb::Error> {
/// match netdb::Network::from_name("link-local") {
///     Ok(Some(network)) => assert_eq!(network.address, std::net::Ipv4Addr::new(169, 254, 0, 0)),
///     Ok(None) => {} // not every system names it
///     // musl has no networks database.
///     Err(netdb::Error::Io(e)) if e.kind() == std::io::ErrorKind::Unsupported => {}
///     Err(e) => return Err(e),
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "netent")]
pub struct Network {
    /// The official name (`n_name`).
    pub name: String,
    /// Other names (`n_aliases`).
    pub aliases: Vec<String>,
    /// The network number (`n_net`, in host byte order) as an address: `169.254.0.0`
    /// for `link-local 169.254.0.0`. glibc fills out a short form such as
    /// `loopback 127` to `127.0.0.0`.
    pub address: Ipv4Addr,
}

/// `getent networks`'s line: the name padded to 21 bytes, the network address and the
/// aliases.
///
/// ```
/// let network = netdb::Network {
///     name: "link-local".into(),
///     aliases: vec![],
///     address: "169.254.0.0".parse().unwrap(),
/// };
/// assert_eq!(network.to_string(), "link-local            169.254.0.0");
/// ```
impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_c_padded(f, &self.name, 21)?;
        write!(f, " {}", self.address)?;
        write_aliases(f, &self.aliases)
    }
}

impl Network {
    /// Looks up a network by name or alias. Not found is `Ok(None)`. Calls
    /// `getnetbyname_r`.
    ///
    /// # Errors
    /// As for [`Host::from_name`](crate::Host::from_name); on platforms without a
    /// networks database, [`Error::Io`](crate::Error::Io) of kind `Unsupported`.
    ///
    /// ```
    /// # if cfg!(target_env = "musl") { return Ok(()); } // no networks database
    /// assert_eq!(netdb::Network::from_name("no-such-network")?, None);
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[doc(alias = "getnetbyname")]
    #[doc(alias = "getnetbyname_r")]
    pub fn from_name(name: &str) -> Result<Option<Network>> {
        with_c_str("name", name, sys::network_by_name)
    }

    /// [`Network::from_name`] with a deadline, for a `nsswitch.conf` whose `networks:`
    /// line names DNS: gives up at `deadline` with
    /// [`Error::TimedOut`](crate::Error::TimedOut). On the shared
    /// [`Resolver`](crate::Resolver).
    ///
    /// # Errors
    /// As for [`Network::from_name`], and as for
    /// [`getaddrinfo_with`](crate::getaddrinfo_with).
    ///
    /// ```
    /// # if cfg!(any(target_env = "musl", windows, target_os = "android")) { return Ok(()); } // no networks database
    /// let loopback = netdb::Network::from_name_with("loopback", std::time::Duration::from_secs(5))?;
    /// assert_eq!(loopback, netdb::Network::from_name("loopback")?);
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn from_name_with(name: &str, deadline: impl Into<Deadline>) -> Result<Option<Network>> {
        let deadline = deadline.into();
        Resolver::shared().resolve(Lookup::network_by_name(name)?, deadline)
    }

    /// Looks up the network whose number is `address` (see [`Network::address`]). Not
    /// found is `Ok(None)`. Calls `getnetbyaddr_r`.
    ///
    /// # Errors
    /// As for [`Network::from_name`].
    ///
    /// ```
    /// # if cfg!(target_env = "musl") { return Ok(()); } // no networks database
    /// assert_eq!(netdb::Network::from_addr(std::net::Ipv4Addr::new(203, 0, 113, 0))?, None);
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[doc(alias = "getnetbyaddr")]
    #[doc(alias = "getnetbyaddr_r")]
    pub fn from_addr(address: Ipv4Addr) -> Result<Option<Network>> {
        sys::network_by_addr(address)
    }

    /// [`Network::from_addr`] with a deadline (see [`Network::from_name_with`]).
    ///
    /// # Errors
    /// As for [`Network::from_addr`], and as for
    /// [`getaddrinfo_with`](crate::getaddrinfo_with).
    ///
    /// ```
    /// # if cfg!(any(target_env = "musl", windows, target_os = "android")) { return Ok(()); } // no networks database
    /// use std::net::Ipv4Addr;
    /// let address = Ipv4Addr::new(127, 0, 0, 0);
    /// let found = netdb::Network::from_addr_with(address, std::time::Duration::from_secs(5))?;
    /// assert_eq!(found, netdb::Network::from_addr(address)?);
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn from_addr_with(
        address: Ipv4Addr,
        deadline: impl Into<Deadline>,
    ) -> Result<Option<Network>> {
        let deadline = deadline.into();
        Resolver::shared().resolve(Lookup::network_by_addr(address), deadline)
    }

    /// Every entry of the networks database, in database order, like
    /// `getent networks`. Reads through `getnetent_r`; concurrent enumerations take
    /// turns.
    ///
    /// # Errors
    /// [`Error::NonUtf8`](crate::Error::NonUtf8) at the first entry that is not UTF-8
    /// (see [`Network::all_lossy`]), and failures of the system.
    ///
    /// ```
    /// # if cfg!(target_env = "musl") { return Ok(()); } // no networks database
    /// for network in netdb::Network::all()? {
    ///     assert!(!network.name.is_empty());
    /// }
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[doc(alias = "getnetent")]
    #[doc(alias = "getnetent_r")]
    pub fn all() -> Result<Vec<Network>> {
        sys::all_networks(Utf8Policy::Strict)
    }

    /// Like [`Network::all`], keeping entries that are not UTF-8 with each invalid
    /// sequence replaced by U+FFFD.
    ///
    /// # Errors
    /// As for [`Network::all`], but for [`Error::NonUtf8`](crate::Error::NonUtf8).
    ///
    /// ```
    /// # if cfg!(target_env = "musl") { return Ok(()); } // no networks database
    /// assert_eq!(netdb::Network::all_lossy()?.len(), netdb::Network::all()?.len());
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn all_lossy() -> Result<Vec<Network>> {
        sys::all_networks(Utf8Policy::Lossy)
    }
}
