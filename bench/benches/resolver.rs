//! What a lookup with a deadline costs, on a good day and on a bad one:
//!
//! - `getaddrinfo_with` against the plain `getaddrinfo`, one call at a time, and
//!   `Resolution` awaited in tokio against tokio's own `lookup_host`, one at a time and
//!   with 16 and 64 lookups in flight (each task its own lookup, so that none is shared);
//! - lookups of `localhost` (rate, and latency at the median and the 99th percentile)
//!   while 0, 64 and 1,000 lookups of a dead name are in flight, and after 256 dead names
//!   were given up;
//! - bursts of 300 and 1,000 futures at once, each for `localhost` on another port (so
//!   that none shares another's C call), against the same bursts through tokio's
//!   `lookup_host`.
//!
//! ```text
//! cargo bench -p netdb-bench --bench resolver
//! ```
//!
//! It runs in a private network of its own (it needs root, or unprivileged user
//! namespaces), whose only name server swallows every query (`options timeout:5
//! attempts:2`: glibc spends 10 s on each name it asks for); `localhost` is the
//! machine's own `/etc/hosts`'s. tokio's `lookup_host` runs the blocking `getaddrinfo`
//! (with `SOCK_STREAM` hints, as std asks) on tokio's blocking thread pool; netdb's
//! lookups here ask the same.

use std::future::Future;
use std::hint::black_box;
use std::net::UdpSocket;
use std::time::{Duration, Instant};

use netdb::{Deadline, Hints, Resolution, SocketType};
use netdb_bench::{
    paired, percentile, rate, rerun_in_private_network, row, smoke_test_only, ROUND, ROUNDS,
};
use tokio::runtime::Runtime;

const HOST: &str = "localhost";
const DEAD: &str = "dead.example";

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

/// The lookup of task `task`: its own port, so that no two tasks share one.
async fn resolution(task: u16) {
    let service = task.to_string();
    black_box(Resolution::start(Some(HOST), Some(&service), &hints()).unwrap().await.unwrap());
}

async fn tokio_lookup_host(task: u16) {
    black_box(tokio::net::lookup_host((HOST, task)).await.unwrap().count());
}

/// Lookups per second of `lookup` run by `in_flight` tasks at once, each starting its
/// next lookup as soon as the last one ends.
fn tasks<F, L>(runtime: &Runtime, in_flight: usize, lookup: L) -> f64
where
    L: Fn(u16) -> F + Copy + Send + 'static,
    F: Future<Output = ()> + Send,
{
    runtime.block_on(async move {
        let start = Instant::now();
        let tasks: Vec<_> = (0..in_flight)
            .map(|task| {
                tokio::spawn(async move {
                    let mut done = 0u64;
                    while start.elapsed() < ROUND {
                        lookup(task as u16 + 1).await;
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

/// `getaddrinfo_with` of localhost for `ROUNDS` rounds: lookups per second, and the
/// latency at the median and the 99th percentile.
fn localhost_meanwhile() -> (f64, Duration, Duration) {
    let mut latencies = Vec::new();
    let start = Instant::now();
    while start.elapsed() < ROUND * ROUNDS as u32 {
        let begun = Instant::now();
        with_deadline();
        latencies.push(begun.elapsed());
    }
    let rate = latencies.len() as f64 / start.elapsed().as_secs_f64();
    (rate, percentile(latencies.clone(), 50), percentile(latencies, 99))
}

fn latency_row(what: &str, (rate, median, p99): (f64, Duration, Duration)) {
    row(what, rate, &format!("latency {median:.1?} median, {p99:.1?} at the 99th percentile"));
}

/// The time to resolve `count` futures started at once, each for `localhost` on another
/// port, through netdb and through tokio: the median of `ROUNDS` bursts each.
fn bursts(runtime: &Runtime, count: usize) -> (Duration, Duration) {
    let netdb_burst = || {
        runtime.block_on(async {
            let start = Instant::now();
            let futures: Vec<Resolution> = (0..count)
                .map(|i| Resolution::start(Some(HOST), Some(&port(i)), &hints()).unwrap())
                .collect();
            for future in futures {
                black_box(future.await.unwrap());
            }
            start.elapsed()
        })
    };
    let tokio_burst = || {
        runtime.block_on(async {
            let start = Instant::now();
            let futures: Vec<_> = (0..count)
                .map(|i| tokio::spawn(tokio::net::lookup_host((HOST, i as u16 + 1))))
                .collect();
            for future in futures {
                black_box(future.await.unwrap().unwrap().count());
            }
            start.elapsed()
        })
    };
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        ours.push(netdb_burst());
        theirs.push(tokio_burst());
    }
    (percentile(ours, 50), percentile(theirs, 50))
}

fn port(i: usize) -> String {
    (i + 1).to_string()
}

/// A name server that reads every query and never answers, on 127.0.0.1:53.
fn dead_name_server() {
    let socket = UdpSocket::bind("127.0.0.1:53").expect("127.0.0.1:53 in the private network");
    std::thread::spawn(move || {
        let mut query = [0u8; 1500];
        while socket.recv_from(&mut query).is_ok() {}
    });
}

fn main() {
    if smoke_test_only() {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        with_deadline();
        runtime.block_on(resolution(1));
        return;
    }
    // The machine's own /etc/hosts answers localhost: what it costs is the machine's (two
    // addresses cost glibc a sort, and a netlink query, that one does not).
    let files: [(&str, &[u8]); 2] = [
        ("resolv.conf", b"nameserver 127.0.0.1\noptions timeout:5 attempts:2\n"),
        ("nsswitch.conf", b"hosts: files dns\n"),
    ];
    if rerun_in_private_network(&files).is_some() {
        return;
    }
    dead_name_server();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    println!(
        "netdb resolver benchmark: lookups per second, median of {ROUNDS} rounds of {ROUND:?}\n"
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

    // A bad day: lookups of a dead name in flight, each waiting for its answer.
    latency_row("localhost, 0 lookups of a dead name in flight", localhost_meanwhile());
    let mut dead: Vec<Resolution> = Vec::new();
    for (count, what) in [(64, "64"), (1000, "1,000")] {
        while dead.len() < count {
            dead.push(Resolution::start(Some(DEAD), None, &Hints::new()).unwrap());
        }
        latency_row(
            &format!("localhost, {what} lookups of a dead name in flight"),
            localhost_meanwhile(),
        );
    }
    drop(dead);
    let given_up: Vec<Resolution> = (0..256)
        .map(|i| {
            Resolution::start(Some(&format!("dead-{i}.example")), None, &Hints::new()).unwrap()
        })
        .collect();
    drop(given_up);
    latency_row("localhost, after 256 dead names given up", localhost_meanwhile());

    for count in [300, 1000] {
        let (ours, theirs) = bursts(&runtime, count);
        let per_second = |took: Duration| count as f64 / took.as_secs_f64();
        row(
            &format!("tokio::net::lookup_host, a burst of {count}"),
            per_second(theirs),
            &format!("all answered in {theirs:.1?}"),
        );
        row(
            &format!("Resolution.await, a burst of {count}"),
            per_second(ours),
            &format!(
                "all answered in {ours:.1?}, {:.2}x tokio's rate",
                theirs.as_secs_f64() / ours.as_secs_f64()
            ),
        );
    }
}
