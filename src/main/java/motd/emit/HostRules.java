package motd.emit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import motd.model.Config;
import motd.model.Variant;

/**
 * The files that teach static hosts what {@code motd serve} does: fall back to the generic file for
 * unknown versions and platforms, and send the right headers. One rule, written once per host:
 *
 * <ul>
 *   <li>{@code _redirects} and {@code _headers}: Netlify and Cloudflare Pages;
 *   <li>{@code 404.html}: the page Cloudflare Pages, Netlify and GitHub Pages answer a missing path
 *       with (without it Cloudflare Pages answers every miss with the front page and status 200);
 *   <li>{@code nginx.conf}: nginx, a snippet to include into the server block;
 *   <li>{@code .htaccess}: Apache;
 *   <li>{@code cloudfront-function.js}: a CloudFront Function (viewer request) for S3 behind
 *       CloudFront.
 * </ul>
 *
 * <p>Wherever a host can tell, a variant's signature falls back to the generic file's only when the
 * variant is unknown, so a known variant's file is never paired with another file's signature.
 */
public final class HostRules {
  /** Short enough that a security note spreads within hours; stale copies still serve offline. */
  public static final String SHORT_CACHE = "max-age=3600, stale-while-revalidate=86400";

  /** Pages and the feed change with each build. */
  public static final String PAGE_CACHE = "max-age=600";

  /** Assets are small and rarely change, but have no hashed names: a day, not a year. */
  public static final String ASSET_CACHE = "max-age=86400";

  /** Pages load nothing from other hosts. */
  public static final String CSP = "default-src 'self'";

  /** The type of every JSON file below {@code motd/}. */
  public static final String JSON_TYPE = "application/json; charset=utf-8";

  /** The type of every detached signature ({@code X.asc} beside {@code X}). */
  public static final String SIGNATURE_TYPE = "application/pgp-signature";

  /** The type of {@code motd/signing-key.asc}, a certificate rather than a signature. */
  public static final String KEY_TYPE = "application/pgp-keys";

  /** The type of {@code feed.atom}. */
  public static final String ATOM_TYPE = "application/atom+xml; charset=utf-8";

  /** Headers every response carries. */
  public static final Map<String, String> SECURITY_HEADERS =
      orderedMap(
          "Content-Security-Policy", CSP,
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "no-referrer");

  /** The site's certificate, which {@code motd sign} writes. */
  public static final String CERTIFICATE = "motd/signing-key.asc";

  /** Cloudflare Pages reads at most this many static rules from {@code _redirects}. */
  static final int CLOUDFLARE_STATIC_REDIRECTS = 2000;

  /** Cloudflare Pages reads at most this many rules from {@code _headers}. */
  static final int CLOUDFLARE_HEADER_RULES = 100;

  private final Config config;
  private final List<Variant> variants;
  private final List<String> pages;

  private HostRules(Config config, List<Variant> variants, Collection<String> pages) {
    this.config = config;
    this.variants = List.copyOf(variants);
    this.pages = List.copyOf(new TreeSet<>(pages));
  }

  /**
   * The files to write at the site root.
   *
   * @param config the site's configuration: its releases and platform values, and its onion
   *     address, if any, which the loader has checked to be a plain {@code http(s)://….onion} and
   *     which the files therefore carry as it is
   * @param variants every variant the site has a file for
   * @param pages the site's HTML pages, as relative paths ({@code index.html}, {@code
   *     announcements/ID.html})
   */
  public static Map<String, byte[]> files(
      Config config, List<Variant> variants, Collection<String> pages) {
    HostRules r = new HostRules(config, variants, pages);
    Map<String, byte[]> out = new TreeMap<>();
    out.put("_redirects", bytes(r.redirects()));
    out.put("_headers", bytes(r.headers()));
    out.put("404.html", bytes(notFoundPage()));
    out.put("nginx.conf", bytes(r.nginx()));
    out.put(".htaccess", bytes(r.htaccess()));
    out.put(CloudFrontFunction.FILE, bytes(CloudFrontFunction.source(config)));
    return out;
  }

