package motd.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;
import motd.diagnostic.Suggestions;
import motd.model.Announcement;
import motd.model.Config;
import motd.model.Limits;
import motd.model.Message;
import motd.model.PathSegment;
import motd.model.Priority;
import motd.model.Target;
import motd.model.VersionTarget;
import motd.version.InvalidVersionException;
import motd.version.Specifier;
import motd.version.SpecifierSet;
import motd.version.Version;

/** Reads one announcement file, checked against the configuration if it could be read. */
final class AnnouncementReader {
  static final Set<String> KEYS =
      Set.of(
          "id",
          "title",
          "published",
          "expires",
          "priority",
          "target",
          "source",
          "message",
          "draft",
          "release");
  static final Set<String> TARGET_KEYS =
      Set.of("versions", "platforms", "not_platforms", "generic");

  private final Config config;
  private final Diagnostics d;

  /**
   * @param config null if the configuration is unusable; then only what needs no configuration is
   *     checked
   */
  AnnouncementReader(Config config, Diagnostics d) {
    this.config = config;
    this.d = d;
  }

  /** An announcement read from {@code file}, with where its id was written. */
  record Read(Announcement announcement, String id, Position idAt) {}

  /** The announcement, or null if it has errors that leave nothing to build. */
  Read read(Path file, Node root) {
    String fileName = file.toString();
    Optional<Fields> maybe = Fields.of(root, KEYS, "an announcement", d);
    if (maybe.isEmpty()) {
      return null;
    }
    Fields f = maybe.get();
    String base = file.getFileName().toString();
    String id = base.substring(0, base.length() - ".yaml".length());
    Position idAt = new Position(fileName, 1, 1);
    boolean idFromFileName = true;
    if (f.has("id")) {
      Optional<Node.Scalar> s = f.string("id");
      if (s.isEmpty()) {
        return null;
      }
      id = s.get().text();
      idAt = s.get().position();
      idFromFileName = false;
    }
    Optional<String> idProblem = PathSegment.problem(id);
    if (idProblem.isEmpty() && id.length() > Limits.NAME_CHARS) {
      idProblem = Optional.of("is longer than " + Limits.NAME_CHARS + " characters");
    }
    if (idProblem.isPresent()) {
      d.error(
          idAt,
          "id '"
              + id
              + "' "
              + idProblem.get()
              + (idFromFileName ? " (the id comes from the file name; set 'id')" : ""));
    }
    boolean draft = f.bool("draft").orElse(false);
    Optional<Instant> published =
        f.required("published", "an announcement")
            .flatMap(n -> f.string("published"))
            .flatMap(this::instant);
    Optional<Instant> expires = f.string("expires").flatMap(this::instant);
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
    Target target = f.node("target").map(this::target).orElse(Target.everyone());
    String source =
        f.string("source")
            .filter(s -> ConfigReader.httpUrl(s, "source", d))
            .map(Node.Scalar::text)
            .orElse(null);
    Version release = f.string("release").flatMap(this::release).orElse(null);
    Map<String, Message> messages = messages(f, draft);
    String title = f.string("title").map(this::title).orElse(null);
    if (published.isEmpty() || target == null || idProblem.isPresent()) {
      return null;
    }
    Announcement a =
        new Announcement(
            id,
            title,
            published.get(),
            expires.orElse(null),
            priority,
            target,
            source,
            messages,
            draft,
            release,
            Position.of(fileName));
    return new Read(a, id, idAt);
  }

  private String title(Node.Scalar s) {
    Characters.check(s, "the title", d);
    String title = s.text().strip();
    if (title.contains("\n")) {
      d.error(s.position(), "the title must be one line");
    } else if (title.length() > Limits.LINE_CHARS) {
      d.error(
          s.position(),
          "the title is " + title.length() + " characters; the limit is " + Limits.LINE_CHARS);
    } else if (title.contains("{{") || title.contains("}}")) {
      int at = s.text().indexOf(title.contains("{{") ? "{{" : "}}");
      d.error(
          s.at(at),
          "the title is plain text, not a template: write what it should say (such as the"
              + " version), or leave 'title' out to use the text's first line");
    }
    return title;
  }

  private Optional<Version> release(Node.Scalar s) {
    Optional<Version> v = Version.tryParse(s.text());
    if (v.isEmpty()) {
      d.error(s.position(), "'" + s.text() + "' is not a PEP 440 version such as 1.0.0rc6");
      return v;
    }
    if (config != null && config.releases().stream().noneMatch(r -> r.version().equals(v.get()))) {
      d.error(
          s.position(),
          "'release' names "
              + s.text()
              + ", which is not a release in "
              + ConfigReader.CONFIG_FILE
              + "; add it with ./motd release "
              + s.text());
    }
    return v;
  }

  private Optional<Instant> instant(Node.Scalar s) {
    Optional<Instant> i = Dates.instant(s.text());
    if (i.isEmpty()) {
      d.error(
          s.position(),
          "'" + s.text() + "' is not a date (2019-09-03) or date-time (2019-09-03T12:00:00Z)");
    }
    return i;
  }

