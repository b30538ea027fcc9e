package motd.stats;

/** How fetches reached the server. */
public enum Via {
  /** Through a Tor onion service. */
  TOR("tor"),
  /** Over the ordinary internet. */
  CLEARNET("clearnet"),
  /** The log does not say, and {@code --via} was not given. */
  UNKNOWN("unknown");

  private final String key;

  Via(String key) {
    this.key = key;
  }

  /** The name used in the store and the published files. */
  public String key() {
    return key;
  }

  /** The value named {@code key} ({@code tor} or {@code clearnet}), or null. */
  public static Via byKey(String key) {
    for (Via v : values()) {
      if (v.key.equals(key)) {
        return v;
      }
    }
    return null;
  }
}
