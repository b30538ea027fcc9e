#!/bin/sh
# The largest inputs motd accepts, built with a 512 MB heap: it must succeed and stay under it.
# Two worst cases of the limits in motd.model.Limits (README "Limits"):
#   total: 200 releases x 64 platform values (13,001 MOTD files) that together come near the
#          128 MiB site total, each carrying texts of almost 10 KiB that differ per version;
#   many:  announcement files of almost 64 KiB each (7 languages x 8 KiB), up to the 16 MiB
#          that all announcement files may take together, each for one
#          release on one platform value, so pages, feed and MOTD files all carry a lot.
# Prints the time and peak RSS of each. Needs python3 to write the inputs.
# Usage: bench/limits.sh
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
work=${BENCH_DIR:-/tmp/motd-limits}
RESULTS=$work/results
rm -rf "$work"; mkdir -p "$RESULTS"
./motd --version >/dev/null  # builds the jar once, outside the timings
python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
langs = ["en"] + [a + b for a in "abcdefgh" for b in "abcdefgh"][:63]
families = {f"fam{f}": [f"p{f}x{i}" for i in range(8)] for f in range(8)}
def config(path, n_langs):
    with open(os.path.join(path, "motd.yaml"), "w") as out:
        out.write("signed: example.org\nbase_url: https://example.org\n")
        out.write("languages: [" + ", ".join(langs[:n_langs]) + "]\nplatforms:\n")
        for fam, values in families.items():
            out.write(f"  {fam}: [" + ", ".join(values) + "]\n")
        out.write("releases:\n")
        for r in range(200):
            out.write(f"  - {{version: '1.{r}', date: 2019-01-01}}\n")
# total: one announcement for everyone whose text differs per version
a = os.path.join(work, "total", "announcements"); os.makedirs(a)
config(a, 64)
text = ("x" * 70 + "\n") * 108 + "{{#version}}{{version}}{{/version}}\n"
with open(os.path.join(a, "big.yaml"), "w") as out:
    out.write("published: 2019-06-01\nmessage:\n  en: |\n")
    out.write("".join("    " + line + "\n" for line in text.splitlines()))
    out.write("  aa: |\n" + ("    " + "z" * 70 + "\n") * 12)
# many: 1,000 files, 7 languages each, each for one release on one platform family
a = os.path.join(work, "many", "announcements"); os.makedirs(a)
config(a, 64)
body = ("y" * 70 + "\n") * 110
for i in range(285):
    value = f"p{(i // 200) % 8}x{i % 8}"
    with open(os.path.join(a, f"a{i:04}.yaml"), "w") as out:
        out.write(f"published: 2019-06-01\ntarget:\n  versions: ['1.{i % 200}']\n  platforms: [{value}]\nmessage:\n")
        for lang in langs[:7]:
            out.write(f"  {lang}: |\n" + "".join("    " + l + "\n" for l in body.splitlines()))
PY
for case in total many; do
  du -sh "$work/$case/announcements" | sed "s|$work/||"
  time_run "$case" java -Xmx512m -XX:+UseSerialGC -jar target/motd.jar build \
    --announcements "$work/$case/announcements" --out "$work/$case/site" --now 2020-06-01
  echo "$case: $(median "$case"); site $(du -sh "$work/$case/site" | cut -f1), $(find "$work/$case/site/motd" -name motd.json | wc -l) MOTD files"
done
echo "machine: $(machine)"
