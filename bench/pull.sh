#!/usr/bin/env bash
# Times `pull` of a ~100 MB image of 5 layers (random bytes, so gzip cannot shrink them) from a registry on
# 127.0.0.1: Debian's docker-registry, started here with its storage in a temporary directory, the image uploaded
# to it with curl. Berth pulls through the daemon ./berth runs; a pull of the same image when it is up to date is
# timed too. Docker's figures are measured as well when a Docker engine answers on /var/run/docker.sock (it treats
# 127.0.0.0/8 as insecure, so it pulls over HTTP as Berth does); otherwise the table says so.
# Median and quartiles of N runs each (default 5), written to the "Registry pull" section of docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N=${N:-5}
MB=${MB:-100}
LAYERS=5
PORT=${PORT:-15899}
cd "$ROOT"
./berth version >/dev/null
export BERTH_HOST=unix:///run/berth/berth.sock
CLI="$ROOT/.build/cli/berth"
REGISTRY="127.0.0.1:$PORT"
IMAGE="$REGISTRY/bench/pull:1"

work=$(mktemp -d /tmp/berth-bench-pull.XXXX)
cleanup() {
  "$CLI" rmi "$IMAGE" >/dev/null 2>&1 || true
  [[ -f $work/pid ]] && kill "$(cat "$work/pid")" 2>/dev/null && while kill -0 "$(cat "$work/pid")" 2>/dev/null; do sleep 0.1; done
  rm -rf "$work"
}
trap cleanup EXIT
cat >"$work/config.yml" <<YAML
version: 0.1
storage: {filesystem: {rootdirectory: $work/data}}
http: {addr: $REGISTRY}
YAML
docker-registry serve "$work/config.yml" >"$work/registry.log" 2>&1 &
echo $! >"$work/pid"
for _ in $(seq 100); do curl -sf -o /dev/null "http://$REGISTRY/v2/" && break; sleep 0.1; done

# upload FILE DIGEST: a monolithic blob upload (POST, then PUT ?digest= with the bytes)
upload() {
  local location
  location=$(curl -sf -D - -o /dev/null -X POST "http://$REGISTRY/v2/bench/pull/blobs/uploads/" | awk 'tolower($1) == "location:" { print $2 }' | tr -d '\r')
  curl -sf -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' --data-binary @"$1" "$location&digest=$2"
}
sha() { echo "sha256:$(sha256sum "$1" | cut -d' ' -f1)"; }

diff_ids=() layers=()
for i in $(seq 1 $LAYERS); do
  mkdir -p "$work/layer$i"
  head -c $(( MB * 1024 * 1024 / LAYERS )) /dev/urandom >"$work/layer$i/data-$i"
  tar -C "$work/layer$i" -cf "$work/layer$i.tar" .
  gzip -1 -c "$work/layer$i.tar" >"$work/layer$i.tar.gz"
  rm -rf "$work/layer$i"
  diff_ids+=("\"$(sha "$work/layer$i.tar")\"")
  blob=$(sha "$work/layer$i.tar.gz")
  upload "$work/layer$i.tar.gz" "$blob"
  layers+=("{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":$(stat -c %s "$work/layer$i.tar.gz"),\"digest\":\"$blob\"}")
  rm -f "$work/layer$i.tar"
done
printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":[%s]}}' "$(IFS=,; echo "${diff_ids[*]}")" >"$work/config.json"
upload "$work/config.json" "$(sha "$work/config.json")"
printf '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%s,"digest":"%s"},"layers":[%s]}' \
  "$(stat -c %s "$work/config.json")" "$(sha "$work/config.json")" "$(IFS=,; echo "${layers[*]}")" >"$work/manifest.json"
curl -sf -o /dev/null -X PUT -H 'Content-Type: application/vnd.docker.distribution.manifest.v2+json' --data-binary @"$work/manifest.json" "http://$REGISTRY/v2/bench/pull/manifests/1"
size_mb=$(( $(cat "$work"/layer*.tar.gz | wc -c) / 1024 / 1024 ))

. "$ROOT/bench/measure.sh"

results=$(
  measure "berth pull, nothing stored" "$CLI rmi $IMAGE" "$CLI pull -q $IMAGE"
  measure "berth pull, up to date" "true" "$CLI pull -q $IMAGE"
  measure "docker CLI → berthd pull, nothing stored" "$CLI rmi $IMAGE" "DOCKER_HOST=$BERTH_HOST docker pull -q $IMAGE"
)

docker_note="No Docker engine runs on this machine (nothing answers on /var/run/docker.sock), so Docker was not measured side by side."
if DOCKER_HOST=unix:///var/run/docker.sock docker version >/dev/null 2>&1; then
  docker_results=$(
    export DOCKER_HOST=unix:///var/run/docker.sock
    measure "Docker: pull, nothing stored" "docker rmi $IMAGE" "docker pull -q $IMAGE"
    measure "Docker: pull, up to date" "true" "docker pull -q $IMAGE"
    docker rmi "$IMAGE" >/dev/null 2>&1 || true
  )
  results="$results"$'\n'"$docker_results"
  docker_note="Docker rows: the local Docker engine, same registry and image."
fi

section=$(
  echo "## Registry pull"
  echo
  echo "\`bench/pull.sh\`, $(date -u +%Y-%m-%d), $(nproc) cores, kernel $(uname -r): an image of $LAYERS layers, ${size_mb} MB compressed (random bytes), from docker-registry on 127.0.0.1 over HTTP, N=$N runs each."
  echo
  echo "| operation | median s | p25 s | p75 s |"
  echo "|---|---|---|---|"
  echo "$results" | awk -F'|' '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }'
  echo
  echo "Berth downloads three layers at a time, verifying each blob while it streams, unpacking it in the same pass and keeping its uncompressed tar (for push and save). $docker_note"
)

echo "$section" | "$ROOT/bench/write-section.sh" "Registry pull"
