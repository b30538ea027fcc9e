package motd.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * One worker's pass over lines: locates each line's fields with its format, has the {@link
 * Sanitizer} count it, and keeps the numbers for the summary. Warnings hold a line number and a
 * reason, never the line.
 */
final class LineParser {
  /** Warnings kept per worker (the rest are only counted). */
  static final int WARNINGS_KEPT = 10;

  /** A malformed or out-of-range line: its number (1-based, within this worker) and why. */
  record Warning(long line, String reason) {}

  private final LineFormat format;
  private final Sanitizer sanitizer;
  final Tally tally;
  private final RequestFields r = new RequestFields();

  long lines;
  long targeted;
  long generic;
  final long[] skipped = new long[SkipReason.values().length];
  final List<Warning> warnings = new ArrayList<>();
  long warningCount;

  LineParser(LineFormat format, Sanitizer sanitizer, Tally tally) {
    this.format = format;
    this.sanitizer = sanitizer;
    this.tally = tally;
  }

  /** One line, {@code b[from..to)} without its {@code '\n'}. */
  void line(byte[] b, int from, int to) {
    lines++;
    if (to > from && b[to - 1] == '\r') {
      to--;
    }
    r.clear(b);
    Problem p = format.locate(b, from, to, r);
    if (p == Problem.HEADER) {
      skipped[SkipReason.NOT_MOTD.ordinal()]++;
      return;
    }
    if (p != Problem.NONE) {
      skipped[SkipReason.MALFORMED.ordinal()]++;
      warn("malformed line (" + p.text + ")");
      return;
    }
    int result = sanitizer.count(r, tally);
    if (result == Sanitizer.TARGETED) {
      targeted++;
    } else if (result == Sanitizer.GENERIC) {
      generic++;
    } else {
      skipped[result]++;
      if (result == SkipReason.OUT_OF_RANGE.ordinal()) {
        warn("MOTD fetch dated out of range (before 2000 or after tomorrow); not counted");
      }
    }
  }

  /** A line longer than {@link LineSplitter#MAX_LINE}, skipped unread. */
  void overlong() {
    lines++;
    skipped[SkipReason.MALFORMED.ordinal()]++;
    warn("malformed line (" + Problem.TOO_LONG.text + ")");
  }

  private void warn(String reason) {
    warningCount++;
    if (warnings.size() < WARNINGS_KEPT) {
      warnings.add(new Warning(lines, reason));
    }
  }
}
