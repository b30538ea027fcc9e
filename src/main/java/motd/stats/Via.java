package motd.stats;

/** How fetches reached the server. */
public enum Via {
  TOR("tor"),
  CLEARNET("clearnet"),
  UNKNOWN("unknown");

  private final String key;

  Via(String key) {
    this.key = key;
  }

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
