//! The protocols database: `/etc/protocols`, the IP protocol numbers by name.
//!
//! On musl the database is a table compiled into the C library (36 entries, no aliases)
//! and `/etc/protocols` is never read. musl has no reentrant protocols functions, and
//! its plain ones share one static index, so netdb serialises every call of them behind
//! one lock and copies the entry out before releasing it. Android's bionic has no
//! protocols database (its functions are stubs that find nothing): there every function
//! here fails with [`Error::Io`](crate::Error::Io) of kind `Unsupported`.

use std::fmt;

use crate::cstr::with_c_str;
use crate::decode::Utf8Policy;
use crate::error::Result;
use crate::format::{write_aliases, write_c_padded};
use crate::sys;

/// One entry of the protocols database: an IP protocol's name and number.
///
/// ```
/// let tcp = netdb::Protocol::from_name("tcp")?.expect("tcp is in every protocols file");
/// assert_eq!(tcp.number, netdb::IPPROTO_TCP);
/// # Ok::<(), netdb::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "protoent")]
pub struct Protocol {
    /// The official name (`p_name`).
    pub name: String,
    /// Other names (`p_aliases`), in database order.
    pub aliases: Vec<String>,
    /// The protocol number (`p_proto`), as in the IP header.
    pub number: i32,
}

impl Protocol {
    /// Looks up a protocol by its name or one of its aliases, like Python's
    /// `socket.getprotobyname(name)`.
    ///
    /// Names compare case-sensitively. Not found is `Ok(None)`. Calls
    /// `getprotobyname_r`, which is reentrant.
    ///
    /// # Errors
    /// [`Error::InteriorNul`](crate::Error::InteriorNul) if `name` holds a NUL byte;
    /// [`Error::NonUtf8`](crate::Error::NonUtf8) if the entry is not UTF-8; failures
    /// of the system.
    ///
    /// ```
    /// let udp = netdb::Protocol::from_name("udp")?.unwrap();
    /// assert_eq!(udp.number, 17);
    /// assert_eq!(netdb::Protocol::from_name("no-such-protocol")?, None);
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[doc(alias = "getprotobyname")]
    #[doc(alias = "getprotobyname_r")]
    pub fn from_name(name: &str) -> Result<Option<Protocol>> {
        with_c_str("name", name, sys::protocol_by_name)
    }

    /// Looks up a protocol by number. Not found (any number the database lacks,
    /// negative ones included) is `Ok(None)`. Calls `getprotobynumber_r`.
    ///
    /// # Errors
    /// As for [`Protocol::from_name`].
    ///
    /// ```
    /// let icmp = netdb::Protocol::from_number(1)?.unwrap();
    /// assert_eq!(icmp.name, "icmp");
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[doc(alias = "getprotobynumber")]
    #[doc(alias = "getprotobynumber_r")]
    pub fn from_number(number: i32) -> Result<Option<Protocol>> {
        sys::protocol_by_number(number)
    }

    /// Every entry of the protocols database, in database order, like
    /// `getent protocols`. Concurrent enumerations take turns, as for
    /// [`Service::all`](crate::Service::all).
    ///
    /// On Windows, which has no `getprotoent`, this reads the `protocol` file beside the
    /// `services` file that [`Service::all`](crate::Service::all) reads.
    ///
    /// # Errors
    /// [`Error::NonUtf8`](crate::Error::NonUtf8) at the first entry that is not UTF-8
    /// (see [`Protocol::all_lossy`]), and failures of the system.
    ///
    /// ```
    /// let protocols = netdb::Protocol::all()?;
    /// assert!(protocols.iter().any(|p| p.name == "udp" && p.number == 17));
    /// # Ok::<(), netdb::Error>(())
    /// ```
    #[doc(alias = "getprotoent")]
    #[doc(alias = "getprotoent_r")]
    pub fn all() -> Result<Vec<Protocol>> {
        sys::all_protocols(Utf8Policy::Strict)
    }

    /// Like [`Protocol::all`], keeping entries that are not UTF-8 with each invalid
    /// sequence replaced by U+FFFD.
    ///
    /// ```
    /// assert_eq!(netdb::Protocol::all_lossy()?.len(), netdb::Protocol::all()?.len());
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn all_lossy() -> Result<Vec<Protocol>> {
        sys::all_protocols(Utf8Policy::Lossy)
    }
}

/// The entry as `getent protocols` prints it: the name padded to 21 bytes (as C pads
/// it, so a non-ASCII name takes fewer columns), the number and the aliases.
///
/// ```
/// let udp = netdb::Protocol { name: "udp".into(), aliases: vec!["UDP".into()], number: 17 };
/// assert_eq!(udp.to_string(), "udp                   17 UDP");
/// ```
impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_c_padded(f, &self.name, 21)?;
        write!(f, " {}", self.number)?;
        write_aliases(f, &self.aliases)
    }
}
