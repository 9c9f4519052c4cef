#!/usr/bin/env bash
# scripts/tools.sh: installs the tools that building and testing demozone need, and skips
# what is already there. Sourced by scripts/serve.sh and scripts/test.sh; can also be run
# on its own (`bash scripts/tools.sh` ensures everything).
#
# Every step prints one line: "[tools] <what>: present" or "[tools] installing <what>...".
# Safe under `set -euo pipefail`, works from any cwd, idempotent.
#
# Pinned versions live in one place each:
#   Trunk           TRUNK_VERSION below (and nowhere else)
#   wasm-split-cli  WASM_SPLIT_VERSION below (crate wasm_split_cli_support, feature build-binary)
#   wasm-bindgen    Cargo.lock (the `wasm-bindgen` crate); Trunk.toml [tools] must agree
#   wasm-opt        package.json devDependency `binaryen`; Trunk.toml [tools] must agree
#   playwright-core, puppeteer-core, selenium-webdriver, es-check, doiuse, browserslist:
#                   package.json devDependencies (package-lock.json); none of them downloads a browser
#   Chromium        Debian's `chromium` package (/usr/bin/chromium)
#   Firefox ESR, WebKitGTK (WebKitWebDriver + MiniBrowser), Xvfb, wabt, nginx, Apache httpd, Caddy:
#                   Debian packages (APT_PACKAGES below)

DEMOZONE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DEMOZONE_ROOT

# Trunk 0.21.14 is the newest Trunk that builds with the Rust we target (newer needs a newer rustc).
TRUNK_VERSION="0.21.14"
# Splits the app's wasm at its split points (scripts/wasm-split.mjs, src/app/lazy.rs). Its
# wasm_split_helpers counterpart comes with Leptos (Cargo.lock); both speak format version 1.
WASM_SPLIT_VERSION="0.2.4"
WASM_TARGET="wasm32-unknown-unknown"
CHROMIUM_BIN="/usr/bin/chromium"
# poppler-utils (pdftotext) and unzip: the browser tests read the printed PDF and the .xlsx export;
# nginx-light, apache2-bin (the server binary and its modules, no system service) and caddy: they
# serve the built site with the configurations of docs/hosting.md;
# firefox-esr, webkit2gtk-driver (WebKitWebDriver and, through libwebkit2gtk-4.1-0, MiniBrowser),
# xvfb and xauth (a display for WebKitGTK): the core set in the other engines (tests/engines/);
# wabt (wasm-validate): the check of the supported browsers reads every .wasm as an old engine does;
# zip: scripts/package.sh.
APT_PACKAGES=(chromium chromium-driver fonts-noto-cjk poppler-utils unzip zip nginx-light apache2-bin caddy
    firefox-esr webkit2gtk-driver xvfb xauth wabt)

# cargo-installed tools and the npm tools (wasm-opt) must be found on PATH by Trunk.
CARGO_BIN_DIR="${CARGO_HOME:-${HOME:-/root}/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN_DIR:"*) ;; *) PATH="$CARGO_BIN_DIR:$PATH" ;; esac
case ":$PATH:" in *":$DEMOZONE_ROOT/node_modules/.bin:"*) ;; *) PATH="$DEMOZONE_ROOT/node_modules/.bin:$PATH" ;; esac
export PATH

tools_log() { printf '[tools] %s\n' "$*"; }

# Build tools are compiled once per machine and their own speed hardly matters; Trunk's release
# profile asks for fat LTO with one codegen unit, which alone doubles its compile time. These
# overrides (cargo reads profile settings from the environment before the package's manifest)
# keep optimisation but drop LTO and parallelise code generation.
tools_cargo_install() {
    CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=2 \
    CARGO_PROFILE_RELEASE_DEBUG=false \
        cargo install "$@"
}
tools_die() { printf '[tools] ERROR: %s\n' "$*" >&2; exit 1; }

