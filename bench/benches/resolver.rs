//! What a lookup with a deadline costs: `getaddrinfo_with` against the plain
//! `getaddrinfo`, one call at a time, and `Resolution` awaited in tokio against tokio's
//! own `lookup_host`, one at a time and with 16 and 64 lookups in flight.
//!
//! ```text
//! cargo bench -p netdb-bench --bench resolver
//! ```
//!
//! Every lookup is of `localhost`, answered from `/etc/hosts`: the cost measured is the
//! mechanism's, not the network's. tokio's `lookup_host` runs the blocking `getaddrinfo`
//! (with `SOCK_STREAM` hints, as std asks) on tokio's blocking thread pool; netdb's
//! lookups here ask the same.

use std::future::Future;
use std::hint::black_box;
use std::time::{Duration, Instant};

use netdb::{Deadline, Hints, Resolution, SocketType};
use netdb_bench::{paired, rate, row, smoke_test_only, ROUND, ROUNDS};
use tokio::runtime::Runtime;

const HOST: &str = "localhost";

fn hints() -> Hints {
    Hints::new().socket_type(SocketType::STREAM)
}

fn plain() {
    black_box(netdb::getaddrinfo(Some(HOST), None, &hints()).unwrap());
}

fn with_deadline() {
    let deadline = Deadline::after(Duration::from_secs(5));
    black_box(netdb::getaddrinfo_with(Some(HOST), None, &hints(), deadline).unwrap());
}

async fn resolution() {
    black_box(Resolution::start(Some(HOST), None, &hints()).unwrap().await.unwrap());
}

async fn tokio_lookup_host() {
    black_box(tokio::net::lookup_host((HOST, 0)).await.unwrap().count());
}

/// Lookups per second of `lookup` run by `in_flight` tasks at once, each starting its
/// next lookup as soon as the last one ends.
fn tasks<F, L>(runtime: &Runtime, in_flight: usize, lookup: L) -> f64
where
    L: Fn() -> F + Copy + Send + 'static,
    F: Future<Output = ()> + Send,
{
    runtime.block_on(async move {
        let start = Instant::now();
        let tasks: Vec<_> = (0..in_flight)
            .map(|_| {
                tokio::spawn(async move {
                    let mut done = 0u64;
                    while start.elapsed() < ROUND {
                        lookup().await;
                        done += 1;
                    }
                    done
                })
            })
            .collect();
        let mut done = 0;
        for task in tasks {
            done += task.await.unwrap();
        }
        done as f64 / start.elapsed().as_secs_f64()
    })
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    if smoke_test_only() {
        with_deadline();
        runtime.block_on(resolution());
        return;
    }
    println!(
        "netdb resolver benchmark: lookups of {HOST} per second, median of {ROUNDS} rounds of {ROUND:?}\n"
    );
    println!("| lookup | per second | compared |");
    println!("|---|---:|---|");

    let single = paired(|| rate(1, plain), || rate(1, with_deadline));
    row("getaddrinfo, 1 at a time", single.a, "baseline");
    row(
        "getaddrinfo_with (a deadline), 1 at a time",
        single.b,
        &format!("{:.2}x the time of getaddrinfo", 1.0 / single.ratio),
    );

    for in_flight in [1, 16, 64] {
        let pair = paired(
            || tasks(&runtime, in_flight, tokio_lookup_host),
            || tasks(&runtime, in_flight, resolution),
        );
        row(&format!("tokio::net::lookup_host, {in_flight} in flight"), pair.a, "");
        row(
            &format!("Resolution.await, {in_flight} in flight"),
            pair.b,
            &format!("{:.2}x tokio's rate", pair.ratio),
        );
    }
}
