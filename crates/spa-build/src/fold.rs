//! The chunks the split shares between groups, folded into the file of a group every page
//! needing them loads anyway: one file instead of several, less brotli (compressed
//! together) and fewer requests on a page's first load.
//!
//! The split's modules link through what the main module gives each of them under
//! `__wasm_split` (its memory, table, stack pointer); binaryen's wasm-merge joins modules by
//! linking one's imports to another's exports. So the group's module re-exports what it
//! imports from there, the chunks import it from the group's, and after the merge the
//! re-exports go again.

use crate::wasm::{Groups, LOADER};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::Path;
use walrus::{ExportItem, ImportKind, Module};

/// The groups each kind of page loads, in order, as `boot.js` and `frontend/src/chunks.rs`
/// put them: the pages without an account (registration, the profile), the desk's, an
/// account's money sections, its `care` sections (whose frame is in `money`). The sign-in
/// page loads none.
const PAGES: &[&[&str]] = &[
    &["welcome"],
    &["welcome", "desk"],
    &["welcome", "money"],
    &["welcome", "money", "care"],
];
/// Where the split's modules import the main module's memory, table and globals from.
const SHARED: &str = "__wasm_split";
/// The group's module's name in the merge.
const MERGED: &str = "first";

/// Folds each shared chunk that has a home (`home_of`) into that group's file in `split`,
/// the loader and `groups` with them.
pub fn fold_shared_chunks(split: &Path, groups: &mut Groups) -> Result<()> {
    let mut homes: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for chunk in groups.values().flatten() {
        let needing: Vec<&str> = groups
            .iter()
            .filter(|(_, files)| files.contains(chunk))
            .map(|(group, _)| group.as_str())
            .collect();
        if let Some(home) = home_of(&needing) {
            let chunks = homes.entry(home).or_default();
            if *chunk != own_file(home) && !chunks.contains(chunk) {
                chunks.push(chunk.clone());
            }
        }
    }
    let loader = split.join(LOADER);
    let mut js = std::fs::read_to_string(&loader)?;
    for (home, chunks) in homes.iter().filter(|(_, c)| !c.is_empty()) {
        let own = own_file(home);
        merge(split, &own, chunks)?;
        js = fold_loader(&js, home, chunks)?;
        for files in groups.values_mut() {
            let mut folded = Vec::new();
            for file in files.iter() {
                let file = if chunks.contains(file) { &own } else { file };
                if !folded.contains(file) {
                    folded.push(file.clone());
                }
            }
            *files = folded;
        }
    }
    std::fs::write(&loader, js)?;
    Ok(())
}

fn own_file(group: &str) -> String {
    format!("split_{group}.wasm")
}

/// The group a chunk needed by `groups` goes into: the last one that every page needing the
/// chunk loads, when no page of a section (one loading more than `welcome`) would then
/// download the chunk without needing it.
fn home_of(groups: &[&str]) -> Option<&'static str> {
    let needing: Vec<&[&str]> = PAGES
        .iter()
        .copied()
        .filter(|page| page.iter().any(|g| groups.contains(g)))
        .collect();
    let first = needing.first()?;
    first.iter().rev().copied().find(|home| {
        needing.iter().all(|page| page.contains(home))
            && PAGES
                .iter()
                .all(|page| !page.contains(home) || needing.contains(page) || page.len() == 1)
    })
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

/// The split's loader with the `folded` chunks loaded as `home`'s file: each one's loader
/// waits for that file instead of fetching its own, and `home`'s own loader no longer
/// waits for them. Fails on a loader of another shape than the one `wasm_split_cli_support`
/// (pinned) writes.
fn fold_loader(js: &str, home: &str, folded: &[String]) -> Result<String> {
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
        // Called, not referred to, as a group loads: the group's loader is defined further
        // down.
        js.replace_range(start..end, &format!("const {name} = () => __{home}();\n"));
    }
    let export = format!("export const __wasm_split_load_{home} = wrapAsyncCb(makeLoad(");
    let start = js
        .find(&export)
        .with_context(|| format!("the {home} group's loader in {LOADER}"))?;
    let end = start
        + js[start..]
            .find(GROUP_END)
            .with_context(|| format!("the end of the {home} group's loader"))?;
    let deps_start = js[..end]
        .rfind(", [")
        .with_context(|| format!("the {home} group's chunks"))?
        + ", [".len();
    let deps: Vec<&str> = js[deps_start..end]
        .split(", ")
        .filter(|d| !d.is_empty() && !names.iter().any(|n| n == d))
        .collect();
    let tail = format!(
        "{}]);\nexport const __wasm_split_load_{home} = wrapAsyncCb(__{home});\n",
        deps.join(", ")
    );
    js.replace_range(deps_start..end + GROUP_END.len(), &tail);
    js.replace_range(
        start..start + export.len(),
        &format!("const __{home} = makeLoad("),
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
        let folded = fold_loader(
            &js,
            "welcome",
            &["chunk_7.wasm".into(), "chunk_8.wasm".into()],
        )
        .unwrap();
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
    fn a_chunk_goes_where_every_page_needing_it_loads_it_anyway() {
        assert_eq!(home_of(&["care", "money"]), Some("money"));
        assert_eq!(home_of(&["care", "desk", "money"]), Some("welcome"));
        assert_eq!(home_of(&["desk", "money"]), Some("welcome"));
        assert_eq!(home_of(&["care", "welcome"]), Some("welcome"));
        // In `welcome`, an account's card would download it for the desk and `care`.
        assert_eq!(home_of(&["care", "desk"]), None);
        assert_eq!(home_of(&["elsewhere"]), None);
    }

    #[test]
    fn two_groups_take_chunks_in_one_loader() {
        let js = [
            chunk(5),
            chunk(9),
            group("welcome", "__chunk_5"),
            group("money", "__chunk_5, __chunk_9"),
            group("care", "__chunk_9"),
        ]
        .concat();
        let js = fold_loader(&js, "welcome", &["chunk_5.wasm".into()]).unwrap();
        let js = fold_loader(&js, "money", &["chunk_9.wasm".into()]).unwrap();
        assert!(js.contains("const __chunk_9 = () => __money();\n"));
        assert!(
            js.contains(
                "\n, [__chunk_5]);\nexport const __wasm_split_load_money = wrapAsyncCb(__money);\n"
            ),
            "{js}"
        );
        assert!(
            js.contains("\n, [__chunk_9]));\n"),
            "care waits for money's file: {js}"
        );
    }

    #[test]
    fn a_loader_of_another_shape_is_refused() {
        assert!(fold_loader(
            &group("welcome", "__chunk_7"),
            "welcome",
            &["chunk_7.wasm".into()]
        )
        .is_err());
    }
}
