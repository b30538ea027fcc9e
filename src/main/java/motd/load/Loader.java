package motd.load;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import java.util.stream.Stream;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;
import motd.diagnostic.Suggestions;
import motd.model.Announcement;
import motd.model.Config;
import motd.model.Message;
import motd.model.PathSegment;
import motd.model.Priority;
import motd.model.Project;
import motd.model.Release;
import motd.model.Target;
import motd.model.VersionTarget;
import motd.version.InvalidVersionException;
import motd.version.SpecifierSet;
import motd.version.Version;

/**
 * Reads an announcements folder: {@code motd.yaml} and every other {@code *.yaml} below it. Every
 * problem is collected with its position; nothing stops at the first one.
 */
public final class Loader {
  /** The configuration file's name inside the announcements folder. */
  public static final String CONFIG_FILE = "motd.yaml";

  /** Fields every MOTD file has; {@code extra} and language codes may not reuse them. */
  public static final Set<String> RESERVED_FIELDS =
      Set.of("timestamp", "latest_version", "source", "signed", "variant");

  private static final Set<String> CONFIG_KEYS =
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
  private static final Set<String> ANNOUNCEMENT_KEYS =
      Set.of("id", "title", "published", "expires", "priority", "target", "source", "message");
  private static final Set<String> TARGET_KEYS =
      Set.of("versions", "platforms", "not_platforms", "generic");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?");

  private final YamlReader yaml = new YamlReader();

  /** What a load produced: the project, or null if the configuration is unusable. */
  public record Result(Project project, Diagnostics diagnostics) {}

  /** What reading only the configuration produced: the configuration, or null if unusable. */
  public record ConfigResult(Config config, Diagnostics diagnostics) {}

  /**
   * Reads only {@code dir/motd.yaml}, for commands that need the configuration but not the
   * announcements (signing and verification read its {@code signing_keys}).
   *
   * @return a null configuration with no diagnostics if the file does not exist
   */
  public ConfigResult loadConfig(Path dir) {
    Diagnostics d = new Diagnostics();
    Path configPath = dir.resolve(CONFIG_FILE);
    if (!Files.exists(configPath)) {
      return new ConfigResult(null, d);
    }
    if (!Files.isRegularFile(configPath)) {
      d.error(Position.of(configPath.toString()), "not a regular file");
      return new ConfigResult(null, d);
    }
    Config config = readFile(configPath, d).map(root -> config(root, d)).orElse(null);
    return new ConfigResult(config, d);
  }

  /**
   * Loads {@code dir}. The returned project is null only when the configuration could not be read
   * at all; otherwise it holds every announcement that could be read, and the diagnostics say what
   * was wrong with the rest.
   */
  public Result load(Path dir) {
    Diagnostics d = new Diagnostics();
    if (!Files.isDirectory(dir)) {
      d.error(Position.of(dir.toString()), "announcements folder not found");
      return new Result(null, d);
    }
    Path configPath = dir.resolve(CONFIG_FILE);
    Config config = null;
    if (!Files.isRegularFile(configPath)) {
      d.error(Position.of(configPath.toString()), "configuration file not found");
    } else {
      config = readFile(configPath, d).map(root -> config(root, d)).orElse(null);
    }
    List<Announcement> announcements = new ArrayList<>();
    Map<String, Position> ids = new HashMap<>();
    // Parsing is the slow part and files are independent: parse on every core, then check in
    // file order so ids and messages come out the same every time.
    record Parsed(Path file, Optional<Node> root, Diagnostics diagnostics) {}
    List<Parsed> parsed =
        announcementFiles(dir, d).parallelStream()
            .map(
                file -> {
                  Diagnostics own = new Diagnostics();
                  return new Parsed(file, readFile(file, own), own);
                })
            .toList();
    for (Parsed p : parsed) {
      d.addAll(p.diagnostics());
      Path file = p.file();
      Optional<Node> root = p.root();
      if (root.isEmpty()) {
        continue;
      }
      Announcement a = announcement(file, root.get(), config, ids, d);
      if (a != null) {
        announcements.add(a);
      }
    }
    return new Result(config == null ? null : new Project(config, announcements), d);
  }

