package motd.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import motd.diagnostic.Position;

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
   * A scalar, with its text as written.
   *
   * @param bodyStart where the text's first character is: for a block scalar ({@code |} or {@code
   *     >}) the line below the indicator, otherwise {@code position}
   */
  record Scalar(String text, ScalarType type, Position position, Position bodyStart)
      implements Node {
    Scalar(String text, ScalarType type, Position position) {
      this(text, type, position, position);
    }

    boolean isNull() {
      return type == ScalarType.NULL;
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
