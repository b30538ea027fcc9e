package motd.check;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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

  private final Config config;
  private final int compositionBytes;
  private final int longestValue;

  OutputBudget(Config config, String composition) {
    this.config = config;
    this.compositionBytes = composition.getBytes(StandardCharsets.UTF_8).length;
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
    for (Variant v : targeting.variants()) {
      List<Announcement> matched = targeting.select(v, now);
      long bound = FIXED_FIELDS + extra + fileBound(matched);
      if (bound > Limits.MOTD_FILE_BYTES) {
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

  /** Each language present gets every announcement, in its text or the default language's. */
  private long fileBound(List<Announcement> matched) {
    if (matched.isEmpty()) {
      return 0;
    }
    long bytes = 0;
    for (String lang : config.languages()) {
      if (matched.stream().noneMatch(a -> a.messages().containsKey(lang))) {
        continue;
      }
      bytes += compositionBytes * (long) (matched.size() + 1);
      for (Announcement a : matched) {
        Message m = a.messages().getOrDefault(lang, a.messages().get(config.defaultLanguage()));
        if (m != null) {
          bytes += textBound(m.text());
        }
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
