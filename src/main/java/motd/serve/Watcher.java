package motd.serve;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import motd.diagnostic.InvalidInputException;
import motd.diagnostic.MotdException;
import motd.sign.KeyFileSigner;
import motd.sign.PassphraseSource;
import motd.sign.SiteSigner;
import motd.site.SiteBuilder;

/**
 * Rebuilds the site when announcements or templates change, and re-signs it if a key is given. A
 * build that fails leaves the served site as it was and says why.
 */
public final class Watcher implements AutoCloseable {
  private static final long QUIET_MILLIS = 300;

  private final WatchService service;
  private final Thread thread;

  private Watcher(WatchService service, Thread thread) {
    this.service = service;
    this.thread = thread;
  }

  public static Watcher start(
      Path announcements,
      Path templates,
      Path site,
      Path key,
      String passphrase,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    WatchService service = FileSystems.getDefault().newWatchService();
    register(service, announcements);
    register(service, templates);
    Runnable rebuild =
        () -> {
          try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            out.println(
                new SiteBuilder(announcements, templates)
                    .build(site, now)
                    .summary(site.toString()));
            if (key != null) {
              var signer = KeyFileSigner.load(key, PassphraseSource.of(passphrase), now);
              out.println(
                  new SiteSigner(signer)
                      .sign(site, new SiteSigner.Options(null, now, null))
                      .summary(site.toString()));
            }
          } catch (InvalidInputException e) {
            e.diagnostics().forEach(err::println);
            err.println("motd: not rebuilt; still serving the previous site");
          } catch (MotdException e) {
            err.println("motd: " + e.getMessage() + "; still serving the previous site");
          }
          out.flush();
          err.flush();
        };
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
                  register(service, announcements);
                  register(service, templates);
                  rebuild.run();
                }
              } catch (InterruptedException | ClosedWatchServiceException e) {
                // stopping
              } catch (IOException e) {
                err.println("motd: stopped watching: " + e.getMessage());
                err.flush();
              }
            },
            "motd-watch");
    thread.setDaemon(true);
    thread.start();
    return new Watcher(service, thread);
  }

  /** Registers every folder below {@code root}; registering twice is harmless. */
  private static void register(WatchService service, Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
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

  @Override
  public void close() {
    thread.interrupt();
    try {
      service.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
