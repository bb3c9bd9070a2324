#!/usr/bin/env bash
# Measures, side by side in one run, the time to run a container that does nothing:
#   berth run --rm busybox true            (the NativeAOT CLI against berthd)
#   docker run --rm busybox true           (the real docker CLI against berthd)
#   crun run  (no engine at all) of two bundles of the same rootfs: crun's minimal `crun spec`, and the
#             very bundle Berth writes for `run --network none busybox true` (Docker's 14 capabilities,
#             seccomp profile, masked and read-only paths, cgroup mounts), so the difference is the engine's
# The same with --network none shows what networking (veth, address, routes) adds.
# Median and quartiles of N runs each (default 30), written to its section of docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N=${N:-30}
cd "$ROOT"
./berth version >/dev/null
export DOCKER_HOST=unix:///run/berth/berth.sock BERTH_HOST=unix:///run/berth/berth.sock
CLI="$ROOT/.build/cli/berth"
. "$ROOT/bench/measure.sh"

bundle=$(mktemp -d /tmp/berth-bench.XXXX)
same=$(mktemp -d /tmp/berth-bench.XXXX)
trap 'crun delete -f bench-crun >/dev/null 2>&1 || true; crun delete -f bench-crun-same >/dev/null 2>&1 || true; rm -rf "$bundle" "$same"' EXIT
mkdir -p "$bundle/rootfs"
tar -C "$bundle/rootfs" -xf "$ROOT/.build/busybox.tar"
(cd "$bundle" && crun spec && sed -i 's/"terminal": true/"terminal": false/; s/"sh"$/"true"/' config.json)

# A daemon that has just started is still compiling its hot paths (tiered JIT) and has not yet learnt the
# compiled seccomp filter it hands crun: measure the steady state.
for _ in $(seq 20); do "$CLI" run --rm busybox true >/dev/null; done

# Berth's own bundle: the config.json it wrote for a container, moved onto a copy of the rootfs
id=$("$CLI" create --network none busybox true)
"$CLI" start -a "$id" >/dev/null
dir="$("$CLI" info --format '{{.DockerRootDir}}')/containers/$id"
cp "$dir/config.json" "$dir/hosts" "$dir/hostname" "$dir/resolv.conf" "$same/"
"$CLI" rm "$id" >/dev/null
mkdir -p "$same/rootfs"
tar -C "$same/rootfs" -xf "$ROOT/.build/busybox.tar"
sed -i "s|$dir|$same|g; s|/$id\"|/bench-crun-same\"|" "$same/config.json"

# The cases, measured round-robin (one run of each per round) so that the drift of a shared machine
# over the minutes of a run weighs on every row alike.
labels=(
  "berth run --rm busybox true"
  "berth run --rm --network none busybox true"
  "./berth run --rm busybox true (script)"
  "docker run --rm busybox true (docker CLI → berthd)"
  "docker run --rm --network none busybox true (docker CLI → berthd)"
  "crun run, crun spec's minimal bundle"
  "crun run, Berth's own bundle (no engine)"
)
run_case() {
  case $1 in
    0) "$CLI" run --rm busybox true ;;
    1) "$CLI" run --rm --network none busybox true ;;
    2) ./berth run --rm busybox true ;;
    3) docker run --rm busybox true ;;
    4) docker run --rm --network none busybox true ;;
    5) crun run --bundle "$bundle" bench-crun ;;
    6) crun run --bundle "$same" bench-crun-same ;;
  esac
}

# time_ms CASE: wall time of one run in microseconds
time_ms() { local s e; s=$(date +%s%N); run_case "$1" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }

samples=$(
  for i in "${!labels[@]}"; do run_case "$i" >/dev/null 2>&1; done # warm-up
  for _ in $(seq 1 "$N"); do
    for i in "${!labels[@]}"; do echo "$i $(time_ms "$i")"; done
  done
)
results=$(
  for i in "${!labels[@]}"; do
    echo "$samples" | awk -v i="$i" '$1 == i { print $2 }' | quartiles "${labels[$i]}" 1000 "%.1f"
  done
)
crun_median=$(echo "$results" | awk -F'|' '/^crun run, crun spec/ {print $2}')
same_median=$(echo "$results" | awk -F'|' '/^crun run, Berth/ {print $2}')

{
  echo "## Run a container that does nothing"
  echo
  echo "\`bench/run-rm-true.sh\`, $(date -u +%Y-%m-%d), $(nproc) cores, kernel $(uname -r), load average $(cut -d" " -f1 /proc/loadavg), runtime $("$CLI" info --format '{{.DefaultRuntime}}' 2>/dev/null || echo '?'), N=$N rounds, each running every case once, after 20 warm-up runs of berth and one of each case."
  echo
  echo "| command | median ms | p25 ms | p75 ms | × crun, minimal bundle | × crun, same bundle |"
  echo "|---|---|---|---|---|---|"
  echo "$results" | awk -F'|' -v c="$crun_median" -v b="$same_median" '{ printf "| %s | %s | %s | %s | %.1f | %.1f |\n", $1, $2, $3, $4, $2 / c, $2 / b }'
  echo
  echo "For reference (from the issue): Docker's own \`docker run --rm busybox true\` takes about 270 ms on this class of machine."
  echo
  echo "Both crun rows run the same rootfs with no engine. crun spec's bundle is crun's minimum (no seccomp, 3 capabilities, few mounts);"
  echo "Berth's own bundle is the config.json Berth writes for \`run --network none busybox true\` (Docker's defaults: 14 capabilities,"
  echo "its seccomp profile precompiled, masked and read-only paths, one cgroup mount per v1 controller), so the last column is what the"
  echo "engine itself adds: CLI, API, metadata, overlay mount, network, exit and removal."
} | "$ROOT/bench/write-section.sh" "Run a container that does nothing"
