//! The `dealbench` binary: the desktop app without a command, the headless CLI with one.

use std::process::ExitCode;

use clap::Parser as _;
use dealbench::cli::{self, Cli, CliError};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => run_command(&command),
        None => open_app(args.file),
    }
}

#[allow(
    clippy::print_stderr,
    reason = "the binary reports errors on standard error"
)]
fn run_command(command: &cli::Command) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = cli::run(command, &mut out)
        .and_then(|()| std::io::Write::flush(&mut out).map_err(CliError::Output));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // Output piped into `head` and closed: not an error worth a message.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            for line in error.to_string().lines() {
                eprintln!("dealbench: {}", cli::printable(line));
            }
            ExitCode::from(error.exit_code())
        }
    }
}

#[cfg(feature = "gui")]
#[allow(
    clippy::print_stderr,
    reason = "the binary reports errors on standard error"
)]
fn open_app(file: Option<std::path::PathBuf>) -> ExitCode {
    match dealbench::ui::run(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dealbench: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
#[allow(
    clippy::print_stderr,
    reason = "the binary reports errors on standard error"
)]
fn open_app(file: Option<std::path::PathBuf>) -> ExitCode {
    use clap::CommandFactory as _;
    let mut help = Cli::command();
    let _ = help.print_help();
    match file {
        Some(file) => eprintln!(
            "\ndealbench: this build has no desktop app, so {} cannot be opened; use a command such as `dealbench check {}`",
            file.display(),
            file.display()
        ),
        None => eprintln!(
            "\ndealbench: this build has no desktop app (built without the `gui` feature); use a command"
        ),
    }
    ExitCode::from(2)
}
