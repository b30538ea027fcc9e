package motd.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import motd.diagnostic.Position;

/**
 * One piece of news.
 *
 * @param id unique, used in explanations, page names and feed ids
 * @param title a short title for pages and the feed
 * @param published when it starts being sent
 * @param expires when it stops being sent, or null
 * @param source an http(s) link shown under the message, or null
 * @param messages language code to text, the default language first
 * @param position the file it came from
 */
public record Announcement(
    String id,
    String title,
    Instant published,
    Instant expires,
    Priority priority,
    Target target,
    String source,
    Map<String, Message> messages,
    Position position) {

  public Announcement {
    messages = Collections.unmodifiableMap(new LinkedHashMap<>(messages));
  }

  /** Whether it is sent at {@code now}: published ≤ now < expires. */
  public boolean isLiveAt(Instant now) {
    return !published.isAfter(now) && (expires == null || now.isBefore(expires));
  }

  public boolean isExpiredAt(Instant now) {
    return expires != null && !now.isBefore(expires);
  }
}
