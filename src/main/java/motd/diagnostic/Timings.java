package motd.diagnostic;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Phase timings for profiling, off unless the system property {@code motd.timings} is set (as in
 * {@code java -Dmotd.timings -jar motd.jar build}). Each {@link #mark} prints, to standard error,
 * how long the phase that just ended took and when it ended, counted from the first mark. bench/
 * and BENCHMARKS.md use it; a normal run pays one test of a constant per mark.
 */
public final class Timings {
  private static final boolean ON = System.getProperty("motd.timings") != null;
  private static long first;
  private static long last;

  private Timings() {}

  /** Ends the phase {@code done}: prints its time if timings are on. */
  public static void mark(String done) {
    if (ON) {
      print(done, System.err);
    }
  }

  private static synchronized void print(String done, PrintStream err) {
    long now = System.nanoTime();
    if (first == 0) {
      first = now;
      last = now;
      err.printf(
          Locale.ROOT,
          "timing: %-32s %8d ms%n",
          "JVM start, until the first mark",
          java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    }
    err.printf(
        Locale.ROOT,
        "timing: %-32s %8.1f ms  (at %8.1f ms)%n",
        done,
        (now - last) / 1e6,
        (now - first) / 1e6);
    last = now;
  }
}
