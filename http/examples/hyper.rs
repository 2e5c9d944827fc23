//! netdb as hyper-util's resolver: hand it to the `HttpConnector`, and every name the
//! client looks up is resolved by the system's `getaddrinfo` on netdb's resolver, with a
//! deadline per lookup, threads bounded, and lookups of one name shared.
//!
//! ```text
//! cargo run --manifest-path http/Cargo.toml --example hyper
//! ```
//!
//! It starts a small HTTP server on 127.0.0.1, fetches it by the name `localhost`, then
//! asks for a name that does not exist and prints the error's chain, where netdb's error
//! names the host.

use std::error::Error;
use std::time::Duration;

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use netdb_http::LocalServer;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let server = LocalServer::start();
    let resolver = netdb::HyperResolver::new().timeout(Duration::from_secs(5));
    let client: Client<_, Empty<Bytes>> =
        Client::builder(TokioExecutor::new()).build(HttpConnector::new_with_resolver(resolver));

    let uri = format!("http://localhost:{}/", server.port());
    let response = client.get(uri.parse()?).await?;
    println!("GET {uri}: {}", response.status());
    print!("{}", String::from_utf8_lossy(&response.into_body().collect().await?.to_bytes()));

    let uri = format!("http://no-such-host.invalid:{}/", server.port());
    let failed = client.get(uri.parse()?).await.expect_err("the .invalid domain never resolves");
    println!("GET {uri}: failed");
    netdb_http::print_error_chain(&failed);
    Ok(())
}
