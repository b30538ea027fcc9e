package motd.model;

import motd.version.Version;

/**
 * One file a client can fetch: {@code /motd/V-P/motd.json}, {@code /motd/V/motd.json} or {@code
 * /motd/latest/motd.json}.
 *
 * @param version the client version, or null for the generic file
 * @param platform the sys.platform value, or null for the bare-version and generic files
 */
public record Variant(Version version, String platform) {

  public static final String LATEST = "latest";

  public static Variant latest() {
    return new Variant(null, null);
  }

  /** The generic {@code latest} file, which carries only generic announcements. */
  public boolean isLatest() {
    return version == null;
  }

  /** A file for a client that sent its version but no platform. */
  public boolean isBareVersion() {
    return version != null && platform == null;
  }

  /** The folder name under {@code /motd/}, also written into the file as {@code variant}. */
  public String name() {
    if (version == null) {
      return LATEST;
    }
    return platform == null ? version.text() : version.text() + "-" + platform;
  }

  /** The path of its file below the site root. */
  public String path() {
    return "motd/" + name() + "/motd.json";
  }
}
