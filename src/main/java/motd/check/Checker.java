package motd.check;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import motd.compose.Texts;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;
import motd.load.Loader;
import motd.load.TemplateFiles;
import motd.model.Announcement;
import motd.model.Project;
import motd.render.SiteTemplates;
import motd.rules.Targeting;

/**
 * Reads and validates an announcements folder and its templates: everything {@code motd check}
 * reports, and what every other command needs before it may write anything.
 */
public final class Checker {
  /** The composition template's file name inside the templates folder. */
  public static final String COMPOSITION_TEMPLATE = TemplateFiles.COMPOSITION;

  /**
   * What a check found.
   *
   * @param project every announcement that could be read, drafts included; null if the
   *     configuration is unusable
   * @param texts null if the input has errors
   * @param siteTemplates null if they have errors or were not asked for
   * @param publishedTargeting which announcements reach which file, drafts left out, as the check
   *     worked it out; null if the input has errors
   */
  public record Result(
      Project project,
      Texts texts,
      SiteTemplates siteTemplates,
      Diagnostics diagnostics,
      Targeting publishedTargeting) {

    /** Which announcements reach which file: drafts only if {@code withDrafts} (preview). */
    public Targeting targeting(boolean withDrafts) {
      if (!withDrafts && publishedTargeting != null) {
        return publishedTargeting;
      }
      List<Announcement> chosen =
          project.announcements().stream().filter(a -> withDrafts || !a.draft()).toList();
      return new Targeting(project.config(), chosen);
    }

    /** The announcements {@code build} publishes: every one but the drafts. */
    public Project published() {
      return published(project);
    }

    static Project published(Project project) {
      return new Project(
          project.config(), project.announcements().stream().filter(a -> !a.draft()).toList());
    }

    /** The drafts, which {@code build} leaves out. */
    public List<Announcement> drafts() {
      return project == null
          ? List.of()
          : project.announcements().stream().filter(Announcement::draft).toList();
    }
  }

  /** Checks {@code announcements} and {@code templates} as of {@code now}. */
  public Result check(Path announcements, Path templates, Instant now) {
    return check(announcements, templates, now, Set.of());
  }

  /**
   * Checks as {@link #check(Path, Path, Instant)}, and also the page templates, which may use
   * {@code pageVariables}.
   */
  public Result check(Path announcements, Path templates, Instant now, Set<String> pageVariables) {
    Loader.Result loaded = new Loader().load(announcements);
    motd.diagnostic.Timings.mark("load yaml");
    Diagnostics d = loaded.diagnostics();
    Project project = loaded.project();
    TemplateFiles files = TemplateFiles.read(templates, d);
    motd.diagnostic.Timings.mark("read template files");
    SiteTemplates site = null;
    if (!pageVariables.isEmpty() && files.composition() != null) {
      Map<String, SiteTemplates.Source> pages = new LinkedHashMap<>();
      files
          .pages()
          .forEach(
              (name, t) ->
                  pages.put(name, new SiteTemplates.Source(t.path().toString(), t.text())));
      site =
          SiteTemplates.compile(
              pages,
              templates.resolve(TemplateFiles.SITE).toString(),
              files.assets(),
              pageVariables,
              d);
    }
    motd.diagnostic.Timings.mark("compile site templates");
    if (project == null || files.composition() == null) {
      return new Result(project, null, site, d, null);
    }
    Texts texts =
        Texts.compile(
            project, files.composition().text(), files.composition().path().toString(), d);
    motd.diagnostic.Timings.mark("compile message templates");
    Targeting targeting = new Targeting(project.config(), project.announcements());
    for (Announcement a : project.announcements()) {
      if (a.draft()) {
        d.note(
            a.position(),
            "draft '"
                + a.id()
                + "': build leaves it out and preview shows it; remove 'draft: true' to publish"
                + " it");
      }
      if (a.isExpiredAt(now)) {
        d.warning(
            a.position(),
            "expired at "
                + DateTimeFormatter.ISO_INSTANT.format(a.expires())
                + "; it is no longer sent, and pages list it in the archive");
      } else if (!targeting.reachesAnyFile(a)) {
        d.warning(a.position(), "reaches no file: no release and platform match its target");
      }
    }
    motd.diagnostic.Timings.mark("targeting checks");
    new ReleaseNews(project.config()).check(project.announcements(), now, d);
    if (d.hasErrors()) {
      return new Result(project, null, site, d, null);
    }
    motd.diagnostic.Timings.mark("release news");
    Targeting published =
        project.announcements().stream().anyMatch(Announcement::draft)
            ? new Targeting(project.config(), Result.published(project).announcements())
            : targeting;
    new OutputBudget(project.config(), files.composition().text())
        .check(published, now, Position.of(announcements.toString()), d);
    if (d.hasErrors()) {
      return new Result(project, null, site, d, null);
    }
    motd.diagnostic.Timings.mark("output budget");
    return new Result(project, texts, site, d, published);
  }
}
