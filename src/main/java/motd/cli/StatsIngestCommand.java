package motd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import motd.diagnostic.UnreadableInputException;
import motd.stats.Ingest;
import motd.stats.IngestReport;
import motd.stats.LogFormat;
import motd.stats.Via;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "ingest",
    description = {
      "Add the MOTD fetches in access logs (plain, gzip, xz or zstd; '-' is standard input) to the"
          + " store. Each log is counted once, whatever its name: a rotated copy adds nothing and a"
          + " grown log is continued."
    })
final class StatsIngestCommand implements Callable<Integer> {
  @Option(
      names = "--announcements",
      paramLabel = "DIR",
      defaultValue = "announcements",
      description =
          "Folder with motd.yaml, whose releases, platforms and languages are kept (default: ${DEFAULT-VALUE}).")
  Path announcements;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      defaultValue = "stats",
      description = "The stats store (default: ${DEFAULT-VALUE}).")
  Path store;

  @Option(
      names = "--source",
      paramLabel = "NAME",
      defaultValue = "default",
      description = "This server's name in the store (default: ${DEFAULT-VALUE}).")
  String source;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "auto",
      description =
          "auto, combined, common, vcombined, cloudfront or caddy (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--via",
      paramLabel = "WAY",
      description =
          "tor or clearnet: how every fetch in these logs came in (default: from the request's host, if the format has one).")
  String via;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "Log files; '-' reads standard input.")
  List<String> files;

  @ParentCommand StatsCommand stats;
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    LogFormat f = LogFormat.byLabel(format);
    if (f == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--format: unknown format '" + format + "'");
    }
    Via v = via == null ? null : Via.byKey(via);
    if (via != null && (v == null || v == Via.UNKNOWN)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--via: tor or clearnet, not '" + via + "'");
    }
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar bar = new ProgressBar(err, stats.main.terminal.interactive());
    IngestReport report =
        Ingest.run(
            new Ingest.Options(announcements, store, source, f, v, files, Instant.now()),
            System.in,
            bar);
    bar.clear();
    report.warnings().forEach(w -> err.println(motd.diagnostic.Printable.line(w)));
    report.failures().forEach(w -> err.println(motd.diagnostic.Printable.line(w)));
    spec.commandLine().getOut().println(report.summary());
    if (report.failed()) {
      throw new UnreadableInputException(
          report.failures().size()
              + " of "
              + report.files()
              + (report.files() == 1 ? " file" : " files")
              + " could not be read (see above); nothing from them was stored, the rest was");
    }
    return 0;
  }

  /** A one-line bar on standard error, for large input on a terminal. */
  static final class ProgressBar implements Ingest.Listener {
    private static final long LARGE = 32L << 20;
    private final PrintWriter err;
    private final boolean interactive;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean interactive) {
      this.err = err;
      this.interactive = interactive;
    }

    @Override
    public void waiting(Path store) {
      err.println("motd: another run is writing " + store + "; waiting for it");
      err.flush();
    }

    @Override
    public synchronized void progress(long done, long total) {
      // Only for large input; of unknown size (standard input), once that much has been read.
      if (!interactive || (total >= 0 ? total : done) < LARGE) {
        return;
      }
      String text;
      if (total > 0) {
        int percent = (int) Math.min(100, done * 100 / total);
        int filled = percent / 4;
        text =
            String.format(
                Locale.ROOT,
                "[%s%s] %3d%%  %,d of %,d MB",
                "#".repeat(filled),
                ".".repeat(25 - filled),
                percent,
                done >> 20,
                total >> 20);
      } else {
        text = String.format(Locale.ROOT, "%,d MB read", done >> 20);
      }
      err.print("\r" + text);
      err.flush();
      drawn = true;
    }

    synchronized void clear() {
      if (drawn) {
        err.print("\r\033[K");
        err.flush();
      }
    }
  }
}
