//! The `bersih` command line: clean, scan and evaluate posts given as plain text.
//!
//! Everything lives in the `cli` module; this file only hands it the arguments.

mod cli;

/// mimalloc instead of the system's allocator: a scan makes a few small allocations per line (a
/// block's candidates, a changed block's pieces), and glibc's malloc and free were 10-15% of the
/// instructions (callgrind). Paired with glibc (`farm-bench`, 2026-12-03): 0.88 of the CPU time
/// for `scan --json` on 20 and 50 MB and for `clean --jsonl`; peak memory 183 MiB for 50 MiB of
/// posts (glibc: 162).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run(std::env::args_os().skip(1))
}
