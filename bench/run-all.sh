#!/usr/bin/env bash
# Every benchmark in one run, judged against its goal in one table (figure, goal, measured, ratio), and
# docs/benchmarks.md's summary regenerated from it with the date, the machine and its load average.
#
#   bench/run-all.sh --quick   about 14 minutes on the 2-core VM: smaller estates, shorter windows (a check, not the record)
#   bench/run-all.sh           the full set (about 2 hours: the hour of steady load is most of it)
#
# Options: --no-docs (print the table only). Needs what the tests need (tests/install-prerequisites.sh: prometheus,
# postgresql, chromium) and runs as root for PostgreSQL. Run it on a quiet machine: other work on the cores moves
# every figure, which is why the load average is written beside them.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
quick=0
docs=1
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --no-docs) docs=0 ;;
    *) echo "Unknown option '$arg' (--quick, --no-docs)." >&2; exit 2 ;;
  esac
done

out=$root/TestResults/benchmarks/run-all
rm -rf "$out"
mkdir -p "$out"
export SC_BENCH_FIGURES=$out/figures.tsv
: > "$SC_BENCH_FIGURES"
started=$(date -u +"%Y-%m-%d %H:%M UTC")
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
cd "$root"

echo "== build (Release)"
dotnet build src/ShoppingConnectivity.Central -c Release -v q -nologo | grep -E "error|Warn|Elapsed" || true
dotnet build bench/ShoppingConnectivity.Bench.Load -c Release -v q -nologo | grep -E "error|Elapsed" || true
dotnet build bench/ShoppingConnectivity.Bench -c Release -v q -nologo | grep -E "error|Elapsed" || true
dotnet tool restore >/dev/null
load=(dotnet "$root/bench/ShoppingConnectivity.Bench.Load/bin/Release/net10.0/ShoppingConnectivity.Bench.Load.dll")
failed=()

# Runs one bench with its output in $out/NAME.log (and on screen); a bench that fails does not stop the others.
step() {
  local name=$1
  shift
  echo
  echo "== $name: $*"
  if ! "$@" 2>&1 | tee "$out/$name.log"; then failed+=("$name"); fi
}

figure() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$SC_BENCH_FIGURES"; }

if [ $quick = 1 ]; then
  # About 10-12 minutes in all: each window long enough to give its figure, not to settle it (the full set does that).
  step ingest "${load[@]}" ingest --clients 10000 --seconds 15 --batch 5-15,1-500 --raw-rows 300000 \
    --compare-prometheus 1000,5000 --prometheus-warmup 15 --prometheus-seconds 20
  step postgresql "${load[@]}" ingest --postgres true --clients 10000 --seconds 15 --batch 5-15,1-500 --raw-rows 300000 --folder /tmp/sc-bench-ingest-pg
  step dashboards "${load[@]}" dashboards --clients 5000 --circuits 500 --steady-seconds 20 --burst-seconds 30 --burst-max-seconds 60
  step memory "${load[@]}" memory --idle-minutes 1 --steady-minutes 2 --settle-minutes 1 --clients 5000
  step history dotnet run -c Release --no-build --project bench/ShoppingConnectivity.Bench -- history --agents 5000 --days 90 --raw-minutes 1 --dir "$out/history"
  step agent-footprint bench/agent-footprint/run.sh 60
else
  step ingest "${load[@]}" ingest --clients 10000 --seconds 60 --batch 5-15,1-500 --raw-rows 2000000 \
    --compare-prometheus 1000,5000 --prometheus-warmup 60 --prometheus-seconds 120
  step postgresql "${load[@]}" ingest --postgres true --clients 10000 --seconds 60 --batch 5-15,1-500 --raw-rows 2000000 --folder /tmp/sc-bench-ingest-pg
  step dashboards "${load[@]}" dashboards --clients 50000 --circuits 500 --burst-seconds 30
  step memory "${load[@]}" memory --idle-minutes 10 --steady-minutes 60 --settle-minutes 10 --clients 50000
  step history dotnet run -c Release --no-build --project bench/ShoppingConnectivity.Bench -- history --agents 50000 --days 90 --raw-minutes 5 --dir "$out/history"
  step agent-footprint bench/agent-footprint/run.sh 600
fi

# The two benches outside the load project print their verdicts; their figures are read from the logs.
if max=$(grep -oP 'page of every edge: .*max \K[0-9.,]+(?= ms)' "$out/history.log" 2>/dev/null); then
  ratio=$(python3 -c "print(f'{float(\"${max//,/}\") / 300:.2f}')")
  figure "90-day trend of every edge, page (max)" "< 300 ms" "$max ms" "$ratio" "$(python3 -c "print('met' if float('${max//,/}') < 300 else 'MISSED')")"
