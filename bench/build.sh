#!/bin/sh
# Times `motd build` as a whole process (JVM start included) on a synthetic input of
# 200 releases x 12 platforms x 500 announcements: a first build into an empty folder, then a
# no-op rebuild. Prints medians of RUNS runs (default 5). Usage: bench/build.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}
work=${BENCH_DIR:-/tmp/motd-bench}
RESULTS=$work/results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
bench/synthetic.sh "$work/announcements"
./motd --version >/dev/null  # builds the jar once, outside the timings
i=0
while [ "$i" -lt "$runs" ]; do
  rm -rf "$work/site"
  time_run first ./motd build --announcements "$work/announcements" --out "$work/site" --now 2020-06-01
  time_run noop ./motd build --announcements "$work/announcements" --out "$work/site" --now 2020-06-01
  i=$((i + 1))
done
echo "machine:        $(machine)"
echo "input:          200 releases x 12 platforms x 500 announcements ($(find "$work/site/motd" -name motd.json | wc -l) MOTD files, $(du -sh "$work/site" | cut -f1))"
echo "first build:    $(median first)"
echo "no-op rebuild:  $(median noop)"
