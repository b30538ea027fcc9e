package motd.stats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import motd.diagnostic.InvalidInputException;
import motd.diagnostic.UsageException;
import motd.load.Loader;
import motd.model.Config;

/**
 * {@code motd stats ingest}: reads access logs and adds their MOTD fetches to the store, each log
 * once. All files of a run are committed to the store together; a file that cannot be read
 * contributes nothing.
 */
public final class Ingest {
  /** Plain files at least this big (past what was read before) are parsed on several cores. */
  static final long SPLIT_MIN = 16L << 20;

  /** The least each part of a split file gets. */
  static final long SPLIT_PART = 8L << 20;

  /**
   * What to ingest.
   *
   * @param announcements the folder with {@code motd.yaml}, whose releases, platforms and languages
   *     are the allowlists
   * @param store the store folder (made if missing)
   * @param source this server's name in the store
   * @param format the log format, or {@link LogFormat#AUTO}
   * @param via the way in of every fetch, or null to take it from each request's host
   * @param files paths, or {@code -} for standard input
   * @param now the ingest's time: fetches dated after the next day are out of range
   */
  public record Options(
      Path announcements,
      Path store,
      String source,
      LogFormat format,
      Via via,
      List<String> files,
      Instant now) {
    public Options {
      files = List.copyOf(files);
    }
  }

  /** Told what an ingest is doing, for a person watching. */
  public interface Listener {
    /** Another run holds the store; this one waits. */
    default void waiting(Path store) {}

    /** Bytes of input read so far, of {@code total} (-1 if unknown: standard input). */
    default void progress(long done, long total) {}
  }

  private final Options options;
  private final InputStream stdin;
  private final Listener listener;
  private final java.util.concurrent.CompletableFuture<Allowlist> allowlist;
  private Sanitizer sanitizer;
  private Allowlist allow;
  private final AtomicLong done = new AtomicLong();
  private long total;
  private long lastTold;

  private Ingest(
      Options options,
      InputStream stdin,
      Listener listener,
      java.util.concurrent.CompletableFuture<Allowlist> allowlist) {
    this.options = options;
    this.stdin = stdin;
    this.listener = listener;
    this.allowlist = allowlist;
  }

  /** Waits for the allowlists, read from {@code motd.yaml} while the logs are opened. */
  private void needAllowlist() {
    if (sanitizer != null) {
      return;
    }
    try {
      allow = allowlist.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
    long maxDay = LocalDate.ofInstant(options.now(), ZoneOffset.UTC).toEpochDay() + 1;
    sanitizer = new Sanitizer(allow, options.via(), maxDay);
  }

  /**
   * Ingests {@code options.files()} into the store.
   *
   * @param stdin what {@code -} reads
   * @return what was done; {@link IngestReport#failed()} if a file could not be read
   * @throws InvalidInputException if {@code motd.yaml} has errors or the store holds a bad file
   * @throws UsageException for a bad source name or standard input named twice
   * @throws motd.diagnostic.OutputException if the store cannot be written; it is then unchanged
   */
  public static IngestReport run(Options options, InputStream stdin, Listener listener) {
    Store.requireSource(options.source());
    if (options.files().stream().filter("-"::equals).count() > 1) {
      throw new UsageException("standard input ('-') can be read only once");
    }
    if (options.files().isEmpty()) {
      throw new UsageException("no log files given");
    }
    // motd.yaml is read on another thread while the store and the first log are opened.
    java.util.concurrent.CompletableFuture<Allowlist> allowlist =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> Allowlist.of(config(options.announcements())));
    try {
      return new Ingest(options, stdin, listener, allowlist).run();
    } finally {
      allowlist.handle((a, e) -> a).join(); // never left running; a failure was thrown already
    }
  }

  /** The configuration of {@code announcements}, if {@code motd.yaml} has no errors. */
  static Config config(Path announcements) {
    Loader.ConfigResult loaded = new Loader().loadConfig(announcements);
    if (loaded.config() == null && !loaded.diagnostics().hasErrors()) {
      motd.diagnostic.Diagnostics d = new motd.diagnostic.Diagnostics();
      d.error(
          motd.diagnostic.Position.of(announcements.resolve(Loader.CONFIG_FILE).toString()),
          "configuration file not found");
      d.throwIfErrors();
    }
    loaded.diagnostics().throwIfErrors();
    return loaded.config();
  }

  private record Outcome(
      String name,
      boolean failed,
      boolean nothingNew,
      SortedMap<LocalDate, DayCounts> counts,
      long lines,
      long targeted,
      long generic,
      long[] skipped,
      List<String> warnings,
      ReadLog.Record matched,
      ReadLog.Record record) {

    static Outcome failure(String name, String why) {
      return new Outcome(
          name,
          true,
          false,
          new TreeMap<>(),
          0,
          0,
          0,
          new long[SkipReason.values().length],
          List.of(name + ": error: " + why + "; nothing was counted from it"),
          null,
          null);
    }

    static Outcome nothing(String name, String note) {
      return new Outcome(
          name,
          false,
          true,
          new TreeMap<>(),
          0,
          0,
          0,
          new long[SkipReason.values().length],
          note == null ? List.of() : List.of(note),
          null,
          null);
    }
  }

