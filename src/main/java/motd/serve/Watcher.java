package motd.serve;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import motd.diagnostic.InvalidInputException;
import motd.diagnostic.MotdException;
import motd.diagnostic.Printable;
import motd.site.Signing;
import motd.site.SiteBuilder;

/**
 * Rebuilds the site when announcements or templates change, and re-signs it if it was signed, with
 * the same keys {@code sign} would use. The keys are opened before the site is touched: if a signed
 * site cannot be signed again, it is not rebuilt, so it never becomes half signed. Any failure is
 * reported and watching goes on, serving the previous site.
 */
public final class Watcher implements AutoCloseable {
  private static final long QUIET_MILLIS = 300;

  private final WatchService service;
  private final Thread thread;

  private Watcher(WatchService service, Thread thread) {
    this.service = service;
    this.thread = thread;
  }

  /**
   * Starts watching.
   *
   * @param stats the stats store whose figures the site publishes, as for {@code build}; or null
   * @param keys the keys to re-sign with, resolved as {@code sign} resolves them
   * @param clock the time of each rebuild
   */
  public static Watcher start(
      Path announcements,
      Path templates,
      Path site,
      Path stats,
      Signing.KeyChoice keys,
      Supplier<Instant> clock,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    WatchService service = FileSystems.getDefault().newWatchService();
    register(service, announcements, templates);
    Runnable rebuild = () -> rebuild(announcements, templates, site, stats, keys, clock, out, err);
    Thread thread =
        new Thread(
            () -> {
              try {
                while (true) {
                  WatchKey k = service.take();
                  k.pollEvents();
                  k.reset();
                  // Editors write in bursts: wait until the folder is quiet, then build once.
                  WatchKey more;
                  while ((more = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    more.pollEvents();
                    more.reset();
                  }
                  try {
                    register(service, announcements, templates); // folders made since
                  } catch (IOException e) {
                    err.println("motd: cannot watch a new folder: " + e.getMessage());
                  }
                  rebuild.run();
                }
              } catch (InterruptedException | ClosedWatchServiceException e) {
                // stopping
              }
            },
            "motd-watch");
    thread.setDaemon(true);
    thread.start();
    return new Watcher(service, thread);
  }

  /**
   * One rebuild, as {@code build} (or {@code build --sign}, for a signed site) would make it; never
   * throws, so that one bad edit never ends the watch.
   */
  static void rebuild(
      Path announcements,
      Path templates,
      Path site,
      Path stats,
      Signing.KeyChoice keys,
      Supplier<Instant> clock,
      PrintWriter out,
      PrintWriter err) {
    try {
      Instant now = clock.get().truncatedTo(ChronoUnit.SECONDS);
      boolean signed = Files.exists(site.resolve("motd/manifest.json"), LinkOption.NOFOLLOW_LINKS);
      SiteBuilder builder = new SiteBuilder(announcements, templates).withStats(stats);
      if (signed) {
        Signing.BuiltAndSigned done =
            Signing.buildAndSign(builder, site, keys, announcements, null, now);
        out.println(done.built().summary(site.toString()));
        done.signed().notes().forEach(n -> err.println(Printable.note(n)));
        out.println(done.signed().summary(site.toString()));
      } else {
        out.println(builder.build(site, now).summary(site.toString()));
      }
    } catch (InvalidInputException e) {
      e.diagnostics().forEach(err::println);
      err.println("motd: not rebuilt; still serving the previous site");
    } catch (MotdException e) {
      err.println("motd: not rebuilt: " + e.getMessage() + "; still serving the previous site");
    } catch (RuntimeException | Error e) {
      err.println(
          "motd: not rebuilt: internal error: "
              + e
              + " (please report it); still serving the previous site");
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Registers every folder below each root; registering twice is harmless. */
  private static void register(WatchService service, Path... roots) throws IOException {
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path dir : (Iterable<Path>) walk.filter(Files::isDirectory)::iterator) {
          dir.register(
              service,
              StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE);
        }
      }
    }
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      service.close();
    } catch (IOException e) {
      // closing anyway
    }
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
