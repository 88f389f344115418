use clap::Parser;
use oneonone_ls::cli::{self, Cli};

fn main() {
    let args = Cli::parse();
    let code = match args.command {
        Some(command) => cli::run(command),
        None => oneonone_ls::server::serve_stdio(),
    };
    std::process::exit(code);
}
