package motd.emit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** File work that building, signing and serving a site share. */
public final class SiteFileIo {
  private SiteFileIo() {}

  /** Called before each file is written. */
  @FunctionalInterface
  public interface BeforeWrite {
    void accept(Path file) throws IOException;
  }

  /** One file to write. */
  public record Pending(Path file, byte[] bytes) {}

  /**
   * Writes every file, on several threads: creating thousands of small files is slow on some file
   * systems, and threads hide that latency. Each task keeps its own failure, so when this throws,
   * no write is still running and the caller may clean up at once.
   *
   * @throws IOException the first failure, after every started write has finished
   */
  public static void writeAll(List<Pending> files, BeforeWrite before) throws IOException {
    AtomicReference<IOException> failure = new AtomicReference<>();
    files.parallelStream()
        .forEach(
            f -> {
              if (failure.get() != null) {
                return;
              }
              try {
                before.accept(f.file());
                Files.write(f.file(), f.bytes());
              } catch (IOException e) {
                failure.compareAndSet(null, e);
              }
            });
    if (failure.get() != null) {
      throw failure.get();
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
