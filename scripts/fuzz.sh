#!/usr/bin/env bash
# Fuzzes the file readers for a bounded time on stable Rust (examples/fuzz.rs): reading an
# assessment file, loading a rubric file, scoring, writing and reading back, with structure-aware
# mutations of the seed corpus (tests/examples, rubrics, fuzz/corpus, fuzz/regressions).
#
#   bash scripts/fuzz.sh              # 60 seconds
#   bash scripts/fuzz.sh 600          # 10 minutes
#   FUZZ_SEED=42 bash scripts/fuzz.sh # the same inputs again (the seed of every run is printed)
#
# Exits non-zero when an input panics, overflows the stack or hangs. Such an input (one per place
# that panicked) is saved in fuzz/regressions/crash-<hash>.json with a .txt note: from then on
# `cargo test` replays it (tests/it/fuzz_regressions.rs) and every fuzzing run starts with it, and
# both fail until the crash is fixed. The run prints the seed and each new input in base64 (a CI
# machine keeps only its log). Replay one with
#   cargo run --example fuzz -- --replay fuzz/regressions/crash-XXXX.json
# and commit it with the fix, renamed to say what it was (fuzz/README.md).
#
# Built with panic=unwind (overriding our release profile's abort) in its own target directory,
# target/fuzz-harness/, so that a panic is caught and the run goes on, and the release build
# of the app is not invalidated. The coverage-guided cargo-fuzz targets are in fuzz/ (README there).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SECONDS_TO_RUN="${1:-${FUZZ_SECONDS:-60}}"
case "$SECONDS_TO_RUN" in
    '' | *[!0-9]*) echo "[fuzz] usage: bash scripts/fuzz.sh [SECONDS]  (got '$SECONDS_TO_RUN')" >&2; exit 2 ;;
esac

case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) PATH="$HOME/.cargo/bin:$PATH" ;; esac
command -v cargo >/dev/null 2>&1 || { echo "[fuzz] cargo not found" >&2; exit 2; }

export CARGO_TARGET_DIR="$ROOT/target/fuzz-harness"
export CARGO_PROFILE_RELEASE_PANIC=unwind

echo "[fuzz] building the harness (release, panic=unwind, target/fuzz-harness)..."
cargo build --quiet --release --example fuzz

args=(--seconds "$SECONDS_TO_RUN")
if [ -n "${FUZZ_SEED:-}" ]; then
    args+=(--seed "$FUZZ_SEED")
fi
echo "[fuzz] fuzzing for ${SECONDS_TO_RUN}s..."
exec "$CARGO_TARGET_DIR/release/examples/fuzz" "${args[@]}"
