//! Checks that the `netdb-sys` bindings match the C compiler's view of the real headers.
//!
//! bindgen's own layout tests only compare the bindings with what clang saw when they
//! were generated. The shipped files in `netdb-sys/src/bindings/` are generated once and
//! then built everywhere, so nothing else would notice if the target's C library (or the
//! C compiler) disagreed with them, or if someone edited a shipped file by hand. This crate
//! compiles a C file with the target's own C compiler (`build.rs`, through the `cc`
//! crate) against the same headers (`<netdb.h>` with `_GNU_SOURCE` on glibc) and compares:
//!
//! - the size and alignment of every struct and typedef in the bindings, and the offset
//!   and size of each of their fields (a field whose type changed width moves or resizes);
//! - the value of every constant (`AI_*`, `NI_*`, `EAI_*`, the h_errno codes, `GAI_*`, the
//!   C library's version macros).
//!
//! What is checked is written once, in `src/table.rs`: `build.rs` turns it into the C
//! side, the macro below into the Rust side, and both label each value the same way. The
//! test `tests/layout.rs` compares the two, and `tests/coverage.rs` fails when the shipped
//! bindings for the target declare a struct, union, type alias, field or constant that the
//! table does not check.
//!
//! Like rust-lang/libc's `ctest`, it checks only the target it is built for: run it on
//! every target CI can build and run. Each C library gets a `platform(...)` block in the
//! table, selected by `cfg`, so other targets still compile.

use core::ffi::{c_char, c_longlong, CStr};

/// One checked number, labelled like `size of servent.s_port` or `value of AI_PASSIVE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// What was measured; the same label on the Rust and the C side.
    pub what: String,
    /// The number.
    pub value: i64,
}

/// A type that the table checks for the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedType {
    /// `struct`, `union` or `typedef`, as written in the table.
    pub kind: &'static str,
    /// The Rust (and C) name.
    pub name: &'static str,
    /// The fields whose offset and size are checked.
    pub fields: &'static [&'static str],
}

// Unused on a target that no platform block of the table covers.
#[allow(dead_code)]
fn size(what: &str, n: usize) -> Value {
    Value { what: what.to_owned(), value: i64::try_from(n).expect("a size fits in i64") }
}

/// The size of a field's type, found without naming it: the function is never called,
/// it only carries the field's type. Raw pointers, because naming a union's field
/// through a reference would need `unsafe`.
#[allow(dead_code)]
fn field_size<T, F>(_: fn(*const T) -> *const F) -> usize {
    core::mem::size_of::<F>()
}

/// Turns the table into the Rust side of the checks.
macro_rules! netdb_systest_table {
    ($(
        platform($($key:ident = $value:literal),+ $(,)?) {
            defines: [$($define:literal),* $(,)?],
            headers: [$($header:literal),* $(,)?],
            types: { $($kind:ident $ty:ident { $($field:ident),* $(,)? }),* $(,)? },
            consts: [$($konst:ident),* $(,)?] $(,)?
        }
    )*) => {
        /// Rust's view of every value in the table for the target, in table order: for
        /// each type its size, its alignment, then each field's offset and size; then
        /// each constant's value.
        #[allow(unused_mut, clippy::unnecessary_cast)]
        pub fn rust_values() -> Vec<Value> {
            let mut values = Vec::new();
            $(
                #[cfg(all($($key = $value),+))]
                {
                    $(
                        values.push(size(
                            concat!("size of ", stringify!($ty)),
                            core::mem::size_of::<netdb_sys::$ty>(),
                        ));
                        values.push(size(
                            concat!("alignment of ", stringify!($ty)),
                            core::mem::align_of::<netdb_sys::$ty>(),
                        ));
                        $(
                            values.push(size(
                                concat!("offset of ", stringify!($ty), ".", stringify!($field)),
                                core::mem::offset_of!(netdb_sys::$ty, $field),
                            ));
                            values.push(size(
                                concat!("size of ", stringify!($ty), ".", stringify!($field)),
                                field_size(|v: *const netdb_sys::$ty| {
                                    // SAFETY: never called: `field_size` only reads the
                                    // closure's type. (Were it called, `addr_of!` would
                                    // compute an address without reading through `v`.)
                                    unsafe { core::ptr::addr_of!((*v).$field) }
                                }),
                            ));
                        )*
                    )*
                    $(
                        // The C side casts to `long long` the same way.
                        values.push(Value {
                            what: concat!("value of ", stringify!($konst)).to_owned(),
                            value: netdb_sys::$konst as i64,
                        });
                    )*
                }
            )*
            values
        }

        /// The types the table checks for the target.
        #[allow(unused_mut)]
        pub fn checked_types() -> Vec<CheckedType> {
            let mut types = Vec::new();
            $(
                #[cfg(all($($key = $value),+))]
                types.extend([$(CheckedType {
                    kind: stringify!($kind),
                    name: stringify!($ty),
                    fields: &[$(stringify!($field)),*],
                }),*]);
            )*
            types
        }

        /// The constants the table checks for the target.
        #[allow(unused_mut)]
        pub fn checked_consts() -> Vec<&'static str> {
            let mut consts = Vec::new();
            $(
                #[cfg(all($($key = $value),+))]
                consts.extend([$(stringify!($konst)),*]);
            )*
            consts
        }
    };
}

