//! Decodes input bytes as UTF-8, or says exactly where they stop being UTF-8.
//!
//! The CLI and the evaluator read scraped text files; when one holds a stray Latin-1 byte the user
//! must be able to find it, so the error carries the byte offset and the line and column (both
//! 1-based, the column counted in characters) of the first bad byte. Nothing is replaced silently:
//! offsets reported by `scan --json` must point into the bytes the user gave.

use std::fmt;

/// Where the first invalid UTF-8 sequence starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utf8Error {
    /// Byte offset of the first byte that is not valid UTF-8 (0-based).
    pub offset: usize,
    /// Line of that byte (1-based).
    pub line: usize,
    /// Column of that byte in characters (1-based).
    pub column: usize,
}

impl fmt::Display for Utf8Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid UTF-8 at byte offset {} (line {}, column {})",
            self.offset, self.line, self.column
        )
    }
}

impl std::error::Error for Utf8Error {}

/// Turns `bytes` into a `String` without copying, or locates the first invalid byte.
pub fn decode(bytes: Vec<u8>) -> Result<String, Utf8Error> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        // Everything before `offset` is valid UTF-8 by definition of `valid_up_to`.
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
        let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
        Utf8Error {
            offset,
            line: valid.matches('\n').count() + 1,
            column: valid[line_start..].chars().count() + 1,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_text_is_returned_unchanged() {
        assert_eq!(
            decode("Rp13.160 – Rp13.255\n".into()),
            Ok("Rp13.160 – Rp13.255\n".into())
        );
    }

    #[test]
    fn bad_byte_is_located_by_offset_line_and_column() {
        // "é" is two bytes but one column; 0xE9 alone is Latin-1 "é", invalid in UTF-8.
        let bytes = b"baris satu\nkat\xc3\xa9 \xe9 lagi\n".to_vec();
        let err = decode(bytes).unwrap_err();
        assert_eq!(
            err,
            Utf8Error {
                offset: 17,
                line: 2,
                column: 6
            }
        );
        assert_eq!(
            err.to_string(),
            "invalid UTF-8 at byte offset 17 (line 2, column 6)"
        );
    }

    #[test]
    fn bad_first_byte_is_line_one_column_one() {
        assert_eq!(
            decode(vec![0xff, b'a']),
            Err(Utf8Error {
                offset: 0,
                line: 1,
                column: 1
            })
        );
    }

    #[test]
    fn truncated_sequence_at_end_is_reported() {
        let err = decode(b"ok\n\xe2\x80".to_vec()).unwrap_err();
        assert_eq!((err.offset, err.line, err.column), (3, 2, 1));
    }
}