  /**
   * Netlify serves an existing file before it looks at any rule (it "shadows"); Cloudflare Pages
   * applies the first matching rule even where a file exists. So each file the site has is named
   * first, rewritten to itself, and only then do two catch-all rules send the rest to {@code
   * latest}. Netlify never needs the named rules; Cloudflare Pages reads them from an exact-path
   * table before the catch-alls.
   */
  String redirects() {
    StringBuilder sb =
        new StringBuilder(
            """
            # Generated by motd build, for Netlify and Cloudflare Pages (both read _redirects from
            # the site root). Clients of versions or platforms this site does not know get the
            # generic file.
            # Netlify serves an existing file before applying any rule; Cloudflare Pages applies
            # the first rule that matches, even where the file exists. So every variant's file and
            # signature is named first, rewritten to itself (a variant whose signature is missing
            # is a 404, never the generic file's signature), and only then do the last two rules
            # send everything else to the generic file.
            """);
    List<Variant> newestFirst = new ArrayList<>(variants);
    newestFirst.sort(NEWEST_FIRST);
    int room = CLOUDFLARE_STATIC_REDIRECTS / 2;
    if (newestFirst.size() > room) {
      sb.append("# Cloudflare Pages reads at most ")
          .append(CLOUDFLARE_STATIC_REDIRECTS)
          .append(" exact rules: the ")
          .append(newestFirst.size() - room)
          .append(" variants of the oldest releases are\n")
          .append(
              "# left out, so on Cloudflare Pages (not on Netlify) they get the generic file.\n");
      newestFirst = newestFirst.subList(0, room);
    }
    for (Variant v : newestFirst) {
      String json = "/" + v.path();
      sb.append(json).append(' ').append(json).append(" 200\n");
      sb.append(json).append(".asc ").append(json).append(".asc 200\n");
    }
    sb.append("/motd/:variant/motd.json /motd/latest/motd.json 200\n");
    sb.append("/motd/:variant/motd.json.asc /motd/latest/motd.json.asc 200\n");
    return sb.toString();
  }

  /** Latest first, then releases newest first, each release's bare file before its platforms. */
  private static final Comparator<Variant> NEWEST_FIRST =
      Comparator.comparing(Variant::isLatest)
          .reversed()
          .thenComparing(
              (Variant v) -> v.version(), Comparator.nullsFirst(Comparator.reverseOrder()))
          .thenComparing(
              (Variant v) -> v.platform(), Comparator.nullsFirst(Comparator.naturalOrder()));

  /**
   * One rule per header per path: Cloudflare Pages joins the values of every rule that matches a
   * path (two {@code Cache-Control} rules give {@code max-age=600, max-age=600}), so rules that set
   * the same header never overlap. Neither host can put the request path into a header value that
   * the other reads the same way, so pages get exact rules, each with its own {@code
   * Onion-Location}; a site with more pages than Cloudflare's rule limit allows falls back to one
   * rule for all pages, which offers the onion site's front page.
   */
  String headers() {
    List<String> rules = new ArrayList<>();
    rules.add(rule("/*", SECURITY_HEADERS));
    rules.add(rule("/motd/*", Map.of("Cache-Control", SHORT_CACHE)));
    rules.add(rule("/motd/*.json", Map.of("Content-Type", JSON_TYPE)));
    rules.add(rule("/motd/*.json.asc", Map.of("Content-Type", SIGNATURE_TYPE)));
    rules.add(rule("/" + CERTIFICATE, Map.of("Content-Type", KEY_TYPE)));
    rules.add(
        rule("/feed.atom", orderedMap("Content-Type", ATOM_TYPE, "Cache-Control", PAGE_CACHE)));
    rules.add(rule("/assets/*", Map.of("Cache-Control", ASSET_CACHE)));
    List<String> pageRules = new ArrayList<>();
    for (String page : pages) {
      for (String path : requestPaths(page)) {
        pageRules.add(rule(path, pageHeaders(onionUrl("/" + page))));
      }
    }
    if (rules.size() + pageRules.size() > CLOUDFLARE_HEADER_RULES) {
      pageRules =
          List.of(
              rule("/", pageHeaders(onionUrl("/"))), rule("/*.html", pageHeaders(onionUrl("/"))));
    }
    rules.addAll(pageRules);
    return "# Generated by motd build, for Netlify and Cloudflare Pages (both read _headers from the\n"
        + "# site root). Rules that set the same header never overlap: Cloudflare Pages would join\n"
        + "# their values.\n"
        + String.join("", rules);
  }

