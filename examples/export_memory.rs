//! What `export`'s username → groups map costs for 1,000,000 memberships: the map built by
//! the export's own code (`GroupMap::build`, the fold `GroupMap::read` runs on each group's
//! listing) from sub-style usernames (36 characters, as Cognito gives pools that sign in by
//! email), heap measured by a counting allocator. Used by scripts/bench-all.sh.
//!
//! export_memory [--memberships N]
//!
//! Two shapes: every user in one of 5 groups (the most users, so the most keys), and every
//! user in 4 of 5 groups. The peak includes the group listing being folded in; the export
//! reads up to 4 groups' listings at once, each ≈ 72 bytes a username besides.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use cognito_tui::cli::export::GroupMap;

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call forwards to the system allocator unchanged; the counters only add and
// subtract the sizes it was asked for.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is the system allocator's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this `layout`.
        unsafe { System.dealloc(ptr, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const GROUPS: usize = 5;

/// The `n`th user's name, shaped like a Cognito `sub`.
fn username(n: u64) -> String {
    let h = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5851_f42d_4c95_7f2d;
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        h >> 32,
        (h >> 16) & 0xffff,
        h & 0xfff,
        (h >> 40) & 0xfff,
        n
    )
}

const MIB: f64 = 1024.0 * 1024.0;

/// Builds the map for `users` users, each in `per_user` consecutive groups (of 5), and says
/// what it held and its peak.
fn measure(users: u64, per_user: usize) {
    let names: Vec<String> = (0..GROUPS).map(|g| format!("group-{g}")).collect();
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    // Each group's listing made as it is folded in, as the export receives them.
    let listings = (0..GROUPS).map(|g| {
        (0..users)
            .filter(|u| (0..per_user).any(|k| (*u as usize + k) % GROUPS == g))
            .map(username)
            .collect::<Vec<String>>()
    });
    let map = GroupMap::build(names, listings);
    let held = NOW.load(Ordering::Relaxed) - before;
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let memberships = users * per_user as u64;
    assert_eq!(
        map.of(&username(0)).len(),
        per_user,
        "the map lost a membership"
    );
    println!(
        "group map, {users} users in {per_user} of {GROUPS} groups ({memberships} memberships): \
         {:.1} MiB held, {:.1} MiB peak, {:.0} bytes a membership held",
        held as f64 / MIB,
        peak as f64 / MIB,
        held as f64 / memberships as f64
    );
    drop(map);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let memberships: u64 = args
        .iter()
        .position(|a| a == "--memberships")
        .and_then(|i| args.get(i + 1))
        .map(|n| n.parse().expect("--memberships takes a number"))
        .unwrap_or(1_000_000);
    measure(memberships, 1);
    measure(memberships / 4, 4);
}
