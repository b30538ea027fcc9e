package motd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import motd.Fixture;
import motd.Tools;
import motd.emit.SiteWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code motd bundle}: reproducible archives of exactly the site, and only of a verified one. */
class BundleCommandTest {
  @TempDir Path tmp;
  private Fixture f;
  private Path key;

  @BeforeEach
  void signedSite() {
    f = Fixture.create(tmp.resolve("project"));
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    f.write(
        "later.yaml",
        "published: 2019-10-06T07:08:09Z\ntarget: {platforms: [linux]}\nmessage: {en: later}\n");
    assertThat(Cli.run(f.buildArgs("--now", "2020-01-01")).exitCode()).isZero();
    key = tmp.resolve("key.asc");
    assertThat(Cli.run("keygen", "--no-passphrase", "--out", key.toString()).exitCode()).isZero();
    Cli sign =
        Cli.run(
            "sign",
            "--site",
            f.site.toString(),
            "--announcements",
            f.announcements.toString(),
            "--key",
            key.toString());
    assertThat(sign.exitCode()).as(sign.err()).isZero();
  }

  private Cli bundle(Map<String, String> env, String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    // Trust as verify does: here, the local key (its holder signed the site).
    String[] all =
        Tools.args(
            "bundle",
            "--site",
            f.site.toString(),
            "--announcements",
            f.announcements.toString(),
            "--key",
            key.toString(),
            args);
    int code =
        Main.run(Terminal.of(env), new java.io.PrintWriter(out), new java.io.PrintWriter(err), all);
    return new Cli(code, out.toString(), err.toString());
  }

  @Test
  void twoTarBundlesAreByteIdenticalAndUnpackToTheSite() throws IOException {
    Path a = tmp.resolve("a.tar.gz");
    Path b = tmp.resolve("b.tar.gz");
    Cli first = bundle(Map.of(), "--out", a.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("entries dated 2019-10-06T07:08:09Z (verified)");
    assertThat(bundle(Map.of(), "--out", b.toString()).exitCode()).isZero();
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
    Tools.Result tar = Tools.run("tar", "-xzf", a.toString(), "-C", unpacked.toString());
    assertThat(tar.exitCode()).as(tar.all()).isZero();
    assertThat(contents(unpacked)).isEqualTo(contents(f.site));
    Tools.Result list = Tools.run("tar", "--numeric-owner", "-tvzf", a.toString());
    assertThat(list.out().lines())
        .allSatisfy(
            l ->
                assertThat(l).containsPattern("^(-rw-r--r--|drwxr-xr-x) 0/0 .* 2019-10-06 07:08 "));
    assertThat(list.out().lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList())
        .isSorted();
  }

  @Test
  void zipBundlesAreReproducibleToo() throws IOException {
    Path a = tmp.resolve("a.zip");
    Path b = tmp.resolve("b.zip");
    assertThat(bundle(Map.of("SOURCE_DATE_EPOCH", "1700000000"), "--out", a.toString()).exitCode())
        .isZero();
    assertThat(bundle(Map.of("SOURCE_DATE_EPOCH", "1700000000"), "--out", b.toString()).exitCode())
        .isZero();
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    SortedMap<String, String> zipped = new TreeMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(a))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (!e.isDirectory()) {
          zipped.put(
              e.getName(), new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(e.getTimeLocal())
            .isEqualTo(java.time.LocalDateTime.of(2023, 11, 14, 22, 13, 20));
      }
    }
    assertThat(zipped).isEqualTo(contents(f.site));
  }

  @Test
  void refusesATamperedSite() throws IOException {
    Files.writeString(f.site.resolve("motd/latest/motd.json"), "{\"en\": \"evil\"}\n");
    Path out = tmp.resolve("x.tar.gz");
    Cli r = bundle(Map.of(), "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("motd/latest/motd.json.asc: does not verify");
    assertThat(out).doesNotExist();
    assertThat(bundle(Map.of(), "--out", out.toString(), "--unsigned").exitCode()).isZero();
  }

  @Test
  void refusesAnUnsignedSiteUnlessAskedTo() throws IOException {
    Fixture g = Fixture.create(tmp.resolve("unsigned"));
    g.builder().build(g.site, java.time.Instant.parse("2020-01-01T00:00:00Z"));
    Path out = tmp.resolve("u.tar.gz");
    Cli r = Cli.run("bundle", "--site", g.site.toString(), "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("has no signatures; run ./motd sign, or bundle with --unsigned");
    assertThat(out).doesNotExist();
    assertThat(
            Cli.run("bundle", "--site", g.site.toString(), "--out", out.toString(), "--unsigned")
                .exitCode())
        .isZero();
  }

  @Test
  void trustsNothingFromTheSiteItself() {
    Path out = tmp.resolve("t.tar.gz");
    Cli r =
        Cli.run(
            "bundle",
            "--site",
            f.site.toString(),
            "--announcements",
            f.announcements.toString(),
            "--key",
            tmp.resolve("no-such-key.asc").toString(),
            "--out",
            out.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("no trusted key").contains("signing-key.asc proves nothing");
    assertThat(out).doesNotExist();
  }

  @Test
  void neverShipsTemporaryFilesAndRefusesLinksAndFifos() throws Exception {
    Path temp = f.site.resolve("motd/latest/.motd.json.asc.motd-tmp-0123456789abcdef");
    Files.writeString(temp, "half a signature");
    Path out = tmp.resolve("s.tar.gz");
    assertThat(bundle(Map.of(), "--out", out.toString(), "--unsigned").exitCode()).isZero();
    Tools.Result list = Tools.run("tar", "-tzf", out.toString());
    assertThat(list.out()).contains("motd/latest/motd.json").doesNotContain("motd-tmp");
    Cli verified = bundle(Map.of(), "--out", out.toString());
    assertThat(verified.exitCode()).as("verify lists the stray temporary file").isEqualTo(1);
    assertThat(verified.err()).contains(temp + ": not in the manifest");
    Files.delete(temp);

    Path fifo = f.site.resolve("assets/pipe");
    Tools.Result mkfifo = Tools.run("mkfifo", fifo.toString());
    assertThat(mkfifo.exitCode()).as(mkfifo.all()).isZero();
    // Refused as sign and serve refuse them (exit 3), whether or not the site is verified first.
    for (String[] args : List.of(new String[] {"--unsigned"}, new String[0])) {
      Cli r = bundle(Map.of(), Tools.args("--out", out.toString(), args));
      assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
      assertThat(r.err()).contains(fifo + " is not a regular file: a FIFO");
    }
    Files.delete(fifo);
    Files.createSymbolicLink(f.site.resolve("assets/passwd"), Path.of("/etc/passwd"));
    for (String[] args : List.of(new String[] {"--unsigned"}, new String[0])) {
      Cli link = bundle(Map.of(), Tools.args("--out", out.toString(), args));
      assertThat(link.exitCode()).as(link.err()).isEqualTo(3);
      assertThat(link.err()).contains(f.site.resolve("assets/passwd") + " is a symbolic link");
    }
  }

  @Test
  void refusesUnknownArchiveKinds() {
    Cli r = bundle(Map.of(), "--out", tmp.resolve("site.rar").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("must end in .tar.gz, .tgz or .zip");
  }

  private static SortedMap<String, String> contents(Path root) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    for (String rel : SiteWriter.listFiles(root)) {
      out.put(rel, Files.readString(root.resolve(rel)));
    }
    return out;
  }
}
