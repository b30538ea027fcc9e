package motd.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheResolver;
import com.github.mustachejava.TemplateContext;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles Mustache templates, the one place that uses Mustache. Plain-text templates (MOTD
 * messages and {@code motd.mustache}) are never HTML-escaped; HTML templates always are. Partials
 * are not resolved from disk: a template sees only what it is given.
 */
public final class Templates {
  private static final Pattern TAG =
      Pattern.compile("\\{\\{(\\{)?\\s*([#^/>!=&]?)\\s*(.*?)\\s*\\}?\\}\\}", Pattern.DOTALL);

  private final boolean escapeHtml;
  private final AtomicLong counter = new AtomicLong();
  private final DefaultMustacheFactory factory;

  private Templates(boolean escapeHtml) {
    this.escapeHtml = escapeHtml;
    this.factory = new Factory();
  }

  /** Templates whose output is plain text: nothing is escaped. */
  public static Templates plainText() {
    return new Templates(false);
  }

  /** Templates whose output is HTML or XML: every {@code {{value}}} is escaped. */
  public static Templates html() {
    return new Templates(true);
  }

  /**
   * Compiles {@code text}; {@code name} appears only in messages.
   *
   * @throws TemplateException with the 1-based line and column of the problem
   */
  public Template compile(String name, String text) throws TemplateException {
    List<Tag> tags = scan(text);
    for (Tag t : tags) {
      if (t.kind() == '=') {
        throw new TemplateException(
            "changing delimiters ({{=...=}}) is not supported", t.line(), t.column());
      }
      if (t.kind() == '>') {
        throw new TemplateException(
            "partials ({{>" + t.name() + "}}) are not supported here", t.line(), t.column());
      }
    }
    try {
      // A unique name per compile: the factory caches by name, and texts differ.
      Mustache m = factory.compile(new StringReader(text), name + "#" + counter.incrementAndGet());
      return new Template(m, tags);
    } catch (MustacheException e) {
      TemplateContext tc = e.getContext();
      String message = e.getMessage();
      int at = message == null ? -1 : message.indexOf(" @[");
      String clean = at < 0 ? String.valueOf(message) : message.substring(0, at);
      clean = clean.replaceAll(" in [^ ]+#\\d+:\\d+", "").trim();
      int line = tc == null ? 1 : Math.max(1, tc.line());
      // Point at the tag the message names, if it can be found.
      for (Tag t : tags) {
        if (!t.name().isEmpty() && clean.contains("'" + t.name() + "'") && t.isSection()) {
          throw new TemplateException(clean, t.line(), t.column());
        }
      }
      throw new TemplateException(clean, line, 1);
    }
  }

  /** Finds every tag with its position and enclosing sections. */
  static List<Tag> scan(String text) {
    List<Tag> out = new ArrayList<>();
    Deque<String> open = new ArrayDeque<>();
    Matcher m = TAG.matcher(text);
    while (m.find()) {
      char kind = m.group(1) != null ? '{' : (m.group(2).isEmpty() ? ' ' : m.group(2).charAt(0));
      String name = m.group(3).trim();
      if (kind == '=' && name.endsWith("=")) {
        name = name.substring(0, name.length() - 1).trim();
      }
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < m.start(); i++) {
        if (text.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      List<String> sections = new ArrayList<>(open);
      java.util.Collections.reverse(sections);
      out.add(new Tag(kind, name, line, text.codePointCount(lineStart, m.start()) + 1, sections));
      if (kind == '#' || kind == '^') {
        open.push(name);
      } else if (kind == '/' && !open.isEmpty()) {
        open.pop();
      }
    }
    return out;
  }

  private final class Factory extends DefaultMustacheFactory {
    Factory() {
      super(
          new MustacheResolver() {
            @Override
            public Reader getReader(String resourceName) {
              return null; // no partials from disk or classpath
            }
          });
      // Scopes are plain maps, lists and strings: the simple handler finds them without the
      // reflective guards the default one builds, several times faster per render.
      setObjectHandler(new com.github.mustachejava.reflect.SimpleObjectHandler());
    }

    @Override
    public void encode(String value, Writer writer) {
      if (escapeHtml) {
        super.encode(value, writer);
        return;
      }
      try {
        writer.write(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
