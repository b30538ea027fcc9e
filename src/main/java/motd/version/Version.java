package motd.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version as PEP 440 defines it, ordered as PEP 440 orders them: {@code 1.0.0.dev1 < 1.0.0a1 <
 * 1.0.0b2 < 1.0.0rc6 < 1.0.0 < 1.0.0.post1 < 1.0.1}.
 *
 * <p>The original text is kept: Mailpile clients send it verbatim, so it is what paths and JSON
 * fields use. Equality and order follow the normalized value ({@code 1.0} equals {@code 1.0.0}).
 */
public final class Version implements Comparable<Version> {
  private static final Pattern PATTERN =
      Pattern.compile(
          "v?(?:(?<epoch>[0-9]+)!)?"
              + "(?<release>[0-9]+(?:\\.[0-9]+)*)"
              + "(?:[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?"
              + "(?:-(?<postImplicit>[0-9]+)|[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN>[0-9]+)?)?"
              + "(?:[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?"
              + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?");

  private final String text;
  private final BigInteger epoch;
  private final List<BigInteger> release;
  private final String preLabel; // "a", "b", "rc" or null
  private final BigInteger preNumber;
  private final BigInteger post; // null when absent
  private final BigInteger dev; // null when absent
  private final List<String> local; // empty when absent

  private Version(
      String text,
      BigInteger epoch,
      List<BigInteger> release,
      String preLabel,
      BigInteger preNumber,
      BigInteger post,
      BigInteger dev,
      List<String> local) {
    this.text = text;
    this.epoch = epoch;
    this.release = release;
    this.preLabel = preLabel;
    this.preNumber = preNumber;
    this.post = post;
    this.dev = dev;
    this.local = local;
  }

  /**
   * Parses a PEP 440 version.
   *
   * @throws InvalidVersionException if {@code text} is not one
   */
  public static Version parse(String text) {
    return tryParse(text)
        .orElseThrow(() -> new InvalidVersionException("'" + text + "' is not a PEP 440 version"));
  }

  /** Parses a PEP 440 version, or returns empty. */
  public static Optional<Version> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = PATTERN.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    BigInteger epoch =
        m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
    List<BigInteger> release = new ArrayList<>();
    for (String part : m.group("release").split("\\.")) {
      release.add(new BigInteger(part));
    }
    String preLabel = null;
    BigInteger preNumber = null;
    if (m.group("preL") != null) {
      preLabel =
          switch (m.group("preL")) {
            case "alpha", "a" -> "a";
            case "beta", "b" -> "b";
            default -> "rc";
          };
      preNumber = number(m.group("preN"));
    }
    BigInteger post = null;
    if (m.group("postImplicit") != null) {
      post = new BigInteger(m.group("postImplicit"));
    } else if (m.group("postL") != null) {
      post = number(m.group("postN"));
    }
    BigInteger dev = m.group("devL") == null ? null : number(m.group("devN"));
    List<String> local =
        m.group("local") == null ? List.of() : List.of(m.group("local").split("[-_.]"));
    return Optional.of(
        new Version(
            text,
            epoch,
            Collections.unmodifiableList(release),
            preLabel,
            preNumber,
            post,
            dev,
            local));
  }

  private static BigInteger number(String digits) {
    return digits == null ? BigInteger.ZERO : new BigInteger(digits);
  }

  /** The text this version was parsed from, unchanged. */
  public String text() {
    return text;
  }

  /** The release segment ({@code [1, 0, 0]} for {@code 1.0.0rc6}). */
  public List<BigInteger> release() {
    return release;
  }

  BigInteger epoch() {
    return epoch;
  }

  /** True for alpha, beta, release-candidate and development versions. */
  public boolean isPreRelease() {
    return preLabel != null || dev != null;
  }

  /** True for {@code .postN} versions. */
  public boolean isPostRelease() {
    return post != null;
  }

  boolean hasLocal() {
    return !local.isEmpty();
  }

  /** This version without its local segment ({@code 1.0+ubuntu1} becomes {@code 1.0}). */
  Version withoutLocal() {
    if (local.isEmpty()) {
      return this;
    }
    return new Version(
        text.substring(0, text.indexOf('+')),
        epoch,
        release,
        preLabel,
        preNumber,
        post,
        dev,
        List.of());
  }

  /** The public version with pre, post and dev segments dropped ({@code 1.0.0rc6} → 1.0.0). */
  Version base() {
    return new Version(text, epoch, release, null, null, null, null, List.of());
  }

  /** The normalized form, as PEP 440 spells it ({@code 1.0.0-RC.6} becomes {@code 1.0.0rc6}). */
  public String normalized() {
    StringBuilder sb = new StringBuilder();
    if (epoch.signum() != 0) {
      sb.append(epoch).append('!');
    }
    for (int i = 0; i < release.size(); i++) {
      sb.append(i == 0 ? "" : ".").append(release.get(i));
    }
    if (preLabel != null) {
      sb.append(preLabel).append(preNumber);
    }
    if (post != null) {
      sb.append(".post").append(post);
    }
    if (dev != null) {
      sb.append(".dev").append(dev);
    }
    if (!local.isEmpty()) {
      sb.append('+').append(String.join(".", local));
    }
    return sb.toString();
  }

  @Override
  public int compareTo(Version o) {
    int c = epoch.compareTo(o.epoch);
    if (c != 0) {
      return c;
    }
    c = compareRelease(release, o.release);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(preRank(), o.preRank());
    if (c != 0) {
      return c;
    }
    if (preLabel != null) {
      c = preNumber.compareTo(o.preNumber);
      if (c != 0) {
        return c;
      }
    }
    // Absent post-release sorts before any post-release.
    c = compareNullable(post, o.post, -1);
    if (c != 0) {
      return c;
    }
    // Absent dev-release sorts after any dev-release.
    c = compareNullable(dev, o.dev, 1);
    if (c != 0) {
      return c;
    }
    return compareLocal(local, o.local);
  }

  /**
   * Pre-release rank: a bare dev release ({@code 1.0.dev1}) sorts before any alpha of the same
   * release; a final release sorts after all pre-releases.
   */
  private int preRank() {
    if (preLabel == null) {
      return (post == null && dev != null) ? -1 : 3;
    }
    return switch (preLabel) {
      case "a" -> 0;
      case "b" -> 1;
      default -> 2;
    };
  }

  /** Compares release segments ({@code 1.0} equals {@code 1.0.0}): negative, zero or positive. */
  public static int compareRelease(List<BigInteger> a, List<BigInteger> b) {
    int n = Math.max(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
      BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
      int c = x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int compareNullable(BigInteger a, BigInteger b, int absentSign) {
    if (a == null && b == null) {
      return 0;
    }
    if (a == null) {
      return absentSign;
    }
    if (b == null) {
      return -absentSign;
    }
    return a.compareTo(b);
  }

  private static int compareLocal(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xNum = x.chars().allMatch(Character::isDigit);
      boolean yNum = y.chars().allMatch(Character::isDigit);
      int c;
      if (xNum && yNum) {
        c = new BigInteger(x).compareTo(new BigInteger(y));
      } else if (xNum != yNum) {
        c = xNum ? 1 : -1; // numeric segments sort after alphanumeric ones
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Version v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    List<BigInteger> trimmed = new ArrayList<>(release);
    while (trimmed.size() > 1 && trimmed.get(trimmed.size() - 1).signum() == 0) {
      trimmed.remove(trimmed.size() - 1);
    }
    return Objects.hash(epoch, trimmed, preLabel, preNumber, post, dev, local);
  }

  @Override
  public String toString() {
    return text;
  }
}
