//! Tells the integration tests facts that only cargo knows: the target triple and the
//! profile the tests are built for. The tests re-execute their own binary (in a private
//! `/etc`) and run the examples; for a cross target they must do so through the target's
//! runner (`CARGO_TARGET_<TRIPLE>_RUNNER`, such as `qemu-s390x`), whose name they derive
//! from the triple, which they must not guess from the target folder's name.

fn main() {
    for var in ["TARGET", "PROFILE"] {
        let value =
            std::env::var(var).unwrap_or_else(|_| panic!("cargo sets {var} for build scripts"));
        println!("cargo:rustc-env=NETDB_TEST_{var}={value}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
