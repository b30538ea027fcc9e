package motd.site;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import motd.model.Announcement;
import motd.render.SiteTemplates;

/** {@code announcements/ID.html}: one page per announcement, with every language. */
final class AnnouncementPages {
  static final String TEMPLATE = "announcement.mustache";

  /** The variables these pages add to the site's. */
  static final List<String> VARIABLES = List.of("announcement");

  private AnnouncementPages() {}

  static SortedMap<String, byte[]> render(PageContext ctx, SiteTemplates templates) {
    SortedMap<String, byte[]> out = new TreeMap<>();
    for (Announcement a : ctx.shown()) {
      Map<String, Object> page = ctx.site();
      page.put("announcement", ctx.view(a));
      out.put("announcements/" + a.id() + ".html", Pages.bytes(templates.render(TEMPLATE, page)));
    }
    return out;
  }
}
