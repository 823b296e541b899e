//! wasm-bindgen exports: thin wrappers over `api` so the JS side makes exactly one call per scan.

use wasm_bindgen::prelude::*;

/// The allocator: `talc` instead of the standard library's dlmalloc, which is larger in the module
/// (the Wasm core is single-threaded, so the unsynchronized cell is enough).
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Scans a whole page: the flat request of `api::handle` (docs/ARCHITECTURE.md) in, its JSON
/// answer out.
///
/// `texts` are the blocks' texts as UTF-8 bytes one after another (`TextEncoder.encodeInto`),
/// `layout` three numbers a block (its length in UTF-16 code units, kind, post), `options` the
/// options' JSON as UTF-8 bytes. Bytes, not strings: a string argument is copied into the module
/// by the glue's own loop over its characters, which on a page's first calls runs in the engine's
/// interpreter and cost about a millisecond a page (CPU profiles on the real Blogger pages); the
/// browser encodes and copies bytes natively.
#[wasm_bindgen]
pub fn scan(texts: &[u8], layout: &[u32], options: &[u8]) -> Result<String, JsError> {
    crate::api::handle(texts, layout, options).map_err(|e| JsError::new(&e))
}

/// Scans plain text (one block per line) for the playground: JSON of `TextReport`.
#[wasm_bindgen(js_name = scanText)]
pub fn scan_text(text: &str) -> Result<String, JsError> {
    let report = crate::scan_text(text, &crate::Options::default());
    Ok(crate::api::text_report(&report))
}

/// The core's version, shown in the popup and options.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
