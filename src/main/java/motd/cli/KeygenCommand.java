package motd.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import motd.diagnostic.UsageException;
import motd.sign.KeyAlgorithm;
import motd.sign.Keys;
import motd.site.Signing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "keygen",
    description =
        "Make an OpenPGP signing key that GnuPG 2.2 and Sequoia accept: v4, Ed25519 or RSA-4096,"
            + " SHA-512. Writes FILE (secret), FILE.pub.asc (certificate) and FILE.rev.asc (its"
            + " revocation certificate: keep it apart from the key, and publish it if the key is"
            + " ever lost or compromised); never overwrites.")
final class KeygenCommand implements Callable<Integer> {

  @Option(
      names = "--uid",
      defaultValue = "Mailpile MOTD <motd@example.org>",
      description = "User ID (default: ${DEFAULT-VALUE}).")
  String uid;

  @Option(
      names = "--algorithm",
      defaultValue = "ed25519",
      converter = AlgorithmConverter.class,
      description = "ed25519 or rsa4096 (default: ${DEFAULT-VALUE}).")
  KeyAlgorithm algorithm;

  @Option(
      names = "--expires",
      defaultValue = "2y",
      paramLabel = "DURATION",
      description =
          "Key lifetime, 1d to 10y (30d, 12w, 18m, 2y), or never (default: ${DEFAULT-VALUE}).")
  String expires;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = Signing.DEFAULT_KEY,
      description = "Secret key file (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--no-passphrase",
      description = "Leave the secret key unprotected (not recommended).")
  boolean noPassphrase;

  @Mixin NowOption now;
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Duration lifetime;
    try {
      lifetime = Keys.parseKeyLifetime(expires);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--expires: " + e.getMessage());
    }
    Signing.requireNoKeyFiles(out); // before a passphrase is asked for
    char[] passphrase = noPassphrase ? null : passphrase();
    if (noPassphrase) {
      spec.commandLine()
          .getErr()
          .println(
              "warning: the secret key is not protected by a passphrase; keep " + out + " private");
    }
    Keys.Generated key = Keys.generate(uid, algorithm, lifetime, passphrase, now.get());
    if (passphrase != null) {
      Arrays.fill(passphrase, '\0');
    }
    Signing.writeKeyFiles(out, key);
    spec.commandLine()
        .getOut()
        .println(
            "wrote "
                + out
                + ", "
                + out
                + ".pub.asc and "
                + out
                + ".rev.asc; fingerprint "
                + key.fingerprint());
    spec.commandLine()
        .getOut()
        .println(
            "next: list it in motd.yaml (signing_keys: ["
                + key.fingerprint()
                + "]), and store "
                + out
                + ".rev.asc apart from the key");
    return 0;
  }

  private char[] passphrase() {
    String env = main.terminal.getenv("MOTD_PASSPHRASE");
    if (env != null && !env.isEmpty()) {
      return env.toCharArray();
    }
    char[] first = main.terminal.readPassword("Passphrase for the new key: ");
    if (first == null) {
      throw new UsageException(
          "no passphrase: set MOTD_PASSPHRASE, run on a terminal, or pass --no-passphrase");
    }
    char[] second = main.terminal.readPassword("The same passphrase again: ");
    if (first.length == 0 || second == null || !Arrays.equals(first, second)) {
      throw new UsageException(
          first.length == 0
              ? "the passphrase is empty; use --no-passphrase to mean that"
              : "the passphrases differ");
    }
    Arrays.fill(second, '\0');
    return first;
  }

  static final class AlgorithmConverter implements CommandLine.ITypeConverter<KeyAlgorithm> {
    @Override
    public KeyAlgorithm convert(String value) {
      for (KeyAlgorithm a : KeyAlgorithm.values()) {
        if (a.label().equalsIgnoreCase(value)) {
          return a;
        }
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not ed25519 or rsa4096");
    }
  }
}
