package motd.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import motd.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host files {@code build} writes, in the real web server they are for, on loopback: the
 * configuration must load, unknown variants must get the generic file, and the headers must be
 * those of {@code _headers}. Run against each server.
 */
abstract class HostRulesContract {
  @TempDir Path tmp;
  Fixture fixture;
  private Process server;
  private String url;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Writes the server's configuration into {@code dir}, checks it, and returns the command. */
  abstract ProcessBuilder configure(Path dir, int port, Path site) throws Exception;

  @BeforeEach
  void start() throws Exception {
    fixture = Fixture.create(tmp.resolve("project"));
    fixture.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    fixture.write(
        "linux.yaml",
        "published: 2019-01-01\ntarget: {platforms: [linux]}\nmessage: {en: penguins}\n");
    fixture.builder().build(fixture.site, Instant.parse("2020-01-01T00:00:00Z"));
    Files.writeString(
        fixture.site.resolve("motd/latest/motd.json.asc"), "-----BEGIN PGP SIGNATURE-----\n");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path dir = Files.createDirectories(tmp.resolve("server"));
    server = configure(dir, port, fixture.site.toAbsolutePath()).redirectErrorStream(true).start();
    url = "http://127.0.0.1:" + port;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        new Socket("127.0.0.1", port).close();
        break;
      } catch (java.io.IOException e) {
        if (System.nanoTime() > deadline || !server.isAlive()) {
          throw new AssertionError(
              "the server did not start: " + new String(server.getInputStream().readAllBytes()), e);
        }
        Thread.sleep(50);
      }
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesKnownVariantsAndFallsBackForUnknownOnes() throws Exception {
    HttpResponse<String> known = get("/motd/1.0.0rc5-linux2/motd.json?lang=en&py=3");
    assertThat(known.statusCode()).isEqualTo(200);
    assertThat(known.body()).isEqualTo(fixture.read("motd/1.0.0rc5-linux2/motd.json"));
    HttpResponse<String> unknown = get("/motd/1.0.0rc7.dev1-haiku/motd.json?lang=en&py=3");
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(unknown.body()).isEqualTo(fixture.read("motd/latest/motd.json"));
    HttpResponse<String> sig = get("/motd/1.0.0rc7.dev1-haiku/motd.json.asc");
    assertThat(sig.body()).startsWith("-----BEGIN PGP SIGNATURE-----");
    assertThat(sig.headers().firstValue("content-type")).hasValue("application/pgp-signature");
    assertThat(get("/motd/unknown/other.json").statusCode()).isEqualTo(404);
  }

  @Test
  void sendsTheSameHeadersAsTheHeadersFile() throws Exception {
    HttpResponse<String> json = get("/motd/latest/motd.json");
    assertThat(json.headers().firstValue("content-type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(json.headers().firstValue("cache-control")).hasValue(HostRules.SHORT_CACHE);
    assertThat(json.headers().firstValue("content-security-policy")).hasValue("default-src 'self'");
    assertThat(json.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(json.headers().firstValue("referrer-policy")).hasValue("no-referrer");
    HttpResponse<String> page = get("/");
    assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("cache-control")).hasValue(HostRules.PAGE_CACHE);
    assertThat(page.headers().firstValue("content-security-policy")).hasValue("default-src 'self'");
    assertThat(get("/assets/style.css").headers().firstValue("cache-control"))
        .hasValue(HostRules.ASSET_CACHE);
    assertThat(get("/feed.atom").headers().firstValue("content-type"))
        .hasValue("application/atom+xml; charset=utf-8");
  }
}
