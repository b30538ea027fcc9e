package motd.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import motd.serve.SiteServer;
import motd.site.SiteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample site's pages in a real headless Chromium, served by {@code motd serve}: the news is
 * visible, nothing is fetched from another host, the console stays clean. Screenshots at phone and
 * desktop widths are kept under {@code target/screenshots/}.
 */
class BrowserTest {
  @TempDir static Path tmp;
  private static SiteServer server;
  private static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    Path site = tmp.resolve("site");
    new SiteBuilder(Paths.get("announcements"), Paths.get("templates"))
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
}
