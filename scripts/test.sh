#!/usr/bin/env bash
# Quick start, command 2: install what is missing, then run every test:
#   1. cargo test                            native: engine unit/integration/property tests, CLI tests
#   2. scripts/fuzz.sh                       bounded fuzzing of the file readers (FUZZ_SECONDS, default 60;
#                                            FUZZ_SEED to rerun a run's inputs; crashing inputs become
#                                            regression inputs in fuzz/regressions/)
#   3. trunk build --release --offline       the web app into dist/
#   4. node --test tests/browser/            headless Chromium against dist/ (own static server):
#                                            the full suite, with the check of the supported
#                                            browsers, offline use and the three web servers
#      node --test tests/engines/...         the core set in Firefox ESR and in WebKitGTK (under
#                                            xvfb-run)
# Exits non-zero if any stage fails; a missing browser fails its stage. A failed build skips the
# browser tests. Stages can be picked: `bash scripts/test.sh build browser` (names: cargo, fuzz,
# build, browser; `browser` is chromium, firefox and webkit, which can also be picked alone).
set -euo pipefail

# shellcheck source=scripts/tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$DEMOZONE_ROOT"

STAGES=("$@")
[ "${#STAGES[@]}" -gt 0 ] || STAGES=(cargo fuzz build browser)
for s in "${STAGES[@]}"; do
    case "$s" in cargo | fuzz | build | browser | chromium | firefox | webkit) ;; *) tools_die "unknown stage '$s' (cargo, fuzz, build, browser, chromium, firefox, webkit)" ;; esac
done

wants() {
    local s
    for s in "${STAGES[@]}"; do
        [ "$s" = "$1" ] && return 0
        case "$1" in chromium | firefox | webkit) [ "$s" = browser ] && return 0 ;; esac
    done
    return 1
}
wants_browser() { wants chromium || wants firefox || wants webkit; }

# The engine versions for the summary (a missing one shows as such; its stage then fails).
chromium_version() { "$CHROMIUM_BIN" --version 2>/dev/null | awk '{print $1, $2}' || echo "Chromium (missing)"; }
firefox_version() { firefox-esr --version 2>/dev/null | sed 's/^Mozilla //' || echo "Firefox ESR (missing)"; }
webkit_version() {
    local v
    v="$(dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0 2>/dev/null)" && [ -x /usr/bin/WebKitWebDriver ] &&
        echo "WebKitGTK ${v%%-*}" || echo "WebKitGTK (missing)"
}

SUMMARY=()
PASSED=0
FAILED=0
started_all=$SECONDS

header() { printf '\n===== %s =====\n' "$*"; }

# run_stage NAME COMMAND...: runs the command, records pass/fail and the time it took.
run_stage() {
    local name="$1"; shift
    local t0=$SECONDS rc=0
    header "$name"
    echo "\$ $*"
    "$@" || rc=$?
    local dt=$((SECONDS - t0))
    if [ "$rc" -eq 0 ]; then
        PASSED=$((PASSED + 1)); SUMMARY+=("ok    ${dt}s  $name")
    else
        FAILED=$((FAILED + 1)); SUMMARY+=("FAIL  ${dt}s  $name (exit $rc)")
    fi
    return "$rc"
}

header "tools"
t0=$SECONDS
if wants_browser; then ensure_all_tools; else ensure_build_tools; fi
SUMMARY+=("ok    $((SECONDS - t0))s  tools")

if wants cargo; then
    run_stage "cargo test (native: engine and CLI)" cargo test || true
fi

if wants fuzz; then
    run_stage "fuzz (examples/fuzz.rs, ${FUZZ_SECONDS:-60} s; crashing inputs go to fuzz/regressions/)" \
        bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}" || true
fi

build_ok=1
if wants build; then
    run_stage "trunk build --release --offline (dist/)" trunk build --release --offline || build_ok=0
fi

if wants_browser; then
    if [ "$build_ok" -eq 1 ] && [ -f dist/index.html ]; then
        if wants chromium; then
            run_stage "browser tests, full suite in $(chromium_version) (node --test tests/browser/)" node --test tests/browser/ || true
        fi
        if wants firefox; then
            run_stage "core set in $(firefox_version) (node --test tests/engines/core-set-firefox.test.mjs)" \
                node --test tests/engines/core-set-firefox.test.mjs || true
        fi
        if wants webkit; then
            run_stage "core set in $(webkit_version) (xvfb-run node --test tests/engines/core-set-webkit.test.mjs)" \
                xvfb-run -a -s "-screen 0 1366x768x24" node --test tests/engines/core-set-webkit.test.mjs || true
        fi
    else
        header "browser tests"
        echo "skipped: no fresh dist/ (the build failed or was not run)"
        FAILED=$((FAILED + 1)); SUMMARY+=("SKIP  0s  browser tests (no dist/)")
    fi
fi

header "summary ($((SECONDS - started_all))s)"
printf '  %s\n' "${SUMMARY[@]}"
echo "stages: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
