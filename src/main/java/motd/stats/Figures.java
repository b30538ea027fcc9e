package motd.stats;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The figures that may be published: complete days only, every number floored to a multiple of
 * {@link #FLOOR}, and every cell whose true count is under {@link #FLOOR} left out. The same store
 * always gives the same figures: which days are complete is decided by the store's newest fetch,
 * not by the clock.
 *
 * @param days the published days, oldest first
 * @param newestFetch the newest day with a fetch in the store, or null if it is empty
 */
public record Figures(List<Day> days, LocalDate newestFetch) {
  /** The floor of every published number. */
  public static final int FLOOR = 10;

  /** A day is published once the store holds a fetch this many days later. */
  public static final int HOLD_BACK_DAYS = 2;

  public Figures {
    days = List.copyOf(days);
  }

  /**
   * One published day.
   *
   * @param targeted floored, or 0 if the true count is under {@link #FLOOR}
   * @param generic floored, or 0 if under {@link #FLOOR}
   * @param values per dimension, the floored counts of the values with 10 or more, largest first
   *     (then by name)
   */
  public record Day(
      LocalDate date, long targeted, long generic, Map<Dimension, Map<String, Long>> values) {
    public Day {
      Map<Dimension, Map<String, Long>> copy = new EnumMap<>(Dimension.class);
      for (Dimension d : Dimension.values()) {
        copy.put(
            d, Collections.unmodifiableMap(new LinkedHashMap<>(values.getOrDefault(d, Map.of()))));
      }
      values = Collections.unmodifiableMap(copy);
    }

    public Map<String, Long> of(Dimension d) {
      return values.get(d);
    }
  }

  /** {@code n} floored to a multiple of {@link #FLOOR}; 0 (left out) if under it. */
  public static long floor(long n) {
    return n < FLOOR ? 0 : n - n % FLOOR;
  }

  /** The publishable figures of exact daily counts (summed over sources). */
  public static Figures of(SortedMap<LocalDate, DayCounts> counts) {
    LocalDate newest = null;
    for (Map.Entry<LocalDate, DayCounts> e : counts.entrySet()) {
      if (!e.getValue().isEmpty()) {
        newest = e.getKey();
      }
    }
    List<Day> days = new ArrayList<>();
    if (newest != null) {
      LocalDate last = newest.minusDays(HOLD_BACK_DAYS);
      for (Map.Entry<LocalDate, DayCounts> e : counts.headMap(last.plusDays(1)).entrySet()) {
        if (!e.getValue().isEmpty()) {
          days.add(day(e.getKey(), e.getValue()));
        }
      }
    }
    return new Figures(days, newest);
  }

  private static Day day(LocalDate date, DayCounts c) {
    Map<Dimension, Map<String, Long>> values = new EnumMap<>(Dimension.class);
    for (Dimension d : Dimension.values()) {
      Map<String, Long> cells = new LinkedHashMap<>();
      c.of(d).entrySet().stream()
          .filter(e -> e.getValue() >= FLOOR)
          .sorted(
              Comparator.comparing((Map.Entry<String, Long> e) -> -floor(e.getValue()))
                  .thenComparing(Map.Entry::getKey))
          .forEach(e -> cells.put(e.getKey(), floor(e.getValue())));
      values.put(d, cells);
    }
    return new Day(date, floor(c.targeted()), floor(c.generic()), values);
  }

  /**
   * The figures of the store in {@code dir}, or empty figures if there is none or it holds no
   * counts. Waits while an ingest writes it.
   *
   * @throws motd.diagnostic.OutputException if {@code dir} is a link or not a folder, or a store
   *     file is not a regular file or cannot be read
   */
  public static Figures read(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)
        || (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !Store.hasCounts(dir))) {
      return new Figures(List.of(), null);
    }
    // Anything else in its place (a link, a file) is refused by open, as ingest refuses it.
    try (Store store = Store.open(dir, false, () -> {})) {
      return of(store.merged());
    }
  }

  /** The last {@code n} published days. */
  public List<Day> last(int n) {
    return days.subList(Math.max(0, days.size() - n), days.size());
  }

  /** Whether no day is published (yet). */
  public boolean isEmpty() {
    return days.isEmpty();
  }
}
