package motd.diagnostic;

/**
 * Text made safe to print on a terminal. Messages quote what they were given (an id, a date, a file
 * name that an attacker may have chosen for a file in a site), and a raw ESC, carriage return or
 * bidirectional control in it could rewrite or hide the lines a reviewer reads. Each such character
 * is shown as its {@code \\uXXXX} escape instead.
 */
public final class Printable {
  private Printable() {}

  /** {@code s} on one line: every control character escaped, line breaks included. */
  public static String line(String s) {
    return escape(s, false);
  }

  /** A note for the user, as every command prints one: {@code note: TEXT}, escaped. */
  public static String note(String text) {
    return "note: " + text(text);
  }

  /** {@code s} with its line breaks kept and every other control character escaped. */
  public static String text(String s) {
    return escape(s, true);
  }

  private static String escape(String s, boolean keepNewlines) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (unsafe(c) && !(keepNewlines && c == '\n')) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        out.append(String.format("\\u%04X", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** C0 and C1 controls but tab, and the characters that reorder or break lines unseen. */
  private static boolean unsafe(char c) {
    return (c < 0x20 && c != '\t')
        || (c >= 0x7f && c <= 0x9f)
        || isBidiControl(c)
        || c == 0x2028
        || c == 0x2029;
  }

  /** Every bidirectional control: invisible, and each reorders what follows it. */
  public static boolean isBidiControl(int c) {
    return c == 0x061C
        || c == 0x200E
        || c == 0x200F
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
