package motd;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real external peers (gpg, gpgv, sqv, chromium). Missing ones skip a test on a developer's machine
 * but fail it in CI (CI=true), so a missing install step can never pass as green.
 */
public final class Tools {
  private Tools() {}

  /** Skips (or, in CI, fails) unless {@code program} is on the PATH. */
  public static void require(String program) {
    boolean present = onPath(program);
    if (!present && "true".equals(System.getenv("CI"))) {
      fail(program + " is not installed, and CI must run this test; .ci/run installs it");
    }
    assumeTrue(present, program + " is not installed; skipped outside CI");
  }

  /** Where {@code .ci/run} installs the npm packages the tests run (see .ci/package.json). */
  public static final Path NODE_MODULES = Path.of(".ci", "node_modules").toAbsolutePath();

  /**
   * The executable of an npm package that {@code .ci/run} installs into {@link #NODE_MODULES}.
   * Skips (or, in CI, fails) when it is missing, like {@link #require}.
   */
  public static Path requireNpm(String program) {
    require("node");
    Path bin = NODE_MODULES.resolve(".bin").resolve(program);
    boolean present = bin.toFile().canExecute();
    if (!present && "true".equals(System.getenv("CI"))) {
      fail(bin + " is not installed, and CI must run this test; .ci/run installs it");
    }
    assumeTrue(present, bin + " is not installed (run .ci/run's npm step); skipped outside CI");
    return bin;
  }

  public static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(":")) {
      if (Path.of(dir, program).toFile().canExecute()) {
        return true;
      }
    }
    return false;
  }

  /** What a finished process said. */
  public record Result(int exitCode, String out, String err) {
    public String all() {
      return out + err;
    }
  }

  /** Runs a command with extra environment variables, stdin closed, and a time limit. */
  public static Result run(Map<String, String> env, String... command) {
    try {
      ProcessBuilder pb = new ProcessBuilder(List.of(command));
      pb.environment().putAll(env);
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Process p = pb.start();
      var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", command) + " did not finish in 120 s");
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Result run(String... command) {
    return run(Map.of(), command);
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every argument list element in one list. */
  public static String[] args(Object... parts) {
    List<String> out = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof String[] a) {
        out.addAll(List.of(a));
      } else {
        out.add(String.valueOf(p));
      }
    }
    return out.toArray(String[]::new);
  }
}
