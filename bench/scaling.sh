#!/bin/sh
# How cost grows with the input: build, sign and verify time and peak memory (whole processes)
# for the synthetic input at x1, x2 and x4 announcements (250, 500, 1000 with 50 releases) and at
# x1, x2 and x4 releases (50, 100, 200 with 250 announcements). Both x4s stay within the limits
# of motd.model.Limits (200 releases, 1,000 announcement files, 128 MiB of MOTD files).
# Prints one line per input and run count RUNS (default 2), medians, and the largest peak RSS.
# Usage: [BENCH_DIR=DIR] [MOTD=path/to/motd] bench/scaling.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-2}
work=${BENCH_DIR:-/tmp/motd-bench}/scaling
RESULTS=$work/results
remove "$work"
mkdir -p "$RESULTS"
inputs="50:250 50:500 50:1000 100:250 200:250"
$MOTD keygen --no-passphrase --out "$work/key.asc" >/dev/null 2>&1
for input in $inputs; do
  r=${input%:*}; a=${input#*:}
  bench/synthetic.sh "$work/in-$r-$a" "$r" "$a" 2>/dev/null
done
# Warm-up: each command's class-data archive (made by its first run), outside the timings.
$MOTD build --announcements "$work/in-50-250" --out "$work/warm" --now 2020-06-01 >/dev/null 2>&1
$MOTD sign --site "$work/warm" --announcements "$work/in-50-250" --key "$work/key.asc" >/dev/null 2>&1
$MOTD verify --site "$work/warm" --announcements "$work/in-50-250" --key "$work/key.asc" >/dev/null
# Builds first, each into a folder of its own (nothing is deleted); then each sign, followed by
# its verify, after the wait that the sign before it needs (it deleted the tree it replaced;
# see remove in bench/lib.sh).
i=0
while [ "$i" -lt "$runs" ]; do
  for input in $inputs; do
    r=${input%:*}; a=${input#*:}
    time_run "build-$r-$a" $MOTD build --announcements "$work/in-$r-$a" --out "$work/site-$r-$a-$i" --now 2020-06-01
  done
  i=$((i + 1))
done
i=0
while [ "$i" -lt "$runs" ]; do
  for input in $inputs; do
    r=${input%:*}; a=${input#*:}
    settle
    time_run "sign-$r-$a" $MOTD sign --site "$work/site-$r-$a-$i" --announcements "$work/in-$r-$a" --key "$work/key.asc"
    time_run "verify-$r-$a" $MOTD verify --site "$work/site-$r-$a-$i" --announcements "$work/in-$r-$a" --key "$work/key.asc"
  done
  i=$((i + 1))
done
echo "machine: $(machine)"
echo "releases announcements | MOTD files | site | build s (peak MB) | sign s (peak MB) | verify s (peak MB)"
for input in $inputs; do
  r=${input%:*}; a=${input#*:}
  site=$work/site-$r-$a-0
  printf '%s %s | %s | %s | %s (%s) | %s (%s) | %s (%s)\n' "$r" "$a" \
    "$(find "$site/motd" -name motd.json | wc -l)" "$(du -sh "$site" | cut -f1)" \
    "$(median_seconds "build-$r-$a")" "$(max_rss_mb "build-$r-$a")" \
    "$(median_seconds "sign-$r-$a")" "$(max_rss_mb "sign-$r-$a")" \
    "$(median_seconds "verify-$r-$a")" "$(max_rss_mb "verify-$r-$a")"
done
