#!/usr/bin/env bash
# Builds what ./berth and the tests run: the NativeAOT CLI, the daemon, the solution (Release),
# and the busybox rootfs tar. Skips all of it when no source changed since the last build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/.build"
STAMP="$OUT/stamp"
cd "$ROOT"

if [[ -f $STAMP && -z $(find src tests Directory.Build.props Directory.Packages.props global.json Berth.slnx scripts \
      \( -name bin -o -name obj \) -prune -o -newer "$STAMP" -print -quit 2>/dev/null) ]]; then
  exit 0
fi

mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Berth.slnx -c Release -v q -nologo
dotnet publish src/berth -c Release -o "$OUT/cli" -v q -nologo
dotnet publish src/berthd -c Release -o "$OUT/daemon" -v q -nologo -p:PublishReadyToRun=true
"$ROOT/scripts/make-busybox-rootfs.sh" "$OUT/busybox.tar"
touch "$STAMP"