include!("table.rs");

/// One entry of the C side's table, as `build.rs` writes it.
#[repr(C)]
struct RawCheck {
    what: *const c_char,
    value: c_longlong,
}

#[cfg(not(netdb_systest_no_c_side))]
extern "C" {
    /// Defined in the C file that `build.rs` generates: returns the table of checks and
    /// stores its length in `*len`.
    fn netdb_systest_checks(len: *mut usize) -> *const RawCheck;
}

/// Stands in for the C side on a target the table has no block for, where `build.rs`
/// compiles no C: an empty table.
#[cfg(netdb_systest_no_c_side)]
unsafe fn netdb_systest_checks(len: *mut usize) -> *const RawCheck {
    // SAFETY: the caller passes a pointer valid for writes, as to the C function.
    unsafe { *len = 0 };
    core::ptr::NonNull::dangling().as_ptr()
}

/// The C compiler's view of every value in the table for the target, in the same order
/// and with the same labels as [`rust_values`].
pub fn c_values() -> Vec<Value> {
    let mut len = 0;
    // SAFETY: the C function only writes through `len`, which is valid for writes.
    let checks = unsafe { netdb_systest_checks(&mut len) };
    // SAFETY: the C function returns a pointer to a static, initialised array of at
    // least `len` entries (one more: a terminator), never null.
    let checks = unsafe { core::slice::from_raw_parts(checks, len) };
    checks
        .iter()
        .map(|check| Value {
            // SAFETY: every entry before the terminator has a NUL-terminated string
            // literal of the C file as its label.
            what: unsafe { CStr::from_ptr(check.what) }.to_string_lossy().into_owned(),
            value: check.value,
        })
        .collect()
}

/// Compares the Rust side with the C side and describes each disagreement, naming the
/// struct, field or constant and both values.
pub fn mismatches(rust: &[Value], c: &[Value]) -> Vec<String> {
    let mut failures = Vec::new();
    if rust.len() != c.len() {
        failures.push(format!(
            "the Rust side has {} checks and the C side {}: build.rs and src/lib.rs read \
             src/table.rs differently",
            rust.len(),
            c.len()
        ));
    }
    for (r, c) in rust.iter().zip(c) {
        if r.what != c.what {
            failures.push(format!(
                "the Rust side checks `{}` where the C side checks `{}`: build.rs and \
                 src/lib.rs read src/table.rs differently",
                r.what, c.what
            ));
        } else if r.value != c.value {
            failures.push(format!(
                "{}: netdb-sys (Rust) says {}, the C compiler says {}",
                r.what, r.value, c.value
            ));
        }
    }
    failures
}

/// The name of the bindings file shipped for the target's C library family (empty for
/// a target no shipped file serves).
pub const BINDINGS_FILE: &str = env!("NETDB_SYSTEST_BINDINGS_FILE");

/// The bindings file shipped for the target's family, which the coverage test reads.
pub const SHIPPED_BINDINGS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../netdb-sys/src/bindings/",
    env!("NETDB_SYSTEST_BINDINGS_FILE"),
    ".rs"
);

/// The target the checks were built for.
pub const TARGET: &str = env!("NETDB_SYSTEST_TARGET");
