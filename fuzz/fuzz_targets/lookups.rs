//! Fuzzes the arguments of every lookup of netdb's public API against the system's
//! real databases: services, protocols, hosts, networks, `getaddrinfo`, `getnameinfo`
//! and `fqdn`.
//!
//! # Input
//! A header of [`HEADER`] bytes (an input shorter than that is padded with zeros), then
//! the string arguments, separated by 0xFF: a byte that never occurs in UTF-8, so any
//! string can be fuzzed. Each string is read as UTF-8, lossily (a `&str` cannot hold
//! anything else). The header's bytes:
//!
//! | bytes | what |
//! |---|---|
//! | 0..2 | a port (big-endian); as an `i16`, also a protocol number |
//! | 2 | flags, see the `FLAG_` constants |
//! | 3..7 | an IPv6 scope id (big-endian); as an `i32`, another protocol number |
//! | 7..23 | an IPv6 address; its first 4 bytes an IPv4 one |
//!
//! The strings, in order: a service, protocol or network name, a protocol for the services
//! lookups, a host for the host lookups and `getaddrinfo`, a service for
//! `getaddrinfo`. Missing ones are empty.
//!
//! # Invariants
//! No input panics or trips AddressSanitizer. An argument with a NUL byte fails with
//! exactly `Error::InteriorNul` naming the first such argument and the position of its
//! first NUL; any other argument never does. Besides:
//! - services and protocols lookups never fail (the system's databases are sound); a
//!   service found by name has that name or alias, by port that port, and the protocol
//!   asked for; a protocol found by name has that name or alias, by number that number
//!   (so none outside 0 to 255);
//! - a host found has addresses, all of the family asked for; a numeric name of that
//!   family is found with exactly its address; a network found by name has that name
//!   or alias (case-insensitively, as glibc compares them), by number that number;
//! - `getaddrinfo` with `AI_NUMERICHOST | AI_NUMERICSERV` succeeds for every address
//!   (of the family asked for) and port std can parse, returns exactly that address
//!   (loopback for no host; glibc turns an IPv4-mapped address into IPv4 for `Inet`)
//!   and port, and fails only with `Error::AddrInfo`; a service of digits above 65535
//!   is `EAI_SERVICE` once no argument holds a NUL byte;
//! - `getnameinfo` with `NI_NUMERICHOST | NI_NUMERICSERV` always succeeds, with the
//!   port's digits and the address's text (and `%scope` exactly when the scope id is
//!   not 0);
//! - offline (below), reverse lookups, `getnameinfo` without flags and `fqdn` never
//!   fail but for a NUL byte, and a host found by address has addresses.
//!
//! # No network
//! The fuzzer must never send a packet: thousands of made-up names a second would go to
//! the DNS server of the machine. Two things make sure of it:
//! - `.ci/fuzz` runs the fuzzer in a private network namespace (no interface but a
//!   loopback that is down, so no packet can leave) and a private mount namespace where
//!   `/etc/nsswitch.conf` says `hosts: files` and `networks: files`, so the C library
//!   resolves names from `/etc/hosts` and `/etc/networks` alone and fails fast;
//! - this target checks those lines itself (see [`offline`]). Where it does not
//!   hold (a hand-run `cargo fuzz run lookups`), only lookups that cannot reach the
//!   resolver run: host names that std parses as an address of the family asked for
//!   (glibc answers those without asking any name service), `getaddrinfo` with numeric
//!   flags and `getnameinfo` with numeric flags. Other host names, reverse lookups,
//!   network lookups, `getnameinfo` without flags and `fqdn` run only offline.

#![no_main]
#![forbid(unsafe_code)]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use netdb::{
    getaddrinfo, getnameinfo, AddressFamily, Error, Hints, Host, NameInfoFlags, Network, Protocol,
    Result, Service, SocketType,
};

const HEADER: usize = 23;

/// The services lookups get a protocol (the second string), else `None`.
const FLAG_PROTOCOL: u8 = 1 << 0;
/// Host lookups and `getaddrinfo` ask for IPv6, else IPv4 (with `FLAG_ANY_FAMILY`
/// clear).
const FLAG_INET6: u8 = 1 << 1;
/// `getaddrinfo` asks for any family.
const FLAG_ANY_FAMILY: u8 = 1 << 2;
/// `getaddrinfo` gets no host.
const FLAG_NO_HOST: u8 = 1 << 3;
/// `getaddrinfo` gets no service.
const FLAG_NO_SERVICE: u8 = 1 << 4;
/// The protocol number lookup takes its number from bytes 3..7, else from 0..2.
const FLAG_WIDE_NUMBER: u8 = 1 << 5;
/// `getaddrinfo`'s socket type: the two top bits, 0 any, 1 stream, 2 and 3 datagram.
const SOCKET_TYPE_SHIFT: u32 = 6;

