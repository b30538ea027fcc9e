#!/bin/sh
# Writes a synthetic announcements folder: 200 releases x 12 platforms x 500 announcements with
# mixed targets (everyone, version ranges, version lists, platform families, exclusions, expiry).
# Usage: bench/synthetic.sh DIR [RELEASES] [ANNOUNCEMENTS]
set -eu
dir=${1:?usage: bench/synthetic.sh DIR [RELEASES] [ANNOUNCEMENTS]}
releases=${2:-200}
announcements=${3:-500}
rm -rf "$dir"
mkdir -p "$dir"
{
  echo "signed: bench.example.org"
  echo "base_url: https://bench.example.org"
  echo "languages: [en, de, fr, es]"
  echo "platforms:"
  echo "  linux: [linux2, linux, linux3]"
  echo "  macos: [darwin, darwin19, darwin20]"
  echo "  windows: [win32, cygwin, msys]"
  echo "  bsd: [freebsd11, freebsd12, openbsd6]"
  echo "releases:"
  i=0
  while [ "$i" -lt "$releases" ]; do
    major=$((i / 50)); minor=$(((i / 10) % 5)); patch=$((i % 10))
    day=$(( (i % 28) + 1 ))
    printf '  - version: %d.%d.%d\n    date: %04d-%02d-%02d\n' "$major" "$minor" "$patch" $((2000 + i / 12)) $(((i % 12) + 1)) "$day"
    if [ $((i % 7)) -eq 3 ]; then echo "    platforms: [linux, macos]"; fi
    i=$((i + 1))
  done
} > "$dir/motd.yaml"
# Targets name the major versions that exist: 50 releases per major version.
majors=$(((releases + 49) / 50))
n=0
while [ "$n" -lt "$announcements" ]; do
  major=$((n % majors)); minor=$(((n / majors) % 5))
  {
    printf 'published: 2019-%02d-%02dT%02d:00:00Z\n' $(((n % 12) + 1)) $(((n % 28) + 1)) $((n % 24))
    case $((n % 5)) in
      0) printf 'expires: 2031-01-01\n' ;;
      1) printf 'expires: 2019-12-31\n' ;;
    esac
    case $((n % 3)) in
      0) echo "priority: info" ;;
      1) echo "priority: important" ;;
      2) echo "priority: critical" ;;
    esac
    case $((n % 6)) in
      0) ;;
      1) printf 'target:\n  versions: ">=%d.%d.0, <%d.0.0"\n' "$major" "$minor" $((major + 1)) ;;
      2) printf 'target:\n  versions: ">=%d.0.0"\n  platforms: [linux]\n' "$major" ;;
      3) printf 'target:\n  platforms: [windows, bsd]\n  not_platforms: [cygwin]\n' ;;
      4) printf 'target:\n  versions: [%d.%d.1, %d.%d.2, %d.%d.3]\n' "$major" "$minor" "$major" "$minor" "$major" "$minor" ;;
      5) printf 'target:\n  versions: "~=%d.%d.0"\n  generic: true\n' "$major" "$minor" ;;
    esac
    printf 'source: https://bench.example.org/news/%d\n' "$n"
    echo "message:"
    printf '  en: |\n    Announcement %d for {{#version}}{{version}}{{/version}}: upgrade to {{latest_version}} of {{latest_date}}.\n    A second line of news.\n' "$n"
    if [ $((n % 2)) -eq 0 ]; then printf '  de: |\n    Nachricht %d: aktualisieren Sie auf {{latest_version}}.\n' "$n"; fi
    if [ $((n % 3)) -eq 0 ]; then printf '  fr: |\n    Annonce %d : passez à {{latest_version}}.\n' "$n"; fi
  } > "$dir/news-$n.yaml"
  n=$((n + 1))
done
echo "wrote $dir: $releases releases, 12 platforms, $announcements announcements" >&2
