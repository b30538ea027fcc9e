package motd.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;
import motd.model.Limits;

/**
 * The templates folder as read from disk, with the same care as announcements: {@code
 * motd.mustache}, the page templates {@code site/*.mustache}, and the assets under {@code
 * site/assets/} that are copied into the site. Compiling them is the render stage's job.
 *
 * @param composition {@code motd.mustache}, or null if it could not be read
 * @param pages page template file name ({@code index.mustache}) to its text
 * @param assets site path ({@code assets/style.css}) to bytes
 */
public record TemplateFiles(
    Text composition, Map<String, Text> pages, SortedMap<String, byte[]> assets) {
  /** The composition template's file name inside the templates folder. */
  public static final String COMPOSITION = "motd.mustache";

  /** The folder of page templates and assets inside the templates folder. */
  public static final String SITE = "site";

  /** A template's text and the file it came from. */
  public record Text(Path path, String text) {}

  /** Reads {@code dir}; problems go to {@code d}, and what could not be read is left out. */
  public static TemplateFiles read(Path dir, Diagnostics d) {
    if (!Files.isDirectory(dir)) {
      d.error(Position.of(dir.toString()), "templates folder not found");
      return new TemplateFiles(null, Map.of(), new TreeMap<>());
    }
    Path compositionPath = dir.resolve(COMPOSITION);
    Text composition = null;
    Optional<InputFiles.Found> found = InputFiles.file(compositionPath, dir, d);
    if (found.isEmpty()) {
      if (!Files.exists(compositionPath, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        d.error(Position.of(compositionPath.toString()), "template not found");
      }
    } else {
      composition =
          InputFiles.readText(found.get(), Limits.TEMPLATE_FILE_BYTES, "a template", d)
              .map(t -> new Text(compositionPath, t))
              .orElse(null);
    }
    Map<String, Text> pages = new LinkedHashMap<>();
    SortedMap<String, byte[]> assets = new TreeMap<>();
    Path site = dir.resolve(SITE);
    if (Files.isDirectory(site)) {
      Path assetDir = site.resolve("assets");
      List<InputFiles.Found> files = InputFiles.list(site, d);
      long assetCount = files.stream().filter(f -> f.path().startsWith(assetDir)).count();
      if (assetCount > Limits.ASSET_FILES) {
        d.error(
            Position.of(assetDir.toString()),
            "holds " + assetCount + " files; the limit is " + Limits.ASSET_FILES);
        return new TemplateFiles(composition, pages, assets);
      }
      for (InputFiles.Found f : files) {
        Path p = f.path();
        if (p.startsWith(assetDir)) {
          InputFiles.read(f, Limits.ASSET_FILE_BYTES, "an asset", d)
              .ifPresent(
                  bytes ->
                      assets.put(
                          "assets/" + assetDir.relativize(p).toString().replace('\\', '/'), bytes));
        } else if (p.getParent().equals(site) && p.getFileName().toString().endsWith(".mustache")) {
          InputFiles.readText(f, Limits.TEMPLATE_FILE_BYTES, "a template", d)
              .ifPresent(t -> pages.put(p.getFileName().toString(), new Text(p, t)));
        }
      }
    }
    return new TemplateFiles(composition, pages, assets);
  }
}
