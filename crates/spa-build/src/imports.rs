//! The main module's imports from its JS glue, renamed short in both. wasm-bindgen names
//! each import after the function and a hash of its signature (`__wbg_document_3b5c…`):
//! 160 names of 30 characters, written twice (the module's import section and the glue's
//! import object), whose hashes brotli cannot compress. Short names take 3.5 KiB off the
//! sign-in page.

use crate::bound::Bound;
use crate::wasm::APP;
use anyhow::{bail, Result};

/// Renames the main module's imports from its glue, in both.
pub fn shorten(bound: &mut Bound) -> Result<()> {
    let glue = format!("./{APP}_bg.js");
    for (n, import) in bound
        .module
        .imports
        .iter_mut()
        .filter(|i| i.module == glue)
        .enumerate()
    {
        let short = short_name(n);
        bound.js = rename(&bound.js, &import.name, &short)?;
        import.name = short;
    }
    Ok(())
}

/// `js` with the import object's key `name` renamed `short`. The names end in a hash, so
/// no name is part of another; one that is not there as a key means glue of another shape.
fn rename(js: &str, name: &str, short: &str) -> Result<String> {
    let key = format!(" {name}: ");
    if js.matches(&key).count() != 1 {
        bail!("the import {name} is not a key of the glue's import object once");
    }
    Ok(js.replace(&key, &format!(" {short}: ")))
}

/// `a`…`z`, `ba`…: letters only, so every name is a property name in JS.
fn short_name(mut n: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_distinct_letters() {
        let names: Vec<String> = (0..700).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[26], "ba");
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        assert!(names
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn a_key_is_renamed_where_it_is_defined() {
        let js = "const import0 = {\n        __wbg_now_463ac581d2fc7ea3: function() {\n            return Date.now();\n        },\n    };";
        let renamed = rename(js, "__wbg_now_463ac581d2fc7ea3", "a").unwrap();
        assert_eq!(renamed, js.replace("__wbg_now_463ac581d2fc7ea3", "a"));
        assert!(rename(js, "__wbg_document_3b5c3071b43e97ee", "b").is_err());
    }
}
