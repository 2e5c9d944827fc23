//! The platform layer: the only place that calls C and the only `unsafe` in the crate.
//!
//! Each platform module exports the same `pub(crate)` functions, so the database
//! modules above it need no `cfg`.

mod c_strings;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod unix;
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(crate) use unix::*;

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
compile_error!("netdb does not support this target yet");
