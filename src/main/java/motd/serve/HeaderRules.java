package motd.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The site's {@code _headers} file (Netlify and Cloudflare Pages syntax), read so that {@code motd
 * serve} sends exactly the headers the CDN will: a path pattern on its own line, then indented
 * {@code Name: value} lines. {@code *} matches anything, {@code :name} one segment.
 */
final class HeaderRules {
  private record Rule(Pattern pattern, Map<String, String> headers) {}

  private final List<Rule> rules;

  private HeaderRules(List<Rule> rules) {
    this.rules = rules;
  }

  static HeaderRules read(Path file) {
    List<Rule> rules = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return new HeaderRules(rules);
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new HeaderRules(rules);
    }
    Map<String, String> current = null;
    for (String line : lines) {
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        current = new LinkedHashMap<>();
        rules.add(new Rule(compile(line.strip()), current));
      } else if (current != null) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          current.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
      }
    }
    return new HeaderRules(rules);
  }

  private static Pattern compile(String pattern) {
    StringBuilder re = new StringBuilder();
    for (String part : pattern.split("(?=[*:])|(?<=\\*)")) {
      if (part.equals("*")) {
        re.append(".*");
      } else if (part.startsWith(":")) {
        String rest = part.replaceFirst("^:[A-Za-z0-9_]+", "");
        re.append("[^/]+").append(Pattern.quote(rest));
      } else {
        re.append(Pattern.quote(part));
      }
    }
    return Pattern.compile(re.toString());
  }

  /** The headers for {@code path}; later rules override earlier ones for the same name. */
  Map<String, String> headersFor(String path) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Rule r : rules) {
      if (r.pattern().matcher(path).matches()) {
        out.putAll(r.headers());
      }
    }
    return out;
  }
}
