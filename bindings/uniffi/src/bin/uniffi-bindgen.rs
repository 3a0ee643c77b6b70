//! The pinned bindgen: `uniffi-bindgen generate <libharvest_uniffi.so> -l kotlin -l swift -o DIR --no-format`,
//! run inside this crate's folder (it calls `cargo metadata`) on the unstripped library.
fn main() {
    uniffi::uniffi_bindgen_main()
}
