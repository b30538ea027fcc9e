package motd.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import motd.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host files of sites too large for Cloudflare Pages' rule limits. */
class HostRulesTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @TempDir Path tmp;

  /** A site with {@code releases} releases (1.0.1 …) and {@code pages} announcements. */
  private Fixture site(int releases, int pages) {
    return site("project", releases, pages);
  }

  private Fixture site(String name, int releases, int pages) {
    StringBuilder config =
        new StringBuilder(Fixture.CONFIG.substring(0, Fixture.CONFIG.indexOf("releases:")));
    config.append("onion: http://").append("b".repeat(56)).append(".onion\nreleases:\n");
    for (int i = 1; i <= releases; i++) {
      config.append("  - version: 1.0.").append(i).append("\n    date: 2020-01-01\n");
    }
    Fixture f = Fixture.create(tmp.resolve(name)).config(config.toString());
    for (int i = 0; i < pages; i++) {
      f.write("note" + i + ".yaml", "published: 2021-01-01\nmessage: {en: note " + i + "}\n");
    }
    f.builder().build(f.site, NOW);
    return f;
  }

  @Test
  void redirectsKeepTheNewestVariantsWithinCloudflaresLimit() {
    // 120 releases on 8 platform values, each also bare: 1,080 variants and the generic file.
    List<String> lines = site(120, 1).read("_redirects").lines().toList();
    List<String> exact =
        lines.stream().filter(l -> l.startsWith("/motd/") && !l.contains(":")).toList();
    assertThat(exact).hasSize(HostRules.CLOUDFLARE_STATIC_REDIRECTS);
    assertThat(exact.get(0)).isEqualTo("/motd/latest/motd.json /motd/latest/motd.json 200");
    assertThat(exact)
        .contains("/motd/1.0.120-linux2/motd.json /motd/1.0.120-linux2/motd.json 200")
        .contains("/motd/1.0.120/motd.json.asc /motd/1.0.120/motd.json.asc 200")
        .noneMatch(l -> l.startsWith("/motd/1.0.1-") || l.startsWith("/motd/1.0.1/"));
    assertThat(lines).anyMatch(l -> l.startsWith("# Cloudflare Pages reads at most 2000"));
    assertThat(lines.subList(lines.size() - 2, lines.size()))
        .containsExactly(
            "/motd/:variant/motd.json /motd/latest/motd.json 200",
            "/motd/:variant/motd.json.asc /motd/latest/motd.json.asc 200");
  }

  @Test
  void smallSitesNameEveryVariant() {
    List<String> lines = site(3, 1).read("_redirects").lines().toList();
    // 3 releases x (8 platform values + bare) + latest, two rules each.
    assertThat(lines.stream().filter(l -> l.startsWith("/motd/") && !l.contains(":")))
        .hasSize(2 * (3 * 9 + 1));
    assertThat(lines).noneMatch(l -> l.startsWith("# Cloudflare Pages reads at most"));
  }

  @Test
  void headersFallBackToOneRuleForAllPagesBeyondCloudflaresLimit() {
    String onion = "http://" + "b".repeat(56) + ".onion";
    String few = site(1, 3).read("_headers");
    assertThat(few)
        .contains(
            "/announcements/note1.html\n  Cache-Control: max-age=600\n  Onion-Location: "
                + onion
                + "/announcements/note1.html\n")
        .contains("/announcements/note1\n")
        .doesNotContain("/*.html");
    String many = site("many", 1, 60).read("_headers");
    long rules = many.lines().filter(l -> l.startsWith("/")).count();
    assertThat(rules).isLessThanOrEqualTo(HostRules.CLOUDFLARE_HEADER_RULES);
    assertThat(many)
        .doesNotContain("/announcements/")
        .contains("/*.html\n  Cache-Control: max-age=600\n  Onion-Location: " + onion + "/\n");
  }
}
