//! One lookup of each kind: services, protocols, hosts, networks, `getaddrinfo` and
//! `getnameinfo`. "Not found" is `Ok(None)` for the databases, and `is_not_found()` for
//! name resolution.
//!
//! ```text
//! cargo run --example lookups
//! ```

use std::net::{IpAddr, Ipv4Addr};

use netdb::{AddressFamily, Hints, Host, NameInfoFlags, Network, Protocol, Service, SocketType};

fn main() -> netdb::Result<()> {
    // Services: by name (and protocol), by port. Ports are in host byte order.
    if let Some(https) = Service::from_name("https", Some("tcp"))? {
        println!("service https/tcp: port {}, aliases {:?}", https.port, https.aliases);
    }
    match Service::from_port(22, Some("tcp"))? {
        Some(ssh) => println!("port 22/tcp: {ssh}"), // getent's line
        None => println!("port 22/tcp: no such service"),
    }

    // Protocols: by name, by number.
    let udp = Protocol::from_number(17)?.map_or("unknown".into(), |p| p.name);
    println!("protocol 17: {udp}");

    // Hosts: by name (of one family), by address.
    if let Some(host) = Host::from_name("localhost", AddressFamily::Inet)? {
        println!("localhost: {:?}", host.addresses);
    }
    if let Some(host) = Host::from_addr(IpAddr::V4(Ipv4Addr::LOCALHOST))? {
        println!("127.0.0.1 is {}", host.name);
    }

    // Networks: not every C library has the database (musl, Windows: `Unsupported`).
    match Network::from_name("loopback") {
        Ok(found) => println!("network loopback: {:?}", found.map(|n| n.address)),
        Err(e) => println!("networks: {e}"),
    }

    // Names to socket addresses, and back.
    let hints = Hints::new().socket_type(SocketType::STREAM);
    for found in netdb::getaddrinfo(Some("localhost"), Some("http"), &hints)? {
        println!("localhost http: {}", found.address);
    }
    match netdb::getaddrinfo(Some("no-such-host.invalid"), None, &hints) {
        Err(e) if e.is_not_found() => println!("no-such-host.invalid: not found"),
        other => println!("no-such-host.invalid: {other:?}"),
    }
    let address = "127.0.0.1:443".parse().unwrap();
    let (host, service) = netdb::getnameinfo(&address, NameInfoFlags::NUMERIC_HOST)?;
    println!("127.0.0.1:443 is {host} {service}");
    Ok(())
}
