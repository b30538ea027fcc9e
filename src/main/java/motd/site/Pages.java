package motd.site;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import motd.compose.Texts;
import motd.model.Announcement;
import motd.model.Config;
import motd.model.Project;
import motd.model.Release;
import motd.render.SiteTemplates;
import motd.rules.TargetDescription;

/**
 * The site for people: {@code index.html}, one page per announcement, {@code feed.atom} and the
 * assets. Only announcements published by the build time appear; nothing unpublished leaks.
 */
final class Pages {
  /** Every variable the page views provide, for checking the templates. */
  static final Set<String> VARIABLES =
      Set.of(
          "lang",
          "title",
          "latest_version",
          "latest_date",
          "signed",
          "has_live",
          "live",
          "has_archive",
          "archive",
          "base_url",
          "feed_id",
          "updated",
          "entries",
          "announcement",
          "id",
          "priority",
          "published",
          "published_date",
          "expires",
          "expires_date",
          "expired",
          "audience",
          "text",
          "source",
          "url",
          "languages",
          "entry_id");

  private Pages() {}

  static SortedMap<String, byte[]> render(
      Project project, Texts texts, SiteTemplates templates, Instant now) {
    Config config = project.config();
    Release latest = config.newestRelease();
    Map<String, Object> vars = Texts.variables(null, null, latest);

    List<Announcement> shown =
        project.announcements().stream()
            .filter(a -> !a.published().isAfter(now))
            .sorted(
                Comparator.comparing(Announcement::published)
                    .reversed()
                    .thenComparing(Announcement::id))
            .toList();
    List<Map<String, Object>> live = new ArrayList<>();
    List<Map<String, Object>> archive = new ArrayList<>();
    Map<String, Map<String, Object>> views = new LinkedHashMap<>();
    for (Announcement a : shown) {
      Map<String, Object> v = view(a, config, texts, vars, now);
      views.put(a.id(), v);
      (a.isExpiredAt(now) ? archive : live).add(v);
    }
    Map<String, Object> site = new HashMap<>();
    site.put("lang", config.defaultLanguage());
    site.put("title", "News from " + config.signed());
    site.put("signed", config.signed());
    site.put("base_url", config.baseUrl());
    site.put("latest_version", latest.version().text());
    site.put("latest_date", latest.date().toString());

    SortedMap<String, byte[]> files = new TreeMap<>(templates.assets());
    Map<String, Object> index = new HashMap<>(site);
    index.put("live", live);
    index.put("archive", archive);
    index.put("has_live", !live.isEmpty());
    index.put("has_archive", !archive.isEmpty());
    files.put("index.html", bytes(templates.render("index.mustache", index)));
    for (Map.Entry<String, Map<String, Object>> e : views.entrySet()) {
      Map<String, Object> page = new HashMap<>(site);
      page.put("announcement", e.getValue());
      files.put(
          "announcements/" + e.getKey() + ".html",
          bytes(templates.render("announcement.mustache", page)));
    }
    Map<String, Object> feed = new HashMap<>(site);
    feed.put("feed_id", config.baseUrl() + "/feed.atom");
    feed.put(
        "updated",
        shown.isEmpty()
            ? latest.date().atStartOfDay(ZoneOffset.UTC).toInstant().toString()
            : shown.get(0).published().toString());
    List<Map<String, Object>> entries = new ArrayList<>();
    String host = host(config.baseUrl());
    for (Announcement a : shown) {
      Map<String, Object> entry = new HashMap<>(views.get(a.id()));
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
    files.put("feed.atom", bytes(templates.render("feed.mustache", xmlSafe(feed))));
    return files;
  }

  private static Map<String, Object> view(
      Announcement a, Config config, Texts texts, Map<String, Object> vars, Instant now) {
    Map<String, Object> v = new HashMap<>();
    v.put("id", a.id());
    String text = texts.render(a.id(), config.defaultLanguage(), vars);
    v.put("title", a.titleOr(text));
    v.put("priority", a.priority().label());
    v.put("published", a.published().toString());
    v.put("published_date", a.published().atZone(ZoneOffset.UTC).toLocalDate().toString());
    v.put("expires", a.expires() == null ? null : a.expires().toString());
    v.put(
        "expires_date",
        a.expires() == null ? null : a.expires().atZone(ZoneOffset.UTC).toLocalDate().toString());
    v.put("expired", a.isExpiredAt(now));
    v.put("audience", TargetDescription.describe(a.target(), config));
    v.put("source", a.source());
    v.put("url", "announcements/" + a.id() + ".html");
    v.put("lang", config.defaultLanguage());
    v.put("text", text);
    List<Map<String, Object>> languages = new ArrayList<>();
    for (String lang : a.messages().keySet()) {
      languages.add(Map.of("lang", lang, "text", texts.render(a.id(), lang, vars)));
    }
    v.put("languages", languages);
    return v;
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

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
