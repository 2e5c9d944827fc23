//! What the tests, the examples and the benchmark of netdb's HTTP resolvers share: a
//! real HTTP server on loopback, and a printer of error chains.

use std::error::Error;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;

/// The body every response carries.
pub const BODY: &str = "hello from the local server\n";

/// An HTTP/1.1 server on 127.0.0.1 that answers every request `200 OK` with [`BODY`],
/// one connection at a time per thread, until the process ends.
#[derive(Debug, Clone)]
pub struct LocalServer {
    address: SocketAddr,
    requests: Arc<AtomicUsize>,
}

impl LocalServer {
    /// Starts the server on a port of the system's choosing.
    ///
    /// # Panics
    /// When no port can be bound on 127.0.0.1.
    pub fn start() -> LocalServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port on 127.0.0.1");
        let address = listener.local_addr().expect("the port bound");
        let requests = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&requests);
        thread::spawn(move || {
            for connection in listener.incoming().flatten() {
                let counted = Arc::clone(&counted);
                thread::spawn(move || serve(connection, &counted));
            }
        });
        LocalServer { address, requests }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// Requests answered so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// Answers each request of the connection, until the client closes it.
fn serve(mut connection: TcpStream, requests: &AtomicUsize) {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match connection.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => received.extend_from_slice(&buffer[..n]),
        }
        // Requests without a body: each ends with an empty line.
        while let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            received.drain(..end + 4);
            requests.fetch_add(1, Ordering::SeqCst);
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n{BODY}",
                BODY.len()
            );
            if connection.write_all(response.as_bytes()).is_err() {
                return;
            }
        }
    }
}

/// Prints `error` and each error of its `source()` chain on a line of its own, indented,
/// naming the host where the cause is netdb's.
pub fn print_error_chain(error: &(dyn Error + 'static)) {
    let mut cause = Some(error);
    while let Some(error) = cause {
        match error.downcast_ref::<netdb::Error>() {
            Some(netdb_error) => println!("  netdb: {netdb_error} (host {:?})", netdb_error.host()),
            None => println!("  {error}"),
        }
        cause = error.source();
    }
}
