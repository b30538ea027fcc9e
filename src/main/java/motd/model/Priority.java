package motd.model;

import java.util.Locale;

/** How much an announcement matters. Composition puts higher priorities first. */
public enum Priority {
  CRITICAL,
  IMPORTANT,
  INFO;

  /** The name as written in YAML: {@code info}, {@code important}, {@code critical}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
