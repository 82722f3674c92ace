//! Embeds the built page (`web/dist`, made by `scripts/build-web` and committed, so building
//! brink needs no Node.js) into the binary: writes `$OUT_DIR/assets.rs`, a table of (URL path,
//! bytes) with `include_bytes!` of every file. `BRINK_WEB_DIST` points elsewhere. Without an
//! `index.html` there the table is empty and the server says how to build the page; the API
//! works either way.

use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dist = manifest.join("../../web/dist");
    println!("cargo::rerun-if-changed={}", dist.display());
    println!("cargo::rerun-if-env-changed=BRINK_WEB_DIST");
    let dist = std::env::var_os("BRINK_WEB_DIST").map_or(dist, PathBuf::from);
    let mut files = Vec::new();
    if dist.join("index.html").is_file() {
        collect(&dist, &dist, &mut files);
    }
    files.sort();
    let mut out = String::from("/// The page's files: URL path (no leading slash) and contents.\n");
    out += "pub(crate) static FILES: &[(&str, &[u8])] = &[\n";
    for (url, path) in &files {
        out += &format!("    ({url:?}, include_bytes!({:?})),\n", path.display().to_string());
    }
    out += "];\n";
    let target = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("assets.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo::rerun-if-changed={}", path.display());
            collect(root, &path, files);
        } else if let Ok(relative) = path.strip_prefix(root) {
            let url = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            let absolute = path.canonicalize().unwrap_or(path);
            println!("cargo::rerun-if-changed={}", absolute.display());
            files.push((url, absolute));
        }
    }
}
