use clap::Parser;
use oneonone_ls::cli::{self, Cli};

// The catalogue's compile at start-up is mostly allocation; with jemalloc the first document
// after `initialized` gets its diagnostics sooner (BENCHMARKS.md, "The allocator").
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let args = Cli::parse();
    let code = match args.command {
        Some(command) => cli::run(command),
        None => oneonone_ls::server::serve_stdio(),
    };
    std::process::exit(code);
}
