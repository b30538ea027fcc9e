package motd.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import motd.sign.SiteVerifier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    description = {
      "Check every signature, the manifest, hashes, expiry and variants of a signed site.",
      "Every problem is one line naming the file; exit 1 if there is any."
    })
final class VerifyCommand implements Callable<Integer> {
  @Option(
      names = "--site",
      paramLabel = "DIR",
      defaultValue = "site",
      description = "The signed site (default: ${DEFAULT-VALUE}).")
  Path site;

  @ArgGroup(exclusive = true)
  Trust trust = new Trust();

  static final class Trust {
    @Option(
        names = "--cert",
        paramLabel = "FILE",
        description = "Certificate to trust (default: the site's motd/signing-key.asc).")
    Path cert;

    @Option(
        names = "--fingerprint",
        paramLabel = "FPR",
        description = "Accept the site's certificate only if it has this fingerprint.")
    String fingerprint;
  }

  @Option(
      names = "--previous-manifest",
      paramLabel = "FILE",
      description = "An earlier manifest; the serial must have grown.")
  Path previous;

  @Mixin NowOption now;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SiteVerifier.Report report =
        new SiteVerifier()
            .verify(
                site, new SiteVerifier.Options(trust.cert, trust.fingerprint, previous, now.get()));
    spec.commandLine().getOut().println(report.summary(site.toString()));
    return 0;
  }
}
