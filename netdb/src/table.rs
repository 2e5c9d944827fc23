//! Indexed snapshots of the services and protocols databases, for hot paths.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::decode::Utf8Policy;
use crate::error::Result;
use crate::files::{parse_protocols, parse_services};
use crate::protocol::Protocol;
use crate::service::Service;

/// The whole services database, read once and indexed by name and by port.
///
/// [`ServiceTable::load`] reads the database through the system, exactly as
/// [`Service::all`] does (so every source `nsswitch.conf` names is honoured), and
/// [`by_name`](ServiceTable::by_name) and [`by_port`](ServiceTable::by_port) then answer
/// from memory, with no system call and no allocation, with the entry the system lookup
/// would return for the same key: the first in database order whose name or alias (or
/// port) matches and whose protocol matches, if one was given. The snapshot does not see
/// later changes to the database: load it again for that.
///
/// ```
/// let table = netdb::ServiceTable::load()?;
/// let https = table.by_name("https", Some("tcp")).expect("https is a well-known service");
/// assert_eq!(https.port, 443);
/// assert_eq!(table.by_port(443, Some("tcp")).map(|s| s.name.as_str()), Some("https"));
/// # Ok::<(), netdb::Error>(())
/// ```
///
/// On glibc and FreeBSD the answers equal [`Service::from_name`] and
/// [`Service::from_port`] for every key. musl's own lookups differ from its database
/// order in places (a port looked up without a protocol tries `tcp` before `udp`); the
/// table keeps to database order there too.
#[derive(Debug, Clone, Default)]
pub struct ServiceTable {
    services: Vec<Service>,
    /// Every name and alias, with the indexes of the entries that have it, in order.
    by_name: HashMap<String, Vec<usize>>,
    /// Every port, with the indexes of its entries, in order.
    by_port: HashMap<u16, Vec<usize>>,
}

impl ServiceTable {
    /// Reads the whole services database through the system ([`Service::all`]) and
    /// indexes it.
    ///
    /// # Errors
    /// As for [`Service::all`].
    ///
    /// ```
    /// let table = netdb::ServiceTable::load()?;
    /// assert_eq!(table.len(), netdb::Service::all()?.len());
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn load() -> Result<ServiceTable> {
        Service::all().map(ServiceTable::from_services)
    }

    /// Indexes `services`, taken to be in database order.
    ///
    /// ```
    /// use netdb::{Service, ServiceTable};
    ///
    /// let table = ServiceTable::from_services(vec![Service {
    ///     name: "app".into(),
    ///     aliases: vec!["application".into()],
    ///     port: 7000,
    ///     protocol: "tcp".into(),
    /// }]);
    /// assert_eq!(table.by_name("application", None).map(|s| s.port), Some(7000));
    /// ```
    #[must_use]
    pub fn from_services(services: Vec<Service>) -> ServiceTable {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_port: HashMap<u16, Vec<usize>> = HashMap::new();
        for (index, service) in services.iter().enumerate() {
            for key in std::iter::once(&service.name).chain(&service.aliases) {
                let entries = by_name.entry(key.clone()).or_default();
                // A name listed twice on one line must not count the line twice.
                if entries.last() != Some(&index) {
                    entries.push(index);
                }
            }
            by_port.entry(service.port).or_default().push(index);
        }
        ServiceTable { services, by_name, by_port }
    }

