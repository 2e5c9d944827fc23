//! With the `bindgen` feature, the build script generates the bindings from this
//! machine's headers for the target. The file shipped for the target's family, read as
//! the target sees it (its `#[cfg]`s resolved), must declare exactly the same items, or
//! a plain `cargo build` (which uses the shipped file) would bind something other than
//! the header says.
//!
//! The build script writes both sides, item by item and sorted by name, to `OUT_DIR`
//! (`gen.rs`, `view`). Run for a target that is not one of its family's representatives
//! (aarch64 glibc, say), this checks that the family's file is right for that
//! architecture too.
#![cfg(feature = "bindgen")]

#[test]
#[cfg_attr(
    not(netdb_sys_shipped),
    ignore = "no bindings are shipped for this target: there is nothing to compare"
)]
#[cfg_attr(
    netdb_sys_other_headers,
    ignore = "the shipped Windows bindings come from mingw-w64's headers, not from the \
              Windows SDK's that this MSVC target's generation reads"
)]
fn shipped_bindings_equal_a_fresh_generation() {
    let fresh = include_str!(concat!(env!("OUT_DIR"), "/fresh_view.txt"));
    let shipped = include_str!(concat!(env!("OUT_DIR"), "/shipped_view.txt"));
    assert!(!fresh.is_empty(), "bindgen generated nothing");
    if fresh == shipped {
        return;
    }
    let (line, (old, new)) = shipped
        .lines()
        .chain(std::iter::repeat("<end of file>"))
        .zip(fresh.lines().chain(std::iter::repeat("<end of file>")))
        .enumerate()
        .find(|(_, (old, new))| old != new)
        .expect("the views differ, so some line differs");
    panic!(
        "the shipped bindings are stale for this target: line {} of their items, sorted by \
         name, is\n  {old}\nbut bindgen now generates\n  {new}\nRegenerate them with \
         NETDB_SYS_REGENERATE=1 cargo build -p netdb-sys --features bindgen \
         (OUT_DIR/shipped_view.txt and fresh_view.txt hold both sides)",
        line + 1
    );
}
