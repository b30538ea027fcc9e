package motd.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;
import motd.model.Config;
import motd.model.Limits;
import motd.model.PathSegment;
import motd.model.Release;
import motd.model.Variant;
import motd.version.Version;

/** Reads {@code motd.yaml}: the site's configuration. */
final class ConfigReader {
  /** The configuration file's name inside the announcements folder. */
  static final String CONFIG_FILE = "motd.yaml";

  static final Set<String> KEYS =
      Set.of(
          "signed",
          "base_url",
          "languages",
          "platforms",
          "releases",
          "extra",
          "signing_keys",
          "onion");
  private static final Set<String> RELEASE_KEYS = Set.of("version", "date", "platforms");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?");

  /** OpenPGP v4 (40 hex digits) or v6 (64) fingerprints, as gpg prints them; spaces allowed. */
  private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-F]{40}|[0-9A-F]{64}");

  private final Diagnostics d;

  ConfigReader(Diagnostics d) {
    this.d = d;
  }

  /** The configuration, or null if it is unusable (the reasons are reported). */
  Config read(Node root) {
    Optional<Fields> maybe = Fields.of(root, KEYS, CONFIG_FILE, d);
    if (maybe.isEmpty()) {
      return null;
    }
    Fields f = maybe.get();
    String signed =
        f.required("signed", CONFIG_FILE)
            .flatMap(n -> f.string("signed"))
            .filter(s -> line(s, "'signed'"))
            .map(Node.Scalar::text)
            .orElse("");
    String baseUrl = "";
    if (f.required("base_url", CONFIG_FILE).isPresent()) {
      baseUrl =
          f.string("base_url")
              .filter(s -> httpUrl(s, "base_url", d))
              .map(s -> stripTrailingSlash(s.text()))
              .orElse("");
    }
    List<String> languages = languages(f);
    Map<String, List<String>> platforms = platforms(f);
    List<Release> releases = releases(f, platforms);
    Map<String, Object> extra = new LinkedHashMap<>();
    f.node("extra")
        .ifPresent(
            n -> {
              if (n instanceof Node.Mapping m) {
                for (Node.Entry e : m.entries().values()) {
                  if (Loader.RESERVED_FIELDS.contains(e.key()) || languages.contains(e.key())) {
                    d.error(
                        e.keyPosition(),
                        "extra field '" + e.key() + "' would overwrite a field every MOTD has");
                  } else {
                    checkStrings(e.value());
                    extra.put(e.key(), plain(e.value()));
                  }
                }
              } else {
                d.error(n.position(), "'extra' must be a mapping, found " + n.kind());
              }
            });
    int extraBytes = extra.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (extraBytes > Limits.EXTRA_BYTES) {
      d.error(
          f.at("extra"),
          "the 'extra' fields take "
              + Limits.size(extraBytes)
              + "; the limit is "
              + Limits.size(Limits.EXTRA_BYTES)
              + ", since every MOTD file carries them");
    }
    List<String> signingKeys = signingKeys(f);
    String onion = f.string("onion").flatMap(this::onion).orElse(null);
    checkPaths(platforms, releases);
    if (languages.isEmpty() || platforms.isEmpty() || releases.isEmpty()) {
      return null;
    }
    return new Config(signed, baseUrl, languages, platforms, releases, extra, signingKeys, onion);
  }

  /** A one-line value that reaches clients or pages: no deceptive characters, not too long. */
  private boolean line(Node.Scalar s, String what) {
    boolean ok = Characters.check(s, what, d);
    if (s.text().length() > Limits.LINE_CHARS) {
      d.error(
          s.position(),
          what + " is " + s.text().length() + " characters; the limit is " + Limits.LINE_CHARS);
      ok = false;
    }
    return ok;
  }

  private void checkStrings(Node n) {
    if (n instanceof Node.Mapping m) {
      m.entries().values().forEach(e -> checkStrings(e.value()));
    } else if (n instanceof Node.Sequence seq) {
      seq.items().forEach(this::checkStrings);
    } else if (n instanceof Node.Scalar s && s.type() == Node.ScalarType.STRING) {
      Characters.check(s, "an 'extra' value", d);
    }
  }

  private List<String> signingKeys(Fields f) {
    List<String> out = new ArrayList<>();
    for (Node.Scalar s : f.scalarList("signing_keys").orElse(List.of())) {
      String fpr = s.text().replaceAll("\\s", "").toUpperCase(Locale.ROOT);
      if (!FINGERPRINT.matcher(fpr).matches()) {
        d.error(
            s.position(),
            "'"
                + s.text()
                + "' is not a key fingerprint (40 or 64 hex digits, as gpg --fingerprint prints)");
      } else if (out.contains(fpr)) {
        d.error(s.position(), "signing key " + fpr + " is listed twice");
      } else {
        out.add(fpr);
      }
    }
    return out;
  }

  /** The onion service's address: http(s), a v3 onion host name, nothing after the host. */
  private Optional<String> onion(Node.Scalar s) {
    String text = stripTrailingSlash(s.text().trim());
    if (text.matches("https?://[a-z2-7]{56}\\.onion")) {
      return Optional.of(text);
    }
    d.error(
        s.position(),
        "'onion' must be the onion service's address, such as http://"
            + "a".repeat(56)
            + ".onion (a v3 address: 56 letters a-z and digits 2-7), found '"
            + s.text()
            + "'");
    return Optional.empty();
  }

  static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private List<String> languages(Fields f) {
    List<String> out = new ArrayList<>();
    if (f.required("languages", CONFIG_FILE).isEmpty()) {
      return out;
    }
    List<Node.Scalar> list = f.scalarList("languages").orElse(List.of());
    if (list.size() > Limits.LANGUAGES) {
      d.error(
          f.at("languages"),
          "'languages' lists " + list.size() + " languages; the limit is " + Limits.LANGUAGES);
      return out;
    }
    for (Node.Scalar s : list) {
      String code = s.text();
      if (!LANGUAGE.matcher(code).matches()) {
        d.error(s.position(), "'" + code + "' is not a language code such as en, de or pt_BR");
      } else if (Loader.RESERVED_FIELDS.contains(code)) {
        d.error(s.position(), "'" + code + "' is a MOTD field name, not a language");
      } else if (out.contains(code)) {
        d.error(s.position(), "language '" + code + "' is listed twice");
      } else {
        out.add(code);
      }
    }
    if (f.has("languages") && out.isEmpty() && !d.hasErrors()) {
      d.error(f.at("languages"), "'languages' must list at least one language");
    }
    if (!out.isEmpty() && !out.get(0).equals("en")) {
      d.warning(
          f.at("languages"),
          "the default language is '"
              + out.get(0)
              + "', but deployed clients fall back to 'en' when their language is missing");
    }
    return out;
  }

  private Map<String, List<String>> platforms(Fields f) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Optional<Node> node = f.required("platforms", CONFIG_FILE);
    if (node.isEmpty()) {
      return out;
    }
    if (!(node.get() instanceof Node.Mapping m)) {
      d.error(
          node.get().position(),
          "'platforms' must map families to sys.platform values, found " + node.get().kind());
      return out;
    }
    Map<String, String> familyOfValue = new HashMap<>();
    for (Node.Entry e : m.entries().values()) {
      String family = e.key();
      name(family, "platform family '" + family + "'", e.keyPosition());
      List<String> values = new ArrayList<>();
      for (Node.Scalar s :
          f.asScalarList(e.value(), "platform family '" + family + "'").orElse(List.of())) {
        String value = s.text();
        if (!name(value, "platform '" + value + "'", s.position())) {
          continue;
        }
        if (value.contains("-")) {
          d.error(
              s.position(),
              "platform '"
                  + value
                  + "' contains '-', which separates version and platform in paths");
        } else if (familyOfValue.containsKey(value)) {
          d.error(
              s.position(),
              "platform '" + value + "' is already in family '" + familyOfValue.get(value) + "'");
        } else if (familyOfValue.size() >= Limits.PLATFORM_VALUES) {
          d.error(
              s.position(),
              "more than " + Limits.PLATFORM_VALUES + " sys.platform values; that is the limit");
          return new LinkedHashMap<>();
        } else {
          familyOfValue.put(value, family);
          values.add(value);
        }
      }
      out.put(family, values);
    }
    for (String family : out.keySet()) {
      if (familyOfValue.containsKey(family) && !familyOfValue.get(family).equals(family)) {
        d.error(
            m.entries().get(family).keyPosition(),
            "'"
                + family
                + "' is both a family and a platform of family '"
                + familyOfValue.get(family)
                + "'");
      }
    }
    if (out.values().stream().allMatch(List::isEmpty)) {
      d.error(node.get().position(), "'platforms' must list at least one sys.platform value");
      out.clear();
    }
    return out;
  }

  /** Whether {@code name} can be a folder name; reports it if not. */
  private boolean name(String name, String what, Position at) {
    Optional<String> problem = PathSegment.problem(name);
    if (problem.isPresent()) {
      d.error(at, what + " " + problem.get());
      return false;
    }
    if (name.length() > Limits.NAME_CHARS) {
      d.error(at, what + " is " + name.length() + " characters; the limit is " + Limits.NAME_CHARS);
      return false;
    }
    return true;
  }

  private List<Release> releases(Fields f, Map<String, List<String>> platforms) {
    List<Release> out = new ArrayList<>();
    Optional<Node> node = f.required("releases", CONFIG_FILE);
    if (node.isEmpty()) {
      return out;
    }
    if (!(node.get() instanceof Node.Sequence seq)) {
      d.error(node.get().position(), "'releases' must be a list, found " + node.get().kind());
      return out;
    }
    if (seq.items().size() > Limits.RELEASES) {
      d.error(
          seq.position(),
          "'releases' lists "
              + seq.items().size()
              + " releases; the limit is "
              + Limits.RELEASES
              + " (drop releases no client runs any more)");
      return out;
    }
    for (Node item : seq.items()) {
      Optional<Fields> maybe = Fields.of(item, RELEASE_KEYS, "a release", d);
      if (maybe.isEmpty()) {
        continue;
      }
      Fields rf = maybe.get();
      Optional<Version> version =
          rf.required("version", "a release")
              .flatMap(n -> rf.string("version"))
              .flatMap(this::version);
      Optional<LocalDate> date =
          rf.required("date", "a release")
              .flatMap(n -> rf.string("date"))
              .flatMap(
                  s -> {
                    Optional<LocalDate> parsed = Dates.date(s.text());
                    if (parsed.isEmpty()) {
                      d.error(s.position(), "'" + s.text() + "' is not a date (YYYY-MM-DD)");
                    }
                    return parsed;
                  });
      Set<String> on = new LinkedHashSet<>();
      rf.scalarList("platforms")
          .ifPresent(list -> on.addAll(Platforms.resolve(list, platforms, d)));
      if (version.isEmpty() || date.isEmpty()) {
        continue;
      }
      Optional<Release> same =
          out.stream().filter(r -> r.version().equals(version.get())).findFirst();
      if (same.isPresent()) {
        d.error(
            rf.at("version"),
            "release "
                + version.get()
                + " is listed twice (same as "
                + same.get().version()
                + " at line "
                + same.get().position().line()
                + ")");
        continue;
      }
      if (!out.isEmpty() && out.get(out.size() - 1).version().compareTo(version.get()) > 0) {
        d.warning(
            rf.at("version"),
            "release "
                + version.get()
                + " is older than "
                + out.get(out.size() - 1).version()
                + " above it; list releases oldest first");
      }
      out.add(new Release(version.get(), date.get(), on, rf.at("version")));
    }
    if (seq.items().isEmpty()) {
      d.error(seq.position(), "'releases' must list at least one release");
    }
    return out;
  }

  private Optional<Version> version(Node.Scalar s) {
    if (!name(s.text(), "version '" + s.text() + "'", s.position())) {
      return Optional.empty();
    }
    Optional<Version> v = Version.tryParse(s.text());
    if (v.isEmpty()) {
      d.error(s.position(), "'" + s.text() + "' is not a PEP 440 version such as 1.0.0rc6");
    }
    return v;
  }

  /**
   * Two files at one path would silently lose one: release {@code 1.0.0} on platform {@code 1} and
   * release {@code 1.0.0-1} are both {@code /motd/1.0.0-1/}. Names are compared without case, as
   * macOS and Windows hosts do.
   */
  private void checkPaths(Map<String, List<String>> platforms, List<Release> releases) {
    Map<String, String> owner = new HashMap<>();
    owner.put(Variant.LATEST, "the generic file");
    List<String> values = platforms.values().stream().flatMap(List::stream).distinct().toList();
    for (Release r : releases) {
      List<String> names = new ArrayList<>();
      names.add(r.version().text());
      for (String p : values) {
        names.add(r.version().text() + "-" + p);
      }
      for (String name : names) {
        String key = name.toLowerCase(Locale.ROOT);
        String mine =
            name.equals(r.version().text())
                ? "release " + r.version().text()
                : "release "
                    + r.version().text()
                    + " on platform '"
                    + name.substring(r.version().text().length() + 1)
                    + "'";
        String other = owner.putIfAbsent(key, mine);
        if (other != null) {
          d.error(
              r.position(),
              "/motd/"
                  + name
                  + "/ would be the file of both "
                  + other
                  + " and "
                  + mine
                  + "; rename the platform value or the version so each file has its own path");
          return;
        }
      }
    }
  }

  static boolean httpUrl(Node.Scalar s, String key, Diagnostics d) {
    if (!Characters.check(s, "'" + key + "'", d)) {
      return false;
    }
    try {
      URI uri = new URI(s.text().trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && s.text().length() <= Limits.LINE_CHARS) {
        return true;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    d.error(
        s.position(),
        "'"
            + key
            + "' must be an http or https URL"
            + (s.text().length() > Limits.LINE_CHARS
                ? " of at most " + Limits.LINE_CHARS + " characters"
                : ", found '" + s.text() + "'"));
    return false;
  }

  private static Object number(String text) {
    try {
      return text.matches("[-+]?[0-9]+")
          ? new java.math.BigInteger(text)
          : new java.math.BigDecimal(text);
    } catch (NumberFormatException e) {
      return text; // .inf, .nan and other YAML spellings JSON cannot hold
    }
  }

  /** A YAML value as plain Java (String, Boolean, Long, Double, List, Map) for JSON output. */
  private static Object plain(Node n) {
    if (n instanceof Node.Mapping m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().values().forEach(e -> out.put(e.key(), plain(e.value())));
      return out;
    }
    if (n instanceof Node.Sequence seq) {
      return seq.items().stream().map(ConfigReader::plain).toList();
    }
    Node.Scalar s = (Node.Scalar) n;
    return switch (s.type()) {
      case NULL -> null;
      case BOOLEAN -> Boolean.parseBoolean(s.text());
      case NUMBER -> number(s.text());
      case STRING -> s.text();
    };
  }
}
