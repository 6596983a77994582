//! The chunks the first group shares, folded into its own file. Every page but the sign-in
//! page loads `welcome` (the routes, `frontend/src/chunks.rs`) before any other group, so a
//! chunk that `welcome` shares with others comes with it anyway: one file instead of eight,
//! 8 KiB less brotli (compressed together) and seven requests fewer on a page's first load.
//!
//! The split's modules link through what the main module gives each of them under
//! `__wasm_split` (its memory, table, stack pointer); binaryen's wasm-merge joins modules by
//! linking one's imports to another's exports. So the first module re-exports what it
//! imports from there, the others import it from the first, and after the merge the
//! re-exports go again.

use crate::wasm::{Groups, LOADER};
use anyhow::{Context, Result};
use std::path::Path;
use walrus::{ExportItem, ImportKind, Module};

/// The group loaded before any other.
const FIRST: &str = "welcome";
/// Where the split's modules import the main module's memory, table and globals from.
const SHARED: &str = "__wasm_split";
/// The first module's name in the merge.
const MERGED: &str = "first";

/// Folds the chunks `FIRST` shares into its file in `split`, the loader and `groups` with
/// them.
pub fn fold_first_group(split: &Path, groups: &mut Groups) -> Result<()> {
    let own = format!("split_{FIRST}.wasm");
    let Some(files) = groups.get(FIRST) else {
        return Ok(());
    };
    let shared: Vec<String> = files.iter().filter(|f| **f != own).cloned().collect();
    if shared.is_empty() {
        return Ok(());
    }
    merge(split, &own, &shared)?;
    let loader = split.join(LOADER);
    let js = std::fs::read_to_string(&loader)?;
    std::fs::write(&loader, fold_loader(&js, &shared)?)?;
    for files in groups.values_mut() {
        let mut folded = Vec::new();
        for file in files.iter() {
            let file = if shared.contains(file) { &own } else { file };
            if !folded.contains(file) {
                folded.push(file.clone());
            }
        }
        *files = folded;
    }
    Ok(())
}

/// Merges `others` into `first` (files in `dir`) and deletes them.
fn merge(dir: &Path, first: &str, others: &[String]) -> Result<()> {
    let mut module = Module::from_file(dir.join(first))?;
    let items: Vec<(String, ExportItem)> = module
        .imports
        .iter()
        .filter(|i| i.module == SHARED)
        .map(|i| (i.name.clone(), export_of(&i.kind)))
        .collect();
    let linked: Vec<String> = items.iter().map(|(name, _)| name.clone()).collect();
    for (name, item) in items {
        module.exports.add(&name, item);
    }
    let mut args = vec![format!("{first}.linked"), MERGED.to_owned()];
    module.emit_wasm_file(dir.join(&args[0]))?;
    for other in others {
        let mut module = Module::from_file(dir.join(other))?;
        for import in module.imports.iter_mut() {
            if import.module == SHARED && linked.contains(&import.name) {
                import.module = MERGED.to_owned();
            }
        }
        let file = format!("{other}.linked");
        module.emit_wasm_file(dir.join(&file))?;
        args.extend([file, other.clone()]);
    }
    let mut merge_args: Vec<&str> = args.iter().map(String::as_str).collect();
    merge_args.extend(["-o", first]);
    crate::binaryen::run("wasm-merge", dir, &merge_args)?;
    let mut merged = Module::from_file(dir.join(first))?;
    let reexports: Vec<_> = merged
        .exports
        .iter()
        .filter(|e| linked.contains(&e.name))
        .map(|e| e.id())
        .collect();
    for id in reexports {
        merged.exports.delete(id);
    }
    merged.emit_wasm_file(dir.join(first))?;
    for file in args.iter().step_by(2).chain(others) {
        std::fs::remove_file(dir.join(file))?;
    }
    Ok(())
}

fn export_of(kind: &ImportKind) -> ExportItem {
    match *kind {
        ImportKind::Function(f) => ExportItem::Function(f),
        ImportKind::Table(t) => ExportItem::Table(t),
        ImportKind::Memory(m) => ExportItem::Memory(m),
        ImportKind::Global(g) => ExportItem::Global(g),
        ImportKind::Tag(t) => ExportItem::Tag(t),
    }
}