    /// A compiled-in table of the well-known services (IANA's names and ports, from
    /// `tcpmux` on 1 to `http-alt` on 8080), for minimal systems that ship no
    /// `/etc/services`, where the system lookups find nothing (and Python's
    /// `getservbyname('http')` fails). The system lookups never fall back to it: a
    /// program uses it only by asking for it.
    ///
    /// ```
    /// let table = netdb::ServiceTable::builtin();
    /// assert_eq!(table.by_name("imaps", Some("tcp")).map(|s| s.port), Some(993));
    /// assert_eq!(table.by_port(53, Some("udp")).map(|s| s.name.as_str()), Some("domain"));
    /// ```
    #[must_use]
    pub fn builtin() -> &'static ServiceTable {
        static BUILTIN: OnceLock<ServiceTable> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let text = include_bytes!("builtin/services");
            // The file is part of the crate and ASCII; a test proves it parses whole.
            ServiceTable::from_services(parse_services(text, Utf8Policy::Lossy).unwrap_or_default())
        })
    }

    /// The entry `Service::from_name(name, protocol)` returns, from memory.
    ///
    /// ```
    /// let table = netdb::ServiceTable::builtin();
    /// assert_eq!(table.by_name("domain", Some("udp")).map(|s| s.port), Some(53));
    /// assert_eq!(table.by_name("domain", Some("sctp")), None);
    /// ```
    pub fn by_name(&self, name: &str, protocol: Option<&str>) -> Option<&Service> {
        self.first(self.by_name.get(name)?, protocol)
    }

    /// The entry `Service::from_port(port, protocol)` returns, from memory.
    ///
    /// ```
    /// let table = netdb::ServiceTable::builtin();
    /// assert_eq!(table.by_port(22, None).map(|s| s.name.as_str()), Some("ssh"));
    /// ```
    pub fn by_port(&self, port: u16, protocol: Option<&str>) -> Option<&Service> {
        self.first(self.by_port.get(&port)?, protocol)
    }

    fn first(&self, candidates: &[usize], protocol: Option<&str>) -> Option<&Service> {
        candidates
            .iter()
            .map(|&index| &self.services[index])
            .find(|service| protocol.map_or(true, |p| service.protocol == p))
    }

    /// Every entry, in database order.
    ///
    /// ```
    /// let table = netdb::ServiceTable::builtin();
    /// assert!(table.iter().any(|s| s.name == "https" && s.port == 443));
    /// for service in table {
    ///     assert!(!service.name.is_empty());
    /// }
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Service> {
        self.services.iter()
    }

    /// How many entries the table holds.
    ///
    /// ```
    /// assert_eq!(netdb::ServiceTable::default().len(), 0);
    /// assert!(netdb::ServiceTable::builtin().len() > 50);
    /// ```
    pub fn len(&self) -> usize {
        self.services.len()
    }

    /// Whether the table holds no entry.
    ///
    /// ```
    /// assert!(netdb::ServiceTable::from_services(Vec::new()).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }
}

impl<'a> IntoIterator for &'a ServiceTable {
    type Item = &'a Service;
    type IntoIter = std::slice::Iter<'a, Service>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The whole protocols database, read once and indexed by name and by number: the
/// [`ServiceTable`] of protocols.
///
/// ```
/// let table = netdb::ProtocolTable::load()?;
/// assert_eq!(table.by_name("udp").map(|p| p.number), Some(17));
/// assert_eq!(table.by_number(6).map(|p| p.name.as_str()), Some("tcp"));
/// # Ok::<(), netdb::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ProtocolTable {
    protocols: Vec<Protocol>,
    by_name: HashMap<String, usize>,
    by_number: HashMap<i32, usize>,
}

impl ProtocolTable {
    /// Reads the whole protocols database through the system ([`Protocol::all`]) and
    /// indexes it.
    ///
    /// # Errors
    /// As for [`Protocol::all`].
    ///
    /// ```
    /// let table = netdb::ProtocolTable::load()?;
    /// assert_eq!(table.len(), netdb::Protocol::all()?.len());
    /// # Ok::<(), netdb::Error>(())
    /// ```
    pub fn load() -> Result<ProtocolTable> {
        Protocol::all().map(ProtocolTable::from_protocols)
    }

    /// Indexes `protocols`, taken to be in database order.
    ///
    /// ```
    /// use netdb::{Protocol, ProtocolTable};
    ///
    /// let table = ProtocolTable::from_protocols(vec![
    ///     Protocol { name: "tcp".into(), aliases: vec!["TCP".into()], number: 6 },
    ///     Protocol { name: "also-tcp".into(), aliases: vec![], number: 6 },
    /// ]);
    /// assert_eq!(table.by_name("TCP").map(|p| p.number), Some(6));
    /// assert_eq!(table.by_number(6).map(|p| p.name.as_str()), Some("tcp")); // the first wins
    /// ```
    #[must_use]
    pub fn from_protocols(protocols: Vec<Protocol>) -> ProtocolTable {
        let mut by_name = HashMap::new();
        let mut by_number = HashMap::new();
        for (index, protocol) in protocols.iter().enumerate() {
            // The first entry with a key wins, as in the C lookups.
            for key in std::iter::once(&protocol.name).chain(&protocol.aliases) {
                by_name.entry(key.clone()).or_insert(index);
            }
            by_number.entry(protocol.number).or_insert(index);
        }
        ProtocolTable { protocols, by_name, by_number }
    }

