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

  /**
   * A malformed or out-of-range line: the segment of the input it is in (a part of a file, or a
   * block of a stream), its number within that segment (1-based), and why.
   */
  record Warning(int segment, long line, String reason) {}

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

  /** The segment being read, and {@link #lines} when it began. */
  private int segment;

  private long segmentStart;

  LineParser(LineFormat format, Sanitizer sanitizer, Tally tally) {
    this.format = format;
    this.sanitizer = sanitizer;
    this.tally = tally;
  }

  /** Starts segment {@code n}: line numbers in warnings count from its start. */
  void segment(int n) {
    segment = n;
    segmentStart = lines;
  }

  /** Lines read in the current segment. */
  long segmentLines() {
    return lines - segmentStart;
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
      warn(p.warning);
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
    warn(Problem.TOO_LONG.warning);
  }

  private void warn(String reason) {
    warningCount++;
    if (warnings.size() < WARNINGS_KEPT) {
      warnings.add(new Warning(segment, lines - segmentStart, reason));
    }
  }
}
