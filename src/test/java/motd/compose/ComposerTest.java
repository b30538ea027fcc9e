package motd.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SortedMap;
import motd.Fixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposerTest {
  private static final Instant NOW = Instant.parse("2020-01-01T00:00:00Z");
  @TempDir Path tmp;
  private Fixture f;

  @BeforeEach
  void setUp() {
    f = Fixture.create(tmp);
  }

  private JsonNode file(String variant) throws IOException {
    SortedMap<String, byte[]> files = f.builder().compose(NOW);
    return new ObjectMapper().readTree(files.get("motd/" + variant + "/motd.json"));
  }

  @Test
  void ordersByPriorityThenNewestAndJoinsWithTheSeparator() throws IOException {
    f.write("a-old-info.yaml", "published: 2019-01-01\nmessage: {en: old info}\n");
    f.write("b-new-info.yaml", "published: 2019-05-01\nmessage: {en: new info}\n");
    f.write(
        "c-critical.yaml", "published: 2018-01-01\npriority: critical\nmessage: {en: critical}\n");
    f.write(
        "d-important.yaml",
        "published: 2018-01-01\npriority: important\nmessage: {en: important}\n");
    assertThat(file("1.0.0rc5-linux2").get("en").asText())
        .isEqualTo("critical\n\n--\n\nimportant\n\n--\n\nnew info\n\n--\n\nold info");
  }

  @Test
  void missingLanguagesFallBackToTheDefaultTextInsideTheComposition() throws IOException {
    f.write("a.yaml", "published: 2019-01-02\nmessage: {en: English A, de: Deutsch A}\n");
    f.write("b.yaml", "published: 2019-01-01\nmessage: {en: English B}\n");
    JsonNode json = file("1.0.0rc5-linux2");
    assertThat(json.get("de").asText()).isEqualTo("Deutsch A\n\n--\n\nEnglish B");
    assertThat(json.get("en").asText()).isEqualTo("English A\n\n--\n\nEnglish B");
    assertThat(json.has("fr")).as("no announcement has French").isFalse();
  }

  @Test
  void noAnnouncementMeansNoTextKeys() throws IOException {
    JsonNode json = file("latest");
    assertThat(json.has("en")).isFalse();
    assertThat(json.get("latest_version").asText()).isEqualTo("1.0.0rc6");
    assertThat(json.get("timestamp").asLong())
        .isEqualTo(Instant.parse("2019-09-03T00:00:00Z").getEpochSecond());
  }

  @Test
  void timestampIsTheNewestPublishedOrTheLatestReleaseDate() throws IOException {
    f.write("a.yaml", "published: 2019-10-01T08:30:00Z\nmessage: {en: a}\n");
    f.write("b.yaml", "published: 2019-01-01\nmessage: {en: b}\n");
    assertThat(file("1.0.0rc5-linux2").get("timestamp").asLong())
        .isEqualTo(Instant.parse("2019-10-01T08:30:00Z").getEpochSecond());
    f.write("a.yaml", "published: 2019-01-02\nmessage: {en: a}\n");
    assertThat(file("1.0.0rc5-linux2").get("timestamp").asLong())
        .isEqualTo(Instant.parse("2019-09-03T00:00:00Z").getEpochSecond());
  }

  @Test
  void latestVersionIsTheNewestReleaseOnThatPlatform() throws IOException {
    assertThat(file("1.0.0rc5-linux2").get("latest_version").asText()).isEqualTo("1.0.0rc6");
    assertThat(file("1.0.0rc5-win32").get("latest_version").asText()).isEqualTo("1.0.0rc5");
    assertThat(file("1.0.0rc5").get("latest_version").asText()).isEqualTo("1.0.0rc6");
    // and the variables follow it
    f.write(
        "a.yaml",
        "published: 2019-01-01\nmessage: {en: 'get {{latest_version}} of {{latest_date}}'}\n");
    assertThat(file("1.0.0rc5-win32").get("en").asText()).isEqualTo("get 1.0.0rc5 of 2019-02-27");
  }

  @Test
  void sourceComesFromTheFirstAnnouncementThatHasOne() throws IOException {
    f.write("a.yaml", "published: 2019-01-03\nmessage: {en: a}\n");
    f.write("b.yaml", "published: 2019-01-02\nsource: https://example.org/b\nmessage: {en: b}\n");
    f.write("c.yaml", "published: 2019-01-01\nsource: https://example.org/c\nmessage: {en: c}\n");
    assertThat(file("1.0.0rc5-linux2").get("source").asText()).isEqualTo("https://example.org/b");
  }

  @Test
  void textsArePlainNotHtmlEscaped() throws IOException {
    f.write(
        "a.yaml",
        "published: 2019-01-01\nmessage: {en: \"<b>Tom & Jerry's</b> {{version}}-{{platform}}\"}\ntarget: {versions: '>=1.0.0rc5', platforms: [linux]}\n");
    assertThat(file("1.0.0rc5-linux2").get("en").asText())
        .isEqualTo("<b>Tom & Jerry's</b> 1.0.0rc5-linux2");
  }

  @Test
  void extraAndVariantAndSignedAreWritten() throws IOException {
    f.config(Fixture.CONFIG + "extra:\n  motd_version: 2\n  mirrors: [a, b]\n");
    JsonNode json = file("1.0.0rc6-darwin");
    assertThat(json.get("variant").asText()).isEqualTo("1.0.0rc6-darwin");
    assertThat(json.get("signed").asText()).isEqualTo("www.mailpile.is");
    assertThat(json.get("motd_version").isInt()).isTrue();
    assertThat(json.get("mirrors").size()).isEqualTo(2);
  }
}
