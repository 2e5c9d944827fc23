//! Name resolution that gives up: `getaddrinfo_with` and a deadline, and a
//! `Resolution` cancelled from another thread.
//!
//! ```text
//! cargo run --example deadline -- [NAME]
//! ```

use std::time::Duration;

use netdb::{Deadline, Error, Hints, Resolution, SocketType};

fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "localhost".into());
    let hints = Hints::new().socket_type(SocketType::STREAM);

    // At most two seconds, however slow the name servers are. A Duration, an Instant
    // or a Deadline will do.
    match netdb::getaddrinfo_with(Some(&name), None, &hints, Duration::from_secs(2)) {
        Ok(found) => found.iter().for_each(|a| println!("{name}: {}", a.address.ip())),
        Err(Error::TimedOut { .. }) => println!("{name}: no answer within two seconds"),
        Err(e) if e.is_not_found() => println!("{name}: no such name"),
        Err(e) => println!("{name}: {e}"),
    }

    // A lookup in flight, which another thread may cancel.
    let lookup = match Resolution::start(Some(&name), Some("https"), &hints) {
        Ok(lookup) => lookup,
        Err(e) => return println!("cannot start: {e}"),
    };
    let canceller = lookup.canceller();
    let impatient = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        canceller.cancel(); // does nothing if the answer came first
    });
    match lookup.wait(Deadline::never()) {
        Ok(found) => println!("{name} https: {} addresses", found.len()),
        Err(Error::Cancelled { .. }) => println!("{name} https: cancelled after 500 ms"),
        Err(e) => println!("{name} https: {e}"),
    }
    impatient.join().unwrap();
}
