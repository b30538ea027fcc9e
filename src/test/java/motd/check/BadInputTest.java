package motd.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import motd.Fixture;
import motd.diagnostic.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input gives its message at the right place: {@code file:line:col}. */
class BadInputTest {
  private static final Instant NOW = Instant.parse("2020-01-01T00:00:00Z");
  @TempDir Path tmp;

  static Stream<Arguments> announcements() {
    return Stream.of(
        Arguments.of(
            "near-miss key",
            "published: 2019-09-03\ntarget:\n  platfroms: [linux]\nmessage: {en: hi}\n",
            "a.yaml:3:3: error: unknown key 'platfroms' in 'target' (did you mean 'platforms'?)"),
        Arguments.of(
            "top-level unknown key",
            "published: 2019-09-03\nmesage: {en: hi}\n",
            "a.yaml:2:1: error: unknown key 'mesage' in an announcement (did you mean 'message'?)"),
        Arguments.of(
            "wrong type",
            "published: 2019-09-03\npriority: [high]\nmessage: {en: hi}\n",
            "a.yaml:2:11: error: 'priority' must be a single value, found a list"),
        Arguments.of(
            "wrong boolean",
            "published: 2019-09-03\ntarget: {generic: maybe}\nmessage: {en: hi}\n",
            "a.yaml:2:19: error: 'generic' must be true or false, found 'maybe'"),
        Arguments.of(
            "bad date",
            "published: 2019-13-45\nmessage: {en: hi}\n",
            "a.yaml:1:12: error: '2019-13-45' is not a date (2019-09-03) or date-time (2019-09-03T12:00:00Z)"),
        Arguments.of(
            "missing published",
            "message: {en: hi}\n",
            "a.yaml:1:1: error: missing required key 'published' in an announcement"),
        Arguments.of(
            "expires before published",
            "published: 2019-09-03\nexpires: 2019-09-01\nmessage: {en: hi}\n",
            "a.yaml:2:10: error: 'expires' must be after 'published'"),
        Arguments.of(
            "invalid specifier",
            "published: 2019-09-03\ntarget: {versions: '>=banana'}\nmessage: {en: hi}\n",
            "a.yaml:2:20: error: invalid version specifier: '>=banana': 'banana' is not a PEP 440 version"),
        Arguments.of(
            "specifier matching no release",
            "published: 2019-09-03\ntarget:\n  versions: '>=2.0'\nmessage: {en: hi}\n",
            "a.yaml:3:13: error: '>=2.0' matches no release in motd.yaml"),
        Arguments.of(
            "unknown platform",
            "published: 2019-09-03\ntarget:\n  platforms: [linx]\nmessage: {en: hi}\n",
            "a.yaml:3:15: error: unknown platform 'linx' (did you mean 'linux'?)"),
        Arguments.of(
            "missing default language",
            "published: 2019-09-03\nmessage:\n  de: hallo\n",
            "a.yaml:3:3: error: missing the text in the default language 'en'"),
        Arguments.of(
            "unknown language",
            "published: 2019-09-03\nmessage:\n  en: hi\n  es: hola\n",
            "a.yaml:4:3: error: unknown language 'es' (did you mean 'en'?)"),
        Arguments.of(
            "mustache syntax",
            "published: 2019-09-03\nmessage:\n  en: |\n    line one\n    and {{#latest_version}} open\n",
            "a.yaml:5:9: error: template error: Failed to close 'latest_version' tag"),
        Arguments.of(
            "unknown variable",
            "published: 2019-09-03\nmessage:\n  en: |\n    line one\n    get {{lastest_version}} now\n",
            "a.yaml:5:9: error: unknown variable '{{lastest_version}}' (did you mean 'latest_version'?)"),
        Arguments.of(
            "variable that would render empty",
            "published: 2019-09-03\nmessage:\n  en: 'you run {{version}}'\n",
            "a.yaml:3:16: error: {{version}} would be empty in /motd/latest/motd.json"),
        Arguments.of(
            "source not http",
            "published: 2019-09-03\nsource: javascript:alert(1)\nmessage: {en: hi}\n",
            "a.yaml:2:9: error: 'source' must be an http or https URL, found 'javascript:alert(1)'"),
        Arguments.of(
            "ANSI escape",
            "published: 2019-09-03\nmessage:\n  en: \"red \\e[31m alert\"\n",
            "a.yaml:3:12: error: text contains an ANSI escape (ESC)"),
        Arguments.of(
            "control character",
            "published: 2019-09-03\nmessage:\n  en: \"bell \\a\"\n",
            "a.yaml:3:13: error: text contains a control character (U+0007)"),
        Arguments.of(
            "duplicate key",
            "published: 2019-09-03\npublished: 2019-09-04\nmessage: {en: hi}\n",
            "a.yaml:2:1: error: duplicate key 'published' (first at line 1)"),
        Arguments.of(
            "YAML syntax",
            "published: 2019-09-03\nmessage:\n  en: [unclosed\n",
            "a.yaml:3:16: error: invalid YAML: while parsing a flow sequence; expected ',' or ']', but got <stream end>"),
        Arguments.of(
            "unsafe id",
            "id: ../evil\npublished: 2019-09-03\nmessage: {en: hi}\n",
            "a.yaml:1:5: error: id '../evil' contains a slash, so it is not a single path segment"),
        Arguments.of(
            "expired (warning)",
            "published: 2019-01-01\nexpires: 2019-02-01\nmessage: {en: hi}\n",
            "a.yaml: warning: expired at 2019-02-01T00:00:00Z"),
        Arguments.of(
            "reaches no file (warning)",
            "published: 2019-01-01\ntarget: {platforms: [linux], not_platforms: [linux2, linux]}\nmessage: {en: hi}\n",
            "a.yaml: warning: reaches no file"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("announcements")
  void announcementProblems(String name, String yaml, String expected) {
    Fixture f = Fixture.create(tmp).write("a.yaml", yaml);
    assertThat(report(f)).anySatisfy(line -> assertThat(line).startsWith(expected));
  }

  static Stream<Arguments> configs() {
    String head =
        "signed: x\nbase_url: https://x.org\nlanguages: [en]\nplatforms:\n  linux: [linux2]\n";
    return Stream.of(
        Arguments.of(
            "version with a slash",
            head + "releases:\n  - {version: a/b, date: 2019-01-01}\n",
            "motd.yaml:7:15: error: version 'a/b' contains a slash"),
        Arguments.of(
            "version going up",
            head + "releases:\n  - {version: ../x, date: 2019-01-01}\n",
            "motd.yaml:7:15: error: version '../x' contains a slash"),
        Arguments.of(
            "empty version",
            head + "releases:\n  - {version: '', date: 2019-01-01}\n",
            "motd.yaml:7:15: error: version '' is empty"),
        Arguments.of(
            "not a PEP 440 version",
            head + "releases:\n  - {version: banana, date: 2019-01-01}\n",
            "motd.yaml:7:15: error: 'banana' is not a PEP 440 version"),
        Arguments.of(
            "unsafe platform",
            "signed: x\nbase_url: https://x.org\nlanguages: [en]\nplatforms:\n  linux: [linux2, ../etc]\nreleases:\n  - {version: '1.0', date: 2019-01-01}\n",
            "motd.yaml:5:19: error: platform '../etc' contains a slash"),
        Arguments.of(
            "platform with a dash",
            "signed: x\nbase_url: https://x.org\nlanguages: [en]\nplatforms:\n  linux: [linux-gnu]\nreleases:\n  - {version: '1.0', date: 2019-01-01}\n",
            "motd.yaml:5:11: error: platform 'linux-gnu' contains '-'"),
        Arguments.of(
            "duplicate release",
            head
                + "releases:\n  - {version: '1.0', date: 2019-01-01}\n  - {version: 1.0.0, date: 2019-01-02}\n",
            "motd.yaml:8:15: error: release 1.0.0 is listed twice"),
        Arguments.of(
            "extra overwriting a field",
            head + "releases:\n  - {version: '1.0', date: 2019-01-01}\nextra:\n  timestamp: 5\n",
            "motd.yaml:9:3: error: extra field 'timestamp' would overwrite a field every MOTD has"),
        Arguments.of(
            "missing releases",
            head,
            "motd.yaml:1:1: error: missing required key 'releases' in motd.yaml"),
        Arguments.of(
            "base_url not http",
            "signed: x\nbase_url: www.x.org\nlanguages: [en]\nplatforms:\n  linux: [linux2]\nreleases:\n  - {version: '1.0', date: 2019-01-01}\n",
            "motd.yaml:2:11: error: 'base_url' must be an http or https URL"),
        Arguments.of(
            "signing key that is not a fingerprint",
            head
                + "releases:\n  - {version: '1.0', date: 2019-01-01}\nsigning_keys: [0xDEADBEEF]\n",
            "motd.yaml:8:16: error: '0xDEADBEEF' is not a key fingerprint"),
        Arguments.of(
            "signing key listed twice",
            head
                + "releases:\n  - {version: '1.0', date: 2019-01-01}\nsigning_keys:\n"
                + "  - 6E1F BF7D EBAD 7534 7AB2  531F 9949 0995 41C0 CA41\n"
                + "  - 6e1fbf7debad75347ab2531f9949099541c0ca41\n",
            "motd.yaml:10:5: error: signing key 6E1FBF7DEBAD75347AB2531F9949099541C0CA41 is listed twice"),
        Arguments.of(
            "onion that is not an onion address",
            head
                + "releases:\n  - {version: '1.0', date: 2019-01-01}\nonion: https://www.mailpile.is\n",
            "motd.yaml:8:8: error: 'onion' must be the onion service's address"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void configurationProblems(String name, String yaml, String expected) {
    Fixture f = Fixture.create(tmp).config(yaml);
    assertThat(report(f)).anySatisfy(line -> assertThat(line).startsWith(expected));
  }

  @Test
  void duplicateIdsAcrossFiles() {
    Fixture f = Fixture.create(tmp);
    f.write("a.yaml", "published: 2019-09-03\nmessage: {en: a}\n");
    f.write("b.yaml", "id: a\npublished: 2019-09-03\nmessage: {en: b}\n");
    assertThat(report(f))
        .anySatisfy(
            l -> assertThat(l).startsWith("b.yaml:1:5: error: duplicate id 'a' (also used by "));
  }

  @Test
  void everyProblemIsReportedInOneRun() {
    Fixture f = Fixture.create(tmp);
    f.write("a.yaml", "published: nope\nmessage: {en: hi}\n");
    f.write("b.yaml", "published: 2019-09-03\npriority: urgent\nmessage: {en: hi}\n");
    f.write("c.yaml", "published: 2019-09-03\nmessage: {en: '{{nope}}'}\n");
    assertThat(report(f).stream().filter(l -> l.contains(": error: "))).hasSize(3);
  }

  @Test
  void theCompositionTemplateIsCheckedToo() throws Exception {
    Fixture f = Fixture.create(tmp);
    java.nio.file.Files.writeString(
        f.templates.resolve("motd.mustache"), "{{#announcements}}\n{{txt}}\n{{/announcements}}\n");
    assertThat(report(f))
        .anySatisfy(
            l -> assertThat(l).startsWith("motd.mustache:2:1: error: unknown variable 'txt'"));
  }

  /** The diagnostics as printed, with the temp folder cut from file names. */
  private List<String> report(Fixture f) {
    Checker.Result r = new Checker().check(f.announcements, f.templates, NOW);
    return r.diagnostics().sorted().stream()
        .map(Diagnostic::toString)
        .map(s -> s.replace(f.announcements + "/", "").replace(f.templates + "/", ""))
        .toList();
  }
}
