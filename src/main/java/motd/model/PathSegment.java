package motd.model;

import java.util.Optional;
import java.util.regex.Pattern;

/** Rules for names that become one folder or file name in the site (versions, platforms, ids). */
public final class PathSegment {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

  private PathSegment() {}

  /** Why {@code name} is not a safe single path segment, or empty if it is. */
  public static Optional<String> problem(String name) {
    if (name.isEmpty()) {
      return Optional.of("is empty");
    }
    if (name.contains("/") || name.contains("\\")) {
      return Optional.of("contains a slash, so it is not a single path segment");
    }
    if (name.contains("..")) {
      return Optional.of("contains '..'");
    }
    if (!SAFE.matcher(name).matches()) {
      return Optional.of(
          "may only use letters, digits, '.', '_', '+' and '-', and must start with a letter or digit");
    }
    return Optional.empty();
  }
}
