#!/bin/sh
# Times `motd sign` and `motd verify` (whole processes, JVM start included) on the synthetic site
# of bench/build.sh. Anchors, timed in the same run: a shell loop of `gpg --detach-sign --armor`
# over the same JSON files with the same Ed25519 key (gpg-agent warm), and a loop of `gpgv` over
# the signatures that loop made. Aims: sign at least 30x faster than the gpg loop, verify at least
# 20x faster than the gpgv loop. Prints the median and spread of RUNS runs (default 3; each run
# does all four, and the two loops take about 25 s) and the per-run ratios.
# Usage: [BENCH_DIR=DIR] [MOTD=path/to/motd] bench/sign.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-3}
work=${BENCH_DIR:-/tmp/motd-bench}
RESULTS=$work/sign-results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
[ -f "$work/announcements/motd.yaml" ] || bench/synthetic.sh "$work/announcements"
runs_dir=$work/sign-runs
remove "$runs_dir"
mkdir -p "$runs_dir"
$MOTD --version >/dev/null
$MOTD keygen --no-passphrase --out "$runs_dir/key.asc" >/dev/null 2>&1
export GNUPGHOME="$runs_dir/gnupg"
mkdir -m 700 "$GNUPGHOME"
trap 'gpgconf --kill all 2>/dev/null || true' EXIT
gpg --batch --quiet --import "$runs_dir/key.asc" 2>/dev/null
gpg --batch --export > "$runs_dir/trusted.gpg"
fpr=$(gpg --batch --with-colons --list-secret-keys | awk -F: '/^fpr/ { print $10; exit }')
$MOTD build --announcements "$work/announcements" --out "$runs_dir/built" --now 2020-06-01 >/dev/null
# Warm-up, outside the timings: sign's and verify's class-data archives (made by their first
# runs), and gpg-agent with the key unlocked.
cp -r "$runs_dir/built" "$runs_dir/warm-up"
$MOTD sign --site "$runs_dir/warm-up" --announcements "$work/announcements" --key "$runs_dir/key.asc" >/dev/null 2>&1
$MOTD verify --site "$runs_dir/warm-up" --announcements "$work/announcements" --fingerprint "$fpr" >/dev/null
gpg --batch --yes --quiet --local-user "$fpr" --armor --detach-sign --output "$runs_dir/warm.asc" "$runs_dir/key.asc.pub.asc"
# Every run signs a copy of its own: made now, as sign replaces the site it signs (deleting the old
# tree), and the gpg loop overwrites signatures.
i=0
while [ "$i" -lt "$runs" ]; do
  cp -r "$runs_dir/built" "$runs_dir/motd-$i"
  cp -r "$runs_dir/built" "$runs_dir/gpg-$i"
  i=$((i + 1))
done
find "$runs_dir/gpg-0/motd" -name '*.json' | sed "s|^$runs_dir/gpg-0/||" | sort > "$runs_dir/json-files"
files=$(wc -l < "$runs_dir/json-files")
settle
i=0
while [ "$i" -lt "$runs" ]; do
  [ "$i" -eq 0 ] || settle # the sign before deleted the tree it replaced
  time_run sign $MOTD sign --site "$runs_dir/motd-$i" --announcements "$work/announcements" --key "$runs_dir/key.asc"
  time_run verify $MOTD verify --site "$runs_dir/motd-$i" --announcements "$work/announcements" --fingerprint "$fpr"
  time_run gpg sh -c 'cd "$1" && while read -r f; do gpg --batch --yes --quiet --local-user "$2" --digest-algo SHA512 --armor --detach-sign --output "$f.asc" "$f"; done < "$3"' sh "$runs_dir/gpg-$i" "$fpr" "$runs_dir/json-files"
  time_run gpgv sh -c 'cd "$1" && while read -r f; do gpgv --quiet --keyring "$2" "$f.asc" "$f" 2>/dev/null; done < "$3"' sh "$runs_dir/gpg-$i" "$runs_dir/trusted.gpg" "$runs_dir/json-files"
  i=$((i + 1))
done
echo "machine:      $(machine)"
echo "folder:       $work ($(df --output=fstype "$work" | tail -n 1))"
echo "site:         $files JSON files signed, $(du -sh "$runs_dir/motd-0" | cut -f1)"
echo "motd sign:    $(median sign)"
echo "gpg loop:     $(median gpg)"
echo "motd verify:  $(median verify)"
echo "gpgv loop:    $(median gpgv)"
echo "sign is   $(ratio gpg sign) faster than the gpg loop  (aim: at least 30x)"
echo "verify is $(ratio gpgv verify) faster than the gpgv loop  (aim: at least 20x)"
