// Which shipped bindings file serves a target: one file per C library family.
//
// Included by `build.rs` (which picks the file, or names the target in its error), by
// `gen.rs` through it (which regenerates each file from its representatives' headers),
// and by netdb-systest's build script (which reads the same file its coverage test
// checks), so that the three can never disagree about it.
//
// The bindings are written in C's types (`c_int`, `c_long`, pointers, `usize` for
// `size_t`), so one file follows the layout of every architecture of its C library by
// itself. Where a header says something else on some architectures (glibc's `sigevent`
// padding, Winsock's `servent` and `WSADATA` field orders, `extern "stdcall"` on 32-bit
// Windows), the file holds each variant under the `#[cfg]` of its representative below:
// `gen.rs` generates the file once per representative and merges the results.

/// A C library whose bindings one file in `src/bindings/` holds.
#[derive(Debug)]
pub struct Family {
    /// The file's stem: `src/bindings/<file>.rs`.
    pub file: &'static str,
    /// Whose headers the file comes from, for its header comment and the docs.
    pub headers: &'static str,
    /// The targets bindgen runs for to make the file, each with the `cfg` predicate
    /// that selects its variant of the items that differ (empty when there is one).
    /// Every target of the family must satisfy exactly one predicate.
    pub representatives: &'static [(&'static str, &'static str)],
    /// The `reconstructed` header folder (`headers/<name>/`) for a platform whose own
    /// headers CI cannot have, if it is one.
    pub reconstructed: Option<&'static str>,
}

pub const GLIBC: Family = Family {
    file: "linux-gnu",
    headers: "glibc's <netdb.h>",
    representatives: &[
        ("target_pointer_width = \"64\"", "x86_64-unknown-linux-gnu"),
        ("target_pointer_width = \"32\"", "i686-unknown-linux-gnu"),
    ],
    reconstructed: None,
};

pub const MUSL: Family = Family {
    file: "linux-musl",
    headers: "musl's <netdb.h>",
    representatives: &[("", "x86_64-unknown-linux-musl")],
    reconstructed: None,
};

pub const ANDROID: Family = Family {
    file: "android",
    headers: "bionic's <netdb.h>, as netdb-sys reconstructed it (headers/android/netdb.h)",
    representatives: &[("", "aarch64-linux-android")],
    reconstructed: Some("android"),
};

pub const APPLE: Family = Family {
    file: "apple",
    headers: "libinfo's <netdb.h>, as netdb-sys reconstructed it (headers/apple/netdb.h)",
    representatives: &[("", "aarch64-apple-darwin")],
    reconstructed: Some("apple"),
};

pub const FREEBSD: Family = Family {
    file: "freebsd",
    headers: "FreeBSD's <netdb.h>, as netdb-sys reconstructed it (headers/freebsd/netdb.h)",
    representatives: &[("", "x86_64-unknown-freebsd")],
    reconstructed: Some("freebsd"),
};

pub const NETBSD: Family = Family {
    file: "netbsd",
    headers: "NetBSD's <netdb.h>, as netdb-sys reconstructed it (headers/netbsd/netdb.h)",
    representatives: &[("", "x86_64-unknown-netbsd")],
    reconstructed: Some("netbsd"),
};

pub const ILLUMOS: Family = Family {
    file: "illumos",
    headers: "illumos' <netdb.h>, as netdb-sys reconstructed it (headers/illumos/netdb.h)",
    representatives: &[("", "x86_64-unknown-illumos")],
    reconstructed: Some("illumos"),
};

pub const WINDOWS: Family = Family {
    file: "windows",
    headers: "mingw-w64's <winsock2.h> and <ws2tcpip.h>",
    representatives: &[
        ("target_pointer_width = \"64\"", "x86_64-pc-windows-gnu"),
        ("target_pointer_width = \"32\"", "i686-pc-windows-gnu"),
    ],
    reconstructed: None,
};

/// Every family, in the order of the docs.
pub const FAMILIES: &[&Family] =
    &[&GLIBC, &MUSL, &ANDROID, &APPLE, &FREEBSD, &NETBSD, &ILLUMOS, &WINDOWS];

/// The family whose file serves a target, from its `target_os`, `target_env` and
/// `target_arch` (Cargo's `CARGO_CFG_TARGET_*`), or `None`.
///
/// NetBSD on sparc64 is left out: its `<netdb.h>` pads `struct addrinfo` and `struct
/// netent` there for compatibility with an older ABI, which the reconstruction does not
/// reproduce; the `bindgen` feature serves it from its own headers.
///
/// Windows: the MSVC targets use the file generated from mingw-w64's headers. What
/// netdb-sys binds is Winsock's and advapi32's (structs, constants, `extern "system"`
/// functions of ws2_32.dll and advapi32.dll), whose layout and calling convention the
/// Windows ABI fixes whatever the toolchain: mingw-w64's headers declare them as the
/// Windows SDK does, `long` is 32 bits under both, and i686 uses stdcall under both.
/// aarch64 Windows has the layouts of x86_64 (both are LLP64, `_WIN64`).
pub fn family_of(os: &str, env: &str, arch: &str) -> Option<&'static Family> {
    match (os, env) {
        ("linux", "gnu") => Some(&GLIBC),
        ("linux", "musl") => Some(&MUSL),
        ("android", _) => Some(&ANDROID),
        ("macos" | "ios" | "tvos" | "watchos" | "visionos", _) => Some(&APPLE),
        ("freebsd", _) => Some(&FREEBSD),
        ("netbsd", _) if arch != "sparc64" => Some(&NETBSD),
        ("illumos", _) => Some(&ILLUMOS),
        ("windows", "gnu" | "msvc" | "gnullvm") => Some(&WINDOWS),
        _ => None,
    }
}
