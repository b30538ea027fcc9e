# Shared helpers for the benchmarks: timing with GNU time, medians, machine description.
# shellcheck shell=sh

# time_run LABEL CMD...: runs CMD, appends "seconds max_rss_kb" to $RESULTS/LABEL
time_run() {
  _tr_label=$1; shift
  /usr/bin/time -f "%e %M" -o "$RESULTS/.last" "$@" >/dev/null 2>"$RESULTS/.stderr" || {
    echo "failed: $*" >&2; cat "$RESULTS/.stderr" >&2; exit 1; }
  cat "$RESULTS/.last" >> "$RESULTS/$_tr_label"
}

# median LABEL: median seconds and the largest max RSS (MB) of the runs recorded under LABEL
median() {
  sort -n "$RESULTS/$1" | awk '{ s[NR] = $1; if ($2 > m) m = $2 }
    END { if (NR % 2) med = s[(NR + 1) / 2]; else med = (s[NR / 2] + s[NR / 2 + 1]) / 2;
          printf "%.2f s (median of %d; max RSS %d MB)", med, NR, m / 1024 }'
}

median_seconds() {
  sort -n "$RESULTS/$1" | awk '{ s[NR] = $1 } END { if (NR % 2) print s[(NR + 1) / 2]; else print (s[NR / 2] + s[NR / 2 + 1]) / 2 }'
}

machine() {
  echo "$(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GB RAM, $(java -version 2>&1 | head -n 1), $(uname -sr)"
}
