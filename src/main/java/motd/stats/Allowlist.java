package motd.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import motd.model.Config;
import motd.model.Release;

/**
 * The values a fetch may be counted by, from {@code motd.yaml} and the JDK's ISO lists. Lookups
 * read the value's bytes where they lie in the log buffer; anything not listed is {@code other}.
 */
final class Allowlist {
  /** Python versions kept: 2.0 to 3.99; ids are {@code (major - 2) * 100 + minor}. */
  static final int PY_VALUES = 200;

  final ByteTable versions = new ByteTable();
  final ByteTable os = new ByteTable();
  final List<String> families = new ArrayList<>();

  /** The family id of each os id. */
  final int[] familyOfOs;

  private final ByteTable isoLanguages = new ByteTable();
  private final ByteTable isoCountries = new ByteTable();
  private final ByteTable configuredLanguages = new ByteTable();

  private Allowlist(Config config) {
    for (Release r : config.releases()) {
      versions.add(r.version().text());
    }
    List<Integer> familyIds = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : config.platforms().entrySet()) {
      int family = families.size();
      families.add(e.getKey());
      for (String value : e.getValue()) {
        if (os.add(value) == familyIds.size()) {
          familyIds.add(family);
        }
      }
    }
    familyOfOs = familyIds.stream().mapToInt(Integer::intValue).toArray();
    for (String l : Locale.getISOLanguages()) {
      isoLanguages.add(l);
      String three = Locale.forLanguageTag(l).getISO3Language();
      if (three.length() == 3) {
        isoLanguages.add(three);
      }
    }
    for (String c : Locale.getISOCountries()) {
      isoCountries.add(c);
    }
    for (String l : config.languages()) {
      configuredLanguages.add(l);
    }
  }

  /** The allowlist for the releases, platforms and languages of {@code config}. */
  static Allowlist of(Config config) {
    return new Allowlist(config);
  }

  /** The id of a release, or {@code versions.size()} for other. */
  int version(byte[] b, int from, int to) {
    int id = versions.find(b, from, to);
    return id < 0 ? versions.size() : id;
  }

  /** The id of a sys.platform value, or {@code os.size()} for other. */
  int os(byte[] b, int from, int to) {
    int id = os.find(b, from, to);
    return id < 0 ? os.size() : id;
  }

  /** The family of an os id, or {@code families.size()} for other. */
  int family(int osId) {
    return osId < familyOfOs.length ? familyOfOs[osId] : families.size();
  }

  /**
   * The id of a Python version such as {@code 2.7.18}: its major.minor if the major is 2 or 3 and
   * the minor has one or two digits without a leading zero, followed by the end or a dot; else
   * {@link #PY_VALUES} (other).
   */
  static int py(byte[] b, int from, int to) {
    if (to - from < 3 || (b[from] != '2' && b[from] != '3') || b[from + 1] != '.') {
      return PY_VALUES;
    }
    int major = b[from] - '0';
    int i = from + 2;
    int minor = 0;
    int digits = 0;
    while (i < to && b[i] >= '0' && b[i] <= '9' && digits < 3) {
      minor = minor * 10 + (b[i] - '0');
      digits++;
      i++;
    }
    if (digits == 0 || digits > 2 || (digits == 2 && b[from + 2] == '0')) {
      return PY_VALUES;
    }
    if (i < to && b[i] != '.') {
      return PY_VALUES;
    }
    return (major - 2) * 100 + minor;
  }

  /** The text of a Python id. */
  static String pyName(int id) {
    return (id / 100 + 2) + "." + (id % 100);
  }

  /**
   * Whether {@code b[from..to)} is a language to keep: one listed in {@code motd.yaml}, or an ISO
   * 639 code of 2 or 3 lower-case letters, optionally followed by {@code _} and an ISO 3166 region
   * of 2 upper-case letters.
   */
  boolean language(byte[] b, int from, int to) {
    int len = to - from;
    if (len < 2 || len > 12) {
      return false;
    }
    if (configuredLanguages.find(b, from, to) >= 0) {
      return true;
    }
    int code = 0;
    while (code < len && b[from + code] >= 'a' && b[from + code] <= 'z') {
      code++;
    }
    if ((code != 2 && code != 3) || isoLanguages.find(b, from, from + code) < 0) {
      return false;
    }
    if (code == len) {
      return true;
    }
    int r = from + code;
    return len == code + 3
        && b[r] == '_'
        && b[r + 1] >= 'A'
        && b[r + 1] <= 'Z'
        && b[r + 2] >= 'A'
        && b[r + 2] <= 'Z'
        && isoCountries.find(b, r + 1, r + 3) >= 0;
  }
}
