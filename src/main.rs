//! The `infercast` binary: parse arguments, run, print the result or the error once.
use clap::Parser;
use infercast::error::{Error, ExitCode};
use std::io::Write;

fn main() -> std::process::ExitCode {
    let cli = infercast::cli::Cli::parse();
    let code = match infercast::run::run(&cli) {
        Ok(out) => {
            for n in &out.notes {
                let _ = writeln!(std::io::stderr(), "{n}");
            }
            for w in &out.warnings {
                let _ = writeln!(std::io::stderr(), "warning: {w}");
            }
            match print(&out.stdout) {
                Ok(()) => out.code,
                Err(e) => fail(&e),
            }
        }
        Err(e) => fail(&e),
    };
    std::process::ExitCode::from(code as u8)
}

/// Writes the command's output to stdout, flushed so that a failure is seen here. A closed
/// pipe (e.g. `| head`) is not an error worth a message: the reader had what it wanted.
fn print(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::Write { path: "the output to stdout".into(), source: e })
        }
        _ => Ok(()),
    }
}

/// Prints the error once (stderr failing too leaves only the exit code) and maps it to its code.
fn fail(e: &Error) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "{e}");
    e.exit_code()
}
