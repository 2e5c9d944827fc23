//! Chooses the platform backend of `src/sys/`, in this one place.
//!
//! Emits `cfg(netdb_backend = "...")` from the target (Cargo's `CARGO_CFG_TARGET_*`:
//! inside a build script `cfg!` describes the host), which `src/sys/mod.rs` selects the
//! backend module by, `cfg(netdb_h_errno)` where netdb-sys can read the C library's
//! `h_errno`, and `cfg(netdb_index)` where the services and protocols lookups may answer
//! from netdb's own index of the files (glibc and musl on Linux). All are declared to
//! rustc (check-cfg), so a misspelt one is a warning.
//!
//! | backend | targets |
//! |---|---|
//! | `reentrant` | glibc, FreeBSD |
//! | `musl` | musl |
//! | `android` | Android (bionic) |
//! | `apple` | macOS, iOS and Apple's other systems |
//! | `illumos` | illumos |
//! | `windows` | Windows |
//! | `locked` | NetBSD, and any other Unix |
//!
//! `RUSTFLAGS="--cfg netdb_force_locked"` selects `locked` on every Unix, so that CI can
//! run the whole test suite through the fallback on glibc; adding
//! `--cfg netdb_force_no_h_errno` builds it as on a Unix whose `h_errno` netdb-sys
//! cannot reach.

use std::env;

const BACKENDS: &[&str] =
    &["reentrant", "musl", "android", "apple", "illumos", "windows", "locked"];

fn var(name: &str) -> String {
    env::var(name).unwrap_or_default()
}

/// Whether the target has the `cfg` option `name` (from `RUSTFLAGS`, say).
fn has_cfg(name: &str) -> bool {
    env::var_os(format!("CARGO_CFG_{}", name.to_uppercase())).is_some()
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let values: Vec<String> = BACKENDS.iter().map(|b| format!("\"{b}\"")).collect();
    println!("cargo:rustc-check-cfg=cfg(netdb_backend, values({}))", values.join(", "));
    println!("cargo:rustc-check-cfg=cfg(netdb_h_errno)");
    println!("cargo:rustc-check-cfg=cfg(netdb_index)");
    println!("cargo:rustc-check-cfg=cfg(netdb_force_locked)");
    println!("cargo:rustc-check-cfg=cfg(netdb_force_no_h_errno)");
    // Set by cargo-fuzz (and the other fuzzing tools) for the fuzz targets' builds:
    // src/lib.rs compiles its internal `__fuzz` module only then.
    println!("cargo:rustc-check-cfg=cfg(fuzzing)");

    let os = var("CARGO_CFG_TARGET_OS");
    let env = var("CARGO_CFG_TARGET_ENV");
    let arch = var("CARGO_CFG_TARGET_ARCH");
    let unix = has_cfg("unix");
    let apple = matches!(os.as_str(), "macos" | "ios" | "tvos" | "watchos" | "visionos");

    let backend = if os == "windows" {
        Some("windows")
    } else if unix && has_cfg("netdb_force_locked") {
        Some("locked")
    } else {
        match (os.as_str(), env.as_str()) {
            ("linux", "gnu") | ("freebsd", _) => Some("reentrant"),
            ("linux", "musl") => Some("musl"),
            ("android", _) => Some("android"),
            _ if apple => Some("apple"),
            ("illumos", _) => Some("illumos"),
            // NetBSD's reentrant functions are private to its libc: its plain ones,
            // serialised, are what it offers.
            _ if unix => Some("locked"),
            // Not Unix nor Windows: src/sys/mod.rs says netdb has nothing for it.
            _ => None,
        }
    };
    if let Some(backend) = backend {
        println!("cargo:rustc-cfg=netdb_backend=\"{backend}\"");
    }

    // The C libraries whose services and protocols lookups netdb answers from its own
    // index of the files where that gives their answers (src/index/mod.rs): glibc and
    // musl, on Linux, whose kernel tells when the files change.
    if os == "linux" && matches!(backend, Some("reentrant" | "musl")) {
        println!("cargo:rustc-cfg=netdb_index");
    }

    // The C libraries whose `h_errno` netdb-sys's `h_errno()` reaches: those it ships
    // bindings for (netdb-sys/family.rs; it leaves NetBSD on sparc64 to its `bindgen`
    // feature). Elsewhere the fallback's host lookups cannot tell "not found" from
    // "try again", and say they are unsupported.
    let h_errno = match (os.as_str(), env.as_str()) {
        ("linux", "gnu" | "musl") | ("android" | "freebsd" | "illumos", _) => true,
        ("netbsd", _) => arch != "sparc64",
        _ => apple,
    };
    if h_errno && !has_cfg("netdb_force_no_h_errno") {
        println!("cargo:rustc-cfg=netdb_h_errno");
    }
}
