//! JS classes a dependency exports that the app never uses, removed from the main module
//! and its glue. wasm-streams, which Leptos's server functions link, exports three classes
//! wrapping Rust streams as JS ones; the app converts no stream, so their methods are
//! reachable only through these exports, and wasm-opt drops the code once they are gone.

use crate::bound::Bound;
use anyhow::{bail, Result};

const CLASSES: [&str; 3] = [
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
    "IntoUnderlyingSource",
];

pub fn remove_classes(bound: &mut Bound) -> Result<()> {
    for class in CLASSES {
        remove_exports(&mut bound.module, &class.to_lowercase())?;
        bound.js = remove_from_glue(&bound.js, class)?;
    }
    bound.js = remove_unused_enums(&bound.js);
    Ok(())
}

/// The class's methods (`{class}_{method}`) and destructor (`__wbg_{class}_free`).
fn remove_exports(module: &mut walrus::Module, class: &str) -> Result<()> {
    let (methods, free) = (format!("{class}_"), format!("__wbg_{class}_free"));
    let ids: Vec<_> = module
        .exports
        .iter()
        .filter(|e| e.name.starts_with(&methods) || e.name == free)
        .map(|e| e.id())
        .collect();
    if ids.is_empty() {
        bail!("the main module exports nothing of the class {class}");
    }
    for id in ids {
        module.exports.delete(id);
    }
    Ok(())
}

/// `js` without the class's definition and its finalization registry. The glue must not
/// name the class anywhere else: a use of it would otherwise fail only in the browser.
fn remove_from_glue(js: &str, class: &str) -> Result<String> {
    let definition = cut(
        js,
        &format!("export class {class} {{\n"),
        &format!(
            "if (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;\n"
        ),
    )?;
    let js = cut(
        &definition,
        &format!("const {class}Finalization = "),
        ");\n",
    )?;
    if js.contains(class) {
        bail!("the glue uses the class {class} beyond its definition");
    }
    Ok(js)
}

/// `js` without the one piece from `start` to the first `end` after it, both included.
fn cut(js: &str, start: &str, end: &str) -> Result<String> {
    let (Some(from), 1) = (js.find(start), js.matches(start).count()) else {
        bail!("the glue does not hold {:?} once", start.trim_end());
    };
    let Some(length) = js[from..].find(end) else {
        bail!("the glue's {:?} has no end", start.trim_end());
    };
    let to = from + length + end.len();
    Ok(format!("{}{}", &js[..from], &js[to..]))
}

/// wasm-bindgen's tables of enum names (`const __wbindgen_enum_… = [...];`) no code
/// uses once the classes are gone.
fn remove_unused_enums(js: &str) -> String {
    js.lines()
        .filter(|line| {
            let Some(name) = line
                .strip_prefix("const ")
                .and_then(|rest| rest.split(' ').next())
                .filter(|name| name.starts_with("__wbindgen_enum_"))
            else {
                return true;
            };
            js.matches(name).count() > 1
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "export class IntoUnderlyingSink {\n    free() {\n        wasm.__wbg_intounderlyingsink_free(ptr, 0);\n    }\n    get type() {\n        return __wbindgen_enum_ReadableStreamType[ret];\n    }\n}\nif (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;\nfunction __wbg_get_imports() {\n    return __wbindgen_enum_RequestMode.indexOf(arg0);\n}\nconst __wbindgen_enum_ReadableStreamType = [\"bytes\"];\nconst __wbindgen_enum_RequestMode = [\"cors\"];\nconst IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')\n    ? { register: () => {}, unregister: () => {} }\n    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr, 1));\nexport default init;\n";

    #[test]
    fn a_class_goes_from_the_glue_with_its_registry_and_enum() {
        let js = remove_unused_enums(&remove_from_glue(GLUE, "IntoUnderlyingSink").unwrap());
        assert_eq!(
            js,
            "function __wbg_get_imports() {\n    return __wbindgen_enum_RequestMode.indexOf(arg0);\n}\nconst __wbindgen_enum_RequestMode = [\"cors\"];\nexport default init;\n"
        );
    }

    #[test]
    fn glue_of_another_shape_is_refused() {
        let used = GLUE.replace(
            "export default",
            "new IntoUnderlyingSink();\nexport default",
        );
        assert!(remove_from_glue(&used, "IntoUnderlyingSink").is_err());
        assert!(remove_from_glue(GLUE, "IntoUnderlyingSource").is_err());
        let unended = GLUE.replace("if (Symbol.dispose)", "if (dispose)");
        assert!(remove_from_glue(&unended, "IntoUnderlyingSink").is_err());
    }

    #[test]
    fn a_class_without_exports_is_refused() {
        let mut module = walrus::Module::default();
        assert!(remove_exports(&mut module, "intounderlyingsink").is_err());
        let function = walrus::FunctionBuilder::new(&mut module.types, &[], &[])
            .finish(vec![], &mut module.funcs);
        for name in [
            "intounderlyingsink_write",
            "__wbg_intounderlyingsink_free",
            "main",
        ] {
            module.exports.add(name, function);
        }
        remove_exports(&mut module, "intounderlyingsink").unwrap();
        let left: Vec<_> = module.exports.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(left, ["main"]);
    }
}
