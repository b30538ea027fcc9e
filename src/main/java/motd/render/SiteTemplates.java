package motd.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;

/**
 * The page and feed templates under {@code templates/site/}, compiled with HTML escaping, and the
 * assets copied as they are.
 */
public final class SiteTemplates {
  /** The folder inside the templates folder. */
  public static final String FOLDER = "site";

  /** Template file to the page it renders. */
  public static final Map<String, String> PAGES =
      Map.of(
          "index.mustache",
          "index.html",
          "announcement.mustache",
          "announcements/ID.html",
          "feed.mustache",
          "feed.atom");

  private final Map<String, Template> templates;
  private final SortedMap<String, byte[]> assets;

  private SiteTemplates(Map<String, Template> templates, SortedMap<String, byte[]> assets) {
    this.templates = templates;
    this.assets = assets;
  }

  /**
   * Reads and compiles {@code templates/site}; problems go to {@code diagnostics}, and the result
   * is null if there were any.
   *
   * @param known the variable names the views provide; any other tag is an error
   */
  public static SiteTemplates load(Path templatesDir, Set<String> known, Diagnostics diagnostics) {
    Path dir = templatesDir.resolve(FOLDER);
    Templates html = Templates.html();
    Map<String, Template> compiled = new LinkedHashMap<>();
    boolean ok = true;
    for (String name : List.of("index.mustache", "announcement.mustache", "feed.mustache")) {
      Path file = dir.resolve(name);
      if (!Files.isRegularFile(file)) {
        diagnostics.error(Position.of(file.toString()), "template not found");
        ok = false;
        continue;
      }
      try {
        Template t = html.compile(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        for (Tag tag : t.tags()) {
          if (tag.kind() != '!'
              && tag.kind() != '/'
              && !tag.name().equals(".")
              && !known.contains(tag.name())) {
            diagnostics.error(
                new Position(file.toString(), tag.line(), tag.column()),
                "unknown variable '" + tag.name() + "'");
            ok = false;
          }
        }
        compiled.put(name, t);
      } catch (TemplateException e) {
        diagnostics.error(
            new Position(file.toString(), e.line(), e.column()),
            "template error: " + e.getMessage());
        ok = false;
      } catch (IOException e) {
        diagnostics.error(Position.of(file.toString()), "cannot read: " + e.getMessage());
        ok = false;
      }
    }
    SortedMap<String, byte[]> assets = new TreeMap<>();
    Path assetDir = dir.resolve("assets");
    if (Files.isDirectory(assetDir)) {
      try (Stream<Path> walk = Files.walk(assetDir)) {
        for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
          assets.put(
              "assets/" + assetDir.relativize(p).toString().replace('\\', '/'),
              Files.readAllBytes(p));
        }
      } catch (IOException e) {
        diagnostics.error(Position.of(assetDir.toString()), "cannot read: " + e.getMessage());
        ok = false;
      }
    }
    return ok ? new SiteTemplates(compiled, assets) : null;
  }

  /** Renders {@code template} (a key of {@link #PAGES}) with {@code view}. */
  public String render(String template, Map<String, Object> view) {
    return templates.get(template).render(view);
  }

  /** Asset files by site path ({@code assets/style.css}), to copy as they are. */
  public SortedMap<String, byte[]> assets() {
    return assets;
  }
}
