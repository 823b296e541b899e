//! Opening the input and the output, with gzip or zstd chosen for the user.
//!
//! Input compression is recognized by its magic bytes (so `.gz`/`.zst` files, files named
//! otherwise and standard input all work); output compression follows the `-o` file's extension
//! (`.gz`, `.zst` or `.zstd`). Standard output is always plain.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;

use crate::cli::args::Input;

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

/// The opened input: decompressed bytes, and how far into the raw file or stream reading is.
pub struct Source {
    pub reader: Box<dyn Read + Send>,
    /// Raw bytes read so far (before decompression), for the progress bar.
    pub position: Arc<AtomicU64>,
    /// The raw size when known (a file), for the progress bar.
    pub size: Option<u64>,
    /// "standard input" or the path, for messages.
    pub name: String,
    /// Whether the input is gzip or zstd (then `position` runs ahead of the decompressed bytes).
    pub compressed: bool,
}

/// Opens `input`, decompressing gzip (any number of members) or zstd (any number of frames).
pub fn open(input: &Input) -> Result<Source, String> {
    let (raw, size, name): (Box<dyn Read + Send>, _, _) = match input {
        Input::Stdin => (Box::new(io::stdin()), None, "standard input".to_string()),
        Input::File(path) => {
            let file =
                File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let size = file.metadata().ok().map(|m| m.len());
            (Box::new(file), size, path.display().to_string())
        }
    };
    let position = Arc::new(AtomicU64::new(0));
    let mut counted = Counted {
        inner: raw,
        position: Arc::clone(&position),
    };
    let mut magic = Vec::with_capacity(4);
    (&mut counted)
        .take(4)
        .read_to_end(&mut magic)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    let raw = io::Cursor::new(magic.clone()).chain(counted);
    let decoded: Box<dyn Read + Send> = if magic.starts_with(GZIP_MAGIC) {
        Box::new(MultiGzDecoder::new(raw))
    } else if magic.starts_with(ZSTD_MAGIC) {
        Box::new(zstd::Decoder::new(raw).map_err(|e| format!("cannot read {name}: {e}"))?)
    } else {
        Box::new(raw)
    };
    let compressed = magic.starts_with(GZIP_MAGIC) || magic.starts_with(ZSTD_MAGIC);
    let reader = skip_bom(decoded).map_err(|e| format!("cannot read {name}: {e}"))?;
    Ok(Source {
        reader,
        position,
        size,
        name,
        compressed,
    })
}

/// `reader` without the UTF-8 byte-order mark some tools put before the first line (it is not
/// JSON, and `bersih clean` skips it too).
fn skip_bom(mut reader: Box<dyn Read + Send>) -> io::Result<Box<dyn Read + Send>> {
    let mut start = Vec::with_capacity(3);
    (&mut reader).take(3).read_to_end(&mut start)?;
    if start == "\u{feff}".as_bytes() {
        start.clear();
    }
    Ok(Box::new(io::Cursor::new(start).chain(reader)))
}

/// Counts the bytes read through it.
struct Counted {
    inner: Box<dyn Read + Send>,
    position: Arc<AtomicU64>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.position.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Where the cleaned lines go: standard output, or a file compressed by its extension.
pub enum Sink<'a> {
    Stdout(&'a mut dyn Write),
    Plain(BufWriter<File>),
    Gzip(GzEncoder<BufWriter<File>>),
    Zstd(zstd::Encoder<'static, BufWriter<File>>),
}

const BUFFER: usize = 1 << 20;

impl<'a> Sink<'a> {
    /// `stdout`, or a new file at `path` (`.gz`: gzip level 6, `.zst`/`.zstd`: zstd level 3, the
    /// usual defaults of both tools).
    pub fn create(path: Option<&Path>, stdout: &'a mut dyn Write) -> Result<Sink<'a>, String> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(stdout));
        };
        let file =
            File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        Ok(match extension {
            "gz" => Sink::Gzip(GzEncoder::new(
                BufWriter::with_capacity(BUFFER, file),
                flate2::Compression::default(),
            )),
            "zst" | "zstd" => Sink::Zstd(
                zstd::Encoder::new(BufWriter::with_capacity(BUFFER, file), 3)
                    .map_err(|e| format!("cannot start zstd for {}: {e}", path.display()))?,
            ),
            _ => Sink::Plain(BufWriter::with_capacity(BUFFER, file)),
        })
    }

    /// Writes what is buffered and the compressed stream's end.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::Plain(mut out) => out.flush(),
            Sink::Gzip(out) => out.finish()?.flush(),
            Sink::Zstd(out) => out.finish()?.flush(),
        }
    }
}

impl Write for Sink<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::Plain(out) => out.write(buf),
            Sink::Gzip(out) => out.write(buf),
            Sink::Zstd(out) => out.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.write_all(buf),
            Sink::Plain(out) => out.write_all(buf),
            Sink::Gzip(out) => out.write_all(buf),
            Sink::Zstd(out) => out.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::Plain(out) => out.flush(),
            Sink::Gzip(out) => out.flush(),
            Sink::Zstd(out) => out.flush(),
        }
    }
}
