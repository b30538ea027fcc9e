package motd.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import motd.model.Announcement;
import motd.render.SiteTemplates;

/** {@code index.html}: the live announcements, newest first, and the archive of expired ones. */
final class IndexPage {
  static final String TEMPLATE = "index.mustache";

  /** The variables this page adds to the site's and the announcements'. */
  static final List<String> VARIABLES = List.of("has_live", "live", "has_archive", "archive");

  private IndexPage() {}

  static SortedMap<String, byte[]> render(PageContext ctx, SiteTemplates templates) {
    List<Map<String, Object>> live = new ArrayList<>();
    List<Map<String, Object>> archive = new ArrayList<>();
    for (Announcement a : ctx.shown()) {
      (ctx.isLive(a) ? live : archive).add(ctx.view(a));
    }
    Map<String, Object> index = ctx.site();
    index.put("live", live);
    index.put("archive", archive);
    index.put("has_live", !live.isEmpty());
    index.put("has_archive", !archive.isEmpty());
    SortedMap<String, byte[]> out = new TreeMap<>();
    out.put("index.html", Pages.bytes(templates.render(TEMPLATE, index)));
    return out;
  }
}
