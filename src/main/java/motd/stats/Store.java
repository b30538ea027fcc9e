package motd.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.OutputException;
import motd.diagnostic.Position;
import motd.diagnostic.UsageException;
import motd.emit.FolderLock;
import motd.emit.SafeFiles;
import motd.emit.SiteTree;

/**
 * The store: plain-text files meant for git, holding nothing but counts. {@code DAY.SOURCE.counts}
 * holds the exact counts of one UTC day from one source; {@code SOURCE.read} what that source's
 * ingests have read. Stores merge by copying files, since no two sources share one.
 *
 * <p>An open store holds its {@link FolderLock}, so one run at a time reads or writes it. A commit
 * writes every changed file to a temporary file, then a journal naming them, then renames them into
 * place and removes the journal. A run killed before the journal is complete leaves the old store
 * (its temporary files are removed by the next run); one killed after it is finished by the next
 * run. Either way no count is lost or counted twice.
 */
public final class Store implements AutoCloseable {
  /** How long a run waits for another run that holds the store. */
  static final Duration PATIENCE = Duration.ofMinutes(10);

  static final String COUNTS = ".counts";
  static final String READ = ".read";
  static final String JOURNAL = ".motd-journal";

  /** What a source may be called: it is part of file names. */
  public static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

  private static final Pattern DAY_FILE =
      Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2})\\.(" + SOURCE.pattern() + ")\\.counts");
  private static final Pattern READ_FILE = Pattern.compile("(" + SOURCE.pattern() + ")\\.read");

  /** A test hook: the commit step named by this property waits there to be killed. */
  static final String CRASH_PROPERTY = "motd.stats.crashAt";

  private final Path dir;
  private final FolderLock lock;

  private Store(Path dir, FolderLock lock) {
    this.dir = dir;
    this.lock = lock;
  }

  /**
   * Opens the store in {@code dir}, waiting while another run holds it, and finishes or undoes
   * whatever a killed run left.
   *
   * @param create whether to create {@code dir} if it is missing
   * @param waiting called once if another run holds the store
   * @throws OutputException if the folder cannot be made, locked or tidied
   */
  public static Store open(Path dir, boolean create, Runnable waiting) {
    try {
      if (create) {
        Files.createDirectories(dir);
      }
      SafeFiles.requireRealFolder(dir);
    } catch (IOException e) {
      throw new OutputException("cannot use " + dir + " as the stats store: " + describe(e), e);
    }
    FolderLock lock = FolderLock.acquire(dir, PATIENCE, waiting);
    Store store = new Store(dir, lock);
    try {
      store.recover();
    } catch (IOException e) {
      lock.close();
      throw new OutputException("cannot tidy the stats store " + dir + ": " + describe(e), e);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    return store;
  }

  /** Checks a source name. */
  public static String requireSource(String source) {
    if (!SOURCE.matcher(source).matches()) {
      throw new UsageException(
          "--source '"
              + source
              + "': use 1 to 40 lower-case letters, digits, '-' and '_', starting with a letter or"
              + " digit (it becomes part of file names)");
    }
    return source;
  }

  /** Whether {@code dir} holds any counts (without locking: a hint, for deciding to publish). */
  public static boolean hasCounts(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (DAY_FILE.matcher(p.getFileName().toString()).matches()) {
          return true;
        }
      }
    } catch (IOException e) {
      return true; // let the real read report it
    }
    return false;
  }

  private void recover() throws IOException {
    Path journal = dir.resolve(JOURNAL);
    if (Files.exists(journal, LinkOption.NOFOLLOW_LINKS)) {
      for (String line : readLines(journal)) {
        String[] p = line.split(" ");
        if (p.length != 2
            || !safeName(p[0])
            || !safeName(p[1])
            || !SafeFiles.isTemp(p[0])
            || !p[0].startsWith("." + p[1] + SafeFiles.TEMP_MARK)) {
          throw new IOException(
              journal + " is not a journal motd wrote; look at it, then remove it");
        }
        Path temp = dir.resolve(p[0]);
        if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
          SafeFiles.moveOver(temp, dir.resolve(p[1]));
        }
      }
      Files.delete(journal);
    }
    SafeFiles.removeStaleTemps(dir);
  }

  private static boolean safeName(String name) {
    return !name.isEmpty() && !name.contains("/") && !name.equals(".") && !name.equals("..");
  }

  /** Every day's counts, by day and source. */
  public SortedMap<LocalDate, SortedMap<String, DayCounts>> days() {
    Diagnostics d = new Diagnostics();
    SortedMap<LocalDate, SortedMap<String, DayCounts>> out = new TreeMap<>();
    for (Path p : list()) {
      String name = p.getFileName().toString();
      Matcher m = DAY_FILE.matcher(name);
      if (!m.matches()) {
        if (name.endsWith(COUNTS)) {
          d.error(
              Position.of(p.toString()),
              "not a store file name: expected YYYY-MM-DD.SOURCE" + COUNTS);
        }
        continue;
      }
      LocalDate day;
      try {
        day = LocalDate.parse(m.group(1));
      } catch (DateTimeParseException e) {
        d.error(Position.of(p.toString()), "not a date: " + m.group(1));
        continue;
      }
      DayCounts counts = DayCounts.parse(p.toString(), readLines(p), d);
      out.computeIfAbsent(day, k -> new TreeMap<>()).put(m.group(2), counts);
    }
    d.throwIfErrors();
    return out;
  }

  /** Every day's counts, summed over the sources. */
  public SortedMap<LocalDate, DayCounts> merged() {
    SortedMap<LocalDate, DayCounts> out = new TreeMap<>();
    days()
        .forEach(
            (day, bySource) ->
                out.put(day, bySource.values().stream().reduce(DayCounts.EMPTY, DayCounts::plus)));
    return out;
  }

  ReadLog readLog() {
    Diagnostics d = new Diagnostics();
    ReadLog log = new ReadLog();
    for (Path p : list()) {
      Matcher m = READ_FILE.matcher(p.getFileName().toString());
      if (m.matches()) {
        log.parse(m.group(1), p.toString(), readLines(p), d);
      }
    }
    d.throwIfErrors();
    return log;
  }

  private DayCounts day(LocalDate day, String source) {
    Path p = dir.resolve(day + "." + source + COUNTS);
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return DayCounts.EMPTY;
    }
    Diagnostics d = new Diagnostics();
    DayCounts counts = DayCounts.parse(p.toString(), readLines(p), d);
    d.throwIfErrors();
    return counts;
  }

  private List<Path> list() {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(out::add);
    } catch (IOException e) {
      throw new OutputException("cannot read the stats store " + dir + ": " + describe(e), e);
    }
    out.sort(null);
    return out;
  }

  /** A store file's lines, read only if it is a regular file: never through a link, nor a FIFO. */
  private static List<String> readLines(Path p) {
    try {
      return new String(SiteTree.readRegular(p), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new OutputException("cannot read " + p + ": " + describe(e), e);
    }
  }

  /**
   * Adds {@code delta} to {@code source}'s day files and writes its read log, all or nothing.
   *
   * @throws OutputException if the store cannot be written; it then holds what it held before
   */
  void commit(String source, SortedMap<LocalDate, DayCounts> delta, ReadLog readLog) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (Map.Entry<LocalDate, DayCounts> e : delta.entrySet()) {
      DayCounts sum = day(e.getKey(), source).plus(e.getValue());
      files.put(
          e.getKey() + "." + source + COUNTS,
          sum.text(e.getKey(), source).getBytes(StandardCharsets.UTF_8));
    }
    files.put(source + READ, readLog.text(source).getBytes(StandardCharsets.UTF_8));
    List<Path[]> moves = new ArrayList<>();
    Path journal = dir.resolve(JOURNAL);
    boolean journalWritten = false;
    try {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        Path target = dir.resolve(e.getKey());
        Path temp = SafeFiles.tempFor(target);
        moves.add(new Path[] {temp, target});
        SafeFiles.createExclusive(temp, e.getValue());
      }
      checkpoint("temps-written");
      StringBuilder j = new StringBuilder();
      for (Path[] m : moves) {
        j.append(m[0].getFileName()).append(' ').append(m[1].getFileName()).append('\n');
      }
      SafeFiles.write(journal, j.toString().getBytes(StandardCharsets.UTF_8));
      journalWritten = true;
      checkpoint("journal-written");
      boolean first = true;
      for (Path[] m : moves) {
        SafeFiles.moveOver(m[0], m[1]);
        if (first) {
          checkpoint("one-renamed");
          first = false;
        }
      }
      Files.delete(journal);
    } catch (IOException e) {
      if (!journalWritten) {
        for (Path[] m : moves) {
          try {
            Files.deleteIfExists(m[0]);
          } catch (IOException ignored) {
            // removed by the next run
          }
        }
      }
      throw new OutputException(
          "cannot write the stats store "
              + dir
              + ": "
              + describe(e)
              + (journalWritten ? " (the next run finishes this update)" : "; it is unchanged"),
          e);
    }
  }

  /** Where a test may have a run wait to be killed (see {@link #CRASH_PROPERTY}). */
  private static void checkpoint(String step) {
    if (step.equals(System.getProperty(CRASH_PROPERTY))) {
      System.err.println("motd-stats-checkpoint " + step);
      System.err.flush();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or folder: " + e.getMessage();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** The store's folder. */
  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    lock.close();
  }
}
