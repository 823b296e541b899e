//! Reads the whole input once (a file or standard input) and decodes it as UTF-8.
//!
//! The core works on `&str` with byte offsets into the input, so the input is read in one go and
//! never altered (no BOM stripping, no newline conversion): offsets in `scan --json` point into
//! exactly the bytes the user gave.

use std::fs;
use std::io::{self, Read};

use bersih::utf8::decode;

use super::args::Input;

/// Reads `input` completely, or says which input failed and why.
pub fn read(input: &Input) -> Result<String, String> {
    let (name, bytes) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            ("standard input".to_string(), bytes)
        }
        Input::File(path) => {
            let bytes =
                fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            (path.display().to_string(), bytes)
        }
    };
    decode(bytes).map_err(|e| format!("{name}: {e}"))
}