  private List<Path> announcementFiles(Path dir, Diagnostics d) {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> files = new ArrayList<>();
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        String name = p.getFileName().toString();
        if (!Files.isRegularFile(p) || p.equals(dir.resolve(CONFIG_FILE))) {
          continue;
        }
        if (name.endsWith(".yaml")) {
          files.add(p);
        } else if (name.endsWith(".yml")) {
          d.warning(Position.of(p.toString()), "ignored: announcement files must end in .yaml");
        }
      }
      return files;
    } catch (IOException e) {
      d.error(Position.of(dir.toString()), "cannot list files: " + e.getMessage());
      return List.of();
    }
  }

  private Optional<Node> readFile(Path file, Diagnostics d) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      d.error(Position.of(file.toString()), "not valid UTF-8");
      return Optional.empty();
    } catch (IOException e) {
      d.error(Position.of(file.toString()), "cannot read: " + e.getMessage());
      return Optional.empty();
    }
    return Optional.ofNullable(yaml.read(file.toString(), text, d));
  }

  // ---------------------------------------------------------------- configuration

  private Config config(Node root, Diagnostics d) {
    Optional<Fields> maybe = Fields.of(root, CONFIG_KEYS, CONFIG_FILE, d);
    if (maybe.isEmpty()) {
      return null;
    }
    Fields f = maybe.get();
    String signed =
        f.required("signed", CONFIG_FILE)
            .flatMap(n -> f.string("signed"))
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
    List<String> languages = languages(f, d);
    Map<String, List<String>> platforms = platforms(f, d);
    List<Release> releases = releases(f, platforms, d);
    Map<String, Object> extra = new LinkedHashMap<>();
    f.node("extra")
        .ifPresent(
            n -> {
              if (n instanceof Node.Mapping m) {
                for (Node.Entry e : m.entries().values()) {
                  if (RESERVED_FIELDS.contains(e.key()) || languages.contains(e.key())) {
                    d.error(
                        e.keyPosition(),
                        "extra field '" + e.key() + "' would overwrite a field every MOTD has");
                  } else {
                    extra.put(e.key(), plain(e.value()));
                  }
                }
              } else {
                d.error(n.position(), "'extra' must be a mapping, found " + n.kind());
              }
            });
    List<String> signingKeys = signingKeys(f, d);
    String onion = f.string("onion").flatMap(s -> onion(s, d)).orElse(null);
    if (languages.isEmpty() || platforms.isEmpty() || releases.isEmpty()) {
      return null;
    }
    return new Config(signed, baseUrl, languages, platforms, releases, extra, signingKeys, onion);
  }

  /** OpenPGP v4 (40 hex digits) or v6 (64) fingerprints, as gpg prints them; spaces allowed. */
  private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-F]{40}|[0-9A-F]{64}");

  private static List<String> signingKeys(Fields f, Diagnostics d) {
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
  private static Optional<String> onion(Node.Scalar s, Diagnostics d) {
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

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private List<String> languages(Fields f, Diagnostics d) {
    List<String> out = new ArrayList<>();
    if (f.required("languages", CONFIG_FILE).isEmpty()) {
      return out;
    }
    for (Node.Scalar s : f.scalarList("languages").orElse(List.of())) {
      String code = s.text();
      if (!LANGUAGE.matcher(code).matches()) {
        d.error(s.position(), "'" + code + "' is not a language code such as en, de or pt_BR");
      } else if (RESERVED_FIELDS.contains(code)) {
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

  private Map<String, List<String>> platforms(Fields f, Diagnostics d) {
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
      PathSegment.problem(family)
          .ifPresent(p -> d.error(e.keyPosition(), "platform family '" + family + "' " + p));
      List<String> values = new ArrayList<>();
      for (Node.Scalar s :
          f.asScalarList(e.value(), "platform family '" + family + "'").orElse(List.of())) {
        String value = s.text();
        Optional<String> problem = PathSegment.problem(value);
        if (problem.isPresent()) {
          d.error(s.position(), "platform '" + value + "' " + problem.get());
        } else if (value.contains("-")) {
          d.error(
              s.position(),
              "platform '"
                  + value
                  + "' contains '-', which separates version and platform in paths");
        } else if (familyOfValue.containsKey(value)) {
          d.error(
              s.position(),
              "platform '" + value + "' is already in family '" + familyOfValue.get(value) + "'");
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

  private List<Release> releases(Fields f, Map<String, List<String>> platforms, Diagnostics d) {
    List<Release> out = new ArrayList<>();
    Optional<Node> node = f.required("releases", CONFIG_FILE);
    if (node.isEmpty()) {
      return out;
    }
    if (!(node.get() instanceof Node.Sequence seq)) {
      d.error(node.get().position(), "'releases' must be a list, found " + node.get().kind());
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
              .flatMap(s -> version(s, d));
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
      rf.scalarList("platforms").ifPresent(list -> on.addAll(resolvePlatforms(list, platforms, d)));
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

  private static Optional<Version> version(Node.Scalar s, Diagnostics d) {
    Optional<String> unsafe = PathSegment.problem(s.text());
    if (unsafe.isPresent()) {
      d.error(s.position(), "version '" + s.text() + "' " + unsafe.get());
      return Optional.empty();
    }
    Optional<Version> v = Version.tryParse(s.text());
    if (v.isEmpty()) {
      d.error(s.position(), "'" + s.text() + "' is not a PEP 440 version such as 1.0.0rc6");
    }
    return v;
  }

  /** Families and sys.platform values to values; unknown names are errors. */
  private static List<String> resolvePlatforms(
      List<Node.Scalar> names, Map<String, List<String>> platforms, Diagnostics d) {
    List<String> values = new ArrayList<>();
    Set<String> known = new LinkedHashSet<>(platforms.keySet());
    platforms.values().forEach(known::addAll);
    for (Node.Scalar s : names) {
      String name = s.text();
      if (platforms.containsKey(name)) {
        values.addAll(platforms.get(name));
      } else if (known.contains(name)) {
        values.add(name);
      } else if (!platforms.isEmpty()) {
        d.error(
            s.position(),
            "unknown platform '"
                + name
                + "'"
                + Suggestions.hint(name, known)
                + "; known: "
                + String.join(", ", known));
      }
    }
    return values;
  }

  // ---------------------------------------------------------------- announcements

  private Announcement announcement(
      Path file, Node root, Config config, Map<String, Position> ids, Diagnostics d) {
    String fileName = file.toString();
    Optional<Fields> maybe = Fields.of(root, ANNOUNCEMENT_KEYS, "an announcement", d);
    if (maybe.isEmpty()) {
      return null;
    }
    Fields f = maybe.get();
    String base = file.getFileName().toString();
    String id = base.substring(0, base.length() - ".yaml".length());
    Position idAt = Position.of(fileName);
    if (f.has("id")) {
      Optional<Node.Scalar> s = f.string("id");
      if (s.isEmpty()) {
        return null;
      }
      id = s.get().text();
      idAt = s.get().position();
    }
    Optional<String> idProblem = PathSegment.problem(id);
    if (idProblem.isPresent()) {
      d.error(
          idAt,
          "id '"
              + id
              + "' "
              + idProblem.get()
              + (f.has("id") ? "" : " (the id comes from the file name; set 'id')"));
    }
    Position first = ids.putIfAbsent(id, idAt);
    if (first != null) {
      d.error(idAt, "duplicate id '" + id + "' (also used by " + first.file() + ")");
      idProblem = Optional.of("duplicate");
    }
    Optional<Instant> published =
        f.required("published", "an announcement")
            .flatMap(n -> f.string("published"))
            .flatMap(s -> instant(s, d));
    Optional<Instant> expires = f.string("expires").flatMap(s -> instant(s, d));
    if (published.isPresent() && expires.isPresent() && !expires.get().isAfter(published.get())) {
      d.error(f.at("expires"), "'expires' must be after 'published'");
    }
    Priority priority = Priority.INFO;
    Optional<Node.Scalar> p = f.string("priority");
    if (p.isPresent()) {
      try {
        priority = Priority.valueOf(p.get().text().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        d.error(
            p.get().position(),
            "priority must be info, important or critical, found '"
                + p.get().text()
                + "'"
                + Suggestions.hint(p.get().text(), List.of("info", "important", "critical")));
      }
    }
    Target target = f.node("target").map(n -> target(n, config, d)).orElse(Target.everyone());
    String source =
        f.string("source").filter(s -> httpUrl(s, "source", d)).map(Node.Scalar::text).orElse(null);
    Map<String, Message> messages = messages(f, config, d);
    String title =
        f.string("title")
            .map(
                s -> {
                  checkText(s.text(), s.position(), d);
                  return s.text().strip();
                })
            .orElse(null);
    if (title == null && config != null && messages.containsKey(config.defaultLanguage())) {
      title = firstLine(messages.get(config.defaultLanguage()).text());
    }
    if (published.isEmpty() || target == null || idProblem.isPresent()) {
      return null;
    }
    return new Announcement(
        id,
        title == null ? id : title,
        published.get(),
        expires.orElse(null),
        priority,
        target,
        source,
        messages,
        Position.of(fileName));
  }

  private static String firstLine(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }

  private static Optional<Instant> instant(Node.Scalar s, Diagnostics d) {
    Optional<Instant> i = Dates.instant(s.text());
    if (i.isEmpty()) {
      d.error(
          s.position(),
          "'" + s.text() + "' is not a date (2019-09-03) or date-time (2019-09-03T12:00:00Z)");
    }
    return i;
  }

  private Target target(Node node, Config config, Diagnostics d) {
    Optional<Fields> maybe = Fields.of(node, TARGET_KEYS, "'target'", d);
    if (maybe.isEmpty()) {
      return null;
    }
    Fields f = maybe.get();
    VersionTarget versions = new VersionTarget.Any();
    Optional<Node> v = f.node("versions");
    if (v.isPresent()) {
      versions = versionTarget(v.get(), config, d);
    }
    Map<String, List<String>> families = config == null ? Map.of() : config.platforms();
    List<String> names = new ArrayList<>();
    Set<String> platforms = new LinkedHashSet<>();
    f.scalarList("platforms")
        .ifPresent(
            list -> {
              list.forEach(s -> names.add(s.text()));
              platforms.addAll(resolvePlatforms(list, families, d));
            });
    Set<String> excluded = new LinkedHashSet<>();
    f.scalarList("not_platforms")
        .ifPresent(list -> excluded.addAll(resolvePlatforms(list, families, d)));
    boolean everyone =
        versions instanceof VersionTarget.Any && names.isEmpty() && excluded.isEmpty();
    boolean generic = f.bool("generic").orElse(everyone);
    if (versions == null) {
      return null;
    }
    return new Target(versions, names, platforms, excluded, generic);
  }

  private static VersionTarget versionTarget(Node node, Config config, Diagnostics d) {
    if (node instanceof Node.Scalar s && !s.isNull()) {
      try {
        SpecifierSet set = SpecifierSet.parse(s.text());
        if (config != null
            && config.releases().stream().noneMatch(r -> set.contains(r.version()))) {
          d.error(s.position(), "'" + s.text() + "' matches no release in " + CONFIG_FILE);
        }
        return new VersionTarget.Specified(set);
      } catch (InvalidVersionException e) {
        d.error(s.position(), "invalid version specifier: " + e.getMessage());
        return null;
      }
    }
    if (node instanceof Node.Sequence seq) {
      List<Version> list = new ArrayList<>();
      boolean ok = true;
      for (Node item : seq.items()) {
        if (!(item instanceof Node.Scalar s) || s.isNull()) {
          d.error(
              item.position(), "each item of 'versions' must be a version, found " + item.kind());
          ok = false;
          continue;
        }
        Optional<Version> parsed = Version.tryParse(s.text());
        if (parsed.isEmpty()) {
          d.error(s.position(), "'" + s.text() + "' is not a PEP 440 version such as 1.0.0rc6");
          ok = false;
        } else {
          if (config != null
              && config.releases().stream().noneMatch(r -> r.version().equals(parsed.get()))) {
            d.warning(s.position(), "version " + s.text() + " is not a release in " + CONFIG_FILE);
          }
          list.add(parsed.get());
        }
      }
      if (ok && list.isEmpty()) {
        d.error(seq.position(), "'versions' is an empty list, so it targets no one");
        return null;
      }
      if (ok
          && config != null
          && list.stream()
              .noneMatch(v -> config.releases().stream().anyMatch(r -> r.version().equals(v)))) {
        d.error(seq.position(), "'versions' matches no release in " + CONFIG_FILE);
      }
      return ok ? new VersionTarget.Listed(list) : null;
    }
    d.error(
        node.position(),
        "'versions' must be specifiers such as \">=1.0.0rc0, <1.0.0rc6\" or a list of versions, found "
            + node.kind());
    return null;
  }

  private Map<String, Message> messages(Fields f, Config config, Diagnostics d) {
    Map<String, Message> out = new LinkedHashMap<>();
    Optional<Node> node = f.required("message", "an announcement");
    if (node.isEmpty()) {
      return out;
    }
    if (!(node.get() instanceof Node.Mapping m)) {
      d.error(
          node.get().position(),
          "'message' must map language codes to texts, found " + node.get().kind());
      return out;
    }
    List<String> languages = config == null ? List.of() : config.languages();
    for (Node.Entry e : m.entries().values()) {
      String lang = e.key();
      if (config != null && !languages.contains(lang)) {
        d.error(
            e.keyPosition(),
            "unknown language '"
                + lang
                + "'"
                + Suggestions.hint(lang, languages)
                + "; "
                + CONFIG_FILE
                + " lists "
                + String.join(", ", languages));
        continue;
      }
      if (!(e.value() instanceof Node.Scalar s)
          || s.isNull()
          || s.type() == Node.ScalarType.BOOLEAN) {
        d.error(
            e.value().position(),
            "the '" + lang + "' text must be text, found " + e.value().kind());
        continue;
      }
      if (s.text().isBlank()) {
        d.error(s.position(), "the '" + lang + "' text is empty");
        continue;
      }
      // The YAML parser reports a block scalar at its | or >; the text starts below it.
      Position textStart = s.bodyStart();
      checkText(s.text(), textStart, d);
      out.put(lang, new Message(lang, s.text(), textStart));
    }
    if (config != null
        && !out.containsKey(config.defaultLanguage())
        && m.entries().values().stream().noneMatch(e -> e.key().equals(config.defaultLanguage()))) {
      d.error(
          m.position(),
          "missing the text in the default language '" + config.defaultLanguage() + "'");
    }
    // Keep configuration order so output does not depend on how a file lists languages.
    Map<String, Message> ordered = new LinkedHashMap<>();
    for (String lang : languages) {
      if (out.containsKey(lang)) {
        ordered.put(lang, out.get(lang));
      }
    }
    return config == null ? out : ordered;
  }

  /**
   * Control characters and ANSI escapes would garble a terminal or a page; bidi marks hide text.
   */
  static void checkText(String text, Position at, Diagnostics d) {
    int line = 0;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
        continue;
      }
      String what = null;
      if (c == 0x1b) {
        what = "an ANSI escape (ESC)";
      } else if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
        what = String.format("a control character (U+%04X)", (int) c);
      } else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
        what = String.format("an invisible bidirectional control (U+%04X)", (int) c);
      }
      if (what != null) {
        d.error(
            at.shifted(line, line == 0 ? at.column() + column - 1 : column),
            "text contains " + what);
        return;
      }
      column++;
    }
  }

  private static boolean httpUrl(Node.Scalar s, String key, Diagnostics d) {
    try {
      URI uri = new URI(s.text().trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return true;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    d.error(s.position(), "'" + key + "' must be an http or https URL, found '" + s.text() + "'");
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
      return seq.items().stream().map(Loader::plain).toList();
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
