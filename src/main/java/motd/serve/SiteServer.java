package motd.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import motd.emit.SiteFileIo;

/**
 * Serves a built site as a CDN would, for previews and for pointing a real Mailpile at: the same
 * fallback to the generic file, the headers from {@code _headers}, ETags and 304s, HEAD, and
 * nothing outside the site. Not for production; that is the CDN's job.
 */
public final class SiteServer implements AutoCloseable {
  private static final Pattern MOTD_FILE = Pattern.compile("/motd/[^/]+/(motd\\.json(?:\\.asc)?)");
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "json", "application/json; charset=utf-8",
          "asc", "application/pgp-signature",
          "atom", "application/atom+xml; charset=utf-8",
          "txt", "text/plain; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon");

  /** Seconds a client may take to send its request line and headers. */
  static final int HEADER_SECONDS = 10;

  /** Bytes of request headers accepted, and how many header lines. */
  static final int MAX_HEADER_BYTES = 16 * 1024;

  static final int MAX_HEADERS = 64;

  /** Connections served at once; a slow client holds one until its headers time out. */
  static final int MAX_WORKERS = 512;

  static {
    // The JDK's server reads these once, when the first server is made. Without them a client
    // that sends one header line every few seconds holds a worker forever.
    setDefault("sun.net.httpserver.maxReqTime", Integer.toString(HEADER_SECONDS));
    setDefault("sun.net.httpserver.timerMillis", "500");
    setDefault("sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_HEADER_BYTES));
    setDefault("sun.net.httpserver.maxReqHeaders", Integer.toString(MAX_HEADERS));
    setDefault("sun.net.httpserver.idleInterval", "30");
  }

  private static void setDefault(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  private final Path root;
  private final HttpServer server;
  private final ExecutorService executor;
  private final PrintWriter accessLog;

  private SiteServer(
      Path root, HttpServer server, ExecutorService executor, PrintWriter accessLog) {
    this.root = root;
    this.server = server;
    this.executor = executor;
    this.accessLog = accessLog;
  }

  /**
   * Starts serving {@code site} on {@code address} (port 0 picks a free one).
   *
   * @param accessLog receives one Combined Log Format line per request, or null
   */
  public static SiteServer start(Path site, InetSocketAddress address, PrintWriter accessLog)
      throws IOException {
    motd.emit.SiteTree.scan(site).requireNoStrays("serve");
    HttpServer server = HttpServer.create(address, 256);
    ExecutorService executor =
        new java.util.concurrent.ThreadPoolExecutor(
            4,
            MAX_WORKERS,
            30,
            java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "motd-serve");
              t.setDaemon(true);
              return t;
            });
    SiteServer s = new SiteServer(site.toAbsolutePath().normalize(), server, executor, accessLog);
    server.createContext("/", s::handle);
    server.setExecutor(executor);
    server.start();
    return s;
  }

  /** The address actually bound, with the real port. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** {@code http://127.0.0.1:8080}, without a trailing slash. */
  public String url() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + a.getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    long length = 0;
    try {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        byte[] body = "method not allowed\n".getBytes(StandardCharsets.UTF_8);
        send(ex, 405, "text/plain; charset=utf-8", body);
        length = body.length;
        return;
      }
      Optional<String> path = resolve(ex.getRequestURI().getRawPath());
      if (path.isEmpty()) {
        length = notFound(ex);
        return;
      }
      byte[] body;
      try {
        body = motd.emit.SiteTree.readRegular(root.resolve(path.get().substring(1)));
      } catch (IOException e) {
        length = notFound(ex); // replaced or removed since it was resolved
        return;
      }
      String etag = "\"" + SiteFileIo.sha256(body).substring(0, 32) + "\"";
      Map<String, String> headers =
          HeaderRules.read(root.resolve("_headers")).headersFor(path.get());
      headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      ex.getResponseHeaders().set("ETag", etag);
      String inm = ex.getRequestHeaders().getFirst("If-None-Match");
      if (inm != null && matches(inm, etag)) {
        ex.sendResponseHeaders(304, -1);
        return;
      }
      String type =
          headers.getOrDefault(
              "Content-Type",
              TYPES.getOrDefault(extension(path.get()), "application/octet-stream"));
      send(ex, 200, type, body);
      length = body.length;
    } finally {
      log(ex, ex.getResponseCode(), ex.getRequestMethod().equals("HEAD") ? 0 : length);
      ex.close();
    }
  }

  private long notFound(HttpExchange ex) throws IOException {
    byte[] body = "not found\n".getBytes(StandardCharsets.UTF_8);
    HeaderRules.read(root.resolve("_headers"))
        .headersFor("/404")
        .forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    send(ex, 404, "text/plain; charset=utf-8", body);
    return body.length;
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * The site path to serve for a raw request path, or empty for 404. Query strings never reach
   * here. Anything that could leave the site ({@code ..}, encoded or not, encoded slashes,
   * backslashes, NULs, links pointing outside) is refused.
   */
  Optional<String> resolve(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return Optional.empty();
    }
    String lower = rawPath.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%00")
        || rawPath.contains("\\")) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = java.net.URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    for (String segment : decoded.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return Optional.empty();
      }
    }
    String path = decoded.endsWith("/") ? decoded + "index.html" : decoded;
    if (isServable(path)) {
      return Optional.of(path);
    }
    if (isServable(path + "/index.html")) {
      return Optional.of(path + "/index.html");
    }
    // The rule the generated host files apply: unknown variants get the generic file. A
    // variant's signature falls back only if its JSON is missing too, so a known variant's JSON
    // is never paired with the generic file's signature.
    var m = MOTD_FILE.matcher(path);
    if (m.matches()) {
      String json = path.endsWith(".asc") ? path.substring(0, path.length() - 4) : path;
      if (!isServable(json) && isServable("/motd/latest/" + m.group(1))) {
        return Optional.of("/motd/latest/" + m.group(1));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code path} names a regular file of the site, reached without any symlink, and not a
   * temporary file left by an interrupted run.
   */
  private boolean isServable(String path) {
    Path file = root.resolve(path.substring(1)).normalize();
    if (!file.startsWith(root) || motd.emit.SafeFiles.isTemp(file.getFileName().toString())) {
      return false;
    }
    for (Path p = file; !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        return false;
      }
    }
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.strip();
      if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  private void log(HttpExchange ex, int status, long length) {
    if (accessLog == null) {
      return;
    }
    String request =
        ex.getRequestMethod() + " " + ex.getRequestURI().toString() + " " + ex.getProtocol();
    String referer = ex.getRequestHeaders().getFirst("Referer");
    String agent = ex.getRequestHeaders().getFirst("User-Agent");
    String line =
        String.format(
            Locale.ROOT,
            "%s - - [%s] \"%s\" %d %s \"%s\" \"%s\"",
            ex.getRemoteAddress().getAddress().getHostAddress(),
            CLF.format(ZonedDateTime.now(java.time.ZoneOffset.UTC)),
            quote(request),
            status,
            length > 0 ? Long.toString(length) : "-",
            referer == null ? "-" : quote(referer),
            agent == null ? "-" : quote(agent));
    synchronized (accessLog) {
      accessLog.println(line);
      accessLog.flush();
    }
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String extension(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
