//! Puts the target's bindings in `OUT_DIR/bindings.rs`, where `src/lib.rs` includes them.
//!
//! By default the bindings come from the file shipped for the target's C library family
//! under `src/bindings/` (`family.rs` says which), so building needs no libclang. With
//! the `bindgen` feature they are generated from the target's own headers instead (see
//! `gen.rs`), `NETDB_SYS_REGENERATE=1` also rewrites the family's shipped file, and
//! `NETDB_SYS_CHECK_FRESH=1` fails the build if that file is stale for the target.

use std::env;
use std::path::{Path, PathBuf};

#[allow(dead_code)] // each build uses a part
#[path = "family.rs"]
mod family;

#[cfg(feature = "bindgen")]
#[path = "gen.rs"]
mod gen;

/// What the generator needs to know of the target being built for. Read from Cargo's
/// `CARGO_CFG_*` variables: inside a build script `cfg!` describes the host.
#[derive(Debug, Clone)]
pub struct Target {
    /// The Rust target triple, e.g. `x86_64-unknown-linux-gnu`.
    pub triple: String,
    /// `CARGO_CFG_TARGET_OS`.
    pub os: String,
    /// `CARGO_CFG_TARGET_ENV`.
    pub env: String,
    /// `CARGO_CFG_TARGET_ARCH`.
    pub arch: String,
    /// `CARGO_CFG_TARGET_POINTER_WIDTH`.
    pub pointer_width: String,
    /// The C library family whose shipped file serves the target, if any.
    pub family: Option<&'static family::Family>,
}

fn var(name: &str) -> String {
    env::var(name).unwrap_or_default()
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=family.rs");
    println!("cargo:rerun-if-changed=gen.rs");
    println!("cargo:rerun-if-changed=headers");
    println!("cargo:rerun-if-env-changed=NETDB_SYS_REGENERATE");
    println!("cargo:rerun-if-env-changed=NETDB_SYS_CHECK_FRESH");
    println!("cargo:rerun-if-env-changed=NETDB_SYS_SYSROOT_INCLUDE");
    println!("cargo:rustc-check-cfg=cfg(netdb_sys_shipped)");
    println!("cargo:rustc-check-cfg=cfg(netdb_sys_other_headers)");
    let files: Vec<String> =
        family::FAMILIES.iter().map(|family| format!("\"{}\"", family.file)).collect();
    println!("cargo:rustc-check-cfg=cfg(netdb_sys_family, values({}))", files.join(", "));

    let os = var("CARGO_CFG_TARGET_OS");
    let env = var("CARGO_CFG_TARGET_ENV");
    let arch = var("CARGO_CFG_TARGET_ARCH");
    let target = Target {
        triple: var("TARGET"),
        family: family::family_of(&os, &env, &arch),
        os,
        env,
        arch,
        pointer_width: var("CARGO_CFG_TARGET_POINTER_WIDTH"),
    };
    let manifest_dir = PathBuf::from(var("CARGO_MANIFEST_DIR"));
    let shipped = target.family.map(|family| {
        manifest_dir.join("src").join("bindings").join(format!("{}.rs", family.file))
    });
    let out_dir = PathBuf::from(var("OUT_DIR"));
    if let Some(shipped) = &shipped {
        println!("cargo:rerun-if-changed={}", shipped.display());
    }
    // What src/lib.rs chooses the h_errno accessor and the checks against `libc` by, with
    // or without the `bindgen` feature: the family's bindings either way.
    if let Some(family) = target.family {
        println!("cargo:rustc-cfg=netdb_sys_shipped");
        println!("cargo:rustc-cfg=netdb_sys_family=\"{}\"", family.file);
    }

    if target.os == "windows" {
        // Winsock; and advapi32 for RegGetValueW, which reads where the services and
        // protocol files are.
        println!("cargo:rustc-link-lib=ws2_32");
        println!("cargo:rustc-link-lib=advapi32");
    }
    if target.os == "illumos" {
        // illumos keeps the network database in libsocket (services, protocols,
        // networks, getaddrinfo) and libnsl (hosts), not in libc.
        println!("cargo:rustc-link-lib=socket");
        println!("cargo:rustc-link-lib=nsl");
    }

    if let Err(message) = write_bindings(&target, shipped.as_deref(), &out_dir) {
        eprintln!("netdb-sys: {message}");
        std::process::exit(1);
    }
}

