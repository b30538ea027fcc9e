package motd.emit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import motd.diagnostic.OutputException;

/**
 * One writer at a time for a folder that motd updates (a site, a stats store). The lock is an
 * operating-system lock on {@code .NAME.motd-lock} beside the folder, so it is released when the
 * process ends, however it ends: a killed run never leaves a stale lock behind. Whoever holds it
 * may clean up whatever a killed run left, because no other run can be writing.
 */
public final class FolderLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private FolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file for {@code folder}: {@code .NAME.motd-lock} in its parent. */
  public static Path lockFile(Path folder) {
    Path abs = folder.toAbsolutePath().normalize();
    return abs.resolveSibling("." + abs.getFileName() + ".motd-lock");
  }

  /**
   * Takes the lock for {@code folder}, or fails at once if another process holds it.
   *
   * @throws OutputException if another motd is writing the folder, or the lock cannot be made
   */
  public static FolderLock acquire(Path folder) {
    FolderLock l = tryAcquire(folder);
    if (l == null) {
      throw busy(folder, lockFile(folder));
    }
    return l;
  }

  /**
   * Takes the lock for {@code folder}, waiting up to {@code patience} while another run (in this
   * process or another) holds it.
   *
   * @param waiting called once, before waiting, if the lock is taken (to tell the user why)
   * @throws OutputException if it is still taken after {@code patience}, or cannot be made
   */
  public static FolderLock acquire(Path folder, java.time.Duration patience, Runnable waiting) {
    long deadline = System.nanoTime() + patience.toNanos();
    boolean told = false;
    while (true) {
      FolderLock l = tryAcquire(folder);
      if (l != null) {
        return l;
      }
      if (System.nanoTime() - deadline > 0) {
        throw busy(folder, lockFile(folder));
      }
      if (!told) {
        waiting.run();
        told = true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw busy(folder, lockFile(folder));
      }
    }
  }

  /** The lock, or null if another run holds it. */
  private static FolderLock tryAcquire(Path folder) {
    Path file = lockFile(folder);
    FileChannel ch = null;
    try {
      Files.createDirectories(file.getParent());
      // The lock file is never written, only locked; not following a link keeps it in place.
      ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      FileLock l = ch.tryLock();
      if (l == null) {
        ch.close();
        return null;
      }
      return new FolderLock(ch, l);
    } catch (OverlappingFileLockException e) {
      closeQuietly(ch);
      return null;
    } catch (IOException e) {
      closeQuietly(ch);
      throw new OutputException("cannot lock " + folder + " (" + file + "): " + e.getMessage(), e);
    }
  }

  private static OutputException busy(Path folder, Path file) {
    return new OutputException(
        folder
            + " is being written by another motd run (it holds "
            + file
            + "); wait for it to finish, then try again");
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }
}
