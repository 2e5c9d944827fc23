//! netdb as reqwest's resolver: one line of the client's builder, and every name the
//! client looks up is resolved by the system's `getaddrinfo` on netdb's resolver, with
//! a deadline per lookup, threads bounded, and lookups of one name shared.
//!
//! ```text
//! cargo run --manifest-path http/Cargo.toml --example reqwest
//! ```
//!
//! It starts a small HTTP server on 127.0.0.1, fetches it by the name `localhost`, then
//! asks for a name that does not exist and prints the error's chain, where netdb's error
//! names the host.

use std::error::Error;
use std::time::Duration;

use netdb_http::LocalServer;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let server = LocalServer::start();
    let client = reqwest::Client::builder()
        .dns_resolver(netdb::ReqwestResolver::new().timeout(Duration::from_secs(5)))
        .build()?;

    let url = format!("http://localhost:{}/", server.port());
    let response = client.get(&url).send().await?;
    println!("GET {url}: {}", response.status());
    print!("{}", response.text().await?);

    let url = format!("http://no-such-host.invalid:{}/", server.port());
    let failed = client.get(&url).send().await.expect_err("the .invalid domain never resolves");
    println!("GET {url}: failed");
    netdb_http::print_error_chain(&failed);
    Ok(())
}
