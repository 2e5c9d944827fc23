//! The platform layer: the only place that calls C and the only `unsafe` in the crate.
//!
//! Each platform exports the same `pub(crate)` functions and constants, so the database
//! modules above it need no `cfg`:
//!
//! | module | platforms | services, protocols, hosts, networks |
//! |---|---|---|
//! | `reentrant` | glibc | the `_r` functions, in parallel |

mod c_strings;
mod convert;

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub(crate) use unix::*;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod reentrant;
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(crate) use reentrant::*;

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
compile_error!("netdb does not support this target yet");
