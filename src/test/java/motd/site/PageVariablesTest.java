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
import java.util.stream.Stream;
import motd.Fixture;
import motd.check.Checker;
import motd.model.Announcement;
import motd.render.Tag;
import motd.render.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pages and the feed never show template text or an empty gap: every message variable shows
 * something true for the announcement's audience.
 */
class PageVariablesTest {
  private static final Path CASES = Paths.get("src/test/resources/cases");
  @TempDir Path tmp;

  /** Every golden case, the repository's sample, and a fixture of awkward texts. */
  static Stream<String> sites() throws IOException {
    try (Stream<Path> list = Files.list(CASES)) {
      return Stream.concat(
          list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted(),
          Stream.of("(repository sample)", "(awkward texts)"))
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("sites")
  void noPageOrFeedShowsTemplateTextOrAnEmptyVariable(String site) throws Exception {
    Path announcements;
    Path templates = Paths.get("templates");
    Instant now;
    if (site.equals("(repository sample)")) {
      announcements = Paths.get("announcements");
      now = Instant.parse("2026-11-29T00:00:00Z");
    } else if (site.equals("(awkward texts)")) {
      Fixture f = awkward();
      announcements = f.announcements;
      templates = f.templates;
      now = Instant.parse("2020-01-01T00:00:00Z");
    } else {
      Path dir = CASES.resolve(site);
      announcements = dir.resolve("announcements");
      if (Files.isDirectory(dir.resolve("templates"))) {
        templates = dir.resolve("templates");
      }
      now = Instant.parse(Files.readString(dir.resolve("now")).trim());
    }
    SiteBuilder builder = new SiteBuilder(announcements, templates);
    SortedMap<String, byte[]> files = builder.compose(now);
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (e.getKey().endsWith(".html") || e.getKey().endsWith(".atom")) {
        assertThat(new String(e.getValue(), StandardCharsets.UTF_8))
            .as(e.getKey())
            .doesNotContain("{{")
            .doesNotContain("}}");
      }
    }
    // Every variable a text prints outside its own section has a value on the pages.
    Checker.Result checked = builder.check(now);
    for (Announcement a : checked.published().announcements()) {
      Map<String, Object> vars = PageVariables.of(a, checked.project().config(), now);
      for (var m : a.messages().values()) {
        for (Tag tag : Templates.plainText().compile("t", m.text()).tags()) {
          if (tag.isVariable() && !tag.sections().contains(tag.name())) {
            assertThat(vars.get(tag.name()))
                .as(a.id() + "/" + m.language() + " {{" + tag.name() + "}}")
                .isNotNull()
                .asString()
                .isNotBlank();
          }
        }
      }
    }
  }

  private Fixture awkward() {
    Fixture f = Fixture.create(tmp);
    f.write(
        "linux-users.yaml",
        """
        published: 2019-09-04
        priority: important
        target: {versions: "<1.0.0rc6", platforms: [linux], generic: false}
        message:
          en: |
            IMPORTANT! Linux users of {{version}} on {{platform}}: please upgrade
            to {{latest_version}}.
          de: "Wichtig für {{version}} unter {{platform}}."
        """);
    f.write(
        "guarded.yaml",
        """
        published: 2019-09-05
        message:
          en: "Mailpile {{#version}}{{version}} {{/version}}{{#platform}}on {{platform}} {{/platform}}is fine."
        """);
    return f;
  }

  @Test
  void variablesShowTheAudienceAndAFirstLineTitleIsRendered() {
    Fixture f = awkward();
    SortedMap<String, byte[]> files = f.builder().compose(Instant.parse("2020-01-01T00:00:00Z"));
    String page = text(files, "announcements/linux-users.html");
    assertThat(page)
        .contains("<h1>IMPORTANT! Linux users of 1.0.0rc5 on Linux: please upgrade</h1>")
        .contains("<p>IMPORTANT! Linux users of 1.0.0rc5 on Linux: please upgrade to 1.0.0rc6.</p>")
        .contains("<h2>English</h2>")
        .contains("<h2>Deutsch</h2>")
        .contains("Wichtig für 1.0.0rc5 unter Linux.");
    assertThat(text(files, "feed.atom"))
        .contains("<title>IMPORTANT! Linux users of 1.0.0rc5 on Linux: please upgrade</title>");
    // Generic: clients that send no version or platform get it, so the sections stay empty.
    assertThat(text(files, "announcements/guarded.html")).contains("<p>Mailpile is fine.</p>");
  }

  @Test
  void anArchivedReleaseNoteTellsTheNewsOfItsDayNotToday() {
    Fixture f = Fixture.create(tmp);
    f.config(Fixture.CONFIG + "  - version: 1.0.0rc7\n    date: 2020-03-01\n");
    f.write(
        "rc6-released.yaml",
        """
        published: 2019-09-03
        expires: 2020-03-01
        target: {versions: "<1.0.0rc6"}
        message:
          en: |
            Mailpile {{latest_version}} was released on {{latest_date}}.
        """);
    SortedMap<String, byte[]> files = f.builder().compose(Instant.parse("2020-06-01T00:00:00Z"));
    String index = text(files, "index.html");
    assertThat(index.substring(index.indexOf("id=\"archive\"")))
        .contains("Mailpile 1.0.0rc6 was released on 2019-09-03.")
        .doesNotContain("1.0.0rc7");
    assertThat(text(files, "announcements/rc6-released.html"))
        .contains("<h1>Mailpile 1.0.0rc6 was released on 2019-09-03.</h1>")
        .doesNotContain("rc7 was released");
  }

  @Test
  void aPlatformNoReleaseListsIsToldTheSameNewestReleaseOnItsPageAsInItsFile() {
    Fixture f = Fixture.create(tmp);
    f.config(
        Fixture.CONFIG.replace(
            "  - version: 1.0.0rc5\n    date: 2019-02-27\n",
            "  - version: 1.0.0rc5\n    date: 2019-02-27\n    platforms: [linux]\n"));
    f.write(
        "windows.yaml",
        """
        title: For Windows
        published: 2019-09-03
        target: {platforms: [windows]}
        message: {en: 'The newest is {{latest_version}}.'}
        """);
    SortedMap<String, byte[]> files = f.builder().compose(Instant.parse("2020-01-01T00:00:00Z"));
    // No release lists Windows: its file names the newest overall, and so must its page.
    assertThat(text(files, "motd/1.0.0rc6-win32/motd.json")).contains("The newest is 1.0.0rc6.");
    assertThat(text(files, "announcements/windows.html")).contains("The newest is 1.0.0rc6.");
  }

  @Test
  void paragraphsAreReflowedOnPagesAndKeptAsWrittenInTheJson() {
    Fixture f = Fixture.create(tmp);
    f.write(
        "long.yaml",
        """
        title: Long
        published: 2019-09-03
        message:
          en: |
            A paragraph written on
            three short
            lines.

            Changes:
            - first item
            - second item
        """);
    SortedMap<String, byte[]> files = f.builder().compose(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(text(files, "index.html"))
        .contains(
            "<p>A paragraph written on three short lines.</p><p>Changes:&#10;- first item&#10;- second"
                + " item</p>");
    assertThat(text(files, "feed.atom"))
        .contains("A paragraph written on three short lines.&#10;&#10;Changes:");
    assertThat(text(files, "motd/latest/motd.json"))
        .contains("A paragraph written on\\nthree short\\nlines.\\n\\nChanges:\\n- first item");
  }

  @Test
  void datesNeverWrapAndTheFooterIsTrueSignedOrNot() {
    Fixture f = Fixture.create(tmp);
    f.write("a.yaml", "published: 2019-09-03\nmessage: {en: 'Out since {{latest_date}}.'}\n");
    SortedMap<String, byte[]> files = f.builder().compose(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(text(files, "assets/style.css")).contains("time { white-space: nowrap; }");
    assertThat(text(files, "index.html")).contains("<p>Out since <time>2019-09-03</time>.</p>");
    assertThat(text(files, "index.html"))
        .doesNotContain("Every message file is signed")
        .contains("verify it with <code>gpgv</code> or <code>sqv</code>");
    f.config(Fixture.CONFIG + "signing_keys: [6E1FBF7DEBAD75347AB2531F9949099541C0CA41]\n");
    assertThat(text(f.builder().compose(Instant.parse("2020-01-01T00:00:00Z")), "index.html"))
        .contains(
            "<code class=\"fingerprint\">6E1F BF7D EBAD 7534 7AB2 531F 9949 0995 41C0 CA41</code>");
  }

  @Test
  void languagesAreNamedInThemselves() {
    assertThat(LanguageNames.name("de")).isEqualTo("Deutsch");
    assertThat(LanguageNames.name("fr")).isEqualTo("Français");
    assertThat(LanguageNames.name("en")).isEqualTo("English");
    assertThat(LanguageNames.name("pt_BR")).isEqualTo("Português (Brasil)");
    assertThat(LanguageNames.tag("pt_BR")).isEqualTo("pt-BR");
  }

  private static String text(SortedMap<String, byte[]> files, String path) {
    assertThat(files).containsKey(path);
    return new String(files.get(path), StandardCharsets.UTF_8);
  }
}
