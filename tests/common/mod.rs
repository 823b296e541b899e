//! What the corpus tests share: where the package is, and loading one of its labeled folders.

use std::path::PathBuf;

use bersih::eval::Corpus;

/// The package root, read when the test runs: with a target directory shared between checkouts,
/// cargo may reuse a test binary compiled in another checkout, whose compile-time path is stale.
pub fn package_root() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| env!("CARGO_MANIFEST_DIR").into(), PathBuf::from)
}

/// The labeled folder `tests/<folder>`, or a panic saying why it cannot be loaded.
pub fn corpus(folder: &str) -> Corpus {
    let dir = package_root().join("tests").join(folder);
    Corpus::load(&dir).unwrap_or_else(|e| panic!("cannot load tests/{folder}: {e}"))
}
