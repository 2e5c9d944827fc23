//! The common lookup allocates on the heap only for the owned result it returns: the
//! arguments go to C from a stack buffer and the C call fills a stack buffer, as long
//! as the entry fits in it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use netdb::{AddressFamily, Host, Protocol, Service};

/// Counts the allocations of the calling thread (the test harness allocates on its
/// own threads meanwhile).
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded to the system allocator unchanged; only a counter of
// the calling thread is touched besides.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: the caller's contract for `alloc` is passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract for `dealloc` is passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let value = f();
    (ALLOCATIONS.with(Cell::get) - before, value)
}

/// The heap blocks an owned result holds: each non-empty string and the alias vector.
fn owned_blocks(strings: &[&String], aliases: &[String]) -> usize {
    let strings = strings.iter().filter(|s| !s.is_empty()).count();
    strings + aliases.iter().filter(|a| !a.is_empty()).count() + usize::from(!aliases.is_empty())
}

#[test]
fn lookups_allocate_only_their_result() {
    // Warm up: the C library allocates once for its NSS configuration, and std for the
    // thread's bookkeeping.
    let _ = Service::from_name("ssh", Some("tcp"));
    let _ = Protocol::from_name("tcp");
    let _ = Host::from_name("localhost", AddressFamily::Inet);

    let (count, service) =
        allocations(|| Service::from_name("http", Some("tcp")).unwrap().unwrap());
    assert_eq!(
        count,
        owned_blocks(&[&service.name, &service.protocol], &service.aliases),
        "{service:?}"
    );

    let (count, service) = allocations(|| Service::from_port(22, Some("tcp")).unwrap().unwrap());
    assert_eq!(
        count,
        owned_blocks(&[&service.name, &service.protocol], &service.aliases),
        "{service:?}"
    );

    let (count, protocol) = allocations(|| Protocol::from_name("udp").unwrap().unwrap());
    assert_eq!(count, owned_blocks(&[&protocol.name], &protocol.aliases), "{protocol:?}");

    // A lookup that finds nothing allocates nothing.
    let (count, none) = allocations(|| Service::from_name("no-such-service", None).unwrap());
    assert_eq!((count, none), (0, None));
}
