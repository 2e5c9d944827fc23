//! How fast the lookups are, measured in one run: the raw reentrant C call with a stack
//! buffer, the safe wrapper over it, the indexed snapshot, Python's `socket` for
//! comparison, and throughput from one thread and from as many threads as there are
//! cores, with and without a lock around every lookup (what the fallback backend for
//! C libraries without `_r` functions holds).
//!
//! ```text
//! cargo bench -p netdb-bench --bench lookup
//! ```
//!
//! Each figure is the median of several rounds; the raw and safe calls alternate round
//! by round, so drift in the machine's speed touches both alike. The ratios are what to
//! read; absolute rates depend on the machine.
//!
//! The raw calls are the one place outside the platform layer where this repository
//! calls C directly: they are the baseline the wrapper is measured against.

use std::hint::black_box;
use std::process::Command;
use std::sync::{Barrier, Mutex};
use std::thread;

use netdb::{Service, ServiceTable};
use netdb_bench::{paired, rate, row, smoke_test_only, ROUND, ROUNDS};

/// Service names every service lookup cycles through: found on any Linux, all `tcp`.
const SERVICE_NAMES: [&str; 6] = ["http", "ssh", "smtp", "https", "imaps", "pop3s"];

/// Lookups per second of `lookup` run in `threads` threads at once, optionally each
/// lookup behind one shared lock.
fn threaded(threads: usize, serialise: bool, lookup: fn(usize)) -> f64 {
    let lock = Mutex::new(());
    let barrier = Barrier::new(threads);
    let rates: Vec<f64> = thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let (lock, barrier) = (&lock, &barrier);
                scope.spawn(move || {
                    barrier.wait();
                    let mut i = t;
                    rate(1, || {
                        let _guard = serialise.then(|| lock.lock().unwrap());
                        lookup(i);
                        i += 1;
                    })
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    rates.iter().sum()
}

fn safe_service_by_name(i: usize) {
    black_box(Service::from_name(SERVICE_NAMES[i % SERVICE_NAMES.len()], Some("tcp")).unwrap());
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod raw {
    //! The same lookups as bare `_r` calls with a stack buffer, copying nothing out.
    use std::ffi::{c_char, CString};
    use std::mem::MaybeUninit;
    use std::ptr;

    use netdb::{ffi, AddressFamily, Host, Protocol, Service};

    use super::{black_box, paired, rate, row, safe_service_by_name};

    const SERVICE_PORTS: [u16; 6] = [80, 22, 25, 443, 993, 995];
    const PROTOCOL_NAMES: [&str; 3] = ["icmp", "tcp", "udp"];

    fn c(text: &str) -> CString {
        CString::new(text).unwrap()
    }

    /// The wrappers against the bare calls, lookup by lookup.
    pub fn compare() {
        let keys = Keys::new();
        against(
            "getservbyname_r (raw, stack buffer)",
            |i| keys.service_by_name(i),
            "Service::from_name",
            safe_service_by_name,
        );
        against(
            "getservbyport_r (raw, stack buffer)",
            |i| keys.service_by_port(i),
            "Service::from_port",
            |i| {
                drop(black_box(Service::from_port(
                    SERVICE_PORTS[i % SERVICE_PORTS.len()],
                    Some("tcp"),
                )))
            },
        );
        against(
            "getprotobyname_r (raw, stack buffer)",
            |i| keys.protocol_by_name(i),
            "Protocol::from_name",
            |i| drop(black_box(Protocol::from_name(PROTOCOL_NAMES[i % PROTOCOL_NAMES.len()]))),
        );
        against(
            "gethostbyname2_r (raw, stack buffer)",
            |_| keys.host_by_name(),
            "Host::from_name",
            |_| drop(black_box(Host::from_name("localhost", AddressFamily::Inet))),
        );
    }

    /// Measures the bare call against the wrapper in alternating rounds, each given a
    /// running key index, and prints both rows.
    fn against<R>(
        raw_label: &str,
        mut raw: impl FnMut(usize) -> R,
        safe_label: &str,
        mut safe: impl FnMut(usize),
    ) {
        let (mut i, mut j) = (0, 0);
        let pair = paired(
            || {
                rate(1, || {
                    black_box(raw(i));
                    i += 1;
                })
            },
            || {
                rate(1, || {
                    safe(j);
                    j += 1;
                })
            },
        );
        row(raw_label, pair.a, "baseline");
        // Lookups of services and protocols answer from netdb's index where it gives the
        // C library's answers (see the index benchmark), and need no C call at all.
        let note = if pair.ratio > 2.0 {
            format!("{:.0}x the raw call's rate: answered from netdb's index", pair.ratio)
        } else {
            format!("wrapper costs {:+.1}% per call", (1.0 / pair.ratio - 1.0) * 100.0)
        };
        row(safe_label, pair.b, &note);
    }

    pub struct Keys {
        names: Vec<CString>,
        protocols: Vec<CString>,
        tcp: CString,
        localhost: CString,
    }

    impl Keys {
        pub fn new() -> Keys {
            Keys {
                names: super::SERVICE_NAMES.iter().map(|n| c(n)).collect(),
                protocols: PROTOCOL_NAMES.iter().map(|n| c(n)).collect(),
                tcp: c("tcp"),
                localhost: c("localhost"),
            }
        }

        pub fn service_by_name(&self, i: usize) -> bool {
            let mut entry = MaybeUninit::<ffi::servent>::uninit();
            let mut buf = [0 as c_char; 1024];
            let mut result = ptr::null_mut();
            let name = &self.names[i % self.names.len()];
            // SAFETY: the strings are NUL-terminated; entry, buffer and result are valid
            // for writes of the sizes passed.
            let rc = unsafe {
                ffi::getservbyname_r(
                    name.as_ptr(),
                    self.tcp.as_ptr(),
                    entry.as_mut_ptr(),
                    buf.as_mut_ptr(),
                    buf.len(),
                    &mut result,
                )
            };
            rc == 0 && !result.is_null()
        }

        pub fn service_by_port(&self, i: usize) -> bool {
            let mut entry = MaybeUninit::<ffi::servent>::uninit();
            let mut buf = [0 as c_char; 1024];
            let mut result = ptr::null_mut();
            let port = i32::from(SERVICE_PORTS[i % SERVICE_PORTS.len()].to_be());
            // SAFETY: as in `service_by_name`.
            let rc = unsafe {
                ffi::getservbyport_r(
                    port,
                    self.tcp.as_ptr(),
                    entry.as_mut_ptr(),
                    buf.as_mut_ptr(),
                    buf.len(),
                    &mut result,
                )
            };
            rc == 0 && !result.is_null()
        }

        pub fn protocol_by_name(&self, i: usize) -> bool {
            let mut entry = MaybeUninit::<ffi::protoent>::uninit();
            let mut buf = [0 as c_char; 1024];
            let mut result = ptr::null_mut();
            let name = &self.protocols[i % self.protocols.len()];
            // SAFETY: as in `service_by_name`.
            let rc = unsafe {
                ffi::getprotobyname_r(
                    name.as_ptr(),
                    entry.as_mut_ptr(),
                    buf.as_mut_ptr(),
                    buf.len(),
                    &mut result,
                )
            };
            rc == 0 && !result.is_null()
        }

        pub fn host_by_name(&self) -> bool {
            let mut entry = MaybeUninit::<ffi::hostent>::uninit();
            let mut buf = [0 as c_char; 1024];
            let mut result = ptr::null_mut();
            let mut h_errno = 0;
            // SAFETY: as in `service_by_name`, with an h_errno slot.
            let rc = unsafe {
                ffi::gethostbyname2_r(
                    self.localhost.as_ptr(),
                    libc::AF_INET,
                    entry.as_mut_ptr(),
                    buf.as_mut_ptr(),
                    buf.len(),
                    &mut result,
                    &mut h_errno,
                )
            };
            rc == 0 && !result.is_null()
        }
    }
}

/// Python's `socket.getservbyname` rate on this machine, if `python3` is here.
fn python_rate() -> Option<f64> {
    let script = format!(
        "import socket, time\n\
         names = {SERVICE_NAMES:?}\n\
         n = 0\n\
         start = time.perf_counter()\n\
         while time.perf_counter() - start < {}:\n\
         \x20   for name in names:\n\
         \x20       socket.getservbyname(name, 'tcp')\n\
         \x20   n += len(names)\n\
         print(n / (time.perf_counter() - start))\n",
        ROUND.as_secs_f64() * 3.0
    );
    let output = Command::new("python3").args(["-c", &script]).output().ok()?;
    String::from_utf8_lossy(&output.stdout).trim().parse().ok()
}

fn main() {
    if smoke_test_only() {
        safe_service_by_name(0);
        return;
    }
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "netdb lookup benchmark: lookups per second, median of {ROUNDS} rounds of {ROUND:?}\n"
    );
    println!("| lookup | per second | compared |");
    println!("|---|---:|---|");

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    raw::compare();
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    println!("| raw `_r` calls | - | measured on glibc only |");

    let table = ServiceTable::load().unwrap();
    let mut i = 0;
    let pair = paired(
        || {
            rate(1, || {
                safe_service_by_name(i);
                i += 1;
            })
        },
        || {
            rate(SERVICE_NAMES.len(), || {
                for name in SERVICE_NAMES {
                    black_box(table.by_name(black_box(name), Some("tcp")));
                }
            })
        },
    );
    let safe = pair.a;
    row("ServiceTable::by_name", pair.b, &format!("{:.0}x Service::from_name", pair.ratio));

    match python_rate() {
        Some(python) => row(
            "Python socket.getservbyname",
            python,
            &format!("Service::from_name is {:.1}x it", safe / python),
        ),
        None => println!("| Python socket.getservbyname | - | python3 not found |"),
    }

    let free = paired(
        || threaded(1, false, safe_service_by_name),
        || threaded(cores, false, safe_service_by_name),
    );
    row("Service::from_name, 1 thread", free.a, "");
    row(
        &format!("Service::from_name, {cores} threads"),
        free.b,
        &format!("{:.2}x one thread", free.ratio),
    );
    let locked = paired(
        || threaded(1, true, safe_service_by_name),
        || threaded(cores, true, safe_service_by_name),
    );
    row("behind one lock (the fallback backend), 1 thread", locked.a, "");
    row(
        &format!("behind one lock (the fallback backend), {cores} threads"),
        locked.b,
        &format!("{:.2}x one thread", locked.ratio),
    );
}
