package motd.check;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import motd.diagnostic.Diagnostics;
import motd.model.Announcement;
import motd.model.Config;
import motd.model.Message;
import motd.model.Release;
import motd.version.Version;

/**
 * A release note that outlives its release: once 1.0.0rc7 is out, a live "1.0.0rc6 is out" tells
 * every reader old news as new. A note says which release it announces with {@code release:}
 * ({@code motd release} writes it); a note without it is recognised by a title or first line that
 * names an older release together with words such as "is out" or "released".
 */
public final class ReleaseNews {
  private static final Pattern NEWS_WORDS =
      Pattern.compile(
          "\\b(is out|now out|released|is available|now available|new release)\\b",
          Pattern.CASE_INSENSITIVE);

  private final Config config;

  ReleaseNews(Config config) {
    this.config = config;
  }

  void check(List<Announcement> announcements, Instant now, Diagnostics d) {
    for (Announcement a : announcements) {
      if (a.draft() || !a.isLiveAt(now)) {
        continue;
      }
      Release newest = config.newestReleaseFor(a.target().platforms(), null);
      Optional<String> announced = announcedRelease(a, config);
      if (announced.isEmpty()) {
        continue;
      }
      Version v = Version.parse(announced.get());
      if (v.compareTo(newest.version()) < 0) {
        d.warning(
            a.position(),
            "'"
                + a.id()
                + "' still announces "
                + announced.get()
                + (a.release() != null ? " (its 'release')" : " as news")
                + ", but "
                + newest.version()
                + " is the newest release: readers will take it as news; set 'expires' (./motd"
                + " release offers to), or retarget it");
      }
    }
  }

  /**
   * The release {@code a} presents as news, if any: its {@code release}, or a release its title (or
   * first line) names with words such as "is out".
   */
  public static Optional<String> announcedRelease(Announcement a, Config config) {
    if (a.release() != null) {
      return Optional.of(a.release().text());
    }
    String line = a.title();
    if (line == null) {
      Message m = a.messages().get(config.defaultLanguage());
      line = m == null ? "" : Announcement.firstLine(m.text());
    }
    if (!NEWS_WORDS.matcher(line).find()) {
      return Optional.empty();
    }
    String lower = line.toLowerCase(Locale.ROOT);
    for (Release r : config.releases()) {
      Matcher m =
          Pattern.compile(
                  "(?<![\\w.])"
                      + Pattern.quote(r.version().text().toLowerCase(Locale.ROOT))
                      + "(?![\\w])")
              .matcher(lower);
      if (m.find()) {
        return Optional.of(r.version().text());
      }
    }
    return Optional.empty();
  }
}
