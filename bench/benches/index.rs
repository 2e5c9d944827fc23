//! What a services lookup costs now that it answers from netdb's index of the file
//! (issue 21): `Service::from_name` against `ServiceTable::by_name` (a snapshot in
//! memory, which never checks the file) and against the C library's own
//! `getservbyname_r`, for `https/tcp` in this machine's `/etc/services` and for the last
//! entry of a generated file of 14,000 lines (macOS's size), and the memory the index
//! holds against the size of the file.
//!
//! ```text
//! cargo bench -p netdb-bench --bench index
//! ```
//!
//! The generated file is bound over `/etc/services` in a private mount namespace
//! (`unshare -m` as root, `unshare -Urm` otherwise), in which this benchmark runs itself
//! again; where no namespace can be made, its rows say so.

#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
use std::ffi::CString;
use std::hint::black_box;
use std::process::Command;

use netdb::{IndexStatus, LookupSource, Service, ServiceTable};
use netdb_bench::{paired, rate, row, smoke_test_only, ROUND, ROUNDS};

/// Set, to the name to look up, in the run inside the private mount namespace.
const LARGE: &str = "NETDB_BENCH_LARGE_FILE";

/// Lookups per reading of the clock.
const BATCH: usize = 100;

/// The name of the last entry of the generated file.
const LAST: &str = "last-service";

/// A services file of 14,000 lines and about 650 KB, laid out as macOS's is (a comment
/// line now and then, each entry with a comment), whose last line is [`LAST`].
fn large_file() -> Vec<u8> {
    let mut file = String::new();
    let mut lines = 0;
    let mut port = 1u32;
    while lines < 13_999 {
        if lines % 10 == 0 {
            file.push_str("#                          Jon Postel <postel@isi.edu>\n");
        } else {
            let protocol = if lines % 2 == 0 { "tcp" } else { "udp" };
            file.push_str(&format!(
                "service-{lines}\t{port}/{protocol}\t# Description of service {lines}\n"
            ));
            if protocol == "udp" {
                port += 1;
            }
        }
        lines += 1;
    }
    file.push_str(&format!("{LAST}\t{port}/tcp     # the last entry\n"));
    file.into_bytes()
}

/// `getservbyname_r` itself, with a stack buffer of 1 KiB, as `Service::from_name`
/// called it before the index (whether it found the entry).
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn raw(name: &CString, protocol: &CString) -> bool {
    use std::mem::MaybeUninit;
    let mut entry = MaybeUninit::<netdb::ffi::servent>::uninit();
    let mut buffer = [0 as std::ffi::c_char; 1024];
    let mut result = std::ptr::null_mut();
    // SAFETY: the strings are NUL-terminated; entry, buffer and result are valid for
    // writes of the sizes passed.
    let rc = unsafe {
        netdb::ffi::getservbyname_r(
            name.as_ptr(),
            protocol.as_ptr(),
            entry.as_mut_ptr(),
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut result,
        )
    };
    rc == 0 && !result.is_null()
}

/// The rows for `name`/tcp in the current `/etc/services`, described as `file`.
fn measure(name: &str, file: &str) {
    let status = IndexStatus::current();
    let LookupSource::Index { entries, heap_bytes, file_bytes, freshness, .. } = status.services
    else {
        let LookupSource::CLibrary { reason, .. } = status.services else { unreachable!() };
        println!("| Service::from_name, {file} | - | not from the index: {reason} |");
        return;
    };
    let found = Service::from_name(name, Some("tcp")).unwrap();
    assert!(found.is_some(), "{name}/tcp is in {file}");
    let table = ServiceTable::load().unwrap();
    assert_eq!(table.by_name(name, Some("tcp")).cloned(), found);

    // In batches, so that reading the clock does not weigh on a 20 ns lookup.
    let indexed = paired(
        || {
            rate(BATCH, || {
                for _ in 0..BATCH {
                    black_box(table.by_name(black_box(name), Some("tcp")));
                }
            })
        },
        || {
            rate(BATCH, || {
                for _ in 0..BATCH {
                    drop(black_box(Service::from_name(black_box(name), Some("tcp"))));
                }
            })
        },
    );
    row(&format!("ServiceTable::by_name, {file}"), indexed.a, "no check of the file");
    row(
        &format!("Service::from_name, {file}"),
        indexed.b,
        &format!(
            "{:.1}x the time of ServiceTable::by_name ({:.0} ns per lookup, {freshness:?})",
            1.0 / indexed.ratio,
            1e9 / indexed.b
        ),
    );
    #[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
    {
        let (c_name, tcp) = (CString::new(name).unwrap(), CString::new("tcp").unwrap());
        assert!(raw(&c_name, &tcp));
        let c = paired(
            || {
                rate(1, || {
                    black_box(raw(&c_name, &tcp));
                })
            },
            || {
                rate(BATCH, || {
                    for _ in 0..BATCH {
                        drop(black_box(Service::from_name(black_box(name), Some("tcp"))));
                    }
                })
            },
        );
        row(
            &format!("getservbyname_r (raw), {file}"),
            c.a,
            &format!(
                "{:.1} µs per lookup; Service::from_name is {:.0}x as fast",
                1e6 / c.a,
                c.ratio
            ),
        );
    }
    row(
        &format!("index memory, {file}"),
        heap_bytes as f64,
        &format!(
            "bytes on the heap for {entries} entries, {:.1}x the file's {file_bytes} bytes",
            heap_bytes as f64 / file_bytes as f64
        ),
    );
}

/// Runs this benchmark again with the large file bound over `/etc/services`, and prints
/// its rows.
fn measure_large_file() {
    let dir = std::env::temp_dir().join(format!("netdb-bench-index-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let services = dir.join("services");
    std::fs::write(&services, large_file()).unwrap();
    let nsswitch = dir.join("nsswitch.conf");
    std::fs::write(&nsswitch, "services: files\nprotocols: files\n").unwrap();
    let me = std::env::current_exe().unwrap();
    let script = "mount --bind \"$1\" /etc/services && mount --bind \"$2\" /etc/nsswitch.conf \
                  && exec \"$3\" --bench";
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout == b"0\n");
    let mut unshare = Command::new("unshare");
    if !root {
        unshare.args(["--user", "--map-root-user"]);
    }
    let output = unshare
        .args(["--mount", "sh", "-c", script, "sh"])
        .arg(&services)
        .arg(&nsswitch)
        .arg(&me)
        .env(LARGE, LAST)
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    match output {
        Ok(output) if output.status.success() => {
            print!("{}", String::from_utf8_lossy(&output.stdout));
        }
        Ok(output) => println!(
            "| Service::from_name, 14,000 lines | - | needs a private mount namespace: {} |",
            String::from_utf8_lossy(&output.stderr).trim()
        ),
        Err(e) => println!("| Service::from_name, 14,000 lines | - | unshare cannot run: {e} |"),
    }
}

fn main() {
    if smoke_test_only() {
        black_box(Service::from_name("https", Some("tcp")).unwrap());
        assert!(large_file().ends_with(b"# the last entry\n"));
        return;
    }
    if let Ok(name) = std::env::var(LARGE) {
        measure(&name, "last of 14,000 lines");
        return;
    }
    println!("netdb index benchmark: lookups per second, median of {ROUNDS} rounds of {ROUND:?}\n");
    println!("| lookup | per second | compared |");
    println!("|---|---:|---|");
    measure("https", "https/tcp, this machine's file");
    measure_large_file();
}
