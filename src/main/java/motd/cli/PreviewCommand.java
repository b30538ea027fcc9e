package motd.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import motd.site.SiteBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "preview",
    description =
        "Print the exact motd.json one client gets: the bytes build writes for it, or the generic"
            + " file where the server rules would send that client. Drafts are included and named."
            + " --lang and --explain add notes on standard error.")
final class PreviewCommand implements Callable<Integer> {
  @Mixin InputOptions input;
  @Mixin NowOption now;

  @Option(
      names = "--version",
      paramLabel = "V",
      description = "The client's version, e.g. 1.0.0rc6 (omit for /motd/latest).")
  String version;

  @Option(
      names = "--platform",
      paramLabel = "P",
      description = "The client's sys.platform, e.g. linux2 (omit for /motd/V).")
  String platform;

  @Option(
      names = "--lang",
      paramLabel = "L",
      description = "Also show the text a client in language L displays.")
  String lang;

  @Option(
      names = "--explain",
      description = "List every announcement and why it is included or skipped.")
  boolean explain;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (platform != null && version == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--platform needs --version");
    }
    SiteBuilder.Preview p =
        new SiteBuilder(input.announcements, input.templates).preview(version, platform, now.get());
    PrintWriter out = spec.commandLine().getOut();
    out.print(new String(p.bytes(), StandardCharsets.UTF_8));
    out.flush();
    p.notes(lang, explain).forEach(spec.commandLine().getErr()::println);
    return 0;
  }
}
