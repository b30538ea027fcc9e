package motd.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiConsumer;

/**
 * Walking, making and deleting folder trees on every core, without following links.
 *
 * <p>A site is thousands of small folders ({@code motd/VERSION-PLATFORM/}); one thread creating,
 * listing or deleting them one after the other leaves the other cores idle while the kernel works.
 * Listing and deleting go through {@link SecureDirectoryStream} where the platform has it (Linux
 * does): every entry is reached relative to its open folder and never through a link, so a folder
 * swapped for a symlink while this runs cannot lead it outside the tree.
 */
final class Trees {
  private static final int DELETING_THREADS = 8;

  private Trees() {}

  /**
   * Creates every folder that holds one of {@code paths} ('/'-separated, relative to {@code root},
   * which exists), parents before children, each level on every core.
   */
  static void createFolders(Path root, Collection<String> paths) throws IOException {
    SortedSet<String> folders = new TreeSet<>();
    for (String path : paths) {
      for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
        folders.add(path.substring(0, slash));
      }
    }
    List<List<String>> byDepth = new ArrayList<>();
    for (String folder : folders) {
      int depth = (int) folder.chars().filter(c -> c == '/').count();
      while (byDepth.size() <= depth) {
        byDepth.add(new ArrayList<>());
      }
      byDepth.get(depth).add(folder);
    }
    for (List<String> level : byDepth) {
      SiteFileIo.forEachInParallel(level, folder -> Files.createDirectory(root.resolve(folder)));
    }
  }

  /**
   * Calls {@code visit} with the relative path ('/'-separated) and attributes of everything below
   * {@code root} but folders, links not followed; folders are listed on every core, so {@code
   * visit} must be thread-safe. {@code root} must be a real folder.
   */
  static void walk(Path root, BiConsumer<String, BasicFileAttributes> visit) throws IOException {
    SecureDirectoryStream<Path> top = openSecurely(root);
    if (top == null) {
      walkPlainly(root, visit);
      return;
    }
    try (top) {
      walkFolder(top, "", visit);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void walkFolder(
      SecureDirectoryStream<Path> ds, String prefix, BiConsumer<String, BasicFileAttributes> visit)
      throws IOException {
    List<Path> folders = new ArrayList<>();
    List<Path> names = new ArrayList<>();
    for (Path entry : ds) {
      names.add(entry.getFileName());
    }
    for (Path name : names) {
      BasicFileAttributes a =
          ds.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
              .readAttributes();
      if (a.isDirectory()) {
        folders.add(name);
      } else {
        visit.accept(prefix + name, a);
      }
    }
    SiteFileIo.forEachInParallel(
        folders,
        name -> {
          try (SecureDirectoryStream<Path> sub =
              ds.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            walkFolder(sub, prefix + name + "/", visit);
          }
        });
  }

  /**
   * {@code dir} opened as a secure stream, not through a link (from its parent's stream, with
   * {@link LinkOption#NOFOLLOW_LINKS}); null where the platform has no secure streams.
   */
  private static SecureDirectoryStream<Path> openSecurely(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    try (DirectoryStream<Path> up = Files.newDirectoryStream(abs.getParent())) {
      if (!(up instanceof SecureDirectoryStream<Path> secure)) {
        return null;
      }
      return secure.newDirectoryStream(abs.getFileName(), LinkOption.NOFOLLOW_LINKS);
    }
  }

  private static void walkPlainly(Path root, BiConsumer<String, BasicFileAttributes> visit)
      throws IOException {
    Files.walkFileTree(
        root,
        new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes a) {
            visit.accept(SiteTree.relative(root, file), a);
            return java.nio.file.FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Deletes {@code root} and everything below it, links as links (never followed), folders on every
   * core. Does nothing if it does not exist.
   */
  static void delete(Path root) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (!a.isDirectory()) {
      Files.delete(root);
      return;
    }
    SecureDirectoryStream<Path> ds = openSecurely(root);
    if (ds == null) {
      deletePlainly(root);
      return;
    }
    // Deleting waits on the disk more than on the CPU (freed blocks are discarded as they go, on
    // a file system mounted with discard and no journal): more threads than cores keep it busy.
    ForkJoinPool pool = new ForkJoinPool(DELETING_THREADS);
    try (ds) {
      pool.submit(
              () -> {
                emptyFolder(ds);
                return null;
              })
          .get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while deleting " + root);
    } finally {
      pool.shutdown();
    }
    Files.delete(root);
  }

  /** Deletes everything in the folder open as {@code ds}. */
  private static void emptyFolder(SecureDirectoryStream<Path> ds) throws IOException {
    List<Path> folders = new ArrayList<>();
    List<Path> names = new ArrayList<>();
    for (Path entry : ds) {
      names.add(entry.getFileName());
    }
    for (Path name : names) {
      try {
        ds.deleteFile(name); // one unlinkat: most entries are files, and links go as links
      } catch (NoSuchFileException e) {
        // gone already
      } catch (FileSystemException e) {
        BasicFileAttributes a =
            ds.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
        if (!a.isDirectory()) {
          throw e;
        }
        folders.add(name);
      }
    }
    SiteFileIo.forEachInParallel(
        folders,
        name -> {
          try (SecureDirectoryStream<Path> sub =
              ds.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            emptyFolder(sub);
          } catch (NotDirectoryException e) {
            ds.deleteFile(name); // swapped for a file meanwhile
            return;
          }
          ds.deleteDirectory(name);
        });
  }

  private static void deletePlainly(Path root) throws IOException {
    try (var walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
