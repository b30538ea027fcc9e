package motd.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import motd.diagnostic.OutputException;
import motd.diagnostic.UsageException;
import motd.emit.SafeFiles;
import motd.load.Loader;
import motd.model.Project;

/**
 * {@code motd new}: a fresh announcement file with today's date, never over an existing one. It
 * starts as a draft ({@code draft: true}), so an unedited file cannot go live by accident, and
 * names its JSON Schema for editors.
 */
public final class NewAnnouncement {
  private static final int MAX_ID_LENGTH = 60;

  private NewAnnouncement() {}

  /** An id from a title: lower case ASCII letters and digits joined by '-'. */
  public static String slug(String title) {
    String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String slug =
        ascii
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9.]+", "-")
            .replaceAll("^[-.]+|[-.]+$", "");
    if (slug.length() > MAX_ID_LENGTH) {
      slug = slug.substring(0, MAX_ID_LENGTH).replaceAll("[-.]+$", "");
    }
    return slug;
  }

  /**
   * Writes {@code DIR/ID.yaml}.
   *
   * @return the file written
   * @throws OutputException if the file exists (it is never overwritten)
   */
  public static Path create(Path dir, String title, LocalDate today) {
    if (title.isBlank()) {
      throw new UsageException(
          "the title is empty; give the announcement a title, such as: motd new \"Mailpile"
              + " 1.0.0rc7 is out\"");
    }
    if (title.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new UsageException("the title must be one line of text, without control characters");
    }
    String id = slug(title);
    if (id.isEmpty()) {
      throw new UsageException("cannot make an id from '" + title + "'; use letters or digits");
    }
    if (!Files.isDirectory(dir)) {
      throw new UsageException(
          dir + " is not a folder; run this in the project, or pass --announcements");
    }
    Loader.Result loaded = new Loader().load(dir);
    Project project = loaded.project();
    String lang = project == null ? "en" : project.config().defaultLanguage();
    if (project != null && project.announcements().stream().anyMatch(a -> a.id().equals(id))) {
      throw new OutputException(
          "an announcement with id '" + id + "' exists already; choose another title");
    }
    Path file = dir.resolve(id + ".yaml");
    String quoted = "\"" + title.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    String schema =
        project == null
            ? ""
            : "# yaml-language-server: $schema="
                + project.config().baseUrl()
                + "/"
                + Schemas.ANNOUNCEMENT
                + "\n";
    String text =
        schema
            + """
            # Written by motd new. Edit, then: ./motd check && ./motd preview --version V --platform P
            draft: true                 # build leaves it out until you remove this line
            title: %1$s
            published: %2$s
            # expires: %3$s
            priority: info              # info | important | critical
            # target:                   # leave out to reach everyone
            #   versions: ">=1.0.0rc0, <1.0.0rc6"
            #   platforms: [linux]
            #   generic: false          # also in /motd/latest?
            # source: https://community.mailpile.is/
            message:
              %4$s: |
                %5$s

                %6$s It may use {{latest_version}} and {{latest_date}}.
            """
                .formatted(
                    quoted,
                    today,
                    today.plusMonths(3),
                    lang,
                    title.replace("{{", "{ {"),
                    Loader.PLACEHOLDER);
    createNew(file, text.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /**
   * Creates {@code file} with {@code bytes}, complete or not at all, and never over an existing
   * file: the bytes go to an exclusive temporary file first, which is then linked into place.
   *
   * @throws OutputException if the file exists or cannot be written
   */
  static void createNew(Path file, byte[] bytes) {
    Path temp = SafeFiles.tempFor(file);
    try {
      SafeFiles.requireRealFolder(file.toAbsolutePath().getParent());
      SafeFiles.createExclusive(temp, bytes);
      try {
        Files.createLink(file, temp);
      } catch (UnsupportedOperationException e) {
        Files.move(temp, file); // no hard links here: a move that refuses to replace
      }
    } catch (FileAlreadyExistsException e) {
      throw new OutputException(file + " exists already; it was not overwritten");
    } catch (IOException e) {
      throw new OutputException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // a stray temporary name; the next writer's clean-up removes it
      }
    }
  }
}
