package motd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import motd.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code motd serve} as a process: what it prints, where it listens, how it stops, --watch. */
class ServeCommandTest {
  @TempDir Path tmp;

  @Test
  void printsTheUrlAndMailpileSettingListensOnLoopbackAndStopsCleanly() throws Exception {
    Fixture f = Fixture.create(tmp);
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    f.builder().build(f.site, java.time.Instant.parse("2020-01-01T00:00:00Z"));
    Path log = tmp.resolve("access.log");
    Process p =
        start(
            tmp,
            "serve",
            "--site",
            f.site.toString(),
            "--port",
            "0",
            "--access-log",
            log.toString(),
            "--watch",
            "--announcements",
            f.announcements.toString(),
            "--templates",
            f.templates.toString());
    Lines out = new Lines(p.getInputStream());
    Lines errLines = new Lines(p.getErrorStream());
    try {
      String serving = out.readLine();
      String prefs = out.readLine();
      String watching = out.readLine();
      Matcher m =
          Pattern.compile("serving .* at (http://127\\.0\\.0\\.1:(\\d+))/").matcher(serving);
      assertThat(m.matches()).as(serving).isTrue();
      String url = m.group(1);
      assertThat(prefs)
          .isEqualTo(
              "point a Mailpile at it with: prefs.motd_url = "
                  + url
                  + "/motd/%(ver)s-%(os)s/motd.json?lang=%(lang)s&py=%(py)s");
      assertThat(watching).startsWith("watching ");
      HttpClient http = HttpClient.newHttpClient();
      String mailpileUrl = url + "/motd/1.0.0rc6-linux2/motd.json?lang=en&py=2.7.18";
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(mailpileUrl)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).contains("hello");

      // --watch: an edit is rebuilt and served without a restart
      f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello after an edit}\n");
      String rebuilt = out.readLine();
      assertThat(rebuilt).startsWith("built ");
      r =
          http.send(
              HttpRequest.newBuilder(URI.create(mailpileUrl)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).contains("hello after an edit");
      // a broken edit keeps the previous site
      f.write("hello.yaml", "published: never\nmessage: {en: broken}\n");
      r = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      String err = "";
      while (System.nanoTime() < deadline && !err.contains("still serving the previous site")) {
        String line = errLines.readLine();
        err += line == null ? "" : line + "\n";
      }
      assertThat(err)
          .contains("hello.yaml:1:12: error:")
          .contains("still serving the previous site");
      r =
          http.send(
              HttpRequest.newBuilder(URI.create(mailpileUrl)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).contains("hello after an edit");

      // SIGTERM takes the same shutdown path as Ctrl-C. Not p.destroy(): it closes our pipes.
      assertThat(motd.Tools.run("kill", "-TERM", Long.toString(p.pid())).exitCode()).isZero();
      // (a watcher may have printed another rebuild line first; editors and file systems differ)
      String last;
      do {
        last = out.readLine();
      } while (last != null && last.startsWith("built "));
      assertThat(last).isEqualTo("stopped");
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("127.0.0.1 - - ["));
  }

  /** Collects a stream's lines on its own thread; the JDK's pipes dislike reads racing exit. */
  private static final class Lines {
    private final java.util.concurrent.BlockingQueue<String> queue =
        new java.util.concurrent.LinkedBlockingQueue<>();

    Lines(java.io.InputStream in) {
      Thread t =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    queue.add(line);
                  }
                } catch (java.io.IOException e) {
                  queue.add("(stream failed: " + e + ")");
                }
              });
      t.setDaemon(true);
      t.start();
    }

    /** The next line, waiting up to 20 s; null if none came. */
    String readLine() throws InterruptedException {
      return queue.poll(20, TimeUnit.SECONDS);
    }
  }

  private static Process start(Path cwd, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(cwd.toFile()).start();
  }
}
