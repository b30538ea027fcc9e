package motd.sign;

import java.nio.file.Path;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import motd.emit.SiteWriter;

/** How signing sees a site folder: which files are signed, and which are signatures. */
final class SiteFiles {
  static final String CERTIFICATE = "motd/signing-key.asc";

  private SiteFiles() {}

  static void requireSite(Path site) {
    SiteWriter.requireSite(site);
  }

  /** Every regular file, as sorted '/'-separated relative paths; temp files of ours left out. */
  static SortedSet<String> list(Path site) {
    SortedSet<String> out = new TreeSet<>(SiteWriter.listFiles(site));
    out.removeIf(p -> p.endsWith(SiteSigner.TEMP_SUFFIX));
    return out;
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
