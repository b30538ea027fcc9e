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
import motd.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated {@code nginx.conf} in a real nginx on loopback: it must load, fall back to the
 * generic file for unknown variants, and send the same headers as {@code _headers}.
 */
class NginxTest {
  @TempDir Path tmp;
  private Process nginx;
  private String url;
  private Fixture f;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws Exception {
    Tools.require("nginx");
    f = Fixture.create(tmp.resolve("project"));
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    f.write(
        "linux.yaml",
        "published: 2019-01-01\ntarget: {platforms: [linux]}\nmessage: {en: penguins}\n");
    f.builder().build(f.site, Instant.parse("2020-01-01T00:00:00Z"));
    Files.writeString(
        f.site.resolve("motd/latest/motd.json.asc"), "-----BEGIN PGP SIGNATURE-----\n");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path prefix = Files.createDirectories(tmp.resolve("nginx"));
    String conf =
        """
        master_process off;
        daemon off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          server {
            listen 127.0.0.1:%2$d;
            root %3$s;
            index index.html;
            include %3$s/nginx.conf;
          }
        }
        """
            .formatted(prefix, port, f.site.toAbsolutePath());
    Path confFile = prefix.resolve("nginx.conf");
    Files.writeString(confFile, conf);
    Tools.Result test =
        Tools.run("nginx", "-t", "-p", prefix.toString(), "-c", confFile.toString());
    assertThat(test.exitCode()).as(test.all()).isZero();
    nginx =
        new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", confFile.toString())
            .redirectErrorStream(true)
            .start();
    url = "http://127.0.0.1:" + port;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        new Socket("127.0.0.1", port).close();
        break;
      } catch (java.io.IOException e) {
        if (System.nanoTime() > deadline || !nginx.isAlive()) {
          throw new AssertionError(
              "nginx did not start: " + Files.readString(prefix.resolve("error.log")), e);
        }
        Thread.sleep(50);
      }
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (nginx != null) {
      nginx.destroy();
      if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
        nginx.destroyForcibly();
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
    assertThat(known.body()).isEqualTo(f.read("motd/1.0.0rc5-linux2/motd.json"));
    HttpResponse<String> unknown = get("/motd/1.0.0rc7.dev1-haiku/motd.json?lang=en&py=3");
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(unknown.body()).isEqualTo(f.read("motd/latest/motd.json"));
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
