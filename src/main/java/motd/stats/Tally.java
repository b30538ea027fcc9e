package motd.stats;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The counts of one worker while it reads: per day, arrays indexed by the allowlists' ids, so that
 * counting a fetch allocates nothing. {@link #counts} turns them into named counts.
 */
final class Tally {
  static final int OTHER_LANG = 0;

  private final Allowlist allow;

  /** Languages seen, by id; {@code other} is id 0 (no ISO code is spelled "other"). */
  final ByteTable langs = new ByteTable();

  private final Map<Long, Day> days = new HashMap<>();
  private long lastDay = Long.MIN_VALUE;
  private Day last;

  Tally(Allowlist allow) {
    this.allow = allow;
    langs.add(Dimension.OTHER);
  }

  /** The counts of one day. */
  final class Day {
    long targeted;
    long generic;
    final long[] version = new long[allow.versions.size() + 1];
    final long[] os = new long[allow.os.size() + 1];
    final long[] platform = new long[allow.families.size() + 1];
    final long[] py = new long[Allowlist.PY_VALUES + 1];
    final long[] via = new long[Via.values().length];
    long[] lang = new long[8];

    void lang(int id) {
      if (id >= lang.length) {
        lang = java.util.Arrays.copyOf(lang, Math.max(id + 1, lang.length * 2));
      }
      lang[id]++;
    }
  }

  Day day(long epochDay) {
    if (epochDay == lastDay) {
      return last;
    }
    Day d = days.computeIfAbsent(epochDay, k -> new Day());
    lastDay = epochDay;
    last = d;
    return d;
  }

  /** The named counts of every day with at least one fetch. */
  SortedMap<LocalDate, DayCounts> counts() {
    SortedMap<LocalDate, DayCounts> out = new TreeMap<>();
    for (Map.Entry<Long, Day> e : days.entrySet()) {
      Day d = e.getValue();
      if (d.targeted == 0 && d.generic == 0) {
        continue;
      }
      Map<Dimension, SortedMap<String, Long>> values = new EnumMap<>(Dimension.class);
      values.put(
          Dimension.VERSION, named(d.version, i -> allow.versions.name(i), allow.versions.size()));
      values.put(Dimension.PLATFORM, named(d.platform, allow.families::get, allow.families.size()));
      values.put(Dimension.OS, named(d.os, i -> allow.os.name(i), allow.os.size()));
      values.put(Dimension.PY, named(d.py, Allowlist::pyName, Allowlist.PY_VALUES));
      values.put(Dimension.LANG, named(d.lang, langs::name, -1));
      SortedMap<String, Long> via = new TreeMap<>();
      for (Via v : Via.values()) {
        if (d.via[v.ordinal()] > 0) {
          via.put(v.key(), d.via[v.ordinal()]);
        }
      }
      values.put(Dimension.VIA, via);
      out.put(LocalDate.ofEpochDay(e.getKey()), new DayCounts(d.targeted, d.generic, values));
    }
    return out;
  }

  private static SortedMap<String, Long> named(
      long[] counts, java.util.function.IntFunction<String> name, int otherId) {
    SortedMap<String, Long> out = new TreeMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        out.merge(i == otherId ? Dimension.OTHER : name.apply(i), counts[i], Long::sum);
      }
    }
    return out;
  }
}
