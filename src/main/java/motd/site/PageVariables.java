package motd.site;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import motd.compose.Texts;
import motd.model.Announcement;
import motd.model.Config;
import motd.model.Target;
import motd.rules.TargetDescription;

/**
 * What each message variable shows on a page or in the feed, where no single client is reading: a
 * value that is true for the whole audience.
 *
 * <ul>
 *   <li>{@code {{version}}}: the releases the announcement targets, "1.0.0rc0 to 1.0.0rc5". Empty
 *       (so its section is skipped) only for a generic announcement, which clients that send no
 *       version also get.
 *   <li>{@code {{platform}}}: the platforms it names, "Linux and macOS". Empty only where a client
 *       that sends no platform also gets it: a generic announcement, or one for every platform.
 *   <li>{@code {{latest_version}}} and {@code {{latest_date}}}: the newest release its readers can
 *       install. For an expired announcement in the archive, the newest as of the day it was
 *       published, so an old "1.0.0rc6 is out" never reads as news of a later release.
 * </ul>
 */
final class PageVariables {
  private PageVariables() {}

  /** The variables for {@code a}'s texts on pages built at {@code now}. */
  static Map<String, Object> of(Announcement a, Config config, Instant now) {
    Target t = a.target();
    String version = t.generic() ? null : TargetDescription.versions(t, config);
    String platform =
        t.generic() || t.platforms().isEmpty() ? null : TargetDescription.platforms(t);
    LocalDate asOf = a.isExpiredAt(now) ? a.published().atZone(ZoneOffset.UTC).toLocalDate() : null;
    return Texts.variables(version, platform, config.newestReleaseFor(t.platforms(), asOf));
  }
}
