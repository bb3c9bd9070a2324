# Sourced by the bench scripts: timed runs, and how a series of samples becomes a table row.

# quartiles LABEL SCALE FORMAT: reads one integer sample per line; prints LABEL|median|p25|p75, each sample
# divided by SCALE and printed with FORMAT (e.g. 1000 and %.2f: milliseconds as seconds).
quartiles() {
  sort -n | awk -v label="$1" -v scale="$2" -v format="$3" '
    { v[NR] = $1 }
    END { printf "%s|" format "|" format "|" format "\n", label, v[int((NR+1)/2)]/scale, v[int((NR+3)/4)]/scale, v[int((3*NR+3)/4)]/scale }'
}

# measure LABEL SETUP COMMAND: N timed runs of COMMAND, each after an untimed SETUP (both run by bash -c);
# prints LABEL|median|p25|p75 in seconds, or fails if COMMAND does.
measure() {
  local label=$1 setup=$2 command=$3 samples=() s e
  for _ in $(seq 1 "$N"); do
    bash -c "$setup" >/dev/null 2>&1 || true
    s=$(date +%s%N); bash -c "$command" >/dev/null || { echo "failed: $command" >&2; return 1; }; e=$(date +%s%N)
    samples+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${samples[@]}" | quartiles "$label" 1000 "%.2f"
}
