package motd.stats;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one {@code ingest} did.
 *
 * @param files how many files (or standard input) were given
 * @param alreadyRead how many of them held nothing new
 * @param lines lines read (new ones only: a continued log counts from where it was left)
 * @param skipped lines not counted, by reason
 * @param days the UTC days whose counts changed
 * @param warnings one line per warning: file, line number and reason, never a line's content
 * @param failures one line per file that could not be read; nothing was counted from those
 * @param nanos how long it took
 */
public record IngestReport(
    int files,
    int alreadyRead,
    long lines,
    long targeted,
    long generic,
    Map<SkipReason, Long> skipped,
    SortedSet<LocalDate> days,
    List<String> warnings,
    List<String> failures,
    long nanos) {

  public IngestReport {
    Map<SkipReason, Long> s = new EnumMap<>(SkipReason.class);
    for (SkipReason r : SkipReason.values()) {
      s.put(r, skipped.getOrDefault(r, 0L));
    }
    skipped = Collections.unmodifiableMap(s);
    days = Collections.unmodifiableSortedSet(new TreeSet<>(days));
    warnings = List.copyOf(warnings);
    failures = List.copyOf(failures);
  }

  /** Whether some file could not be read (exit 1). */
  public boolean failed() {
    return !failures.isEmpty();
  }

  /** Lines not counted. */
  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The summary line. */
  public String summary() {
    StringBuilder sb = new StringBuilder("motd stats: ");
    sb.append(n(lines)).append(lines == 1 ? " line" : " lines").append(" read from ");
    sb.append(files).append(files == 1 ? " file" : " files");
    if (alreadyRead > 0) {
      sb.append(" (").append(alreadyRead).append(" already read)");
    }
    if (!failures.isEmpty()) {
      sb.append(" (").append(failures.size()).append(" failed)");
    }
    sb.append("; counted ")
        .append(n(targeted + generic))
        .append(targeted + generic == 1 ? " fetch (" : " fetches (")
        .append(n(targeted))
        .append(" targeted, ")
        .append(n(generic))
        .append(" generic); skipped ")
        .append(n(skippedTotal()))
        .append(" (");
    boolean first = true;
    for (Map.Entry<SkipReason, Long> e : skipped.entrySet()) {
      sb.append(first ? "" : ", ").append(e.getKey().label()).append(' ').append(n(e.getValue()));
      first = false;
    }
    sb.append("); ")
        .append(days.size())
        .append(days.size() == 1 ? " day touched" : " days touched");
    if (!days.isEmpty()) {
      sb.append(" (").append(days.first());
      if (days.size() > 1) {
        sb.append(" to ").append(days.last());
      }
      sb.append(')');
    }
    double seconds = Math.max(nanos, 1) / 1e9;
    sb.append("; ").append(n(Math.round(lines / seconds))).append(" lines/s");
    return sb.toString();
  }

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}
