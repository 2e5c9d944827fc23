//! netdb as hyper-util's resolver.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use ::hyper_util::client::legacy::connect::dns::Name;

use super::{start, DEFAULT_LOOKUP_TIMEOUT};
use crate::error::{Error, Result};
use crate::resolve::Resolution;
use crate::resolver::Resolver;

/// A resolver for hyper-util's `HttpConnector`: names resolved by the system's
/// `getaddrinfo` on netdb's [`Resolver`], each lookup giving up after a timeout (10 s
/// unless told otherwise). It is a `tower_service::Service<Name>`, always ready, whose
/// errors are [`netdb::Error`](crate::Error).
///
/// ```
/// use hyper_util::client::legacy::connect::HttpConnector;
///
/// let connector = HttpConnector::new_with_resolver(netdb::HyperResolver::new());
/// # drop(connector);
/// ```
#[derive(Debug, Clone)]
pub struct HyperResolver {
    resolver: Resolver,
    timeout: Duration,
}

impl HyperResolver {
    /// Lookups on the process's shared [`Resolver`], each given up after
    /// [`DEFAULT_LOOKUP_TIMEOUT`](crate::http::DEFAULT_LOOKUP_TIMEOUT).
    #[must_use]
    pub fn new() -> HyperResolver {
        HyperResolver::with_resolver(Resolver::shared().clone())
    }

    /// Lookups on `resolver` (its limits, its threads).
    ///
    /// ```
    /// let dns = netdb::HyperResolver::with_resolver(netdb::Resolver::new());
    /// # drop(dns);
    /// ```
    #[must_use]
    pub fn with_resolver(resolver: Resolver) -> HyperResolver {
        HyperResolver { resolver, timeout: DEFAULT_LOOKUP_TIMEOUT }
    }

    /// Each lookup gives up after `timeout`, with `netdb::Error::TimedOut`.
    ///
    /// ```
    /// let dns = netdb::HyperResolver::new().timeout(std::time::Duration::from_secs(2));
    /// # drop(dns);
    /// ```
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> HyperResolver {
        self.timeout = timeout;
        self
    }
}

impl Default for HyperResolver {
    fn default() -> HyperResolver {
        HyperResolver::new()
    }
}

impl tower_service::Service<Name> for HyperResolver {
    type Response = std::vec::IntoIter<SocketAddr>;
    type Error = Error;
    type Future = HyperResolving;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, name: Name) -> HyperResolving {
        HyperResolving(Some(start(&self.resolver, name.as_str(), self.timeout)))
    }
}

/// A lookup of [`HyperResolver`] in flight: the addresses of a name, each once, in the
/// system's order of preference.
#[derive(Debug)]
#[must_use = "futures do nothing unless polled"]
pub struct HyperResolving(Option<Result<Resolution<Vec<SocketAddr>>>>);

impl Future for HyperResolving {
    type Output = Result<std::vec::IntoIter<SocketAddr>>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        match self.0.as_mut() {
            Some(Ok(resolution)) => Pin::new(resolution).poll(context).map_ok(Vec::into_iter),
            Some(Err(_)) => {
                let Some(Err(error)) = self.0.take() else { unreachable!("matched above") };
                Poll::Ready(Err(error))
            }
            None => Poll::Ready(Err(Error::AlreadyAnswered)),
        }
    }
}
