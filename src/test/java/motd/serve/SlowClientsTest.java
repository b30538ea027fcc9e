package motd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import motd.Fixture;
import motd.site.Signing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code motd serve} under attack and under edits: slow clients that trickle their headers, huge
 * headers, a half-signed site, and a watcher whose rebuild fails in an unexpected way.
 */
class SlowClientsTest {
  @TempDir Path tmp;
  private Fixture f;
  private SiteServer server;

  @BeforeEach
  void start() throws IOException {
    f = Fixture.create(tmp);
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    f.builder().build(f.site, Instant.parse("2020-01-01T00:00:00Z"));
    server = SiteServer.start(f.site, new InetSocketAddress("127.0.0.1", 0), null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(server.address(), 5000);
    return s;
  }

  @Test
  void aHundredSlowClientsDoNotKeepANormalClientWaiting() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        Socket s = connect();
        OutputStream out = s.getOutputStream();
        // A request line and one header, then nothing: the headers never end.
        out.write(
            ("GET /motd/latest/motd.json HTTP/1.1\r\nHost: x\r\nX-Slow-" + i + ": 1\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        slow.add(s);
      }
      long start = System.nanoTime();
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(server.url() + "/motd/1.0.0rc6-linux2/motd.json"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(r.statusCode()).isEqualTo(200);
      // The slow clients hold their connections for up to the header timeout (10 s); the
      // normal client must not wait for any of them. (How fast it is answered is measured in
      // bench/, not asserted here.)
      assertThat(millis)
          .as("answered while the slow clients still hold on")
          .isLessThan(TimeUnit.SECONDS.toMillis(SiteServer.HEADER_SECONDS));
      // Each slow client is then cut off at the header timeout, not kept forever.
      for (Socket s : slow) {
        s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(SiteServer.HEADER_SECONDS * 4L));
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
          // until the server closes the connection
        }
      }
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void oversizedHeadersAreRefusedAndTheServerGoesOn() throws Exception {
    try (Socket s = connect()) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      String big = "X-Big: " + "a".repeat(SiteServer.MAX_HEADER_BYTES * 4) + "\r\n";
      out.write(
          ("GET /index.html HTTP/1.1\r\nHost: x\r\n" + big + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).doesNotStartWith("HTTP/1.1 200");
    } catch (java.net.SocketException e) {
      // refused by closing the connection while we still wrote: also a refusal
    }
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.url() + "/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void aVariantsSignatureNeverFallsBackWhileItsJsonExists() throws Exception {
    Files.writeString(f.site.resolve("motd/latest/motd.json.asc"), "latest's signature");
    HttpClient http = HttpClient.newHttpClient();
    // A half-signed site: the variant's JSON is there, its signature not (yet).
    HttpResponse<String> known =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/motd/1.0.0rc6-linux2/motd.json.asc"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(known.statusCode()).isEqualTo(404);
    HttpResponse<String> unknown =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/motd/9.9.9-haiku/motd.json.asc"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(unknown.body()).isEqualTo("latest's signature");
  }

  @Test
  void aRebuildFailureOfAnyKindIsReportedAndWatchingGoesOn() throws Exception {
    StringWriter out = new StringWriter();
    BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    PrintWriter err =
        new PrintWriter(
            new java.io.Writer() {
              private final StringBuilder line = new StringBuilder();

              @Override
              public void write(char[] c, int off, int len) {
                for (int i = off; i < off + len; i++) {
                  if (c[i] == '\n') {
                    errors.add(line.toString());
                    line.setLength(0);
                  } else {
                    line.append(c[i]);
                  }
                }
              }

              @Override
              public void flush() {}

              @Override
              public void close() {}
            });
    int[] calls = {0};
    // The first rebuild meets a bug (here: a clock that throws), the second works.
    java.util.function.Supplier<Instant> clock =
        () -> {
          if (calls[0]++ == 0) {
            throw new IllegalStateException("a bug in a rebuild");
          }
          return Instant.parse("2020-01-02T00:00:00Z");
        };
    Signing.KeyChoice keys =
        new Signing.KeyChoice(
            List.of(), List.of(), "gpg", null, tmp.resolve("no-key.asc"), fpr -> null);
    try (Watcher w =
        Watcher.start(
            f.announcements,
            f.templates,
            f.site,
            null,
            keys,
            clock,
            new PrintWriter(out, true),
            err)) {
      f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: first edit}\n");
      assertThat(nextLineContaining(errors, "internal error")).contains("a bug in a rebuild");
      f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: second edit}\n");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!f.read("motd/latest/motd.json").contains("second edit")
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(f.read("motd/latest/motd.json")).contains("second edit");
      assertThat(w).isNotNull();
    }
  }

  private static String nextLineContaining(BlockingQueue<String> lines, String text)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null && line.contains(text)) {
        return line;
      }
    }
    throw new AssertionError("no line containing '" + text + "'");
  }
}
