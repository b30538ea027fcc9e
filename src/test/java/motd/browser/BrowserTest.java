package motd.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import motd.serve.SiteServer;
import motd.site.SiteBuilder;
import motd.stats.Ingest;
import motd.stats.LogFormat;
import motd.stats.Traffic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample site's pages in a real headless Chromium, served by {@code motd serve}: the news is
 * visible, nothing is fetched from another host, the console stays clean. Screenshots at phone and
 * desktop widths are kept under {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
  @TempDir static Path tmp;
  private static SiteServer server;
  private static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    Path site = tmp.resolve("site");
    // Sixty days of generated traffic, for the stats page.
    Path log = tmp.resolve("access.log");
    Traffic.writeCombined(
        log, LocalDate.parse("2026-09-28"), LocalDate.parse("2026-11-26"), 300, 60);
    Path store = tmp.resolve("stats");
    Ingest.run(
        new Ingest.Options(
            Paths.get("announcements"),
            store,
            "default",
            LogFormat.AUTO,
            null,
            List.of(log.toString()),
            Instant.parse("2026-11-29T00:00:00Z")),
        InputStream.nullInputStream(),
        new Ingest.Listener() {});
    new SiteBuilder(Paths.get("announcements"), Paths.get("templates"))
        .withStats(store)
        .build(site, Instant.parse("2026-11-29T00:00:00Z"));
    server = SiteServer.start(site, new InetSocketAddress("127.0.0.1", 0), null);
    chromium = Chromium.launch(tmp.resolve("profile"));
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void check(String page, Chromium.Visit v, String... visible) {
    assertThat(v.requests())
        .as(page + " requests")
        .isNotEmpty()
        .allSatisfy(url -> assertThat(url).startsWith(server.url() + "/"));
    assertThat(v.consoleErrors()).as(page + " console errors").isEmpty();
    assertThat(v.text()).contains(visible);
  }

  @Test
  void theIndexAtPhoneAndDesktopWidths() throws Exception {
    Files.createDirectories(Paths.get("target/screenshots"));
    Chromium.Visit phone = chromium.visit(server.url() + "/index.html", 390, 844, true);
    check(
        "index (phone)",
        phone,
        "Security fix for Mailpile on Linux",
        "Mailpile 1.0.0rc6 is out",
        "Newest release: Mailpile 1.0.0rc6");
    assertThat(phone.requests())
        .contains(server.url() + "/assets/style.css", server.url() + "/assets/favicon.svg");
    Files.write(Paths.get("target/screenshots/index-phone.png"), phone.screenshot());
    Chromium.Visit desktop = chromium.visit(server.url() + "/", 1280, 800, false);
    check("index (desktop)", desktop, "Thank you for using Mailpile");
    Files.write(Paths.get("target/screenshots/index-desktop.png"), desktop.screenshot());
    assertThat(phone.screenshot()).hasSizeGreaterThan(1000);
  }

  @Test
  void anAnnouncementPageWithEveryLanguage() throws Exception {
    Chromium.Visit v = chromium.visit(server.url() + "/announcements/welcome.html", 390, 844, true);
    check(
        "announcement",
        v,
        "Thank you for using Mailpile!",
        "Danke, dass Sie Mailpile benutzen!",
        "Merci d'utiliser Mailpile");
    Files.createDirectories(Paths.get("target/screenshots"));
    Files.write(Paths.get("target/screenshots/announcement-phone.png"), v.screenshot());
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: the browser keeps the icon once the other pages asked for it
  void theStatsPageDrawsItsChartsWithinThePolicy() throws Exception {
    Files.createDirectories(Paths.get("target/screenshots"));
    Chromium.Visit index = chromium.visit(server.url() + "/index.html", 1280, 800, false);
    check("index", index, "Usage statistics");
    for (int[] size : new int[][] {{390, 844}, {1280, 800}}) {
      boolean phone = size[0] < 500;
      Chromium.Visit v =
          chromium.visit(server.url() + "/stats/index.html", size[0], size[1], phone);
      check(
          "stats (" + size[0] + ")",
          v,
          "Usage statistics",
          "Daily fetches",
          "On the newest release",
          "Platforms",
          "Python versions",
          "Languages",
          "Over Tor or the clearnet",
          "floored to 10");
      assertThat(v.requests())
          .contains(server.url() + "/stats/index.html", server.url() + "/assets/style.css");
      // Drawn: two charts over time with a bar per day, and a bar chart per dimension, each with
      // a visible size; the colours come from the stylesheet, not from inline styles.
      String measure =
          "JSON.stringify({charts: document.querySelectorAll('svg.chart').length,"
              + " dayBars: document.querySelectorAll('svg.chart:not(.bars) g').length,"
              + " drawn: [...document.querySelectorAll('svg.chart rect')].filter(r => r.getBBox().width > 0 && r.getBBox().height > 0).length,"
              + " filled: [...document.querySelectorAll('svg.chart rect')].every(r => getComputedStyle(r).fill !== 'rgb(0, 0, 0)'),"
              + " inline: document.querySelectorAll('[style]').length,"
              + " wide: document.documentElement.scrollWidth <= window.innerWidth})";
      String json =
          chromium
              .call("Runtime.evaluate", Map.of("expression", measure, "returnByValue", true))
              .path("result")
              .path("value")
              .asText();
      var m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
      assertThat(m.get("charts").asInt()).as(json).isEqualTo(8);
      assertThat(m.get("dayBars").asInt()).as(json).isEqualTo(2 * 58);
      assertThat(m.get("drawn").asInt()).as(json).isGreaterThan(2 * 58);
      assertThat(m.get("filled").asBoolean()).as(json).isTrue();
      assertThat(m.get("inline").asInt()).as(json).isZero();
      assertThat(m.get("wide").asBoolean()).as("nothing wider than the window: " + json).isTrue();
      Files.write(
          Paths.get("target/screenshots/stats-" + (phone ? "phone" : "desktop") + ".png"),
          v.screenshot());
    }
  }
}
