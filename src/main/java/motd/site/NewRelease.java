package motd.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import motd.check.ReleaseNews;
import motd.diagnostic.OutputException;
import motd.diagnostic.Suggestions;
import motd.diagnostic.UsageException;
import motd.emit.FolderLock;
import motd.emit.SafeFiles;
import motd.load.InputFiles;
import motd.load.Loader;
import motd.load.YamlEdits;
import motd.model.Announcement;
import motd.model.Config;
import motd.model.PathSegment;
import motd.model.Project;
import motd.version.Version;

/**
 * {@code motd release}: a new release in one step. It adds the release to {@code motd.yaml}
 * (editing the text, so comments and layout stay), writes its release note as a draft from {@code
 * templates/release-note.yaml}, and expires the previous release notes if asked to.
 */
public final class NewRelease {
  /** The release note template inside the templates folder. */
  public static final String TEMPLATE = "release-note.yaml";

  /** What to do with the release notes of older releases that are still live. */
  public enum Previous {
    /** Set their {@code expires} to the new release's date. */
    EXPIRE,
    /** Leave them as they are. */
    KEEP,
    /** Ask about each ({@code confirm} decides). */
    ASK,
    /** Nobody can be asked and nothing was said: leave them, and say so. */
    UNDECIDED
  }

  /**
   * What to add.
   *
   * @param date the release date; null for {@code today}
   * @param platforms families or sys.platform values it can be installed on; empty for everywhere
   */
  public record Options(String version, LocalDate date, List<String> platforms, Previous previous) {
    public Options {
      platforms = List.copyOf(platforms);
    }
  }

  /**
   * What was done, line by line, for the command to print.
   *
   * @param lines one line per step
   * @param note the release note written
   */
  public record Report(List<String> lines, Path note) {}

  private NewRelease() {}

