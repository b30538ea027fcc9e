package motd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import motd.site.SiteBuilder;

/** A project folder in a temp dir: announcements, the repository's templates, and a site. */
public final class Fixture {
  public static final String CONFIG =
      """
      signed: www.mailpile.is
      base_url: https://www.mailpile.is
      languages: [en, de, fr]
      platforms:
        linux: [linux2, linux]
        macos: [darwin]
        windows: [win32, cygwin]
        bsd: [freebsd, freebsd11, openbsd]
      releases:
        - version: 1.0.0rc5
          date: 2019-02-27
        - version: 1.0.0rc6
          date: 2019-09-03
          platforms: [linux, macos]
      """;

  public final Path root;
  public final Path announcements;
  public final Path templates;
  public final Path site;

  private Fixture(Path root) {
    this.root = root;
    this.announcements = root.resolve("announcements");
    this.templates = root.resolve("templates");
    this.site = root.resolve("site");
  }

  /** A fixture with {@link #CONFIG} and no announcements. */
  public static Fixture create(Path dir) {
    Fixture f = new Fixture(dir);
    try {
      Files.createDirectories(f.announcements);
      copyTree(Paths.get("templates"), f.templates);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f.config(CONFIG);
  }

  public Fixture config(String yaml) {
    return write("motd.yaml", yaml);
  }

  public Fixture write(String name, String yaml) {
    try {
      Path file = announcements.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The arguments of {@code motd build} on this fixture, then {@code more}. */
  public String[] buildArgs(String... more) {
    return Tools.args(
        "build",
        Tools.args(
            "--announcements",
            announcements.toString(),
            "--templates",
            templates.toString(),
            "--out",
            site.toString(),
            more));
  }

  public SiteBuilder builder() {
    return new SiteBuilder(announcements, templates);
  }

  public String read(String sitePath) {
    try {
      return Files.readString(site.resolve(sitePath), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }
}
