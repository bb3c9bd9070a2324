#!/usr/bin/env bash
# bench/write-section.sh "TITLE" < section: replaces the "## TITLE" section of docs/benchmarks.md with
# the text on stdin (which starts with that heading), or appends it; the other sections stay as they are.
set -euo pipefail
page="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/docs/benchmarks.md"
section=$(cat)
[[ -f $page ]] || echo "# Benchmarks" >"$page"
awk -v title="## $1" -v section="$section" '
  $0 == title { skipping = 1; print section; printed = 1; next }
  skipping && /^## / { skipping = 0; print "" }
  !skipping { print }
  END { if (!printed) { print ""; print section } }
' "$page" >"$page.new"
mv "$page.new" "$page"
echo "$section"
