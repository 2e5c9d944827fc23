//! netdb as reqwest's resolver.

use std::time::Duration;

use ::reqwest::dns::{Addrs, Name, Resolve, Resolving};

use super::{boxed, start, DEFAULT_LOOKUP_TIMEOUT};
use crate::resolver::Resolver;

/// A resolver for reqwest: names resolved by the system's `getaddrinfo` on netdb's
/// [`Resolver`], each lookup giving up after a timeout (10 s unless told otherwise).
///
/// One line gives a client that resolves through netdb:
///
/// ```
/// let client = reqwest::Client::builder().dns_resolver(netdb::ReqwestResolver::new()).build()?;
/// # drop(client);
/// # Ok::<(), reqwest::Error>(())
/// ```
///
/// A lookup that does not answer in time fails the request; `netdb::Error::TimedOut` is
/// in its error chain, and its text names the host:
///
/// ```no_run
/// # async fn f() {
/// let client = reqwest::Client::builder().dns_resolver(netdb::ReqwestResolver::new()).build().unwrap();
/// if let Err(error) = client.get("http://example.com/").send().await {
///     let mut source = std::error::Error::source(&error);
///     while let Some(cause) = source {
///         if let Some(netdb::Error::TimedOut { .. }) = cause.downcast_ref::<netdb::Error>() {
///             eprintln!("the name did not resolve in time: {cause}");
///         }
///         source = cause.source();
///     }
/// }
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct ReqwestResolver {
    resolver: Resolver,
    timeout: Duration,
}

impl ReqwestResolver {
    /// Lookups on the process's shared [`Resolver`], each given up after
    /// [`DEFAULT_LOOKUP_TIMEOUT`](crate::http::DEFAULT_LOOKUP_TIMEOUT).
    #[must_use]
    pub fn new() -> ReqwestResolver {
        ReqwestResolver::with_resolver(Resolver::shared().clone())
    }

    /// Lookups on `resolver` (its limits, its threads).
    ///
    /// ```
    /// let resolver = netdb::Resolver::builder().max_running(16).build();
    /// let dns = netdb::ReqwestResolver::with_resolver(resolver);
    /// # drop(dns);
    /// ```
    #[must_use]
    pub fn with_resolver(resolver: Resolver) -> ReqwestResolver {
        ReqwestResolver { resolver, timeout: DEFAULT_LOOKUP_TIMEOUT }
    }

    /// Each lookup gives up after `timeout`, with `netdb::Error::TimedOut`.
    ///
    /// ```
    /// let dns = netdb::ReqwestResolver::new().timeout(std::time::Duration::from_secs(2));
    /// # drop(dns);
    /// ```
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> ReqwestResolver {
        self.timeout = timeout;
        self
    }
}

impl Default for ReqwestResolver {
    fn default() -> ReqwestResolver {
        ReqwestResolver::new()
    }
}

impl Resolve for ReqwestResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let started = start(&self.resolver, name.as_str(), self.timeout);
        Box::pin(async move {
            let addresses = started.map_err(boxed)?.await.map_err(boxed)?;
            Ok(Box::new(addresses.into_iter()) as Addrs)
        })
    }
}
