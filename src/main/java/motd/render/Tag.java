package motd.render;

import java.util.List;

/**
 * One Mustache tag in a template, for validation.
 *
 * @param kind {@code '#'}, {@code '^'}, {@code '/'}, {@code '>'}, {@code '!'}, {@code '='}, {@code
 *     '&'} or {@code ' '} for a plain variable
 * @param sections the names of the sections this tag sits in, outermost first
 */
public record Tag(char kind, String name, int line, int column, List<String> sections) {
  public Tag {
    sections = List.copyOf(sections);
  }

  /** Whether the tag prints a value ({@code {{x}}}, {@code {{{x}}}}, {@code {{&x}}}). */
  public boolean isVariable() {
    return kind == ' ' || kind == '&' || kind == '{';
  }

  /** Whether the tag opens a section ({@code {{#x}}} or {@code {{^x}}}). */
  public boolean isSection() {
    return kind == '#' || kind == '^';
  }
}
