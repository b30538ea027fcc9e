package motd.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import motd.diagnostic.Position;
import motd.diagnostic.TextOrigin;

/** A parsed YAML value that remembers where it was written. */
sealed interface Node {
  Position position();

  /** A short word for the node's type, used in "expected a list, found a mapping". */
  String kind();

  /** What YAML's core schema made of a scalar; the loader decides what is acceptable. */
  enum ScalarType {
    STRING,
    NUMBER,
    BOOLEAN,
    NULL
  }

  /**
   * A scalar, with its text as YAML read it.
   *
   * @param origin where each character of the text was written; null for nulls and booleans
   */
  record Scalar(String text, ScalarType type, Position position, TextOrigin origin)
      implements Node {
    boolean isNull() {
      return type == ScalarType.NULL;
    }

    /** Where the text's character at {@code index} was written, or the scalar's own position. */
    Position at(int index) {
      return origin == null ? position : origin.at(index);
    }

    @Override
    public String kind() {
      return switch (type) {
        case STRING -> "a string";
        case NUMBER -> "a number";
        case BOOLEAN -> "true/false";
        case NULL -> "nothing";
      };
    }
  }

  record Sequence(List<Node> items, Position position) implements Node {
    @Override
    public String kind() {
      return "a list";
    }
  }

  /** A mapping; each key keeps its own position for "unknown key" messages. */
  record Mapping(Map<String, Entry> entries, Position position) implements Node {
    public Mapping {
      entries = new LinkedHashMap<>(entries);
    }

    @Override
    public String kind() {
      return "a mapping";
    }
  }

  record Entry(String key, Position keyPosition, Node value) {}
}
