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

  private static final com.fasterxml.jackson.core.JsonFactory FACTORY =
      com.fasterxml.jackson.core.JsonFactory.builder()
          .enable(
              com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .build();

  /** Bytes Jackson writes for {@code value}, given as a String or pre-escaped once. */
  private static byte[] written(String value, boolean preEscaped) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (com.fasterxml.jackson.core.JsonGenerator g = FACTORY.createGenerator(out)) {
      if (preEscaped) {
        g.writeString(new com.fasterxml.jackson.core.io.SerializedString(value));
      } else {
        g.writeString(value);
      }
    }
    return out.toByteArray();
  }

  @Test
  void textsEscapedOnceAreTheBytesTheGeneratorWrites() throws IOException {
    // Every character of the Basic Multilingual Plane but lone surrogates, and pairs beyond it.
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0xD800; c++) {
      all.append(c);
    }
    for (int c = 0xE000; c <= 0xFFFF; c++) {
      all.append((char) c);
    }
    all.append("\uD83D\uDCEC \uD834\uDD1E \uDBFF\uDFFF");
    String text = all.toString();
    assertThat(written(text, true)).isEqualTo(written(text, false));
    for (int i = 0; i < text.length(); i += 97) { // and in pieces, as short texts
      String piece = text.substring(i, Math.min(text.length(), i + 97));
      if (Character.isLowSurrogate(piece.charAt(0))
          || Character.isHighSurrogate(piece.charAt(piece.length() - 1))) {
        continue;
      }
      assertThat(written(piece, true)).as("at %d", i).isEqualTo(written(piece, false));
    }
  }

  @Test
  void extraValuesAreWrittenAsDatabindWritesThem() throws IOException {
    java.util.Map<String, Object> nested = new java.util.LinkedHashMap<>();
    nested.put("empty_map", java.util.Map.of());
    nested.put("empty_list", java.util.List.of());
    nested.put("null", null);
    java.util.Map<String, Object> value = new java.util.LinkedHashMap<>();
    value.put("int", new java.math.BigInteger("123456789012345678901234567890"));
    value.put("decimal", new java.math.BigDecimal("1.50"));
    value.put("exponent", new java.math.BigDecimal("1e3"));
    value.put("negative", new java.math.BigDecimal("-0.000001"));
    value.put("flag", true);
    value.put("text", "quote \" backslash \\ tab \t emoji \uD83D\uDCEC");
    value.put("list", java.util.Arrays.asList(1L, 2, 2.5d, "x", null, false, nested));
    value.put("nested", nested);
    com.fasterxml.jackson.core.util.DefaultPrettyPrinter pretty =
        new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
            .withObjectIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("  ", "\n"));
    java.io.ByteArrayOutputStream mine = new java.io.ByteArrayOutputStream();
    try (com.fasterxml.jackson.core.JsonGenerator g = FACTORY.createGenerator(mine)) {
      g.setPrettyPrinter(pretty.createInstance());
      Composer.writeValue(g, value);
    }
    java.io.ByteArrayOutputStream databind = new java.io.ByteArrayOutputStream();
    ObjectMapper mapper = new ObjectMapper(FACTORY.copy());
    try (com.fasterxml.jackson.core.JsonGenerator g =
        mapper.getFactory().createGenerator(databind)) {
      g.setPrettyPrinter(pretty.createInstance());
      mapper.writeValue(g, value);
    }
    assertThat(mine.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(databind.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("1E+3", "123456789012345678901234567890", "{ }", "[ ]");
  }
}
