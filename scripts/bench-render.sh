#!/usr/bin/env bash
# First screen, cold: demozone (dist/) until its start page shows its heading, beside a minimal
# Leptos counter (target/bench-counter/dist/, built in this run) until its button shows; both
# served with their brotli copies; headless Chromium through playwright-core, a fresh profile
# per load. See benches/render.mjs. Two conditions, each with its medians and the ratio:
#   1. no throttling (BENCH_THROTTLE=N slows the CPU N× here too);
#   2. slow 4G (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT) + CPU 4× slower (issue 12's goal:
#      demozone <= 2.2× the counter).
#
#   bash scripts/bench-render.sh                 # 7 cold loads of each, both conditions
#   BENCH_RUNS=11 bash scripts/bench-render.sh
#   BENCH_MODE=plain|slow4g bash scripts/bench-render.sh   # one condition only
#
# Needs the app's release build in dist/ (`trunk build --release --offline`; BENCH_APP_DIST=DIR
# measures the app in DIR); builds the counter itself (scripts/bench-size.sh --counter; reused
# when unchanged; BENCH_SKIP_BUILD=1 takes target/bench-counter/dist/ as it is).
# A benchmark, not a test: prints the figures (record them in docs/benchmarks.md and the README)
# and exits 0 unless the measurement itself fails.
set -euo pipefail

# shellcheck source=scripts/tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$DEMOZONE_ROOT"

RUNS="${BENCH_RUNS:-7}"
THROTTLE="${BENCH_THROTTLE:-1}"
MODE="${BENCH_MODE:-both}"
APP_DIST="${BENCH_APP_DIST:-dist}"
COUNTER_DIST="target/bench-counter/dist"

case "$RUNS" in '' | *[!0-9]*) tools_die "BENCH_RUNS must be a number, got '$RUNS'" ;; esac
[ "$RUNS" -ge 7 ] || printf '[bench-render] note: %s loads; at least 7 are recommended\n' "$RUNS"

ensure_node_deps
ensure_chromium

[ -f "$APP_DIST/index.html" ] ||
    tools_die "no $APP_DIST/index.html: build the app first (bash scripts/bench-size.sh, or trunk build --release --offline)"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    bash scripts/bench-size.sh --counter
fi
[ -f "$COUNTER_DIST/index.html" ] ||
    tools_die "no $COUNTER_DIST/index.html: the counter's build failed"

printf '[bench-render] machine: %s CPUs (%s), %s memory\n' "$(nproc)" \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
    "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
case "$MODE" in both | plain | slow4g) ;; *) tools_die "BENCH_MODE must be both, plain or slow4g, got '$MODE'" ;; esac
if [ "$MODE" != slow4g ]; then
    node benches/render.mjs --runs "$RUNS" --throttle "$THROTTLE" --app "$APP_DIST" --counter "$COUNTER_DIST"
fi
if [ "$MODE" != plain ]; then
    node benches/render.mjs --runs "$RUNS" --throttle 4 --network slow4g --app "$APP_DIST" --counter "$COUNTER_DIST"
fi
