package motd.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import motd.compose.Texts;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;
import motd.load.Loader;
import motd.model.Announcement;
import motd.model.Config;
import motd.model.Project;
import motd.model.Release;
import motd.render.SiteTemplates;
import motd.rules.Targeting;

/**
 * Reads and validates an announcements folder and its templates: everything {@code motd check}
 * reports, and what every other command needs before it may write anything.
 */
public final class Checker {
  /** The composition template's file name inside the templates folder. */
  public static final String COMPOSITION_TEMPLATE = "motd.mustache";

  /**
   * What a check found.
   *
   * @param targeting null if the input has errors
   * @param texts null if the input has errors
   */
  public record Result(
      Project project,
      Texts texts,
      Targeting targeting,
      SiteTemplates siteTemplates,
      Diagnostics diagnostics,
      Path templates) {
    public boolean ok() {
      return !diagnostics.hasErrors();
    }
  }

  /** Checks {@code announcements} and {@code templates} as of {@code now}. */
  public Result check(Path announcements, Path templates, Instant now) {
    return check(announcements, templates, now, java.util.Set.of());
  }

  /**
   * Checks as {@link #check(Path, Path, Instant)}, and also the page templates, which may use
   * {@code pageVariables}.
   */
  public Result check(
      Path announcements, Path templates, Instant now, java.util.Set<String> pageVariables) {
    Loader.Result loaded = new Loader().load(announcements);
    Diagnostics d = loaded.diagnostics();
    Project project = loaded.project();
    String compositionText = null;
    Path compositionPath = templates.resolve(COMPOSITION_TEMPLATE);
    if (!Files.isDirectory(templates)) {
      d.error(Position.of(templates.toString()), "templates folder not found");
    } else {
      compositionText = readTemplate(compositionPath, d);
    }
    SiteTemplates site =
        pageVariables.isEmpty() || !Files.isDirectory(templates)
            ? null
            : SiteTemplates.load(templates, pageVariables, d);
    if (project == null || compositionText == null) {
      return new Result(project, null, null, site, d, templates);
    }
    Texts texts = Texts.compile(project, compositionText, compositionPath.toString(), d);
    Targeting targeting = new Targeting(project.config(), project.announcements());
    for (Announcement a : project.announcements()) {
      if (a.isExpiredAt(now)) {
        d.warning(
            a.position(),
            "expired at "
                + DateTimeFormatter.ISO_INSTANT.format(a.expires())
                + "; it is no longer sent, and pages list it in the archive");
      } else if (!reachesAnyFile(project.config(), a)) {
        d.warning(a.position(), "reaches no file: no release and platform match its target");
      }
    }
    if (d.hasErrors()) {
      return new Result(project, null, null, site, d, templates);
    }
    return new Result(project, texts, targeting, site, d, templates);
  }

  private static boolean reachesAnyFile(Config config, Announcement a) {
    if (a.target().generic()) {
      return true;
    }
    for (Release r : config.releases()) {
      if (!a.target().versions().contains(r.version())) {
        continue;
      }
      if (a.target().platforms().isEmpty()) {
        return true; // the bare-version file
      }
      for (String p : config.platformValues()) {
        if (a.target().containsPlatform(p)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String readTemplate(Path path, Diagnostics d) {
    if (!Files.isRegularFile(path)) {
      d.error(Position.of(path.toString()), "template not found");
      return null;
    }
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      d.error(Position.of(path.toString()), "cannot read: " + e.getMessage());
      return null;
    }
  }
}
