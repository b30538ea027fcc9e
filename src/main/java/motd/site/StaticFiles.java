package motd.site;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;
import motd.emit.SafeFiles;
import motd.emit.SiteTree;

/**
 * The files of the {@code static/} folder, copied into the site as they are: {@code .nojekyll},
 * {@code CNAME}, {@code .well-known/}, a {@code robots.txt}. Builds would otherwise remove them,
 * since a build replaces the whole site. They are signed and listed in the manifest like every
 * other file.
 *
 * <p>They may not replace a file the build makes, nor add anything below {@code motd/} or {@code
 * stats/}, which only the build writes. Symlinks, FIFOs and devices are refused, never read.
 */
final class StaticFiles {
  /** Folders of the site that only the build writes. */
  private static final Set<String> RESERVED = Set.of("motd", "stats");

  /** The largest static file accepted: a site is small text, not a download mirror. */
  static final long MAX_BYTES = 10L * 1024 * 1024;

  private StaticFiles() {}

  /**
   * Reads every file below {@code dir}, by path relative to it. A missing folder is no files.
   *
   * @param generated the paths the build makes, which static files may not replace
   */
  static SortedMap<String, byte[]> read(Path named, Set<String> generated, Diagnostics d) {
    SortedMap<String, byte[]> out = new TreeMap<>();
    if (!Files.exists(named, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    if (!Files.isDirectory(named)) {
      d.error(Position.of(named.toString()), "the static folder is not a folder");
      return out;
    }
    // The folder itself may be a link (the user named it); what is inside may not be.
    Path dir;
    try {
      dir = Files.isSymbolicLink(named) ? named.toRealPath() : named;
    } catch (IOException e) {
      d.error(Position.of(named.toString()), "cannot read: " + e.getMessage());
      return out;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
              String rel = dir.relativize(file).toString().replace('\\', '/');
              String top = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : rel;
              Position at = Position.of(file.toString());
              if (!a.isRegularFile()) {
                d.error(
                    at,
                    (a.isSymbolicLink() ? "is a symbolic link" : "is not a regular file")
                        + "; the static folder may hold only plain files");
              } else if (RESERVED.contains(top)) {
                d.error(at, "only the build writes below " + top + "/; remove it from static/");
              } else if (generated.contains(rel)) {
                d.error(at, "would replace " + rel + ", which the build makes");
              } else if (SafeFiles.isTemp(file.getFileName().toString())) {
                d.error(at, "has a temporary file's name (.motd-tmp); rename or remove it");
              } else if (a.size() > MAX_BYTES) {
                d.error(at, "is larger than the limit of " + MAX_BYTES / (1024 * 1024) + " MiB");
              } else {
                try {
                  out.put(rel, SiteTree.readRegular(file));
                } catch (IOException e) {
                  d.error(at, "cannot read: " + e.getMessage());
                }
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      d.error(Position.of(dir.toString()), "cannot read: " + e.getMessage());
    }
    return out;
  }
}
