package motd.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import motd.diagnostic.OutputException;
import motd.diagnostic.UsageException;
import motd.sign.KeyAlgorithm;
import motd.sign.Keys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "keygen",
    description = {
      "Make an OpenPGP signing key that GnuPG 2.2 and Sequoia accept.",
      "v4, Ed25519 or RSA-4096, SHA-512. Writes FILE (secret) and FILE.pub.asc (certificate);",
      "never overwrites."
    })
final class KeygenCommand implements Callable<Integer> {
  static final String DEFAULT_KEY = ".motd/signing-key.asc";

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
      description = "Key lifetime: 30d, 12w, 18m, 2y or never (default: ${DEFAULT-VALUE}).")
  String expires;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = DEFAULT_KEY,
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
      lifetime = Keys.parseDuration(expires);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--expires: " + e.getMessage());
    }
    Path pub = Path.of(out + ".pub.asc");
    for (Path p : new Path[] {out, pub}) {
      if (Files.exists(p)) {
        throw new OutputException(p + " exists already; keygen never overwrites a key");
      }
    }
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
    write(out, key.secretKey(), true);
    write(pub, key.certificate(), false);
    spec.commandLine()
        .getOut()
        .println("wrote " + out + " and " + pub + "; fingerprint " + key.fingerprint());
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

  static void write(Path file, String text, boolean secret) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(
          file, text, StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE_NEW);
      if (secret) {
        try {
          Files.setPosixFilePermissions(
              file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system; the folder's own permissions apply
        }
      }
    } catch (FileAlreadyExistsException e) {
      throw new OutputException(file + " exists already; keygen never overwrites a key");
    } catch (IOException e) {
      throw new OutputException("cannot write " + file + ": " + e.getMessage(), e);
    }
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
