//! Draws the extension's icon at build time: a white "B" on a green rounded square.
//!
//! Generated from code so the repository holds no binary images and every size is drawn crisply
//! rather than scaled. Shapes are described in a unit square and sampled 4×4 per pixel for
//! anti-aliasing.

use anyhow::{Context, Result};
use std::path::Path;

/// The sizes the manifest refers to as `icons/icon-<size>.png`.
pub const SIZES: [u32; 4] = [16, 32, 48, 128];

const BACKGROUND: [f32; 3] = [0x1b as f32, 0x7a as f32, 0x4b as f32];
const FOREGROUND: [f32; 3] = [255.0, 255.0, 255.0];
const SAMPLES: u32 = 4;

/// Writes `icon-<size>.png` for every size into `dir`.
pub fn write_all(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for size in SIZES {
        let path = dir.join(format!("icon-{size}.png"));
        std::fs::write(&path, encode(size)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// The PNG bytes of the icon at `size`×`size` pixels.
pub fn encode(size: u32) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, size, size);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().context("writing the PNG header")?;
    writer
        .write_image_data(&render(size))
        .context("writing the PNG data")?;
    writer.finish().context("finishing the PNG")?;
    Ok(bytes)
}

/// RGBA pixels, row by row.
fn render(size: u32) -> Vec<u8> {
    let mut pixels = Vec::with_capacity((size * size * 4) as usize);
    let step = 1.0 / (size * SAMPLES) as f32;
    for py in 0..size {
        for px in 0..size {
            let (mut inside, mut letter) = (0u32, 0u32);
            for sy in 0..SAMPLES {
                for sx in 0..SAMPLES {
                    let x = (px * SAMPLES + sx) as f32 * step + step / 2.0;
                    let y = (py * SAMPLES + sy) as f32 * step + step / 2.0;
                    if in_rounded_square(x, y) {
                        inside += 1;
                        if in_letter(x, y) {
                            letter += 1;
                        }
                    }
                }
            }
            let total = (SAMPLES * SAMPLES) as f32;
            let coverage = inside as f32 / total;
            let mix = if inside == 0 {
                0.0
            } else {
                letter as f32 / inside as f32
            };
            for channel in 0..3 {
                let value = BACKGROUND[channel] * (1.0 - mix) + FOREGROUND[channel] * mix;
                pixels.push(value.round() as u8);
            }
            pixels.push((coverage * 255.0).round() as u8);
        }
    }
    pixels
}

fn in_rounded_square(x: f32, y: f32) -> bool {
    const RADIUS: f32 = 0.2;
    let dx = (x - 0.5).abs() - (0.5 - RADIUS);
    let dy = (y - 0.5).abs() - (0.5 - RADIUS);
    dx <= 0.0 || dy <= 0.0 || dx * dx + dy * dy <= RADIUS * RADIUS
}

/// A "B" drawn as strokes: the stem, and two bowls each made of two bars and a right half-circle.
fn in_letter(x: f32, y: f32) -> bool {
    const HALF_WIDTH: f32 = 0.065;
    const LEFT: f32 = 0.32;
    let (top, middle, bottom) = (0.22, 0.49, 0.78);
    let bowls = [(top, middle, 0.52), (middle, bottom, 0.55)];
    let mut distance = segment(x, y, (LEFT, top), (LEFT, bottom));
    for (upper, lower, turn) in bowls {
        let radius = (lower - upper) / 2.0;
        let centre = (turn, upper + radius);
        distance = distance
            .min(segment(x, y, (LEFT, upper), (turn, upper)))
            .min(segment(x, y, (LEFT, lower), (turn, lower)))
            .min(right_arc(x, y, centre, radius));
    }
    distance <= HALF_WIDTH
}

fn segment(x: f32, y: f32, a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let t = (((x - a.0) * dx + (y - a.1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
    (x - a.0 - t * dx).hypot(y - a.1 - t * dy)
}

fn right_arc(x: f32, y: f32, centre: (f32, f32), radius: f32) -> f32 {
    if x >= centre.0 {
        ((x - centre.0).hypot(y - centre.1) - radius).abs()
    } else {
        let to_top = (x - centre.0).hypot(y - (centre.1 - radius));
        let to_bottom = (x - centre.0).hypot(y - (centre.1 + radius));
        to_top.min(to_bottom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_decode_at_their_size_with_transparent_corners_and_a_white_letter() {
        for size in SIZES {
            let bytes = encode(size).unwrap();
            let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
            let mut reader = decoder.read_info().unwrap();
            let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
            let info = reader.next_frame(&mut buffer).unwrap();
            assert_eq!((info.width, info.height), (size, size));
            let pixel = |x: u32, y: u32| &buffer[((y * size + x) * 4) as usize..][..4];
            assert_eq!(pixel(0, 0)[3], 0, "corner is transparent");
            assert_eq!(pixel(size / 2, size - 2)[3], 255, "edge centre is opaque");
            let stem = pixel((size as f32 * 0.32) as u32, size / 2);
            assert!(
                stem[0] > 200 && stem[1] > 200 && stem[2] > 200,
                "stem is white: {stem:?}"
            );
        }
    }
}
