package motd.check;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;
import motd.model.Announcement;
import motd.model.Config;
import motd.model.Limits;
import motd.model.Message;
import motd.model.Release;
import motd.model.Variant;
import motd.rules.Targeting;

/**
 * How big the MOTD files of a build can get, worked out before composing any: an upper bound for
 * each file from the texts that reach it, so an input that would make huge files is refused in
 * milliseconds with the limit named, instead of after minutes and gigabytes.
 */
final class OutputBudget {
  /** Room for the fields every file has: timestamp, latest_version, source, signed, variant. */
  private static final int FIXED_FIELDS = 1024;

  private static final Pattern TAG = Pattern.compile("\\{\\{.*?\\}\\}\\}?", Pattern.DOTALL);
  private static final Pattern TEXT_TAG = Pattern.compile("\\{\\{\\{?\\s*&?\\s*text\\s*\\}\\}");

  private final Config config;
  private final int compositionBytes;
  private final int textCopies;
  private final int longestValue;

  /** Each announcement's share, worked out once: the same texts reach thousands of files. */
  private final Map<Announcement, Cost> costs = new IdentityHashMap<>();

  /**
   * @param composition {@code motd.mustache}: its literal text (tags and comments print nothing of
   *     their own) may repeat once per announcement, and each {@code {{text}}} prints a text
   */
  OutputBudget(Config config, String composition) {
    this.config = config;
    this.compositionBytes = literalBytes(composition);
    Matcher m = TEXT_TAG.matcher(composition);
    int copies = 0;
    while (m.find()) {
      copies++;
    }
    this.textCopies = Math.max(1, copies);
    int longest = 10; // a date
    for (Release r : config.releases()) {
      longest = Math.max(longest, r.version().text().length());
    }
    for (String p : config.platformValues()) {
      longest = Math.max(longest, p.length());
    }
    this.longestValue = longest;
  }

  /** Reports files over {@link Limits#MOTD_FILE_BYTES} and a site over the total limit. */
  void check(Targeting targeting, Instant now, Position where, Diagnostics d) {
    long total = 0;
    long extra = extraBytes();
    for (Announcement a : targeting.announcements()) {
      costs.put(a, new Cost(a));
    }
    List<Variant> variants = targeting.variants();
    // Every file's bound on every core (each is independent); then the first too big, in order.
    long[] bounds = new long[variants.size()];
    IntStream.range(0, bounds.length)
        .parallel()
        .forEach(i -> bounds[i] = fileBound(targeting.select(variants.get(i), now)));
    for (int i = 0; i < bounds.length; i++) {
      Variant v = variants.get(i);
      long bound = FIXED_FIELDS + extra + bounds[i];
      if (bound > Limits.MOTD_FILE_BYTES) {
        List<Announcement> matched = targeting.select(v, now);
        d.error(
            where,
            "the MOTD file for "
                + v.name()
                + " could be up to "
                + Limits.size(bound)
                + "; the limit is "
                + Limits.size(Limits.MOTD_FILE_BYTES)
                + ", as every client downloads it daily: shorten the texts of "
                + String.join(", ", matched.stream().map(Announcement::id).toList())
                + ", or let old ones expire");
        return;
      }
      total += bound;
    }
    if (total > Limits.SITE_MOTD_BYTES) {
      d.error(
          where,
          "the site's "
              + targeting.variants().size()
              + " MOTD files could total up to "
              + Limits.size(total)
              + "; the limit is "
              + Limits.size(Limits.SITE_MOTD_BYTES)
              + ": list fewer releases or platform values, or shorten the texts");
    }
  }

  /**
   * What the template prints of its own, JSON-escaped: its text outside tags, less the lines that
   * hold only section or comment tags, which Mustache drops whole.
   */
  private static int literalBytes(String composition) {
    Matcher tags = TAG.matcher(composition);
    StringBuilder marked = new StringBuilder();
    while (tags.find()) {
      String tag = tags.group();
      char kind = tag.length() > 2 ? tag.charAt(2) : ' ';
      boolean standalone = kind == '#' || kind == '^' || kind == '/' || kind == '!' || kind == '=';
      tags.appendReplacement(marked, standalone ? "\u0000" : "");
    }
    tags.appendTail(marked);
    int bytes = 0;
    for (String line : marked.toString().split("\n", -1)) {
      String rest = line.replace("\u0000", "");
      if (line.contains("\u0000") && rest.isBlank()) {
        continue;
      }
      bytes += escaped(rest) + 2;
    }
    return bytes;
  }

  private static int escaped(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      bytes += c < 0x80 ? (c == '"' || c == '\\' || c == '\t' ? 2 : 1) : 3;
    }
    return bytes;
  }

  /**
   * One announcement's share of a file's bound, per language of the configuration: whether it has a
   * text in that language, and the bound of the text it shows there (its own or the default
   * language's; 0 if it has neither).
   */
  private final class Cost {
    final boolean[] has;
    final long[] bound;

    Cost(Announcement a) {
      List<String> languages = config.languages();
      has = new boolean[languages.size()];
      bound = new long[languages.size()];
      for (int l = 0; l < languages.size(); l++) {
        String lang = languages.get(l);
        has[l] = a.messages().containsKey(lang);
        Message m = a.messages().getOrDefault(lang, a.messages().get(config.defaultLanguage()));
        bound[l] = m == null ? 0 : textBound(m.text()) * textCopies;
      }
    }
  }

  /** Each language present gets every announcement, in its text or the default language's. */
  private long fileBound(List<Announcement> matched) {
    if (matched.isEmpty()) {
      return 0;
    }
    int languages = config.languages().size();
    boolean[] present = new boolean[languages];
    long[] texts = new long[languages];
    for (Announcement a : matched) {
      Cost c = costs.get(a);
      for (int l = 0; l < languages; l++) {
        present[l] |= c.has[l];
        texts[l] += c.bound[l];
      }
    }
    long bytes = 0;
    for (int l = 0; l < languages; l++) {
      if (present[l]) {
        bytes += compositionBytes * (long) (matched.size() + 1) + texts[l];
      }
    }
    return bytes;
  }

  /** The text's bytes, JSON-escaped at worst, plus the longest value each tag could print. */
  private long textBound(String text) {
    long bytes = 0;
    int tags = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? (c == '"' || c == '\\' || c == '\n' || c == '\t' ? 2 : 1) : 3;
      if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        tags++;
      }
    }
    return bytes + (long) tags * longestValue;
  }

  private long extraBytes() {
    return config.extra().toString().getBytes(StandardCharsets.UTF_8).length * 2L;
  }
}