fi
if line=$(grep -oP 'Targets: \K.*' "$out/agent-footprint.log" 2>/dev/null); then
  rss=$(grep -oP 'agent RSS peak \K[0-9.]+' <<< "$line")
  figure "agent RSS peak (Native AOT, 30 probes a minute)" "<= 40 MB" "$rss MiB" "$(python3 -c "print(f'{$rss / 40:.2f}')")" "$(python3 -c "print('met' if $rss <= 40 else 'MISSED')")"
  agent=$(grep -oP 'agent CPU \K[0-9.]+' <<< "$line")
  exporter=$(grep -oP 'exporter CPU \K[0-9.]+' <<< "$line")
  figure "agent CPU against the blackbox exporter's" "<= exporter" "$agent% / $exporter% of a core" \
    "$(python3 -c "print(f'{$agent / $exporter:.2f}')")" "$(python3 -c "print('met' if $agent <= $exporter else 'MISSED')")"
fi

# Central against Prometheus at the same rate (1,000 probe results/s): the memory bench's steady CPU per result over
# the Prometheus figure the ingest bench measured at 1,000/s (the ingest row compares central saturated instead).
prom=$(awk -F'\t' '$1 ~ /^Prometheus \+ blackbox: CPU per probe result \(1,000 targets/ {print $3}' "$SC_BENCH_FIGURES" | grep -oP '^[0-9.,]+' | tr -d , || true)
steady=$(awk -F'\t' '$1 ~ /^central CPU per result at 1,000 results/ {print $3}' "$SC_BENCH_FIGURES" | grep -oP '^[0-9.,]+' | tr -d , || true)
if [ -n "$prom" ] && [ -n "$steady" ]; then
  ratio=$(python3 -c "print(f'{$steady / $prom:.2f}')")
  figure "central CPU per result at 1,000 results/s / Prometheus's at 1,000/s" "<= 0.15" "$ratio" "$(python3 -c "print(f'{$steady / $prom / 0.15:.2f}')")" \
    "$(python3 -c "print('met' if $steady / $prom <= 0.15 else 'MISSED')")"
fi

# Memory at the same probe rate (1,000 results/s): central's steady peak in the memory bench (every link of its estate:
# 65,000 links at 5,000 clients, 13 times Prometheus's 5,000 targets) over Prometheus's RSS at 5,000 targets, 1,000/s.
prom_rss=$(awk -F'\t' '$1 ~ /^Prometheus \+ blackbox: RSS at 5,000 targets/ {print $3}' "$SC_BENCH_FIGURES" | grep -oP '^[0-9.,]+' | tr -d , || true)
steady_rss=$(awk -F'\t' '$1 ~ /^central RSS, .* clients at 1,000 results\/s/ {print $3}' "$SC_BENCH_FIGURES" | grep -oP '^[0-9.,]+' | tr -d , || true)
if [ -n "$prom_rss" ] && [ -n "$steady_rss" ]; then
  ratio=$(python3 -c "print(f'{$steady_rss / $prom_rss:.2f}')")
  figure "central RSS at 1,000 results/s (memory bench, peak) / Prometheus RSS at 5,000 targets, 1,000/s" "<= 1.00" "$ratio" "$ratio" \
    "$(python3 -c "print('met' if $steady_rss <= $prom_rss else 'MISSED')")"
fi

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
machine="$(nproc) cores ($cpu_model), $(free -g | awk '/Mem:/ {print $2}') GiB, .NET SDK $(dotnet --version)"
mode=$([ $quick = 1 ] && echo "bench/run-all.sh --quick" || echo "bench/run-all.sh")
table=$out/table.md
{
  echo "Run: \`$mode\`, $started, commit $(git rev-parse --short HEAD); machine: $machine;"
  echo "load average (1, 5, 15 min) $load_start at the start, $load_end at the end."
  echo
  echo "| figure | goal | measured | ratio | |"
  echo "| --- | --- | --- | --- | --- |"
  while IFS=$'\t' read -r name goal measured ratio verdict; do
    echo "| $name | $goal | $measured | $ratio | $verdict |"
  done < "$SC_BENCH_FIGURES"
  if [ ${#failed[@]} -gt 0 ]; then echo; echo "Benches that exited with an error: ${failed[*]} (logs in TestResults/benchmarks/run-all)."; fi
} > "$table"
echo
cat "$table"

if [ $docs = 1 ]; then
  python3 - "$root/docs/benchmarks.md" "$table" <<'PY'
import sys
doc, table = sys.argv[1], open(sys.argv[2]).read()
start, end = "<!-- run-all:start -->", "<!-- run-all:end -->"
text = open(doc).read()
block = f"{start}\n{table.rstrip()}\n{end}"
if start in text:
    text = text[:text.index(start)] + block + text[text.index(end) + len(end):]
else:
    head, _, rest = text.partition("\n")
    text = f"{head}\n\n## Every benchmark, one run\n\nRegenerated by `bench/run-all.sh` (the full set) or `bench/run-all.sh --quick` (about 14 minutes); each bench's own section below says what it measures.\n\n{block}\n{rest}"
open(doc, "w").write(text)
PY
  echo "docs/benchmarks.md: summary regenerated."
fi
[ ${#failed[@]} -eq 0 ]
