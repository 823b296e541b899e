//! wasm-bindgen exports: thin wrappers over `api` so the JS side makes exactly one call per scan.

use wasm_bindgen::prelude::*;

/// The allocator: `talc` instead of the standard library's dlmalloc, which is larger in the module
/// (the Wasm core is single-threaded, so the unsynchronized cell is enough).
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Scans a whole page: `request` and the answer are the JSON of `api::handle` (docs/ARCHITECTURE.md).
///
/// The request comes as UTF-8 bytes (`TextEncoder.encode` of the JSON): a string argument is
/// copied into the module by the glue's own loop over its characters, which on a page's first
/// calls runs in the engine's interpreter and cost about a millisecond a page (CPU profiles on
/// the real Blogger pages); the browser encodes and copies bytes natively.
#[wasm_bindgen]
pub fn scan(request: &[u8]) -> Result<String, JsError> {
    let request =
        std::str::from_utf8(request).map_err(|_| JsError::new("the request is not UTF-8"))?;
    crate::api::handle(request).map_err(|e| JsError::new(&e))
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
