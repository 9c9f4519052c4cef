#!/usr/bin/env bash
# First full render, cold: demozone (dist/) until it shows all 25 indicators, beside a minimal
# Leptos counter (target/bench-counter/dist/) until its button shows; headless Chromium through
# playwright-core, a fresh profile per load. See benches/render.mjs.
#
#   bash scripts/bench-render.sh                 # 7 cold loads of each
#   BENCH_RUNS=15 bash scripts/bench-render.sh
#   BENCH_THROTTLE=4 bash scripts/bench-render.sh   # CPU 4x slower (an older office PC)
#
# Needs the release builds: run `bash scripts/bench-size.sh` first (it builds both), or
# `trunk build --release --offline` for dist/. BENCH_APP_DIST=DIR measures the app in DIR.
# A benchmark, not a test: prints the figures (record them in docs/benchmarks.md) and exits 0
# unless the measurement itself fails.
set -euo pipefail

# shellcheck source=scripts/tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$DEMOZONE_ROOT"

RUNS="${BENCH_RUNS:-7}"
THROTTLE="${BENCH_THROTTLE:-1}"
APP_DIST="${BENCH_APP_DIST:-dist}"
COUNTER_DIST="target/bench-counter/dist"

case "$RUNS" in '' | *[!0-9]*) tools_die "BENCH_RUNS must be a number, got '$RUNS'" ;; esac
[ "$RUNS" -ge 7 ] || printf '[bench-render] note: %s loads; at least 7 are recommended\n' "$RUNS"

ensure_node_deps
ensure_chromium

[ -f "$APP_DIST/index.html" ] ||
    tools_die "no $APP_DIST/index.html: build the app first (bash scripts/bench-size.sh, or trunk build --release --offline)"
[ -f "$COUNTER_DIST/index.html" ] ||
    tools_die "no $COUNTER_DIST/index.html: build the counter first (bash scripts/bench-size.sh)"

printf '[bench-render] machine: %s CPUs (%s), %s memory\n' "$(nproc)" \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
    "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
exec node benches/render.mjs --runs "$RUNS" --throttle "$THROTTLE" --app "$APP_DIST" --counter "$COUNTER_DIST"
