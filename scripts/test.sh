#!/usr/bin/env bash
# Quick start, command 2: install what is missing, then run every test:
#   1. cargo test                            native: engine unit/integration/property tests, CLI tests
#   2. scripts/fuzz.sh                       bounded fuzzing of the file readers (FUZZ_SECONDS, default 60;
#                                            FUZZ_SEED to rerun a run's inputs; crashing inputs become
#                                            regression inputs in fuzz/regressions/)
#   3. trunk build --release --offline       the web app into dist/, then its first load's weight
#                                            against the budget (scripts/bench-size.sh --check)
#   4. node --test tests/browser/            headless Chromium against dist/ (own static server):
#                                            the full suite, with the check of the supported
#                                            browsers, offline use and the three web servers
#      node --test tests/engines/...         the core set in Firefox ESR and in WebKitGTK (under
#                                            xvfb-run)
# Exits non-zero if any stage fails; a missing browser fails its stage, and so does a browser
# stage in which no test ran (node --test exits 0 on a folder without test files). A failed build
# skips the browser tests. The browser tests only ever test the build of the sources as they are:
# when dist/ was built from other sources (or its record, target/dist-build.stamp, is missing),
# `browser` builds it first even when `build` was not asked for; when it is the build of these
# sources, `build` is skipped (DEMOZONE_REBUILD=1 builds anyway). Stages can be picked:
# `bash scripts/test.sh build browser` (names: cargo, fuzz, build, browser; `browser` is chromium,
# firefox and webkit, which can also be picked alone).
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

# dist_fresh: whether dist/ is the release build of the sources as they are now, by the record
# the build's post_build hook wrote (scripts/post-build.sh, scripts/dist-inputs.sh); else
# DIST_STALE says why.
DIST_STALE=""
dist_fresh() {
    local stamp=target/dist-build.stamp
    DIST_STALE=""
    if [ ! -f dist/index.html ]; then
        DIST_STALE="there is no dist/"
    elif [ ! -f "$stamp" ]; then
        DIST_STALE="dist/ has no record of what it was built from ($stamp)"
    elif ! grep -qx "profile release" "$stamp"; then
        DIST_STALE="dist/ is not a release build ($stamp)"
    elif ! grep -qx "index $(sha256sum dist/index.html | cut -d' ' -f1)" "$stamp"; then
        DIST_STALE="dist/ is not the build that $stamp describes"
    elif ! grep -qx "inputs $(bash scripts/dist-inputs.sh)" "$stamp"; then
        DIST_STALE="the sources changed since dist/ was built (scripts/dist-inputs.sh)"
    fi
    [ -z "$DIST_STALE" ]
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

# The release build takes minutes: it is skipped when dist/ is already the build of the sources
# as they are (DEMOZONE_REBUILD=1 builds anyway), and run for `browser` when dist/ is not.
build_ok=1
if { wants build || wants_browser; } && [ "${DEMOZONE_REBUILD:-0}" != 1 ] && dist_fresh; then
    header "trunk build --release --offline (dist/)"
    echo "skipped: dist/ is already the release build of these sources ($(bash scripts/dist-inputs.sh | cut -c1-12); target/dist-build.stamp); DEMOZONE_REBUILD=1 builds anyway"
    SUMMARY+=("ok    0s  trunk build --release --offline (dist/ already built from these sources)")
elif wants build || wants_browser; then
    why="dist/"
    [ "${DEMOZONE_REBUILD:-0}" = 1 ] || why="dist/, because $DIST_STALE"
    run_stage "trunk build --release --offline ($why)" trunk build --release --offline || build_ok=0
fi

# The first load's weight against its budget (brotli; deterministic, so a check, not a timing).
if { wants build || wants_browser; } && [ "$build_ok" -eq 1 ] && dist_fresh; then
    run_stage "first-load weight (bash scripts/bench-size.sh --check)" bash scripts/bench-size.sh --check || true
fi

if wants_browser; then
    if [ "$build_ok" -eq 1 ] && dist_fresh; then
        if wants chromium; then
            run_stage "browser tests, full suite in $(chromium_version) (node --test tests/browser/)" bash scripts/node-tests.sh tests/browser/ || true
        fi
        if wants firefox; then
            run_stage "core set in $(firefox_version) (node --test tests/engines/core-set-firefox.test.mjs)" \
                bash scripts/node-tests.sh tests/engines/core-set-firefox.test.mjs || true
        fi
        if wants webkit; then
            run_stage "core set in $(webkit_version) (xvfb-run node --test tests/engines/core-set-webkit.test.mjs)" \
                xvfb-run -a -s "-screen 0 1366x768x24" bash scripts/node-tests.sh tests/engines/core-set-webkit.test.mjs || true
        fi
    else
        header "browser tests"
        [ "$build_ok" -eq 1 ] || DIST_STALE="the build failed"
        echo "skipped: no dist/ built from these sources ($DIST_STALE); the browser tests never test another build"
        FAILED=$((FAILED + 1)); SUMMARY+=("SKIP  0s  browser tests ($DIST_STALE)")
    fi
fi

header "summary ($((SECONDS - started_all))s)"
printf '  %s\n' "${SUMMARY[@]}"
echo "stages: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
