package motd.site;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import motd.compose.Texts;
import motd.model.Project;
import motd.render.SiteTemplates;
import motd.stats.Figures;

/**
 * The site for people: {@code index.html}, one page per announcement, {@code feed.atom} and the
 * assets, each from its renderer over one {@link PageContext}. Only announcements published by the
 * build time appear; nothing unpublished leaks.
 */
final class Pages {
  /** Every variable the page views provide, for checking the templates. */
  static final Set<String> VARIABLES = variables();

  private Pages() {}

  /**
   * Every page, and with {@code stats} (may be null) the usage statistics under {@code stats/},
   * linked from the index.
   */
  static SortedMap<String, byte[]> render(
      Project project, Texts texts, SiteTemplates templates, Instant now, Figures stats) {
    PageContext ctx = PageContext.of(project, texts, now).withStats(stats != null);
    SortedMap<String, byte[]> files = new TreeMap<>(templates.assets());
    files.putAll(IndexPage.render(ctx, templates));
    files.putAll(AnnouncementPages.render(ctx, templates));
    files.putAll(Feed.render(ctx, templates));
    if (stats != null) {
      files.putAll(StatsPage.render(ctx, stats, templates));
    }
    return files;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Set<String> variables() {
    Set<String> all = new LinkedHashSet<>();
    for (List<String> part :
        List.of(
            PageContext.SITE_VARIABLES,
            PageContext.ANNOUNCEMENT_VARIABLES,
            IndexPage.VARIABLES,
            AnnouncementPages.VARIABLES,
            Feed.VARIABLES,
            StatsPage.VARIABLES)) {
      all.addAll(part);
    }
    return Set.copyOf(all);
  }
}
