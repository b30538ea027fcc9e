package motd.load;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.InvalidInputException;
import motd.diagnostic.Position;
import motd.diagnostic.UsageException;
import motd.model.Config;

/**
 * Small edits to YAML files that keep every comment and the author's layout: the text is changed in
 * place at positions the reader found, never parsed and written out again. Each edit is checked by
 * reading the result before it is returned.
 */
public final class YamlEdits {
  /** Plain scalars YAML would read as something other than text. */
  private static final Pattern NOT_TEXT =
      Pattern.compile(
          "[-+]?([0-9][0-9_]*)?(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|(?i)true|false|null|yes|no|on|off|~");

  private YamlEdits() {}

  /**
   * {@code motd.yaml}'s text with one more release after the last one, written in the style of the
   * last one (a block mapping or a one-line flow mapping).
   *
   * @param platforms families or sys.platform values; empty for everywhere
   * @throws UsageException if the releases are not a block list this can extend
   */
  public static String addRelease(
      String file, String text, String version, String date, List<String> platforms) {
    Diagnostics d = new Diagnostics();
    Node root = new YamlReader().read(file, text, d);
    d.throwIfErrors();
    Node.Entry releases = root instanceof Node.Mapping m ? m.entries().get("releases") : null;
    if (releases == null
        || !(releases.value() instanceof Node.Sequence seq)
        || seq.items().isEmpty()) {
      throw new UsageException(file + " has no list of releases to add to; edit it by hand");
    }
    String[] lines = text.split("\n", -1);
    Node last = seq.items().get(seq.items().size() - 1);
    int itemLine = last.position().line() - 1;
    // The item's dash: on its own line or before the first key.
    int dashLine = itemLine;
    while (dashLine >= 0 && !lines[dashLine].stripLeading().startsWith("-")) {
      dashLine--;
    }
    if (dashLine < 0 || lines[dashLine].stripLeading().startsWith("- [")) {
      throw new UsageException(
          file + ": 'releases' is not a list with one '- ' item per release; edit it by hand");
    }
    int dashIndent = indent(lines[dashLine]);
    // The item ends before the next line at the dash's indentation or less.
    int end = dashLine + 1;
    int lastContent = dashLine;
    while (end < lines.length) {
      String l = lines[end];
      if (!l.isBlank() && indent(l) <= dashIndent) {
        break;
      }
      if (!l.isBlank()) {
        lastContent = end;
      }
      end++;
    }
    String dashText = lines[dashLine].strip();
    String item;
    String platformList = platforms.isEmpty() ? null : "[" + String.join(", ", platforms) + "]";
    if (dashText.startsWith("- {")) {
      item =
          " ".repeat(dashIndent)
              + "- {version: "
              + scalar(version)
              + ", date: "
              + date
              + (platformList == null ? "" : ", platforms: " + platformList)
              + "}";
    } else if (last instanceof Node.Mapping) {
      int keyIndent =
          dashText.equals("-") ? indent(lines[dashLine + 1]) : dashIndent + 2 + spaces(dashText);
      String pad = " ".repeat(keyIndent);
      item =
          " ".repeat(dashIndent)
              + "-"
              + " ".repeat(keyIndent - dashIndent - 1)
              + "version: "
              + scalar(version)
              + "\n"
              + pad
              + "date: "
              + date
              + (platformList == null ? "" : "\n" + pad + "platforms: " + platformList);
    } else {
      throw new UsageException(file + ": the last release is not a mapping; edit it by hand");
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      out.append(lines[i]);
      if (i < lines.length - 1) {
        out.append('\n');
      }
      if (i == lastContent) {
        out.append(i < lines.length - 1 ? "" : "\n").append(item);
        if (i == lines.length - 1) {
          continue;
        }
        out.append('\n');
      }
    }
    String result = out.toString();
    Config check = readConfig(file, result);
    if (check.releases().stream().noneMatch(r -> r.version().text().equals(version))) {
      throw new IllegalStateException("the edited " + file + " does not list " + version);
    }
    return result;
  }