struct Input {
    port: u16,
    flags: u8,
    scope_id: u32,
    address: [u8; 16],
    strings: Vec<String>,
}

impl Input {
    fn new(data: &[u8]) -> Input {
        let mut header = [0u8; HEADER];
        let split = data.len().min(HEADER);
        header[..split].copy_from_slice(&data[..split]);
        let rest = &data[split..];
        let strings = if rest.is_empty() {
            Vec::new()
        } else {
            rest.split(|&b| b == 0xff).map(|s| String::from_utf8_lossy(s).into_owned()).collect()
        };
        Input {
            port: u16::from_be_bytes([header[0], header[1]]),
            flags: header[2],
            scope_id: u32::from_be_bytes([header[3], header[4], header[5], header[6]]),
            address: header[7..23].try_into().unwrap(),
            strings,
        }
    }

    fn flag(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    fn string(&self, index: usize) -> &str {
        self.strings.get(index).map_or("", String::as_str)
    }

    fn name(&self) -> &str {
        self.string(0)
    }

    fn protocol(&self) -> Option<&str> {
        self.flag(FLAG_PROTOCOL).then(|| self.string(1))
    }

    fn host(&self) -> &str {
        self.string(2)
    }

    fn service(&self) -> &str {
        self.string(3)
    }

    fn protocol_number(&self) -> i32 {
        if self.flag(FLAG_WIDE_NUMBER) {
            self.scope_id as i32
        } else {
            i32::from(self.port as i16)
        }
    }

    fn family(&self) -> AddressFamily {
        if self.flag(FLAG_INET6) {
            AddressFamily::Inet6
        } else {
            AddressFamily::Inet
        }
    }

    fn socket_address(&self) -> SocketAddr {
        if self.flag(FLAG_INET6) {
            let flowinfo = u32::from(self.flags) << 12 | u32::from(self.port);
            let ip = Ipv6Addr::from(self.address);
            SocketAddrV6::new(ip, self.port, flowinfo, self.scope_id).into()
        } else {
            let ip =
                Ipv4Addr::new(self.address[0], self.address[1], self.address[2], self.address[3]);
            SocketAddrV4::new(ip, self.port).into()
        }
    }
}

/// Whether host and network names resolve from `/etc/hosts` and `/etc/networks`
/// alone: glibc, whose `nsswitch.conf` has one `hosts` and one `networks` line, each
/// `files` and nothing else, and no `nscd` to ask instead.
fn offline() -> bool {
    static OFFLINE: OnceLock<bool> = OnceLock::new();
    *OFFLINE.get_or_init(|| {
        let conf = std::fs::read_to_string("/etc/nsswitch.conf").unwrap_or_default();
        let sources = |database: &str| -> Vec<Vec<&str>> {
            conf.lines()
                .map(|line| line.split('#').next().unwrap_or_default().trim())
                .filter_map(|line| line.strip_prefix(database)?.strip_prefix(':'))
                .map(|sources| sources.split_whitespace().collect())
                .collect()
        };
        let nscd = ["/run/nscd/socket", "/var/run/nscd/socket"]
            .iter()
            .any(|path| std::path::Path::new(path).exists());
        let offline = cfg!(all(target_os = "linux", target_env = "gnu"))
            && sources("hosts") == [["files"]]
            && sources("networks") == [["files"]]
            && !nscd;
        if !offline {
            eprintln!(
                "lookups: /etc/nsswitch.conf is not `hosts: files` and `networks: files`: \
                 fuzzing only the lookups that cannot reach a resolver (.ci/fuzz runs all)"
            );
        }
        offline
    })
}

/// The `InteriorNul` error the arguments must give: the first argument with a NUL, at
/// the position of its first NUL.
fn expected_nul(arguments: &[(&'static str, Option<&str>)]) -> Option<(&'static str, usize)> {
    arguments.iter().find_map(|&(argument, value)| Some((argument, value?.find('\0')?)))
}

/// Checks the argument errors of `result`: `InteriorNul` exactly when an argument holds
/// a NUL, naming the right one. The result, if the arguments were good.
fn checked<T: std::fmt::Debug>(
    result: Result<T>,
    arguments: &[(&'static str, Option<&str>)],
) -> Option<Result<T>> {
    match (expected_nul(arguments), result) {
        (Some((argument, position)), Err(Error::InteriorNul { argument: a, position: p })) => {
            assert_eq!((a, p), (argument, position), "the wrong NUL reported");
            None
        }
        (Some(expected), other) => panic!("expected InteriorNul {expected:?}, got {other:?}"),
        (None, Err(e @ Error::InteriorNul { .. })) => panic!("InteriorNul without a NUL: {e:?}"),
        (None, result) => Some(result),
    }
}

fn services(input: &Input) {
    let (name, protocol) = (input.name(), input.protocol());
    let arguments = [("name", Some(name)), ("protocol", protocol)];
    if let Some(result) = checked(Service::from_name(name, protocol), &arguments) {
        let found = result.unwrap_or_else(|e| panic!("from_name({name:?}, {protocol:?}): {e:?}"));
        if let Some(service) = found {
            assert!(
                service.name == name || service.aliases.iter().any(|a| a == name),
                "from_name({name:?}) found {service:?}"
            );
            if let Some(protocol) = protocol {
                assert_eq!(service.protocol, protocol, "{service:?}");
            }
        }
    }

    let port = input.port;
    if let Some(result) = checked(Service::from_port(port, protocol), &[("protocol", protocol)]) {
        let found = result.unwrap_or_else(|e| panic!("from_port({port}, {protocol:?}): {e:?}"));
        if let Some(service) = found {
            assert_eq!(service.port, port, "from_port({port}) found {service:?}");
            if let Some(protocol) = protocol {
                assert_eq!(service.protocol, protocol, "{service:?}");
            }
        }
    }
}

fn protocols(input: &Input) {
    let name = input.name();
    if let Some(result) = checked(Protocol::from_name(name), &[("name", Some(name))]) {
        let found = result.unwrap_or_else(|e| panic!("from_name({name:?}): {e:?}"));
        if let Some(protocol) = found {
            assert!(
                protocol.name == name || protocol.aliases.iter().any(|a| a == name),
                "from_name({name:?}) found {protocol:?}"
            );
        }
    }

    let number = input.protocol_number();
    let found =
        Protocol::from_number(number).unwrap_or_else(|e| panic!("from_number({number}): {e:?}"));
    if let Some(protocol) = found {
        assert_eq!(protocol.number, number, "from_number({number}) found {protocol:?}");
    }
}

fn hosts(input: &Input) {
    let (name, family) = (input.host(), input.family());
    let numeric = name.parse::<IpAddr>().ok().filter(|ip| AddressFamily::of(ip) == family);
    if offline() || numeric.is_some() {
        if let Some(result) = checked(Host::from_name(name, family), &[("name", Some(name))]) {
            let found = result.unwrap_or_else(|e| panic!("from_name({name:?}, {family}): {e:?}"));
            if let Some(host) = &found {
                assert!(!host.addresses.is_empty(), "{host:?}");
                assert!(host.addresses.iter().all(|a| AddressFamily::of(a) == family), "{host:?}");
            }
            if name.is_empty() {
                assert_eq!(found, None);
            }
            if let Some(ip) = numeric {
                assert_eq!(found.map(|h| h.addresses), Some(vec![ip]), "{name:?}");
            }
        }
    }

    if offline() {
        let address = input.socket_address().ip();
        let found =
            Host::from_addr(address).unwrap_or_else(|e| panic!("from_addr({address}): {e:?}"));
        if let Some(host) = found {
            assert!(!host.addresses.is_empty(), "{host:?}");
        }
        if let Some(result) = checked(netdb::fqdn(name), &[("name", Some(name.trim()))]) {
            result.unwrap_or_else(|e| panic!("fqdn({name:?}): {e:?}"));
        }
    }
}

/// The address `getaddrinfo` returns for the numeric host `ip` under the `family` hint,
/// or `None` if it fails: `ip` itself in its family; an IPv4-mapped IPv6 address under
/// `Inet` is its IPv4 address (glibc maps it back).
fn in_family(ip: IpAddr, family: Option<AddressFamily>) -> Option<IpAddr> {
    match (ip, family) {
        (ip, None) => Some(ip),
        (ip, Some(family)) if AddressFamily::of(&ip) == family => Some(ip),
        (IpAddr::V6(v6), Some(AddressFamily::Inet)) => v6.to_ipv4_mapped().map(IpAddr::V4),
        _ => None,
    }
}

fn networks(input: &Input) {
    if !offline() {
        return;
    }
    let name = input.name();
    if let Some(result) = checked(Network::from_name(name), &[("name", Some(name))]) {
        let found = result.unwrap_or_else(|e| panic!("Network::from_name({name:?}): {e:?}"));
        if let Some(network) = found {
            // glibc compares network names case-insensitively.
            assert!(
                network.name.eq_ignore_ascii_case(name)
                    || network.aliases.iter().any(|a| a.eq_ignore_ascii_case(name)),
                "Network::from_name({name:?}) found {network:?}"
            );
        }
    }
    let SocketAddr::V4(address) = input.socket_address() else { return };
    let address = *address.ip();
    let found = Network::from_addr(address)
        .unwrap_or_else(|e| panic!("Network::from_addr({address}): {e:?}"));
    if let Some(network) = found {
        assert_eq!(network.address, address, "{network:?}");
    }
}

fn addrinfo(input: &Input) {
    let host = (!input.flag(FLAG_NO_HOST)).then(|| input.host());
    let service = (!input.flag(FLAG_NO_SERVICE)).then(|| input.service());
    let family = (!input.flag(FLAG_ANY_FAMILY)).then(|| input.family());
    let socket_type = match input.flags >> SOCKET_TYPE_SHIFT {
        0 => None,
        1 => Some(SocketType::STREAM),
        _ => Some(SocketType::DATAGRAM),
    };
    let mut hints = Hints::new().numeric_host(true).numeric_service(true);
    if let Some(family) = family {
        hints = hints.family(family);
    }
    if let Some(socket_type) = socket_type {
        hints = hints.socket_type(socket_type);
    }

    let result = getaddrinfo(host, service, &hints);
    let arguments = [("host", host), ("service", service)];
    let Some(result) = checked(result, &arguments) else {
        return;
    };
    // Once the arguments are free of NUL bytes, netdb refuses a service of digits above
    // 65535 (which glibc would take modulo 65536) with `EAI_SERVICE`.
    let digits = service.filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    if digits.is_some_and(|s| s.parse::<u16>().is_err()) {
        match result {
            Err(Error::AddrInfo(e)) if e.kind() == netdb::AddrInfoErrorKind::Service => return,
            other => panic!("service {service:?} above 65535 gave {other:?}"),
        }
    }
    // What std parses, the C library must parse alike (it accepts more: `1.2`, ` 80`).
    // `None`: no host or service; `Some(None)`: one that std cannot parse.
    let ip = host.map(|h| h.parse::<IpAddr>().ok().and_then(|ip| in_family(ip, family)));
    let port = service.map(|s| s.parse::<u16>().ok());
    let must_succeed =
        (host.is_some() || service.is_some()) && ip != Some(None) && port != Some(None);
    match result {
        Ok(found) => {
            assert!(!found.is_empty(), "getaddrinfo({host:?}, {service:?}) found nothing");
            for info in &found {
                assert_eq!(info.family, AddressFamily::of(&info.address.ip()), "{info:?}");
                if let Some(family) = family {
                    assert_eq!(info.family, family, "{info:?}");
                }
                if let Some(socket_type) = socket_type {
                    assert_eq!(info.socket_type, socket_type, "{info:?}");
                }
                match ip {
                    Some(Some(ip)) => assert_eq!(info.address.ip(), ip, "{host:?}"),
                    None => assert!(info.address.ip().is_loopback(), "{info:?}"),
                    Some(None) => {}
                }
                match port {
                    Some(Some(port)) => assert_eq!(info.address.port(), port, "{service:?}"),
                    None => assert_eq!(info.address.port(), 0, "{info:?}"),
                    Some(None) => {}
                }
            }
        }
        Err(Error::AddrInfo(_)) if !must_succeed => {}
        Err(e) => panic!("getaddrinfo({host:?}, {service:?}, {hints:?}): {e:?}"),
    }
}

fn nameinfo(input: &Input) {
    let address = input.socket_address();
    let numeric = NameInfoFlags::NUMERIC_HOST | NameInfoFlags::NUMERIC_SERVICE;
    let (host, service) =
        getnameinfo(&address, numeric).unwrap_or_else(|e| panic!("getnameinfo({address}): {e:?}"));
    assert_eq!(service, address.port().to_string());
    let (ip, scope) = match host.split_once('%') {
        Some((ip, scope)) => (ip, Some(scope)),
        None => (host.as_str(), None),
    };
    assert_eq!(ip.parse::<IpAddr>().ok(), Some(address.ip()), "getnameinfo gave {host:?}");
    let scope_id = match address {
        SocketAddr::V4(_) => 0,
        SocketAddr::V6(v6) => v6.scope_id(),
    };
    assert_eq!(scope.is_some_and(|s| !s.is_empty()), scope_id != 0, "{address}: {host:?}");

    if offline() {
        let (host, service) = getnameinfo(&address, NameInfoFlags::NONE)
            .unwrap_or_else(|e| panic!("getnameinfo({address}, NONE): {e:?}"));
        assert!(!host.is_empty() && !service.is_empty(), "{address}: {host:?} {service:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let input = Input::new(data);
    services(&input);
    protocols(&input);
    hosts(&input);
    networks(&input);
    addrinfo(&input);
    nameinfo(&input);
});
