//! The `infercast` binary: parse arguments, run, print the result or the error once.
use clap::Parser;
use std::io::Write;

fn main() -> std::process::ExitCode {
    let cli = infercast::cli::Cli::parse();
    match infercast::run::run(&cli) {
        Ok(out) => {
            for w in &out.warnings {
                eprintln!("warning: {w}");
            }
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (e.g. `| head`) is not an error worth a message.
            let _ = stdout.write_all(out.stdout.as_bytes());
            std::process::ExitCode::from(out.code as u8)
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::from(e.exit_code() as u8)
        }
    }
}
