package motd.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;

/**
 * Reads YAML into {@link Node}s with positions. Thread-safe: files may be read in parallel. The one
 * place that parses YAML. Scalars stay text: no implicit typing turns {@code 1.0} into a float or
 * {@code no} into false behind the author's back; the loader decides what each field means.
 */
final class YamlReader {
  private final YAMLFactory factory = new YAMLFactory();

  /** Parses {@code text}; on a syntax error reports it and returns null. */
  Node read(String file, String text, Diagnostics diagnostics) {
    String[] lines = text.split("\n", -1);
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Node.Scalar("", Node.ScalarType.NULL, new Position(file, 1, 1));
      }
      Node root = readValue(file, lines, (YAMLParser) parser, diagnostics);
      if (parser.nextToken() != null) {
        diagnostics.error(
            position(file, parser.currentTokenLocation()),
            "more than one YAML document; put one announcement in each file");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      diagnostics.error(
          loc == null ? Position.of(file) : position(file, loc),
          "invalid YAML: " + firstLine(e.getOriginalMessage()));
      return null;
    } catch (IOException e) {
      diagnostics.error(Position.of(file), "cannot read: " + e.getMessage());
      return null;
    }
  }

  private Node readValue(String file, String[] lines, YAMLParser p, Diagnostics diagnostics)
      throws IOException {
    Position at = position(file, p.currentTokenLocation());
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          Position keyAt = position(file, p.currentTokenLocation());
          p.nextToken();
          Node value = readValue(file, lines, p, diagnostics);
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
          items.add(readValue(file, lines, p, diagnostics));
        }
        return new Node.Sequence(items, at);
      }
      case VALUE_NULL -> {
        return new Node.Scalar("", Node.ScalarType.NULL, at);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Node.Scalar(p.getText(), Node.ScalarType.BOOLEAN, at);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new Node.Scalar(p.getText(), Node.ScalarType.NUMBER, at);
      }
      default -> {
        return new Node.Scalar(p.getText(), Node.ScalarType.STRING, at, bodyStart(lines, at));
      }
    }
  }

  /** Where a scalar's text starts: below a block indicator, or after an opening quote. */
  private static Position bodyStart(String[] lines, Position at) {
    int index = at.line() - 1;
    if (index < 0 || index >= lines.length) {
      return at;
    }
    String line = lines[index];
    int col = at.column() - 1;
    if (col < line.length() && (line.charAt(col) == '\'' || line.charAt(col) == '"')) {
      return new Position(at.file(), at.line(), at.column() + 1); // after the opening quote
    }
    if (col >= line.length() || (line.charAt(col) != '|' && line.charAt(col) != '>')) {
      return at;
    }
    for (int next = index + 1; next < lines.length; next++) {
      String body = lines[next];
      if (!body.isBlank()) {
        int indent = body.length() - body.stripLeading().length();
        return new Position(at.file(), next + 1, indent + 1);
      }
    }
    return at;
  }

  private static Position position(String file, JsonLocation loc) {
    return new Position(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
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
}
