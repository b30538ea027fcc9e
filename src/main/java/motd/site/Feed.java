package motd.site;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import motd.model.Announcement;
import motd.model.Release;
import motd.render.SiteTemplates;

/**
 * {@code feed.atom}: an Atom 1.0 feed with stable entry ids ({@code tag:HOST,DATE:motd/ID}) and
 * {@code updated} taken from {@code published}. Characters XML 1.0 forbids are stripped.
 */
final class Feed {
  static final String TEMPLATE = "feed.mustache";

  /** The variables the feed adds to the site's and the announcements'. */
  static final List<String> VARIABLES = List.of("feed_id", "updated", "entries", "entry_id");

  private Feed() {}

  static SortedMap<String, byte[]> render(PageContext ctx, SiteTemplates templates) {
    Map<String, Object> feed = ctx.site();
    String baseUrl = ctx.config().baseUrl();
    Release latest = ctx.config().newestRelease();
    feed.put("feed_id", baseUrl + "/feed.atom");
    feed.put(
        "updated",
        ctx.shown().isEmpty()
            ? latest.date().atStartOfDay(ZoneOffset.UTC).toInstant().toString()
            : ctx.shown().get(0).published().toString());
    List<Map<String, Object>> entries = new ArrayList<>();
    String host = host(baseUrl);
    for (Announcement a : ctx.shown()) {
      Map<String, Object> entry = new HashMap<>(ctx.view(a));
      entry.put(
          "entry_id",
          "tag:"
              + host
              + ","
              + a.published().atZone(ZoneOffset.UTC).toLocalDate()
              + ":motd/"
              + a.id());
      entries.add(entry);
    }
    feed.put("entries", entries);
    SortedMap<String, byte[]> out = new TreeMap<>();
    out.put("feed.atom", Pages.bytes(templates.render(TEMPLATE, xmlSafe(feed))));
    return out;
  }

  private static String host(String baseUrl) {
    try {
      String h = URI.create(baseUrl).getHost();
      return h == null ? "localhost" : h;
    } catch (IllegalArgumentException e) {
      return "localhost";
    }
  }

  /**
   * A copy with every string stripped of characters XML 1.0 forbids, so the feed stays well-formed.
   */
  @SuppressWarnings("unchecked")
  static <T> T xmlSafe(T value) {
    if (value instanceof String s) {
      return (T) stripForbidden(s);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new HashMap<>();
      m.forEach((k, v) -> out.put((String) k, xmlSafe(v)));
      return (T) out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(xmlSafe(v)));
      return (T) out;
    }
    return value;
  }

  static String stripForbidden(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints()
        .filter(
            c ->
                c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF))
        .forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
