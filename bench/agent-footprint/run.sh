#!/usr/bin/env bash
# Agent footprint: RSS and CPU of the published agent running 30 probes a minute, beside
# prometheus-blackbox-exporter probing the same loopback targets at the same rate.
#
#   bench/agent-footprint/run.sh [SECONDS] [footprint.py options...]
#
# SECONDS is the measured window (default 600; 60 for a quick run). Other options (see
# `python3 bench/agent-footprint/footprint.py --help`): --rate, --targets, --closed, --kinds tcp,http, --keep,
# --threads (CPU and wake-ups per thread).
# Publishes the agent as users install it on Linux (Release, linux-x64, Native AOT: one native executable) and
# central (Release, framework-dependent); installs the exporter from Debian when missing, and clang and zlib1g-dev
# (the Native AOT toolchain) when missing. Loopback only.
# AGENT_BUILD=jit measures the JIT build instead (self-contained single file, ReadyToRun: the Windows build's
# settings, published for Linux). AGENT_PUBLISH_ARGS adds publish options for an experiment, e.g.
#   AGENT_PUBLISH_ARGS="-p:OptimizationPreference=Speed" bench/agent-footprint/run.sh 120
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
duration=${1:-600}
[ $# -gt 0 ] && shift
[[ "$duration" =~ ^[0-9]+$ ]] || { echo "First argument: measured seconds (a whole number), not '$duration'." >&2; exit 2; }

build=${AGENT_BUILD:-aot}
[[ "$build" == aot || "$build" == jit ]] || { echo "AGENT_BUILD: aot (default) or jit, not '$build'." >&2; exit 2; }

missing=()
command -v prometheus-blackbox-exporter >/dev/null 2>&1 || missing+=(prometheus-blackbox-exporter)
if [ "$build" = aot ]; then
  command -v clang >/dev/null 2>&1 || missing+=(clang)
  dpkg-query -W -f='${Status}' zlib1g-dev 2>/dev/null | grep -q "install ok installed" || missing+=(zlib1g-dev)
fi
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] && sudo=() || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  # The exporter package's own service must not start: this script runs its own exporter.
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi

out="$root/bench/agent-footprint/.out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "$build" = aot ]; then
  label="agent (Native AOT)"
  publish_args=(-p:PublishAot=true)
else
  label="agent (JIT, self-contained single file)"
  publish_args=(--self-contained -p:PublishSingleFile=true)
fi
agent_out="$out/agent-$build"
if [ -n "${AGENT_PUBLISH_ARGS:-}" ]; then
  label="$label + $AGENT_PUBLISH_ARGS"
  agent_out="$out/agent-$build-experiment"
fi
echo "Publishing $label (Release, linux-x64) and central (Release) to $out ..."
# shellcheck disable=SC2086 # the extra options are words on purpose
dotnet publish "$root/src/ShoppingConnectivity.Agent" -c Release -r linux-x64 "${publish_args[@]}" \
  ${AGENT_PUBLISH_ARGS:-} -o "$agent_out" -nologo -v q
dotnet publish "$root/src/ShoppingConnectivity.Central" -c Release -o "$out/central" -nologo -v q

exec python3 "$root/bench/agent-footprint/footprint.py" \
  --agent "$agent_out/ShoppingConnectivity.Agent" \
  --central-dll "$out/central/ShoppingConnectivity.Central.dll" \
  --label "$label" \
  --duration "$duration" "$@"
