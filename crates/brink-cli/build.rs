//! Names the git commit the binary is built from, for `brink --version`
//! (`BRINK_GIT_COMMIT`: the commit's first 12 hex digits, or `unknown` outside a git checkout,
//! e.g. a crate tarball). Uncommitted changes are not tracked: the build script reruns when
//! HEAD moves, not on every edit.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn main() {
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).filter(|c| !c.is_empty());
    let name = commit.unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=BRINK_GIT_COMMIT={name}");
    // Rebuild the version string when HEAD moves (a commit, a checkout, a packed ref).
    // (Only files that exist: cargo reruns the script every build for a missing one.)
    let mut watched = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
    watched.extend(git(&["symbolic-ref", "-q", "HEAD"]));
    for path in watched {
        if let Some(file) = git(&["rev-parse", "--git-path", &path]).filter(|f| std::path::Path::new(f).exists()) {
            println!("cargo:rerun-if-changed={file}");
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
