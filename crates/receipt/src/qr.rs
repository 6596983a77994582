//! The payment QR code as vector strokes: genpdf draws lines of one point, so a code with
//! one-point modules is a stroke per run of dark modules in a row — crisp at any printer
//! resolution, and no image codec in the build.

use genpdf::error::Error;
use genpdf::render::Area;
use genpdf::{style::Style, Context, Element, Mm, Position, RenderResult, Size};
use qrcode::{Color, EcLevel, QrCode};

/// A point in millimetres: a module's side.
const MODULE: f64 = 25.4 / 72.0;
/// The light margin a scanner needs around the code, in modules.
const QUIET: usize = 4;

/// A code ready to draw.
pub struct Qr {
    width: usize,
    dark: Vec<bool>,
}

impl Qr {
    /// Error correction M, as banks print on receipts; `None` when the text does not fit
    /// in a QR code at all (it is never that long: the payload checks its fields).
    pub fn new(text: &str) -> Option<Qr> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        Some(Qr {
            width: code.width(),
            dark,
        })
    }

    /// The side with its quiet zone.
    pub fn side(&self) -> Mm {
        Mm::from(self.modules_to_mm(self.width + 2 * QUIET))
    }

    fn modules_to_mm(&self, modules: usize) -> f64 {
        // Module counts are below 200: exact in f64.
        f64::from(u32::try_from(modules).unwrap_or(u32::MAX)) * MODULE
    }

    fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.width + x]
    }

    /// Strokes that cover the dark modules exactly, as `(x, y, length, vertical)` in
    /// modules: the runs of two or more in a row, then the modules left alone in their
    /// row joined down their column (some 20 % fewer strokes than rows alone).
    fn strokes(&self) -> Vec<(usize, usize, usize, bool)> {
        let n = self.width;
        let mut strokes = Vec::new();
        let mut single = vec![false; n * n];
        for y in 0..n {
            let mut x = 0;
            while x < n {
                let len = (x..n).take_while(|&i| self.is_dark(i, y)).count();
                match len {
                    0 => x += 1,
                    1 => {
                        single[y * n + x] = true;
                        x += 1;
                    }
                    _ => {
                        strokes.push((x, y, len, false));
                        x += len;
                    }
                }
            }
        }
        for x in 0..n {
            let mut y = 0;
            while y < n {
                let len = (y..n).take_while(|&i| single[i * n + x]).count();
                if len > 0 {
                    strokes.push((x, y, len, true));
                }
                y += len.max(1);
            }
        }
        strokes
    }
}

impl Element for Qr {
    fn render(&mut self, _: &Context, area: Area<'_>, style: Style) -> Result<RenderResult, Error> {
        let side = self.side();
        if area.size().width < side || area.size().height < side {
            return Ok(RenderResult {
                size: Size::new(0, 0),
                has_more: true,
            });
        }
        // A one-point stroke along the middle of its modules covers them exactly.
        let edge = |modules: usize| Mm::from(self.modules_to_mm(modules + QUIET));
        let middle = |modules: usize| Mm::from(self.modules_to_mm(modules + QUIET) + MODULE / 2.0);
        for (x, y, len, vertical) in self.strokes() {
            let (from, to) = if vertical {
                (
                    Position::new(middle(x), edge(y)),
                    Position::new(middle(x), edge(y + len)),
                )
            } else {
                (
                    Position::new(edge(x), middle(y)),
                    Position::new(edge(x + len), middle(y)),
                )
            };
            area.draw_line(vec![from, to], style);
        }
        Ok(RenderResult {
            size: Size::new(side, side),
            has_more: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strokes_cover_exactly_the_dark_modules() {
        let qr = Qr::new("ST00012|Name=ООО «УК Примерная»|PersAcc=1001|Sum=152113").unwrap();
        let mut drawn = vec![0; qr.dark.len()];
        for (x, y, len, vertical) in qr.strokes() {
            for i in 0..len {
                let (cx, cy) = if vertical { (x, y + i) } else { (x + i, y) };
                drawn[cy * qr.width + cx] += 1;
            }
        }
        let expected: Vec<i32> = qr.dark.iter().map(|&d| i32::from(d)).collect();
        assert_eq!(drawn, expected);
    }
}
