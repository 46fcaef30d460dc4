//! The walls between the layers, checked on the source tree itself so they cannot erode
//! unnoticed: which layer may name which crate or module, the size of every file, and no
//! import circle between the layers or between two files of one layer.
//!
//! Non-test code only: test modules (`tests.rs` files and inline `#[cfg(test)] mod tests`)
//! may drive `update` and draw with `ui` to check them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

struct File {
    /// `core::update::navigation`
    module: String,
    /// Relative to `src/`.
    path: String,
    /// The non-test code.
    code: String,
    lines: usize,
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The code before the first `#[cfg(test)]` (test modules close every file that has one).
fn non_test(text: &str) -> String {
    match text.find("#[cfg(test)]") {
        Some(i) => text[..i].to_string(),
        None => text.to_string(),
    }
}

/// Lines that are code, not comments (`//`, `//!`, `///`).
fn code_lines(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Modules declared test-only (`#[cfg(test)] mod name;`), as `ui::sweep`.
fn test_modules() -> BTreeSet<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = vec![];
    rs_files(&src, &mut paths);
    let mut out = BTreeSet::new();
    for p in paths {
        let rel = p
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let mut parts: Vec<&str> = rel.trim_end_matches(".rs").split('/').collect();
        if matches!(parts.last(), Some(&"mod") | Some(&"lib") | Some(&"main")) {
            parts.pop();
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for w in lines.windows(2) {
            if w[0] == "#[cfg(test)]" {
                let decl = w[1]
                    .trim_start_matches("pub(crate) ")
                    .trim_start_matches("pub ");
                if let Some(name) = decl.strip_prefix("mod ").and_then(|d| d.strip_suffix(';')) {
                    let mut m = parts.clone();
                    m.push(name);
                    out.insert(m.join("::"));
                }
            }
        }
    }
    out
}

fn files() -> Vec<File> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = vec![];
    rs_files(&src, &mut paths);
    paths.sort();
    let tests = test_modules();
    paths
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&p).unwrap();
            let mut parts: Vec<&str> = rel.trim_end_matches(".rs").split('/').collect();
            if parts.last() == Some(&"mod") {
                parts.pop();
            }
            let module = match parts.as_slice() {
                ["lib"] | ["main"] => String::new(),
                _ => parts.join("::"),
            };
            let is_test = parts.last() == Some(&"tests") || tests.contains(&parts.join("::"));
            File {
                module,
                lines: text.lines().count(),
                code: if is_test {
                    String::new()
                } else {
                    code_lines(&non_test(&text))
                },
                path: rel,
            }
        })
        .collect()
}

/// The top-level layer a module belongs to: `core::update::navigation` → `core`.
fn layer(module: &str) -> &str {
    module.split("::").next().unwrap_or("")
}

/// The finer part the walls speak of: `core::update`, `core::model`, else the layer.
fn part(module: &str) -> &str {
    let mut segs = module.split("::");
    match (segs.next(), segs.next()) {
        (Some("core"), Some("update")) => "core::update",
        (Some("core"), Some("model")) => "core::model",
        (Some(l), _) => l,
        _ => "",
    }
}

/// Every `crate::a::b…` path named in the code, longest module prefix that exists.
fn imports(f: &File, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let code = &f.code;
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        // `crate::{a, b::c}` groups: take each path inside the braces.
        let mut heads: Vec<String> = vec![];
        if let Some(stripped) = rest.strip_prefix('{') {
            let end = stripped.find('}').unwrap_or(stripped.len());
            for item in stripped[..end].split(',') {
                heads.push(item.trim().to_string());
            }
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let path = &rest[..end];
            // `crate::core::model::{A, b::C}`: the prefix, then each item.
            if rest[end..].starts_with('{') {
                let inner = &rest[end + 1..];
                let close = inner.find('}').unwrap_or(inner.len());
                for item in inner[..close].split(',') {
                    heads.push(format!("{path}{}", item.trim()));
                }
            }
            heads.push(path.trim_end_matches(':').to_string());
        }
        for h in heads {
            let segs: Vec<&str> = h.split("::").filter(|s| !s.is_empty()).collect();
            for n in (1..=segs.len()).rev() {
                let cand = segs[..n].join("::");
                if modules.contains(&cand) {
                    out.insert(cand);
                    break;
                }
            }
        }
    }
    out
}

#[test]
fn the_top_of_src_names_the_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let top: Vec<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rs"))
        .collect();
    assert!(top.len() <= 4, "files directly in src/: {top:?}");
    for layer in ["cli", "app", "core", "ui", "domain", "auth", "cognito"] {
        assert!(src.join(layer).is_dir(), "src/{layer}/ is missing");
    }
}

