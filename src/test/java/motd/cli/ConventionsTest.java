package motd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import motd.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line follows picocli's and POSIX conventions. */
class ConventionsTest {
  @TempDir Path tmp;

  static List<String> commands() {
    return Main.commandLine(new Main()).getSubcommands().keySet().stream()
        .filter(c -> !c.equals("help"))
        .sorted()
        .toList();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandTakesHelpAndDashH(String command) {
    for (String flag : List.of("--help", "-h")) {
      Cli r = Cli.run(command, flag);
      assertThat(r.exitCode()).as(command + " " + flag + ": " + r.err()).isZero();
      assertThat(r.out()).startsWith("Usage: motd " + command).contains("-h, --help");
      assertThat(r.err()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpIsWrappedByPicocliNotMidSentence(String command) {
    String help = Cli.run(command, "--help").out();
    for (String line : help.split("\n")) {
      assertThat(line.length()).as(command + ": " + line).isLessThanOrEqualTo(80);
    }
    // The description is one paragraph: a line ends where picocli wrapped it, never mid-sentence
    // on a short line followed by a lower-case continuation at the margin.
    String[] lines = help.split("\n");
    for (int i = 1; i + 1 < lines.length; i++) {
      boolean shortLine = lines[i].length() < 60 && !lines[i].isBlank();
      boolean continues = !lines[i + 1].isEmpty() && Character.isLowerCase(lines[i + 1].charAt(0));
      assertThat(shortLine && continues).as(command + ": '" + lines[i] + "'").isFalse();
    }
  }

  @Test
  void exitCodeListsKeepTheirColumnsWhenWrapped() {
    // picocli wraps a footer line longer than its width at the margin, which tears the list apart:
    // each line is a code or a continuation indented under the text.
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"stats", "--help"})) {
      String help = Cli.run(args).out();
      String codes = help.substring(help.indexOf("Exit codes:\n") + "Exit codes:\n".length());
      assertThat(codes.lines().toList())
          .as(String.join(" ", args))
          .isNotEmpty()
          .allSatisfy(line -> assertThat(line).matches("( {0,2}\\d{1,3}   | {6})\\S.*"));
    }
  }

  @Test
  void newHelpDoesNotAskForATitle() {
    Cli r = Cli.run("new", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).doesNotContain("Missing");
  }

  @Test
  void versionWorks() {
    Cli r = Cli.run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("motd ");
  }

  @Test
  void nowSaysWhatItMeansOnEachCommand() {
    assertThat(Cli.run("build", "--help").out()).contains("Build as of this moment");
    assertThat(Cli.run("check", "--help").out()).contains("Check as of this moment");
    assertThat(Cli.run("new", "--help").out()).contains("Date the new announcement");
    assertThat(Cli.run("keygen", "--help").out()).contains("The key's creation time");
    assertThat(Cli.run("sign", "--help").out()).contains("Sign as of this moment");
    assertThat(Cli.run("verify", "--help").out()).contains("Verify as of this moment");
    assertThat(Cli.run("preview", "--help").out()).contains("as a client would get it");
    for (String c : commands()) {
      if (!c.equals("build")) {
        assertThat(Cli.run(c, "--help").out()).as(c).doesNotContain("Build as of this moment");
      }
    }
  }

  @Test
  void completionScriptsAreMadeAndBashCanLoadThem() throws Exception {
    Tools.require("bash");
    for (String shell : List.of("bash", "zsh")) {
      Cli r = Cli.run("completion", shell);
      assertThat(r.exitCode()).isZero();
      assertThat(r.out()).contains("complete -F").contains("release").contains("--announcements");
      Path script = tmp.resolve("motd-" + shell);
      Files.writeString(script, r.out());
      assertThat(Tools.run("bash", "-n", script.toString()).exitCode()).isZero();
      Tools.Result loaded = Tools.run("bash", "-c", "source " + script + " && complete -p motd");
      assertThat(loaded.exitCode()).as(loaded.err()).isZero();
      assertThat(loaded.out()).contains("motd");
    }
    assertThat(Cli.run("completion", "fish").exitCode()).isEqualTo(2);
  }
}