  /**
   * An announcement's text with a top-level {@code key: value}: the value replaced where the key
   * is, or a new line after {@code after}'s line.
   */
  public static String setTopLevel(
      String file, String text, String key, String value, String after) {
    Diagnostics d = new Diagnostics();
    Node root = new YamlReader().read(file, text, d);
    d.throwIfErrors();
    if (!(root instanceof Node.Mapping m)) {
      throw new UsageException(file + " is not a mapping");
    }
    String[] lines = text.split("\n", -1);
    Map<String, Node.Entry> entries = m.entries();
    Node.Entry existing = entries.get(key);
    if (existing != null) {
      if (!(existing.value() instanceof Node.Scalar s)
          || s.position().line() != existing.keyPosition().line()) {
        throw new UsageException(file + ": '" + key + "' is not a one-line value; edit it by hand");
      }
      int line = existing.keyPosition().line() - 1;
      String l = lines[line];
      int keyAt = existing.keyPosition().column() - 1;
      int commentAt = comment(l, keyAt + key.length() + 1);
      String tail = commentAt < 0 ? "" : "  " + l.substring(commentAt);
      lines[line] = l.substring(0, keyAt) + key + ": " + value + tail;
    } else {
      Node.Entry anchor = entries.get(after);
      int line = anchor == null ? 0 : lastLineOf(lines, anchor);
      String indent = " ".repeat(indent(lines[line]));
      String[] grown = new String[lines.length + 1];
      System.arraycopy(lines, 0, grown, 0, line + 1);
      grown[line + 1] = indent + key + ": " + value;
      System.arraycopy(lines, line + 1, grown, line + 2, lines.length - line - 1);
      lines = grown;
    }
    String result = String.join("\n", lines);
    Diagnostics again = new Diagnostics();
    Node reread = new YamlReader().read(file, result, again);
    again.throwIfErrors();
    Node.Entry written = reread instanceof Node.Mapping rm ? rm.entries().get(key) : null;
    if (written == null || !(written.value() instanceof Node.Scalar s) || !s.text().equals(value)) {
      throw new IllegalStateException("the edited " + file + " does not say " + key + ": " + value);
    }
    return result;
  }

  /** Reads {@code motd.yaml}'s text; errors are thrown as {@link InvalidInputException}. */
  public static Config readConfig(String file, String text) {
    Diagnostics d = new Diagnostics();
    Node root = new YamlReader().read(file, text, d);
    Config config = root == null ? null : new ConfigReader(d).read(root);
    d.throwIfErrors();
    if (config == null) {
      d.error(Position.of(file), "the configuration is unusable");
      d.throwIfErrors();
    }
    return config;
  }

  private static int lastLineOf(String[] lines, Node.Entry e) {
    int line = e.keyPosition().line() - 1;
    int keyIndent = indent(lines[line]);
    int last = line;
    for (int i = line + 1; i < lines.length; i++) {
      if (!lines[i].isBlank() && indent(lines[i]) <= keyIndent) {
        break;
      }
      if (!lines[i].isBlank()) {
        last = i;
      }
    }
    return last;
  }

  /** Where a comment starts on a line after {@code from}, outside quotes, or -1. */
  private static int comment(String line, int from) {
    char quote = 0;
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  private static int indent(String line) {
    return line.length() - line.stripLeading().length();
  }

  /** Spaces after the dash of "- version: ...". */
  private static int spaces(String dashText) {
    int i = 1;
    while (i < dashText.length() && dashText.charAt(i) == ' ') {
      i++;
    }
    return i - 2;
  }

  /** A version as YAML reads it back as the same text: quoted if it could be a number. */
  static String scalar(String version) {
    return NOT_TEXT.matcher(version).matches() ? "'" + version + "'" : version;
  }
}
