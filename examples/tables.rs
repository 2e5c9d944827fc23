//! The services and protocols databases read once and indexed in memory, for hot paths:
//! each answer is the one the system lookup gives for the same key, without a system
//! call. `ServiceTable::builtin()` is IANA's table for systems with no /etc/services.
//!
//! ```text
//! cargo run --example tables
//! ```

use netdb::{ProtocolTable, ServiceTable};

fn main() -> netdb::Result<()> {
    let services = ServiceTable::load()?;
    let protocols = ProtocolTable::load()?;
    println!("{} services, {} protocols", services.len(), protocols.len());

    for (name, protocol) in [("http", "tcp"), ("domain", "udp"), ("no-such-service", "tcp")] {
        match services.by_name(name, Some(protocol)) {
            Some(service) => println!("{name}/{protocol}: port {}", service.port),
            None => println!("{name}/{protocol}: not in the database"),
        }
    }
    if let Some(service) = services.by_port(443, None) {
        println!("port 443: {}", service.name);
    }
    if let Some(tcp) = protocols.by_name("tcp") {
        println!("tcp is protocol {}", tcp.number);
    }

    // The compiled-in table, whatever this machine's /etc holds.
    let builtin = ServiceTable::builtin();
    println!("IANA: ssh is port {:?}", builtin.by_name("ssh", Some("tcp")).map(|s| s.port));
    Ok(())
}
