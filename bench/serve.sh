#!/bin/bash
# How long a normal client waits while SLOW connections (default 100) each hold `motd serve` with
# a request whose headers never end. Prints the median of RUNS (default 5) curl timings with and
# without the slow clients, and the ratio. Usage: bench/serve.sh [RUNS] [SLOW]
set -eu
cd "$(dirname "$0")/.."
runs=${1:-5}
slow=${2:-100}
work=${BENCH_DIR:-/tmp/motd-bench-serve}
rm -rf "$work"; mkdir -p "$work"
./motd build --out "$work/site" --now 2026-11-29 >/dev/null
./motd serve --site "$work/site" --port 0 >"$work/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 200); do grep -q '^serving' "$work/serve.out" && break; sleep 0.05; done
url=$(sed -n 's/^serving .* at \(http:[^ ]*\)\/$/\1/p' "$work/serve.out")
port=${url##*:}
path=/motd/1.0.0rc6-linux2/motd.json?lang=de\&py=2.7.18
timed() { curl -s -o /dev/null -w '%{time_total}\n' --max-time 60 "$url$path"; }
median() { sort -n | awk '{ s[NR] = $1 } END { print (NR % 2) ? s[(NR + 1) / 2] : (s[NR / 2] + s[NR / 2 + 1]) / 2 }'; }
timed >/dev/null # warm up
quiet=$(for _ in $(seq "$runs"); do timed; done | median)
fds=()
for i in $(seq "$slow"); do
  exec {fd}<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow-%s: 1\r\n' "$i" >&"$fd"
  fds+=("$fd")
done
loaded=$(for _ in $(seq "$runs"); do timed; done | median)
for fd in "${fds[@]}"; do exec {fd}>&-; done
echo "machine:                 $(nproc) cores, $(java -version 2>&1 | head -n 1), $(uname -sr)"
echo "normal request, alone:   ${quiet} s (median of $runs)"
echo "with $slow slow clients: ${loaded} s (median of $runs)"
awk -v a="$quiet" -v b="$loaded" 'BEGIN { printf "ratio:                   %.1fx\n", b / a }'