  private Target target(Node node) {
    Optional<Fields> maybe = Fields.of(node, TARGET_KEYS, "'target'", d);
    if (maybe.isEmpty()) {
      return null;
    }
    Fields f = maybe.get();
    VersionTarget versions = new VersionTarget.Any();
    Optional<Node> v = f.node("versions");
    if (v.isPresent()) {
      versions = versionTarget(v.get());
    }
    Map<String, List<String>> families = config == null ? Map.of() : config.platforms();
    List<String> names = new ArrayList<>();
    Set<String> platforms = new LinkedHashSet<>();
    boolean ok = true;
    Optional<List<Node.Scalar>> listed = f.scalarList("platforms");
    if (listed.isPresent()) {
      if (listed.get().isEmpty()) {
        d.error(
            f.at("platforms"),
            "'platforms' is an empty list, so it targets no one; leave it out to reach every"
                + " platform");
        ok = false;
      }
      listed.get().forEach(s -> names.add(s.text()));
      platforms.addAll(Platforms.resolve(listed.get(), families, d));
    }
    Set<String> excluded = new LinkedHashSet<>();
    Optional<List<Node.Scalar>> notListed = f.scalarList("not_platforms");
    if (notListed.isPresent()) {
      if (notListed.get().isEmpty()) {
        d.warning(f.at("not_platforms"), "'not_platforms' is an empty list; it excludes nothing");
      }
      excluded.addAll(Platforms.resolve(notListed.get(), families, d));
    }
    boolean everyone =
        versions instanceof VersionTarget.Any && names.isEmpty() && excluded.isEmpty();
    boolean generic = f.bool("generic").orElse(everyone);
    if (versions == null || !ok) {
      return null;
    }
    return new Target(versions, names, platforms, excluded, generic);
  }

  private VersionTarget versionTarget(Node node) {
    if (node instanceof Node.Scalar s && !s.isNull()) {
      try {
        SpecifierSet set = SpecifierSet.parse(s.text());
        if (config != null
            && config.releases().stream().noneMatch(r -> set.contains(r.version()))) {
          d.error(
              s.position(),
              "'"
                  + s.text()
                  + "' matches no release in "
                  + ConfigReader.CONFIG_FILE
                  + preReleaseHint(set));
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
            d.warning(
                s.position(),
                "version " + s.text() + " is not a release in " + ConfigReader.CONFIG_FILE);
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
        d.error(seq.position(), "'versions' matches no release in " + ConfigReader.CONFIG_FILE);
      }
      return ok ? new VersionTarget.Listed(list) : null;
    }
    d.error(
        node.position(),
        "'versions' must be specifiers such as \">=1.0.0rc0, <1.0.0rc6\" or a list of versions,"
            + " found "
            + node.kind());
    return null;
  }

  /**
   * Why {@code <1.0.0} matches none of 1.0.0rc0 to 1.0.0rc6: PEP 440 leaves pre-releases of 1.0.0
   * out of it. Said when that is the reason a release is missed.
   */
  private String preReleaseHint(SpecifierSet set) {
    for (var r : config.releases()) {
      Optional<Specifier> failing = set.firstFailing(r.version());
      if (failing.isEmpty() || !r.version().isPreRelease()) {
        continue;
      }
      String clause = failing.get().toString().trim();
      if (!clause.startsWith("<") || clause.startsWith("<=")) {
        continue;
      }
      Optional<Version> bound = Version.tryParse(clause.substring(1).trim());
      if (bound.isPresent()
          && !bound.get().isPreRelease()
          && Version.compareRelease(r.version().release(), bound.get().release()) == 0) {
        String b = bound.get().text();
        return "; as PEP 440 says, '<"
            + b
            + "' leaves out the pre-releases of "
            + b
            + " itself, such as "
            + r.version().text()
            + ": write '<="
            + b
            + ", !="
            + b
            + "' to mean them, or list the versions";
      }
    }
    return "";
  }

  private Map<String, Message> messages(Fields f, boolean draft) {
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
                + ConfigReader.CONFIG_FILE
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
      int bytes = s.text().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > Limits.TEXT_BYTES) {
        d.error(
            s.position(),
            "the '"
                + lang
                + "' text is "
                + Limits.size(bytes)
                + "; the limit is "
                + Limits.size(Limits.TEXT_BYTES)
                + " per language (link to a longer post with 'source')");
        continue;
      }
      Characters.check(s, "the '" + lang + "' text", d);
      int placeholder = s.text().indexOf(Loader.PLACEHOLDER);
      if (!draft && placeholder >= 0) {
        d.error(
            s.at(placeholder),
            "the '"
                + lang
                + "' text still has motd new's placeholder (\""
                + Loader.PLACEHOLDER
                + "\"): write the message, or keep 'draft: true' until it is written");
      }
      out.put(lang, new Message(lang, s.text(), s.origin()));
    }
    if (config != null
        && !out.containsKey(config.defaultLanguage())
        && m.entries().values().stream().noneMatch(e -> e.key().equals(config.defaultLanguage()))) {
      d.error(
          m.position(),
          "missing the text in the default language '" + config.defaultLanguage() + "'");
    }
    if (config == null) {
      return out;
    }
    // Keep configuration order so output does not depend on how a file lists languages.
    Map<String, Message> ordered = new LinkedHashMap<>();
    for (String lang : languages) {
      if (out.containsKey(lang)) {
        ordered.put(lang, out.get(lang));
      }
    }
    return ordered;
  }
}
