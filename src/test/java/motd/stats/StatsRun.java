package motd.stats;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import motd.cli.Main;

/** Runs {@code motd} in-process and keeps what it printed. */
record StatsRun(int exitCode, String out, String err) {
  static StatsRun motd(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new StatsRun(code, out.toString(), err.toString());
  }

  String all() {
    return out + err;
  }

  /** Every regular file below {@code dir}, read as UTF-8 (invalid bytes replaced). */
  static List<String> texts(Path dir) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        out.add(p + "\n" + new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