# Run a command as root: directly when we are root, else through sudo.
tools_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        tools_die "need root or sudo to run: $*"
    fi
}

# The version of the `wasm-bindgen` crate in Cargo.lock (the CLI must match it exactly).
wasm_bindgen_lock_version() {
    awk '
        /^\[\[package\]\]/ { in_wb = 0 }
        /^name = "wasm-bindgen"$/ { in_wb = 1; next }
        in_wb && /^version = / { gsub(/"/, "", $3); print $3; exit }
    ' "$DEMOZONE_ROOT/Cargo.lock"
}

# The exact binaryen version pinned in package.json, e.g. 132.0.0.
binaryen_pinned_version() {
    node -p 'require(process.argv[1]).devDependencies.binaryen' "$DEMOZONE_ROOT/package.json"
}

# A value from Trunk.toml's [tools] table, e.g. `trunk_toml_tool wasm_bindgen`.
trunk_toml_tool() {
    awk -v key="$1" '
        /^\[/ { in_tools = ($0 ~ /^\[tools\]/) }
        in_tools && $1 == key { gsub(/"/, "", $3); print $3; exit }
    ' "$DEMOZONE_ROOT/Trunk.toml"
}

ensure_rust() {
    command -v cargo >/dev/null 2>&1 || tools_die "cargo not found: install Rust with rustup (https://rustup.rs), then re-run"
    command -v rustup >/dev/null 2>&1 || tools_die "rustup not found: the wasm32 target is added with rustup; install Rust with rustup"
    tools_log "Rust: present ($(rustc --version))"
}

ensure_wasm_target() {
    local installed
    installed="$(rustup target list --installed)"
    if grep -qx "$WASM_TARGET" <<<"$installed"; then
        tools_log "$WASM_TARGET target: present"
    else
        tools_log "installing the $WASM_TARGET target (rustup, under a minute)..."
        rustup target add "$WASM_TARGET"
    fi
}

trunk_installed_version() {
    if command -v trunk >/dev/null 2>&1; then
        trunk --version 2>/dev/null | awk '{print $2}'
    fi
}

# need_X: succeeds when X must be installed.
need_trunk() { [ "$(trunk_installed_version)" != "$TRUNK_VERSION" ]; }

ensure_trunk() {
    if ! need_trunk; then
        tools_log "Trunk $TRUNK_VERSION: present"
        return 0
    fi
    local have
    have="$(trunk_installed_version)"
    [ -z "$have" ] || tools_log "Trunk $have found, $TRUNK_VERSION needed"
    tools_log "installing Trunk $TRUNK_VERSION with cargo (about 12 minutes the first time)..."
    tools_cargo_install --locked trunk --version "$TRUNK_VERSION"
}

# wasm-split-cli has no --version: cargo's list of installed crates says which one is there.
need_wasm_split() {
    ! { command -v wasm-split-cli >/dev/null 2>&1 &&
        cargo install --list 2>/dev/null | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; }
}

ensure_wasm_split() {
    if ! need_wasm_split; then
        tools_log "wasm-split-cli $WASM_SPLIT_VERSION: present"
        return 0
    fi
    tools_log "installing wasm-split-cli $WASM_SPLIT_VERSION with cargo (about 4 minutes the first time)..."
    tools_cargo_install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
}

wasm_bindgen_installed_version() {
    if command -v wasm-bindgen >/dev/null 2>&1; then
        wasm-bindgen --version 2>/dev/null | awk '{print $2}'
    fi
}

# Cargo.lock decides the wasm-bindgen version; Trunk.toml must say the same.
check_wasm_bindgen_pin() {
    local want pinned
    want="$(wasm_bindgen_lock_version)"
    [ -n "$want" ] || tools_die "no wasm-bindgen package in Cargo.lock"
    pinned="$(trunk_toml_tool wasm_bindgen)"
    [ "$pinned" = "$want" ] ||
        tools_die "Trunk.toml [tools] wasm_bindgen = \"$pinned\" but Cargo.lock has wasm-bindgen $want: set wasm_bindgen = \"$want\" in Trunk.toml"
}

need_wasm_bindgen() { [ "$(wasm_bindgen_installed_version)" != "$(wasm_bindgen_lock_version)" ]; }

ensure_wasm_bindgen() {
    check_wasm_bindgen_pin
    local want have
    want="$(wasm_bindgen_lock_version)"
    if ! need_wasm_bindgen; then
        tools_log "wasm-bindgen-cli $want (= Cargo.lock): present"
        return 0
    fi
    have="$(wasm_bindgen_installed_version)"
    [ -z "$have" ] || tools_log "wasm-bindgen-cli $have found, Cargo.lock needs $want"
    tools_log "installing wasm-bindgen-cli $want with cargo (about 5 minutes the first time)..."
    # Not --locked: the CLI's own lock file does not build here; its semver ranges do.
    tools_cargo_install wasm-bindgen-cli --version "$want" --force
}

# Crates for the wasm32 build are downloaded here, because Trunk builds with --offline.
ensure_crates() {
    tools_log "fetching crates for the host and $WASM_TARGET (cargo fetch; quick when cached)..."
    (cd "$DEMOZONE_ROOT" && cargo fetch --quiet)
}

ensure_node() {
    command -v node >/dev/null 2>&1 || tools_die "node not found: install Node.js >= 20"
    command -v npm >/dev/null 2>&1 || tools_die "npm not found: install Node.js >= 20 with npm"
    local major
    major="$(node -p 'process.versions.node.split(".")[0]')"
    [ "$major" -ge 20 ] || tools_die "Node.js >= 20 needed, found $(node --version)"
    tools_log "Node.js: present ($(node --version), npm $(npm --version))"
}

# npm devDependencies (binaryen for wasm-opt, playwright-core), from package-lock.json.
ensure_node_deps() {
    ensure_node
    local stamp="$DEMOZONE_ROOT/node_modules/.demozone-lock.sha256"
    local want_sum
    want_sum="$(sha256sum "$DEMOZONE_ROOT/package-lock.json" | awk '{print $1}')"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_sum" ] && [ -x "$DEMOZONE_ROOT/node_modules/.bin/wasm-opt" ]; then
        tools_log "npm packages (package-lock.json): present"
    else
        tools_log "installing npm packages with npm ci (binaryen, browser drivers, checkers; under a minute)..."
        (cd "$DEMOZONE_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
        printf '%s\n' "$want_sum" >"$stamp"
    fi
    ensure_wasm_opt
}

ensure_wasm_opt() {
    local pinned want have
    pinned="$(binaryen_pinned_version)"
    want="version_${pinned%%.*}"
    [ "$(trunk_toml_tool wasm_opt)" = "$want" ] ||
        tools_die "Trunk.toml [tools] wasm_opt must be \"$want\" (package.json pins binaryen $pinned)"
    have="$(wasm-opt --version 2>/dev/null | sed -n 's/.*(\(version_[0-9]*\)).*/\1/p')" ||
        tools_die "wasm-opt from node_modules/.bin does not run"
    [ "$have" = "$want" ] || tools_die "wasm-opt on PATH is '$have', expected $want ($(command -v wasm-opt || echo none))"
    tools_log "wasm-opt $want (npm binaryen $pinned): present"
}

# The apt packages that are not installed yet (Chromium itself counts as there when
# /usr/bin/chromium exists, however it got there).
chromium_missing_packages() {
    local pkg
    for pkg in "${APT_PACKAGES[@]}"; do
        if [ "$pkg" = chromium ] && [ -x "$CHROMIUM_BIN" ]; then continue; fi
        [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" = "install ok installed" ] || echo "$pkg"
    done
}

need_chromium() { [ -n "$(chromium_missing_packages)" ]; }

ensure_chromium() {
    local missing=()
    mapfile -t missing < <(chromium_missing_packages)
    if [ "${#missing[@]}" -eq 0 ]; then
        tools_log "browsers, servers and their tools (${APT_PACKAGES[*]}): present ($("$CHROMIUM_BIN" --version 2>/dev/null || echo "$CHROMIUM_BIN"))"
        return 0
    fi
    command -v apt-get >/dev/null 2>&1 || tools_die "apt-get not found: install Chromium at $CHROMIUM_BIN and CJK fonts by hand"
    tools_log "installing ${missing[*]} with apt-get (a few minutes the first time)..."
    local log="${TMPDIR:-/tmp}/demozone-apt.log"
    if ! { tools_as_root env DEBIAN_FRONTEND=noninteractive apt-get update &&
        tools_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"; } >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        tools_die "apt-get failed (full log: $log)"
    fi
    [ -x "$CHROMIUM_BIN" ] || tools_die "apt-get finished but $CHROMIUM_BIN is missing"
    tools_log "Chromium: installed ($("$CHROMIUM_BIN" --version 2>/dev/null))"
}

# tools_parallel NAME...: for each NAME (trunk, wasm_bindgen, chromium) that need_NAME says is
# missing, runs ensure_NAME; when two or more are missing they run at the same time, each with
# its own log (Trunk's long single-threaded link overlaps the others: on 2 cores Trunk and
# wasm-bindgen-cli together take about as long as Trunk alone).
tools_parallel() {
    local name todo=()
    for name in "$@"; do
        if "need_$name"; then todo+=("$name"); else "ensure_$name"; fi
    done
    if [ "${#todo[@]}" -le 1 ]; then
        for name in "${todo[@]+"${todo[@]}"}"; do "ensure_$name"; done
        return 0
    fi
    local logdir="${TMPDIR:-/tmp}/demozone-tools"
    mkdir -p "$logdir"
    local pids=() t0=$SECONDS
    for name in "${todo[@]}"; do
        tools_log "starting ensure_$name in the background (log: $logdir/$name.log)"
        ("ensure_$name") >"$logdir/$name.log" 2>&1 &
        pids+=("$!")
    done
    local i running last=$SECONDS
    while :; do
        running=()
        for i in "${!pids[@]}"; do
            kill -0 "${pids[$i]}" 2>/dev/null && running+=("${todo[$i]}")
        done
        [ "${#running[@]}" -gt 0 ] || break
        if [ $((SECONDS - last)) -ge 60 ]; then
            tools_log "still installing: ${running[*]} ($(((SECONDS - t0) / 60)) min so far)"
            last=$SECONDS
        fi
        sleep 2
    done
    local failed=()
    for i in "${!pids[@]}"; do
        if wait "${pids[$i]}"; then
            grep '^\[tools\]' "$logdir/${todo[$i]}.log" || true
            tools_log "${todo[$i]}: done"
        else
            failed+=("${todo[$i]}")
            printf '[tools] ---- last lines of %s ----\n' "$logdir/${todo[$i]}.log" >&2
            tail -n 40 "$logdir/${todo[$i]}.log" >&2
        fi
    done
    [ "${#failed[@]}" -eq 0 ] || tools_die "failed to install: ${failed[*]} (logs in $logdir)"
    tools_log "parallel installs finished in $(((SECONDS - t0) / 60)) min $(((SECONDS - t0) % 60)) s"
}

# What `trunk build` / `trunk serve` need.
ensure_build_tools() {
    ensure_rust
    ensure_wasm_target
    check_wasm_bindgen_pin
    ensure_node_deps
    tools_parallel trunk wasm_bindgen wasm_split
    ensure_crates
}

# Everything scripts/test.sh needs.
ensure_all_tools() {
    ensure_rust
    ensure_wasm_target
    check_wasm_bindgen_pin
    ensure_node_deps
    tools_parallel trunk wasm_bindgen wasm_split chromium
    ensure_crates
}

# Run directly (not sourced): ensure everything.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    ensure_all_tools
fi