#[test]
fn no_file_is_over_a_thousand_lines() {
    let big: Vec<(String, usize)> = files()
        .into_iter()
        .filter(|f| f.lines > 1000)
        .map(|f| (f.path, f.lines))
        .collect();
    assert!(big.is_empty(), "split these by concern: {big:?}");
}

#[test]
fn every_module_says_what_it_owns() {
    let missing: Vec<String> = files()
        .into_iter()
        .filter(|f| {
            let text = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("src")
                    .join(&f.path),
            )
            .unwrap();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.path)
        .collect();
    assert!(missing.is_empty(), "no `//!` header: {missing:?}");
}

/// (layer, what it must not name in non-test code, why)
const WALLS: &[(&str, &str, &str)] = &[
    ("core", "aws_sdk", "only cognito/ imports an AWS SDK"),
    ("core::model", "aws_sdk", "only cognito/ imports an AWS SDK"),
    (
        "core::update",
        "aws_sdk",
        "only cognito/ imports an AWS SDK",
    ),
    ("ui", "aws_sdk", "only cognito/ imports an AWS SDK"),
    ("domain", "aws_sdk", "only cognito/ imports an AWS SDK"),
    ("auth", "aws_sdk", "only cognito/ imports an AWS SDK"),
    ("cli", "aws_sdk", "only cognito/ imports an AWS SDK"),
    ("core", "aws_config", "only cognito/ imports an AWS SDK"),
    ("ui", "aws_config", "only cognito/ imports an AWS SDK"),
    ("domain", "aws_config", "only cognito/ imports an AWS SDK"),
    ("auth", "aws_config", "only cognito/ imports an AWS SDK"),
    ("core", "aws_smithy", "only cognito/ imports an AWS SDK"),
    ("domain", "aws_smithy", "only cognito/ imports an AWS SDK"),
    ("auth", "aws_smithy", "only cognito/ imports an AWS SDK"),
    ("ui", "aws_smithy", "only cognito/ imports an AWS SDK"),
    ("cognito", "ratatui", "the gateway never sees the screen"),
    ("cognito", "crate::core", "the gateway never sees the Model"),
    ("cognito", "crate::ui", "the gateway never sees the screen"),
    ("domain", "ratatui", "domain types know no screen"),
    ("auth", "ratatui", "the sign-in engine knows no screen"),
    ("core", "ratatui", "the pure half draws nothing"),
    ("core::model", "ratatui::Frame", "the model draws nothing"),
    ("core::update", "ratatui", "update draws nothing"),
    ("core::update", "crate::ui", "update never calls ui"),
    ("ui", "crate::core::update", "ui never calls update"),
    ("ui", "crate::app", "ui never reaches the runtime"),
    ("ui", "crate::cognito", "ui never reaches the gateway"),
    (
        "core::update",
        "crate::cognito::",
        "update never touches the gateway",
    ),
    (
        "core::model",
        "crate::cognito::",
        "the model holds domain types, not the gateway",
    ),
    ("domain", "crate::core", "domain sits below the app"),
    ("auth", "crate::core", "the engine sits below the app"),
    ("auth", "crate::cognito", "the engine sends nothing itself"),
];

/// Reads of the clock, randomness and I/O the pure layers must not do.
const IMPURE: &[&str] = &[
    "tokio::",
    "std::fs",
    "std::net",
    "SystemTime::now",
    "Instant::now",
    "now_utc",
    "OsRng",
    "thread_rng",
    "rand::random",
    "std::process",
    "std::env::var",
];

#[test]
fn the_walls_hold() {
    let mut broken = vec![];
    for f in files() {
        let l = part(&f.module);
        for (wl, needle, why) in WALLS {
            // A `core` wall covers every part of core unless a finer one names it.
            let applies = *wl == l || (*wl == "core" && l.starts_with("core"));
            if applies && f.code.contains(needle) {
                broken.push(format!("{}: names `{needle}` ({why})", f.path));
            }
        }
        if [
            "core",
            "core::model",
            "core::update",
            "domain",
            "auth",
            "ui",
        ]
        .contains(&l)
        {
            for needle in IMPURE {
                if f.code.contains(needle) {
                    broken.push(format!("{}: `{needle}` in a pure layer", f.path));
                }
            }
        }
    }
    assert!(broken.is_empty(), "walls broken:\n{}", broken.join("\n"));
}

