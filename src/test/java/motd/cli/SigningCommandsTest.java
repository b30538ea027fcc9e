package motd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import motd.Fixture;
import motd.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** keygen, sign and verify as a maintainer runs them, checked with real gpg, gpgv and sqv. */
class SigningCommandsTest {
  private static final String NOW = "2026-11-29T00:00:00Z";
  @TempDir Path tmp;
  private Fixture f;
  private Path gnupg;

  @BeforeEach
  void setUp() throws IOException {
    f = Fixture.create(tmp);
    Fixture.copyTree(Path.of("announcements"), f.announcements.resolveSibling("sample"));
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    gnupg = tmp.resolve("gnupg");
    Files.createDirectories(gnupg);
    Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
  }

  @AfterEach
  void stopAgent() {
    if (Tools.onPath("gpgconf")) {
      Tools.run(Map.of("GNUPGHOME", gnupg.toString()), "gpgconf", "--kill", "all");
    }
  }

  private Cli cli(Map<String, String> env, String... args) {
    return Cli.run(env, args);
  }

  private void build() {
    Cli r =
        Cli.run(
            "build",
            "--announcements",
            f.root.resolve("sample").toString(),
            "--templates",
            f.templates.toString(),
            "--out",
            f.site.toString(),
            "--now",
            NOW);
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  /** Makes an Ed25519 key in the test's GnuPG home; returns its fingerprint. */
  private String gpgKey(String uid, String passphrase) {
    Tools.Result made =
        gpg(
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            passphrase,
            "--quick-gen-key",
            uid,
            "ed25519",
            "sign",
            "1y");
    assertThat(made.exitCode()).as(made.all()).isZero();
    return gpg("--with-colons", "--list-secret-keys", uid)
        .out()
        .lines()
        .filter(l -> l.startsWith("fpr:"))
        .findFirst()
        .orElseThrow()
        .split(":")[9];
  }

  private Path sample() {
    return f.root.resolve("sample");
  }

  private Tools.Result gpg(String... args) {
    Tools.require("gpg");
    return Tools.run(Map.of("GNUPGHOME", gnupg.toString()), Tools.args("gpg", "--batch", args));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "rsa4096"})
  void keygenThenSignThenEverySignatureVerifiesWithGpgvAndSqv(String algorithm) throws IOException {
    Tools.require("gpgv");
    Tools.require("sqv");
    Path key = tmp.resolve("keys/motd.asc");
    Cli keygen =
        cli(
            Map.of("MOTD_PASSPHRASE", "correct horse"),
            "keygen",
            "--algorithm",
            algorithm,
            "--out",
            key.toString(),
            "--uid",
            "Test MOTD <t@example.org>");
    assertThat(keygen.exitCode()).as(keygen.err()).isZero();
    assertThat(keygen.out()).containsPattern("fingerprint [0-9A-F]{40}");
    assertThat(Files.getPosixFilePermissions(key))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    // the certificate imports into gpg
    Tools.Result imported = gpg("--import", key + ".pub.asc");
    assertThat(imported.exitCode()).as(imported.all()).isZero();
    assertThat(gpg("--list-keys", "--with-colons").out()).contains("Test MOTD <t@example.org>");

    build();
    assertThat(key.resolveSibling("motd.asc.rev.asc")).exists();
    Cli sign =
        cli(
            Map.of("MOTD_PASSPHRASE", "correct horse"),
            "sign",
            "--site",
            f.site.toString(),
            "--announcements",
            sample().toString(),
            "--key",
            key.toString());
    assertThat(sign.exitCode()).as(sign.err()).isZero();
    assertThat(sign.out())
        .containsPattern(
            "signed .*: 64 files signed, 0 unchanged; manifest written \\(serial \\d+, expires .*\\); key [0-9A-F]{40}");
    Path keyring = tmp.resolve("keyring.gpg");
    assertThat(
            gpg(
                    "--output",
                    keyring.toString(),
                    "--dearmor",
                    f.site.resolve("motd/signing-key.asc").toString())
                .exitCode())
        .isZero();
    int checked = 0;
    try (var walk = Files.walk(f.site)) {
      for (Path asc :
          (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".json.asc"))::iterator) {
        Path data = Path.of(asc.toString().substring(0, asc.toString().length() - 4));
        Tools.Result gpgv =
            Tools.run("gpgv", "--keyring", keyring.toString(), asc.toString(), data.toString());
        assertThat(gpgv.exitCode()).as(asc + ": " + gpgv.all()).isZero();
        Tools.Result sqv =
            Tools.run(
                "sqv",
                "--keyring",
                f.site.resolve("motd/signing-key.asc").toString(),
                asc.toString(),
                data.toString());
        assertThat(sqv.exitCode()).as(asc + ": " + sqv.all()).isZero();
        checked++;
      }
    }
    assertThat(checked).isEqualTo(64 + 1);
    Cli verify = cli(Map.of(), "verify", "--site", f.site.toString(), "--cert", key + ".pub.asc");
    assertThat(verify.exitCode()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("65 signatures", "all good");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "rsa4096"})
  void aKeyMadeByGpgCanSign(String algorithm) throws IOException {
    Tools.Result made =
        gpg(
            "--passphrase",
            "",
            "--quick-gen-key",
            "GnuPG Made <g@example.org>",
            algorithm,
            "sign",
            "1y");
    assertThat(made.exitCode()).as(made.all()).isZero();
    Tools.Result exported =
        gpg(
            "--armor",
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "",
            "--export-secret-keys",
            "g@example.org");
    assertThat(exported.exitCode()).as(exported.all()).isZero();
    Path key = tmp.resolve("gpg-secret.asc");
    Files.writeString(key, exported.out());
    build();
    Cli sign = cli(Map.of(), "sign", "--site", f.site.toString(), "--key", key.toString());
    assertThat(sign.exitCode()).as(sign.err()).isZero();
    Cli verify = cli(Map.of(), "verify", "--site", f.site.toString(), "--key", key.toString());
    assertThat(verify.exitCode()).as(verify.err()).isZero();
    // and gpg itself agrees
    Tools.Result check =
        gpg(
            "--verify",
            f.site.resolve("motd/latest/motd.json.asc").toString(),
            f.site.resolve("motd/latest/motd.json").toString());
    assertThat(check.exitCode()).as(check.all()).isZero();
  }

  @Test
  void signThroughGpgGivesTheSameKindOfSite() {
    String fpr = gpgKey("Team Key <team@example.org>", "");
    build();
    Tools.Result sign =
        MotdProcess.run(
            tmp,
            Map.of("GNUPGHOME", gnupg.toString()),
            "sign",
            "--site",
            f.site.toString(),
            "--gpg-key",
            fpr);
    assertThat(sign.exitCode()).as(sign.all()).isZero();
    Cli verify = cli(Map.of(), "verify", "--site", f.site.toString(), "--fingerprint", fpr);
    assertThat(verify.exitCode()).as(verify.err()).isZero();
  }

  @Test
  void aGpgKeyThatNeedsAPassphraseWithoutATerminalGetsAHint() {
    String fpr = gpgKey("Locked <locked@example.org>", "secret");
    build();
    // No terminal at all (a new session, stdin from /dev/null): gpg's pinentry cannot ask.
    Tools.Result sign =
        Tools.run(
            Map.of("GNUPGHOME", gnupg.toString(), "DISPLAY", ""),
            "setsid",
            "sh",
            "-c",
            "exec \"$0\" -cp \"$1\" motd.cli.Main sign --site \"$2\" --gpg-key \"$3\"",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            System.getProperty("java.class.path"),
            f.site.toString(),
            fpr);
    assertThat(sign.exitCode()).as(sign.all()).isEqualTo(5);
    assertThat(sign.err())
        .contains("gpg failed")
        .contains("there is no terminal")
        .contains("--key")
        .doesNotContain("\tat ");
    assertThat(f.site.resolve("motd/manifest.json")).doesNotExist();
  }

  @Test
  void aFreshCheckoutSignsWithADefaultKeyItMakes() {
    build();
    Tools.Result first = MotdProcess.run(tmp, Map.of(), "sign");
    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(first.err())
        .contains("a new key WITHOUT a passphrase was made: .motd/signing-key.asc")
        .containsPattern("fingerprint is [0-9A-F]{40}");
    assertThat(tmp.resolve(".motd/signing-key.asc")).exists();
    Tools.Result second = MotdProcess.run(tmp, Map.of(), "sign");
    assertThat(second.exitCode()).isZero();
    assertThat(second.err()).doesNotContain("new key");
    assertThat(second.out()).contains("0 files signed, 64 unchanged", "manifest unchanged");
    Tools.Result verify = MotdProcess.run(tmp, Map.of(), "verify");
    assertThat(verify.exitCode()).as(verify.all()).isZero();
  }

  @Test
  void aSiteKilledBetweenItsRenamesIsPutBackBySignWhichSaysSo() throws IOException {
    build();
    Path key = tmp.resolve("k.asc");
    assertThat(
            Cli.run("keygen", "--no-passphrase", "--out", key.toString(), "--now", "2026-11-28")
                .exitCode())
        .isZero();
    // What a kill between the swap's two renames leaves: the old tree beside, no site.
    Files.move(f.site, f.site.resolveSibling(".site.old-0123456789abcdef"));
    Cli r =
        Cli.run(
            "sign",
            "--site",
            f.site.toString(),
            "--announcements",
            f.announcements.toString(),
            "--key",
            key.toString(),
            "--now",
            NOW);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("note: put back the previous site from .site.old-0123456789abcdef");
    assertThat(f.site.resolve("motd/manifest.json.asc")).exists();
  }

  @Test
  void keygenNeverOverwrites() throws IOException {
    Path key = tmp.resolve("k.asc");
    assertThat(cli(Map.of(), "keygen", "--no-passphrase", "--out", key.toString()).exitCode())
        .isZero();
    String before = Files.readString(key);
    Cli again = cli(Map.of(), "keygen", "--no-passphrase", "--out", key.toString());
    assertThat(again.exitCode()).isEqualTo(3);
    assertThat(again.err()).contains("exists already; keygen never overwrites a key");
    assertThat(key).hasContent(before);
  }

  @Test
  void keygenWithoutAnyPassphraseSourceIsAUsageError() {
    Cli r = cli(Map.of(), "keygen", "--out", tmp.resolve("k.asc").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("set MOTD_PASSPHRASE, run on a terminal, or pass --no-passphrase");
    assertThat(tmp.resolve("k.asc")).doesNotExist();
  }

  @Test
  void keyProblemsExitFourWithOneLineAndNoTrace() throws IOException {
    Path key = tmp.resolve("k.asc");
    assertThat(
            cli(Map.of("MOTD_PASSPHRASE", "right"), "keygen", "--out", key.toString()).exitCode())
        .isZero();
    build();
    Cli wrong =
        cli(
            Map.of("MOTD_PASSPHRASE", "wrong"),
            "sign",
            "--site",
            f.site.toString(),
            "--key",
            key.toString());
    assertThat(wrong.exitCode()).isEqualTo(4);
    assertThat(wrong.err().strip()).matches("motd: wrong passphrase for key [0-9A-F]{16}");
    Cli pub = cli(Map.of(), "sign", "--site", f.site.toString(), "--key", key + ".pub.asc");
    assertThat(pub.exitCode()).isEqualTo(4);
    assertThat(pub.err().strip())
        .endsWith("k.asc.pub.asc holds a public certificate, not a secret key");
    assertThat(f.site.resolve("motd/manifest.json")).doesNotExist();
  }

  @Test
  void verifyListsProblemsAndExitsOne() throws IOException {
    build();
    Path key = tmp.resolve("k.asc");
    assertThat(cli(Map.of(), "keygen", "--no-passphrase", "--out", key.toString()).exitCode())
        .isZero();
    assertThat(
            cli(Map.of(), "sign", "--site", f.site.toString(), "--key", key.toString()).exitCode())
        .isZero();
    Files.writeString(
        f.site.resolve("motd/latest/motd.json"), "{\"en\": \"evil\", \"variant\": \"latest\"}\n");
    Cli r = cli(Map.of(), "verify", "--site", f.site.toString(), "--key", key.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            f.site.resolve("motd/latest/motd.json.asc") + ": does not verify for these bytes");
    assertThat(r.err()).contains("motd: verification failed: 2 problems");
    assertThat(r.clean()).isTrue();
  }

  @Test
  void signingAnUnbuiltSiteIsAUsageError() {
    Cli r = cli(Map.of(), "sign", "--site", tmp.resolve("nowhere").toString(), "--key", "x.asc");
    assertThat(r.exitCode()).isEqualTo(2); // the site is checked before any key is read
    Path key = tmp.resolve("k.asc");
    assertThat(cli(Map.of(), "keygen", "--no-passphrase", "--out", key.toString()).exitCode())
        .isZero();
    Cli unbuilt =
        cli(Map.of(), "sign", "--site", tmp.resolve("nowhere").toString(), "--key", key.toString());
    assertThat(unbuilt.exitCode()).isEqualTo(2);
    assertThat(unbuilt.err()).contains("is not a built site").contains("run ./motd build first");
  }

  private static java.util.SortedMap<String, String> contents(Path root) throws IOException {
    java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
    for (String rel : motd.emit.SiteWriter.listFiles(root)) {
      out.put(rel, Files.readString(root.resolve(rel)));
    }
    return out;
  }

  private Cli buildInto(Path out, Map<String, String> env, String... more) {
    return cli(
        env,
        Tools.args(
            "build",
            Tools.args(
                "--announcements",
                sample().toString(),
                "--templates",
                f.templates.toString(),
                "--out",
                out.toString(),
                "--now",
                NOW),
            more));
  }

  @Test
  void buildWithSignWritesWhatBuildThenSignWrites() throws IOException {
    Tools.require("gpgv");
    Path key = tmp.resolve("k.asc");
    assertThat(
            cli(
                    Map.of(),
                    "keygen",
                    "--no-passphrase",
                    "--now",
                    "2026-11-28",
                    "--out",
                    key.toString())
                .exitCode())
        .isZero();
    Path twoSteps = tmp.resolve("two-steps");
    assertThat(buildInto(twoSteps, Map.of()).exitCode()).isZero();
    Cli sign =
        cli(
            Map.of(),
            "sign",
            "--site",
            twoSteps.toString(),
            "--announcements",
            sample().toString(),
            "--key",
            key.toString(),
            "--now",
            NOW);
    assertThat(sign.exitCode()).as(sign.err()).isZero();

    Path oneStep = tmp.resolve("one-step");
    Cli both = buildInto(oneStep, Map.of(), "--sign", "--key", key.toString());
    assertThat(both.exitCode()).as(both.err()).isZero();
    assertThat(both.out()).contains("built " + oneStep).contains("signed " + oneStep);
    // Ed25519 is deterministic: the same key, input and moment give the same bytes, signatures
    // and manifest included.
    assertThat(contents(oneStep)).isEqualTo(contents(twoSteps));
    Cli verify =
        cli(
            Map.of(),
            "verify",
            "--site",
            oneStep.toString(),
            "--key",
            key.toString(),
            "--now",
            NOW);
    assertThat(verify.exitCode()).as(verify.err()).isZero();
    Path keyring = tmp.resolve("keyring.gpg");
    assertThat(gpg("--output", keyring.toString(), "--dearmor", key + ".pub.asc").exitCode())
        .isZero();
    Path json = oneStep.resolve("motd/latest/motd.json");
    Tools.Result gpgv =
        Tools.run("gpgv", "--keyring", keyring.toString(), json + ".asc", json.toString());
    assertThat(gpgv.exitCode()).as(gpgv.all()).isZero();
  }

  @Test
  void buildWithSignOpensTheKeyBeforeWritingAnything() throws IOException {
    Path key = tmp.resolve("k.asc");
    assertThat(
            cli(Map.of("MOTD_PASSPHRASE", "right"), "keygen", "--out", key.toString()).exitCode())
        .isZero();
    build();
    java.util.SortedMap<String, String> before = contents(f.site);
    f.write("news.yaml", "published: 2019-01-01\nmessage: {en: news}\n");
    Cli wrong =
        cli(Map.of("MOTD_PASSPHRASE", "wrong"), f.buildArgs("--sign", "--key", key.toString()));
    assertThat(wrong.exitCode()).isEqualTo(4);
    assertThat(wrong.err().strip()).matches("motd: wrong passphrase for key [0-9A-F]{16}");
    assertThat(contents(f.site)).as("the site as it was").isEqualTo(before);
  }

  @Test
  void keyOptionsWithoutSignAreAUsageError() {
    Cli r = buildInto(tmp.resolve("site"), Map.of(), "--key", "k.asc");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--key, --gpg-key and --expires need --sign");
    assertThat(tmp.resolve("site")).doesNotExist();
  }
}
