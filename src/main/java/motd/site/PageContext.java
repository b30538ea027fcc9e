package motd.site;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import motd.compose.Texts;
import motd.model.Announcement;
import motd.model.Config;
import motd.model.Project;
import motd.model.Release;
import motd.rules.TargetDescription;

/**
 * What every page of the site for people shares: the site's own values and one view of each
 * announcement that is published by the build time, newest first. Each renderer ({@link IndexPage},
 * {@link AnnouncementPages}, {@link Feed}) takes what it needs from here; a new page adds a
 * renderer, not a branch.
 */
final class PageContext {
  /** The variables {@link #site()} provides. */
  static final List<String> SITE_VARIABLES =
      List.of(
          "lang",
          "title",
          "signed",
          "base_url",
          "latest_version",
          "latest_date",
          "has_signing_keys",
          "signing_keys",
          "has_stats");

  /** The variables each announcement's view provides. */
  static final List<String> ANNOUNCEMENT_VARIABLES =
      List.of(
          "id",
          "title",
          "priority",
          "published",
          "published_date",
          "expires",
          "expires_date",
          "expired",
          "audience",
          "source",
          "url",
          "lang",
          "text",
          "paragraphs",
          "parts",
          "date",
          "languages",
          "name");

  private final Config config;
  private final Instant now;
  private final Map<String, Object> site;
  private final List<Announcement> shown;
  private final Map<String, Map<String, Object>> views;

  private PageContext(
      Config config,
      Instant now,
      Map<String, Object> site,
      List<Announcement> shown,
      Map<String, Map<String, Object>> views) {
    this.config = config;
    this.now = now;
    this.site = site;
    this.shown = shown;
    this.views = views;
  }

  static PageContext of(Project project, Texts texts, Instant now) {
    Config config = project.config();
    Release latest = config.newestRelease();
    Map<String, Object> site = new HashMap<>();
    site.put("lang", LanguageNames.tag(config.defaultLanguage()));
    site.put("title", "News from " + config.signed());
    site.put("signed", config.signed());
    site.put("base_url", config.baseUrl());
    site.put("latest_version", latest.version().text());
    site.put("latest_date", latest.date().toString());
    site.put("has_signing_keys", !config.signingKeys().isEmpty());
    site.put("signing_keys", config.signingKeys().stream().map(PageContext::grouped).toList());
    site.put("has_stats", false);
    List<Announcement> shown =
        project.announcements().stream()
            .filter(a -> !a.published().isAfter(now))
            .sorted(
                Comparator.comparing(Announcement::published)
                    .reversed()
                    .thenComparing(Announcement::id))
            .toList();
    Map<String, Map<String, Object>> views = new LinkedHashMap<>();
    for (Announcement a : shown) {
      views.put(a.id(), view(a, config, texts, now));
    }
    return new PageContext(config, now, site, shown, views);
  }

  /** This context, for a site that has usage statistics under {@code stats/} or not. */
  PageContext withStats(boolean hasStats) {
    site.put("has_stats", hasStats);
    return this;
  }

  /** A copy of the site's own values, for a page to add its own to. */
  Map<String, Object> site() {
    return new HashMap<>(site);
  }

  Config config() {
    return config;
  }

  /** Every announcement published by the build time, newest first. */
  List<Announcement> shown() {
    return shown;
  }

  /** The view of {@code a}, one of {@link #shown()}. */
  Map<String, Object> view(Announcement a) {
    return views.get(a.id());
  }

  boolean isLive(Announcement a) {
    return !a.isExpiredAt(now);
  }

  private static Map<String, Object> view(Announcement a, Config config, Texts texts, Instant now) {
    Map<String, Object> vars = PageVariables.of(a, config, now);
    String defaultText = texts.render(a.id(), config.defaultLanguage(), vars);
    Map<String, Object> v = new HashMap<>();
    v.put("id", a.id());
    v.put("title", a.titleOr(defaultText));
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
    v.put("lang", LanguageNames.tag(config.defaultLanguage()));
    v.put("text", Reflow.text(defaultText));
    List<Map<String, Object>> defaultParagraphs = Reflow.views(defaultText);
    v.put("paragraphs", defaultParagraphs);
    List<Map<String, Object>> languages = new ArrayList<>();
    for (String lang : a.messages().keySet()) {
      // The default language is rendered and reflowed once, above.
      List<Map<String, Object>> paragraphs =
          lang.equals(config.defaultLanguage())
              ? defaultParagraphs
              : Reflow.views(texts.render(a.id(), lang, vars));
      languages.add(
          Map.of(
              "lang", LanguageNames.tag(lang),
              "name", LanguageNames.name(lang),
              "paragraphs", paragraphs));
    }
    v.put("languages", languages);
    return v;
  }

  /** A fingerprint in groups of four, as gpg prints it. */
  private static String grouped(String fingerprint) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fingerprint.length(); i += 4) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(fingerprint, i, Math.min(i + 4, fingerprint.length()));
    }
    return sb.toString();
  }
}
