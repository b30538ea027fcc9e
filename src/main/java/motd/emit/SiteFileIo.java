package motd.emit;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Work that building, signing and serving a site share. */
public final class SiteFileIo {
  private SiteFileIo() {}

  /** One unit of parallel work, which may fail. */
  @FunctionalInterface
  public interface Task<T> {
    void run(T item) throws IOException;
  }

  /**
   * Runs {@code task} for every item on every core. Once one fails, no new item starts; every item
   * already started is awaited before this returns or throws, so when it throws, nothing is still
   * running (no half-written file, no gpg still signing) and the caller may clean up at once.
   *
   * @throws IOException the first failure, or the first unchecked exception or error as it was
   */
  public static <T> void forEachInParallel(List<T> items, Task<T> task) throws IOException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    items.parallelStream()
        .forEach(
            item -> {
              if (failure.get() != null) {
                return;
              }
              try {
                task.run(item);
              } catch (IOException | RuntimeException | Error e) {
                failure.compareAndSet(null, e);
              }
            });
    Throwable t = failure.get();
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
