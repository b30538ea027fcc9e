package motd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import motd.Fixture;
import motd.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The repository decides which keys sign; verify trusts nothing the site says about itself; one
 * clock; key and manifest lifetimes; revocation certificates; static files.
 */
class KeysAndTrustCommandsTest {
  private static final String NOW = "2026-11-29T00:00:00Z";
  private static final Pattern FPR = Pattern.compile("fingerprint ([0-9A-F]{40})");
  @TempDir Path tmp;
  private Fixture f;
  private Path gnupg;

  @BeforeEach
  void setUp() throws IOException {
    f = Fixture.create(tmp.resolve("project"));
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    gnupg = Files.createDirectories(tmp.resolve("gnupg"));
    Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
  }

  @AfterEach
  void stopAgent() {
    if (Tools.onPath("gpgconf")) {
      Tools.run(Map.of("GNUPGHOME", gnupg.toString()), "gpgconf", "--kill", "all");
    }
  }

  private Cli cli(String... args) {
    return Cli.run(Map.of(), args);
  }

  private Cli tryBuild() {
    return cli(f.buildArgs("--now", NOW));
  }

  private void build() {
    Cli r = tryBuild();
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  /** Makes a key without a passphrase; returns its fingerprint. */
  private String keygen(Path key) {
    Cli r = cli("keygen", "--no-passphrase", "--out", key.toString(), "--now", "2026-11-28");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Matcher m = FPR.matcher(r.out());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private Cli sign(String... more) {
    return cli(
        Tools.args(
            "sign",
            "--site",
            f.site.toString(),
            "--announcements",
            f.announcements.toString(),
            "--now",
            NOW,
            more));
  }

  /** Verifies as of NOW; with no local key unless {@code more} names one. */
  private Cli verify(String... more) {
    boolean key = java.util.List.of(more).contains("--key");
    boolean now = java.util.List.of(more).contains("--now");
    return cli(
        Tools.args(
            "verify",
            "--site",
            f.site.toString(),
            "--announcements",
            f.announcements.toString(),
            key ? new String[0] : new String[] {"--key", tmp.resolve("none.asc").toString()},
            now ? new String[0] : new String[] {"--now", NOW},
            more));
  }

  private void listKeys(String... fingerprints) {
    StringBuilder yaml = new StringBuilder(Fixture.CONFIG).append("signing_keys:\n");
    for (String fpr : fingerprints) {
      yaml.append("  - ").append(fpr).append('\n');
    }
    f.config(yaml.toString());
  }

  @Test
  void beforeAnyKeyIsListedSignSaysWhatToAddAndVerifyFailsClosed() {
    Path key = tmp.resolve("k.asc");
    String fpr = keygen(key);
    build();
    Cli sign = sign("--key", key.toString());
    assertThat(sign.exitCode()).as(sign.err()).isZero();
    assertThat(sign.err())
        .contains("the repository lists no signing key yet")
        .contains("  signing_keys:\n    - " + fpr);
    Cli verify = verify();
    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.err()).contains("no trusted key").contains("proves nothing");
    assertThat(verify.clean()).isTrue();
  }

  @Test
  void onceKeysAreListedOnlyThoseSignAndVerifyTrustsThem() throws IOException {
    Path listed = tmp.resolve("listed.asc");
    Path other = tmp.resolve("other.asc");
    String listedFpr = keygen(listed);
    String otherFpr = keygen(other);
    listKeys(listedFpr.replaceAll("(.{4})", "$1 ").strip()); // as gpg prints it, with spaces
    build();
    Cli refused = sign("--key", other.toString());
    assertThat(refused.exitCode()).isEqualTo(4);
    assertThat(refused.err())
        .contains("key " + otherFpr + " is not listed in")
        .contains("signing_keys:\n    - " + otherFpr);
    assertThat(f.site.resolve("motd/manifest.json")).doesNotExist();

    Cli signed = sign("--key", listed.toString());
    assertThat(signed.exitCode()).as(signed.err()).isZero();
    assertThat(signed.err()).doesNotContain("lists no signing key");
    Cli verified = verify();
    assertThat(verified.exitCode()).as(verified.err()).isZero();
    assertThat(verified.out()).contains("all good (key " + listedFpr + ")");
    // A pin replaces the repository's list: pinned to another key, the same site fails.
    Cli pinned = verify("--fingerprint", otherFpr);
    assertThat(pinned.exitCode()).isEqualTo(1);
    assertThat(pinned.err()).contains("not signed by a trusted key");
  }

  @Test
  void aListedKeyThatIsMissingIsNotReplacedByANewDefaultKey() {
    listKeys("6E1FBF7DEBAD75347AB2531F9949099541C0CA41");
    build();
    Tools.Result r =
        MotdProcess.run(
            f.root,
            Map.of(),
            "sign",
            "--site",
            f.site.toString(),
            "--announcements",
            f.announcements.toString());
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.err()).contains("no signing key: the repository lists 6E1FBF7D");
    assertThat(f.root.resolve(".motd")).doesNotExist();
  }

  @ParameterizedTest
  @CsvSource({"0xDEADBEEF", "DEADBEEFDEADBEEF", "not-hex-at-all"})
  void aMalformedFingerprintIsAUsageError(String fpr) {
    build();
    Cli r = verify("--fingerprint", fpr);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("is not a key fingerprint: 40 hex digits");
  }

