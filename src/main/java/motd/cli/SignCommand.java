package motd.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import motd.sign.GpgSigner;
import motd.sign.KeyAlgorithm;
import motd.sign.KeyFileSigner;
import motd.sign.Keys;
import motd.sign.PassphraseSource;
import motd.sign.SignReport;
import motd.sign.Signer;
import motd.sign.SiteSigner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "sign",
    description = {
      "Write a detached signature beside every MOTD file and a signed manifest, all or nothing.",
      "The key is --key, else $MOTD_SIGNING_KEY, else "
          + KeygenCommand.DEFAULT_KEY
          + " (made if missing)."
    })
final class SignCommand implements Callable<Integer> {
  @Option(
      names = "--site",
      paramLabel = "DIR",
      defaultValue = "site",
      description = "The built site (default: ${DEFAULT-VALUE}).")
  Path site;

  @Option(names = "--key", paramLabel = "FILE", description = "Armored secret key file.")
  Path key;

  @Option(
      names = "--gpg-key",
      paramLabel = "FINGERPRINT",
      description = "Sign with this key through the local gpg instead.")
  String gpgKey;

  @Option(names = "--gpg", paramLabel = "PROGRAM", defaultValue = "gpg", hidden = true)
  String gpgProgram;

  @Option(
      names = "--expires",
      paramLabel = "DURATION",
      description = "Manifest lifetime, e.g. 30d (default: 30d).")
  String expires;

  @Mixin NowOption now;
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (key != null && gpgKey != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--key and --gpg-key exclude each other");
    }
    Duration lifetime = null;
    if (expires != null) {
      try {
        lifetime = Keys.parseDuration(expires);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--expires: " + e.getMessage());
      }
      if (lifetime == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--expires: a manifest must expire");
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    Signer signer = gpgKey != null ? GpgSigner.open(gpgProgram, gpgKey) : keyFileSigner(err);
    boolean progress = main.terminal.interactive();
    SignReport report =
        new SiteSigner(signer)
            .sign(
                site,
                new SiteSigner.Options(
                    lifetime,
                    now.get(),
                    progress
                        ? n -> {
                          if (n % 50 == 0) {
                            err.print("\rsigning: " + n + " signatures");
                            err.flush();
                          }
                        }
                        : null));
    if (progress) {
      err.print("\r\033[K");
      err.flush();
    }
    spec.commandLine().getOut().println(report.summary(site.toString()));
    return 0;
  }

  private Signer keyFileSigner(PrintWriter err) {
    Path file = key;
    if (file == null) {
      String env = main.terminal.getenv("MOTD_SIGNING_KEY");
      file = env != null && !env.isEmpty() ? Path.of(env) : null;
    }
    if (file == null) {
      file = Path.of(KeygenCommand.DEFAULT_KEY);
      if (!Files.exists(file)) {
        Keys.Generated made =
            Keys.generate(
                "MOTD signing key (made by motd sign)",
                KeyAlgorithm.ED25519,
                Duration.ofDays(730),
                null,
                now.get());
        KeygenCommand.write(file, made.secretKey(), true);
        KeygenCommand.write(Path.of(file + ".pub.asc"), made.certificate(), false);
        err.println(
            "note: no signing key was set, so a new key WITHOUT a passphrase was made: " + file);
        err.println(
            "note: its fingerprint is "
                + made.fingerprint()
                + "; for real releases run ./motd keygen and keep the key safe");
      }
    }
    String env = main.terminal.getenv("MOTD_PASSPHRASE");
    PassphraseSource passphrases =
        env != null && !env.isEmpty()
            ? PassphraseSource.of(env)
            : fpr -> main.terminal.readPassword("Passphrase for key " + fpr + ": ");
    return KeyFileSigner.load(file, passphrases, now.get());
  }
}