  private IngestReport run() {
    long start = System.nanoTime();
    for (String f : options.files()) {
      if (f.equals("-")) {
        total = -1; // standard input: of no known size, as the listener is told
        break;
      }
      total += Path.of(f).toFile().length();
    }
    try (Store store = Store.open(options.store(), true, () -> listener.waiting(options.store()))) {
      ReadLog log = store.readLog();
      SortedMap<LocalDate, DayCounts> delta = new TreeMap<>();
      long lines = 0;
      long targeted = 0;
      long generic = 0;
      Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
      List<String> warnings = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      int alreadyRead = 0;
      boolean changed = false;
      for (String name : options.files()) {
        Outcome o = read(name, log);
        if (o.failed()) {
          failures.addAll(o.warnings());
          continue;
        }
        warnings.addAll(o.warnings());
        if (o.nothingNew()) {
          alreadyRead++;
          continue;
        }
        o.counts().forEach((day, c) -> delta.merge(day, c, DayCounts::plus));
        lines += o.lines();
        targeted += o.targeted();
        generic += o.generic();
        for (SkipReason r : SkipReason.values()) {
          skipped.merge(r, o.skipped()[r.ordinal()], Long::sum);
        }
        if (o.record() != null) {
          log.replace(options.source(), o.matched(), o.record());
          changed = true;
        }
      }
      needAllowlist(); // motd.yaml must be valid even when no log had anything new
      if (changed || !delta.isEmpty()) {
        store.commit(options.source(), delta, log);
      }
      return new IngestReport(
          options.files().size(),
          alreadyRead,
          lines,
          targeted,
          generic,
          skipped,
          new TreeSet<>(delta.keySet()),
          warnings,
          failures,
          System.nanoTime() - start);
    }
  }

  private void advance(long bytes) {
    long now = done.addAndGet(bytes);
    long t = System.nanoTime();
    synchronized (this) {
      if (t - lastTold > 100_000_000L) {
        lastTold = t;
        listener.progress(now, total);
      }
    }
  }

  private Outcome read(String name, ReadLog log) {
    LogInput in;
    try {
      in = LogInput.open(name, stdin);
    } catch (NoSuchFileException e) {
      return Outcome.failure(name, "cannot read: no such file");
    } catch (AccessDeniedException e) {
      return Outcome.failure(name, "cannot read: permission denied");
    } catch (IOException e) {
      return Outcome.failure(name, "cannot read: " + message(e));
    }
    try (in) {
      return read(in, log);
    } catch (IOException e) {
      String what =
          in.compression == LogInput.Compression.PLAIN
              ? "cannot read: "
              : "corrupt " + in.compression.name().toLowerCase(java.util.Locale.ROOT) + " data: ";
      return Outcome.failure(name, what + message(e));
    }
  }

  private static String message(IOException e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return m.equals("Is a directory") ? "is a folder" : m;
  }

