package motd.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import motd.model.Config;
import motd.model.Release;
import motd.model.Target;

/**
 * Whom an announcement targets, in plain words for pages and feeds: "Mailpile 1.0.0rc0 to 1.0.0rc5
 * on Linux", "Mailpile on Windows (except cygwin)", "Everyone".
 */
public final class TargetDescription {
  private static final Map<String, String> FAMILY_NAMES =
      Map.of(
          "linux", "Linux", "macos", "macOS", "windows", "Windows", "bsd", "BSD", "mac", "macOS",
          "osx", "macOS");

  private TargetDescription() {}

  public static String describe(Target target, Config config) {
    if (target.isEveryone()) {
      return "Everyone";
    }
    StringBuilder sb = new StringBuilder("Mailpile");
    List<Release> releases = config.releases();
    List<Integer> matched = new ArrayList<>();
    for (int i = 0; i < releases.size(); i++) {
      if (target.versions().contains(releases.get(i).version())) {
        matched.add(i);
      }
    }
    if (matched.size() < releases.size()) {
      sb.append(' ').append(versions(matched, releases, false));
    }
    if (!target.platformNames().isEmpty()) {
      sb.append(" on ")
          .append(
              join(target.platformNames().stream().map(TargetDescription::platformName).toList()));
    }
    if (!target.excludedPlatforms().isEmpty()) {
      sb.append(target.platformNames().isEmpty() ? " on every platform" : "")
          .append(" (except ")
          .append(join(target.excludedPlatforms().stream().sorted().toList()))
          .append(')');
    }
    return sb.toString();
  }

  /**
   * The releases {@code target} reaches, in a form that reads in any language, since it goes into
   * texts of every language: "1.0.0rc0–1.0.0rc5" (an en dash), "1.0.0rc5", "1.0.0rc3, 1.0.0rc5".
   * Every release if it names no versions.
   */
  public static String versions(Target target, Config config) {
    List<Release> releases = config.releases();
    List<Integer> matched = new ArrayList<>();
    for (int i = 0; i < releases.size(); i++) {
      if (target.versions().contains(releases.get(i).version())) {
        matched.add(i);
      }
    }
    return versions(matched, releases, true);
  }

  /**
   * The platforms {@code target} names, in a form that reads in any language ("Linux", "Linux,
   * macOS"), or null if it names none.
   */
  public static String platforms(Target target) {
    if (target.platformNames().isEmpty()) {
      return null;
    }
    return String.join(
        ", ", target.platformNames().stream().map(TargetDescription::platformName).toList());
  }

  /**
   * "1.0.0rc0 to 1.0.0rc5" for a run of consecutive releases, else a list; with {@code neutral},
   * "1.0.0rc0–1.0.0rc5" and commas, without English words.
   */
  private static String versions(List<Integer> matched, List<Release> releases, boolean neutral) {
    if (matched.isEmpty()) {
      return "(no release)";
    }
    boolean consecutive = matched.get(matched.size() - 1) - matched.get(0) == matched.size() - 1;
    String first = releases.get(matched.get(0)).version().text();
    String last = releases.get(matched.get(matched.size() - 1)).version().text();
    if (matched.size() == 1) {
      return first;
    }
    if (consecutive && matched.size() > 2) {
      return first + (neutral ? "\u2013" : " to ") + last;
    }
    List<String> names = matched.stream().map(i -> releases.get(i).version().text()).toList();
    return neutral ? String.join(", ", names) : join(names);
  }

  private static String platformName(String name) {
    return FAMILY_NAMES.getOrDefault(name.toLowerCase(Locale.ROOT), name);
  }

  private static String join(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }
}
