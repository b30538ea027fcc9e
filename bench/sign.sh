#!/bin/sh
# Times `motd sign` and `motd verify` (whole processes) on the synthetic site of bench/build.sh,
# against a shell loop of `gpg --detach-sign --armor` over the same files, and prints the ratios.
# Two sites: as built (realistic: many variants carry the same message), and with every file's
# message made unique. Usage: bench/sign.sh [RUNS] [GPG_RUNS]
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}
gpg_runs=${2:-1}
work=${BENCH_DIR:-/tmp/motd-bench}
RESULTS=$work/sign-results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
[ -d "$work/announcements" ] || bench/synthetic.sh "$work/announcements"
./motd --version >/dev/null
rm -rf "$work/key.asc" "$work/key.asc.pub.asc"
./motd keygen --no-passphrase --out "$work/key.asc" >/dev/null 2>&1
export GNUPGHOME="$work/gnupg"
rm -rf "$GNUPGHOME"; mkdir -m 700 "$GNUPGHOME"
trap 'gpgconf --kill all 2>/dev/null || true' EXIT
gpg --batch --quiet --import "$work/key.asc" 2>/dev/null
fpr=$(gpg --batch --with-colons --list-secret-keys | awk -F: '/^fpr/ { print $10; exit }')

unsign() { find "$1/motd" \( -name '*.asc' -o -name 'manifest.json' \) -delete; }

bench_site() {  # LABEL SITE
  label=$1; site=$2
  files=$(find "$site/motd" -name '*.json' | wc -l)
  i=0
  while [ "$i" -lt "$runs" ]; do
    unsign "$site"
    time_run "$label-sign" ./motd sign --site "$site" --key "$work/key.asc"
    time_run "$label-verify" ./motd verify --site "$site"
    i=$((i + 1))
  done
  i=0
  while [ "$i" -lt "$gpg_runs" ]; do
    unsign "$site"
    time_run "$label-gpg" sh -c 'for f in $(find "$1/motd" -name "*.json"); do gpg --batch --yes --quiet --local-user "$2" --digest-algo SHA512 --armor --detach-sign --output "$f.asc" "$f"; done' sh "$site" "$fpr"
    i=$((i + 1))
  done
  sign=$(median_seconds "$label-sign"); gpg=$(median_seconds "$label-gpg")
  echo "$label site: $files JSON files"
  echo "  motd sign:    $(median "$label-sign")"
  echo "  motd verify:  $(median "$label-verify")"
  echo "  gpg loop:     $(median "$label-gpg")"
  echo "  sign is $(echo "$gpg $sign" | awk '{ printf "%.1f", $1 / $2 }')x faster than the gpg loop"
}

rm -rf "$work/site-sign"
./motd build --announcements "$work/announcements" --out "$work/site-sign" --now 2020-06-01 >/dev/null
echo "machine: $(machine)"
bench_site realistic "$work/site-sign"

# Every file's message made unique: a per-file line is added to each English text.
rm -rf "$work/site-unique"
cp -r "$work/site-sign" "$work/site-unique"
unsign "$work/site-unique"
for f in $(find "$work/site-unique/motd" -name motd.json); do
  v=$(basename "$(dirname "$f")")
  sed -i "s|^  \"latest_version\": |  \"unique\": \"$v\",\n  \"latest_version\": |" "$f"
done
bench_site unique "$work/site-unique"