    /// A compiled-in table of the IP protocols (IANA's keywords and numbers), for
    /// systems that ship no `/etc/protocols`. The system lookups never fall back to it.
    ///
    /// ```
    /// let table = netdb::ProtocolTable::builtin();
    /// assert_eq!(table.by_name("ipv6-icmp").map(|p| p.number), Some(netdb::IPPROTO_ICMPV6));
    /// ```
    #[must_use]
    pub fn builtin() -> &'static ProtocolTable {
        static BUILTIN: OnceLock<ProtocolTable> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let text = include_bytes!("builtin/protocols");
            ProtocolTable::from_protocols(
                parse_protocols(text, Utf8Policy::Lossy).unwrap_or_default(),
            )
        })
    }

    /// The entry `Protocol::from_name(name)` returns, from memory.
    ///
    /// ```
    /// assert_eq!(netdb::ProtocolTable::builtin().by_name("udp").map(|p| p.number), Some(17));
    /// ```
    pub fn by_name(&self, name: &str) -> Option<&Protocol> {
        self.by_name.get(name).map(|&index| &self.protocols[index])
    }

    /// The entry `Protocol::from_number(number)` returns, from memory.
    ///
    /// ```
    /// let table = netdb::ProtocolTable::builtin();
    /// assert_eq!(table.by_number(netdb::IPPROTO_SCTP).map(|p| p.name.as_str()), Some("sctp"));
    /// assert_eq!(table.by_number(-1), None);
    /// ```
    pub fn by_number(&self, number: i32) -> Option<&Protocol> {
        self.by_number.get(&number).map(|&index| &self.protocols[index])
    }

    /// Every entry, in database order.
    ///
    /// ```
    /// let numbers: Vec<i32> = netdb::ProtocolTable::builtin().iter().map(|p| p.number).collect();
    /// assert!(numbers.contains(&netdb::IPPROTO_TCP));
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Protocol> {
        self.protocols.iter()
    }

    /// How many entries the table holds.
    ///
    /// ```
    /// assert!(netdb::ProtocolTable::builtin().len() > 30);
    /// ```
    pub fn len(&self) -> usize {
        self.protocols.len()
    }

    /// Whether the table holds no entry.
    ///
    /// ```
    /// assert!(netdb::ProtocolTable::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.protocols.is_empty()
    }
}

impl<'a> IntoIterator for &'a ProtocolTable {
    type Item = &'a Protocol;
    type IntoIter = std::slice::Iter<'a, Protocol>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_files_parse_whole() {
        let services = include_str!("builtin/services");
        let lines =
            services.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).count();
        assert_eq!(parse_services(services.as_bytes(), Utf8Policy::Strict).unwrap().len(), lines);
        assert_eq!(ServiceTable::builtin().len(), lines);

        let protocols = include_str!("builtin/protocols");
        let lines =
            protocols.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).count();
        assert_eq!(parse_protocols(protocols.as_bytes(), Utf8Policy::Strict).unwrap().len(), lines);
        assert_eq!(ProtocolTable::builtin().len(), lines);
    }

    #[test]
    fn the_builtin_tables_hold_what_the_python_twins_ask_for() {
        let services = ServiceTable::builtin();
        for (name, port) in [
            ("http", 80),
            ("https", 443),
            ("ftp", 21),
            ("gopher", 70),
            ("smtp", 25),
            ("imap", 143),
            ("imaps", 993),
            ("pop3", 110),
            ("pop3s", 995),
        ] {
            assert_eq!(services.by_name(name, None).map(|s| s.port), Some(port), "{name}");
        }
        let protocols = ProtocolTable::builtin();
        for (name, number) in [("icmp", 1), ("tcp", 6), ("udp", 17)] {
            assert_eq!(protocols.by_name(name).map(|p| p.number), Some(number), "{name}");
        }
    }

    #[test]
    fn the_first_entry_in_order_wins_and_protocols_filter() {
        let service = |name: &str, aliases: &[&str], port, protocol: &str| Service {
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            port,
            protocol: protocol.into(),
        };
        let table = ServiceTable::from_services(vec![
            service("a", &["shared", "shared"], 1, "tcp"),
            service("b", &["shared"], 2, "udp"),
            service("a", &[], 3, "udp"),
            service("c", &[], 1, "udp"),
        ]);
        assert_eq!(table.by_name("shared", None).map(|s| s.port), Some(1));
        assert_eq!(table.by_name("shared", Some("udp")).map(|s| s.port), Some(2));
        assert_eq!(table.by_name("a", Some("udp")).map(|s| s.port), Some(3));
        assert_eq!(table.by_name("a", Some("sctp")), None);
        assert_eq!(table.by_name("A", None), None, "names compare case-sensitively");
        assert_eq!(table.by_port(1, None).map(|s| s.name.as_str()), Some("a"));
        assert_eq!(table.by_port(1, Some("udp")).map(|s| s.name.as_str()), Some("c"));
        assert_eq!(table.by_port(4, None), None);
        assert_eq!(table.iter().count(), 4);
    }
}
