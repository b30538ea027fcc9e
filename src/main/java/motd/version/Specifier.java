package motd.version;

import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEP 440 version clause: {@code ==}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=},
 * {@code ~=}, {@code ===}, or a prefix match such as {@code ==1.0.*}.
 *
 * <p>Unlike an installer, this does not hide pre-releases by default: every Mailpile release so far
 * is a release candidate, and a maintainer who targets {@code >=1.0.0rc0} means them. The ordered
 * comparisons otherwise follow PEP 440 to the letter, including its rule that {@code <1.0} does not
 * match {@code 1.0rc1}.
 */
public final class Specifier {
  private static final Pattern CLAUSE =
      Pattern.compile("(?<op>===|~=|==|!=|<=|>=|<|>)\\s*(?<version>[^\\s,;]+)");

  private final String text;
  private final String operator;
  private final String versionText;
  private final Version version; // null for === and prefix matches
  private final List<BigInteger> prefix; // non-null for ==X.* and !=X.*
  private final Version prefixVersion;

  private Specifier(
      String text,
      String operator,
      String versionText,
      Version version,
      List<BigInteger> prefix,
      Version prefixVersion) {
    this.text = text;
    this.operator = operator;
    this.versionText = versionText;
    this.version = version;
    this.prefix = prefix;
    this.prefixVersion = prefixVersion;
  }

  /**
   * Parses one clause such as {@code >=1.0.0rc0}.
   *
   * @throws InvalidVersionException with a message saying what is wrong
   */
  public static Specifier parse(String text) {
    String trimmed = text.trim();
    Matcher m = CLAUSE.matcher(trimmed);
    if (!m.matches()) {
      if (!trimmed.isEmpty() && Character.isLetterOrDigit(trimmed.charAt(0))) {
        throw new InvalidVersionException(
            "'" + trimmed + "' has no operator; write ==" + trimmed + " or >=" + trimmed);
      }
      throw new InvalidVersionException(
          "'" + trimmed + "' is not a version specifier (==, !=, <, <=, >, >=, ~=, ==X.*)");
    }
    String op = m.group("op");
    String v = m.group("version");
    if (op.equals("===")) {
      return new Specifier(trimmed, op, v, null, null, null);
    }
    if (v.endsWith(".*")) {
      if (!op.equals("==") && !op.equals("!=")) {
        throw new InvalidVersionException(
            "'" + trimmed + "': a .* prefix match only works with == and !=");
      }
      Version p =
          Version.tryParse(v.substring(0, v.length() - 2))
              .filter(x -> !x.hasLocal() && !x.isPreRelease() && !x.isPostRelease())
              .orElseThrow(
                  () ->
                      new InvalidVersionException(
                          "'" + trimmed + "': '" + v + "' is not a valid prefix such as 1.0.*"));
      return new Specifier(trimmed, op, v, null, p.release(), p);
    }
    Version parsed =
        Version.tryParse(v)
            .orElseThrow(
                () ->
                    new InvalidVersionException(
                        "'" + trimmed + "': '" + v + "' is not a PEP 440 version"));
    if (parsed.hasLocal() && !op.equals("==") && !op.equals("!=")) {
      throw new InvalidVersionException(
          "'" + trimmed + "': a local version (+...) only works with == and !=");
    }
    if (op.equals("~=") && parsed.release().size() < 2) {
      throw new InvalidVersionException(
          "'" + trimmed + "': ~= needs at least two release numbers, such as ~=1.0");
    }
    return new Specifier(trimmed, op, v, parsed, null, null);
  }

  /** Whether {@code candidate} satisfies this clause. */
  public boolean contains(Version candidate) {
    return switch (operator) {
      case "===" -> candidate.text().trim().equalsIgnoreCase(versionText);
      case "==" -> prefix != null ? prefixMatches(candidate) : equalTo(candidate);
      case "!=" -> !(prefix != null ? prefixMatches(candidate) : equalTo(candidate));
      case "<=" -> candidate.withoutLocal().compareTo(version) <= 0;
      case ">=" -> candidate.withoutLocal().compareTo(version) >= 0;
      case "<" -> lessThan(candidate);
      case ">" -> greaterThan(candidate);
      case "~=" -> compatible(candidate);
      default -> throw new IllegalStateException(operator);
    };
  }

  private boolean equalTo(Version candidate) {
    Version c = version.hasLocal() ? candidate : candidate.withoutLocal();
    return c.compareTo(version) == 0;
  }

  private boolean prefixMatches(Version candidate) {
    if (!candidate.epoch().equals(prefixVersion.epoch())) {
      return false;
    }
    List<BigInteger> r = candidate.release();
    for (int i = 0; i < prefix.size(); i++) {
      BigInteger x = i < r.size() ? r.get(i) : BigInteger.ZERO;
      if (!x.equals(prefix.get(i))) {
        return false;
      }
    }
    return true;
  }

  private boolean lessThan(Version candidate) {
    Version c = candidate.withoutLocal();
    if (c.compareTo(version) >= 0) {
      return false;
    }
    // PEP 440: <V does not match a pre-release of V itself unless V is a pre-release.
    return version.isPreRelease()
        || !c.isPreRelease()
        || Version.compareRelease(c.release(), version.release()) != 0
        || !c.epoch().equals(version.epoch());
  }

  private boolean greaterThan(Version candidate) {
    if (candidate.hasLocal() && candidate.withoutLocal().compareTo(version) == 0) {
      return false;
    }
    Version c = candidate.withoutLocal();
    if (c.compareTo(version) <= 0) {
      return false;
    }
    // PEP 440: >V does not match a post-release of V unless V is a post-release.
    if (!version.isPostRelease()
        && c.isPostRelease()
        && c.base().compareTo(version.base()) == 0
        && !c.isPreRelease()) {
      return false;
    }
    return true;
  }

  private boolean compatible(Version candidate) {
    if (candidate.withoutLocal().compareTo(version) < 0) {
      return false;
    }
    List<BigInteger> r = version.release();
    List<BigInteger> head = r.subList(0, r.size() - 1);
    List<BigInteger> cr = candidate.release();
    if (!candidate.epoch().equals(version.epoch())) {
      return false;
    }
    for (int i = 0; i < head.size(); i++) {
      BigInteger x = i < cr.size() ? cr.get(i) : BigInteger.ZERO;
      if (!x.equals(head.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }
}