  /** The paths a host may be asked for a page: Cloudflare Pages serves pages without .html. */
  private static List<String> requestPaths(String page) {
    String path = "/" + page;
    if (page.equals("index.html")) {
      return List.of("/", path);
    }
    if (page.endsWith("/index.html")) {
      return List.of(path.substring(0, path.length() - "index.html".length()), path);
    }
    return List.of(path, path.substring(0, path.length() - ".html".length()));
  }

  private Map<String, String> pageHeaders(String onion) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Cache-Control", PAGE_CACHE);
    if (onion != null) {
      h.put("Onion-Location", onion);
    }
    return h;
  }

  /** The same page on the onion service, or null without one. */
  private String onionUrl(String path) {
    String p = path.endsWith("/index.html") ? path.substring(0, path.length() - 10) : path;
    return config.onion() == null ? null : config.onion() + p;
  }

  private static String rule(String pattern, Map<String, String> headers) {
    StringBuilder sb = new StringBuilder(pattern).append('\n');
    headers.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
    return sb.toString();
  }

  /**
   * A snippet for the server block that serves the site. It adds locations for the site's own paths
   * only (no {@code location /}, which Debian's default site already has) and sets types only
   * inside them, so the server's MIME map stays whole. nginx drops inherited {@code add_header}s in
   * a location that adds its own, so each location repeats the security headers.
   */
  String nginx() {
    String json = "types { } default_type \"" + JSON_TYPE + "\";";
    String signature = "types { } default_type " + SIGNATURE_TYPE + ";";
    Map<String, String> shortCache = withSecurity("Cache-Control", SHORT_CACHE);
    Map<String, String> page = withSecurity("Cache-Control", PAGE_CACHE);
    List<String> pageDirectives = new ArrayList<>(List.of("charset utf-8;"));
    if (config.onion() != null) {
      pageDirectives.add(
          "add_header Onion-Location \"" + config.onion() + "$request_uri\" always;");
    }
    StringBuilder sb =
        new StringBuilder(
            """
            # Generated by motd build, for nginx. Include it in the server block that serves this
            # site, after its root:
            #   server { ... root /srv/motd/site; include /srv/motd/site/nginx.conf; ... }
            # It only adds locations for this site's own paths (no "location /") and sets types
            # only inside them, so it fits into an existing server such as Debian's default site.
            # Clients of versions or platforms this site does not know get the generic file.
            """);
    SECURITY_HEADERS.forEach((k, v) -> sb.append(addHeader(k, v)).append('\n'));
    String motd =
        location(
                "",
                "~ \"^/motd/[^/]+/motd\\.json$\"",
                List.of(json, "try_files $uri /motd/latest/motd.json;"),
                shortCache)
            + location(
                "",
                "~ \"^/motd/(?<motd_variant>[^/]+)/motd\\.json\\.asc$\"",
                List.of(
                    "# The generic file's signature only for a variant this site does not have,",
                    "# never beside a known variant's file.",
                    "if (!-f $document_root/motd/$motd_variant/motd.json) {",
                    "    rewrite ^ /motd/latest/motd.json.asc last;",
                    "}",
                    signature),
                shortCache)
            + location(
                "",
                "= /" + CERTIFICATE,
                List.of("types { } default_type " + KEY_TYPE + ";"),
                shortCache)
            + location("", "~ \"\\.json$\"", List.of(json), shortCache)
            + location("", "~ \"\\.asc$\"", List.of(signature), shortCache);
    sb.append(location("", "^~ /motd/", List.of(motd), shortCache));
    sb.append(location("", "^~ /assets/", List.of(), withSecurity("Cache-Control", ASSET_CACHE)));
    sb.append(
        location(
            "", "= /feed.atom", List.of("types { } default_type \"" + ATOM_TYPE + "\";"), page));
    sb.append(location("", "~ \"\\.html$\"", pageDirectives, page));
    return sb.toString();
  }

  private static Map<String, String> withSecurity(String name, String value) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(name, value);
    m.putAll(SECURITY_HEADERS);
    return m;
  }

  private static String addHeader(String name, String value) {
    return "add_header " + name + " \"" + value + "\" always;";
  }

  /** One nginx location block; a directive starting with "location" is a nested block. */
  private static String location(
      String indent, String match, List<String> directives, Map<String, String> headers) {
    String inner = indent + "    ";
    StringBuilder sb = new StringBuilder(indent).append("location ").append(match).append(" {\n");
    StringBuilder nested = new StringBuilder();
    for (String d : directives) {
      if (d.startsWith("location")) {
        nested.append(d.indent(inner.length()));
      } else {
        sb.append(inner).append(d).append('\n');
      }
    }
    headers.forEach((k, v) -> sb.append(inner).append(addHeader(k, v)).append('\n'));
    return sb.append(nested).append(indent).append("}\n").toString();
  }

  String htaccess() {
    StringBuilder security = new StringBuilder();
    SECURITY_HEADERS.forEach(
        (k, v) ->
            security
                .append("  Header always set ")
                .append(k)
                .append(" \"")
                .append(v)
                .append("\"\n"));
    String onion =
        config.onion() == null
            ? ""
            : "    Header always set Onion-Location \"expr="
                + config.onion()
                + "%{REQUEST_URI}\"\n";
    return """
        # Generated by motd build, for Apache (mod_rewrite, mod_headers and mod_mime, with
        # AllowOverride FileInfo). RewriteBase assumes the site is served at the root of its host.
        # Clients of versions or platforms this site does not know get the generic file.
        RewriteEngine On
        RewriteBase /
        RewriteCond %%{REQUEST_FILENAME} !-f
        RewriteRule ^motd/[^/]+/motd\\.json$ motd/latest/motd.json [L]
        # The generic file's signature only for a variant this site does not have, never beside
        # a known variant's file.
        RewriteCond %%{REQUEST_FILENAME} !-f
        RewriteCond %%{CONTEXT_DOCUMENT_ROOT}/motd/$1/motd.json !-f
        RewriteRule ^motd/([^/]+)/motd\\.json\\.asc$ motd/latest/motd.json.asc [L]

        AddType "%5$s" .json
        AddType %6$s .asc
        AddType "%7$s" .atom
        AddType "text/html; charset=utf-8" .html
        <Files "signing-key.asc">
          ForceType %8$s
        </Files>

        <IfModule mod_headers.c>
        %1$s  <FilesMatch "\\.(json|asc)$">
            Header always set Cache-Control "%2$s"
          </FilesMatch>
          <FilesMatch "\\.html$">
            Header always set Cache-Control "%3$s"
        %9$s  </FilesMatch>
          <FilesMatch "\\.atom$">
            Header always set Cache-Control "%3$s"
          </FilesMatch>
          <FilesMatch "\\.(css|svg)$">
            Header always set Cache-Control "%4$s"
          </FilesMatch>
        </IfModule>
        """
        .formatted(
            security.toString(),
            SHORT_CACHE,
            PAGE_CACHE,
            ASSET_CACHE,
            JSON_TYPE,
            SIGNATURE_TYPE,
            ATOM_TYPE,
            KEY_TYPE,
            onion);
  }

  /** Plain and self-contained: it is served at any depth, so its links start at the root. */
  static String notFoundPage() {
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>Not found</title>
        <link rel="stylesheet" href="/assets/style.css">
        </head>
        <body>
        <main>
        <h1>Not found</h1>
        <p>There is nothing at this address. The news is on the <a href="/">front page</a>.</p>
        </main>
        </body>
        </html>
        """;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }
}
