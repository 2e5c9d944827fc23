//! A lookup awaited in an async function. `Resolution` is a `Future` for any executor:
//! the resolver wakes it, nothing polls. This example runs it on a minimal executor
//! made of std alone; with tokio, `tokio::time::timeout(d, lookup)` adds a deadline, and
//! dropping the future on timeout abandons the lookup safely.
//!
//! ```text
//! cargo run --example async_lookup -- [NAME]
//! ```

use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

use netdb::{Hints, Resolution, SocketType};

/// The addresses of `name`, port 443, for a TCP connection.
async fn https_addresses(name: &str) -> netdb::Result<Vec<std::net::SocketAddr>> {
    let hints = Hints::new().socket_type(SocketType::STREAM);
    let found = Resolution::start(Some(name), Some("443"), &hints)?.await?;
    Ok(found.into_iter().map(|a| a.address).collect())
}

fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "localhost".into());
    match block_on(https_addresses(&name)) {
        Ok(addresses) => addresses.iter().for_each(|a| println!("{name}: {a}")),
        Err(e) => println!("{name}: {e}"),
    }
}

/// Runs a future on this thread, sleeping until its waker is called.
fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let mut context = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
        thread::park(); // a spurious wake-up only polls again
    }
}
