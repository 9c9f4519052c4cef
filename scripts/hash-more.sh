#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml [[hooks]]): gives the app's second wasm module content-hashed
# file names, as Trunk does for the main module but not for `data-type="worker"` builds.
#
# Without this, `demozone-more.js` and `demozone-more_bg.wasm` keep one name across releases, and a
# browser that cached them (static hosts rarely send Cache-Control for .js/.wasm, so browsers cache
# by heuristics) could pair a new main module with an old second one. The hook renames both to
# `demozone-more-<hash>.js` / `demozone-more-<hash>_bg.wasm` (hash of both files) and writes the
# stem into index.html's loader tag (`data-demozone-more`), where web/boot.js reads it.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by Trunk as a post_build hook}"
js="$dir/demozone-more.js"
wasm="$dir/demozone-more_bg.wasm"
html="$dir/index.html"
if [ ! -f "$js" ] || [ ! -f "$wasm" ]; then
    echo "hash-more.sh: demozone-more.js or demozone-more_bg.wasm missing in $dir" >&2
    exit 1
fi
hash="$(cat "$js" "$wasm" | sha256sum | cut -c1-16)"
stem="demozone-more-$hash"
mv "$js" "$dir/$stem.js"
mv "$wasm" "$dir/${stem}_bg.wasm"
grep -q 'data-demozone-more="demozone-more"' "$html" ||
    { echo "hash-more.sh: no data-demozone-more=\"demozone-more\" in $html (Trunk.toml pattern_script)" >&2; exit 1; }
sed -i "s|data-demozone-more=\"demozone-more\"|data-demozone-more=\"$stem\"|" "$html"
