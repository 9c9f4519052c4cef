#!/usr/bin/env bash
# Makes the package an intranet server administrator needs (docs/hosting.md):
#
#   bash scripts/package.sh [--no-build] [--out DIR]
#
# builds the site (trunk build --release --offline; --no-build takes dist/ as it is) and writes
# DIR/demozone-<version>.zip (DIR defaults to target/package/, <version> is Cargo.toml's):
#
#   demozone-<version>/
#     site/                      the built site, with the .br and .gz copy of each file: copy its
#                                contents into the folder the server publishes
#     nginx/demozone.conf        docs/nginx-demozone.conf
#     apache/demozone.conf       docs/apache-demozone.conf
#     caddy/demozone.Caddyfile   docs/caddy-demozone.Caddyfile
#     HOSTING.md                 docs/hosting.md
#     SHA256SUMS                 the SHA-256 of every file above (sha256sum -c SHA256SUMS)
#
# The configurations are the ones tests/browser/hosting.test.mjs runs nginx, Apache httpd and
# Caddy with.
set -euo pipefail

# shellcheck source=scripts/tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$DEMOZONE_ROOT"

build=1
out="$DEMOZONE_ROOT/target/package"
while [ "$#" -gt 0 ]; do
    case "$1" in
        --no-build) build=0 ;;
        --out) out="${2:?--out needs a folder}"; shift ;;
        *) tools_die "usage: bash scripts/package.sh [--no-build] [--out DIR]" ;;
    esac
    shift
done

version="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"
[ -n "$version" ] || tools_die "no version in Cargo.toml"
name="demozone-$version"

if [ "$build" -eq 1 ]; then
    ensure_build_tools
    trunk build --release --offline
fi
[ -f dist/index.html ] && [ -f dist/sw.js ] || tools_die "no built site in dist/ (run without --no-build)"
command -v zip >/dev/null 2>&1 || tools_die "zip not found (apt-get install zip; scripts/tools.sh installs it)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/$name"
mkdir -p "$root/site" "$root/nginx" "$root/apache" "$root/caddy"
cp -R dist/. "$root/site/"
cp docs/nginx-demozone.conf "$root/nginx/demozone.conf"
cp docs/apache-demozone.conf "$root/apache/demozone.conf"
cp docs/caddy-demozone.Caddyfile "$root/caddy/demozone.Caddyfile"
cp docs/hosting.md "$root/HOSTING.md"
(cd "$root" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum >SHA256SUMS)

mkdir -p "$out"
zip_path="$(cd "$out" && pwd)/$name.zip"
rm -f "$zip_path"
# -X: no extra file attributes; files in a fixed order.
(cd "$work" && find "$name" -type f | LC_ALL=C sort | zip -q -X "$zip_path" -@)
files="$(find "$root" -type f | wc -l)"
echo "[package] $zip_path: $files files, $(du -k "$zip_path" | cut -f1) KiB"
