package motd.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import motd.Tools;

/** A throw-away GnuPG home in a temp dir, so no test touches the user's keyring. */
final class Gpg {
  final Path home;

  Gpg(Path dir) throws IOException {
    Tools.require("gpg");
    home = dir.resolve("gnupg");
    Files.createDirectories(home);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
  }

  Map<String, String> env() {
    return Map.of("GNUPGHOME", home.toString());
  }

  Tools.Result run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "gpg";
    all[1] = "--batch";
    System.arraycopy(args, 0, all, 2, args.length);
    return Tools.run(env(), all);
  }

  /** Makes a key without a passphrase, as of now; returns its fingerprint. */
  String quickGenKey(String uid, String algorithm) {
    return quickGenKey(uid, algorithm, java.time.Instant.now());
  }

  /** Makes a key without a passphrase, created at {@code created}; returns its fingerprint. */
  String quickGenKey(String uid, String algorithm, java.time.Instant created) {
    Tools.Result r =
        run(
            "--faked-system-time",
            created.getEpochSecond() + "!",
            "--passphrase",
            "",
            "--quick-gen-key",
            uid,
            algorithm,
            "sign",
            "2y");
    assertThat(r.exitCode()).as(r.all()).isZero();
    Tools.Result list = run("--with-colons", "--list-secret-keys", uid);
    for (String line : list.out().split("\n")) {
      if (line.startsWith("fpr:")) {
        return line.split(":")[9];
      }
    }
    throw new AssertionError("no fingerprint in " + list.all());
  }

  void stopAgent() {
    Tools.run(env(), "gpgconf", "--kill", "all");
  }
}
