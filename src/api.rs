//! The one JSON request/answer that crosses the JS↔Wasm boundary (and the extension's messaging).
//!
//! One call per scan: the content script sends every block of the page and receives every finding.
//! The same function serves the in-page Wasm and the background fallback, so both answer alike.

use serde::{Deserialize, Serialize};

use crate::{scan, Block, Finding, Options};

/// What the content script sends.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Request {
    pub blocks: Vec<Block>,
    pub options: Options,
}

/// What it gets back.
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    pub findings: Vec<Finding>,
}

/// Parses a request, scans it and serializes the answer.
pub fn handle(request_json: &str) -> Result<String, String> {
    let request: Request =
        serde_json::from_str(request_json).map_err(|e| format!("bad scan request: {e}"))?;
    let response = Response {
        findings: scan(&request.blocks, &request.options),
    };
    serde_json::to_string(&response).map_err(|e| format!("cannot encode scan answer: {e}"))
}
