package motd.emit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import motd.diagnostic.OutputException;
import motd.diagnostic.UsageException;

/**
 * Makes a site folder hold a newly built tree, all or nothing, through a {@link SiteUpdate}.
 *
 * <p>Files whose bytes did not change are hard-linked from the old tree, so they keep their
 * modification times, and so do their {@code .asc} signatures, which are still valid. If nothing
 * changed at all, nothing is touched. Anything else in the old tree (files the build no longer
 * makes, symlinks, FIFOs) is not carried over. On any failure, or a kill, the old tree stays.
 */
public final class SiteWriter {
  /** Files that {@code motd sign} adds beside the signatures; builds keep them. */
  public static final List<String> SIGNING_FILES =
      List.of("motd/manifest.json", "motd/manifest.json.asc", "motd/signing-key.asc");

  /** The file {@code motd build} always writes; its presence marks a folder as a motd site. */
  public static final String MARKER = "motd/latest/motd.json";

  /**
   * Throws a usage error unless {@code site} is a site {@code motd build} wrote. First puts back a
   * site that a killed run left beside its place.
   *
   * @return what was repaired, one line each
   * @throws UsageException naming what to run first
   */
  public static List<String> requireSite(Path site) {
    List<String> repaired = SiteUpdate.recover(site);
    if (Files.isSymbolicLink(site)) {
      throw new UsageException(site + " is a symbolic link; give the site folder itself");
    }
    if (!Files.isRegularFile(site.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
      throw new UsageException(
          site + " is not a built site (no " + MARKER + "); run ./motd build first");
    }
    return repaired;
  }

  private final SiteUpdate.Steps steps;

  public SiteWriter() {
    this(SiteUpdate.Steps.fromSystemProperties());
  }

  /** A writer that calls {@code steps} before each change to the disk; tests fail runs there. */
  public SiteWriter(SiteUpdate.Steps steps) {
    this.steps = steps;
  }

  /**
   * Makes {@code out} hold exactly {@code files} (relative path to bytes), plus still-valid
   * signatures of unchanged files and the signing files.
   *
   * @throws OutputException if the tree cannot be written; {@code out} is then unchanged
   */
  public WriteReport write(Path out, SortedMap<String, byte[]> files) {
    Path target = out.toAbsolutePath().normalize();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      refuseForeign(target);
    }
    try (SiteUpdate update = SiteUpdate.open(target, steps)) {
      SiteTree old = update.current();
      SortedMap<String, SiteUpdate.Content> plan = new TreeMap<>();
      Set<String> kept = new HashSet<>();
      int written = 0;
      int unchanged = 0;
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        String path = e.getKey();
        if (old.contains(path) && sameBytes(old, path, e.getValue())) {
          unchanged++;
          kept.add(path);
          plan.put(path, new SiteUpdate.Content.Existing(path));
          String sig = path + ".asc";
          if (old.contains(sig) && !files.containsKey(sig)) {
            kept.add(sig);
            plan.put(sig, new SiteUpdate.Content.Existing(sig));
          }
        } else {
          written++;
          plan.put(path, new SiteUpdate.Content.Bytes(e.getValue()));
        }
      }
      // The manifest and certificate stay, though the manifest is stale once anything changed: it
      // carries the serial that sign must exceed, and verify reports the site unsigned meanwhile.
      for (String path : SIGNING_FILES) {
        if (old.contains(path) && !files.containsKey(path)) {
          kept.add(path);
          plan.put(path, new SiteUpdate.Content.Existing(path));
        }
      }
      Set<String> gone = new HashSet<>(old.files().keySet());
      gone.removeAll(plan.keySet());
      int removed = gone.size() + old.strays().size();
      if (written == 0 && removed == 0 && update.repairs().isEmpty()) {
        return new WriteReport(0, unchanged, 0); // nothing changed: touch nothing
      }
      update.commit(plan);
      return new WriteReport(written, unchanged, removed);
    }
  }

  private static void refuseForeign(Path target) {
    if (Files.isSymbolicLink(target)) {
      throw new OutputException(target + " is a symbolic link; refusing to replace it");
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new OutputException(target + " exists and is not a folder; refusing to replace it");
    }
    try (Stream<Path> entries = Files.list(target)) {
      if (entries.findAny().isPresent()
          && !Files.isRegularFile(target.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
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

  private static boolean sameBytes(SiteTree old, String path, byte[] bytes) {
    if (old.files().get(path).size() != bytes.length) {
      return false;
    }
    try {
      return Arrays.equals(old.read(path), bytes);
    } catch (IOException e) {
      return false;
    }
  }

  /** Every regular file below {@code root}, as '/'-separated relative paths; links not followed. */
  public static Set<String> listFiles(Path root) {
    return new HashSet<>(SiteTree.scan(root).files().keySet());
  }

  /** Deletes a folder tree without following links; does nothing if it does not exist. */
  public static void deleteTree(Path root) throws IOException {
    SiteUpdate.deleteTree(root);
  }
}
