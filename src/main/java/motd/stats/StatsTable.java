package motd.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code motd stats show}: the published figures of the last days as a terminal table, one column
 * per day. A dash is a cell under {@value Figures#FLOOR} (or none), exactly as the site leaves it
 * out.
 */
public final class StatsTable {
  private StatsTable() {}

  /** The table for the store in {@code store}: its last {@code days} published days. */
  public static String show(Path store, int days) {
    return render(Figures.read(store), days);
  }

  /** The table of the last {@code days} published days of {@code figures}. */
  public static String render(Figures figures, int days) {
    if (figures.newestFetch() == null) {
      return "The store holds no counts yet; fill it with 'motd stats ingest'.\n";
    }
    List<Figures.Day> shown = figures.last(days);
    if (shown.isEmpty()) {
      return "No day is published yet: the newest fetch is from "
          + figures.newestFetch()
          + ", and a day is published once the store holds a fetch "
          + Figures.HOLD_BACK_DAYS
          + " days later.\n";
    }
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[shown.size() + 2];
    header[0] = "";
    header[1] = "";
    for (int i = 0; i < shown.size(); i++) {
      header[i + 2] = shown.get(i).date().toString();
    }
    rows.add(header);
    rows.add(row("fetches", "targeted", shown, d -> d.targeted()));
    rows.add(row("", "generic", shown, d -> d.generic()));
    for (Dimension dim : Dimension.values()) {
      Map<String, Long> order = new LinkedHashMap<>();
      for (Figures.Day d : shown) {
        d.of(dim).forEach((k, v) -> order.merge(k, v, Long::sum));
      }
      boolean first = true;
      for (String value :
          order.entrySet().stream()
              .sorted(
                  Map.Entry.<String, Long>comparingByValue()
                      .reversed()
                      .thenComparing(Map.Entry.comparingByKey()))
              .map(Map.Entry::getKey)
              .toList()) {
        rows.add(row(first ? dim.key() : "", value, shown, d -> d.of(dim).getOrDefault(value, 0L)));
        first = false;
      }
    }
    int[] widths = new int[header.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        String cell = r[i];
        String pad = " ".repeat(widths[i] - cell.length());
        line.append(i < 2 ? cell + pad : pad + cell).append(i + 1 < r.length ? "  " : "");
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    sb.append("Counts floored to ")
        .append(Figures.FLOOR)
        .append("; '-' is under ")
        .append(Figures.FLOOR)
        .append(" (left out). Newest fetch in the store: ")
        .append(figures.newestFetch())
        .append(".\n");
    return sb.toString();
  }

  private static String[] row(
      String dim,
      String value,
      List<Figures.Day> days,
      java.util.function.ToLongFunction<Figures.Day> count) {
    String[] r = new String[days.size() + 2];
    r[0] = dim;
    r[1] = value;
    for (int i = 0; i < days.size(); i++) {
      long n = count.applyAsLong(days.get(i));
      r[i + 2] = n == 0 ? "-" : String.format(Locale.ROOT, "%,d", n);
    }
    return r;
  }
}
