//! Shell conventions: `--version` with the commit, completions and man pages from the clap
//! definitions, and `--quiet`.

use crate::util::{TempDir, brink, stderr, stdout};

/// The subcommands every generated file must know.
const SUBCOMMANDS: [&str; 8] = ["run", "sweep", "compare", "report", "strike", "solve", "completions", "man"];

#[test]
fn version_names_the_package_version_and_the_git_commit() {
    let output = brink(&["--version"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let commit = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map_or_else(|| "unknown".to_owned(), |o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    assert_eq!(text.trim(), format!("brink {} (commit {commit})", env!("CARGO_PKG_VERSION")));
}

#[test]
fn completions_cover_every_shell_and_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = brink(&["completions", shell]);
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        let script = stdout(&output);
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} completions lack `{sub}`");
        }
    }
    let bash = stdout(&brink(&["completions", "bash"]));
    assert!(bash.contains("complete -F _brink"), "{bash}");
    // The bash script parses (when bash is there to ask).
    let dir = TempDir::new("completions");
    let path = dir.write("brink.bash", &bash);
    if let Ok(status) = std::process::Command::new("bash").args(["-n", &path]).status() {
        assert!(status.success(), "bash -n rejects the completion script");
    }
    let bad = brink(&["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("powershell"), "{}", stderr(&bad));
}

#[test]
fn man_pages_come_from_the_same_definitions() {
    let page = stdout(&brink(&["man"]));
    assert!(page.starts_with(".ie") && page.contains(".TH brink 1"), "{page}");
    for sub in SUBCOMMANDS {
        assert!(page.contains(&format!("brink\\-{sub}")) || page.contains(sub), "brink.1 lacks `{sub}`");
    }
    let dir = TempDir::new("man");
    let output = brink(&["man", "--dir", dir.0.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(dir.0.join("brink.1")).unwrap(), page);
    let run = std::fs::read_to_string(dir.0.join("brink-run.1")).unwrap();
    assert!(run.contains(".TH brink-run 1") && run.contains("\\-\\-runs") && run.contains("\\-\\-quiet"), "{run}");
    let missing = brink(&["man", "--dir", dir.0.join("nope").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
}

/// `--quiet` is accepted by every long-running command, anywhere on the line, and changes
/// nothing but the progress display (off the terminal there is none to silence: stderr stays
/// empty and stdout is identical).
#[test]
fn quiet_is_accepted_everywhere_and_changes_no_result() {
    let cases: [&[&str]; 4] = [
        &["run", "teaching-symmetric", "-n", "300", "--format", "json"],
        &["explain", "teaching-symmetric", "-n", "300", "--format", "json"],
        &[
            "sweep",
            "teaching-symmetric",
            "--grid",
            "actors.red.response_prob=0.2:0.8:2",
            "-n",
            "50",
            "--format",
            "json",
        ],
        &["strike", "hiroshima-1945", "--format", "json"],
    ];
    let strip_timing = |text: String| -> serde_json::Value {
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v.as_object_mut().unwrap().remove("timing");
        v
    };
    for args in cases {
        let plain = brink(args);
        let mut quiet_args = vec!["--quiet"];
        quiet_args.extend_from_slice(args);
        let quiet = brink(&quiet_args);
        let mut late = args.to_vec();
        late.push("-q");
        let late = brink(&late);
        for output in [&plain, &quiet, &late] {
            assert!(output.status.success(), "{args:?}: {}", stderr(output));
            assert_eq!(stderr(output), "", "{args:?}");
        }
        assert_eq!(strip_timing(stdout(&plain)), strip_timing(stdout(&quiet)), "{args:?}");
        assert_eq!(strip_timing(stdout(&plain)), strip_timing(stdout(&late)), "{args:?}");
    }
}