  /**
   * Adds the release.
   *
   * @param confirm asked "expire X?" for each previous note when {@link Previous#ASK}
   * @throws UsageException if the version is not new, not a version, or names unknown platforms
   * @throws OutputException if a file cannot be written, or the note exists already
   */
  public static Report add(
      Path announcements, Path templates, Options o, LocalDate today, Predicate<String> confirm) {
    Optional<String> unsafe = PathSegment.problem(o.version());
    if (unsafe.isPresent()) {
      throw new UsageException("version '" + o.version() + "' " + unsafe.get());
    }
    Version version =
        Version.tryParse(o.version())
            .orElseThrow(
                () ->
                    new UsageException(
                        "'" + o.version() + "' is not a PEP 440 version such as 1.0.0rc7"));
    LocalDate date = o.date() == null ? today : o.date();
    Loader.Result loaded = new Loader().load(announcements);
    loaded.diagnostics().throwIfErrors();
    Project project = loaded.project();
    Config config = project.config();
    config.releases().stream()
        .filter(r -> r.version().equals(version))
        .findFirst()
        .ifPresent(
            r -> {
              throw new UsageException(
                  "release " + r.version() + " is already listed (" + r.position() + ")");
            });
    Version newest = config.newestRelease().version();
    if (version.compareTo(newest) <= 0) {
      throw new UsageException(
          o.version()
              + " is not newer than "
              + newest
              + "; add an older release to "
              + Loader.CONFIG_FILE
              + " by hand");
    }
    checkPlatforms(o.platforms(), config);
    List<String> lines = new ArrayList<>();
    // One editor of the folder at a time; released however this ends.
    FolderLock lock = FolderLock.acquire(announcements);
    try {
      Path configFile = announcements.resolve(Loader.CONFIG_FILE);
      String before = Files.readString(configFile, StandardCharsets.UTF_8);
      String after =
          YamlEdits.addRelease(
              configFile.toString(), before, o.version(), date.toString(), o.platforms());
      Path note = announcements.resolve("release-" + o.version() + ".yaml");
      if (Files.exists(note, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new OutputException(note + " exists already; it was not overwritten");
      }
      String noteText = releaseNote(templates, config, o, date);
      SafeFiles.write(configFile, after.getBytes(StandardCharsets.UTF_8));
      lines.add(
          "added release "
              + o.version()
              + " ("
              + date
              + (o.platforms().isEmpty() ? "" : ", " + String.join(", ", o.platforms()))
              + ") to "
              + configFile);
      NewAnnouncement.createNew(note, noteText.getBytes(StandardCharsets.UTF_8));
      lines.add(
          "wrote "
              + note
              + ": a draft; write the message, then remove 'draft: true' and run ./motd check");
      lines.addAll(previousNotes(project, version, date, o.previous(), confirm));
      return new Report(lines, note);
    } catch (IOException e) {
      throw new OutputException("cannot update " + announcements + ": " + e.getMessage(), e);
    } finally {
      lock.close();
    }
  }

  private static void checkPlatforms(List<String> names, Config config) {
    List<String> known = new ArrayList<>(config.platforms().keySet());
    known.addAll(config.platformValues());
    for (String name : names) {
      if (!known.contains(name)) {
        throw new UsageException(
            "unknown platform '"
                + name
                + "'"
                + Suggestions.hint(name, known)
                + "; "
                + Loader.CONFIG_FILE
                + " knows "
                + String.join(", ", known));
      }
    }
  }

  /** The note's text: the project's template, or the built-in one, with ${...} filled in. */
  static String releaseNote(Path templates, Config config, Options o, LocalDate date)
      throws IOException {
    String template = builtInTemplate();
    Path file = templates.resolve(TEMPLATE);
    if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      motd.diagnostic.Diagnostics d = new motd.diagnostic.Diagnostics();
      Optional<String> text =
          InputFiles.file(file, templates, d)
              .flatMap(f -> InputFiles.readText(f, 64 * 1024, "a template", d));
      d.throwIfErrors();
      template = text.orElse(template);
    }
    String platforms =
        o.platforms().isEmpty() ? "" : "  platforms: [" + String.join(", ", o.platforms()) + "]\n";
    Map<String, String> values =
        Map.of(
            "version",
            o.version(),
            "date",
            date.toString(),
            "lang",
            config.defaultLanguage(),
            "schema",
            config.baseUrl() + "/" + Schemas.ANNOUNCEMENT,
            "platforms",
            platforms,
            "placeholder",
            Loader.PLACEHOLDER);
    String out = template;
    for (Map.Entry<String, String> e : values.entrySet()) {
      out = out.replace("${" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  private static String builtInTemplate() throws IOException {
    try (var in = NewRelease.class.getResourceAsStream("/motd/" + TEMPLATE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Expires, keeps or asks about the live notes of older releases. */
  private static List<String> previousNotes(
      Project project,
      Version version,
      LocalDate date,
      Previous previous,
      Predicate<String> confirm)
      throws IOException {
    List<String> lines = new ArrayList<>();
    Config config = project.config();
    var expiry = date.atStartOfDay(ZoneOffset.UTC).toInstant();
    for (Announcement a : project.announcements()) {
      Optional<String> announced = ReleaseNews.announcedRelease(a, config);
      if (a.draft()
          || announced.isEmpty()
          || Version.parse(announced.get()).compareTo(version) >= 0
          || (a.expires() != null && !a.expires().isAfter(expiry))) {
        continue;
      }
      String what = "'" + a.id() + "' (the note of " + announced.get() + ", " + a.position() + ")";
      if (!a.published().isBefore(expiry)) {
        lines.add("left " + what + " as it is: it is published on or after " + date);
        continue;
      }
      boolean expire =
          switch (previous) {
            case EXPIRE -> true;
            case KEEP, UNDECIDED -> false;
            case ASK -> confirm.test("Expire " + what + " on " + date + "?");
          };
      if (!expire) {
        lines.add(
            "left "
                + what
                + " live"
                + (previous == Previous.UNDECIDED
                    ? "; nothing was asked (no terminal): pass --expire-previous to expire it on "
                        + date
                        + ", or --keep-previous"
                    : ""));
        continue;
      }
      Path file = Path.of(a.position().file());
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String edited =
          YamlEdits.setTopLevel(file.toString(), text, "expires", date.toString(), "published");
      SafeFiles.write(file, edited.getBytes(StandardCharsets.UTF_8));
      lines.add("expired " + what + " on " + date);
    }
    return lines;
  }
}
