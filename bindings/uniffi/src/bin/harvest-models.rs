//! Writes or checks the typed models generated from the Rust models' schema.
//!
//! - `harvest-models kotlin FILE`: writes the Kotlin models (the Maven build does this, into
//!   `target/generated-sources`, so they always match the library it builds);
//! - `harvest-models swift FILE`: writes the Swift models (committed, since SwiftPM cannot run
//!   cargo);
//! - `harvest-models check-swift FILE`: fails if the committed Swift models are stale.

use std::process::ExitCode;

const KOTLIN_PACKAGE: &str = "io.github.harvestsdk";
const KOTLIN_FFI_PACKAGE: &str = "io.github.harvestsdk.ffi";

fn write(path: &str, text: &str) -> ExitCode {
    let path = std::path::Path::new(path);
    if let Some(dir) = path.parent() {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("harvest-models: cannot create {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    match std::fs::write(path, text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("harvest-models: cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("kotlin"), Some(path)) => write(path, &harvest_uniffi::codegen::kotlin(KOTLIN_PACKAGE, KOTLIN_FFI_PACKAGE)),
        (Some("swift"), Some(path)) => write(path, &harvest_uniffi::codegen::swift()),
        (Some("check-swift"), Some(path)) => {
            let current = std::fs::read_to_string(path).unwrap_or_default();
            if current == harvest_uniffi::codegen::swift() {
                ExitCode::SUCCESS
            } else {
                eprintln!("{path} is stale: regenerate it with `make swift-generate`");
                ExitCode::FAILURE
            }
        }
        _ => {
            eprintln!("usage: harvest-models kotlin FILE | swift FILE | check-swift FILE");
            ExitCode::from(2)
        }
    }
}
