#!/usr/bin/env bash
# `demozone rank` on 1,000 files, natively, as a user runs it (issue: the result printed in under
# 2 s): the whole process, from its start to its exit, on N generated assessment files in a
# folder. Beside it, in the same run and on the same files: reading the bytes alone (`cat`, the
# floor of any tool) and `demozone score` (the command that only recomputes), so that the ratios
# say what the ranking and its output add.
#
#   bash scripts/bench-cli.sh                  # 1,000 files, 7 runs of each command
#   BENCH_FILES=5000 BENCH_RUNS=11 bash scripts/bench-cli.sh
#   BENCH_SKIP_BUILD=1 bash scripts/bench-cli.sh   # target/release/demozone as it is
#
# A benchmark, not a test: prints the figures (record them in docs/benchmarks.md) and exits 0
# unless the measurement itself fails.
set -euo pipefail

# shellcheck source=scripts/tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$DEMOZONE_ROOT"

RUNS="${BENCH_RUNS:-7}"
FILES="${BENCH_FILES:-1000}"
BIN="target/release/demozone"
BUDGET_MS=2000

case "$RUNS" in '' | *[!0-9]* | 0) tools_die "BENCH_RUNS must be a number ≥ 1, got '$RUNS'" ;; esac
case "$FILES" in '' | *[!0-9]* | 0) tools_die "BENCH_FILES must be a number ≥ 1, got '$FILES'" ;; esac

if [ "${BENCH_SKIP_BUILD:-0}" = 1 ]; then
    [ -x "$BIN" ] || tools_die "no $BIN (BENCH_SKIP_BUILD=1): cargo build --release --bin demozone"
else
    ensure_rust
    printf '[bench-cli] cargo build --release --bin demozone\n'
    cargo build --release --quiet --bin demozone
fi
ensure_node

work="$(mktemp -d "${TMPDIR:-/tmp}/demozone-bench-cli-XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir "$work/files"

# N assessments: the example with other ids, names, provinces and judged scores (every 50th
# subject twice, under another id, so that duplicates are flagged as in a real batch).
node - "$work/files" "$FILES" <<'EOF'
const fs = require('fs');
const path = require('path');
const [dir, n] = [process.argv[2], Number(process.argv[3])];
const template = JSON.parse(fs.readFileSync('tests/examples/pass-hangzhou.json', 'utf8'));
delete template.recorded;
const provinces = ['浙江', '江苏', '广东', '山东', '福建', '河南', '湖北', '四川', '河北', '安徽'];
const scores = ['0', '0.5', '1', '1.5', '2'];
for (let i = 0; i < n; i++) {
    const a = JSON.parse(JSON.stringify(template));
    a.id = `bench-${String(i).padStart(5, '0')}`;
    const subject = i % 50 === 49 ? i - 1 : i;
    a.subject.name = `示范市${subject}`;
    a.subject.kind = 'prefecture_city';
    a.subject.province = provinces[subject % provinces.length];
    a.inputs['4.1'].values.score = scores[i % 5];
    a.inputs['15.1'].values.score = scores[(i * 3) % 5];
    a.inputs['9.1'].values.score = scores[(i * 7) % 5];
    fs.writeFileSync(path.join(dir, `assessment-${String(i).padStart(5, '0')}.json`), JSON.stringify(a, null, 2));
}
EOF
bytes="$(du -sk "$work/files" | cut -f1)"

# The exit code and what the command printed, once, before timing.
"$BIN" rank "$work/files" >"$work/rank.json" 2>"$work/rank.err" || tools_die "demozone rank failed: $(head -c 2000 "$work/rank.err")"
rows="$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.rows.length, r.rows.filter((x) => x.duplicates.length).length)' "$work/rank.json")"

now_ms() { date +%s%N | awk '{ printf "%.3f", $1 / 1e6 }'; }

# median_ms NAME COMMAND...: runs COMMAND (stdout to a file, as a user redirects it) RUNS times
# after one warm-up run; prints the median in ms.
median_ms() {
    local name="$1"; shift
    "$@" >"$work/out" 2>/dev/null || true
    local times=() t0 t1
    for _ in $(seq "$RUNS"); do
        t0="$(now_ms)"
        "$@" >"$work/out" 2>/dev/null || true
        t1="$(now_ms)"
        times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v n="$RUNS" '{ v[NR] = $1 } END { print v[int((n + 1) / 2)] }'
}

cat_all() { cat "$work"/files/*.json; }

printf '[bench-cli] machine: %s CPUs (%s), %s memory; load average %s\n' "$(nproc)" \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
    "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)" \
    "$(cut -d ' ' -f 1-3 /proc/loadavg)"
printf '[bench-cli] %s files (%s KiB), %s rows ranked, %s flagged as duplicates; %s runs each, median\n' \
    "$FILES" "$bytes" "${rows% *}" "${rows#* }" "$RUNS"

t_cat="$(median_ms cat cat_all)"
t_score="$(median_ms score "$BIN" score "$work/files")"
t_rank="$(median_ms rank "$BIN" rank "$work/files")"
t_csv="$(median_ms csv "$BIN" rank --csv "$work/files")"
t_xlsx="$(median_ms xlsx "$BIN" rank --xlsx "$work/out.xlsx" "$work/files")"

row() { printf '| %-44s | %9s ms | %s\n' "$1" "$2" "$3"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }
printf '| %-44s | %12s | %s\n' "command (whole process)" "median" "ratio"
row "cat of the $FILES files (reading the bytes)" "$t_cat" "1 (floor)"
row "demozone score FOLDER (recompute only)" "$t_score" "$(ratio "$t_score" "$t_cat") cat"
row "demozone rank FOLDER (JSON)" "$t_rank" "$(ratio "$t_rank" "$t_score") score, $(ratio "$t_rank" "$t_cat") cat"
row "demozone rank --csv FOLDER" "$t_csv" "$(ratio "$t_csv" "$t_score") score"
row "demozone rank --xlsx OUT FOLDER" "$t_xlsx" "$(ratio "$t_xlsx" "$t_score") score"
verdict="$(awk -v t="$t_rank" -v b="$BUDGET_MS" 'BEGIN { print (t <= b ? "PASS" : "OVER") }')"
printf '[bench-cli] budget: demozone rank on %s files ≤ %s ms — %s (%s ms, %s of the budget)\n' \
    "$FILES" "$BUDGET_MS" "$verdict" "$t_rank" "$(ratio "$t_rank" "$BUDGET_MS")"
