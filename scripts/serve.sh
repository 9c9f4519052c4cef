#!/usr/bin/env bash
# Quick start, command 1: build demozone and serve it at http://127.0.0.1:8080/
# (PORT=9000 bash scripts/serve.sh for another port). Installs the build tools first
# (see scripts/tools.sh). Ctrl-C stops the server. Trunk rebuilds when sources change;
# reload the page by hand (autoreload is off: its inline script would break the CSP).
set -euo pipefail

# shellcheck source=scripts/tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$DEMOZONE_ROOT"

PORT="${PORT:-8080}"
case "$PORT" in
    '' | *[!0-9]*) tools_die "PORT must be a number, got '$PORT'" ;;
esac

ensure_build_tools

echo "[serve] building (release) and serving demozone at http://127.0.0.1:${PORT}/ (Ctrl-C to stop)"
exec trunk serve --release --offline --address 127.0.0.1 --port "$PORT"
