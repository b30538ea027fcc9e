package motd.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import motd.site.Signing;
import picocli.CommandLine.Option;

/** What {@code verify} and {@code bundle} check a site against. */
final class TrustOptions {
  @Option(
      names = "--site",
      paramLabel = "DIR",
      defaultValue = "site",
      description = "The signed site (default: ${DEFAULT-VALUE}).")
  Path site;

  @Option(
      names = "--fingerprint",
      paramLabel = "FPR",
      description = "Trust only this key (40 hex digits; spaces allowed); repeatable.")
  List<String> fingerprints = new ArrayList<>();

  @Option(
      names = "--cert",
      paramLabel = "FILE",
      description = "Trust only the certificates in this file; repeatable.")
  List<Path> certs = new ArrayList<>();

  @Option(
      names = "--announcements",
      paramLabel = "DIR",
      defaultValue = "announcements",
      description =
          "Folder whose motd.yaml lists the trusted signing_keys (default: ${DEFAULT-VALUE}).")
  Path announcements;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "The local signing key, trusted as its holder is the signer (default: $MOTD_SIGNING_KEY,"
              + " else "
              + Signing.DEFAULT_KEY
              + " if it exists).")
  Path key;

  @Option(
      names = "--previous-manifest",
      paramLabel = "FILE",
      description =
          "An earlier manifest: the serial must not go back, and one of its keys must have signed.")
  Path previous;

  /** The trust to verify against, with the environment's key where no --key is given. */
  Signing.Trust toTrust(Terminal terminal) {
    Path local = key != null ? key : KeyOptions.environmentKey(terminal);
    if (local == null) {
      local = Path.of(Signing.DEFAULT_KEY);
    }
    return new Signing.Trust(fingerprints, certs, announcements, local, previous);
  }
}
