package motd.stats;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;

/**
 * The exact counts of one day (from one source, or summed over several): targeted and generic
 * fetches, and the targeted ones by each {@link Dimension}. Counts add.
 *
 * @param values per dimension, value to count; values with count 0 are absent
 */
public record DayCounts(
    long targeted, long generic, Map<Dimension, SortedMap<String, Long>> values) {
  /** What a value may look like in the store: what an allowlist can produce. */
  static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

  public DayCounts {
    Map<Dimension, SortedMap<String, Long>> copy = new EnumMap<>(Dimension.class);
    for (Dimension d : Dimension.values()) {
      copy.put(
          d,
          Collections.unmodifiableSortedMap(
              new TreeMap<>(values.getOrDefault(d, new TreeMap<>()))));
    }
    values = Collections.unmodifiableMap(copy);
  }

  /** No fetch at all. */
  public static final DayCounts EMPTY = new DayCounts(0, 0, Map.of());

  /** The counts of one dimension, by value. */
  public SortedMap<String, Long> of(Dimension d) {
    return values.get(d);
  }

  /** These counts plus {@code other}'s. */
  public DayCounts plus(DayCounts other) {
    Map<Dimension, SortedMap<String, Long>> sum = new EnumMap<>(Dimension.class);
    for (Dimension d : Dimension.values()) {
      SortedMap<String, Long> m = new TreeMap<>(values.get(d));
      other.values.get(d).forEach((k, v) -> m.merge(k, v, Long::sum));
      sum.put(d, m);
    }
    return new DayCounts(targeted + other.targeted, generic + other.generic, sum);
  }

  /**
   * The store's text for these counts: one {@code name count} or {@code dimension value count} a
   * line.
   */
  String text(LocalDate day, String source) {
    StringBuilder sb = new StringBuilder();
    sb.append("# motd stats, fetches on ")
        .append(day)
        .append(" (UTC) from source ")
        .append(source)
        .append("; counts only\n");
    sb.append("targeted ").append(targeted).append('\n');
    sb.append("generic ").append(generic).append('\n');
    for (Dimension d : Dimension.values()) {
      values
          .get(d)
          .forEach(
              (k, v) ->
                  sb.append(d.key()).append(' ').append(k).append(' ').append(v).append('\n'));
    }
    return sb.toString();
  }

  /** Reads a store file's lines; problems go to {@code diagnostics} with their line. */
  static DayCounts parse(String file, List<String> lines, Diagnostics diagnostics) {
    long targeted = -1;
    long generic = -1;
    Map<Dimension, SortedMap<String, Long>> values = new EnumMap<>(Dimension.class);
    int n = 0;
    for (String line : lines) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(" ", -1);
      Position at = new Position(file, n, 1);
      if (parts.length == 2 && (parts[0].equals("targeted") || parts[0].equals("generic"))) {
        long count = count(parts[1], at, diagnostics);
        boolean isTargeted = parts[0].equals("targeted");
        if ((isTargeted ? targeted : generic) >= 0) {
          diagnostics.error(at, parts[0] + " is given twice");
        } else if (isTargeted) {
          targeted = count;
        } else {
          generic = count;
        }
        continue;
      }
      Dimension d = parts.length == 3 ? Dimension.byKey(parts[0]) : null;
      if (d == null) {
        diagnostics.error(
            at,
            "expected 'targeted N', 'generic N' or 'DIMENSION VALUE N' (dimensions: version, platform, os, py, lang, via)");
        continue;
      }
      if (!VALUE.matcher(parts[1]).matches()) {
        diagnostics.error(
            new Position(file, n, parts[0].length() + 2), "not a value the allowlists can produce");
        continue;
      }
      long count = count(parts[2], at, diagnostics);
      if (values.computeIfAbsent(d, k -> new TreeMap<>()).putIfAbsent(parts[1], count) != null) {
        diagnostics.error(at, d.key() + " " + parts[1] + " is given twice");
      }
    }
    if (targeted < 0 || generic < 0) {
      diagnostics.error(Position.of(file), "needs both a 'targeted' and a 'generic' line");
    }
    return new DayCounts(Math.max(targeted, 0), Math.max(generic, 0), values);
  }

  private static long count(String s, Position at, Diagnostics diagnostics) {
    if (!s.matches("[0-9]{1,18}")) {
      diagnostics.error(at, "not a count: expected a whole number");
      return 0;
    }
    return Long.parseLong(s);
  }

  /** Whether there is nothing counted. */
  public boolean isEmpty() {
    return targeted == 0 && generic == 0;
  }
}