#[cfg(not(feature = "bindgen"))]
fn write_bindings(target: &Target, shipped: Option<&Path>, out_dir: &Path) -> Result<(), String> {
    let Some(shipped) = shipped else {
        return Err(format!(
            "no bindings are shipped for target {triple} (target_os {os:?}, target_env \
             {env:?}): netdb-sys ships them for glibc, musl, Android, Apple, FreeBSD, NetBSD, \
             illumos and Windows. Enable the `bindgen` feature (of netdb, or of netdb-sys) to \
             generate them from the target's own headers at build time; that needs libclang \
             and the target's C headers.",
            triple = target.triple,
            os = target.os,
            env = target.env,
        ));
    };
    let out = out_dir.join("bindings.rs");
    std::fs::copy(shipped, &out).map_err(|e| format!("copying {}: {e}", shipped.display()))?;
    Ok(())
}

#[cfg(feature = "bindgen")]
fn write_bindings(target: &Target, shipped: Option<&Path>, out_dir: &Path) -> Result<(), String> {
    let code = gen::generate(target)?;
    let out = out_dir.join("bindings.rs");
    std::fs::write(
        &out,
        format!("// Generated by bindgen for {} at build time.\n{code}", target.triple),
    )
    .map_err(|e| format!("writing {}: {e}", out.display()))?;

    let (Some(family), Some(shipped)) = (target.family, shipped) else {
        // Nothing shipped to compare with or rewrite: tests/bindings_fresh.rs says so.
        std::fs::write(out_dir.join("fresh_view.txt"), "").map_err(|e| e.to_string())?;
        std::fs::write(out_dir.join("shipped_view.txt"), "").map_err(|e| e.to_string())?;
        return Ok(());
    };
    if env::var_os("NETDB_SYS_REGENERATE").is_some_and(|v| v == "1") {
        let file = gen::generate_family(family, target)?;
        std::fs::write(shipped, file).map_err(|e| format!("writing {}: {e}", shipped.display()))?;
    }

    // What the freshness test compares: the shipped file as this target sees it, and
    // the generation for this target, each unit by unit, sorted by name.
    let shipped_code = std::fs::read_to_string(shipped)
        .map_err(|e| format!("reading {}: {e}", shipped.display()))?;
    let shipped_view = gen::view(&shipped_code, target)?;
    let fresh_view = gen::view(&code, target)?;
    let write_view = |name: &str, view: &[(String, String)]| {
        let text: String = view.iter().map(|(_, text)| text.as_str()).collect();
        std::fs::write(out_dir.join(name), text).map_err(|e| format!("writing {name}: {e}"))
    };
    write_view("shipped_view.txt", &shipped_view)?;
    write_view("fresh_view.txt", &fresh_view)?;
    if target.family.is_some_and(|f| f.file == "windows") && target.env == "msvc" {
        // The Windows file comes from mingw-w64's headers; an MSVC target reads the
        // Windows SDK's, which word the same declarations differently.
        println!("cargo:rustc-cfg=netdb_sys_other_headers");
    }

    // For targets whose test binaries cannot run here, the build itself can check what
    // tests/bindings_fresh.rs checks.
    if env::var_os("NETDB_SYS_CHECK_FRESH").is_some_and(|v| v == "1") && shipped_view != fresh_view
    {
        let (old, new) = shipped_view
            .iter()
            .map(Some)
            .chain(std::iter::repeat(None))
            .zip(fresh_view.iter().map(Some).chain(std::iter::repeat(None)))
            .find(|(old, new)| old != new)
            .expect("the views differ, so some unit differs");
        return Err(format!(
            "{} is stale for {}: it has\n{}\nwhere bindgen now generates\n{}\nRegenerate it with \
             NETDB_SYS_REGENERATE=1 cargo build -p netdb-sys --features bindgen --target {}",
            shipped.display(),
            target.triple,
            old.map_or("(nothing)", |(_, text)| text.as_str()),
            new.map_or("(nothing)", |(_, text)| text.as_str()),
            family.representatives[0].1,
        ));
    }
    Ok(())
}
