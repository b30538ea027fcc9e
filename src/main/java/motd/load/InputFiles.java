package motd.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;
import motd.model.Limits;

/**
 * Reads input files (announcements, templates, assets) the safe way. Only regular files inside
 * their folder are read: a symbolic link that leads out of the folder is refused with its path, so
 * no file from elsewhere can be published by accident; a FIFO, device or socket is refused at once
 * and never opened, since reading one could hang or never end. Every file's size is checked before
 * it is read. The input folder itself may be a link: its name is the user's choice.
 */
public final class InputFiles {
  private InputFiles() {}

  /** A file found in an input folder, and the real file to read. */
  public record Found(Path path, Path real, long size) {}

  /**
   * Every regular file below {@code root}, sorted, each checked as {@link #check} does; problems go
   * to {@code d} and those files are left out. Symbolic links to folders are not followed.
   */
  public static List<Found> list(Path root, Diagnostics d) {
    return list(root, p -> false, d);
  }

  /** As {@link #list(Path, Diagnostics)}, leaving out the paths {@code skip} accepts. */
  public static List<Found> list(
      Path root, java.util.function.Predicate<Path> skip, Diagnostics d) {
    List<Found> out = new ArrayList<>();
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (IOException e) {
      d.error(Position.of(root.toString()), "cannot read the folder: " + reason(e));
      return out;
    }
    // The folder itself may be a link (the user named it); what is inside is checked as always.
    Path walkRoot = Files.isSymbolicLink(root) ? realRoot : root;
    try (Stream<Path> walk = Files.walk(walkRoot)) {
      for (Path found : (Iterable<Path>) walk.sorted()::iterator) {
        Path p = root.resolve(walkRoot.relativize(found).toString());
        if (found.equals(walkRoot) || skip.test(p)) {
          continue;
        }
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
        if (a.isDirectory()) {
          continue;
        }
        check(p, realRoot, a, d).ifPresent(out::add);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      d.error(Position.of(root.toString()), "cannot list files: " + reason(e));
    }
    return out;
  }

  /**
   * Checks one file that must exist below {@code root}: a regular file, or a symbolic link to one
   * inside {@code root}.
   */
  public static Optional<Found> file(Path file, Path root, Diagnostics d) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
      return check(file, root.toRealPath(), a, d);
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      d.error(Position.of(file.toString()), "cannot read: " + reason(e));
      return Optional.empty();
    }
  }

  private static Optional<Found> check(Path p, Path realRoot, BasicFileAttributes a, Diagnostics d)
      throws IOException {
    String where = p.toString();
    if (a.isOther()) {
      d.error(
          Position.of(where),
          "is "
              + special(p)
              + ", not a regular file; motd reads only regular files and did not open it");
      return Optional.empty();
    }
    if (a.isSymbolicLink()) {
      Path real;
      try {
        real = p.toRealPath();
      } catch (IOException e) {
        d.error(Position.of(where), "is a symbolic link that leads nowhere (" + reason(e) + ")");
        return Optional.empty();
      }
      if (!real.startsWith(realRoot)) {
        d.error(
            Position.of(where),
            "is a symbolic link to "
                + real
                + ", outside "
                + realRoot
                + "; motd reads only files inside its input folders (copy the file in)");
        return Optional.empty();
      }
      BasicFileAttributes target = Files.readAttributes(real, BasicFileAttributes.class, NOFOLLOW);
      if (target.isDirectory()) {
        return Optional.empty(); // its files are reached under their own name
      }
      if (!target.isRegularFile()) {
        d.error(
            Position.of(where),
            "is a symbolic link to "
                + special(real)
                + ", not a regular file; motd did not open it");
        return Optional.empty();
      }
      return Optional.of(new Found(p, real, target.size()));
    }
    return Optional.of(new Found(p, p, a.size()));
  }

  /**
   * The bytes of {@code f}, or empty if it is larger than {@code limit} (reported naming the limit)
   * or cannot be read.
   *
   * @param what the kind of file, for the message: "an announcement file"
   */
  public static Optional<byte[]> read(Found f, int limit, String what, Diagnostics d) {
    Position at = Position.of(f.path().toString());
    if (f.size() > limit) {
      d.error(at, tooBig(f.size(), limit, what));
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(f.real(), NOFOLLOW)) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        d.error(at, tooBig(bytes.length, limit, what));
        return Optional.empty();
      }
      return Optional.of(bytes);
    } catch (IOException e) {
      d.error(at, "cannot read: " + reason(e));
      return Optional.empty();
    }
  }

  /** As {@link #read}, decoded as UTF-8; anything else is reported. */
  public static Optional<String> readText(Found f, int limit, String what, Diagnostics d) {
    return read(f, limit, what, d)
        .flatMap(
            bytes -> {
              try {
                String text =
                    StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
                return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
              } catch (CharacterCodingException e) {
                d.error(Position.of(f.path().toString()), "not valid UTF-8");
                return Optional.empty();
              }
            });
  }

  private static String tooBig(long size, int limit, String what) {
    return "is "
        + Limits.size(size)
        + "; the limit for "
        + what
        + " is "
        + Limits.size(limit)
        + " (announcements are a few lines in a few languages)";
  }

  /** "a FIFO", "a device", "a socket": what kind of special file {@code p} is. */
  static String special(Path p) {
    try {
      Object mode = Files.getAttribute(p, "unix:mode", NOFOLLOW);
      if (mode instanceof Integer m) {
        return switch (m & 0170000) {
          case 0010000 -> "a FIFO (named pipe)";
          case 0020000, 0060000 -> "a device";
          case 0140000 -> "a socket";
          default -> "a special file";
        };
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // no unix view: say less
    }
    return "a special file (FIFO, device or socket)";
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
}
