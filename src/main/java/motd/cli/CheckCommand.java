package motd.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import motd.check.Checker;
import motd.diagnostic.Diagnostic;
import motd.diagnostic.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "check",
    description = "Validate announcements and templates; report every problem, write nothing.")
final class CheckCommand implements Callable<Integer> {
  @Mixin InputOptions input;
  @Mixin NowOption now;

  @Option(names = "--strict", description = "Treat warnings as errors (exit 1).")
  boolean strict;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Checker.Result r =
        new motd.site.SiteBuilder(input.announcements, input.templates).check(now.get());
    PrintWriter err = spec.commandLine().getErr();
    for (Diagnostic d : r.diagnostics().sorted()) {
      err.println(d);
    }
    long errors = r.diagnostics().count(Diagnostic.Severity.ERROR);
    long warnings = r.diagnostics().count(Diagnostic.Severity.WARNING);
    String counts = plural(errors, "error") + ", " + plural(warnings, "warning");
    if (errors > 0 || (strict && warnings > 0)) {
      err.println("motd: " + counts);
      return InvalidInputException.EXIT_CODE;
    }
    int n = r.project().announcements().size();
    int drafts = r.drafts().size();
    spec.commandLine()
        .getOut()
        .println(
            "ok: "
                + plural(n, "announcement")
                + (drafts == 0 ? "" : " (" + plural(drafts, "draft") + ")")
                + ", "
                + counts);
    return 0;
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
