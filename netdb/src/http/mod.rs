//! Resolvers for the async HTTP stacks, on netdb's [`Resolver`]: the
//! system's own lookups (`/etc/hosts`, DNS, every `nsswitch.conf` source) with a
//! deadline per lookup, lookups of one name in flight shared, and threads bounded,
//! whatever the name server does.
//!
//! - [`ReqwestResolver`], with the `reqwest` feature, for
//!   `reqwest::ClientBuilder::dns_resolver`;
//! - [`HyperResolver`], with the `hyper` feature, for hyper-util's
//!   `HttpConnector::new_with_resolver` (a `tower_service::Service<Name>`).
//!
//! Each asks what the stack's own resolver asks, `getaddrinfo` with stream hints (as
//! std's `ToSocketAddrs` does), and hands back each address once, in the order the
//! system prefers them (RFC 6724 on glibc), which the stacks then try in turn. A lookup
//! that does not answer by its deadline fails with [`Error::TimedOut`], which stays in
//! the request's error chain (`std::error::Error::source`), and whose text names the
//! host. The stacks need Rust 1.85 or later, as their current releases do.

#[cfg(feature = "hyper")]
mod hyper_util;
#[cfg(feature = "reqwest")]
mod reqwest;

use std::net::SocketAddr;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::resolve::{Lookup, Resolution};
use crate::resolver::Resolver;

#[cfg(feature = "hyper")]
pub use self::hyper_util::{HyperResolver, HyperResolving};
#[cfg(feature = "reqwest")]
pub use self::reqwest::ReqwestResolver;

/// How long a lookup of the HTTP resolvers may take, unless told otherwise: 10 s.
/// (reqwest and hyper have no deadline of their own for the resolver.)
pub const DEFAULT_LOOKUP_TIMEOUT: Duration = Duration::from_secs(10);

/// What both adapters do with a name: start its lookup, port 0 (the stacks put the URL's
/// port in), with the deadline counting from now.
fn start(
    resolver: &Resolver,
    host: &str,
    timeout: Duration,
) -> Result<Resolution<Vec<SocketAddr>>> {
    let lookup = Lookup::socket_addrs(host, 0)?;
    Ok(resolver.start(lookup)?.deadline(timeout))
}

/// The error the stacks hear: netdb's own, boxed, so that it stays reachable in their
/// error chains.
fn boxed(error: Error) -> Box<dyn std::error::Error + Send + Sync> {
    Box::new(error)
}
