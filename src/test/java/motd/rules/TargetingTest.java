package motd.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import motd.Fixture;
import motd.load.Loader;
import motd.model.Announcement;
import motd.model.Project;
import motd.model.Variant;
import motd.version.Version;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetingTest {
  private static final Instant NOW = Instant.parse("2020-01-01T00:00:00Z");
  @TempDir Path tmp;
  private Targeting targeting;

  @BeforeEach
  void setUp() {
    Fixture f = Fixture.create(tmp);
    f.write("everyone.yaml", "published: 2019-01-01\nmessage: {en: hi}\n");
    f.write(
        "linux-old.yaml",
        """
        published: 2019-01-01
        target: {versions: "<1.0.0rc6", platforms: [linux]}
        message: {en: linux}
        """);
    f.write(
        "not-cygwin.yaml",
        """
        published: 2019-01-01
        target: {platforms: [windows], not_platforms: [cygwin]}
        message: {en: win32 only}
        """);
    f.write(
        "listed.yaml",
        """
        published: 2019-01-01
        target: {versions: [1.0.0rc6], generic: true}
        message: {en: listed}
        """);
    f.write("future.yaml", "published: 2030-01-01\nmessage: {en: later}\n");
    f.write("expired.yaml", "published: 2019-01-01\nexpires: 2019-06-01\nmessage: {en: gone}\n");
    Loader.Result r = new Loader().load(f.announcements);
    assertThat(r.diagnostics().hasErrors()).isFalse();
    Project p = r.project();
    targeting = new Targeting(p.config(), p.announcements());
  }

  private List<String> ids(String version, String platform) {
    Variant v = version == null ? Variant.latest() : new Variant(Version.parse(version), platform);
    return targeting.select(v, NOW).stream().map(Announcement::id).toList();
  }

  @Test
  void versionAndPlatformBothHaveToMatch() {
    assertThat(ids("1.0.0rc5", "linux2")).containsExactly("everyone", "linux-old");
    assertThat(ids("1.0.0rc6", "linux2")).containsExactly("everyone", "listed");
    assertThat(ids("1.0.0rc5", "darwin")).containsExactly("everyone");
  }

  @Test
  void notPlatformsExcludes() {
    assertThat(ids("1.0.0rc5", "win32")).containsExactly("everyone", "not-cygwin");
    assertThat(ids("1.0.0rc5", "cygwin")).containsExactly("everyone");
  }

  @Test
  void latestCarriesOnlyGenericAnnouncements() {
    assertThat(ids(null, null)).containsExactly("everyone", "listed");
  }

  @Test
  void bareVersionSkipsPlatformSpecificNews() {
    assertThat(ids("1.0.0rc5", null)).containsExactly("everyone");
    assertThat(ids("1.0.0rc6", null)).containsExactly("everyone", "listed");
  }

  @Test
  void onlyLiveAnnouncementsAreSent() {
    Variant v = new Variant(Version.parse("1.0.0rc5"), "linux2");
    assertThat(
            targeting.select(v, Instant.parse("2031-01-01T00:00:00Z")).stream()
                .map(Announcement::id))
        .contains("future");
    assertThat(
            targeting.select(v, Instant.parse("2019-03-01T00:00:00Z")).stream()
                .map(Announcement::id))
        .contains("expired");
  }

  @Test
  void explainsEveryDecision() {
    List<String> lines =
        targeting.explain(new Variant(Version.parse("1.0.0rc6"), "linux2"), NOW).stream()
            .map(Decision::toString)
            .toList();
    assertThat(lines)
        .contains(
            "linux-old: skipped: 1.0.0rc6 is not in <1.0.0rc6",
            "not-cygwin: skipped: linux2 is not in platforms [windows]",
            "future: skipped: not published until 2030-01-01T00:00:00Z",
            "expired: skipped: expired at 2019-06-01T00:00:00Z")
        .anyMatch(l -> l.startsWith("everyone: included"));
  }

  @Test
  void explanationsAgreeWithSelectionForEveryVariant() {
    // explain() words the same rules select() applies; they must never drift apart.
    for (Instant at :
        new Instant[] {
          NOW, Instant.parse("2019-03-01T00:00:00Z"), Instant.parse("2031-01-01T00:00:00Z")
        }) {
      for (Variant v : targeting.variants()) {
        List<String> explained =
            targeting.explain(v, at).stream()
                .filter(Decision::included)
                .map(d -> d.announcement().id())
                .toList();
        assertThat(explained)
            .as(v.name() + " at " + at)
            .containsExactlyElementsOf(
                targeting.select(v, at).stream().map(Announcement::id).toList());
      }
    }
  }

  @Test
  void unknownVersionsAndPlatformsFallBackToLatest() {
    assertThat(targeting.resolve("1.0.0rc7.dev1", "linux2")).isEqualTo(Variant.latest());
    assertThat(targeting.resolve("1.0.0rc6", "haiku1")).isEqualTo(Variant.latest());
    assertThat(targeting.resolve("1.0.0rc6", "linux2").name()).isEqualTo("1.0.0rc6-linux2");
    assertThat(targeting.resolve("1.0.0rc6", null).name()).isEqualTo("1.0.0rc6");
  }

  @Test
  void reachesAnyFileAgreesWithSelectingEveryVariant() {
    Fixture f = Fixture.create(tmp.resolve("many"));
    String[] targets = {
      "{}",
      "{generic: true}",
      "{platforms: [linux]}",
      "{platforms: [linux], not_platforms: [linux2, linux]}",
      "{platforms: [linux], not_platforms: [linux2, linux], generic: true}",
      "{not_platforms: [linux2, linux, darwin, win32, cygwin, freebsd, freebsd11, openbsd]}",
      "{platforms: [windows], not_platforms: [cygwin]}",
      "{versions: [1.0.0rc6], platforms: [win32]}",
      "{versions: [1.0.0rc6], platforms: [linux]}",
      "{versions: \"<1.0.0rc6\", platforms: [bsd]}",
      "{versions: \">=1.0.0rc6\", not_platforms: [linux2]}",
      "{versions: [1.0.0rc5], generic: true}",
    };
    for (int i = 0; i < targets.length; i++) {
      f.write(
          "t" + i + ".yaml",
          "published: 2019-01-01\ntarget: " + targets[i] + "\nmessage: {en: x}\n");
    }
    Project p = new Loader().load(f.announcements).project();
    Targeting t = new Targeting(p.config(), p.announcements());
    int reaching = 0;
    for (Announcement a : p.announcements()) {
      boolean selected = t.variants().stream().anyMatch(v -> t.select(v, NOW).contains(a));
      assertThat(t.reachesAnyFile(a)).as(a.id() + " " + a.target()).isEqualTo(selected);
      reaching += selected ? 1 : 0;
    }
    assertThat(reaching).as("some reach a file, some do not").isBetween(1, targets.length - 1);
  }

  @Test
  void everyReleaseOnEveryPlatformPlusBareAndLatest() {
    // 2 releases x (8 platforms + bare) + latest
    assertThat(targeting.variants()).hasSize(2 * 9 + 1);
  }
}