  private Outcome read(LogInput in, ReadLog log) throws IOException {
    String name = in.name;
    byte[] prefix = in.prefix();
    Optional<ReadLog.Match> match = log.find(prefix);
    if (match.isPresent() && !match.get().source().equals(options.source())) {
      return Outcome.nothing(
          name,
          name
              + ": warning: this log was read before for source "
              + match.get().source()
              + "; not counted again for "
              + options.source());
    }
    ReadLog.Record matched = match.map(ReadLog.Match::record).orElse(null);
    long offset = matched == null ? 0 : matched.offset();
    long lineBase = matched == null ? 0 : matched.lines();
    if (in.plainFile() && offset >= in.rawSize) {
      advance(in.rawSize);
      return Outcome.nothing(name, null);
    }
    // A plain file may be being written: its last line counts only once it has its newline.
    boolean complete = !in.plainFile() && prefix.length < LogInput.PREFIX;
    LogFormat chosen = options.format();
    if (chosen == LogFormat.AUTO) {
      chosen = LogFormat.detect(prefix, complete);
      if (chosen == null) {
        if (LogFormat.noLines(prefix)
            || (in.plainFile() && Newlines.next(prefix, 0, prefix.length) < 0)) {
          return Outcome.nothing(name, null);
        }
        return Outcome.failure(
            name,
            "matches none of the formats tried ("
                + LogFormat.DETECTABLE.stream()
                    .map(LogFormat::label)
                    .collect(Collectors.joining(", "))
                + "); name one with --format");
      }
    }
    LineFormat format = chosen.create();
    if (!format.splittable() && offset > 0) {
      prime(format, prefix, (int) Math.min(offset, prefix.length));
    }
    List<LineParser> parsers = new ArrayList<>();
    long consumed;
    long[] segmentLines;
    if (in.plainFile()) {
      consumed = readPlain(in, format, offset, parsers);
      segmentLines = parsers.stream().mapToLong(p -> p.lines).toArray();
    } else {
      long[] last = {0};
      try (Blocks.Pump pump =
          Blocks.Pump.start(
              in.rest(),
              offset,
              () -> {
                long r = in.rawRead.get();
                advance(r - last[0]);
                last[0] = r;
              })) {
        needAllowlist();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < threads; i++) {
          parsers.add(new LineParser(i == 0 ? format : format.copy(), sanitizer, new Tally(allow)));
        }
        if (!format.splittable()) {
          parsers.subList(1, parsers.size()).clear(); // one thread sees every header in order
        }
        segmentLines = pump.parse(parsers);
        consumed = pump.total();
      }
      if (consumed <= offset) {
        return Outcome.nothing(name, null);
      }
    }
    SortedMap<LocalDate, DayCounts> counts = new TreeMap<>();
    long lines = 0;
    long targeted = 0;
    long generic = 0;
    long[] skipped = new long[SkipReason.values().length];
    List<String> warnings = new ArrayList<>();
    long warningCount = 0;
    long[] segmentStart = new long[segmentLines.length + 1];
    for (int i = 0; i < segmentLines.length; i++) {
      segmentStart[i + 1] = segmentStart[i] + segmentLines[i];
    }
    List<LineParser.Warning> kept = new ArrayList<>();
    for (LineParser p : parsers) {
      p.tally.counts().forEach((day, c) -> counts.merge(day, c, DayCounts::plus));
      kept.addAll(p.warnings);
      warningCount += p.warningCount;
      lines += p.lines;
      targeted += p.targeted;
      generic += p.generic;
      for (int i = 0; i < skipped.length; i++) {
        skipped[i] += p.skipped[i];
      }
    }
    kept.sort(
        java.util.Comparator.comparingInt(LineParser.Warning::segment)
            .thenComparingLong(LineParser.Warning::line));
    for (LineParser.Warning w : kept.subList(0, Math.min(kept.size(), LineParser.WARNINGS_KEPT))) {
      warnings.add(
          name
              + ":"
              + (lineBase + segmentStart[w.segment()] + w.line())
              + ": warning: "
              + w.reason());
    }
    if (warningCount > warnings.size()) {
      warnings.add(
          name
              + ": warning: "
              + String.format(java.util.Locale.ROOT, "%,d", warningCount - warnings.size())
              + " more lines like these not shown");
    }
    ReadLog.Record record = null;
    if (consumed > 0) {
      int length = (int) Math.min(LogInput.PREFIX, consumed);
      record = new ReadLog.Record(ReadLog.hash(prefix, length), length, consumed, lineBase + lines);
    }
    return new Outcome(
        name, false, false, counts, lines, targeted, generic, skipped, warnings, matched, record);
  }

  /** Lets a format that keeps state (CloudFront's field order) see the headers it skips. */
  private static void prime(LineFormat format, byte[] prefix, int end) {
    RequestFields r = new RequestFields();
    int pos = 0;
    while (pos < end) {
      int nl = Newlines.next(prefix, pos, end);
      int lineEnd = nl < 0 ? end : nl;
      if (lineEnd > pos && prefix[pos] == '#') {
        r.clear(prefix);
        format.locate(
            prefix, pos, lineEnd > pos && prefix[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd, r);
      }
      pos = lineEnd + 1;
    }
  }

  /** Reads a plain file from {@code offset}, in parallel parts if it is big; returns its end. */
  private long readPlain(LogInput in, LineFormat format, long offset, List<LineParser> parsers)
      throws IOException {
    long size = in.rawSize;
    advance(offset);
    int parts = 1;
    if (format.splittable() && size - offset >= SPLIT_MIN) {
      parts =
          (int) Math.min(Runtime.getRuntime().availableProcessors(), (size - offset) / SPLIT_PART);
      parts = Math.max(parts, 1);
    }
    long[] cuts = Blocks.cuts(in.channel, offset, size, parts);
    needAllowlist();
    LineSplitter[] splitters = new LineSplitter[parts];
    for (int i = 0; i < parts; i++) {
      LineParser p = new LineParser(i == 0 ? format : format.copy(), sanitizer, new Tally(allow));
      p.segment(i);
      parsers.add(p);
      splitters[i] = new LineSplitter(p);
    }
    if (parts == 1) {
      Blocks.readRange(in.channel, cuts[0], cuts[1], splitters[0], this::advance);
      return cuts[0] + splitters[0].finish();
    }
    Blocks.onThreads(
        "motd-stats-part-",
        parts,
        part ->
            Blocks.readRange(
                in.channel, cuts[part], cuts[part + 1], splitters[part], this::advance));
    // Every cut but the last follows a newline, so each part but the last is read whole; if a
    // part still ends in an unfinished line (the file shrank), nothing after it counts as read.
    long end = offset;
    for (int i = 0; i < parts; i++) {
      end = cuts[i] + splitters[i].finish();
      if (end < cuts[i + 1]) {
        break;
      }
    }
    return end;
  }
}