/// The split's loader with the `folded` chunks loaded as the first group's file: each
/// one's loader waits for that file instead of fetching its own, and the first group's
/// own loader no longer waits for them. Fails on a loader of another shape than the one
/// `wasm_split_cli_support` (pinned) writes.
fn fold_loader(js: &str, folded: &[String]) -> Result<String> {
    let names: Vec<String> = folded
        .iter()
        .map(|f| format!("__{}", f.trim_end_matches(".wasm")))
        .collect();
    let mut js = js.to_owned();
    for name in &names {
        let start = js
            .find(&format!("const {name} = makeLoad("))
            .with_context(|| format!("{name}'s loader in {LOADER}"))?;
        let end = start
            + js[start..]
                .find(CHUNK_END)
                .with_context(|| format!("the end of {name}'s loader"))?
            + CHUNK_END.len();
        // Called, not referred to, as a group loads: the first group's loader is defined
        // further down.
        js.replace_range(start..end, &format!("const {name} = () => __{FIRST}();\n"));
    }
    let export = format!("export const __wasm_split_load_{FIRST} = wrapAsyncCb(makeLoad(");
    let start = js
        .find(&export)
        .with_context(|| format!("the {FIRST} group's loader in {LOADER}"))?;
    let end = start
        + js[start..]
            .find(GROUP_END)
            .context("the end of the first group's loader")?;
    let deps_start = js[..end].rfind(", [").context("the first group's chunks")? + ", [".len();
    let deps: Vec<&str> = js[deps_start..end]
        .split(", ")
        .filter(|d| !d.is_empty() && !names.iter().any(|n| n == d))
        .collect();
    let tail = format!(
        "{}]);\nexport const __wasm_split_load_{FIRST} = wrapAsyncCb(__{FIRST});\n",
        deps.join(", ")
    );
    js.replace_range(deps_start..end + GROUP_END.len(), &tail);
    js.replace_range(
        start..start + export.len(),
        &format!("const __{FIRST} = makeLoad("),
    );
    Ok(js)
}

/// How a chunk's loader ends (it waits for no other chunk), and a group's.
const CHUNK_END: &str = "\n, []);\n";
const GROUP_END: &str = "]));\n";

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(n: u32) -> String {
        format!(
            "/* a, b */\nconst __chunk_{n} = makeLoad(() => {{\n    const src = fetch(new URL(\"./chunk_{n}.wasm\", import.meta.url));\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}}\n, []);\n"
        )
    }

    fn group(name: &str, deps: &str) -> String {
        format!(
            "export const __wasm_split_load_{name} = wrapAsyncCb(makeLoad(() => {{\n    const src = fetch(new URL(\"./split_{name}.wasm\", import.meta.url));\n}}\n, [{deps}]));\n"
        )
    }

    #[test]
    fn the_folded_chunks_load_as_the_first_group() {
        let js = [
            chunk(5),
            chunk(7),
            chunk(8),
            group("welcome", "__chunk_7, __chunk_8"),
            group("money", "__chunk_5, __chunk_7"),
            group("desk", "__chunk_8"),
        ]
        .concat();
        let folded = fold_loader(&js, &["chunk_7.wasm".into(), "chunk_8.wasm".into()]).unwrap();
        assert!(folded.contains("const __chunk_7 = () => __welcome();\n"));
        assert!(folded.contains("const __chunk_8 = () => __welcome();\n"));
        assert!(!folded.contains("chunk_7.wasm"), "{folded}");
        assert!(folded.contains("chunk_5.wasm"));
        assert!(folded.contains("const __welcome = makeLoad(() => {"));
        assert!(folded.contains(
            "\n, []);\nexport const __wasm_split_load_welcome = wrapAsyncCb(__welcome);\n"
        ));
        assert!(
            folded.contains("\n, [__chunk_5, __chunk_7]));\n"),
            "money waits for chunk 7, now welcome's file: {folded}"
        );
    }

    #[test]
    fn a_loader_of_another_shape_is_refused() {
        assert!(fold_loader(&group("welcome", "__chunk_7"), &["chunk_7.wasm".into()]).is_err());
    }
}
