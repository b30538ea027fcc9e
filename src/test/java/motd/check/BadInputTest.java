package motd.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import motd.Fixture;
import motd.Tools;
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

  /**
   * The cases refused for their shape (keys, types, required fields, patterns, sizes) rather than
   * for what they mean against motd.yaml; the JSON Schemas must refuse these too (SchemaTest).
   */
  public static final Set<String> SHAPE_CASES =
      Set.of(
          "near-miss key",
          "top-level unknown key",
          "wrong type",
          "wrong boolean",
          "bad date",
          "missing published",
          "source not http",
          "unsafe id",
          "merge key",
          "empty platforms list",
          "text over the size limit",
          "title that is a template",
          "version with a slash",
          "version going up",
          "empty version",
          "unsafe platform",
          "platform with a dash",
          "extra overwriting a field",
          "missing releases",
          "base_url not http",
          "signing key that is not a fingerprint",
          "onion that is not an onion address",
          "too many releases");

  public static Stream<Arguments> announcements() {
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
            "a.yaml:3:12: error: the 'en' text contains an ANSI escape (ESC)"),
        Arguments.of(
            "control character",
            "published: 2019-09-03\nmessage:\n  en: \"bell \\a\"\n",
            "a.yaml:3:13: error: the 'en' text contains a control character (U+0007)"),
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
            "unknown variable in a folded text",
            "published: 2019-09-03\nmessage:\n  en: >\n    some folded\n    text with\n    a {{nope}} tag\n",
            "a.yaml:6:7: error: unknown variable '{{nope}}'"),
        Arguments.of(
            "unknown variable in a two-line double-quoted text",
            "published: 2019-09-03\nmessage:\n  en: \"two\n    lines {{nope}}\"\n",
            "a.yaml:4:11: error: unknown variable '{{nope}}'"),
        Arguments.of(
            "unknown variable after escapes in a double-quoted text",
            "published: 2019-09-03\nmessage:\n  en: \"say \\\"hi\\\" \\\n     then {{nope}}\"\n",
            "a.yaml:4:11: error: unknown variable '{{nope}}'"),
        Arguments.of(
            "unknown variable in a single-quoted text with a quote",
            "published: 2019-09-03\nmessage:\n  en: 'it''s {{nope}}'\n",
            "a.yaml:3:14: error: unknown variable '{{nope}}'"),
        Arguments.of(
            "unknown variable in a multi-line plain text",
            "published: 2019-09-03\nmessage:\n  en: first line\n    second {{nope}}\n",
            "a.yaml:4:12: error: unknown variable '{{nope}}'"),
        Arguments.of(
            "unknown variable in a literal text after a blank line",
            "published: 2019-09-03\nmessage:\n  en: |\n    one\n\n    two {{nope}}\n",
            "a.yaml:6:9: error: unknown variable '{{nope}}'"),
        Arguments.of(
            "tab used for indentation",
            "published: 2019-09-03\ntitle: hi\npriority: info\ntarget:\n  versions: '<1.0.0rc6'\nmessage:\n  en: hi\n\tde: hallo\n",
            "a.yaml:8:1: error: invalid YAML: a tab is used for indentation; YAML indents with spaces only"),
        Arguments.of(
            "shortened platform name",
            "published: 2019-09-03\ntarget:\n  platforms: [mac]\nmessage: {en: hi}\n",
            "a.yaml:3:15: error: unknown platform 'mac' (did you mean 'macos'?)"),
        Arguments.of(
            "specifier that PEP 440 makes miss every pre-release",
            "published: 2019-09-03\ntarget:\n  versions: '<1.0.0'\nmessage: {en: hi}\n",
            "a.yaml:3:13: error: '<1.0.0' matches no release in motd.yaml; as PEP 440 says, '<1.0.0' leaves out the pre-releases of 1.0.0 itself, such as 1.0.0rc5: write '<=1.0.0, !=1.0.0'"),
        Arguments.of(
            "alias",
            "published: 2019-09-03\nmessage:\n  en: hi\n  fr: *text\n",
            "a.yaml:4:7: error: aliases (*text) are not allowed"),
        Arguments.of(
            "anchor",
            "published: 2019-09-03\nmessage:\n  en: &text hi\n",
            "a.yaml:3:7: error: anchors (&text) are not allowed"),
        Arguments.of(
            "merge key",
            "published: 2019-09-03\nmessage:\n  <<: {en: hi}\n",
            "a.yaml:3:3: error: merge keys (<<) are not allowed"),
        Arguments.of(
            "a mapping as a key",
            "published: 2019-09-03\n? {a: 1}\n: x\nmessage: {en: hi}\n",
            "a.yaml:2:4: error: invalid YAML: a key must be a single word such as 'title', not a list or a mapping"),
        Arguments.of(
            "nested too deeply",
            "published: 2019-09-03\nmessage: {en: hi}\nextra: " + "[".repeat(2000) + "\n",
            "a.yaml:3:15: error: nested too deeply: more than 8 levels"),
        Arguments.of(
            "right-to-left mark",
            "published: 2019-09-03\nmessage:\n  en: \"a\\u200Fb\"\n",
            "a.yaml:3:9: error: the 'en' text contains an invisible bidirectional control (U+200F)"),
        Arguments.of(
            "Arabic letter mark in a title",
            "published: 2019-09-03\ntitle: \"x\\u061Cy\"\nmessage: {en: hi}\n",
            "a.yaml:2:10: error: the title contains an invisible bidirectional control (U+061C)"),
        Arguments.of(
            "left-to-right embedding",
            "published: 2019-09-03\nmessage:\n  en: \"\\u202Aadmin\"\n",
            "a.yaml:3:8: error: the 'en' text contains an invisible bidirectional control (U+202A)"),
        Arguments.of(
            "zero-width space",
            "published: 2019-09-03\nmessage:\n  en: |\n    hello\n    wor\u200Bld\n",
            "a.yaml:5:8: error: the 'en' text contains an invisible character (U+200B)"),
        Arguments.of(
            "byte order mark inside a text",
            "published: 2019-09-03\nmessage:\n  en: \"a\\uFEFFb\"\n",
            "a.yaml:3:9: error: the 'en' text contains an invisible character (U+FEFF)"),
        Arguments.of(
            "line separator",
            "published: 2019-09-03\nmessage:\n  en: \"a\\u2028b\"\n",
            "a.yaml:3:9: error: the 'en' text contains a Unicode line separator (U+2028)"),
        Arguments.of(
            "paragraph separator in the source link",
            "published: 2019-09-03\nsource: \"https://x.org/\\u2029\"\nmessage: {en: hi}\n",
            "a.yaml:2:24: error: 'source' contains a Unicode paragraph separator (U+2029)"),
        Arguments.of(
            "lone surrogate",
            "published: 2019-09-03\nmessage:\n  en: \"x \\uD800 y\"\n",
            "a.yaml:3:10: error: the 'en' text contains an unpaired surrogate (U+D800)"),
        Arguments.of(
            "tag characters that hide text",
            "published: 2019-09-03\nmessage:\n  en: \"hi\\U000E0041\"\n",
            "a.yaml:3:10: error: the 'en' text contains an invisible tag character (U+E0041)"),
        Arguments.of(
            "zero-width joiner next to ASCII (warning)",
            "published: 2019-09-03\nmessage:\n  en: \"pay\\u200Dpal\"\n",
            "a.yaml:3:11: warning: the 'en' text contains an invisible zero-width joiner (U+200D)"),
        Arguments.of(
            "Hangul filler between two letters",
            "published: 2019-09-03\nmessage:\n  en: \"a\\u3164b\"\n",
            "a.yaml:3:9: error: the 'en' text contains a blank that passes for a letter (U+3164,"
                + " a Hangul filler)"),
        Arguments.of(
            "half-width Hangul filler in a title",
            "published: 2019-09-03\ntitle: \"x\\uFFA0y\"\nmessage: {en: hi}\n",
            "a.yaml:2:10: error: the title contains a blank that passes for a letter (U+FFA0"),
        Arguments.of(
            "braille blank",
            "published: 2019-09-03\nmessage:\n  en: \"a\\u2800b\"\n",
            "a.yaml:3:9: error: the 'en' text contains a blank that passes for a letter (U+2800,"
                + " the braille blank)"),
        Arguments.of(
            "Khmer inherent vowel",
            "published: 2019-09-03\nmessage:\n  en: \"a\\u17B4b\"\n",
            "a.yaml:3:9: error: the 'en' text contains an invisible character (U+17B4)"),
        Arguments.of(
            "soft hyphen outside a word (warning)",
            "published: 2019-09-03\nmessage:\n  en: \"pay \\u00ADpal\"\n",
            "a.yaml:3:12: warning: the 'en' text contains an invisible soft hyphen (U+00AD)"
                + " outside a word"),
        Arguments.of(
            "Mongolian variation selector next to ASCII (warning)",
            "published: 2019-09-03\nmessage:\n  en: \"a\\u180Bb\"\n",
            "a.yaml:3:9: warning: the 'en' text contains an invisible Mongolian free variation"
                + " selector (U+180B)"),
        Arguments.of(
            "empty platforms list",
            "published: 2019-09-03\ntarget:\n  platforms: []\nmessage: {en: hi}\n",
            "a.yaml:3:14: error: 'platforms' is an empty list, so it targets no one"),
        Arguments.of(
            "text over the size limit",
            "published: 2019-09-03\nmessage:\n  en: '" + "x".repeat(9000) + "'\n",
            "a.yaml:3:7: error: the 'en' text is 9 KiB; the limit is 8 KiB per language"),
        Arguments.of(
            "file over the size limit",
            "published: 2019-09-03\nmessage: {en: hi}\n# " + "x".repeat(70_000) + "\n",
            "a.yaml: error: is 69 KiB; the limit for an announcement file is 64 KiB"),
        Arguments.of(
            "title that is a template",
            "published: 2019-09-03\ntitle: Mailpile {{latest_version}} is out\nmessage: {en: hi}\n",
            "a.yaml:2:17: error: the title is plain text, not a template"),
        Arguments.of(
            "placeholder left in a published announcement",
            "published: 2019-09-03\nmessage:\n  en: |\n    Hi.\n    Write the message here. It may use things.\n",
            "a.yaml:5:5: error: the 'en' text still has motd new's placeholder"),
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

  public static Stream<Arguments> configs() {
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
            "two variants at one path",
            "signed: x\nbase_url: https://x.org\nlanguages: [en]\nplatforms:\n  odd: ['1', linux2]\nreleases:\n  - {version: 1.0.0, date: 2019-01-01}\n  - {version: 1.0.0-1, date: 2019-01-02}\n",
            "motd.yaml:8:15: error: /motd/1.0.0-1/ would be the file of both release 1.0.0 on platform '1' and release 1.0.0-1"),
        Arguments.of(
            "two platform values that differ only in case",
            "signed: x\nbase_url: https://x.org\nlanguages: [en]\nplatforms:\n  linux: [linux, Linux]\nreleases:\n  - {version: '1.0', date: 2019-01-01}\n",
            "motd.yaml:7:15: error: /motd/1.0-Linux/ would be the file of both release 1.0 on platform 'linux' and release 1.0 on platform 'Linux'"),
        Arguments.of(
            "too many releases",
            head
                + "releases:\n"
                + java.util.stream.IntStream.range(0, 201)
                    .mapToObj(i -> "  - {version: '1." + i + "', date: 2019-01-01}\n")
                    .collect(java.util.stream.Collectors.joining()),
            "motd.yaml:7:3: error: 'releases' lists 201 releases; the limit is 200"),
        Arguments.of(
            "extra too big for every file",
            head
                + "releases:\n  - {version: '1.0', date: 2019-01-01}\nextra:\n  notes: '"
                + "x".repeat(5000)
                + "'\n",
            "motd.yaml:9:3: error: the 'extra' fields take 5 KiB; the limit is 4 KiB"),
        Arguments.of(
            "bidi control in signed",
            "signed: \"www.\\u202Eevil\"\nbase_url: https://x.org\nlanguages: [en]\nplatforms:\n  linux: [linux2]\nreleases:\n  - {version: '1.0', date: 2019-01-01}\n",
            "motd.yaml:1:14: error: 'signed' contains an invisible bidirectional control (U+202E)"),
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
  void textsThatNeedInvisibleCharactersAreClean() {
    // Persian with a non-joiner, Hindi with a joiner, an emoji family and a keycap, Korean,
    // Mongolian with a free variation selector, German with a soft hyphen inside a word: all
    // real writing, so no error and no warning.
    Fixture f =
        Fixture.create(tmp)
            .write(
                "a.yaml",
                "published: 2019-09-03\nmessage:\n  en: \"می\u200Cخواهم क्\u200Dष"
                    + " \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 1\uFE0F\u20E3 안녕하세요"
                    + " ᠠ\u180Bᠨ Schiff\u00ADfahrt\"\n");
    assertThat(report(f)).noneSatisfy(line -> assertThat(line).startsWith("a.yaml"));
  }

  @Test
  void duplicateIdsAreReportedAtBothPlaces() {
    Fixture f = Fixture.create(tmp);
    f.write("a.yaml", "id: b\npublished: 2019-09-03\nmessage: {en: a}\n");
    f.write("b.yaml", "published: 2019-09-03\nmessage: {en: b}\n");
    assertThat(report(f))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("a.yaml:1:5: error: duplicate id 'b' (also used by ")
                    .contains("b.yaml:1:1)"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("b.yaml:1:1: error: duplicate id 'b' (also used by ")
                    .contains("a.yaml:1:5)"));
  }

  @Test
  void symlinksLeavingTheAnnouncementsFolderAreRefused() throws Exception {
    Fixture f = Fixture.create(tmp);
    Path secret = tmp.resolve("secret.yaml");
    Files.writeString(secret, "published: 2019-09-03\nmessage: {en: the secret}\n");
    Files.createSymbolicLink(f.announcements.resolve("linked.yaml"), secret);
    Files.writeString(f.announcements.resolve("inside.txt"), "published: 2019-09-03\n");
    Files.createSymbolicLink(
        f.announcements.resolve("alias.yaml"), f.announcements.resolve("inside.txt"));
    List<String> report = report(f);
    assertThat(report)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("linked.yaml: error: is a symbolic link to ")
                    .contains("secret.yaml, outside "));
    // A link that stays inside is read like any file (here: missing its message).
    assertThat(report)
        .anySatisfy(l -> assertThat(l).startsWith("alias.yaml:1:1: error: missing required key"));
  }

  @Test
  void symlinkedTemplatesAndAssetsLeavingTheFolderAreRefused() throws Exception {
    Fixture f = Fixture.create(tmp);
    Path secret = tmp.resolve("secret.txt");
    Files.writeString(secret, "the secret");
    Path assets = f.templates.resolve("site/assets");
    Files.createSymbolicLink(assets.resolve("passwd.css"), secret);
    Files.delete(f.templates.resolve("site/feed.mustache"));
    Files.createSymbolicLink(f.templates.resolve("site/feed.mustache"), secret);
    List<String> report = reportWithPages(f);
    assertThat(report)
        .anySatisfy(
            l -> assertThat(l).startsWith("site/assets/passwd.css: error: is a symbolic link"))
        .anySatisfy(l -> assertThat(l).startsWith("site/feed.mustache: error: is a symbolic link"));
    assertThatThrownBy(() -> f.builder().build(f.site, NOW))
        .isInstanceOf(motd.diagnostic.InvalidInputException.class);
    assertThat(f.site).doesNotExist();
  }

  @Test
  void specialFilesInTheInputsAreRefusedWithoutOpeningThem() throws Exception {
    Tools.require("mkfifo");
    Fixture f = Fixture.create(tmp);
    mkfifo(f.announcements.resolve("pipe.yaml"));
    mkfifo(f.templates.resolve("site/assets/pipe.css"));
    // Reading either FIFO would block forever; the check must end, and quickly.
    List<String> report =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(60), () -> reportWithPages(f));
    assertThat(report)
        .anySatisfy(
            l ->
                assertThat(l).startsWith("pipe.yaml: error: is a FIFO (named pipe), not a regular"))
        .anySatisfy(l -> assertThat(l).startsWith("site/assets/pipe.css: error: is a FIFO"));
  }

  @Test
  void aFifoForTheConfigurationSaysSo() throws Exception {
    Tools.require("mkfifo");
    Fixture f = Fixture.create(tmp);
    Files.delete(f.announcements.resolve("motd.yaml"));
    mkfifo(f.announcements.resolve("motd.yaml"));
    List<String> report =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(60), () -> report(f));
    assertThat(report)
        .containsExactly(
            "motd.yaml: error: is a FIFO (named pipe), not a regular file; motd reads only regular"
                + " files and did not open it");
  }

  @Test
  void tooManyAnnouncementFilesAreRefusedBeforeReadingThem() {
    Fixture f = Fixture.create(tmp);
    for (int i = 0; i <= motd.model.Limits.ANNOUNCEMENT_FILES; i++) {
      f.write("a" + i + ".yaml", "");
    }
    assertThat(report(f))
        .anySatisfy(
            l ->
                assertThat(l)
                    .endsWith(
                        "error: holds 1001 announcement files; the limit is 1000 (move expired ones out)"));
  }

  @Test
  void announcementsTakingTooMuchTogetherAreRefusedBeforeReadingThem() {
    Fixture f = Fixture.create(tmp);
    String big = "published: 2019-09-03\nmessage: {en: hi}\n# " + "x".repeat(64_900) + "\n";
    for (int i = 0; i < 260; i++) {
      f.write("a" + i + ".yaml", big);
    }
    assertThat(report(f))
        .anySatisfy(
            l ->
                assertThat(l)
                    .endsWith(
                        "error: its announcement files take 17 MiB together; the limit is 16 MiB"
                            + " (move expired ones out)"));
  }

  @Test
  void filesThatWouldBeTooBigAreRefusedBeforeComposing() {
    Fixture f = Fixture.create(tmp);
    String text = "x".repeat(8000);
    for (int i = 0; i < 40; i++) {
      f.write("big" + i + ".yaml", "published: 2019-09-03\nmessage: {en: '" + text + "'}\n");
    }
    assertThat(report(f))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("error: the MOTD file for 1.0.0rc5-linux2 could be up to ")
                    .contains("; the limit is 256 KiB"));
  }

  @Test
  void aCompositionThatRepeatsTextsIsStoppedAtTheFileLimit() throws Exception {
    Fixture f = Fixture.create(tmp);
    // Each announcement's section lists them all again: no bound on single texts foresees that.
    Files.writeString(
        f.templates.resolve("motd.mustache"),
        "{{#announcements}}{{#announcements}}{{text}}{{/announcements}}{{/announcements}}\n");
    for (int i = 0; i < 20; i++) {
      f.write(
          "big" + i + ".yaml",
          "published: 2019-09-03\nmessage: {en: '" + "x".repeat(8000) + "'}\n");
    }
    assertThat(f.builder().check(NOW).diagnostics().hasErrors()).isFalse();
    assertThatThrownBy(() -> f.builder().build(f.site, NOW))
        .isInstanceOf(motd.diagnostic.InvalidInputException.class)
        .hasMessageContaining("motd.mustache: error: the MOTD file for ")
        .hasMessageContaining("; the limit is 256 KiB");
    assertThat(f.site).doesNotExist();
  }

  private static void mkfifo(Path p) throws Exception {
    Process proc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(proc.waitFor()).isZero();
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
    return print(f, new Checker().check(f.announcements, f.templates, NOW));
  }

  /** As {@link #report}, with the page templates and assets checked too. */
  private List<String> reportWithPages(Fixture f) {
    return print(f, f.builder().check(NOW));
  }

  private static List<String> print(Fixture f, Checker.Result r) {
    return r.diagnostics().sorted().stream()
        .map(Diagnostic::toString)
        .map(s -> s.replace(f.announcements + "/", "").replace(f.templates + "/", ""))
        .toList();
  }
}
