package motd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import motd.sign.Keys;
import motd.sign.SignReport;
import motd.site.Signing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "sign",
    description =
        "Write a detached signature beside every MOTD file and a signed manifest, all or nothing."
            + " The key is --key (repeat it to sign with several keys during a rotation), else"
            + " $MOTD_SIGNING_KEY, else "
            + Signing.DEFAULT_KEY
            + " (made if missing while motd.yaml lists no signing_keys). Once motd.yaml lists"
            + " signing_keys, only those keys may sign.")
final class SignCommand implements Callable<Integer> {
  @Option(
      names = "--site",
      paramLabel = "DIR",
      defaultValue = "site",
      description = "The built site (default: ${DEFAULT-VALUE}).")
  Path site;

  @Option(
      names = "--announcements",
      paramLabel = "DIR",
      defaultValue = "announcements",
      description =
          "Folder whose motd.yaml lists the allowed signing_keys (default: ${DEFAULT-VALUE}).")
  Path announcements;

  @Mixin KeyOptions keys;

  @Option(
      names = "--expires",
      paramLabel = "DURATION",
      description = "Manifest lifetime, 1h to 1y, e.g. 30d (default: 30d).")
  String expires;

  @Mixin NowOption now;
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  /** {@code --expires} as a duration, null if not given. */
  static Duration lifetime(String expires, CommandSpec spec) {
    if (expires == null) {
      return null;
    }
    try {
      return Keys.parseManifestLifetime(expires);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--expires: " + e.getMessage());
    }
  }

  @Override
  public Integer call() {
    Duration lifetime = lifetime(expires, spec);
    PrintWriter err = spec.commandLine().getErr();
    Signing.KeyChoice choice = keys.choice(main.terminal);
    boolean progress = main.terminal.interactive();
    SignReport report =
        Signing.sign(
            new Signing.SignRequest(
                site,
                announcements,
                choice,
                lifetime,
                now.get(),
                progress
                    ? n -> {
                      if (n % 50 == 0) {
                        err.print("\rsigning: " + n + " files");
                        err.flush();
                      }
                    }
                    : null));
    if (progress) {
      err.print("\r\033[K");
    }
    report.notes().forEach(n -> err.println(motd.diagnostic.Printable.note(n)));
    err.flush();
    spec.commandLine().getOut().println(report.summary(site.toString()));
    return 0;
  }
}
