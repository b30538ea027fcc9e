package motd.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;
import motd.diagnostic.Suggestions;

/**
 * Typed access to one YAML mapping. Every accessor reports a wrong type as an error at the value's
 * position and returns empty, so loading goes on and every problem is found in one run.
 */
final class Fields {
  private final Node.Mapping mapping;
  private final Diagnostics diagnostics;

  Fields(Node.Mapping mapping, Set<String> known, String what, Diagnostics diagnostics) {
    this.mapping = mapping;
    this.diagnostics = diagnostics;
    for (Node.Entry e : mapping.entries().values()) {
      if (!known.contains(e.key())) {
        diagnostics.error(
            e.keyPosition(),
            "unknown key '" + e.key() + "' in " + what + Suggestions.hint(e.key(), known));
      }
    }
  }

  /** Wraps {@code node} if it is a mapping; otherwise reports it and returns empty. */
  static Optional<Fields> of(Node node, Set<String> known, String what, Diagnostics diagnostics) {
    if (node instanceof Node.Mapping m) {
      return Optional.of(new Fields(m, known, what, diagnostics));
    }
    diagnostics.error(node.position(), what + " must be a mapping, found " + node.kind());
    return Optional.empty();
  }

  boolean has(String key) {
    Node.Entry e = mapping.entries().get(key);
    return e != null && !(e.value() instanceof Node.Scalar s && s.isNull());
  }

  Optional<Node> node(String key) {
    return has(key) ? Optional.of(mapping.entries().get(key).value()) : Optional.empty();
  }

  /** The position of the value of {@code key}, or of the mapping if it is absent. */
  Position at(String key) {
    Node.Entry e = mapping.entries().get(key);
    return e == null ? mapping.position() : e.value().position();
  }

  Optional<Node> required(String key, String what) {
    Optional<Node> n = node(key);
    if (n.isEmpty()) {
      diagnostics.error(mapping.position(), "missing required key '" + key + "' in " + what);
    }
    return n;
  }

  /** A scalar as text (numbers and booleans keep their written text). */
  Optional<Node.Scalar> scalar(String key) {
    return node(key).flatMap(n -> asScalar(n, "'" + key + "'"));
  }

  Optional<Node.Scalar> asScalar(Node n, String what) {
    if (n instanceof Node.Scalar s && !s.isNull()) {
      return Optional.of(s);
    }
    diagnostics.error(n.position(), what + " must be a single value, found " + n.kind());
    return Optional.empty();
  }

  Optional<Node.Scalar> string(String key) {
    return scalar(key)
        .filter(
            s -> {
              if (s.type() == Node.ScalarType.STRING || s.type() == Node.ScalarType.NUMBER) {
                return true;
              }
              diagnostics.error(s.position(), "'" + key + "' must be text, found " + s.kind());
              return false;
            });
  }

  Optional<Boolean> bool(String key) {
    return scalar(key)
        .flatMap(
            s -> {
              if (s.type() == Node.ScalarType.BOOLEAN) {
                return Optional.of(Boolean.parseBoolean(s.text()));
              }
              diagnostics.error(
                  s.position(), "'" + key + "' must be true or false, found '" + s.text() + "'");
              return Optional.empty();
            });
  }

  /** A list of scalars; a single scalar is not accepted, so mistakes in shape are visible. */
  Optional<List<Node.Scalar>> scalarList(String key) {
    return node(key).flatMap(n -> asScalarList(n, "'" + key + "'"));
  }

  Optional<List<Node.Scalar>> asScalarList(Node n, String what) {
    if (!(n instanceof Node.Sequence seq)) {
      diagnostics.error(n.position(), what + " must be a list, found " + n.kind());
      return Optional.empty();
    }
    List<Node.Scalar> out = new ArrayList<>();
    for (Node item : seq.items()) {
      asScalar(item, "each item of " + what).ifPresent(out::add);
    }
    return Optional.of(out);
  }
}
