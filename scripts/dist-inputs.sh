#!/usr/bin/env bash
# Prints one SHA-256 of everything a build of dist/ is made from: the versions of rustc, Trunk and
# wasm-bindgen, and every file of the app's sources, assets, build settings and post-build steps
# (what Trunk.toml's [watch] lists, and the rest of what the build reads: .cargo/config.toml, the
# npm lock file that pins wasm-opt, the hook's scripts). scripts/post-build.sh records it with each
# build of dist/, and scripts/test.sh compares it with the sources as they are before it runs the
# browser tests (and skips the build when they match).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
{
    rustc --version 2>/dev/null || echo "rustc (missing)"
    trunk --version 2>/dev/null || echo "trunk (missing)"
    wasm-bindgen --version 2>/dev/null || echo "wasm-bindgen (missing)"
    find src rubrics style web .cargo index.html Cargo.toml Cargo.lock Trunk.toml package.json package-lock.json \
        scripts/post-build.sh scripts/wasm-split.mjs scripts/sw-precache.mjs scripts/precompress.mjs \
        -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
} | sha256sum | cut -d' ' -f1
