//! Turns receipts into a PDF with the fonts loaded once.

use genpdf::fonts::{FontData, FontFamily};
use genpdf::{Document, Margins, PaperSize, SimplePageDecorator};
use printpdf::BuiltinFont;

use crate::{layout, Error, Receipt};

/// DejaVu Sans Condensed cut down to what a receipt prints (see `scripts/subset-fonts.sh`).
const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSansCondensed.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSansCondensed-Bold.ttf");

/// The receipt's type, parsed once; each document embeds its regular and bold faces.
#[derive(Clone)]
pub struct Printer {
    fonts: FontFamily<FontData>,
}

impl Printer {
    pub fn new() -> Result<Printer, Error> {
        let load =
            |bytes: &[u8], builtin| FontData::new(bytes.to_vec(), builtin).map_err(Error::Fonts);
        // The receipt prints no italics. genpdf embeds every face of a family, so the two
        // italic ones stand for a built-in PDF font: measured by DejaVu, never drawn,
        // and nothing embedded (each embedded face costs ~25 KB and ~8 ms).
        Ok(Printer {
            fonts: FontFamily {
                regular: load(REGULAR, None)?,
                bold: load(BOLD, None)?,
                italic: load(REGULAR, Some(BuiltinFont::Helvetica))?,
                bold_italic: load(BOLD, Some(BuiltinFont::HelveticaBold))?,
            },
        })
    }

    /// One PDF, each receipt on a page of its own (more when it is long).
    pub fn render(&self, receipts: &[Receipt]) -> Result<Vec<u8>, Error> {
        let mut doc = Document::new(self.fonts.clone());
        doc.set_title(match receipts {
            [one] => format!(
                "Квитанция, л/с {}, {}",
                one.payer.account_number, one.period
            ),
            _ => "Квитанции".to_owned(),
        });
        doc.set_minimal_conformance();
        doc.set_paper_size(PaperSize::A4);
        doc.set_font_size(8);
        doc.set_line_spacing(1.1);
        let mut pages = SimplePageDecorator::new();
        pages.set_margins(Margins::all(10));
        doc.set_page_decorator(pages);
        for (i, receipt) in receipts.iter().enumerate() {
            if i > 0 {
                doc.push(genpdf::elements::PageBreak::new());
            }
            doc.push(layout::receipt(receipt)?);
        }
        let mut pdf = Vec::new();
        doc.render(&mut pdf)?;
        Ok(pdf)
    }
}
