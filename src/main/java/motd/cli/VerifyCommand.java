package motd.cli;

import java.util.concurrent.Callable;
import motd.site.Signing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    description =
        "Check every signature, the manifest, hashes, expiry and variants of a signed site."
            + " Trusts a pinned key (--fingerprint, --cert) if given; otherwise the signing_keys"
            + " that motd.yaml lists, the local signing key, and the keys an earlier manifest"
            + " names. The site's own signing-key.asc proves nothing. Every problem is one line"
            + " naming the file; exit 1 if there is any.")
final class VerifyCommand implements Callable<Integer> {
  @Mixin TrustOptions trust;
  @Mixin NowOption now;
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Signing.Verified v = Signing.verify(trust.site, trust.toTrust(main.terminal), now.get());
    v.notes().forEach(n -> spec.commandLine().getErr().println(motd.diagnostic.Printable.note(n)));
    spec.commandLine().getOut().println(v.report().summary(trust.site.toString()));
    return 0;
  }
}
