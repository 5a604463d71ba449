//! The `dealbench` binary run as a user runs it, from the project's folder: what every CLI test
//! file calls instead of its own copy.
#![allow(dead_code)]

use std::process::{Command, Output};

/// Runs `dealbench` with `args` in the project's folder and waits for it.
pub fn dealbench(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// What the run wrote to standard output, as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("standard output is UTF-8")
}
