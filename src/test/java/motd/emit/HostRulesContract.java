package motd.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import motd.Fixture;
import motd.ProcessTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host files {@code build} writes, in the real runtime of the host they are for, on loopback.
 * Every host must pass the same requests: known variants get their own file and signature, unknown
 * versions and platforms get the generic file and its signature, query strings change nothing, a
 * known variant's missing signature is never replaced by another file's, and the headers are those
 * of {@code _headers}. Subclasses start one runtime each.
 */
abstract class HostRulesContract {
  static final String ONION = "http://" + "a".repeat(56) + ".onion";

  @TempDir Path tmp;
  Fixture fixture;
  private Process server;
  private AutoCloseable running;
  private Path log;
  private String url;
  private int port;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  /**
   * Writes the runtime's configuration into {@code dir}, checks it where the runtime can, and
   * returns the command that serves {@code site} on {@code port} of 127.0.0.1.
   */
  ProcessBuilder configure(Path dir, int port, Path site) throws Exception {
    throw new UnsupportedOperationException("runs in this JVM");
  }

  /**
   * Whether the runtime sends the {@code Content-Type} and {@code Cache-Control} the rules ask for.
   * netlify dev's static server replaces both with its own; its subclass checks them through
   * Netlify's own rules parser instead.
   */
  boolean sendsRuleTypesAndCaching() {
    return true;
  }

  /** What {@code Onion-Location} may say for the front page ({@code /}). */
  String[] onionForFrontPage() {
    return new String[] {ONION + "/"};
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @BeforeEach
  void start() throws Exception {
    fixture = Fixture.create(tmp.resolve("project"));
    fixture.config(Fixture.CONFIG + "onion: " + ONION + "\n");
    fixture.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    fixture.write(
        "linux.yaml",
        "published: 2019-01-01\ntarget: {platforms: [linux]}\nmessage: {en: penguins}\n");
    fixture.builder().build(fixture.site, Instant.parse("2020-01-01T00:00:00Z"));
    // Signatures for some variants only; 1.0.0rc6-linux2 is left unsigned, as in a half-signed
    // site, and must never be paired with another file's signature.
    for (String variant : new String[] {"latest", "1.0.0rc5", "1.0.0rc5-linux2"}) {
      Files.writeString(
          fixture.site.resolve("motd/" + variant + "/motd.json.asc"),
          "-----BEGIN PGP SIGNATURE-----\n" + variant + "\n");
    }
    Files.writeString(
        fixture.site.resolve(HostRules.CERTIFICATE), "-----BEGIN PGP PUBLIC KEY BLOCK-----\n");
    port = freePort();
    Path dir = Files.createDirectories(tmp.resolve("server"));
    log = dir.resolve("server.log");
    running = launch(dir, port, fixture.site.toAbsolutePath());
    url = "http://127.0.0.1:" + port;
    awaitReady();
  }

  /** Starts the runtime; by default, the process {@link #configure} describes. */
  AutoCloseable launch(Path dir, int port, Path site) throws Exception {
    server =
        configure(dir, port, site)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    return () -> ProcessTree.stop(server, 20);
  }

  /** Polls the generic file until it is served; runtimes that start workers take a while. */
  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      try {
        if (get("/motd/latest/motd.json").statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline || (server != null && !server.isAlive())) {
        throw new AssertionError("the server did not start:\n" + serverLog());
      }
      Thread.sleep(100);
    }
  }

