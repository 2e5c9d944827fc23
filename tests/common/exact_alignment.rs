//! A global allocator that gives every block exactly the alignment it was asked for and
//! never more, for the test binaries built with the `strict-alignment` feature.
//!
//! The system allocator returns 16-aligned blocks for any request, so code that reads a
//! pointer out of a buffer it allocated with alignment 1 (a `Vec<u8>`) works by luck
//! there, and a debug build's check of every aligned read never fires. Under this
//! allocator a block asked for with alignment `a` starts at an address that is a
//! multiple of `a` but not of `2a` (for alignment 1: an odd address), as any allocator
//! may legally return, so such a read aborts the test with "misaligned pointer
//! dereference". `.ci/run` runs the tests that reach large entries, the enumerations and
//! the broken databases so, in a debug build.
//!
//! How: each block is taken from the system allocator `a` bytes larger, aligned to
//! `2a`, and handed out from its `a`-th byte on; freeing and growing undo the offset.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ptr;

/// The allocator; see the module docs.
pub struct ExactAlignment;

/// The system block behind a block of `layout`: `align` bytes more, aligned to twice
/// `align`. `None` where that does not fit a `Layout`: the request then fails, as any
/// allocator may fail one.
fn system_layout(layout: Layout) -> Option<Layout> {
    let size = layout.size().checked_add(layout.align())?;
    let align = layout.align().checked_mul(2)?;
    Layout::from_size_align(size, align).ok()
}

/// The block handed out for the system block at `base`, of `layout`'s alignment.
///
/// # Safety
/// `base` is NULL or a block of [`system_layout`]`(layout)`.
unsafe fn handed_out(base: *mut u8, layout: Layout) -> *mut u8 {
    if base.is_null() {
        return base;
    }
    // SAFETY: the system block is `layout.align()` bytes longer than the block handed
    // out, so the offset stays inside it.
    unsafe { base.add(layout.align()) }
}

// SAFETY: every block handed out lies inside a live system block of `system_layout`:
// `align` bytes into a block aligned to `2 * align`, so it is aligned to `align` and
// `size` bytes long. `dealloc` and `realloc` receive the caller's layout (the
// `GlobalAlloc` contract) and so find the system block and its layout again.
unsafe impl GlobalAlloc for ExactAlignment {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(system) = system_layout(layout) else { return ptr::null_mut() };
        // SAFETY: `system` has a non-zero size (at least `align`, which is non-zero).
        unsafe { handed_out(System.alloc(system), layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let Some(system) = system_layout(layout) else { return ptr::null_mut() };
        // SAFETY: as in `alloc`; the block handed out is part of the zeroed block.
        unsafe { handed_out(System.alloc_zeroed(system), layout) }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let system = system_layout(layout).expect("a block was handed out for this layout");
        // SAFETY: `block` was handed out for `layout` by `alloc`, `align` bytes into a
        // system block of `system`.
        unsafe { System.dealloc(block.sub(layout.align()), system) }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let system = system_layout(layout).expect("a block was handed out for this layout");
        let Some(new_system_size) = new_size.checked_add(layout.align()) else {
            return ptr::null_mut();
        };
        // SAFETY: `block` lies `align` bytes into a system block of `system`, which the
        // system allocator grows keeping its alignment and its first bytes, the offset
        // and the caller's contents among them.
        unsafe {
            let base = System.realloc(block.sub(layout.align()), system, new_system_size);
            handed_out(base, layout)
        }
    }
}

/// Fails the running test unless this allocator serves the process, so that a run meant
/// to be strict cannot pass under the system allocator unnoticed.
pub fn assert_in_force() {
    for align in [1, 2, 4, 8, 16, 64, 4096] {
        let layout = Layout::from_size_align(24, align).unwrap();
        // SAFETY: a valid layout of non-zero size, freed below with it.
        let block = unsafe { std::alloc::alloc(layout) };
        assert!(!block.is_null());
        assert_eq!(block as usize % align, 0, "aligned to {align}");
        assert_ne!(block as usize % (2 * align), 0, "aligned to more than {align}");
        // SAFETY: allocated above with this layout.
        unsafe { std::alloc::dealloc(block, layout) };
    }
    let bytes: Vec<u8> = Vec::with_capacity(2048);
    assert_eq!(bytes.as_ptr() as usize % 2, 1, "a Vec<u8> at an odd address");
}
