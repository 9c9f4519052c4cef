#!/usr/bin/env bash
# Opening 200 assessment files at once in 省级汇总 (the goal: under 2 s): headless Chromium
# through playwright-core, a fresh profile per round, the time from the file input's change until
# the ranking table shows every file; also the longest main-thread task, whether the progress
# line showed, and how long the tool's page takes to open. See benches/open200.mjs.
#
#   bash scripts/bench-open.sh                       # 7 rounds of 200 files
#   BENCH_RUNS=15 bash scripts/bench-open.sh
#   BENCH_FILES=1000 bash scripts/bench-open.sh      # another number of files
#   BENCH_THROTTLE=4 bash scripts/bench-open.sh      # CPU 4x slower (an older office PC)
#   BENCH_SKIP_BUILD=1 bash scripts/bench-open.sh    # use target/release/demozone as it is
#
# Needs the release build of the app: `trunk build --release --offline` (or bash
# scripts/bench-size.sh) for dist/; this script never builds it. BENCH_APP_DIST=DIR measures the
# app in DIR. The generated files get their recorded scores from the native CLI
# (target/release/demozone), which this script brings up to date with cargo first (a few seconds
# when nothing changed) unless BENCH_SKIP_BUILD=1.
# A benchmark, not a test: prints the figures (record them in docs/benchmarks.md) and exits 0
# unless the measurement itself fails.
set -euo pipefail

# shellcheck source=scripts/tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$DEMOZONE_ROOT"

RUNS="${BENCH_RUNS:-7}"
FILES="${BENCH_FILES:-200}"
THROTTLE="${BENCH_THROTTLE:-1}"
APP_DIST="${BENCH_APP_DIST:-dist}"
SCORER="target/release/demozone"

case "$RUNS" in '' | *[!0-9]*) tools_die "BENCH_RUNS must be a number, got '$RUNS'" ;; esac
case "$FILES" in '' | *[!0-9]* | 0) tools_die "BENCH_FILES must be a number ≥ 1, got '$FILES'" ;; esac
[ "$RUNS" -ge 7 ] || printf '[bench-open] note: %s rounds; at least 7 are recommended\n' "$RUNS"

ensure_node_deps
ensure_chromium

[ -f "$APP_DIST/index.html" ] ||
    tools_die "no $APP_DIST/index.html: build the app first (bash scripts/bench-size.sh, or trunk build --release --offline)"

if [ "${BENCH_SKIP_BUILD:-0}" = 1 ]; then
    [ -x "$SCORER" ] || tools_die "no $SCORER (BENCH_SKIP_BUILD=1): build the CLI first (cargo build --release --bin demozone)"
    printf '[bench-open] BENCH_SKIP_BUILD=1: scoring the generated files with %s as it is\n' "$SCORER"
else
    ensure_rust
    printf '[bench-open] native CLI for the recorded scores: cargo build --release --bin demozone\n'
    cargo build --release --quiet --bin demozone
fi

printf '[bench-open] machine: %s CPUs (%s), %s memory; load average %s\n' "$(nproc)" \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
    "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)" \
    "$(cut -d ' ' -f 1-3 /proc/loadavg)"
exec node benches/open200.mjs --runs "$RUNS" --files "$FILES" --throttle "$THROTTLE" --app "$APP_DIST" --scorer "$SCORER"
