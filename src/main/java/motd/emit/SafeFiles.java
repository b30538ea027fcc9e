package motd.emit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writing a single file so that nothing can be turned against it, and a crash loses nothing.
 *
 * <p>The bytes go to a temporary file beside the target, created exclusively ({@code O_EXCL}, which
 * also refuses to open through a symlink) under an unpredictable name, synced, and then renamed
 * over the target. A rename replaces the directory entry itself: if an attacker planted a symlink
 * at the target's name, the link is replaced and the file it points to is never touched. A process
 * killed at any instant leaves the old file or the new one, plus at most a temporary file that
 * {@link #removeStaleTemps} recognises by its name.
 */
public final class SafeFiles {
  /** Every temporary name this tool creates contains this. */
  public static final String TEMP_MARK = ".motd-tmp-";

  private static final SecureRandom RANDOM = new SecureRandom();

  private SafeFiles() {}

  /**
   * Whether {@code fileName} is one of our temporary names (left behind by a killed run), including
   * the {@code X.motd-tmp} names of earlier versions.
   */
  public static boolean isTemp(String fileName) {
    return fileName.contains(".motd-tmp");
  }

  /** An unpredictable temporary name for {@code target}, in the same folder. */
  public static Path tempFor(Path target) {
    byte[] random = new byte[12];
    RANDOM.nextBytes(random);
    String name = "." + target.getFileName() + TEMP_MARK + HexFormat.of().formatHex(random);
    return target.resolveSibling(name);
  }

  /**
   * Replaces {@code file} with {@code bytes}, atomically. The folder must exist and must not be a
   * symlink; {@code file} must not be a folder.
   *
   * @throws IOException if it cannot be written; {@code file} is then unchanged
   */
  public static void write(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    requireRealFolder(dir);
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileSystemException(file.toString(), null, "is a folder");
    }
    Path temp = createExclusive(tempFor(file), bytes);
    try {
      moveOver(temp, file);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /**
   * Creates {@code file}, which must not exist (not even as a symlink), holding {@code bytes}, and
   * syncs it to disk. If it cannot, it removes what it created, and only that: a file that was
   * there already is left as it was.
   *
   * @param attributes set as the file is created, such as its permissions
   * @return {@code file}
   */
  public static Path createExclusive(Path file, byte[] bytes, FileAttribute<?>... attributes)
      throws IOException {
    FileChannel ch =
        FileChannel.open(
            file,
            java.util.Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
            attributes);
    try (ch) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }

  /** Renames {@code from} over {@code to} atomically where the file system allows it. */
  public static void moveOver(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Throws unless {@code dir} is a real folder: not missing, not a file, not a symlink.
   *
   * @throws IOException naming what it is instead
   */
  public static void requireRealFolder(Path dir) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new FileSystemException(dir.toString(), null, "does not exist");
    }
    if (a.isSymbolicLink()) {
      throw new FileSystemException(
          dir.toString(), null, "is a symbolic link; refusing to write through it");
    }
    if (!a.isDirectory()) {
      throw new FileSystemException(dir.toString(), null, "is not a folder");
    }
  }

  /**
   * Removes our temporary files directly in {@code dir} (not below it), left by a run that was
   * killed. Call it only while holding the folder's {@link FolderLock}, so that no live run's
   * temporary file is removed. Symlinks with a temporary name are removed as links.
   *
   * @return how many were removed
   */
  public static int removeStaleTemps(Path dir) throws IOException {
    return removeStaleTemps(dir, "");
  }

  /**
   * As {@link #removeStaleTemps(Path)}, only for temporary files whose name starts with {@code
   * prefix}: in a shared folder, those of one target's.
   */
  public static int removeStaleTemps(Path dir, String prefix) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.startsWith(prefix)
            && isTemp(name)
            && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(p);
          removed++;
        }
      }
    }
    return removed;
  }
}
