package motd.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import motd.Fixture;
import motd.emit.SiteWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder under {@code src/test/resources/cases/} is a case: {@code announcements/}, an
 * optional {@code templates/} (default: the repository's), a {@code now} file, an optional {@code
 * stats/} store, and the {@code expected/} site. Adding a case is adding a folder. Run with {@code
 * -Dmotd.updateGolden=true} to rewrite the expected trees after an intended change, then review the
 * diff.
 */
class GoldenTest {
  private static final Path CASES = Paths.get("src/test/resources/cases");
  @TempDir Path tmp;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> list = Files.list(CASES)) {
      return list
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void buildsTheExpectedTree(String name) throws IOException {
    Path dir = CASES.resolve(name);
    Path templates =
        Files.isDirectory(dir.resolve("templates"))
            ? dir.resolve("templates")
            : Paths.get("templates");
    Instant now = Instant.parse(Files.readString(dir.resolve("now")).trim());
    Path out = tmp.resolve("site");
    SiteBuilder builder = new SiteBuilder(dir.resolve("announcements"), templates);
    if (Files.isDirectory(dir.resolve("stats"))) {
      // a stats store, copied so that its lock is taken outside the repository
      Path store = tmp.resolve("stats");
      Fixture.copyTree(dir.resolve("stats"), store);
      builder = builder.withStats(store);
    }
    builder.build(out, now);
    Path expected = dir.resolve("expected");
    if (Boolean.getBoolean("motd.updateGolden")) {
      SiteWriter.deleteTree(expected);
      Fixture.copyTree(out, expected);
    }
    SortedMap<String, String> actualFiles = read(out);
    SortedMap<String, String> expectedFiles = read(expected);
    assertThat(actualFiles.keySet()).containsExactlyElementsOf(expectedFiles.keySet());
    for (Map.Entry<String, String> e : expectedFiles.entrySet()) {
      assertThat(actualFiles.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  private static SortedMap<String, String> read(Path root) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    for (String rel : SiteWriter.listFiles(root)) {
      out.put(rel, Files.readString(root.resolve(rel), StandardCharsets.UTF_8));
    }
    return out;
  }
}
