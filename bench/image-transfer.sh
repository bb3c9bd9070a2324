#!/usr/bin/env bash
# Measures load, import and save of a ~100 MB image against a berthd of its own (temporary data root and socket):
#   import of the layer tar (plain and gzip), load of a saved archive (layers new, and layers already stored),
#   save to a file. Docker's figures on the same machine are measured too when a Docker engine answers on
#   /var/run/docker.sock; otherwise the table says so.
# Median and quartiles of N runs each (default 5), written to the "Image transfer" section of docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N=${N:-5}
MB=${MB:-100}
cd "$ROOT"
[[ -x .build/daemon/berthd && -f .build/busybox.tar ]] || scripts/build.sh

work=$(mktemp -d /tmp/berth-bench-images.XXXX)
sock="$work/berth.sock"
TAG=bnchi

# The bridge and iptables chains a stopped berthd leaves (as dockerd leaves its own): this daemon's, by its tag.
remove_network() {
  local chain=${TAG^^} table rule c
  ip link del "${TAG}0" 2>/dev/null || true
  for table in filter nat; do
    iptables -t "$table" -S | grep -E "^-A (INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) .*-j ${chain}(-[A-Z0-9-]+)?\$" | sed 's/^-A/-D/' |
      while read -r rule; do eval iptables -t "$table" "$rule"; done
    for c in $(iptables -t "$table" -S | awk -v p="$chain" '$1 == "-N" && ($2 == p || index($2, p "-") == 1) { print $2 }'); do iptables -t "$table" -F "$c"; done
    for c in $(iptables -t "$table" -S | awk -v p="$chain" '$1 == "-N" && ($2 == p || index($2, p "-") == 1) { print $2 }'); do iptables -t "$table" -X "$c"; done
  done
}

cleanup() {
  [[ -f $work/pid ]] && kill "$(cat "$work/pid")" 2>/dev/null && while kill -0 "$(cat "$work/pid")" 2>/dev/null; do sleep 0.1; done
  remove_network
  rm -rf "$work"
}
trap cleanup EXIT
.build/daemon/berthd --data-root "$work/data" --host "unix://$sock" --network-tag "$TAG" >"$work/berthd.log" 2>&1 &
echo $! >"$work/pid"
export DOCKER_HOST="unix://$sock" BERTH_HOST="unix://$sock" DOCKER_CONFIG="$work/docker-config"
CLI=${CLI:-docker}
[[ -x .build/cli/berth ]] && CLI="$ROOT/.build/cli/berth"
for _ in $(seq 100); do "$CLI" version >/dev/null 2>&1 && break; sleep 0.1; done

# The image: the busybox rootfs plus MB megabytes in 400 files, half random (incompressible) and half text.
mkdir -p "$work/rootfs/data"
tar -C "$work/rootfs" -xf .build/busybox.tar
per=$(( MB * 1024 * 1024 / 400 ))
for i in $(seq 1 200); do
  head -c "$per" /dev/urandom >"$work/rootfs/data/random-$i"
  (set +o pipefail; yes "line $i of a text file that compresses well, as most of an image does" | head -c "$per" >"$work/rootfs/data/text-$i")
done
tar -C "$work/rootfs" -cf "$work/layer.tar" .
gzip -1 -c "$work/layer.tar" >"$work/layer.tar.gz"
rm -rf "$work/rootfs"
size_mb=$(( $(stat -c %s "$work/layer.tar") / 1024 / 1024 ))

. "$ROOT/bench/measure.sh"

# Each measured operation starts from a store without the layer, unless it says otherwise.
"$CLI" import "$work/layer.tar" bench:img >/dev/null
"$CLI" save -o "$work/saved.tar" bench:img
"$CLI" rmi -f bench:img >/dev/null
results=$(
  measure "import, plain tar" "$CLI rmi -f bench:imp" "$CLI import $work/layer.tar bench:imp"
  measure "import, gzip tar" "$CLI rmi -f bench:imp" "$CLI import $work/layer.tar.gz bench:imp"
  "$CLI" rmi -f bench:imp >/dev/null
  measure "load" "$CLI rmi -f bench:img" "$CLI load -i $work/saved.tar"
  measure "load from stdin (docker CLI)" "$CLI rmi -f bench:img" "docker load < $work/saved.tar"
  measure "load, layer already stored" "$CLI load -i $work/saved.tar" "$CLI load -i $work/saved.tar"
  measure "save to a file" "rm -f $work/out.tar" "$CLI save -o $work/out.tar bench:img"
)

docker_note="No Docker engine runs on this machine (nothing answers on /var/run/docker.sock), so Docker was not measured side by side; the issue's reference figure is 1.2-1.9 s for Docker to load or import 110 MB here."
if DOCKER_HOST=unix:///var/run/docker.sock docker version >/dev/null 2>&1; then
  docker_results=$(
    export DOCKER_HOST=unix:///var/run/docker.sock
    measure "Docker: import, plain tar" "docker rmi -f bench:imp" "docker import $work/layer.tar bench:imp"
    measure "Docker: load" "docker rmi -f bench:img" "docker load -i $work/saved.tar"
    measure "Docker: save to a file" "rm -f $work/out.tar" "docker save -o $work/out.tar bench:img"
    docker rmi -f bench:imp bench:img >/dev/null 2>&1 || true
  )
  results="$results"$'\n'"$docker_results"
  docker_note="Docker rows: the local Docker engine, same archive."
fi

section=$(
  echo "## Image transfer"
  echo
  echo "\`bench/image-transfer.sh\`, $(date -u +%Y-%m-%d), $(nproc) cores, kernel $(uname -r), load average $(cut -d' ' -f1 /proc/loadavg) at the end: a one-layer image of ${size_mb} MB (uncompressed; half random, half text), client \`$(basename "$CLI")\` unless noted, N=$N runs each."
  echo
  echo "| operation | median s | p25 s | p75 s |"
  echo "|---|---|---|---|"
  echo "$results" | awk -F'|' '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }'
  echo
  echo "$docker_note"
)

echo "$section" | "$ROOT/bench/write-section.sh" "Image transfer"
