package motd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import motd.Fixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorCommandsTest {
  private static final String NOW = "2020-01-01T00:00:00Z";
  @TempDir Path tmp;
  private Fixture f;
  private String[] in;

  @BeforeEach
  void setUp() {
    f = Fixture.create(tmp);
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    in =
        new String[] {
          "--announcements",
          f.announcements.toString(),
          "--templates",
          f.templates.toString(),
          "--now",
          NOW
        };
  }

  private String[] args(String command, String... more) {
    String[] all = new String[1 + in.length + more.length];
    all[0] = command;
    System.arraycopy(in, 0, all, 1, in.length);
    System.arraycopy(more, 0, all, 1 + in.length, more.length);
    return all;
  }

  @Test
  void buildPrintsOneSummaryLine() {
    Cli r = Cli.run(args("build", "--out", f.site.toString()));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip())
        .matches(
            "built .*site: \\d+ written, 0 unchanged, 0 removed; 19 MOTD files \\(\\d+ distinct messages\\); [0-9.]+ s");
    Cli again = Cli.run(args("build", "--out", f.site.toString()));
    assertThat(again.out()).contains(": 0 written, ");
  }

  @Test
  void checkReportsProblemsWithPlacesAndExitsOne() {
    f.write(
        "bad.yaml",
        "published: 2019-01-01\nmessage: {en: '{{nope}}'}\ntarget: {platfroms: [linux]}\n");
    Cli r = Cli.run(args("check"));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("bad.yaml:2:16: error: unknown variable '{{nope}}'");
    assertThat(r.err()).contains("bad.yaml:3:10: error: unknown key 'platfroms'");
    assertThat(r.err()).contains("motd: 2 errors, 0 warnings");
    assertThat(r.clean()).isTrue();
  }

  @Test
  void warningsFailOnlyWithStrict() {
    f.write("old.yaml", "published: 2018-01-01\nexpires: 2018-02-01\nmessage: {en: old}\n");
    Cli lenient = Cli.run(args("check"));
    assertThat(lenient.exitCode()).isZero();
    assertThat(lenient.err()).contains("old.yaml: warning: expired");
    assertThat(lenient.out()).contains("ok: 2 announcements, 0 errors, 1 warning");
    assertThat(Cli.run(args("check", "--strict")).exitCode()).isEqualTo(1);
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(Cli.run("build", "--bogus").exitCode()).isEqualTo(2);
    Cli badNow = Cli.run(args("build", "--now", "someday"));
    assertThat(badNow.exitCode()).isEqualTo(2);
    assertThat(badNow.err()).contains("'someday' is not a date");
    assertThat(Cli.run().exitCode()).isEqualTo(2);
    assertThat(Cli.run(args("preview", "--platform", "linux2")).exitCode()).isEqualTo(2);
  }

  @Test
  void buildWithBadInputExitsOneAndWritesNothing() {
    f.write("bad.yaml", "published: never\nmessage: {en: x}\n");
    Cli r = Cli.run(args("build", "--out", f.site.toString()));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("bad.yaml:1:12: error:").contains("nothing was written");
    assertThat(r.clean()).isTrue();
    assertThat(f.site).doesNotExist();
  }

  @Test
  void unwritableOutputExitsThree() throws IOException {
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    Cli r = Cli.run(args("build", "--out", file.toString()));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("is not a folder");
    assertThat(r.clean()).isTrue();
  }

  @Test
  void stacktraceOnlyOnRequest() throws IOException {
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    Cli r = Cli.run(args("build", "--out", file.toString(), "--stacktrace"));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("\tat motd.");
  }

  @Test
  void previewPrintsExactlyTheBytesBuildWrites() throws IOException {
    assertThat(Cli.run(args("build", "--out", f.site.toString())).exitCode()).isZero();
    Cli r = Cli.run(args("preview", "--version", "1.0.0rc5", "--platform", "linux2"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(f.read("motd/1.0.0rc5-linux2/motd.json"));
    Cli unknown = Cli.run(args("preview", "--version", "1.0.0rc7.dev3", "--platform", "linux2"));
    assertThat(unknown.out()).isEqualTo(f.read("motd/latest/motd.json"));
    assertThat(unknown.err()).contains("the server rules send motd/latest/motd.json");
    assertThat(Cli.run(args("preview")).out()).isEqualTo(f.read("motd/latest/motd.json"));
  }

  @Test
  void previewExplainsAndShowsTheClientsText() {
    f.write(
        "linux.yaml",
        "published: 2019-01-01\ntarget: {platforms: [linux]}\nmessage: {en: penguins, de: Pinguine}\n");
    Cli r =
        Cli.run(
            args(
                "preview",
                "--version",
                "1.0.0rc6",
                "--platform",
                "win32",
                "--lang",
                "de",
                "--explain"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.err())
        .contains("--- a client in 'de' shows (falling back to 'en'):\nhello")
        .contains("linux: skipped: win32 is not in platforms [linux]")
        .contains("hello: included: 1.0.0rc6 is in every version and win32 is targeted");
  }

  @Test
  void newWritesADraftThatChecksAndNeverOverwrites() throws IOException {
    Cli r = Cli.run(args("new", "Mailpile 1.0.0rc7 is out: Über-fast!"));
    assertThat(r.exitCode()).isZero();
    Path file = f.announcements.resolve("mailpile-1.0.0rc7-is-out-uber-fast.yaml");
    assertThat(file).exists();
    assertThat(Files.readString(file))
        .startsWith(
            "# yaml-language-server: $schema=https://www.mailpile.is/schema/announcement.schema.json\n")
        .contains("draft: true")
        .contains("published: 2020-01-01\n")
        .contains("title: \"Mailpile 1.0.0rc7 is out: Über-fast!\"");
    Cli check = Cli.run(args("check", "--strict"));
    assertThat(check.exitCode()).isZero();
    assertThat(check.err())
        .contains("mailpile-1.0.0rc7-is-out-uber-fast.yaml: note: draft 'mailpile-1.0.0rc7");
    assertThat(check.out()).contains("ok: 2 announcements (1 draft), 0 errors, 0 warnings");
    Files.writeString(file, "edited by hand\n", java.nio.file.StandardOpenOption.APPEND);
    String before = Files.readString(file);
    Cli again = Cli.run(args("new", "Mailpile 1.0.0rc7 is out: Über-fast!"));
    assertThat(again.exitCode()).isEqualTo(3);
    assertThat(again.err()).contains("exists already");
    assertThat(file).hasContent(before.stripTrailing());
  }

  @Test
  void buildLeavesDraftsOutAndPreviewShowsThemMarked() throws IOException {
    assertThat(Cli.run(args("new", "Coming soon")).exitCode()).isZero();
    Path file = f.announcements.resolve("coming-soon.yaml");
    assertThat(Cli.run(args("build", "--out", f.site.toString())).exitCode()).isZero();
    assertThat(f.read("motd/latest/motd.json")).doesNotContain("Coming soon");
    assertThat(f.site.resolve("announcements/coming-soon.html")).doesNotExist();
    assertThat(f.read("index.html")).doesNotContain("Coming soon");
    assertThat(f.read("feed.atom")).doesNotContain("Coming soon");
    Cli preview = Cli.run(args("preview", "--explain"));
    assertThat(preview.out()).contains("Coming soon");
    assertThat(preview.err())
        .contains("note: draft 'coming-soon' is shown here; build leaves it out")
        .contains("coming-soon (draft): included:");
    // Publishing the draft without writing its text is an error, not a message to every client.
    Files.writeString(file, Files.readString(file).replace("draft: true", "draft: false"));
    Cli check = Cli.run(args("check"));
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.err())
        .containsPattern(
            "coming-soon.yaml:17:5: error: the 'en' text still has motd new's placeholder");
  }

  @Test
  void newWithAnEmptyTitleSaysWhatToDo() {
    Cli r = Cli.run(args("new", ""));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("motd: the title is empty; give the announcement a title, such as: motd new");
    assertThat(r.clean()).isTrue();
  }
}
