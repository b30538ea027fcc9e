package motd.stats;

/** What a targeted fetch is counted by. Each value is checked against an allowlist. */
public enum Dimension {
  /** A release listed in {@code motd.yaml}. */
  VERSION("version"),
  /** A platform family from {@code motd.yaml} ({@code linux}). */
  PLATFORM("platform"),
  /** A {@code sys.platform} value listed in {@code motd.yaml} ({@code linux2}). */
  OS("os"),
  /** The Python version, major.minor. */
  PY("py"),
  /** A language code valid per ISO 639, with an optional ISO 3166 region. */
  LANG("lang"),
  /** How the fetch reached the server: {@code tor}, {@code clearnet} or {@code unknown}. */
  VIA("via");

  /** The bucket for every value not on the allowlist. */
  public static final String OTHER = "other";

  private final String key;

  Dimension(String key) {
    this.key = key;
  }

  /** The name used in the store, {@code stats.json} and {@code stats.csv}. */
  public String key() {
    return key;
  }

  /** The dimension named {@code key}, or null. */
  public static Dimension byKey(String key) {
    for (Dimension d : values()) {
      if (d.key.equals(key)) {
        return d;
      }
    }
    return null;
  }
}
