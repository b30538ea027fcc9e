package motd.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;

/**
 * The page and feed templates under {@code templates/site/}, compiled with HTML escaping, and the
 * assets copied as they are. Reading them from disk is the load stage's job.
 */
public final class SiteTemplates {
  /** The page templates every site has. */
  public static final List<String> REQUIRED =
      List.of("index.mustache", "announcement.mustache", "feed.mustache", "stats.mustache");

  private final Map<String, Template> templates;
  private final SortedMap<String, byte[]> assets;

  private SiteTemplates(Map<String, Template> templates, SortedMap<String, byte[]> assets) {
    this.templates = templates;
    this.assets = assets;
  }

  /** A template's text and the file it was read from, for messages. */
  public record Source(String file, String text) {}

  /**
   * Compiles the page templates; problems go to {@code diagnostics}, and the result is null if
   * there were any.
   *
   * @param pages template name ({@code index.mustache}) to its source
   * @param folder where the templates are expected, for "template not found"
   * @param known the variable names the views provide; any other tag is an error
   */
  public static SiteTemplates compile(
      Map<String, Source> pages,
      String folder,
      SortedMap<String, byte[]> assets,
      Set<String> known,
      Diagnostics diagnostics) {
    Templates html = Templates.html();
    Map<String, Template> compiled = new LinkedHashMap<>();
    boolean ok = true;
    for (String name : REQUIRED) {
      Source source = pages.get(name);
      if (source == null) {
        diagnostics.error(Position.of(folder + "/" + name), "template not found");
        ok = false;
        continue;
      }
      String file = source.file();
      try {
        Template t = html.compile(file, source.text());
        for (Tag tag : t.tags()) {
          if (tag.kind() != '!'
              && tag.kind() != '/'
              && !tag.name().equals(".")
              && !known.contains(tag.name())) {
            diagnostics.error(
                new Position(file, tag.line(), tag.column()),
                "unknown variable '" + tag.name() + "'");
            ok = false;
          }
        }
        compiled.put(name, t);
      } catch (TemplateException e) {
        diagnostics.error(
            new Position(file, e.line(), e.column()), "template error: " + e.getMessage());
        ok = false;
      }
    }
    return ok ? new SiteTemplates(compiled, new TreeMap<>(assets)) : null;
  }

  /** Renders {@code template} (one of {@link #REQUIRED}) with {@code view}. */
  public String render(String template, Map<String, Object> view) {
    return templates.get(template).render(view);
  }

  /** Asset files by site path ({@code assets/style.css}), to copy as they are. */
  public SortedMap<String, byte[]> assets() {
    return assets;
  }
}
