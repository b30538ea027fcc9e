# Shared helpers for the benchmarks: timing with GNU time, medians and spreads, ratios against an
# anchor measured in the same run, and the machine's description.
# shellcheck shell=sh
#
# This machine's absolute times drift by +-30% between runs, so every figure that matters is a
# ratio against an anchor (cp -r, a gpg loop, a gpgv loop) timed in the same run, right beside it:
# run i of the measurement is divided by run i of its anchor, and the median and the spread
# (fastest-slowest) of those per-run ratios are printed.

# The command that runs motd; MOTD=/other/checkout/motd compares another build.
MOTD=${MOTD:-./motd}

# time_run LABEL CMD...: runs CMD, appends "seconds max_rss_kb" to $RESULTS/LABEL. Dirty pages of
# earlier steps are flushed first, so a run does not pay for the writeback of the one before.
time_run() {
  _tr_label=$1; shift
  sync
  /usr/bin/time -f "%e %M" -o "$RESULTS/.last" "$@" >/dev/null 2>"$RESULTS/.stderr" || {
    echo "failed: $*" >&2; cat "$RESULTS/.stderr" >&2; exit 1; }
  cat "$RESULTS/.last" >> "$RESULTS/$_tr_label"
}

# median_seconds LABEL
median_seconds() {
  sort -n "$RESULTS/$1" | awk '{ s[NR] = $1 }
    END { if (NR % 2) print s[(NR + 1) / 2]; else print (s[NR / 2] + s[NR / 2 + 1]) / 2 }'
}

# median LABEL: "0.45 s (0.41-0.52 s, 5 runs; max RSS 123 MB)"
median() {
  sort -n "$RESULTS/$1" | awk '{ s[NR] = $1; if ($2 > m) m = $2 }
    END { if (NR % 2) med = s[(NR + 1) / 2]; else med = (s[NR / 2] + s[NR / 2 + 1]) / 2;
          printf "%.2f s (%.2f-%.2f s, %d runs; max RSS %d MB)", med, s[1], s[NR], NR, m / 1024 }'
}

# max_rss_mb LABEL
max_rss_mb() {
  awk '{ if ($2 > m) m = $2 } END { printf "%d", m / 1024 }' "$RESULTS/$1"
}

# ratio A B: per run, A's seconds over B's; "16.2x (14.1-18.0x)", the median and spread of those
ratio() {
  paste -d ' ' "$RESULTS/$1" "$RESULTS/$2" | awk '$3 > 0 { print $1 / $3 }' | sort -n | awk '
    { r[NR] = $1 }
    END { if (NR % 2) med = r[(NR + 1) / 2]; else med = (r[NR / 2] + r[NR / 2 + 1]) / 2;
          printf "%.2fx (%.2f-%.2fx)", med, r[1], r[NR] }'
}

# remove DIR...: deletes them, then waits until ext4 no longer treats their inodes as recently
# deleted. On ext4 without a journal (this machine: "journal_task <none>"), the kernel skips inodes
# freed in the last 60 s (360 s while their table block is dirty) when it allocates new ones, and
# scans past each of them: creating thousands of files within a minute of deleting thousands is
# several times slower, for motd and cp alike. Every benchmark starts clean of that, and says so.
remove() {
  _removed=
  for _d in "$@"; do
    if [ -e "$_d" ]; then rm -rf "$_d"; _removed=1; fi
  done
  if [ -n "$_removed" ]; then settle; fi
}

# settle: flushes dirty pages, then waits out ext4's 60 s window for recently deleted inodes.
settle() {
  sync
  echo "(waiting 61 s after deleting files, see bench/lib.sh)" >&2
  sleep 61
}

machine() {
  echo "$(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GB RAM, $(java -version 2>&1 | head -n 1), $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
