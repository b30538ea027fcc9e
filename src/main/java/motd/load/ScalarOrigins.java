package motd.load;

/**
 * Where each character of a YAML scalar's value was written. YAML changes text on the way in: it
 * folds line breaks into spaces, drops indentation, unescapes {@code \n} and {@code ''}. Walking
 * the value and its source side by side, in the scalar's own style, finds every character again.
 */
final class ScalarOrigins {
  /** The five ways YAML writes a scalar. */
  enum Style {
    PLAIN,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    LITERAL,
    FOLDED
  }

  private ScalarOrigins() {}

  /**
   * For each index of {@code value} (and its end), the offset in {@code source} where it was
   * written.
   *
   * @param start where the scalar's node starts in {@code source}, including any tag
   * @param end where it ends
   */
  static int[] offsets(String source, int start, int end, Style style, String value) {
    end = Math.min(Math.max(end, start), source.length());
    int j = bodyStart(source, start, end, style);
    int[] out = new int[value.length() + 1];
    for (int i = 0; i < value.length(); i++) {
      char v = value.charAt(i);
      if (Character.isLowSurrogate(v) && i > 0 && out[i - 1] < j && isEscape(source, out[i - 1])) {
        out[i] = out[i - 1]; // the second half of one \U escape
        continue;
      }
      int taken = match(source, j, end, style, v);
      if (taken > 0) {
        out[i] = j;
        j += taken;
        continue;
      }
      if (v == ' ' || v == '\n' || v == '\t') {
        out[i] = Math.min(j, end); // made by folding or a line break: no character of its own
        continue;
      }
      j = skipFolding(source, j, end, style);
      taken = match(source, j, end, style, v);
      out[i] = Math.min(j, end);
      j += taken;
    }
    out[value.length()] = Math.min(j, end);
    return out;
  }

  /** Where the value's first character is written: after a quote, or below a block header. */
  private static int bodyStart(String source, int start, int end, Style style) {
    int j = start;
    // Skip node properties (a tag such as !!str) written before the value.
    while (j < end && (source.charAt(j) == '!' || source.charAt(j) == '&')) {
      while (j < end && !Character.isWhitespace(source.charAt(j))) {
        j++;
      }
      while (j < end && (source.charAt(j) == ' ' || source.charAt(j) == '\t')) {
        j++;
      }
    }
    return switch (style) {
      case SINGLE_QUOTED, DOUBLE_QUOTED -> Math.min(j + 1, end);
      case LITERAL, FOLDED -> {
        int nl = source.indexOf('\n', j);
        yield nl < 0 || nl >= end ? end : nl + 1;
      }
      case PLAIN -> j;
    };
  }

  /** How many source characters at {@code j} make the value character {@code v}, or 0. */
  private static int match(String source, int j, int end, Style style, char v) {
    if (j >= end) {
      return 0;
    }
    char c = source.charAt(j);
    if (style == Style.DOUBLE_QUOTED && c == '\\' && j + 1 < end) {
      char n = source.charAt(j + 1);
      if (n == '\n' || n == '\r') {
        return 0; // an escaped line break makes no character
      }
      return switch (n) {
        case 'x' -> 4;
        case 'u' -> 6;
        case 'U' -> 10;
        default -> 2;
      };
    }
    if (style == Style.SINGLE_QUOTED && c == '\'' && v == '\'' && j + 1 < end) {
      return source.charAt(j + 1) == '\'' ? 2 : 0;
    }
    return c == v ? 1 : 0;
  }

  private static boolean isEscape(String source, int j) {
    return j + 1 < source.length() && source.charAt(j) == '\\' && source.charAt(j + 1) == 'U';
  }

  /** Past white space YAML folds away: line breaks, indentation, escaped line breaks. */
  private static int skipFolding(String source, int j, int end, Style style) {
    while (j < end) {
      char c = source.charAt(j);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        j++;
      } else if (style == Style.DOUBLE_QUOTED
          && c == '\\'
          && j + 1 < end
          && (source.charAt(j + 1) == '\n' || source.charAt(j + 1) == '\r')) {
        j += 2;
      } else {
        break;
      }
    }
    return j;
  }
}
