//! The `demozone` binary: on the host it is the command-line tool (`demozone score|rank|panel|evidence|check-rubric`, src/cli/);
//! compiled to wasm32 by Trunk it is the browser app.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // As the system gives them: a file name need not be UTF-8.
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    std::process::exit(cli::run(&args, &mut out, &mut err));
}

#[cfg(target_arch = "wasm32")]
fn main() {
    demozone::app::mount();
}
