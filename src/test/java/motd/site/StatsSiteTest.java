package motd.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import motd.Fixture;
import motd.diagnostic.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build} with a stats store: which days are published, flooring, determinism, the link from
 * the news, and the store as an input of the build's no-op shortcut.
 */
class StatsSiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  private Fixture fixture;
  private Path store;

  @BeforeEach
  void setUp() throws IOException {
    fixture = Fixture.create(tmp.resolve("project"));
    store = Files.createDirectories(tmp.resolve("project/stats"));
  }

  private void day(String date, String source, String body) throws IOException {
    Files.writeString(store.resolve(date + "." + source + ".counts"), "# hand-written\n" + body);
  }

  private JsonNode stats() throws IOException {
    return JSON.readTree(fixture.read("stats/stats.json"));
  }

  private BuildReport build(String now) {
    return fixture.builder().withStats(store).build(fixture.site, Instant.parse(now));
  }

  @Test
  void aDayIsPublishedOnceTheStoreHoldsAFetchTwoDaysLaterFlooredWithSmallCellsLeftOut()
      throws IOException {
    day(
        "2026-11-01",
        "web",
        "targeted 129\ngeneric 8\nversion 1.0.0rc6 120\nversion other 9\nlang de 10\nlang fr 19\nvia unknown 129\n");
    day("2026-11-01", "onion", "targeted 1\ngeneric 1\nversion 1.0.0rc6 1\nvia tor 1\n");
    day("2026-11-02", "web", "targeted 5\ngeneric 30\n");
    day("2026-11-03", "web", "targeted 0\ngeneric 1\n");
    build("2030-01-01T00:00:00Z");
    JsonNode days = stats().get("days");
    assertThat(days).hasSize(1);
    JsonNode d = days.get(0);
    assertThat(d.toString())
        .isEqualTo(
            "{\"date\":\"2026-11-01\",\"targeted\":130,\"version\":{\"1.0.0rc6\":120},\"platform\":{},"
                + "\"os\":{},\"py\":{},\"lang\":{\"de\":10,\"fr\":10},\"via\":{\"unknown\":120}}");
    assertThat(fixture.read("stats/stats.csv"))
        .isEqualTo(
            "date,dimension,value,count\n2026-11-01,fetches,targeted,130\n2026-11-01,version,1.0.0rc6,120\n"
                + "2026-11-01,lang,de,10\n2026-11-01,lang,fr,10\n2026-11-01,via,unknown,120\n");
    assertThat(fixture.read("index.html"))
        .contains("<a href=\"stats/index.html\">Usage statistics</a>");
    String page = fixture.read("stats/index.html");
    assertThat(page)
        .contains("<svg class=\"chart\"", "floored", "never stored")
        .doesNotContain("style=", "<script", "129", "http://", "https://");

    day("2026-11-04", "web", "targeted 0\ngeneric 1\n");
    build("2030-01-01T00:00:00Z");
    assertThat(stats().get("days")).hasSize(2);
    assertThat(stats().get("days").get(1).toString())
        .isEqualTo(
            "{\"date\":\"2026-11-02\",\"generic\":30,\"version\":{},\"platform\":{},\"os\":{},\"py\":{},\"lang\":{},\"via\":{}}");
  }

  @Test
  void theLastDateSitsUnderTheLastBarAndOneDayHasOneDate() throws IOException {
    day("2026-11-01", "web", "targeted 40\ngeneric 20\n");
    day("2026-11-03", "web", "targeted 40\ngeneric 20\n");
    build("2027-01-01T00:00:00Z");
    String page = fixture.read("stats/index.html");
    assertThat(axisLabels(page)).hasSize(2).allMatch(l -> l.contains("2026-11-01"));

    day("2026-11-02", "web", "targeted 40\ngeneric 20\n");
    day("2026-11-05", "web", "targeted 40\ngeneric 20\n");
    build("2027-01-01T00:00:00Z");
    page = fixture.read("stats/index.html");
    // Three days of a week-wide scale: the bars fill the left part, and so must the dates.
    List<String> labels = axisLabels(page);
    assertThat(labels).hasSize(4);
    Matcher bar =
        Pattern.compile(
                "<title>2026-11-03: [^<]*</title><rect class=\"bar-targeted\" x=\"([0-9.]+)%\""
                    + " width=\"([0-9.]+)%\"")
            .matcher(page);
    assertThat(bar.find()).isTrue();
    double barEnd = Double.parseDouble(bar.group(1)) + Double.parseDouble(bar.group(2));
    Matcher end =
        Pattern.compile("x=\"([0-9.]+)%\"[^>]*text-anchor=\"end\">2026-11-03<")
            .matcher(labels.get(1));
    assertThat(end.find()).as(labels.get(1)).isTrue();
    assertThat(Double.parseDouble(end.group(1))).isBetween(barEnd, barEnd + 3).isLessThan(60);
  }

  private static List<String> axisLabels(String page) {
    return Pattern.compile("<text class=\"axis\"[^>]*>[^<]*<")
        .matcher(page)
        .results()
        .map(MatchResult::group)
        .toList();
  }

  @Test
  void theSameStoreGivesTheSameBytesWhateverTheClockAndAStoreChangeIsAChange() throws IOException {
    day("2026-11-01", "web", "targeted 40\ngeneric 20\nversion 1.0.0rc6 40\n");
    day("2026-11-04", "web", "targeted 40\ngeneric 20\n");
    build("2027-01-01T00:00:00Z");
    String json = fixture.read("stats/stats.json");
    String page = fixture.read("stats/index.html");
    BuildReport noop = build("2027-01-01T00:00:00Z");
    assertThat(noop.written()).isZero();
    day("2026-11-02", "web", "targeted 50\ngeneric 20\n");
    BuildReport changed = build("2027-01-01T00:00:00Z");
    assertThat(changed.written()).isEqualTo(3); // stats.json, stats.csv, stats/index.html
    assertThat(fixture.read("stats/stats.json")).isNotEqualTo(json).contains("2026-11-02");
    Files.delete(store.resolve("2026-11-02.web.counts"));
    build("2031-06-01T00:00:00Z");
    assertThat(fixture.read("stats/stats.json")).isEqualTo(json);
    assertThat(fixture.read("stats/index.html")).isEqualTo(page);
  }

  @Test
  void noStoreNoStatsAndABadStoreFileIsAnErrorWithItsLine() throws IOException {
    fixture
        .builder()
        .withStats(tmp.resolve("none"))
        .build(fixture.site, Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(fixture.site.resolve("stats")).doesNotExist();
    assertThat(fixture.read("index.html")).doesNotContain("stats/");
    day("2026-11-01", "web", "targeted 40\ngeneric 20\nversion <script> 3\n");
    assertThatThrownBy(() -> build("2027-01-01T00:00:00Z"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "2026-11-01.web.counts:4:9: error: not a value the allowlists can produce");
  }
}
