package motd.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import motd.site.BuildReport;
import motd.site.SiteBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    SiteBuilder builder = new SiteBuilder(input.announcements, input.templates).withStats(stats);
    if (staticFiles != null) {
      builder = builder.withStatic(staticFiles);
    }
    BuildReport report = builder.build(out, now.get());
    spec.commandLine().getOut().println(report.summary(out.toString()));
    return 0;
  }
}
