//! The services database: `/etc/services` and whatever else `nsswitch.conf` names.

use std::fmt;

use crate::cstr::{with_c_str, with_optional_c_str};
use crate::decode::Utf8Policy;
use crate::error::Result;
use crate::format::{write_aliases, write_c_padded};
use crate::sys;

/// One entry of the services database: a named port of a transport protocol.
///
/// ```
/// let ssh = netdb::Service::from_name("ssh", Some("tcp"))?.expect("ssh is in every services file");
/// assert_eq!(ssh.port, 22);
/// assert_eq!(ssh.protocol, "tcp");
/// # Ok::<(), netdb::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "servent")]
pub struct Service {
    /// The official name (`s_name`).
    pub name: String,
    /// Other names of the service (`s_aliases`), in database order.
    pub aliases: Vec<String>,
    /// The port, in host byte order (`ntohs(s_port)`).
    pub port: u16,
    /// The transport protocol, such as `"tcp"` or `"udp"` (`s_proto`).
    pub protocol: String,
}

impl Service {
    /// Looks up a service by its name or one of its aliases, like Python's
    /// `socket.getservbyname(name, protocol)`.
    ///
    /// With `protocol` `None` the first entry of that name in database order matches,
    /// whatever its protocol. Names and protocols compare case-sensitively. A lookup by
    /// alias returns the entry under its official name. Not found, including an unknown
    /// protocol, is `Ok(None)`.
    ///
    /// Calls `getservbyname_r`, which is reentrant: many threads may look up at once.
    ///
    /// musl differs: it knows only `tcp` and `udp` entries (any other protocol finds
    /// nothing), and the entry it finds is named after the name asked for, an alias
    /// too, with no aliases. A number or a `port/protocol` text is never a name.
    ///
    /// # Errors
    /// [`Error::InteriorNul`](crate::Error::InteriorNul) if an argument holds a NUL byte;
    /// [`Error::NonUtf8`](crate::Error::NonUtf8) if the entry is not UTF-8;
    /// [`Error::EntryTooLarge`](crate::Error::EntryTooLarge) and
    /// [`Error::Io`](crate::Error::Io) for failures of the system.
    ///
    /// ```
    /// use netdb::Service;
    ///
    /// let www = Service::from_name("www", Some("tcp"))?.unwrap();
    /// assert_eq!(www.port, 80);
    /// assert_eq!(www.name, if cfg!(target_env = "musl") { "www" } else { "http" });
    /// assert_eq!(Service::from_name("no-such-service", None)?, None);
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[doc(alias = "getservbyname")]
    #[doc(alias = "getservbyname_r")]
    pub fn from_name(name: &str, protocol: Option<&str>) -> Result<Option<Service>> {
        with_c_str("name", name, |name| {
            with_optional_c_str("protocol", protocol, |protocol| {
                sys::service_by_name(name, protocol)
            })
        })
    }

    /// Looks up the service on `port` (in host byte order), like Python's
    /// `socket.getservbyport(port, protocol)`.
    ///
    /// With `protocol` `None` the first entry for the port in database order matches
    /// (on musl, the first `tcp` entry, else the first `udp` one; its entries have no
    /// aliases). Not found is `Ok(None)`. Calls `getservbyport_r`.
    ///
    /// # Errors
    /// As for [`Service::from_name`].
    ///
    /// ```
    /// let service = netdb::Service::from_port(443, Some("tcp"))?.unwrap();
    /// assert_eq!(service.name, "https");
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[doc(alias = "getservbyport")]
    #[doc(alias = "getservbyport_r")]
    pub fn from_port(port: u16, protocol: Option<&str>) -> Result<Option<Service>> {
        with_optional_c_str("protocol", protocol, |protocol| sys::service_by_port(port, protocol))
    }

    /// Every entry of the services database, in database order, like
    /// `getent services`.
    ///
    /// Reads through `getservent_r`. The C library keeps one enumeration stream per
    /// process, so concurrent calls of this function take turns; lookups by name or
    /// port do not wait for them.
    ///
    /// musl's `getservent` is a stub that lists nothing, so on musl this reads
    /// `/etc/services` itself, by musl's rules: the `tcp` and `udp` entries its lookups
    /// can find, each with all the aliases of its line.
    ///
    /// Winsock has no `getservent`: on Windows this reads the `services` file that
    /// Winsock's lookups read, in the folder the registry value
    /// `HKLM\System\CurrentControlSet\Services\Tcpip\Parameters\DataBasePath` names
    /// (normally `%SystemRoot%\System32\drivers\etc`); a missing file is an
    /// [`Error::Io`](crate::Error::Io) of kind `NotFound`.
    ///
    /// # Errors
    /// [`Error::NonUtf8`](crate::Error::NonUtf8) at the first entry that is not UTF-8
    /// (see [`Service::all_lossy`] to keep it instead), and failures of the system: on
    /// musl, [`Error::Io`](crate::Error::Io) if `/etc/services` cannot be read (kind
    /// `NotFound` if it is missing).
    ///
    /// ```
    /// let services = netdb::Service::all()?;
    /// assert!(services.iter().any(|s| s.name == "ssh" && s.protocol == "tcp"));
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[doc(alias = "getservent")]
    #[doc(alias = "getservent_r")]
    pub fn all() -> Result<Vec<Service>> {
        sys::all_services(Utf8Policy::Strict)
    }

    /// Like [`Service::all`], but an entry that is not UTF-8 is kept with each invalid
    /// sequence replaced by U+FFFD instead of ending the enumeration with an error.
    ///
    /// ```
    /// assert_eq!(netdb::Service::all_lossy()?.len(), netdb::Service::all()?.len());
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn all_lossy() -> Result<Vec<Service>> {
        sys::all_services(Utf8Policy::Lossy)
    }
}

/// The entry as `getent services` prints it: the name padded to 21 bytes (as C pads
/// it, so a non-ASCII name takes fewer columns), then `port/protocol` and the aliases.
///
/// ```
/// let http = netdb::Service {
///     name: "http".into(),
///     aliases: vec!["www".into()],
///     port: 80,
///     protocol: "tcp".into(),
/// };
/// assert_eq!(http.to_string(), "http                  80/tcp www");
///
/// let cafe = netdb::Service { name: "café".into(), aliases: vec![], port: 9, protocol: "udp".into() };
/// assert_eq!(cafe.to_string(), "café                 9/udp"); // 5 bytes and 16 spaces
/// ```
impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_c_padded(f, &self.name, 21)?;
        write!(f, " {}/{}", self.port, self.protocol)?;
        write_aliases(f, &self.aliases)
    }
}