/// The only files that may call C or use `unsafe`, each with why. Such a file carries
/// `#![allow(unsafe_code)]` and a `// SAFETY:` comment on every `unsafe` block and impl; the
/// rest of the crate has none.
const FFI: &[(&str, &str)] = &[
    (
        "auth/srp/awslc.rs",
        "aws-lc's constant-time Montgomery arithmetic for SRP (aws-lc-sys, linked by the SDK)",
    ),
    (
        "auth/srp/ifma.rs",
        "AVX-512 IFMA intrinsics for SRP's Montgomery arithmetic (target features, vector loads)",
    ),
];

#[test]
fn only_the_listed_files_call_c_and_each_unsafe_says_why() {
    let mut broken = vec![];
    for f in files() {
        let listed = FFI.iter().any(|(path, _)| *path == f.path);
        if !listed {
            for needle in ["unsafe", "aws_lc_sys"] {
                if f.code.contains(needle) {
                    broken.push(format!("{}: `{needle}` outside the FFI list", f.path));
                }
            }
            continue;
        }
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src")
                .join(&f.path),
        )
        .unwrap();
        let unsafes = text.matches("unsafe {").count() + text.matches("unsafe impl").count();
        let reasons = text.matches("// SAFETY:").count();
        if !text.contains("#![allow(unsafe_code)]") || unsafes == 0 || reasons < unsafes {
            broken.push(format!(
                "{}: {unsafes} unsafe blocks/impls, {reasons} SAFETY comments",
                f.path
            ));
        }
    }
    assert!(
        broken.is_empty(),
        "FFI rules broken:\n{}",
        broken.join("\n")
    );
}

/// Tarjan's strongly connected components over a graph given as adjacency sets.
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct S<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<String, usize>,
        low: BTreeMap<String, usize>,
        stack: Vec<String>,
        on: BTreeSet<String>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit(s: &mut S, v: &str) {
        s.index.insert(v.to_string(), s.next);
        s.low.insert(v.to_string(), s.next);
        s.next += 1;
        s.stack.push(v.to_string());
        s.on.insert(v.to_string());
        let next: Vec<String> = s.edges.get(v).into_iter().flatten().cloned().collect();
        for w in next {
            if !s.index.contains_key(&w) {
                visit(s, &w);
                let lw = s.low[&w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on.contains(&w) {
                let iw = s.index[&w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut c = vec![];
            while let Some(w) = s.stack.pop() {
                s.on.remove(&w);
                let done = w == v;
                c.push(w);
                if done {
                    break;
                }
            }
            if c.len() > 1 {
                c.sort();
                s.out.push(c);
            }
        }
    }
    let mut s = S {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: vec![],
        on: BTreeSet::new(),
        next: 0,
        out: vec![],
    };
    let nodes: Vec<String> = edges.keys().cloned().collect();
    for v in nodes {
        if !s.index.contains_key(&v) {
            visit(&mut s, &v);
        }
    }
    s.out
}

#[test]
fn no_import_circles_between_files_or_layers() {
    let files = files();
    let modules: BTreeSet<String> = files.iter().map(|f| f.module.clone()).collect();
    let mut by_file: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut by_layer: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let mut to = imports(f, &modules);
        // `super::x` names a sibling.
        let parent = f.module.rsplit_once("::").map(|(p, _)| p).unwrap_or("");
        for (i, _) in f.code.match_indices("super::") {
            let rest = &f.code[i + "super::".len()..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let cand = if parent.is_empty() {
                rest[..end].to_string()
            } else {
                format!("{parent}::{}", &rest[..end])
            };
            if modules.contains(&cand) {
                to.insert(cand);
            }
        }
        // A module's own parent or children are its own business (mod.rs declares them).
        to.retain(|t| {
            t != &f.module
                && !t.starts_with(&format!("{}::", f.module))
                && !f.module.starts_with(&format!("{t}::"))
        });
        for t in &to {
            let (a, b) = (layer(&f.module).to_string(), layer(t).to_string());
            if a != b && !a.is_empty() && !b.is_empty() {
                by_layer.entry(a).or_default().insert(b);
            }
        }
        by_file.insert(f.module.clone(), to);
    }
    let file_circles = circles(&by_file);
    assert!(
        file_circles.is_empty(),
        "files that import each other: {file_circles:?}"
    );
    let layer_circles = circles(&by_layer);
    assert!(
        layer_circles.is_empty(),
        "layers that import each other: {layer_circles:?}\n{by_layer:#?}"
    );
}
