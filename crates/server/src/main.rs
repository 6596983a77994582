use clap::Parser;
use std::io::IsTerminal;
use tracing_subscriber::{fmt::format::FmtSpan, EnvFilter};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let _ = dotenvy::dotenv();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_target(false)
        .with_ansi(std::io::stdout().is_terminal())
        // One line per request when its span closes: request id, route, status, latency.
        .with_span_events(FmtSpan::CLOSE)
        .init();
    match domkom_server::cli::run(domkom_server::cli::Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("domkom: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
