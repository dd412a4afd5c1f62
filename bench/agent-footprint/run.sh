#!/usr/bin/env bash
# Agent footprint: RSS and CPU of the published agent running 30 probes a minute, beside
# prometheus-blackbox-exporter probing the same loopback targets at the same rate.
#
#   bench/agent-footprint/run.sh [SECONDS] [footprint.py options...]
#
# SECONDS is the measured window (default 600; 60 for a quick run). Other options (see
# `python3 bench/agent-footprint/footprint.py --help`): --rate, --targets, --closed, --kinds tcp,http, --keep.
# Publishes the agent as users run it (Release, linux-x64, self-contained single file) and central
# (Release, framework-dependent), installs the exporter from Debian when missing. Loopback only.
# AGENT_PUBLISH_ARGS adds publish options for an experiment, e.g.
#   AGENT_PUBLISH_ARGS="-p:PublishTrimmed=true -p:TreatWarningsAsErrors=false" bench/agent-footprint/run.sh 120
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
duration=${1:-600}
[ $# -gt 0 ] && shift
[[ "$duration" =~ ^[0-9]+$ ]] || { echo "First argument: measured seconds (a whole number), not '$duration'." >&2; exit 2; }

if ! command -v prometheus-blackbox-exporter >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] && sudo=() || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  # The package's own service must not start: this script runs its own exporter.
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends prometheus-blackbox-exporter >/dev/null 2>&1 \
    || { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq --no-install-recommends prometheus-blackbox-exporter >/dev/null; }
fi

out="$root/bench/agent-footprint/.out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "Publishing agent (Release, linux-x64, self-contained, single file) and central (Release) to $out ..."
label="agent (self-contained single file)"
agent_out="$out/agent"
if [ -n "${AGENT_PUBLISH_ARGS:-}" ]; then
  label="agent ($AGENT_PUBLISH_ARGS)"
  agent_out="$out/agent-experiment"
fi
# shellcheck disable=SC2086 # the extra options are words on purpose
dotnet publish "$root/src/ShoppingConnectivity.Agent" -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true ${AGENT_PUBLISH_ARGS:-} -o "$agent_out" -nologo -v q
dotnet publish "$root/src/ShoppingConnectivity.Central" -c Release -o "$out/central" -nologo -v q

exec python3 "$root/bench/agent-footprint/footprint.py" \
  --agent "$agent_out/ShoppingConnectivity.Agent" \
  --central-dll "$out/central/ShoppingConnectivity.Central.dll" \
  --label "$label" \
  --duration "$duration" "$@"
