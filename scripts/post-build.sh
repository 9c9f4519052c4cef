#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml [[hooks]]), run in Trunk's staging directory before it becomes
# dist/. The steps must run in this order (Trunk does not order several hooks of one stage):
#  1. scripts/wasm-split.mjs splits the app's wasm module into a main module and lazily fetched
#     chunks (each bindgen'd / optimised, content-hashed) and rewrites index.html;
#  2. scripts/sw-precache.mjs lists every file of the site, with its hash, in the service worker
#     (sw.js): after every step that renames or changes a file, before the compression;
#  3. scripts/precompress.mjs writes .br and .gz copies of every file for static servers
#     (docs/hosting.md);
#  4. the record of what the build was made from (scripts/dist-inputs.sh), in target/dist-build.stamp.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
dir="${TRUNK_STAGING_DIR:?run by Trunk as a post_build hook}"
node "$here/wasm-split.mjs" demozone
node "$here/sw-precache.mjs" "$dir"
node "$here/precompress.mjs" "$dir"
# What this build was made from (scripts/dist-inputs.sh), beside its index.html's digest, so that
# scripts/test.sh never runs the browser tests on a dist/ built from other sources.
mkdir -p "$here/../target"
printf 'profile %s\ninputs %s\nindex %s\n' "${TRUNK_PROFILE:-unknown}" "$(bash "$here/dist-inputs.sh")" \
    "$(sha256sum "$dir/index.html" | cut -d' ' -f1)" >"$here/../target/dist-build.stamp"
