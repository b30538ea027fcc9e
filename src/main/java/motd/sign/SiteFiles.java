package motd.sign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import motd.diagnostic.OutputException;

/** How signing sees a site folder: which files are signed, and which are signatures. */
final class SiteFiles {
  static final String CERTIFICATE = "motd/signing-key.asc";

  private SiteFiles() {}

  static void requireSite(Path site) {
    motd.emit.SiteWriter.requireSite(site);
  }

  /** Every regular file, as sorted '/'-separated relative paths; temp files of ours left out. */
  static SortedSet<String> list(Path site) {
    try (Stream<Path> walk = Files.walk(site)) {
      SortedSet<String> out = new TreeSet<>();
      walk.filter(Files::isRegularFile)
          .map(p -> site.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.endsWith(SiteSigner.TEMP_SUFFIX))
          .forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new OutputException("cannot read " + site + ": " + e.getMessage(), e);
    }
  }

  /** {@code X.asc} beside an existing {@code X}: a signature, not content. */
  static boolean isSignature(String path, Set<String> all) {
    return path.endsWith(".asc") && all.contains(path.substring(0, path.length() - 4));
  }

  /** The files that get a signature of their own: every JSON file below {@code motd/}. */
  static boolean isSigned(String path) {
    return path.startsWith("motd/") && path.endsWith(".json");
  }
}
