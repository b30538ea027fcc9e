#!/bin/sh
# Times `motd build` as a whole process (JVM start included) on the synthetic input of
# bench/synthetic.sh (200 releases x 12 platforms x 500 announcements): a first build into an
# empty folder, then a no-op rebuild. The anchor is `cp -r` of the finished site, timed in the
# same run: the aim is a first build within 8x of copying its own output.
# Prints the median and spread of RUNS runs (default 5) and the per-run ratios.
# Usage: [BENCH_DIR=DIR] [MOTD=path/to/motd] bench/build.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}
work=${BENCH_DIR:-/tmp/motd-bench}
RESULTS=$work/results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
[ -f "$work/announcements/motd.yaml" ] || bench/synthetic.sh "$work/announcements"
# Builds the jar, and build's class-data archive (made by its first run), outside the timings.
$MOTD build --announcements "$work/announcements" --out "$work/warm-up" --now 2020-06-01 >/dev/null
# Each run writes into folders of its own, deleted only at the end: on ext4 without a journal
# (this machine), creating files within minutes of deleting thousands is several times slower,
# so deleting the last run's site first would make every run pay for the one before.
runs_dir=$work/runs
remove "$runs_dir" "$work/warm-up" "$work/site"
mkdir -p "$runs_dir"
i=0
while [ "$i" -lt "$runs" ]; do
  mkdir "$runs_dir/$i"
  time_run first $MOTD build --announcements "$work/announcements" --out "$runs_dir/$i/site" --now 2020-06-01
  time_run copy cp -r "$runs_dir/$i/site" "$runs_dir/$i/copy"
  time_run noop $MOTD build --announcements "$work/announcements" --out "$runs_dir/$i/site" --now 2020-06-01
  i=$((i + 1))
done
mv "$runs_dir/0/site" "$work/site"
echo "machine:        $(machine)"
echo "folder:         $work ($(df --output=fstype "$work" | tail -n 1))"
echo "input:          200 releases x 12 platforms x 500 announcements ($(find "$work/site/motd" -name motd.json | wc -l) MOTD files, $(find "$work/site" -type f | wc -l) files, $(du -sh "$work/site" | cut -f1))"
echo "first build:    $(median first)"
echo "cp -r of site:  $(median copy)"
echo "no-op rebuild:  $(median noop)"
echo "first build / cp -r:  $(ratio first copy)  (aim: at most 8x)"
