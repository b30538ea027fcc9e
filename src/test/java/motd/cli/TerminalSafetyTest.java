package motd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import motd.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What motd prints quotes what it was given: an id from a pull request, a file name that whoever
 * changed a site chose. A raw ESC, carriage return or line break in it could erase or fake the
 * lines a reviewer reads, so every message shows such characters as escapes.
 */
class TerminalSafetyTest {
  private static final String ESC = "\u001b";
  @TempDir Path tmp;

  private static void assertPrintable(Cli r) {
    String all = r.out() + r.err();
    assertThat(all.chars().filter(c -> (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f))
        .as(all)
        .isEmpty();
  }

  @Test
  void aHostileIdOrDateIsShownEscapedNotSentToTheTerminal() {
    Fixture f = Fixture.create(tmp.resolve("project"));
    f.write("a.yaml", "published: 2019-01-01\nid: \"a\\e[2Kb\"\nmessage:\n  en: hi\n");
    f.write(
        "b.yaml", "published: \"2019-01-01\\r\\nb.yaml:1:1: note: all good\"\nmessage: {en: hi}\n");
    Cli r = Cli.run("check", "--announcements", f.announcements.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertPrintable(r);
    assertThat(r.err())
        .contains("a\\u001B[2Kb")
        .contains("2019-01-01\\u000D\\u000Ab.yaml:1:1: note: all good")
        .doesNotContain("\nb.yaml:1:1: note: all good");
  }

  @Test
  void aFileNamePlantedInASiteIsShownEscapedByVerify() throws Exception {
    Fixture f = Fixture.create(tmp.resolve("project"));
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    Path key = tmp.resolve("key.asc");
    assertThat(Cli.run("keygen", "--no-passphrase", "--out", key.toString()).exitCode()).isZero();
    assertThat(Cli.run(f.buildArgs("--now", "2020-01-01")).exitCode()).isZero();
    Cli sign = Cli.run("sign", "--site", f.site.toString(), "--key", key.toString());
    assertThat(sign.exitCode()).as(sign.err()).isZero();
    Files.writeString(f.site.resolve("motd/x" + ESC + "[1A" + ESC + "[2K.json"), "{}");
    Cli r = Cli.run("verify", "--site", f.site.toString(), "--key", key.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertPrintable(r);
    assertThat(r.err()).contains("x\\u001B[1A\\u001B[2K.json: not in the manifest");
  }
}
