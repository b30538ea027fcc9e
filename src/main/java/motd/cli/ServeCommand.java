package motd.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import motd.diagnostic.OutputException;
import motd.diagnostic.UsageException;
import motd.serve.SiteServer;
import motd.serve.Watcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    description =
        "Serve the site locally as the CDN would, for previews and real clients: the same"
            + " fallback, headers and ETags as the generated host rules. Loopback only unless"
            + " --bind says otherwise. Ctrl-C stops it.")
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--site",
      paramLabel = "DIR",
      defaultValue = "site",
      description = "The built site (default: ${DEFAULT-VALUE}).")
  Path site;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--access-log",
      paramLabel = "FILE",
      description = "Append one Combined Log Format line per request.")
  Path accessLog;

  @Option(
      names = "--watch",
      description =
          "Rebuild when announcements or templates change; a signed site is re-signed with the"
              + " keys sign would use (--key, else $MOTD_SIGNING_KEY, else "
              + motd.site.Signing.DEFAULT_KEY
              + "), or not rebuilt if it cannot be.")
  boolean watch;

  @Option(
      names = "--stats",
      paramLabel = "DIR",
      defaultValue = "stats",
      description =
          "With --watch: the stats store whose figures a rebuild publishes, as build does"
              + " (default: ${DEFAULT-VALUE}).")
  Path stats;

  @Mixin KeyOptions keys;

  @Mixin InputOptions input;
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be from 0 to 65535");
    }
    motd.emit.SiteWriter.requireSite(site)
        .forEach(n -> err.println(motd.diagnostic.Printable.note(n)));
    PrintWriter log = null;
    if (accessLog != null) {
      try {
        log =
            new PrintWriter(
                Files.newBufferedWriter(
                    accessLog,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND));
      } catch (IOException e) {
        throw new OutputException("cannot open " + accessLog + ": " + e.getMessage(), e);
      }
    }
    SiteServer server;
    try {
      server = SiteServer.start(site, new InetSocketAddress(bind, port), log);
    } catch (IOException e) {
      throw new OutputException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
    }
    if (!server.address().getAddress().isLoopbackAddress()) {
      err.println(
          "warning: listening on "
              + bind
              + ", reachable from other machines; motd serve is for testing, not production");
    }
    out.println("serving " + site + " at " + server.url() + "/");
    out.println(
        "point a Mailpile at it with: prefs.motd_url = "
            + server.url()
            + "/motd/%(ver)s-%(os)s/motd.json?lang=%(lang)s&py=%(py)s");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Watcher watcher = null;
    if (watch) {
      watcher =
          Watcher.start(
              input.announcements,
              input.templates,
              site,
              stats,
              keys.choice(main.terminal),
              java.time.Instant::now,
              out,
              err);
      out.println("watching " + input.announcements + " and " + input.templates);
      out.flush();
    }
    Watcher w = watcher;
    PrintWriter l = log;
    Thread hook =
        new Thread(
            () -> {
              server.close();
              if (w != null) {
                w.close();
              }
              if (l != null) {
                l.close();
              }
              out.println("stopped");
              out.flush();
              stopped.countDown();
            });
    Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
    return 0;
  }
}
