# The tool versions the build is pinned to, in one place: sourced by scripts/setup.sh (which installs them) and
# scripts/check-versions.sh (which fails when what is installed or locked disagrees). The wasm-bindgen version is not
# here: it is the `=` pin in Cargo.toml (so the wasm-bindgen crate in Cargo.lock), which Trunk.toml and the CLI follow.

# Trunk: 0.22 needs a newer rustc than this machine's.
TRUNK_VERSION=0.21.14

# wasm-split-cli (the crate wasm_split_cli_support) splits the release build into modules (scripts/split.mjs); the
# version cargo-leptos uses for `--split`.
WASM_SPLIT_VERSION=0.2.4
# The split-point crates that leptos pulls in (leptos::wasm_split, used in src/views/lazy.rs), at the versions known to
# work with wasm-split-cli $WASM_SPLIT_VERSION: those in Cargo.lock when it was pinned. The three crates come from one
# repository (WorldSEnder/wasm-split-prototype) and pair through a file each carries a copy of, magic_constants.rs:
# the custom section `__wasm_split_unstable` with its version marker (1; wasm-split-cli stops at a marker it does not
# know), the placeholder import module `__wasm_split_placeholder__` (split.mjs's PLACEHOLDER) and the symbol names
# `__wasm_split_00<module>00_import_<hash>` / `_export_<hash>` that the macros write and wasm-split-cli looks for.
# A change to any of these would not always be caught by wasm-split-cli itself, so the versions are pinned exactly.
# To move one: compare magic_constants.rs and the macros' symbol names with those of the wasm_split_cli_support
# version, build (`trunk build --release`), run the end-to-end tests, then change the numbers here.
WASM_SPLIT_HELPERS_VERSION=0.2.3
WASM_SPLIT_MACROS_VERSION=0.2.2
