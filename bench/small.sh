#!/bin/sh
# A real-sized site: the bundled sample (announcements/, 64 MOTD files). Times, as whole processes,
# `motd build && motd sign` into an empty folder (the maintainer's loop), and each of build, sign
# and verify alone. Anchors, timed in the same run: a gpg loop signing the same 64 JSON files with
# the same key (gpg-agent warm), and a gpgv loop checking those signatures. Aim: build and sign
# together faster than the gpg loop alone. Prints the median and spread of RUNS runs (default 11)
# and the per-run ratios. Usage: [BENCH_DIR=DIR] [MOTD=path/to/motd] bench/small.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-11}
work=${BENCH_DIR:-/tmp/motd-bench}/small
RESULTS=$work/results
rm -rf "$work"; mkdir -p "$RESULTS"
$MOTD --version >/dev/null
$MOTD keygen --no-passphrase --out "$work/key.asc" >/dev/null 2>&1
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
trap 'gpgconf --kill all 2>/dev/null || true' EXIT
gpg --batch --quiet --import "$work/key.asc" 2>/dev/null
gpg --batch --export > "$work/trusted.gpg"
fpr=$(gpg --batch --with-colons --list-secret-keys | awk -F: '/^fpr/ { print $10; exit }')
site=$work/site
build="$MOTD build --announcements announcements --templates templates --out $site"
sign="$MOTD sign --site $site --announcements announcements --key $work/key.asc"
verify="$MOTD verify --site $site --announcements announcements --fingerprint $fpr"
# Warm-up, outside the timings: each command's class-data archive (made by its first run), and
# gpg-agent started with the key unlocked, as on a maintainer's machine.
$build >/dev/null
$sign >/dev/null 2>&1
$verify >/dev/null
cp -r "$site" "$work/gpg-site"
find "$work/gpg-site/motd" -name '*.json' | sort > "$work/json-files"
files=$(wc -l < "$work/json-files")
gpg --batch --yes --quiet --local-user "$fpr" --armor --detach-sign --output "$work/warm.asc" "$work/key.asc.pub.asc"

# build --sign (one process), where this motd has it.
one_step=
if $MOTD build --help | grep -q -- '--sign'; then
  one_step="$build --sign --key $work/key.asc"
  rm -rf "$site"
  $one_step >/dev/null 2>&1
fi

i=0
while [ "$i" -lt "$runs" ]; do
  rm -rf "$site"
  # shellcheck disable=SC2086
  time_run build-and-sign sh -c "$build >/dev/null && $sign"
  if [ -n "$one_step" ]; then
    rm -rf "$site"
    time_run build-sign $one_step
  fi
  rm -rf "$site"
  time_run build $build
  time_run sign $sign
  time_run verify $verify
  find "$work/gpg-site/motd" -name '*.asc' -delete
  time_run gpg sh -c 'while read -r f; do gpg --batch --yes --quiet --local-user "$1" --digest-algo SHA512 --armor --detach-sign --output "$f.asc" "$f"; done < "$2"' sh "$fpr" "$work/json-files"
  time_run gpgv sh -c 'while read -r f; do gpgv --quiet --keyring "$1" "$f.asc" "$f" 2>/dev/null; done < "$2"' sh "$work/trusted.gpg" "$work/json-files"
  i=$((i + 1))
done
echo "machine:           $(machine)"
echo "site:              the sample, $files JSON files signed"
echo "build && sign:     $(median build-and-sign)"
echo "  build alone:     $(median build)"
echo "  sign alone:      $(median sign)"
echo "verify:            $(median verify)"
echo "gpg loop ($files):     $(median gpg)"
echo "gpgv loop ($files):    $(median gpgv)"
echo "build && sign is $(ratio gpg build-and-sign) faster than the gpg loop  (aim: at least 1x)"
if [ -n "$one_step" ]; then
  echo "build --sign:      $(median build-sign)"
  echo "build --sign is  $(ratio gpg build-sign) faster than the gpg loop"
fi
echo "verify is        $(ratio gpgv verify) faster than the gpgv loop"
