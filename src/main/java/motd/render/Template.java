package motd.render;

import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.util.List;

/** A compiled Mustache template and the tags it uses. Thread-safe; compile once, render often. */
public final class Template {
  private final Mustache mustache;
  private final List<Tag> tags;
  private final java.util.Set<String> names;

  Template(Mustache mustache, List<Tag> tags) {
    this.mustache = mustache;
    this.tags = List.copyOf(tags);
    this.names =
        tags.stream().map(Tag::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** Every tag, in order, for checks such as "unknown variable". */
  public List<Tag> tags() {
    return tags;
  }

  /** Whether any tag refers to {@code name}. */
  public boolean uses(String name) {
    return names.contains(name);
  }

  /** Renders with {@code scope}: maps, lists, strings and booleans. */
  public String render(Object scope) {
    StringWriter out = new StringWriter();
    mustache.execute(out, scope);
    return out.toString();
  }
}
