//! The one JSON request/answer that crosses the JS↔Wasm boundary (and the extension's messaging).
//!
//! One call per scan: the content script sends every block of the page and receives every finding.
//! The same function serves the in-page Wasm and the background fallback, so both answer alike.

use serde::{Deserialize, Serialize};

use crate::user::Cap;
use crate::{Block, Engine, Finding, Options};

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
    /// Caps on the user's phrases that were reached (some phrases unused); absent when none was.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub capped: Vec<Cap>,
}

/// Parses a request, scans it with the shipped rules and serializes the answer.
pub fn handle(request_json: &str) -> Result<String, String> {
    let request: Request =
        serde_json::from_str(request_json).map_err(|e| format!("bad scan request: {e}"))?;
    let page = Engine::embedded().scan_page(&request.blocks, &request.options);
    let response = Response {
        findings: page.findings,
        capped: page.capped,
    };
    serde_json::to_string(&response).map_err(|e| format!("cannot encode scan answer: {e}"))
}
