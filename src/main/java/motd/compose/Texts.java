package motd.compose;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;
import motd.diagnostic.TextOrigin;
import motd.model.Announcement;
import motd.model.Message;
import motd.model.Project;
import motd.model.Release;
import motd.render.Tag;
import motd.render.Template;
import motd.render.TemplateException;
import motd.render.Templates;

/**
 * Every message text and the composition template, compiled once and checked: template syntax,
 * unknown variables, and variables that would silently render empty in some file.
 */
public final class Texts {
  /** The variables a message text may use. */
  public static final Set<String> MESSAGE_VARIABLES =
      new LinkedHashSet<>(List.of("version", "platform", "latest_version", "latest_date"));

  /** The variables {@code motd.mustache} may use, at the top level or per announcement. */
  public static final Set<String> COMPOSITION_VARIABLES =
      new LinkedHashSet<>(
          List.of(
              "announcements",
              "version",
              "platform",
              "latest_version",
              "latest_date",
              "lang",
              "id",
              "title",
              "priority",
              "published",
              "source",
              "text",
              "first",
              "last"));

  private final Map<String, Map<String, Template>> messages;
  private final Template composition;
  private final boolean usesVersion;
  private final boolean usesPlatform;

  private Texts(Map<String, Map<String, Template>> messages, Template composition) {
    this.messages = messages;
    this.composition = composition;
    boolean v = composition.uses("version");
    boolean p = composition.uses("platform");
    for (Map<String, Template> byLang : messages.values()) {
      for (Template t : byLang.values()) {
        v |= t.uses("version");
        p |= t.uses("platform");
      }
    }
    this.usesVersion = v;
    this.usesPlatform = p;
  }

  /**
   * Compiles and checks every text. Problems go to {@code diagnostics}; the result is null if any
   * template failed to compile.
   */
  public static Texts compile(
      Project project, String compositionText, String compositionFile, Diagnostics diagnostics) {
    Templates plain = Templates.plainText();
    Map<String, Map<String, Template>> messages = new HashMap<>();
    boolean ok = true;
    for (Announcement a : project.announcements()) {
      Map<String, Template> byLang = new HashMap<>();
      for (Message m : a.messages().values()) {
        Template t =
            compileOne(plain, a.id() + "/" + m.language(), m.text(), m.origin(), diagnostics);
        if (t == null) {
          ok = false;
          continue;
        }
        checkMessageTags(a, m, t, diagnostics);
        byLang.put(m.language(), t);
      }
      messages.put(a.id(), byLang);
    }
    TextOrigin compositionOrigin = TextOrigin.wholeFile(compositionFile, compositionText);
    Template composition =
        compileOne(plain, compositionFile, compositionText, compositionOrigin, diagnostics);
    if (composition == null) {
      return null;
    }
    for (Tag tag : composition.tags()) {
      if (tag.kind() != '!' && tag.kind() != '/' && !COMPOSITION_VARIABLES.contains(tag.name())) {
        diagnostics.error(
            compositionOrigin.at(compositionText, tag.line(), tag.column()),
            "unknown variable '"
                + tag.name()
                + "'; known: "
                + String.join(", ", COMPOSITION_VARIABLES));
      }
    }
    return ok ? new Texts(messages, composition) : null;
  }

  private static Template compileOne(
      Templates templates, String name, String text, TextOrigin origin, Diagnostics d) {
    try {
      return templates.compile(name, text);
    } catch (TemplateException e) {
      d.error(origin.at(text, e.line(), e.column()), "template error: " + e.getMessage());
      return null;
    }
  }

  private static void checkMessageTags(Announcement a, Message m, Template t, Diagnostics d) {
    boolean reachesLatest = a.target().generic();
    boolean reachesBare = a.target().generic() || a.target().platforms().isEmpty();
    for (Tag tag : t.tags()) {
      if (tag.kind() == '!' || tag.kind() == '/') {
        continue;
      }
      Position at = m.origin().at(m.text(), tag.line(), tag.column());
      if (!MESSAGE_VARIABLES.contains(tag.name())) {
        String hint =
            motd.diagnostic.Suggestions.closest(tag.name(), MESSAGE_VARIABLES)
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("");
        d.error(
            at,
            "unknown variable '{{"
                + tag.name()
                + "}}'"
                + hint
                + "; a message may use "
                + String.join(", ", MESSAGE_VARIABLES));
        continue;
      }
      if (!tag.isVariable() || tag.sections().contains(tag.name())) {
        continue;
      }
      if (tag.name().equals("version") && reachesLatest) {
        d.error(at, emptyIn("version", "/motd/latest/motd.json"));
      } else if (tag.name().equals("platform") && (reachesLatest || reachesBare)) {
        d.error(
            at,
            emptyIn(
                "platform", reachesLatest ? "/motd/latest/motd.json" : "/motd/VERSION/motd.json"));
      }
    }
  }

  private static String emptyIn(String name, String file) {
    return "{{"
        + name
        + "}} would be empty in "
        + file
        + "; wrap it in {{#"
        + name
        + "}}...{{/"
        + name
        + "}} or narrow the target";
  }

  /**
   * The variables a message is rendered with. {@code version} and {@code platform} are null where
   * the file does not know them (the generic file, pages), so their sections stay empty.
   */
  public static Map<String, Object> variables(String version, String platform, Release latest) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("version", version);
    vars.put("platform", platform);
    vars.put("latest_version", latest.version().text());
    vars.put("latest_date", latest.date().toString());
    return vars;
  }

  /**
   * One announcement's text in one language, rendered with {@code variables} and without trailing
   * white space; null if it has no text in that language.
   */
  public String render(String announcementId, String language, Map<String, Object> variables) {
    Map<String, Template> byLang = messages.get(announcementId);
    Template t = byLang.containsKey(language) ? byLang.get(language) : null;
    return t == null ? null : Composer.tidy(t.render(variables));
  }

  Template message(String announcementId, String language) {
    return messages.get(announcementId).get(language);
  }

  Template composition() {
    return composition;
  }

  boolean usesVersion() {
    return usesVersion;
  }

  boolean usesPlatform() {
    return usesPlatform;
  }
}
