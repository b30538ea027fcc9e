package motd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import motd.Fixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code motd release}: the release in motd.yaml, its note, and the older notes. */
class ReleaseCommandTest {
  private static final String NOW = "2019-12-01T00:00:00Z";
  private static final String RC6_NOTE =
      """
      # The rc6 note.
      title: Mailpile 1.0.0rc6 is out
      published: 2019-09-03T12:00:00Z   # when rc6 shipped
      priority: important
      target:
        versions: "<1.0.0rc6"
      message:
        en: |
          Mailpile {{latest_version}} was released on {{latest_date}}.
      """;
  @TempDir Path tmp;
  private Fixture f;

  @BeforeEach
  void setUp() throws IOException {
    f = Fixture.create(tmp);
    Files.copy(
        Paths.get("announcements/motd.yaml"),
        f.announcements.resolve("motd.yaml"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    f.write("rc6-released.yaml", RC6_NOTE);
  }

  private String[] args(String... more) {
    List<String> all = new ArrayList<>(List.of("release"));
    all.addAll(List.of(more));
    all.addAll(
        List.of(
            "--announcements",
            f.announcements.toString(),
            "--templates",
            f.templates.toString(),
            "--now",
            NOW));
    return all.toArray(String[]::new);
  }

  @Test
  void addsTheReleaseKeepingCommentsAndLayoutAndWritesADraftNote() throws IOException {
    String before = Files.readString(f.announcements.resolve("motd.yaml"));
    Cli r = Cli.run(args("1.0.0rc7", "--date", "2019-11-30", "--platforms", "linux,macos"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    String after = Files.readString(f.announcements.resolve("motd.yaml"));
    String added = "  - version: 1.0.0rc7\n    date: 2019-11-30\n    platforms: [linux, macos]\n";
    int insertAt = before.indexOf("extra: {}");
    assertThat(after).isEqualTo(before.substring(0, insertAt) + added + before.substring(insertAt));
    String note = Files.readString(f.announcements.resolve("release-1.0.0rc7.yaml"));
    assertThat(note)
        .startsWith(
            "# yaml-language-server: $schema=https://www.mailpile.is/schema/announcement.schema.json\n")
        .contains("draft: true")
        .contains("release: 1.0.0rc7")
        .contains("title: Mailpile 1.0.0rc7 is out")
        .contains("published: 2019-11-30\n")
        .contains("  versions: \"<1.0.0rc7\"")
        .contains("  platforms: [linux, macos]\n")
        .contains("Mailpile 1.0.0rc7 was released on 2019-11-30.");
    assertThat(r.out())
        .contains("added release 1.0.0rc7 (2019-11-30, linux, macos) to ")
        .contains("release-1.0.0rc7.yaml: a draft");
    // No terminal and no flag: the old note is left alone, and the output says so.
    assertThat(f.announcements.resolve("rc6-released.yaml")).hasContent(RC6_NOTE.stripTrailing());
    assertThat(r.out())
        .contains("left 'rc6-released' (the note of 1.0.0rc6, ")
        .contains("nothing was asked (no terminal): pass --expire-previous");
    // The site still checks; the old note is now old news, and check says so.
    Cli check = Cli.run(checkArgs());
    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(check.err())
        .contains("rc6-released.yaml: warning: 'rc6-released' still announces 1.0.0rc6 as news")
        .contains("release-1.0.0rc7.yaml: note: draft");
  }

  @Test
  void expiresThePreviousNoteWhenToldTo() throws IOException {
    Cli r = Cli.run(args("1.0.0rc7", "--date", "2019-11-30", "--expire-previous"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("expired 'rc6-released' (the note of 1.0.0rc6, ");
    assertThat(f.announcements.resolve("rc6-released.yaml"))
        .hasContent(
            RC6_NOTE
                .replace(
                    "published: 2019-09-03T12:00:00Z   # when rc6 shipped\n",
                    "published: 2019-09-03T12:00:00Z   # when rc6 shipped\nexpires: 2019-11-30\n")
                .stripTrailing());
    Cli check = Cli.run(checkArgs());
    assertThat(check.err()).doesNotContain("still announces");
  }

  @Test
  void keepsThePreviousNoteWhenToldToAndAsksOnATerminal() throws IOException {
    Cli keep = Cli.run(args("1.0.0rc7", "--keep-previous"));
    assertThat(keep.exitCode()).isZero();
    assertThat(keep.out()).contains("left 'rc6-released'").doesNotContain("no terminal");
    assertThat(f.announcements.resolve("rc6-released.yaml")).hasContent(RC6_NOTE.stripTrailing());

    List<String> asked = new ArrayList<>();
    Terminal yes =
        new Terminal() {
          @Override
          public String getenv(String name) {
            return null;
          }

          @Override
          public char[] readPassword(String prompt) {
            return null;
          }

          @Override
          public boolean interactive() {
            return true;
          }

          @Override
          public boolean confirm(String question) {
            asked.add(question);
            return true;
          }
        };
    StringWriter out = new StringWriter();
    int code =
        Main.run(yes, new PrintWriter(out), new PrintWriter(new StringWriter()), args("1.0.0rc8"));
    assertThat(code).isZero();
    assertThat(asked)
        .singleElement()
        .asString()
        .startsWith("Expire 'rc6-released' (the note of 1.0.0rc6, ")
        .endsWith(" on 2019-12-01?");
    assertThat(Files.readString(f.announcements.resolve("rc6-released.yaml")))
        .contains("expires: 2019-12-01");
  }

  @Test
  void flowStyleReleasesGetAFlowStyleItem() throws IOException {
    f.config(
        "signed: x\nbase_url: https://x.org\nlanguages: [en]\nplatforms:\n  linux: [linux2]\n"
            + "releases:\n  - {version: '1.0', date: 2019-01-01}   # first\n"
            + "# trailing comment\n");
    Files.delete(f.announcements.resolve("rc6-released.yaml"));
    Cli r = Cli.run(args("2.0", "--date", "2019-06-01"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(f.announcements.resolve("motd.yaml"))
        .hasContent(
            "signed: x\nbase_url: https://x.org\nlanguages: [en]\nplatforms:\n  linux: [linux2]\n"
                + "releases:\n  - {version: '1.0', date: 2019-01-01}   # first\n"
                + "  - {version: '2.0', date: 2019-06-01}\n"
                + "# trailing comment");
  }

  @Test
  void refusesVersionsThatAreNotNewAndUnknownPlatforms() throws IOException {
    String before = Files.readString(f.announcements.resolve("motd.yaml"));
    Cli again = Cli.run(args("1.0.0rc6"));
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("release 1.0.0rc6 is already listed (").contains("motd.yaml:");
    Cli older = Cli.run(args("1.0.0rc5.post1"));
    assertThat(older.exitCode()).isEqualTo(2);
    assertThat(older.err()).contains("is not newer than 1.0.0rc6");
    Cli mac = Cli.run(args("1.0.0rc7", "--platforms", "mac"));
    assertThat(mac.exitCode()).isEqualTo(2);
    assertThat(mac.err()).contains("unknown platform 'mac' (did you mean 'macos'?)");
    Cli bad = Cli.run(args("banana"));
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("'banana' is not a PEP 440 version");
    assertThat(f.announcements.resolve("motd.yaml")).hasContent(before.stripTrailing());
    assertThat(f.announcements.resolve("release-1.0.0rc7.yaml")).doesNotExist();
    assertThat(again.clean() && older.clean() && mac.clean() && bad.clean()).isTrue();
  }

  private String[] checkArgs() {
    return new String[] {
      "check",
      "--announcements",
      f.announcements.toString(),
      "--templates",
      f.templates.toString(),
      "--now",
      NOW
    };
  }
}
