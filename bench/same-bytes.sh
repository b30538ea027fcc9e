#!/bin/sh
# Proves that two builds of motd write the same bytes: builds and signs the same inputs with
# OTHER (another checkout's ./motd, e.g. one of main before a change) and with this checkout's
# ./motd, with one key and one moment, and compares the two sites file by file. Inputs: the
# bundled sample, the synthetic input of bench/synthetic.sh, and the same with 'extra' fields
# and texts full of characters JSON escapes (quotes, backslashes, tabs, control characters,
# non-ASCII, emoji). Ed25519 signatures are deterministic, so the signatures must match too.
# Exits non-zero on the first difference. Usage: bench/same-bytes.sh OTHER_MOTD [DIR]
set -eu
other=${1:?usage: bench/same-bytes.sh OTHER_MOTD [DIR]}
cd "$(dirname "$0")/.."
work=${2:-/tmp/motd-same-bytes}
rm -rf "$work"; mkdir -p "$work"
now=2020-06-01T12:00:00Z
./motd keygen --no-passphrase --now 2020-01-01 --out "$work/key.asc" >/dev/null 2>&1

bench/synthetic.sh "$work/synthetic" 2>/dev/null
bench/synthetic.sh "$work/rich" 200 120 2>/dev/null
cat >> "$work/rich/motd.yaml" <<'EOF'
extra:
  motd_format: 2
  ratio: 1.50
  big: 123456789012345678901234567890
  exp: 1e3
  flag: true
  nothing: null
  mirrors: [https://a.example.org, "b \"quoted\" \\ mirror"]
  nested: {empty_map: {}, empty_list: [], deep: {list: [1, 2.5, -3, "x\ty"]}}
EOF
i=0
while [ "$i" -lt 40 ]; do
  printf 'published: 2019-03-%02d\npriority: critical\nmessage:\n  en: "Quotes \\" backslash \\\\ tab\\t %d"\n  de: "Umlaute äöü ß € 𝄞 📬 \\u00a0nbsp"\n  fr: |\n    <b>tags</b> & ampersands / slashes {{#version}}v{{version}} {{/version}}{{latest_version}} {{latest_date}}\n    ligne deux\n' $((i % 28 + 1)) "$i" > "$work/rich/rich-$i.yaml"
  i=$((i + 1))
done
cp -r announcements "$work/sample"

status=0
for input in sample synthetic rich; do
  for who in other this; do
    # Each with its own templates (its checkout's templates/, beside its motd).
    if [ "$who" = other ]; then motd=$other; else motd=./motd; fi
    templates=$(dirname "$motd")/templates
    site=$work/$input-$who
    $motd build --announcements "$work/$input" --templates "$templates" --out "$site" --now "$now" >"$work/$input-$who.build" 2>&1 || {
      echo "$who failed to build $input:"; cat "$work/$input-$who.build"; exit 1; }
    $motd sign --site "$site" --announcements "$work/$input" --key "$work/key.asc" --now "$now" >/dev/null 2>&1 || {
      echo "$who failed to sign $input"; exit 1; }
  done
  files=$(find "$work/$input-this" -type f | wc -l)
  if diff -r "$work/$input-other" "$work/$input-this" >"$work/$input.diff"; then
    echo "$input: identical ($files files, $(du -sh "$work/$input-this" | cut -f1), signatures and manifest included)"
  else
    echo "$input: DIFFERENT (see $work/$input.diff)"; head -n 20 "$work/$input.diff"; status=1
  fi
done
exit $status
