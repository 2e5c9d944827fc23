//! Puts the target's bindings in `OUT_DIR/bindings.rs`, where `src/lib.rs` includes them.
//!
//! By default the bindings come from the file shipped for the target under
//! `src/bindings/`, so building needs no libclang. With the `bindgen` feature they are
//! generated from the target's own headers instead (see `gen.rs`), and
//! `NETDB_SYS_REGENERATE=1` also writes them over the shipped file.

use std::env;
use std::path::{Path, PathBuf};

#[cfg(feature = "bindgen")]
#[path = "gen.rs"]
mod gen;

/// What the generator needs to know of the target being built for. Read from Cargo's
/// `CARGO_CFG_*` variables: inside a build script `cfg!` describes the host.
#[derive(Debug)]
pub struct Target {
    /// The Rust target triple, e.g. `x86_64-unknown-linux-gnu`.
    pub triple: String,
    /// `CARGO_CFG_TARGET_OS`.
    pub os: String,
    /// `CARGO_CFG_TARGET_ENV`.
    pub env: String,
}

fn var(name: &str) -> String {
    env::var(name).unwrap_or_default()
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=gen.rs");
    println!("cargo:rerun-if-changed=headers");
    println!("cargo:rerun-if-env-changed=NETDB_SYS_REGENERATE");
    println!("cargo:rerun-if-env-changed=NETDB_SYS_CHECK_FRESH");
    println!("cargo:rerun-if-env-changed=NETDB_SYS_SYSROOT_INCLUDE");

    let target = Target {
        triple: var("TARGET"),
        os: var("CARGO_CFG_TARGET_OS"),
        env: var("CARGO_CFG_TARGET_ENV"),
    };
    let manifest_dir = PathBuf::from(var("CARGO_MANIFEST_DIR"));
    let lender = bindings_target(&target.triple);
    let shipped = manifest_dir.join("src").join("bindings").join(format!("{lender}.rs"));
    let out = PathBuf::from(var("OUT_DIR")).join("bindings.rs");
    println!("cargo:rerun-if-changed={}", shipped.display());
    // The freshness test compares a generation for this target with the shipped file,
    // which says nothing when the file was generated for another target.
    println!(
        "cargo:rustc-env=NETDB_SYS_BINDINGS_BORROWED={}",
        if lender == target.triple { "" } else { lender }
    );

    if target.os == "windows" {
        // Winsock; and advapi32 for RegGetValueW, which reads where the services and
        // protocol files are.
        println!("cargo:rustc-link-lib=ws2_32");
        println!("cargo:rustc-link-lib=advapi32");
    }

    if let Err(message) = write_bindings(&target, &shipped, &out) {
        eprintln!("netdb-sys: {message}");
        std::process::exit(1);
    }
}

/// The target whose shipped bindings file serves `triple`.
///
/// The Windows MSVC targets use the file generated from mingw-w64's headers for the same
/// architecture. What netdb-sys binds is Winsock's and advapi32's (structs, constants,
/// `extern "system"` functions of ws2_32.dll and advapi32.dll), whose layout and calling
/// convention the Windows ABI fixes whatever the toolchain: mingw-w64's headers declare
/// them as the Windows SDK does, `long` is 32 bits under both, and i686 uses stdcall under
/// both. netdb-systest checks the gnu files against mingw-w64's C compiler; CI
/// type-checks the msvc targets with them.
fn bindings_target(triple: &str) -> &str {
    match triple {
        "x86_64-pc-windows-msvc" => "x86_64-pc-windows-gnu",
        "i686-pc-windows-msvc" => "i686-pc-windows-gnu",
        other => other,
    }
}

#[cfg(not(feature = "bindgen"))]
fn write_bindings(target: &Target, shipped: &Path, out: &Path) -> Result<(), String> {
    if !shipped.exists() {
        return Err(format!(
            "no bindings are shipped for target {}; enable the `bindgen` feature to \
             generate them from the target's headers (needs libclang)",
            target.triple
        ));
    }
    std::fs::copy(shipped, out).map_err(|e| format!("copying {}: {e}", shipped.display()))?;
    Ok(())
}

#[cfg(feature = "bindgen")]
fn write_bindings(target: &Target, shipped: &Path, out: &Path) -> Result<(), String> {
    let code = gen::generate(target)?;
    std::fs::write(out, &code).map_err(|e| format!("writing {}: {e}", out.display()))?;
    if env::var_os("NETDB_SYS_REGENERATE").is_some_and(|v| v == "1") {
        let lender = bindings_target(&target.triple);
        if lender != target.triple {
            return Err(format!(
                "{} uses the bindings shipped for {lender}; regenerate those with \
                 --target {lender}",
                target.triple
            ));
        }
        std::fs::write(shipped, &code)
            .map_err(|e| format!("writing {}: {e}", shipped.display()))?;
    }
    // For targets whose test binaries cannot run here, the build itself can check what
    // tests/bindings_fresh.rs checks.
    if env::var_os("NETDB_SYS_CHECK_FRESH").is_some_and(|v| v == "1") {
        let shipped_code = std::fs::read_to_string(shipped).unwrap_or_default();
        if shipped_code != code {
            return Err(format!(
                "{} is stale: bindgen now generates something else; regenerate it with \
                 NETDB_SYS_REGENERATE=1 cargo build -p netdb-sys --features bindgen --target {}",
                shipped.display(),
                target.triple
            ));
        }
    }
    // The freshness test compares the two files.
    println!("cargo:rustc-env=NETDB_SYS_SHIPPED_BINDINGS={}", shipped.display());
    Ok(())
}
