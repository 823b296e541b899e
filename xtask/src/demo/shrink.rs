//! Makes the demo's screenshots small enough to keep in the repository: the PNGs Chromium writes
//! are full-colour RGBA; a page of text needs a few dozen colours. Each picture is reduced to a
//! palette (NeuQuant, from `color_quant`) and written back as an indexed PNG at the best
//! compression, typically a quarter of the original size with no visible difference.

use anyhow::{Context, Result};
use std::fs;
use std::path::Path;

/// Colours in the palette: enough for anti-aliased text on a light page and its links.
const COLORS: usize = 64;

/// Rewrites the PNG at `path` as an indexed-colour PNG; returns (bytes before, bytes after).
pub fn shrink_png(path: &Path) -> Result<(u64, u64)> {
    let before = fs::metadata(path)
        .with_context(|| format!("reading {}", path.display()))?
        .len();
    let (width, height, rgba) =
        decode(path).with_context(|| format!("decoding {}", path.display()))?;
    let quantizer = color_quant::NeuQuant::new(10, COLORS, &rgba);
    let indices: Vec<u8> = rgba
        .chunks_exact(4)
        .map(|pixel| quantizer.index_of(pixel) as u8)
        .collect();
    let palette_rgba = quantizer.color_map_rgba();
    let palette: Vec<u8> = palette_rgba
        .chunks_exact(4)
        .flat_map(|c| [c[0], c[1], c[2]])
        .collect();
    let alpha: Vec<u8> = palette_rgba.chunks_exact(4).map(|c| c[3]).collect();

    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_palette(palette);
        if alpha.iter().any(|&a| a != 255) {
            encoder.set_trns(alpha);
        }
        encoder.set_compression(png::Compression::High);
        let mut writer = encoder.write_header().context("writing the PNG header")?;
        writer
            .write_image_data(&indices)
            .context("writing the PNG data")?;
    }
    fs::write(path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok((before, bytes.len() as u64))
}

/// The picture as 8-bit RGBA, whatever colour type Chromium chose.
fn decode(path: &Path) -> Result<(u32, u32, Vec<u8>)> {
    let mut decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(path)?));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info()?;
    let mut buffer = vec![0; reader.output_buffer_size().context("picture too large")?];
    let frame = reader.next_frame(&mut buffer)?;
    let pixels = &buffer[..frame.buffer_size()];
    let rgba = match frame.color_type {
        png::ColorType::Rgba => pixels.to_vec(),
        png::ColorType::Rgb => pixels
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::GrayscaleAlpha => pixels
            .chunks_exact(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        png::ColorType::Grayscale => pixels.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        png::ColorType::Indexed => anyhow::bail!("already indexed"),
    };
    Ok((frame.width, frame.height, rgba))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_keeps_its_size_and_colours_and_shrinks() {
        let path = std::env::temp_dir().join(format!("xtask-shrink-{}.png", std::process::id()));
        let (width, height) = (64u32, 32u32);
        // White with a black and a blue band, like text and a link.
        let mut rgba = Vec::new();
        for y in 0..height {
            for x in 0..width {
                let pixel = match y {
                    8..=11 => [0, 0, 0, 255],
                    20..=23 if x % 2 == 0 => [26, 13, 171, 255],
                    _ => [255, 255, 255, 255],
                };
                rgba.extend_from_slice(&pixel);
            }
        }
        let mut bytes = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut bytes, width, height);
            encoder.set_color(png::ColorType::Rgba);
            encoder.set_compression(png::Compression::Fastest);
            encoder
                .write_header()
                .unwrap()
                .write_image_data(&rgba)
                .unwrap();
        }
        fs::write(&path, &bytes).unwrap();
        let (before, after) = shrink_png(&path).unwrap();
        assert!(after < before, "{before} -> {after}");
        let (w, h, back) = decode(&path).unwrap();
        assert_eq!((w, h), (width, height));
        let near = |a: &[u8], b: &[u8]| a.iter().zip(b).all(|(x, y)| x.abs_diff(*y) <= 8);
        for (got, want) in back.chunks_exact(4).zip(rgba.chunks_exact(4)) {
            assert!(near(got, want), "{got:?} should be close to {want:?}");
        }
        fs::remove_file(&path).unwrap();
    }
}
