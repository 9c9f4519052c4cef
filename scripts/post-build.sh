#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml [[hooks]]), run in Trunk's staging directory before it becomes
# dist/. The steps must run in this order (Trunk does not order several hooks of one stage):
#  1. scripts/hash-more.sh gives the second wasm module its content-hashed names;
#  2. scripts/sw-precache.mjs lists every file of the site, with its hash, in the service worker
#     (sw.js): after every step that renames or changes a file, before the compression;
#  3. scripts/precompress.mjs writes .br and .gz copies of every file for static servers
#     (docs/hosting.md).
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
dir="${TRUNK_STAGING_DIR:?run by Trunk as a post_build hook}"
bash "$here/hash-more.sh"
node "$here/sw-precache.mjs" "$dir"
node "$here/precompress.mjs" "$dir"
