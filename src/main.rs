//! The `demozone` binary: on the host it is the command-line tool (`demozone score FILE...`);
//! compiled to wasm32 by Trunk it is the browser app.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    std::process::exit(cli::run(&args, &mut out, &mut err));
}

#[cfg(target_arch = "wasm32")]
fn main() {
    demozone::app::mount();
}
