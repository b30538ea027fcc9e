package motd.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;
import motd.diagnostic.TextOrigin;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Reads YAML into {@link Node}s with positions. Thread-safe: files may be read in parallel. The one
 * place that parses YAML. Scalars stay text: no implicit typing turns {@code 1.0} into a float or
 * {@code no} into false behind the author's back; the loader decides what each field means.
 *
 * <p>Anchors, aliases and merge keys are refused: an announcement is read as it is written, and an
 * alias would otherwise be published as its anchor's name. Every string remembers where each of its
 * characters was written ({@link TextOrigin}), whatever its style: plain, quoted, literal or
 * folded.
 */
final class YamlReader {
  /** How deeply mappings and lists may nest; the deepest real input needs 3. */
  static final int MAX_DEPTH = 8;

  private final YAMLFactory factory = new StyledFactory();

  /** Parses {@code text}; on a syntax error reports it and returns null. */
  Node read(String file, String text, Diagnostics diagnostics) {
    Source source = new Source(file, text);
    try (StyledParser parser = (StyledParser) factory.createParser(new StringReader(text))) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Node.Scalar("", Node.ScalarType.NULL, new Position(file, 1, 1), null);
      }
      Reading reading = new Reading(source, parser, diagnostics);
      Node root = reading.value(0);
      if (root == null) {
        return null;
      }
      if (parser.nextToken() != null) {
        diagnostics.error(
            source.position(parser.currentTokenLocation()),
            "more than one YAML document; put one announcement in each file");
      }
      return reading.failed ? null : root;
    } catch (JsonProcessingException e) {
      diagnostics.error(errorPosition(source, e), "invalid YAML: " + explain(e));
      return null;
    } catch (IOException e) {
      diagnostics.error(Position.of(file), "cannot read: " + e.getMessage());
      return null;
    }
  }

  /** One pass over one file. */
  private static final class Reading {
    final Source source;
    final StyledParser p;
    final Diagnostics diagnostics;
    boolean failed;

    Reading(Source source, StyledParser p, Diagnostics diagnostics) {
      this.source = source;
      this.p = p;
      this.diagnostics = diagnostics;
    }

    /** The value at the current token; null if reading cannot go on. */
    Node value(int depth) throws IOException {
      Position at = source.position(p.currentTokenLocation());
      JsonToken t = p.currentToken();
      if (p.isCurrentAlias()) {
        diagnostics.error(
            at,
            "aliases (*"
                + p.getText()
                + ") are not allowed: write the value out, so each text reads as it is sent");
        failed = true;
        return new Node.Scalar("", Node.ScalarType.NULL, at, null);
      }
      Object anchor = p.getObjectId();
      if (anchor == null && p.scalar() != null) {
        anchor = p.scalar().getAnchor();
      }
      if (anchor != null) {
        diagnostics.error(
            at, "anchors (&" + anchor + ") are not allowed: write each value out where it is used");
      }
      if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
        diagnostics.error(
            at,
            "nested too deeply: more than "
                + MAX_DEPTH
                + " levels of lists and mappings (an announcement needs 3)");
        return null;
      }
      switch (t) {
        case START_OBJECT -> {
          Map<String, Node.Entry> entries = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Position keyAt = source.position(p.currentTokenLocation());
            if (key.equals("<<")) {
              diagnostics.error(
                  keyAt, "merge keys (<<) are not allowed: write every key out in each mapping");
            }
            p.nextToken();
            Node value = value(depth + 1);
            if (value == null) {
              return null;
            }
            if (entries.containsKey(key)) {
              diagnostics.error(
                  keyAt,
                  "duplicate key '"
                      + key
                      + "' (first at line "
                      + entries.get(key).keyPosition().line()
                      + ")");
            } else {
              entries.put(key, new Node.Entry(key, keyAt, value));
            }
          }
          return new Node.Mapping(entries, at);
        }
        case START_ARRAY -> {
          List<Node> items = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            Node item = value(depth + 1);
            if (item == null) {
              return null;
            }
            items.add(item);
          }
          return new Node.Sequence(items, at);
        }
        case VALUE_NULL -> {
          return new Node.Scalar("", Node.ScalarType.NULL, at, null);
        }
        case VALUE_TRUE, VALUE_FALSE -> {
          return new Node.Scalar(p.getText(), Node.ScalarType.BOOLEAN, at, null);
        }
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          String text = p.getText();
          return new Node.Scalar(text, Node.ScalarType.NUMBER, at, source.origin(p.scalar(), text));
        }
        default -> {
          String text = p.getText();
          return new Node.Scalar(text, Node.ScalarType.STRING, at, source.origin(p.scalar(), text));
        }
      }
    }
  }

  /** Where a syntax error is: SnakeYAML places a tab error at the end of the line before it. */
  private static Position errorPosition(Source source, JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    if (loc == null) {
      return Position.of(source.file);
    }
    String message = String.valueOf(e.getOriginalMessage());
    int offset = source.charIndex((int) Math.max(0, loc.getCharOffset()));
    if (message.contains("\\t(TAB)") || message.contains("'\\t'")) {
      int tab = source.text.indexOf('\t', Math.min(offset, source.text.length()));
      if (tab < 0) {
        tab = source.text.indexOf('\t');
      }
      if (tab >= 0) {
        return source.positionOfChar(tab);
      }
    }
    return source.position(loc);
  }

  /** A syntax error in the author's terms, without the parser's internals. */
  static String explain(JsonProcessingException e) {
    String message = firstLine(e.getOriginalMessage());
    if (message.contains("(TAB)") || message.contains("'\\t'")) {
      return "a tab is used for indentation; YAML indents with spaces only";
    }
    if (message.startsWith("Expected a field name")) {
      return "a key must be a single word such as 'title', not a list or a mapping";
    }
    if (message.contains("StreamReadConstraints")) {
      String lower = message.toLowerCase(Locale.ROOT);
      return lower.contains("nesting")
          ? "nested too deeply (at most " + MAX_DEPTH + " levels)"
          : "a value is too long";
    }
    // Never show the parser's event objects: keep the words before them.
    int event = message.indexOf("Event(");
    if (event >= 0) {
      int cut = message.lastIndexOf(' ', event);
      message = (cut < 0 ? "" : message.substring(0, cut)).replaceAll("[<:;,\\s]+$", "").trim();
      if (message.isEmpty()) {
        message = "syntax error";
      }
    }
    return message;
  }

  /** SnakeYAML's message without its quoted source lines and caret marks. */
  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    List<String> parts = new ArrayList<>();
    for (String line : message.split("\n")) {
      String t = line.trim();
      if (t.isEmpty() || t.startsWith("in '") || t.startsWith("^") || line.startsWith(" ")) {
        continue;
      }
      parts.add(t);
    }
    return parts.isEmpty() ? "syntax error" : String.join("; ", parts);
  }

  /** The file's text, with conversions from the parser's code-point offsets to positions. */
  private static final class Source {
    final String file;
    final String text;
    private final int[] charOfCodePoint; // null when every code point is one char

    Source(String file, String text) {
      this.file = file;
      this.text = text;
      int codePoints = text.codePointCount(0, text.length());
      if (codePoints == text.length()) {
        charOfCodePoint = null;
      } else {
        charOfCodePoint = new int[codePoints + 1];
        int c = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
          charOfCodePoint[c++] = i;
        }
        charOfCodePoint[c] = text.length();
      }
    }

    int charIndex(int codePointIndex) {
      if (charOfCodePoint == null) {
        return Math.min(codePointIndex, text.length());
      }
      return charOfCodePoint[Math.min(codePointIndex, charOfCodePoint.length - 1)];
    }

    Position position(JsonLocation loc) {
      return new Position(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }

    /** The position of the character at {@code index}; only an error needs it. */
    Position positionOfChar(int index) {
      return Position.inText(file, text, index);
    }

    /** Where each character of {@code value}, read from {@code event}, was written. */
    TextOrigin origin(ScalarEvent event, String value) {
      if (event == null) {
        return null;
      }
      int start = charIndex(event.getStartMark().getIndex());
      int end = charIndex(event.getEndMark().getIndex());
      ScalarOrigins.Style style = style(event);
      return TextOrigin.mapped(
          file, text, () -> ScalarOrigins.offsets(text, start, end, style, value));
    }

    private static ScalarOrigins.Style style(ScalarEvent event) {
      DumperOptions.ScalarStyle s = event.getScalarStyle();
      return switch (s) {
        case SINGLE_QUOTED -> ScalarOrigins.Style.SINGLE_QUOTED;
        case DOUBLE_QUOTED -> ScalarOrigins.Style.DOUBLE_QUOTED;
        case LITERAL -> ScalarOrigins.Style.LITERAL;
        case FOLDED -> ScalarOrigins.Style.FOLDED;
        default -> ScalarOrigins.Style.PLAIN;
      };
    }
  }

  /** A factory whose parsers say which scalar event produced the current token. */
  private static final class StyledFactory extends YAMLFactory {
    StyledFactory() {
      super();
    }

    @Override
    protected YAMLParser _createParser(Reader r, IOContext ctxt) throws IOException {
      return new StyledParser(
          ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
    }
  }

  /** Jackson's parser, letting the reader see the scalar's style and extent. */
  private static final class StyledParser extends YAMLParser {
    StyledParser(
        IOContext ctxt,
        int parserFeatures,
        int formatFeatures,
        LoaderOptions options,
        ObjectCodec codec,
        Reader reader) {
      super(ctxt, parserFeatures, formatFeatures, options, codec, reader);
    }

    /** The scalar event behind the current token, or null. */
    ScalarEvent scalar() {
      return _lastEvent instanceof ScalarEvent s ? s : null;
    }
  }
}
