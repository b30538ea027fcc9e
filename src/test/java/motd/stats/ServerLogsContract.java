package motd.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import motd.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines that a real web server wrote: a built site is served by the server, known MOTD URLs are
 * fetched (known and unknown versions, latest, a conditional 304, HEAD, a signature, a missing
 * page, a POST, a range it cannot satisfy, and one through an onion host name), and the server's
 * own access logs are ingested. The counts must be exact; the user agents, each with a marker, must
 * be nowhere in the store.
 */
abstract class ServerLogsContract {
  static final String ONION = "motdabcdefghijklmnop.onion";

  @TempDir Path tmp;
  private Process server;
  private int port;
  private final List<String> markers = new ArrayList<>();

  /** One log the server writes, in a format, and whether it names the host. */
  record Log(Path file, LogFormat format, boolean hasHost) {}

  /** Configures the server in {@code dir} to serve {@code site} on {@code port}; its logs. */
  abstract List<Log> configure(Path dir, int port, Path site) throws Exception;

  /** The command that runs the configured server in the foreground. */
  abstract ProcessBuilder command(Path dir);

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly();
        server.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  private record Response(int status, String etag) {}

  /** A request over a plain socket, so that method, Host and every header are ours to choose. */
  private Response send(String method, String target, String host, String... headers)
      throws IOException {
    String ua = "MarkerServerUA-" + markers.size() + "-" + getClass().getSimpleName();
    markers.add(ua);
    StringBuilder req = new StringBuilder();
    req.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    req.append("Host: ").append(host == null ? "127.0.0.1:" + port : host).append("\r\n");
    req.append("User-Agent: ").append(ua).append("\r\n");
    req.append("Referer: https://MarkerServerRef.example/\r\n");
    for (String h : headers) {
      req.append(h).append("\r\n");
    }
    if (method.equals("POST")) {
      req.append("Content-Length: 2\r\nContent-Type: text/plain\r\n");
    }
    req.append("Connection: close\r\n\r\n");
    if (method.equals("POST")) {
      req.append("hi");
    }
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      String[] head = response.split("\r\n\r\n", 2)[0].split("\r\n");
      int status = Integer.parseInt(head[0].split(" ")[1]);
      String etag = null;
      for (String h : head) {
        if (h.toLowerCase(java.util.Locale.ROOT).startsWith("etag:")) {
          etag = h.substring(5).trim();
        }
      }
      return new Response(status, etag);
    }
  }

  @Test
  void theServersOwnLogsGiveExactCounts() throws Exception {
    Fixture fixture = Fixture.create(tmp.resolve("project"));
    fixture.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    fixture.builder().build(fixture.site, Instant.parse("2020-01-01T00:00:00Z"));
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path dir = Files.createDirectories(tmp.resolve("server"));
    List<Log> logs = configure(dir, port, fixture.site.toAbsolutePath());
    server =
        command(dir)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.out").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        new Socket(InetAddress.getLoopbackAddress(), port).close();
        break;
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !server.isAlive()) {
          throw new AssertionError(
              "the server did not start: " + Files.readString(dir.resolve("server.out")), e);
        }
        Thread.sleep(50);
      }
    }
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    for (int i = 0; i < 3; i++) {
      assertThat(send("GET", "/motd/1.0.0rc6-linux2/motd.json?lang=de&py=2.7.18", null).status())
          .isEqualTo(200);
    }
    for (int i = 0; i < 2; i++) {
      assertThat(send("HEAD", "/motd/1.0.0rc5-win32/motd.json?lang=pt_BR&py=3.11.2", null).status())
          .isEqualTo(200);
    }
    assertThat(send("GET", "/motd/1.0.0rc5-darwin/motd.json?lang=fr&py=2.7.16", null).status())
        .isEqualTo(200);
    // an unknown version and platform get the generic file, but are counted as what they sent
    assertThat(send("GET", "/motd/1.0.0rc7.dev1-haiku/motd.json?lang=xx&py=2.7", null).status())
        .isEqualTo(200);
    assertThat(send("GET", "/motd/1.0.0rc6-linux2/motd.json?lang=en", ONION).status())
        .isEqualTo(200);
    String etag = null;
    for (int i = 0; i < 4; i++) {
      Response r = send("GET", "/motd/latest/motd.json", null);
      assertThat(r.status()).isEqualTo(200);
      etag = r.etag();
    }
    assertThat(etag).isNotNull();
    assertThat(send("GET", "/motd/latest/motd.json", null, "If-None-Match: " + etag).status())
        .isEqualTo(304);
    // not counted
    send("GET", "/motd/1.0.0rc6-linux2/motd.json.asc", null);
    assertThat(send("GET", "/nothing/here.html", null).status()).isEqualTo(404);
    send(
        "POST",
        "/motd/latest/motd.json",
        null); // Apache and Caddy answer it with 200: still not counted
    assertThat(send("GET", "/motd/1.0.0rc6-linux2/motd.json", null, "Range: bytes=99999-").status())
        .isEqualTo(416);

    server.destroy();
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();

    for (Log log : logs) {
      assertThat(log.file()).isRegularFile();
      Path store = tmp.resolve("store-" + log.file().getFileName());
      IngestReport report =
          Ingest.run(
              new Ingest.Options(
                  fixture.announcements,
                  store,
                  "default",
                  LogFormat.AUTO,
                  null,
                  List.of(log.file().toString()),
                  Instant.now()),
              System.in,
              new Ingest.Listener() {});
      assertThat(report.failed()).as(report.failures().toString()).isFalse();
      assertThat(report.lines()).as(log.file() + ": " + report.summary()).isEqualTo(17);
      assertThat(report.skipped())
          .as(report.summary())
          .containsEntry(SkipReason.MALFORMED, 0L)
          .containsEntry(SkipReason.NOT_MOTD, 2L)
          .containsEntry(SkipReason.METHOD, 1L)
          .containsEntry(SkipReason.STATUS, 1L)
          .containsEntry(SkipReason.OUT_OF_RANGE, 0L);
      // Auto-detection found the format the server was told to write.
      Path again = tmp.resolve("again-" + log.file().getFileName());
      IngestReport named =
          Ingest.run(
              new Ingest.Options(
                  fixture.announcements,
                  again,
                  "default",
                  log.format(),
                  null,
                  List.of(log.file().toString()),
                  Instant.now()),
              System.in,
              new Ingest.Listener() {});
      assertThat(named.summary())
          .isEqualTo(
              report.summary().replaceAll("; [0-9,]+ lines/s", "")
                  + named.summary().replaceAll(".*(; [0-9,]+ lines/s)$", "$1"));
      SortedMap<LocalDate, DayCounts> counts;
      try (Store s = Store.open(store, false, () -> {})) {
        counts = s.merged();
      }
      assertThat(counts).containsOnlyKeys(today);
      DayCounts d = counts.get(today);
      assertThat(d.targeted()).isEqualTo(8);
      assertThat(d.generic()).isEqualTo(5);
      assertThat(d.of(Dimension.VERSION))
          .isEqualTo(Map.of("1.0.0rc6", 4L, "1.0.0rc5", 3L, "other", 1L));
      assertThat(d.of(Dimension.OS))
          .isEqualTo(Map.of("linux2", 4L, "win32", 2L, "darwin", 1L, "other", 1L));
      assertThat(d.of(Dimension.PLATFORM))
          .isEqualTo(Map.of("linux", 4L, "windows", 2L, "macos", 1L, "other", 1L));
      assertThat(d.of(Dimension.LANG))
          .isEqualTo(Map.of("de", 3L, "pt_BR", 2L, "fr", 1L, "en", 1L, "other", 1L));
      assertThat(d.of(Dimension.PY)).isEqualTo(Map.of("2.7", 5L, "3.11", 2L, "other", 1L));
      assertThat(d.of(Dimension.VIA))
          .isEqualTo(log.hasHost() ? Map.of("tor", 1L, "clearnet", 7L) : Map.of("unknown", 8L));
      String stored = String.join("\n", StatsRun.texts(store));
      assertThat(stored).doesNotContain("MarkerServer", "127.0.0.1", "::1");
      for (String m : log.format() == LogFormat.COMMON ? List.<String>of() : markers) {
        assertThat(Files.readString(log.file(), StandardCharsets.ISO_8859_1))
            .as("the server logged the marker")
            .contains(m);
      }
    }
  }
}
