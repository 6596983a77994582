//! The main module and its JS glue as wasm-bindgen wrote them, read once, edited together
//! (the glue calls the module's exports and supplies its imports by name) and written back.

use crate::wasm::APP;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use walrus::Module;

pub struct Bound {
    pub module: Module,
    pub js: String,
    wasm_path: PathBuf,
    js_path: PathBuf,
}

impl Bound {
    /// `app_bg.wasm` and `app.js` in `stage`.
    pub fn open(stage: &Path) -> Result<Self> {
        let wasm_path = stage.join(format!("{APP}_bg.wasm"));
        let js_path = stage.join(format!("{APP}.js"));
        let module = Module::from_file(&wasm_path)
            .with_context(|| format!("reading {}", wasm_path.display()))?;
        let js = std::fs::read_to_string(&js_path)
            .with_context(|| format!("reading {}", js_path.display()))?;
        Ok(Self {
            module,
            js,
            wasm_path,
            js_path,
        })
    }

    pub fn save(mut self) -> Result<()> {
        self.module.emit_wasm_file(&self.wasm_path)?;
        std::fs::write(&self.js_path, self.js)
            .with_context(|| format!("writing {}", self.js_path.display()))
    }
}
