#!/bin/sh
# Times `motd stats ingest` (a whole process, JVM start included) on a generated combined log of
# LINES lines (default 1,000,000) of MOTD traffic, against GoAccess on the same file
# (--log-format=COMBINED), `grep -c motd.json` on the plain file and `zcat > /dev/null` on its
# gzip copy. Prints the median and spread (fastest-slowest) of RUNS runs (default 5; GoAccess
# runs GOACCESS_RUNS times, default 3, as it is slow), the largest resident memory, and the
# ratios. Usage: [LINES=N] bench/stats.sh [RUNS] [GOACCESS_RUNS]
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}
goaccess_runs=${2:-3}
lines=${LINES:-1000000}
work=${BENCH_DIR:-/tmp/motd-bench}/stats
RESULTS=$work/results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
log=$work/access-$lines.log
if [ ! -f "$log" ]; then
  awk -v n="$lines" -f bench/stats-traffic.awk > "$log.tmp" && mv "$log.tmp" "$log"
  gzip -c "$log" > "$log.gz"
fi
./motd --version >/dev/null  # builds the jar once, outside the timings
# ./motd keeps a class-data archive per command, made by its first run after a build: a short
# ingest makes the one these runs use, outside the timings.
head -n 1000 "$log" > "$work/warm.log"
rm -rf "$work/store"
./motd stats ingest --announcements announcements --store "$work/store" "$work/warm.log" >/dev/null

i=0
while [ "$i" -lt "$runs" ]; do
  # grep writes its count to a file: writing to /dev/null, GNU grep stops at the first match.
  time_run grep sh -c 'grep -c motd.json "$1" > "$2"' sh "$log" "$RESULTS/count"
  rm -rf "$work/store"
  time_run ingest-plain ./motd stats ingest --announcements announcements --store "$work/store" "$log"
  time_run zcat sh -c 'zcat "$1" > /dev/null' sh "$log.gz"
  rm -rf "$work/store"
  time_run ingest-gzip ./motd stats ingest --announcements announcements --store "$work/store" "$log.gz"
  i=$((i + 1))
done
i=0
while [ "$i" -lt "$goaccess_runs" ]; do
  rm -f "$work/goaccess.json"
  time_run goaccess goaccess "$log" --no-global-config --log-format=COMBINED -o "$work/goaccess.json"
  i=$((i + 1))
done
rm -rf "$work/store"
./motd stats ingest --announcements announcements --store "$work/store" "$log" > "$RESULTS/summary"

echo "machine:       $(machine)"
echo "input:         $(wc -l < "$log") lines, $(du -h "$log" | cut -f1) plain, $(du -h "$log.gz" | cut -f1) gzip"
echo "ingest:        $(cat "$RESULTS/summary")"
for label in ingest-plain ingest-gzip grep zcat goaccess; do
  [ -s "$RESULTS/$label" ] || continue
  printf '%-14s %s\n' "$label:" "$(median "$label")"
done
echo "ratios (aims):"
echo "  ingest plain / grep -c:   $(ratio ingest-plain grep)  (at most 5x)"
echo "  ingest gzip / zcat:       $(ratio ingest-gzip zcat)  (at most 1.5x)"
if [ -s "$RESULTS/goaccess" ]; then
  # GoAccess runs fewer times than ingest: the ratio of the medians, and of the extremes.
  awk -v g="$(median_seconds goaccess)" -v i="$(median_seconds ingest-plain)" \
    -v glo="$(sort -n "$RESULTS/goaccess" | head -n 1 | cut -d' ' -f1)" -v ghi="$(sort -n "$RESULTS/goaccess" | tail -n 1 | cut -d' ' -f1)" \
    -v ilo="$(sort -n "$RESULTS/ingest-plain" | head -n 1 | cut -d' ' -f1)" -v ihi="$(sort -n "$RESULTS/ingest-plain" | tail -n 1 | cut -d' ' -f1)" \
    'BEGIN { printf "  goaccess / ingest plain:  %.1fx faster (%.1f-%.1fx)  (at least 20x)\n", g / i, glo / ihi, ghi / ilo }'
fi
