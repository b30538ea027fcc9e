package motd.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import motd.site.BuildReport;
import motd.site.Signing;
import motd.site.SiteBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "build",
    description = "Write every MOTD file, the pages, the feed and the host rules, all or nothing.")
final class BuildCommand implements Callable<Integer> {
  @Mixin InputOptions input;
  @Mixin NowOption now;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "site",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--static",
      paramLabel = "DIR",
      description =
          "Files copied into the site as they are, e.g. .nojekyll, CNAME, .well-known/"
              + " (default: static/ beside the announcements folder).")
  Path staticFiles;

  @Option(
      names = "--stats",
      paramLabel = "DIR",
      defaultValue = "stats",
      description =
          "The stats store; its published figures go to stats/ (default: ${DEFAULT-VALUE}).")
  Path stats;

  @Option(
      names = "--sign",
      description =
          "Then sign the site, in the same process: as 'build && sign', but faster. The keys are"
              + " chosen as sign chooses them, and opened before anything is written.")
  boolean sign;

  @Mixin KeyOptions keys;

  @Option(
      names = "--expires",
      paramLabel = "DURATION",
      description = "With --sign: how long the manifest is valid, 1h to 1y (default: 30d).")
  String expires;

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SiteBuilder builder = new SiteBuilder(input.announcements, input.templates).withStats(stats);
    if (staticFiles != null) {
      builder = builder.withStatic(staticFiles);
    }
    if (!sign) {
      if (!keys.keys.isEmpty() || !keys.gpgKeys.isEmpty() || expires != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--key, --gpg-key and --expires need --sign");
      }
      BuildReport report = builder.build(out, now.get());
      spec.commandLine().getOut().println(report.summary(out.toString()));
      return 0;
    }
    Signing.BuiltAndSigned done =
        Signing.buildAndSign(
            builder,
            out,
            keys.choice(main.terminal),
            input.announcements,
            SignCommand.lifetime(expires, spec),
            now.get());
    spec.commandLine().getOut().println(done.built().summary(out.toString()));
    done.signed()
        .notes()
        .forEach(n -> spec.commandLine().getErr().println(motd.diagnostic.Printable.note(n)));
    spec.commandLine().getOut().println(done.signed().summary(out.toString()));
    return 0;
  }
}
