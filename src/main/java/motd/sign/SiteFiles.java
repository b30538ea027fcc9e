package motd.sign;

import java.util.Set;

/** How signing sees a site folder: which files are signed, and which are their signatures. */
final class SiteFiles {
  static final String CERTIFICATE = "motd/signing-key.asc";

  /** The published usage figures; signed like the MOTD files, for those who reuse them. */
  static final String STATS = "stats/stats.json";

  private SiteFiles() {}

  /**
   * The files that get a signature of their own: every JSON file below {@code motd/} (the MOTD
   * files and the manifest) and the published usage figures.
   */
  static boolean isSigned(String path) {
    return (path.startsWith("motd/") && path.endsWith(".json")) || path.equals(STATS);
  }

  /** {@code X.asc} beside a signed {@code X} that exists: a signature, not content. */
  static boolean isSignature(String path, Set<String> all) {
    if (!path.endsWith(".asc")) {
      return false;
    }
    String data = path.substring(0, path.length() - 4);
    return isSigned(data) && all.contains(data);
  }
}
