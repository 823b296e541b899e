//! Packs a built extension folder into a store-ready zip.
//!
//! Deterministic: entries in sorted path order, a fixed timestamp (1980-01-01, the zip epoch) and
//! fixed permissions, so the same input always gives the same bytes.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::util;

/// Zips every file under `dir` (paths relative to `dir`, `/`-separated) into `zip_path`.
pub fn zip_dir(dir: &Path, zip_path: &Path) -> Result<()> {
    let file =
        File::create(zip_path).with_context(|| format!("creating {}", zip_path.display()))?;
    let mut zip = ZipWriter::new(file);
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for path in util::files_under(dir)? {
        let name = path
            .strip_prefix(dir)
            .expect("listed under dir")
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        zip.start_file(name.as_str(), options)
            .and_then(|()| zip.write_all(&bytes).map_err(Into::into))
            .with_context(|| format!("adding {name} to {}", zip_path.display()))?;
    }
    zip.finish()
        .with_context(|| format!("finishing {}", zip_path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn zips_are_deterministic_and_round_trip() {
        let tmp = std::env::temp_dir().join(format!("xtask-zip-{}", std::process::id()));
        let dir = tmp.join("in");
        util::fresh_dir(&dir.join("sub")).unwrap();
        std::fs::write(dir.join("b.txt"), "bee ".repeat(100)).unwrap();
        std::fs::write(dir.join("sub/a.txt"), "ay").unwrap();
        zip_dir(&dir, &tmp.join("1.zip")).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.join("sub/a.txt"), "ay").unwrap(); // new mtime, same content
        zip_dir(&dir, &tmp.join("2.zip")).unwrap();
        let (one, two) = (
            std::fs::read(tmp.join("1.zip")).unwrap(),
            std::fs::read(tmp.join("2.zip")).unwrap(),
        );
        assert_eq!(one, two);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(one)).unwrap();
        let names: Vec<String> = (0..archive.len())
            .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
            .collect();
        assert_eq!(names, ["b.txt", "sub/a.txt"]);
        let mut text = String::new();
        archive
            .by_name("b.txt")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "bee ".repeat(100));
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
