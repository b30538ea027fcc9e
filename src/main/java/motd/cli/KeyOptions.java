package motd.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import motd.sign.PassphraseSource;
import motd.site.Signing;
import picocli.CommandLine.Option;

/** Which keys sign: the options {@code sign} and {@code serve --watch} share. */
final class KeyOptions {
  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "Armored secret key file; repeat it to sign with several keys (a rotation).")
  List<Path> keys = new ArrayList<>();

  @Option(
      names = "--gpg-key",
      paramLabel = "FINGERPRINT",
      description = "Sign with this key through the local gpg; repeatable.")
  List<String> gpgKeys = new ArrayList<>();

  @Option(names = "--gpg", paramLabel = "PROGRAM", defaultValue = "gpg", hidden = true)
  String gpgProgram;

  /**
   * The keys, as {@code sign} resolves them: these options, else {@code $MOTD_SIGNING_KEY}, else
   * the default key. Passphrases come from {@code $MOTD_PASSPHRASE} or the terminal.
   */
  Signing.KeyChoice choice(Terminal terminal) {
    List<String> gpg = new ArrayList<>();
    for (String g : gpgKeys) {
      gpg.add(Signing.fingerprint(g));
    }
    String pass = terminal.getenv("MOTD_PASSPHRASE");
    PassphraseSource passphrases =
        pass != null && !pass.isEmpty()
            ? PassphraseSource.of(pass)
            : fpr -> terminal.readPassword("Passphrase for key " + fpr + ": ");
    return new Signing.KeyChoice(
        keys, gpg, gpgProgram, environmentKey(terminal), Path.of(Signing.DEFAULT_KEY), passphrases);
  }

  /** The key file {@code $MOTD_SIGNING_KEY} names, or null if it is unset or empty. */
  static Path environmentKey(Terminal terminal) {
    String env = terminal.getenv("MOTD_SIGNING_KEY");
    return env == null || env.isEmpty() ? null : Path.of(env);
  }
}
