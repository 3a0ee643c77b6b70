//! Streaming a long list reuses the memory of the pages before: the item vectors are handed back
//! to the stream once their items are out (`Items`), and each page is decoded into one of them.
//! Counted with an allocator that tallies the allocations the size of one page's item vector.

mod common;

use common::Sandbox;
use futures_util::StreamExt;
use harvest_sdk::api::ListTimeEntriesParams;
use harvest_sdk::model::TimeEntry;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

const PER_PAGE: usize = 100;

/// The system allocator, counting allocations of exactly one page's item vector.
struct Counting;

static PAGE_VECTORS: AtomicUsize = AtomicUsize::new(0);

fn is_page_vector(layout: Layout) -> bool {
    layout.size() == PER_PAGE * std::mem::size_of::<TimeEntry>() && layout.align() == std::mem::align_of::<TimeEntry>()
}

// SAFETY: every call is passed on to `System` unchanged; the count is a side effect.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if is_page_vector(layout) {
            PAGE_VECTORS.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract for `alloc` is `System`'s.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if is_page_vector(Layout::from_size_align(new_size, layout.align()).unwrap_or(layout)) {
            PAGE_VECTORS.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract for `realloc` is `System`'s.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[tokio::test]
async fn a_long_list_is_read_into_the_same_few_vectors() {
    let sbx = Sandbox::start(&["--seed", "demo", "--no-rate-limit", "--seed-time-entries", "3000"]);
    let client = sbx.client();
    let params = ListTimeEntriesParams { per_page: Some(PER_PAGE as u32), ..Default::default() };
    let before = PAGE_VECTORS.load(Ordering::Relaxed);
    let mut items = client.time_entries().list(&params);
    let mut ids = Vec::new();
    while let Some(entry) = items.next().await {
        ids.push(entry.expect("an entry").id);
    }
    let allocated = PAGE_VECTORS.load(Ordering::Relaxed) - before;
    let pages = ids.len().div_ceil(PER_PAGE);
    assert!(pages >= 30, "{pages} pages");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len().div_ceil(PER_PAGE), pages, "every entry once");
    // The caller's page, the one waiting for it and the one being decoded: the read-ahead keeps
    // at most these in use at once, so a few vectors serve the whole list (2-3 here; a page that
    // a starved machine decodes twice takes one more, hence the margin). One per page without.
    assert!(allocated < pages / 2, "{allocated} item vectors allocated for {pages} pages");
    assert!(allocated >= 1, "the count sees the stream's vectors");
}
