//! reqwest and hyper clients that resolve through netdb (its `reqwest` and `hyper`
//! features), against real parts: an HTTP server on loopback named in a private
//! `/etc/hosts`, and a name server that never answers (glibc's default schedule, 10 s a
//! name) for every other name, in a private network.
//!
//! Each stack reaches the server by name; a request for a name only the dead name server
//! could answer fails at the resolver's deadline, with `netdb::Error::TimedOut` (naming
//! the host) in the request's error chain, and no message twice in that chain.

#[path = "../../tests/common/mod.rs"]
mod common;

common::test_main!(
    reqwest_reaches_the_server_by_name,
    reqwest_gives_up_on_a_dead_name_at_the_deadline,
    hyper_reaches_the_server_by_name,
    hyper_gives_up_on_a_dead_name_at_the_deadline,
);

use std::error::Error as StdError;
use std::time::{Duration, Instant};

use common::dead_server::{self, margin, DEAD_DNS_RESOLV_CONF};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use netdb_http::{LocalServer, BODY};

/// The private /etc: the server's name in /etc/hosts, every other name for DNS, whose
/// only server never answers.
const ETC: &[(&str, Option<&[u8]>)] = &[
    ("hosts", Some(b"127.0.0.1 localhost\n127.0.0.1 web.test\n")),
    ("nsswitch.conf", Some(b"hosts: files dns\n")),
    ("resolv.conf", Some(DEAD_DNS_RESOLV_CONF)),
];

/// How long the resolvers here give a lookup.
const LOOKUP_TIMEOUT: Duration = Duration::from_millis(300);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime")
}

fn reqwest_client() -> reqwest::Client {
    reqwest::Client::builder()
        .dns_resolver(netdb::ReqwestResolver::new().timeout(LOOKUP_TIMEOUT))
        .no_proxy()
        .build()
        .expect("a reqwest client")
}

/// The netdb error in `error`'s chain, with every message of the chain, which must each
/// appear once.
fn netdb_error_in_chain<'e>(
    error: &'e (dyn StdError + 'static),
) -> (Option<&'e netdb::Error>, Vec<String>) {
    let mut found = None;
    let mut texts = Vec::new();
    let mut next = Some(error);
    while let Some(cause) = next {
        texts.push(cause.to_string());
        if found.is_none() {
            found = cause.downcast_ref::<netdb::Error>();
        }
        next = cause.source();
    }
    for (i, text) in texts.iter().enumerate().skip(1) {
        assert!(
            !texts[..i].iter().any(|earlier| !text.is_empty() && earlier.contains(text.as_str())),
            "a message is shown twice in the chain: {texts:?}"
        );
    }
    (found, texts)
}

/// That `error`, a request for `dead.test` that took `took`, failed at the resolver's
/// deadline with `netdb::Error::TimedOut` for that host in its chain.
fn assert_timed_out_at_the_deadline(error: &(dyn StdError + 'static), took: Duration) {
    let (found, texts) = netdb_error_in_chain(error);
    match found {
        Some(error @ netdb::Error::TimedOut { .. }) => {
            assert_eq!(error.host(), Some("dead.test"), "{error}");
            assert!(error.to_string().contains("dead.test"), "{error}");
        }
        other => panic!("no netdb::Error::TimedOut in the chain ({other:?}): {texts:?}"),
    }
    assert!(took >= LOOKUP_TIMEOUT, "failed after {took:?}, before the resolver's deadline");
    assert!(took < LOOKUP_TIMEOUT + margin(), "failed after {took:?}");
}

fn reqwest_reaches_the_server_by_name() {
    common::with_private_etc_and_network("reqwest_reaches_the_server_by_name", ETC, || {
        dead_server::start();
        let server = LocalServer::start();
        let client = reqwest_client();
        runtime().block_on(async {
            for _ in 0..3 {
                let url = format!("http://web.test:{}/", server.port());
                let response = client.get(&url).send().await.expect("the local server answers");
                assert_eq!(response.status(), 200);
                assert_eq!(response.text().await.unwrap(), BODY);
            }
        });
        assert_eq!(server.requests(), 3);
    });
}

fn reqwest_gives_up_on_a_dead_name_at_the_deadline() {
    common::with_private_etc_and_network(
        "reqwest_gives_up_on_a_dead_name_at_the_deadline",
        ETC,
        || {
            dead_server::start();
            let server = LocalServer::start();
            let client = reqwest_client();
            runtime().block_on(async {
                let start = Instant::now();
                let url = format!("http://dead.test:{}/", server.port());
                let failed = client.get(&url).send().await.expect_err("dead.test does not resolve");
                assert_timed_out_at_the_deadline(&failed, start.elapsed());
                // The server's own name still resolves at once meanwhile.
                let url = format!("http://web.test:{}/", server.port());
                assert_eq!(client.get(&url).send().await.unwrap().status(), 200);
            });
        },
    );
}

fn hyper_client() -> Client<HttpConnector<netdb::HyperResolver>, Empty<Bytes>> {
    let connector =
        HttpConnector::new_with_resolver(netdb::HyperResolver::new().timeout(LOOKUP_TIMEOUT));
    Client::builder(TokioExecutor::new()).build(connector)
}

fn hyper_reaches_the_server_by_name() {
    common::with_private_etc_and_network("hyper_reaches_the_server_by_name", ETC, || {
        dead_server::start();
        let server = LocalServer::start();
        let client = hyper_client();
        runtime().block_on(async {
            for _ in 0..3 {
                let uri = format!("http://web.test:{}/", server.port()).parse().unwrap();
                let response = client.get(uri).await.expect("the local server answers");
                assert_eq!(response.status(), 200);
                let body = response.into_body().collect().await.unwrap().to_bytes();
                assert_eq!(body, BODY.as_bytes());
            }
        });
        assert_eq!(server.requests(), 3);
    });
}

fn hyper_gives_up_on_a_dead_name_at_the_deadline() {
    common::with_private_etc_and_network(
        "hyper_gives_up_on_a_dead_name_at_the_deadline",
        ETC,
        || {
            dead_server::start();
            let server = LocalServer::start();
            let client = hyper_client();
            runtime().block_on(async {
                let start = Instant::now();
                let uri = format!("http://dead.test:{}/", server.port()).parse().unwrap();
                let failed = client.get(uri).await.expect_err("dead.test does not resolve");
                assert_timed_out_at_the_deadline(&failed, start.elapsed());
                let uri = format!("http://web.test:{}/", server.port()).parse().unwrap();
                assert_eq!(client.get(uri).await.unwrap().status(), 200);
            });
        },
    );
}
