#!/usr/bin/env bash
# Measures, side by side in one run, the time to run a container that does nothing:
#   berth run --rm busybox true            (the NativeAOT CLI against berthd)
#   docker run --rm busybox true           (the real docker CLI against berthd)
#   crun run  (a bundle of the same rootfs, no engine at all)
# The same with --network none shows what networking (veth, address, routes) adds.
# Median and quartiles of N runs each (default 20), written to its section of docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N=${N:-20}
cd "$ROOT"
./berth version >/dev/null
export DOCKER_HOST=unix:///run/berth/berth.sock BERTH_HOST=unix:///run/berth/berth.sock
CLI="$ROOT/.build/cli/berth"

bundle=$(mktemp -d /tmp/berth-bench.XXXX)
trap 'crun delete -f bench-crun >/dev/null 2>&1 || true; rm -rf "$bundle"' EXIT
mkdir -p "$bundle/rootfs"
tar -C "$bundle/rootfs" -xf "$ROOT/.build/busybox.tar"
(cd "$bundle" && crun spec && sed -i 's/"terminal": true/"terminal": false/; s/"sh"$/"true"/' config.json)

# time_ms CMD...: wall time of one run in milliseconds
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }

measure() {
  local label=$1; shift
  local samples=()
  "$@" >/dev/null 2>&1 # warm-up
  for _ in $(seq 1 "$N"); do samples+=("$(time_ms "$@")"); done
  printf '%s\n' "${samples[@]}" | sort -n | awk -v label="$label" '
    { v[NR] = $1 } END { printf "%s|%.1f|%.1f|%.1f\n", label, v[int((NR+1)/2)]/1000, v[int((NR+3)/4)]/1000, v[int((3*NR+3)/4)]/1000 }'
}

results=$(
  measure "berth run --rm busybox true" "$CLI" run --rm busybox true
  measure "berth run --rm --network none busybox true" "$CLI" run --rm --network none busybox true
  measure "./berth run --rm busybox true (script)" ./berth run --rm busybox true
  measure "docker run --rm busybox true (docker CLI → berthd)" docker run --rm busybox true
  measure "docker run --rm --network none busybox true (docker CLI → berthd)" docker run --rm --network none busybox true
  measure "crun run (bare runtime, same rootfs)" crun run --bundle "$bundle" bench-crun
)
crun_median=$(echo "$results" | awk -F'|' '/^crun/ {print $2}')

{
  echo "## Run a container that does nothing"
  echo
  echo "\`bench/run-rm-true.sh\`, $(date -u +%Y-%m-%d), $(nproc) cores, kernel $(uname -r), load average $(cut -d" " -f1 /proc/loadavg), runtime $("$CLI" info --format '{{.DefaultRuntime}}' 2>/dev/null || echo '?'), N=$N runs each after one warm-up."
  echo
  echo "| command | median ms | p25 ms | p75 ms | × crun |"
  echo "|---|---|---|---|---|"
  echo "$results" | awk -F'|' -v c="$crun_median" '{ printf "| %s | %s | %s | %s | %.1f |\n", $1, $2, $3, $4, $2 / c }'
  echo
  echo "For reference (from the issue): Docker's own \`docker run --rm busybox true\` takes about 270 ms on this class of machine."
} | "$ROOT/bench/write-section.sh" "Run a container that does nothing"