  String serverLog() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      running.close();
    }
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void assertServes(String path, String sitePath) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    assertThat(r.body()).as(path + " serves " + sitePath).isEqualTo(fixture.read(sitePath));
  }

  @Test
  void knownVariantsGetTheirOwnFileAndSignature() throws Exception {
    for (String variant : new String[] {"1.0.0rc5-linux2", "1.0.0rc5", "latest"}) {
      String file = "motd/" + variant + "/motd.json";
      assertServes("/" + file, file);
      assertServes("/" + file + ".asc", file + ".asc");
    }
    assertServes("/motd/1.0.0rc6-linux2/motd.json", "motd/1.0.0rc6-linux2/motd.json");
  }

  @Test
  void unknownVersionsAndPlatformsGetTheGenericFile() throws Exception {
    for (String variant : new String[] {"1.0.0rc7.dev1-linux2", "1.0.0rc5-haiku", "9.9.9"}) {
      assertServes("/motd/" + variant + "/motd.json", "motd/latest/motd.json");
      assertServes("/motd/" + variant + "/motd.json.asc", "motd/latest/motd.json.asc");
    }
  }

  @Test
  void queryStringsChangeNothing() throws Exception {
    assertServes(
        "/motd/1.0.0rc5-linux2/motd.json?lang=de&py=2.7.18", "motd/1.0.0rc5-linux2/motd.json");
    assertServes("/motd/1.0.0rc7-haiku/motd.json?lang=de&py=3.11", "motd/latest/motd.json");
    assertServes("/motd/latest/motd.json?lang=fr", "motd/latest/motd.json");
  }

  @Test
  void aKnownVariantNeverGetsAnotherFilesSignature() throws Exception {
    HttpResponse<String> r = get("/motd/1.0.0rc6-linux2/motd.json.asc");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).doesNotContain("BEGIN PGP");
  }

  @Test
  void otherMissingPathsAreNotFound() throws Exception {
    assertThat(get("/motd/unknown/other.json").statusCode()).isEqualTo(404);
    assertThat(get("/no-such-page.html").statusCode()).isEqualTo(404);
  }

  /**
   * Crafted variant names: traversal (plain and encoded), NUL, JavaScript's prototype names, a long
   * name. Each gets an error or the generic file, never another file of the site or beyond.
   */
  @Test
  void craftedVariantNamesGetTheGenericFileOrAnError() throws Exception {
    Files.writeString(tmp.resolve("outside.json"), "outside");
    String latest = fixture.read("motd/latest/motd.json");
    for (String variant :
        new String[] {
          "..%2F..%2F..",
          "%2e%2e",
          "..%5c..",
          "1.0.0rc5-linux2%00",
          "constructor",
          "__proto__",
          "1.0.0rc5-linux2%2F..",
          "x".repeat(2000)
        }) {
      for (String file : new String[] {"motd.json", "motd.json.asc"}) {
        HttpResponse<String> r = get("/motd/" + variant + "/" + file);
        if (r.statusCode() == 200) {
          assertThat(r.body())
              .as(variant + "/" + file)
              .isEqualTo(file.endsWith(".asc") ? fixture.read("motd/latest/" + file) : latest);
        } else {
          assertThat(r.statusCode()).as(variant + "/" + file).isBetween(400, 499);
          assertThat(r.body()).doesNotContain("outside").doesNotContain("\"variant\"");
        }
      }
    }
    HttpResponse<String> up = get("/motd/%2e%2e/%2e%2e/outside.json");
    assertThat(up.body()).doesNotContain("outside");
  }

  @Test
  void sendsTheHeadersOfTheHeadersFile() throws Exception {
    HttpResponse<String> json = get("/motd/1.0.0rc5-linux2/motd.json");
    assertSecurityHeaders(json);
    assertRuleHeader(json, "content-type", HostRules.JSON_TYPE);
    assertRuleHeader(json, "cache-control", HostRules.SHORT_CACHE);
    assertThat(json.headers().firstValue("onion-location")).isEmpty();
    HttpResponse<String> sig = get("/motd/1.0.0rc7-haiku/motd.json.asc");
    assertSecurityHeaders(sig);
    assertRuleHeader(sig, "content-type", HostRules.SIGNATURE_TYPE);
    assertRuleHeader(sig, "cache-control", HostRules.SHORT_CACHE);
    HttpResponse<String> key = get("/" + HostRules.CERTIFICATE);
    assertThat(key.statusCode()).isEqualTo(200);
    assertRuleHeader(key, "content-type", HostRules.KEY_TYPE);

    HttpResponse<String> page = get("/");
    assertThat(page.body()).contains("<h1>");
    assertSecurityHeaders(page);
    assertThat(page.headers().firstValue("content-type").orElseThrow().toLowerCase(Locale.ROOT))
        .isEqualTo("text/html; charset=utf-8");
    assertRuleHeader(page, "cache-control", HostRules.PAGE_CACHE);
    assertThat(page.headers().firstValue("onion-location").orElseThrow())
        .isIn((Object[]) onionForFrontPage());
    HttpResponse<String> announcement = get("/announcements/hello.html");
    assertThat(announcement.body()).contains("hello");
    assertThat(announcement.headers().firstValue("onion-location"))
        .hasValue(ONION + "/announcements/hello.html");
    assertRuleHeader(announcement, "cache-control", HostRules.PAGE_CACHE);

    HttpResponse<String> feed = get("/feed.atom");
    assertSecurityHeaders(feed);
    assertRuleHeader(feed, "content-type", HostRules.ATOM_TYPE);
    assertThat(feed.headers().firstValue("onion-location")).isEmpty();
    HttpResponse<String> css = get("/assets/style.css");
    assertSecurityHeaders(css);
    assertRuleHeader(css, "cache-control", HostRules.ASSET_CACHE);
    assertThat(get("/assets/favicon.svg").headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
  }

  private static void assertSecurityHeaders(HttpResponse<String> r) {
    HostRules.SECURITY_HEADERS.forEach(
        (name, value) ->
            assertThat(r.headers().allValues(name))
                .as(r.uri() + " " + name)
                .containsExactly(value));
  }

  private void assertRuleHeader(HttpResponse<String> r, String name, String value) {
    if (sendsRuleTypesAndCaching()) {
      assertThat(r.headers().allValues(name)).as(r.uri() + " " + name).containsExactly(value);
    }
  }

  /**
   * The bytes a Mailpile on Python 2.7 sends (urllib2 over httplib): HTTP/1.1, its default headers,
   * the query string it adds for usage counts, and {@code Connection: close}.
   */
  @Test
  void servesMailpilesOwnRequest() throws Exception {
    String request =
        "GET /motd/1.0.0rc5-linux2/motd.json?lang=de&py=2.7.18 HTTP/1.1\r\n"
            + "Accept-Encoding: identity\r\n"
            + "Host: 127.0.0.1:"
            + port
            + "\r\n"
            + "Connection: close\r\n"
            + "User-Agent: Python-urllib/2.7\r\n"
            + "\r\n";
    RawResponse r = raw(request);
    assertThat(r.status()).as(r.head()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(fixture.read("motd/1.0.0rc5-linux2/motd.json"));
    if (sendsRuleTypesAndCaching()) {
      assertThat(r.headers()).containsEntry("content-type", HostRules.JSON_TYPE);
    }
    assertThat(r.headers()).doesNotContainKey("content-encoding");
    RawResponse unknown = raw(request.replace("1.0.0rc5-linux2", "1.0.0rc8-linux2"));
    assertThat(unknown.body()).isEqualTo(fixture.read("motd/latest/motd.json"));
  }

  record RawResponse(int status, String head, Map<String, String> headers, String body) {}

  /** Sends {@code request} as it is and reads until the server closes the connection. */
  private RawResponse raw(String request) throws IOException {
    byte[] all;
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      all = s.getInputStream().readAllBytes();
    }
    String text = new String(all, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    assertThat(end).as("a complete response head: " + text).isPositive();
    String head = text.substring(0, end);
    String[] lines = head.split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(new java.io.ByteArrayInputStream(body));
    }
    return new RawResponse(
        Integer.parseInt(lines[0].split(" ")[1]),
        head,
        headers,
        new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      StringBuilder size = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("truncated chunk size");
        }
        if (c != '\r') {
          size.append((char) c);
        }
      }
      int n = Integer.parseInt(size.toString().split(";")[0].strip(), 16);
      if (n == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(n));
      in.readNBytes(2);
    }
  }
}
