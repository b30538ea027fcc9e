package motd.diagnostic;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for near misses such as {@code platfroms}, and shortened names such as {@code
 * mac}.
 */
public final class Suggestions {
  private Suggestions() {}

  /** The closest of {@code known} to {@code word}, if it is close enough to be a typo. */
  public static Optional<String> closest(String word, Collection<String> known) {
    String w = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(w, k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    int allowed = Math.max(1, Math.min(3, word.length() / 3));
    if (bestDistance <= allowed) {
      return Optional.of(best);
    }
    // A shortened name, such as "mac" for "macos": the shortest known name it starts.
    String prefixed = null;
    for (String k : known) {
      if (w.length() >= 2
          && k.toLowerCase(Locale.ROOT).startsWith(w)
          && (prefixed == null || k.length() < prefixed.length())) {
        prefixed = k;
      }
    }
    return Optional.ofNullable(prefixed);
  }

  /** " (did you mean 'x'?)" or nothing. */
  public static String hint(String word, Collection<String> known) {
    return closest(word, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }

  /** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
