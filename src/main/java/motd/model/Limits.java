package motd.model;

/**
 * How big the input may be. Real announcements are a few lines in a few languages; these limits are
 * many times that, and small enough that any accepted input builds in well under 512 MB of memory
 * (see BENCHMARKS.md). Each is checked while reading, before anything expensive, and named in the
 * error that reports it.
 */
public final class Limits {
  /** {@code motd.yaml}. */
  public static final int CONFIG_FILE_BYTES = 64 * 1024;

  /** One announcement file. */
  public static final int ANNOUNCEMENT_FILE_BYTES = 64 * 1024;

  /** One message text in one language, in UTF-8. */
  public static final int TEXT_BYTES = 8 * 1024;

  /** A title, and any other one-line value ({@code signed}, URLs). */
  public static final int LINE_CHARS = 300;

  /** A version, platform value, family or id: each becomes a folder or file name. */
  public static final int NAME_CHARS = 64;

  /** All announcement files together. */
  public static final long ANNOUNCEMENTS_BYTES = 16L * 1024 * 1024;

  /** Announcement files in the announcements folder. */
  public static final int ANNOUNCEMENT_FILES = 1000;

  /** Languages in {@code motd.yaml}. */
  public static final int LANGUAGES = 64;

  /** Releases in {@code motd.yaml}. */
  public static final int RELEASES = 200;

  /** sys.platform values in {@code motd.yaml}, over all families. */
  public static final int PLATFORM_VALUES = 64;

  /** The {@code extra} fields of {@code motd.yaml}, which every MOTD file carries. */
  public static final int EXTRA_BYTES = 4 * 1024;

  /** One template file under the templates folder. */
  public static final int TEMPLATE_FILE_BYTES = 64 * 1024;

  /** One asset file copied into the site. */
  public static final int ASSET_FILE_BYTES = 1024 * 1024;

  /** Asset files copied into the site. */
  public static final int ASSET_FILES = 200;

  /** One MOTD file, as a client downloads it every day. */
  public static final int MOTD_FILE_BYTES = 256 * 1024;

  /** All MOTD files of a site together. */
  public static final long SITE_MOTD_BYTES = 128L * 1024 * 1024;

  private Limits() {}

  /** "64 KiB", "8 KiB", "128 MiB": a size as the errors name it, rounded up. */
  public static String size(long bytes) {
    if (bytes >= 1024 * 1024) {
      return (bytes + 1024 * 1024 - 1) / (1024 * 1024) + " MiB";
    }
    if (bytes >= 1024) {
      return (bytes + 1023) / 1024 + " KiB";
    }
    return bytes + " bytes";
  }
}
