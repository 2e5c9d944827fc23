//! The bindings agree with the C compiler on every size, alignment, offset and constant
//! that `src/table.rs` lists.

use netdb_systest::{c_values, mismatches, rust_values, TARGET};

#[test]
fn bindings_match_the_c_compiler() {
    let rust = rust_values();
    let c = c_values();
    let failures = mismatches(&rust, &c);
    assert!(
        failures.is_empty(),
        "{} of {} checks failed for {TARGET}:\n{}",
        failures.len(),
        rust.len().max(c.len()),
        failures.join("\n")
    );
    println!("{} checks passed for {TARGET}", rust.len());
}

#[test]
fn something_is_checked() {
    assert!(!rust_values().is_empty(), "src/table.rs has no platform block for {TARGET}: add one");
}
