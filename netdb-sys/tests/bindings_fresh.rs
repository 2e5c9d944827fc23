//! With the `bindgen` feature, the build script generates the bindings from this
//! machine's headers. They must equal the file shipped for the target, or a plain
//! `cargo build` (which uses the shipped file) would bind something other than the
//! header says.
#![cfg(feature = "bindgen")]

#[test]
fn shipped_bindings_equal_a_fresh_generation() {
    let lender = env!("NETDB_SYS_BINDINGS_BORROWED");
    if !lender.is_empty() {
        // The Windows MSVC targets use the file generated for windows-gnu from mingw-w64's
        // headers (see `bindings_target` in build.rs); the SDK's headers word it differently.
        eprintln!("skipping: this target uses the bindings shipped for {lender}");
        return;
    }
    let fresh = include_str!(concat!(env!("OUT_DIR"), "/bindings.rs"));
    let shipped_path = env!("NETDB_SYS_SHIPPED_BINDINGS");
    let shipped = std::fs::read_to_string(shipped_path)
        .unwrap_or_else(|e| panic!("reading the shipped bindings {shipped_path}: {e}"));
    if fresh == shipped {
        return;
    }
    let (line, (old, new)) = shipped
        .lines()
        .chain(std::iter::repeat("<end of file>"))
        .zip(fresh.lines().chain(std::iter::repeat("<end of file>")))
        .enumerate()
        .find(|(_, (old, new))| old != new)
        .expect("the files differ, so some line differs");
    panic!(
        "{shipped_path} is stale: line {} is\n  {old}\nbut bindgen now generates\n  {new}\n\
         Regenerate it with NETDB_SYS_REGENERATE=1 cargo build -p netdb-sys --features bindgen",
        line + 1
    );
}
