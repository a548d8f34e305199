//! The crate's top-level modules depend on each other without cycles, so each
//! layer can be read, tested and replaced on its own (values and kernels
//! below the op registry, graphs above it, sessions above graphs).
//!
//! Edges are read from the sources (`crate::<module>` paths) with std only;
//! test code (files named `tests.rs` / `*_tests.rs` and a trailing
//! `#[cfg(test)] mod`) may reach across layers and is not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Deps = BTreeMap<String, BTreeSet<String>>;

/// The part of a source file that is not test code, comments dropped.
fn non_test_code(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let next = lines.get(i + 1).map_or("", |l| l.trim_start());
        if t.starts_with("#[cfg(test)]")
            && (next.starts_with("mod ") || next.starts_with("pub mod "))
        {
            break;
        }
        if !t.starts_with("//") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The `crate::<name>` modules a piece of code names.
fn crate_refs(code: &str) -> BTreeSet<String> {
    let mut refs = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let name: String = code[i + 7..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            refs.insert(name);
        }
    }
    refs
}

fn collect(dir: &Path, module: Option<&str>, deps: &mut Deps) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(stem) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        let owner = module.unwrap_or(&stem).to_string();
        if path.is_dir() {
            collect(&path, Some(&owner), deps);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs")
            || stem == "tests"
            || stem.ends_with("_tests")
            || stem == "module_deps"
            || (module.is_none() && stem == "lib")
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let refs = crate_refs(&non_test_code(&text));
        let set = deps.entry(owner.clone()).or_default();
        set.extend(refs.into_iter().filter(|r| *r != owner));
    }
}

/// A cycle through `start`, if there is one (depth-first search).
fn cycle(deps: &Deps, start: &str) -> Option<Vec<String>> {
    fn walk(deps: &Deps, at: &str, path: &mut Vec<String>, seen: &mut BTreeSet<String>) -> bool {
        for next in deps.get(at).into_iter().flatten() {
            if next == &path[0] {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(deps, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_string()];
    let mut seen = BTreeSet::new();
    walk(deps, start, &mut path, &mut seen).then_some(path)
}

#[test]
fn module_dependencies_are_acyclic() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("rust/src");
    let mut deps = Deps::new();
    collect(&src, None, &mut deps);
    assert!(deps.contains_key("graph") && deps.contains_key("kernels"));
    let cycles: Vec<String> = deps
        .keys()
        .filter_map(|m| cycle(&deps, m))
        .map(|c| c.join(" -> "))
        .collect();
    assert!(cycles.is_empty(), "module cycles: {cycles:#?}");
}

#[test]
fn the_checker_sees_cycles_and_skips_tests() {
    let code = non_test_code(
        "use crate::a::X;\n// crate::b\nlet y = crate::c::f();\n#[cfg(test)]\nmod tests {\n use crate::d;\n}\n",
    );
    let refs: Vec<String> = crate_refs(&code).into_iter().collect();
    assert_eq!(refs, ["a", "c"]);
    let mut deps = Deps::new();
    deps.entry("a".into()).or_default().insert("b".into());
    deps.entry("b".into()).or_default().insert("a".into());
    assert_eq!(cycle(&deps, "a").unwrap(), ["a", "b", "a"]);
}
