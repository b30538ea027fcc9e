package motd.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import motd.diagnostic.OutputException;

/**
 * Replaces a whole site folder, all or nothing, and survives being killed at any instant.
 *
 * <p>{@link #open} takes the site's {@link FolderLock} and repairs what a killed run left. {@link
 * #commit} builds the complete new tree in {@code .NAME.staging-RANDOM} beside the site (unchanged
 * files are hard links, so they keep their modification times), then swaps it in with two renames:
 * the site to {@code .NAME.old-RANDOM}, the staging folder to the site. Between those renames no
 * site exists; a run killed there leaves the old tree beside it, and the next {@link #open} (by any
 * command) renames it back. Readers that find no site call {@link #recover}. So after a kill the
 * next command always finds a complete site, the old one or the new one, and nothing that a killed
 * run left behind survives the next run.
 *
 * <p>{@link Steps} names every step for fault injection: tests stop a run at each one.
 */
public final class SiteUpdate implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What one file of the new tree holds. */
  public sealed interface Content {
    /** New bytes. */
    record Bytes(byte[] bytes) implements Content {}

    /** The same file as {@code path} in the current site, linked with its time. */
    record Existing(String path) implements Content {}
  }

  /** Called before each step that changes the disk; tests stop a run there. */
  @FunctionalInterface
  public interface Steps {
    void before(String step) throws IOException;

    Steps NONE = step -> {};

    /**
     * The steps of a real run: none, unless the system property {@code motd.crashAt} is {@code N},
     * which halts the process at the Nth step as {@code kill -9} would (no cleanup, no shutdown
     * hooks). For crash tests only.
     */
    static Steps fromSystemProperties() {
      Integer crashAt = Integer.getInteger("motd.crashAt");
      if (crashAt == null) {
        return NONE;
      }
      java.util.concurrent.atomic.AtomicInteger count =
          new java.util.concurrent.atomic.AtomicInteger();
      return step -> {
        if (count.incrementAndGet() == crashAt) {
          System.err.println("motd: crashing at step " + crashAt + ": " + step);
          System.err.flush();
          Runtime.getRuntime().halt(137);
        }
      };
    }
  }

  private final Path site;
  private final FolderLock lock;
  private final Steps steps;
  private final List<String> repairs;

  private SiteUpdate(Path site, FolderLock lock, Steps steps, List<String> repairs) {
    this.site = site;
    this.lock = lock;
    this.steps = steps;
    this.repairs = repairs;
  }

  /**
   * Locks {@code site} for writing and repairs what a killed run left behind.
   *
   * @throws OutputException if another run holds the lock, or the repair fails
   */
  public static SiteUpdate open(Path site, Steps steps) {
    Path abs = site.toAbsolutePath().normalize();
    FolderLock lock = FolderLock.acquire(abs);
    try {
      List<String> repairs = repair(abs);
      return new SiteUpdate(abs, lock, steps, repairs);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e instanceof OutputException o
          ? o
          : new OutputException(
              "cannot repair " + site + " after an interrupted run: " + message(e), e);
    }
  }

  /**
   * For commands that only read a site: if a run was killed while swapping it in, so that no site
   * exists, puts the previous site back. Does nothing while another run is writing.
   *
   * @return what was repaired, for a note; empty if nothing was
   */
  public static List<String> recover(Path site) {
    Path abs = site.toAbsolutePath().normalize();
    if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) || leftovers(abs, ".old-").isEmpty()) {
      return List.of();
    }
    try (SiteUpdate u = open(abs, Steps.NONE)) {
      return u.repairs();
    } catch (OutputException e) {
      return List.of(); // a writer holds the lock; it will finish the swap itself
    }
  }

  /** What {@link #open} repaired: one line each, for a note to the user. */
  public List<String> repairs() {
    return repairs;
  }

  /** The site folder, absolute. */
  public Path site() {
    return site;
  }

  /** What the site holds now; empty if it does not exist yet. */
  public SiteTree current() {
    return Files.exists(site, LinkOption.NOFOLLOW_LINKS)
        ? SiteTree.scan(site)
        : SiteTree.empty(site);
  }

  /**
   * Makes the site hold exactly {@code files}. The current site is unchanged if this throws, and
   * also if the process is killed before the final rename.
   *
   * @throws OutputException if the new tree cannot be written
   */
  public void commit(SortedMap<String, Content> files) {
    Path staging = sibling(".staging-");
    try {
      steps.before("create " + staging.getFileName());
      Files.createDirectory(staging);
      Trees.createFolders(staging, files.keySet());
      motd.diagnostic.Timings.mark("staging folders made");
      fill(staging, files);
      motd.diagnostic.Timings.mark("staging filled");
      swap(staging);
    } catch (IOException | RuntimeException e) {
      quietlyDelete(staging);
      throw e instanceof OutputException o
          ? o
          : new OutputException(
              "cannot write " + site + ": " + message(e) + "; it is unchanged", e);
    }
  }

  private void fill(Path staging, SortedMap<String, Content> files) throws IOException {
    // Creating thousands of small files is slow on some disks; threads hide that latency.
    SiteFileIo.forEachInParallel(
        new ArrayList<>(files.entrySet()),
        e -> {
          Path dest = staging.resolve(e.getKey());
          if (e.getValue() instanceof Content.Existing ex) {
            steps.before("link " + e.getKey());
            link(site.resolve(ex.path()), dest);
          } else {
            steps.before("write " + e.getKey());
            Files.write(
                dest,
                ((Content.Bytes) e.getValue()).bytes(),
                java.nio.file.StandardOpenOption.CREATE_NEW,
                LinkOption.NOFOLLOW_LINKS);
          }
        });
  }

  private void swap(Path staging) throws IOException {
    boolean hadOld = Files.exists(site, LinkOption.NOFOLLOW_LINKS);
    Path retired = sibling(".old-");
    if (hadOld) {
      steps.before("rename site to " + retired.getFileName());
      move(site, retired);
    }
    try {
      steps.before("rename " + staging.getFileName() + " to site");
      move(staging, site);
    } catch (IOException | RuntimeException e) {
      if (hadOld) {
        move(retired, site);
      }
      throw e;
    }
    motd.diagnostic.Timings.mark("swapped in");
    if (hadOld) {
      steps.before("delete " + retired.getFileName());
      quietlyDelete(retired);
    }
    motd.diagnostic.Timings.mark("old tree deleted");
  }

  private Path sibling(String kind) {
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    return site.resolveSibling("." + site.getFileName() + kind + HexFormat.of().formatHex(random));
  }

  /** Puts back a site lost between the two renames, then removes every leftover. */
  private static List<String> repair(Path site) throws IOException {
    List<String> done = new ArrayList<>();
    List<Path> olds = leftovers(site, ".old-");
    if (!Files.exists(site, LinkOption.NOFOLLOW_LINKS) && !olds.isEmpty()) {
      // Only one run writes at a time, so there is at most one: the site before the swap.
      Path previous = olds.get(0);
      move(previous, site);
      olds = olds.subList(1, olds.size());
      done.add("put back the previous " + site.getFileName() + " from " + previous.getFileName());
    }
    List<Path> stale = new ArrayList<>(olds);
    stale.addAll(leftovers(site, ".staging-"));
    for (Path p : stale) {
      deleteTree(p);
      done.add("removed " + p.getFileName() + ", left by an interrupted run");
    }
    int temps = SafeFiles.removeStaleTemps(site.getParent(), ".." + site.getFileName() + ".");
    if (temps > 0) {
      done.add("removed " + temps + " temporary file(s) left by an interrupted run");
    }
    return done;
  }

  private static List<Path> leftovers(Path site, String kind) {
    String prefix = "." + site.getFileName() + kind;
    List<Path> out = new ArrayList<>();
    Path parent = site.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix + "*")) {
      for (Path p : entries) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(null);
    return out;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void link(Path existing, Path dest) throws IOException {
    try {
      Files.createLink(dest, existing);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | IOException e) {
      // No hard links here (another file system, or not allowed): a copy keeps the time too.
      Files.copy(existing, dest, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /** Deletes a folder tree without following links; does nothing if it does not exist. */
  public static void deleteTree(Path root) throws IOException {
    Trees.delete(root);
  }

  private static void quietlyDelete(Path root) {
    try {
      deleteTree(root);
    } catch (IOException | UncheckedIOException e) {
      // Best effort: the next run removes leftovers under the lock.
    }
  }

  private static String message(Exception e) {
    Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (t instanceof IOException io) {
      return SiteTree.describe(io);
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Releases the lock. */
  @Override
  public void close() {
    lock.close();
  }
}
