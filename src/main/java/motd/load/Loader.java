package motd.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;
import motd.model.Announcement;
import motd.model.Config;
import motd.model.Limits;
import motd.model.Project;

/**
 * Reads an announcements folder: {@code motd.yaml} ({@link ConfigReader}) and every other {@code
 * *.yaml} below it ({@link AnnouncementReader}). Every problem is collected with its position;
 * nothing stops at the first one.
 */
public final class Loader {
  /** The configuration file's name inside the announcements folder. */
  public static final String CONFIG_FILE = ConfigReader.CONFIG_FILE;

  /** Fields every MOTD file has; {@code extra} and language codes may not reuse them. */
  public static final Set<String> RESERVED_FIELDS =
      Set.of("timestamp", "latest_version", "source", "signed", "variant");

  /**
   * The sentence {@code motd new} leaves in a draft's text. Publishing it is an error: a draft
   * whose flag was removed before it was written.
   */
  public static final String PLACEHOLDER = "Write the message here.";

  private final YamlReader yaml = new YamlReader();

  /** What a load produced: the project, or null if the configuration is unusable. */
  public record Result(Project project, Diagnostics diagnostics) {}

  /** What reading only the configuration produced: the configuration, or null if unusable. */
  public record ConfigResult(Config config, Diagnostics diagnostics) {}

  /**
   * Reads only {@code dir/motd.yaml}, for commands that need the configuration but not the
   * announcements (signing and verification read its {@code signing_keys}).
   *
   * @return a null configuration with no diagnostics if the file does not exist
   */
  public ConfigResult loadConfig(Path dir) {
    Diagnostics d = new Diagnostics();
    Path configPath = dir.resolve(CONFIG_FILE);
    if (!Files.exists(configPath, java.nio.file.LinkOption.NOFOLLOW_LINKS)
        || !Files.isDirectory(dir)) {
      return new ConfigResult(null, d);
    }
    return new ConfigResult(readConfig(dir, d), d);
  }

  /** {@code dir/motd.yaml}, read as carefully as every input; null if it is unusable. */
  private Config readConfig(Path dir, Diagnostics d) {
    Path configPath = dir.resolve(CONFIG_FILE);
    Optional<InputFiles.Found> configFile = InputFiles.file(configPath, dir, d);
    if (configFile.isEmpty()) {
      if (!d.hasErrors()) {
        d.error(Position.of(configPath.toString()), "configuration file not found");
      }
      return null;
    }
    return InputFiles.readText(configFile.get(), Limits.CONFIG_FILE_BYTES, CONFIG_FILE, d)
        .map(text -> yaml.read(configPath.toString(), text, d))
        .map(root -> new ConfigReader(d).read(root))
        .orElse(null);
  }

  /**
   * Loads {@code dir}. The returned project is null only when the configuration could not be read
   * at all; otherwise it holds every announcement that could be read, and the diagnostics say what
   * was wrong with the rest.
   */
  public Result load(Path dir) {
    Diagnostics d = new Diagnostics();
    if (!Files.isDirectory(dir)) {
      d.error(Position.of(dir.toString()), "announcements folder not found");
      return new Result(null, d);
    }
    Config config = readConfig(dir, d);
    List<InputFiles.Found> files = announcementFiles(dir, d);
    // Parsing is the slow part and files are independent: parse on every core, then check in
    // file order so ids and messages come out the same every time.
    record Parsed(InputFiles.Found file, Node root, Diagnostics diagnostics) {}
    List<Parsed> parsed =
        files.parallelStream()
            .map(
                file -> {
                  Diagnostics own = new Diagnostics();
                  Node root =
                      InputFiles.readText(
                              file, Limits.ANNOUNCEMENT_FILE_BYTES, "an announcement file", own)
                          .map(text -> yaml.read(file.path().toString(), text, own))
                          .orElse(null);
                  return new Parsed(file, root, own);
                })
            .toList();
    List<Announcement> announcements = new ArrayList<>();
    Map<String, List<Position>> ids = new HashMap<>();
    AnnouncementReader reader = new AnnouncementReader(config, d);
    for (Parsed p : parsed) {
      d.addAll(p.diagnostics());
      if (p.root() == null) {
        continue;
      }
      AnnouncementReader.Read read = reader.read(p.file().path(), p.root());
      if (read != null) {
        ids.computeIfAbsent(read.id(), k -> new ArrayList<>()).add(read.idAt());
        announcements.add(read.announcement());
      }
    }
    reportDuplicateIds(ids, d);
    List<Announcement> unique =
        announcements.stream().filter(a -> ids.get(a.id()).size() == 1).toList();
    return new Result(config == null ? null : new Project(config, unique), d);
  }

  /** A duplicate id is reported at every place it is used, each naming the others. */
  private static void reportDuplicateIds(Map<String, List<Position>> ids, Diagnostics d) {
    for (Map.Entry<String, List<Position>> e : ids.entrySet()) {
      List<Position> places = e.getValue();
      if (places.size() < 2) {
        continue;
      }
      for (Position at : places) {
        List<String> others = places.stream().filter(o -> o != at).map(Position::toString).toList();
        d.error(
            at,
            "duplicate id '"
                + e.getKey()
                + "' (also used by "
                + String.join(", ", others)
                + "); ids name pages and feed entries, so each must be unique");
      }
    }
  }

  private static List<InputFiles.Found> announcementFiles(Path dir, Diagnostics d) {
    List<InputFiles.Found> files = new ArrayList<>();
    Path config = dir.resolve(CONFIG_FILE);
    for (InputFiles.Found f : InputFiles.list(dir, config::equals, d)) {
      String name = f.path().getFileName().toString();
      if (name.endsWith(".yaml")) {
        files.add(f);
      } else if (name.endsWith(".yml")) {
        d.warning(
            Position.of(f.path().toString()), "ignored: announcement files must end in .yaml");
      }
    }
    long total = files.stream().mapToLong(InputFiles.Found::size).sum();
    if (total > Limits.ANNOUNCEMENTS_BYTES) {
      d.error(
          Position.of(dir.toString()),
          "its announcement files take "
              + Limits.size(total)
              + " together; the limit is "
              + Limits.size(Limits.ANNOUNCEMENTS_BYTES)
              + " (move expired ones out)");
      return List.of();
    }
    if (files.size() > Limits.ANNOUNCEMENT_FILES) {
      d.error(
          Position.of(dir.toString()),
          "holds "
              + files.size()
              + " announcement files; the limit is "
              + Limits.ANNOUNCEMENT_FILES
              + " (move expired ones out)");
      return List.of();
    }
    return files;
  }
}
