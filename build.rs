//! Tells the integration tests a fact that only cargo knows: the target triple they are
//! built for. The tests re-execute their own binary (in a private `/etc`) and run the
//! examples; for a cross target they must do so through the target's runner
//! (`CARGO_TARGET_<TRIPLE>_RUNNER`, such as `qemu-s390x`), whose name they derive from the
//! triple, and they build the examples for the same `--target` as themselves. They must
//! not guess the triple from the target folder's name.

fn main() {
    let target = std::env::var("TARGET").expect("cargo sets TARGET for build scripts");
    println!("cargo:rustc-env=NETDB_TEST_TARGET={target}");
    println!("cargo:rerun-if-changed=build.rs");
}
