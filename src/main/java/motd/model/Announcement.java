package motd.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import motd.diagnostic.Position;
import motd.version.Version;

/**
 * One piece of news.
 *
 * @param id unique, used in explanations, page names and feed ids
 * @param title the title written for pages and the feed, or null: then the first line of the text,
 *     as rendered for its reader, is the title (see {@link #firstLine})
 * @param published when it starts being sent
 * @param expires when it stops being sent, or null
 * @param source an http(s) link shown under the message, or null
 * @param messages language code to text, the default language first
 * @param draft whether it is still being written: {@code build} leaves drafts out, {@code preview}
 *     shows them
 * @param release the release this note announces ({@code release:}), or null
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
    boolean draft,
    Version release,
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

  /** The written title, or else the first line of {@code renderedText}. */
  public String titleOr(String renderedText) {
    return title != null ? title : firstLine(renderedText);
  }

  /** The first non-blank line of {@code text}, stripped. */
  public static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String t = text.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }
}
