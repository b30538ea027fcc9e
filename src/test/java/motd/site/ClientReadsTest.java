package motd.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import motd.emit.SiteWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads every file of the sample site the way the shipped Mailpile client does (mailpile's
 * plugins/motd.py): {@code json.loads}, {@code motd.get(lang, motd.get('en'))}, an integer {@code
 * timestamp} for {@code datetime.fromtimestamp}, and {@code latest_version} compared as a string.
 */
class ClientReadsTest {
  @TempDir Path tmp;

  @Test
  void everySampleFileIsWhatTheClientExpects() throws IOException {
    Path site = tmp.resolve("site");
    new SiteBuilder(Paths.get("announcements"), Paths.get("templates"))
        .build(site, Instant.parse("2026-11-29T00:00:00Z"));
    ObjectMapper json = new ObjectMapper();
    int files = 0;
    for (String rel : SiteWriter.listFiles(site)) {
      if (!rel.endsWith("/motd.json")) {
        continue;
      }
      files++;
      byte[] bytes = Files.readAllBytes(site.resolve(rel));
      String body = new String(bytes, StandardCharsets.UTF_8);
      assertThat(body.strip()).as(rel).startsWith("{").endsWith("}");
      JsonNode motd = json.readTree(bytes);
      assertThat(motd.get("timestamp").isIntegralNumber()).as(rel).isTrue();
      assertThat(motd.get("timestamp").asLong()).isPositive();
      assertThat(motd.get("latest_version").isTextual()).as(rel).isTrue();
      assertThat(motd.get("signed").asText()).isEqualTo("www.mailpile.is");
      String variant = rel.substring("motd/".length(), rel.length() - "/motd.json".length());
      assertThat(motd.get("variant").asText()).isEqualTo(variant);
      for (String lang : new String[] {"en", "de", "fr", "pt_BR"}) {
        JsonNode shown = motd.has(lang) ? motd.get(lang) : motd.get("en");
        assertThat(shown).as(rel + " in " + lang).isNotNull();
        assertThat(shown.isTextual()).isTrue();
        assertThat(shown.asText()).isNotBlank();
      }
    }
    assertThat(files).isEqualTo(7 * 9 + 1);
    JsonNode win = json.readTree(site.resolve("motd/1.0.0rc5-win32/motd.json").toFile());
    assertThat(win.get("latest_version").asText())
        .as("rc6 is not out for Windows")
        .isEqualTo("1.0.0rc5");
    JsonNode pt = json.readTree(site.resolve("motd/1.0.0rc5-linux2/motd.json").toFile());
    assertThat(pt.has("pt_BR")).isFalse();
    assertThat(pt.get("en").asText()).startsWith("Security: Mailpile 1.0.0rc5 on Linux");
  }
}
