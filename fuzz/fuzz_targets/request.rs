//! The request parser of the Wasm `scan` export (and the background's): any bytes give an answer
//! or an error, never a panic; an answer is JSON with a `findings` array.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(request) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(answer) = bersih::api::handle(request) {
        assert!(answer.starts_with("{\"findings\":["), "{answer}");
    }
});
