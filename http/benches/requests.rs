//! Requests per second to a local HTTP server by name, through reqwest, with netdb's
//! resolver (`netdb::ReqwestResolver`), with reqwest's default resolver (the blocking
//! `getaddrinfo` on tokio's blocking pool) and with its `hickory-dns` feature (an
//! asynchronous resolver of its own, which reads `/etc/hosts` and `resolv.conf`
//! itself): on a good day, and while other requests ask for a name that only a dead name
//! server could answer.
//!
//! ```text
//! cargo bench --manifest-path http/Cargo.toml --features hickory
//! ```
//!
//! It runs in a private network of its own (it needs root, or unprivileged user
//! namespaces) whose `/etc/hosts` names the server `web.test`, and whose name server, on
//! 127.0.0.1, answers every query at once that it has no such record, but for the dead
//! name, `dead.test`, whose queries it swallows, as a name whose own servers died
//! (`options timeout:5 attempts:2`: glibc spends 10 s on it). Every request opens a new
//! connection (no idle connections are kept), so each one resolves the name. Without
//! `--features hickory` its rows are left out.

use std::net::UdpSocket;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use netdb_bench::{median, rerun_in_private_network, row, smoke_test_only, ROUND, ROUNDS};
use netdb_http::LocalServer;

/// A request of the dead name gives up after this, as a client with timeouts does.
const DEAD_REQUEST_TIMEOUT: Duration = Duration::from_millis(200);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dns {
    Netdb,
    Default,
    #[cfg(feature = "hickory")]
    Hickory,
}

impl Dns {
    fn all() -> Vec<Dns> {
        vec![
            Dns::Netdb,
            Dns::Default,
            #[cfg(feature = "hickory")]
            Dns::Hickory,
        ]
    }

    fn name(self) -> &'static str {
        match self {
            Dns::Netdb => "netdb::ReqwestResolver",
            Dns::Default => "reqwest's default resolver",
            #[cfg(feature = "hickory")]
            Dns::Hickory => "reqwest's hickory-dns",
        }
    }

    fn client(self, timeout: Option<Duration>) -> reqwest::Client {
        let mut builder = reqwest::Client::builder().no_proxy().pool_max_idle_per_host(0);
        if let Some(timeout) = timeout {
            builder = builder.timeout(timeout);
        }
        builder = match self {
            Dns::Netdb => builder.dns_resolver(netdb::ReqwestResolver::new()),
            // With the hickory-dns feature on, reqwest would use it by default.
            Dns::Default => builder.no_hickory_dns(),
            #[cfg(feature = "hickory")]
            Dns::Hickory => builder.hickory_dns(true),
        };
        builder.build().expect("a reqwest client")
    }
}

/// Requests per second to the server by name, over `ROUNDS` rounds (the median), with 8
/// requests in flight.
async fn requests_per_second(client: &reqwest::Client, url: &str) -> f64 {
    let mut rates = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (client, url) = (client.clone(), url.to_owned());
                tokio::spawn(async move {
                    let mut done = 0u64;
                    while start.elapsed() < ROUND {
                        let response = client.get(&url).send().await.expect("the server answers");
                        assert!(response.status().is_success());
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
        rates.push(done as f64 / start.elapsed().as_secs_f64());
    }
    median(rates)
}

/// The name server of the private network: "no such record" at once for every name but
/// `dead.test`, whose queries it reads and never answers.
fn name_server() {
    let socket = UdpSocket::bind("127.0.0.1:53").expect("127.0.0.1:53 in the private network");
    std::thread::spawn(move || {
        let mut query = [0u8; 1500];
        while let Ok((length, client)) = socket.recv_from(&mut query) {
            let query = &query[..length];
            if length < 12 || question_name(&query[12..]).as_deref() == Some("dead.test") {
                continue;
            }
            // The query's header and question, as an answer: QR, RD and RA set, no error,
            // no records (what a server says of a name without records of that type).
            let mut answer = query.to_vec();
            answer[2] = 0x80 | (query[2] & 0x01);
            answer[3] = 0x80;
            answer[6..12].fill(0);
            let _ = socket.send_to(&answer, client);
        }
    });
}

/// The name a DNS question asks for, its labels joined by dots.
fn question_name(mut labels: &[u8]) -> Option<String> {
    let mut name = Vec::new();
    while let Some((&length, rest)) = labels.split_first() {
        if length == 0 {
            return String::from_utf8(name.join(&b'.')).ok();
        }
        let label = rest.get(..usize::from(length))?;
        name.push(label.to_vec());
        labels = &rest[usize::from(length)..];
    }
    None
}

fn main() {
    if smoke_test_only() {
        return;
    }
    let files: [(&str, &[u8]); 3] = [
        ("hosts", b"127.0.0.1 localhost\n127.0.0.1 web.test\n"),
        ("nsswitch.conf", b"hosts: files dns\n"),
        ("resolv.conf", b"nameserver 127.0.0.1\noptions timeout:5 attempts:2\n"),
    ];
    if rerun_in_private_network(&files).is_some() {
        return;
    }
    name_server();
    let server = LocalServer::start();
    let url = format!("http://web.test:{}/", server.port());
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();

    println!(
        "netdb HTTP benchmark: requests per second to a local server by name, median of {ROUNDS} rounds of {ROUND:?}, 8 in flight\n"
    );
    println!("| resolver | per second | compared |");
    println!("|---|---:|---|");
    let mut quiet = Vec::new();
    for dns in Dns::all() {
        let rate = runtime.block_on(requests_per_second(&dns.client(None), &url));
        row(dns.name(), rate, "");
        quiet.push((dns, rate));
    }
    for (dns, quiet_rate) in quiet {
        // Meanwhile, requests for a dead name, each given up after 200 ms, one after the
        // other: what a service does whose upstream's name server died.
        let asking = Arc::new(AtomicBool::new(true));
        let dead = {
            let (client, asking) = (dns.client(Some(DEAD_REQUEST_TIMEOUT)), Arc::clone(&asking));
            let dead_url = format!("http://dead.test:{}/", server.port());
            runtime.spawn(async move {
                while asking.load(Ordering::Relaxed) {
                    let _ = client.get(&dead_url).send().await;
                }
            })
        };
        let rate = runtime.block_on(requests_per_second(&dns.client(None), &url));
        asking.store(false, Ordering::Relaxed);
        runtime.block_on(dead).unwrap();
        row(
            &format!("{}, while a dead name is asked for", dns.name()),
            rate,
            &format!("{:.2}x its rate without", rate / quiet_rate),
        );
    }
}
