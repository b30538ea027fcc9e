package motd.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Suggestions;

/** Platform names as authors write them: families ({@code linux}) or sys.platform values. */
final class Platforms {
  private Platforms() {}

  /** The sys.platform values {@code names} stand for; unknown names are errors. */
  static List<String> resolve(
      List<Node.Scalar> names, Map<String, List<String>> platforms, Diagnostics d) {
    List<String> values = new ArrayList<>();
    Set<String> known = new LinkedHashSet<>(platforms.keySet());
    platforms.values().forEach(known::addAll);
    for (Node.Scalar s : names) {
      String name = s.text();
      if (platforms.containsKey(name)) {
        values.addAll(platforms.get(name));
      } else if (known.contains(name)) {
        values.add(name);
      } else if (!platforms.isEmpty()) {
        d.error(
            s.position(),
            "unknown platform '"
                + name
                + "'"
                + Suggestions.hint(name, known)
                + "; known: "
                + String.join(", ", known));
      }
    }
    return values;
  }
}
