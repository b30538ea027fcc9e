package motd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import motd.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code motd serve}, tested with a real HTTP client against a running server on loopback. */
class SiteServerTest {
  @TempDir Path tmp;
  private Fixture f;
  private SiteServer server;
  private StringWriter log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws IOException {
    f = Fixture.create(tmp);
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    f.write(
        "linux.yaml",
        "published: 2019-01-01\ntarget: {platforms: [linux]}\nmessage: {en: penguins}\n");
    f.builder().build(f.site, Instant.parse("2020-01-01T00:00:00Z"));
    Files.writeString(tmp.resolve("secret.txt"), "outside the site");
    log = new StringWriter();
    server = SiteServer.start(f.site, new InetSocketAddress("127.0.0.1", 0), new PrintWriter(log));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void knownVariantsAreServedAsBuilt() throws Exception {
    HttpResponse<String> r = get("/motd/1.0.0rc5-linux2/motd.json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(f.read("motd/1.0.0rc5-linux2/motd.json")).contains("penguins");
  }

  @Test
  void unknownVersionsAndPlatformsGetTheGenericFile() throws Exception {
    for (String variant : new String[] {"1.0.0rc7.dev1-linux2", "1.0.0rc6-haiku1", "whatever"}) {
      HttpResponse<String> r = get("/motd/" + variant + "/motd.json");
      assertThat(r.statusCode()).as(variant).isEqualTo(200);
      assertThat(r.body()).isEqualTo(f.read("motd/latest/motd.json"));
    }
    assertThat(get("/motd/9.9-linux2/motd.json.asc").statusCode())
        .as("no signature yet")
        .isEqualTo(404);
    assertThat(get("/motd/9.9-linux2/other.json").statusCode()).isEqualTo(404);
  }

  @Test
  void theQueryStringNeverChoosesTheFile() throws Exception {
    String plain = get("/motd/1.0.0rc5-linux2/motd.json").body();
    assertThat(get("/motd/1.0.0rc5-linux2/motd.json?lang=de&py=2.7.18").body()).isEqualTo(plain);
    assertThat(get("/motd/1.0.0rc5-linux2/motd.json?file=../../secret.txt").body())
        .isEqualTo(plain);
  }

  @Test
  void contentTypesAndHeadersComeFromTheHeadersFile() throws Exception {
    HttpResponse<String> json = get("/motd/latest/motd.json");
    assertThat(json.headers().firstValue("content-type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(json.headers().firstValue("cache-control"))
        .hasValue("max-age=3600, stale-while-revalidate=86400");
    assertThat(json.headers().firstValue("content-security-policy")).hasValue("default-src 'self'");
    assertThat(json.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(json.headers().firstValue("referrer-policy")).hasValue("no-referrer");
    Files.writeString(
        f.site.resolve("motd/latest/motd.json.asc"), "-----BEGIN PGP SIGNATURE-----\n");
    assertThat(get("/motd/latest/motd.json.asc").headers().firstValue("content-type"))
        .hasValue("application/pgp-signature");
    assertThat(get("/").headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(get("/feed.atom").headers().firstValue("content-type"))
        .hasValue("application/atom+xml; charset=utf-8");
    assertThat(get("/assets/style.css").headers().firstValue("cache-control"))
        .hasValue("max-age=86400");
  }

  @Test
  void etagsGiveNotModified() throws Exception {
    HttpResponse<String> first = get("/motd/latest/motd.json");
    String etag = first.headers().firstValue("etag").orElseThrow();
    HttpResponse<String> again = get("/motd/latest/motd.json", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get("/motd/latest/motd.json", "If-None-Match", "\"other\"").statusCode())
        .isEqualTo(200);
    assertThat(get("/motd/1.0.0rc5-linux2/motd.json", "If-None-Match", etag).statusCode())
        .as("another file")
        .isEqualTo(200);
  }

  @Test
  void headSendsHeadersWithoutABody() throws Exception {
    HttpResponse<String> head = send("HEAD", "/motd/latest/motd.json");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("content-length"))
        .hasValue(String.valueOf(Files.size(f.site.resolve("motd/latest/motd.json"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
  void otherMethodsGet405(String method) throws Exception {
    HttpResponse<String> r = send(method, "/motd/latest/motd.json");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("allow")).hasValue("GET, HEAD");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../secret.txt",
        "/motd/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/motd/%2E%2E/%2e%2e/secret.txt",
        "/..%2Fsecret.txt",
        "/motd%2F..%2F..%2Fsecret.txt",
        "/motd/..%5C..%5Csecret.txt",
        "/%00",
      })
  void pathsThatEscapeTheSiteGet404(String path) throws IOException {
    // Sent byte for byte over a socket: HTTP clients normalize such paths before sending them.
    try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).as(path).startsWith("HTTP/1.1 404").doesNotContain("outside the site");
    }
  }

  @Test
  void theAccessLogUsesTheCombinedLogFormat() throws Exception {
    get(
        "/motd/1.0.0rc5-linux2/motd.json?lang=en&py=3.11",
        "User-Agent",
        "Mailpile/1.0",
        "Referer",
        "http://x/");
    send("HEAD", "/");
    // The server logs after it has answered: give it a moment.
    for (int i = 0; i < 100 && log.toString().split("\n").length < 2; i++) {
      Thread.sleep(20);
    }
    String[] lines = log.toString().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .matches(
            "127\\.0\\.0\\.1 - - \\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000\\] "
                + "\"GET /motd/1\\.0\\.0rc5-linux2/motd\\.json\\?lang=en&py=3\\.11 HTTP/1\\.1\" 200 \\d+ \"http://x/\" \"Mailpile/1\\.0\"");
    assertThat(lines[1]).contains("\"HEAD / HTTP/1.1\" 200 - ");
  }

  @Test
  void theIndexIsServedAtTheRoot() throws Exception {
    HttpResponse<String> r = get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(f.read("index.html"));
    assertThat(get("/announcements/").statusCode()).isEqualTo(404);
  }
}
