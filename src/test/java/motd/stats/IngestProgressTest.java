package motd.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import motd.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ingest tells its listener of its progress: the size of its input, when it knows it. */
class IngestProgressTest {
  @TempDir Path tmp;

  @Test
  void standardInputHasNoKnownSizeSoTheBarCountsMegabytesInstead() {
    Fixture f = Fixture.create(tmp.resolve("project"));
    String line =
        "203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] \"GET /motd/latest/motd.json HTTP/1.1\" 200"
            + " 9 \"-\" \"Python-urllib/2.7\"\n";
    List<long[]> told = new CopyOnWriteArrayList<>();
    Ingest.run(
        new Ingest.Options(
            f.announcements,
            tmp.resolve("stats"),
            "web",
            LogFormat.AUTO,
            null,
            List.of("-"),
            Instant.parse("2026-11-29T00:00:00Z")),
        new ByteArrayInputStream(line.repeat(1000).getBytes(StandardCharsets.US_ASCII)),
        new Ingest.Listener() {
          @Override
          public void progress(long done, long total) {
            told.add(new long[] {done, total});
          }
        });
    assertThat(told).isNotEmpty().allSatisfy(t -> assertThat(t[1]).isEqualTo(-1));
  }
}