  @Test
  void signAndVerifyAtTheSameMomentAgree() {
    // The review found that verify --now T rejected every signature made by sign --now T.
    Path key = tmp.resolve("k.asc");
    keygen(key);
    build();
    assertThat(sign("--key", key.toString()).exitCode()).isZero();
    Cli r = verify("--key", key.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Cli earlier = verify("--key", key.toString(), "--now", "2026-11-28T23:59:59Z");
    assertThat(earlier.exitCode()).isEqualTo(1);
    assertThat(earlier.err()).contains("after the time of this check");
  }

  @ParameterizedTest
  @CsvSource({
    "keygen, 0, 'is not a duration such as 30d, 12w, 18m or 2y (from 1d to 10y, or never)'",
    "keygen, 0d, 'too short: at least 1d (or never)'",
    "keygen, 999999y, 'too long: at most 10y'",
    "keygen, 11y, 'too long: at most 10y'",
    "keygen, 12345678901234567890d, 'too long: at most 10y'",
    "keygen, soon, 'is not a duration such as 30d'",
    "sign, 0d, 'too short: at least 1h'",
    "sign, 100y, 'too long: at most 1y'",
    "sign, 999999999y, 'too long: at most 1y'",
    "sign, 12345678901234567890d, 'too long: at most 1y'",
    "sign, never, 'a manifest must expire'"
  })
  void lifetimesOutsideTheirRangeAreRefusedClearly(String command, String value, String message) {
    Cli r =
        command.equals("keygen")
            ? cli(
                "keygen",
                "--no-passphrase",
                "--out",
                tmp.resolve("k.asc").toString(),
                "--expires",
                value)
            : cli("sign", "--site", f.site.toString(), "--expires", value);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--expires: ").contains(message);
    assertThat(r.clean()).isTrue();
    assertThat(tmp.resolve("k.asc")).doesNotExist();
  }

  @Test
  void neverMeansAKeyThatNeverExpires() {
    Tools.require("gpg");
    Path key = tmp.resolve("forever.asc");
    Cli r = cli("keygen", "--no-passphrase", "--out", key.toString(), "--expires", "never");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Tools.Result imported = gpg("--import", key + ".pub.asc");
    assertThat(imported.exitCode()).as(imported.all()).isZero();
    String pub =
        gpg("--with-colons", "--list-keys")
            .out()
            .lines()
            .filter(l -> l.startsWith("pub:"))
            .findFirst()
            .orElseThrow();
    assertThat(pub.split(":", -1)[6]).as("expiry field of " + pub).isEmpty();
    Path twoYears = tmp.resolve("two.asc");
    assertThat(
            cli("keygen", "--no-passphrase", "--out", twoYears.toString(), "--expires", "2y")
                .exitCode())
        .isZero();
  }

  @Test
  void theRevocationCertificateRevokesTheKeyForGpgAndForVerify() {
    Tools.require("gpg");
    Path key = tmp.resolve("k.asc");
    String fpr = keygen(key);
    assertThat(Files.exists(Path.of(key + ".rev.asc"))).isTrue();
    build();
    assertThat(sign("--key", key.toString()).exitCode()).isZero();
    assertThat(verify("--cert", key + ".pub.asc").exitCode()).isZero();
    // The certificate with its revocation, as a user who imported it or a mirror would see it.
    Cli revoked = verify("--cert", key + ".rev.asc");
    assertThat(revoked.exitCode()).isEqualTo(1);
    assertThat(revoked.err()).contains("does not verify").contains(fpr.substring(24));
    assertThat(gpg("--import", key + ".pub.asc").exitCode()).isZero();
    assertThat(gpg("--import", key + ".rev.asc").exitCode()).isZero();
    assertThat(gpg("--with-colons", "--list-keys", fpr).out()).containsPattern("(?m)^pub:r:");
  }

  @Test
  void staticFilesSurviveBuildsAndAreSignedLikeTheRest() throws IOException {
    Path stat = Files.createDirectories(f.root.resolve("static"));
    Files.writeString(stat.resolve(".nojekyll"), "");
    Files.writeString(stat.resolve("CNAME"), "motd.mailpile.is\n");
    Files.createDirectories(stat.resolve(".well-known"));
    Files.writeString(stat.resolve(".well-known/security.txt"), "Contact: mailto:x@example.org\n");
    Path key = tmp.resolve("k.asc");
    keygen(key);
    build();
    assertThat(f.site.resolve(".nojekyll")).exists();
    assertThat(f.site.resolve("CNAME")).hasContent("motd.mailpile.is");
    assertThat(sign("--key", key.toString()).exitCode()).isZero();
    assertThat(f.read("motd/manifest.json")).contains("\".well-known/security.txt\"", "\"CNAME\"");
    build(); // a second build keeps them and changes nothing
    assertThat(verify("--key", key.toString()).exitCode()).isZero();

    Files.writeString(stat.resolve("index.html"), "<p>mine</p>");
    Cli clash = tryBuild();
    assertThat(clash.exitCode()).isEqualTo(1);
    assertThat(clash.err())
        .contains("index.html: error: would replace index.html, which the build makes");
    Files.delete(stat.resolve("index.html"));
    Files.createSymbolicLink(stat.resolve("secret"), Path.of("/etc/passwd"));
    Files.createDirectories(stat.resolve("motd/9.9-linux2"));
    Files.writeString(stat.resolve("motd/9.9-linux2/motd.json"), "{}");
    Cli bad = tryBuild();
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err())
        .contains("secret: error: is a symbolic link")
        .contains("motd.json: error: only the build writes below motd/");
    assertThat(f.site.resolve("secret")).doesNotExist();
  }

  private Tools.Result gpg(String... args) {
    return Tools.run(Map.of("GNUPGHOME", gnupg.toString()), Tools.args("gpg", "--batch", args));
  }
}
