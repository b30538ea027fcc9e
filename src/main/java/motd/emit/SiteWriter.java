package motd.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Stream;
import motd.diagnostic.OutputException;
import motd.diagnostic.UsageException;

/**
 * Replaces a site folder with a new tree, all or nothing.
 *
 * <p>The new tree is written beside the old one and swapped in by two renames only when complete.
 * Files whose bytes did not change are hard-linked from the old tree, so they keep their
 * modification times, and so do their {@code .asc} signatures, which are still valid. If nothing
 * changed at all, nothing is touched. On any failure the old tree is left exactly as it was.
 */
public final class SiteWriter {
  /** Files that {@code motd sign} adds beside the signatures; builds keep them. */
  public static final List<String> SIGNING_FILES =
      List.of("motd/manifest.json", "motd/manifest.json.asc", "motd/signing-key.asc");

  /** The file {@code motd build} always writes; its presence marks a folder as a motd site. */
  public static final String MARKER = "motd/latest/motd.json";

  /**
   * Throws a usage error unless {@code site} is a site {@code motd build} wrote.
   *
   * @throws UsageException naming what to run first
   */
  public static void requireSite(Path site) {
    if (!Files.isRegularFile(site.resolve(MARKER))) {
      throw new UsageException(
          site + " is not a built site (no " + MARKER + "); run ./motd build first");
    }
  }

  /** Called before each file is written; tests use it to fail midway. */
  @FunctionalInterface
  public interface WriteHook {
    void beforeWrite(String path) throws IOException;
  }

  private final WriteHook hook;

  public SiteWriter() {
    this(path -> {});
  }

  public SiteWriter(WriteHook hook) {
    this.hook = hook;
  }

  /**
   * Makes {@code out} hold exactly {@code files} (relative path to bytes), plus still-valid
   * signatures of unchanged files.
   *
   * @throws OutputException if the tree cannot be written; {@code out} is then unchanged
   */
  public WriteReport write(Path out, SortedMap<String, byte[]> files) {
    Path target = out.toAbsolutePath().normalize();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      refuseForeign(target);
    }
    Set<String> old = Files.isDirectory(target) ? listFiles(target) : Set.of();
    int written = 0;
    int unchanged = 0;
    Set<String> kept = new HashSet<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (old.contains(e.getKey()) && sameBytes(target.resolve(e.getKey()), e.getValue())) {
        unchanged++;
        kept.add(e.getKey());
        String sig = e.getKey() + ".asc";
        if (old.contains(sig) && !files.containsKey(sig)) {
          kept.add(sig);
        }
      } else {
        written++;
      }
    }
    Set<String> leftover = new HashSet<>(old);
    leftover.removeAll(kept);
    if (written == 0 && leftover.stream().allMatch(SiteWriter::isSigningFile)) {
      // Nothing the build produces changed: keep the site, its signatures and its manifest.
      return new WriteReport(0, unchanged, 0);
    }
    // The manifest and certificate stay, though the manifest is stale until the next sign: it
    // carries the serial that sign must exceed, and verify reports the site unsigned meanwhile.
    for (String path : old) {
      if (isSigningFile(path) && !files.containsKey(path)) {
        kept.add(path);
      }
    }
    Set<String> gone = new HashSet<>(old);
    gone.removeAll(kept);
    gone.removeAll(files.keySet());
    int removed = gone.size();
    Path parent = target.getParent();
    String name = target.getFileName().toString();
    Path staging = parent.resolve("." + name + ".staging-" + ProcessHandle.current().pid());
    Path retired = parent.resolve("." + name + ".old-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(parent);
      deleteTree(staging);
      deleteTree(retired);
      Files.createDirectories(staging);
      java.util.SortedSet<Path> dirs = new java.util.TreeSet<>();
      for (String path : kept) {
        dirs.add(staging.resolve(path).getParent());
      }
      for (String path : files.keySet()) {
        dirs.add(staging.resolve(path).getParent());
      }
      for (Path dir : dirs) {
        Files.createDirectories(dir);
      }
      for (String path : kept) {
        link(target.resolve(path), staging.resolve(path));
      }
      List<SiteFileIo.Pending> toWrite =
          files.entrySet().stream()
              .filter(e -> !kept.contains(e.getKey()))
              .map(e -> new SiteFileIo.Pending(staging.resolve(e.getKey()), e.getValue()))
              .toList();
      SiteFileIo.writeAll(toWrite, file -> hook.beforeWrite(relative(staging, file)));
      swap(target, staging, retired);
    } catch (IOException | UncheckedIOException e) {
      quietlyDelete(staging);
      throw new OutputException("cannot write " + out + ": " + describe(e), e);
    }
    quietlyDelete(retired);
    return new WriteReport(written, unchanged, removed);
  }

  private static boolean isSigningFile(String path) {
    return SIGNING_FILES.contains(path);
  }

  private static void refuseForeign(Path target) {
    if (!Files.isDirectory(target)) {
      throw new OutputException(target + " exists and is not a folder; refusing to replace it");
    }
    try (Stream<Path> entries = Files.list(target)) {
      if (entries.findAny().isPresent() && !Files.isRegularFile(target.resolve(MARKER))) {
        throw new OutputException(
            target
                + " is not empty and is not a motd site (no "
                + MARKER
                + "); refusing to replace it");
      }
    } catch (IOException e) {
      throw new OutputException("cannot read " + target + ": " + e.getMessage(), e);
    }
  }

  private static void swap(Path target, Path staging, Path retired) throws IOException {
    boolean hadOld = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    if (hadOld) {
      move(target, retired);
    }
    try {
      move(staging, target);
    } catch (IOException e) {
      if (hadOld) {
        move(retired, target);
      }
      throw e;
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
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
      Files.copy(existing, dest, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  private static boolean sameBytes(Path file, byte[] bytes) {
    try {
      return Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes);
    } catch (IOException e) {
      return false;
    }
  }

  /** Every regular file below {@code root}, as '/'-separated relative paths. */
  public static Set<String> listFiles(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      Set<String> out = new HashSet<>();
      walk.filter(Files::isRegularFile).forEach(p -> out.add(relative(root, p)));
      return out;
    } catch (IOException e) {
      throw new OutputException("cannot read " + root + ": " + e.getMessage(), e);
    }
  }

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /** Deletes a folder tree; does nothing if it does not exist. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private static void quietlyDelete(Path root) {
    try {
      deleteTree(root);
    } catch (IOException e) {
      // Best effort: a leftover staging folder is removed by the next build.
    }
  }

  private static String describe(Exception e) {
    Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
    String msg = t.getMessage();
    if (t instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason() + " (" + fse.getFile() + ")";
    }
    return msg == null ? t.getClass().getSimpleName() : msg;
  }
}
