package motd.load;

import motd.diagnostic.Diagnostics;
import motd.diagnostic.Printable;

/**
 * Characters a reader cannot see, or that garble a terminal or a page, in any text that reaches a
 * client or a page. Deceptive ones are errors: control characters and ANSI escapes, every
 * bidirectional control (they reorder what is shown), zero-width and other invisible characters,
 * line and paragraph separators, tag characters (they smuggle hidden text), noncharacters and
 * unpaired surrogates. Invisible includes the blanks that pass for letters (the Hangul fillers and
 * the braille blank, favourites for hiding text) and Unicode's other default-ignorable format
 * characters. A few invisible characters have real uses: the zero-width joiner and non-joiner
 * (Persian, Indic scripts, emoji sequences) and Mongolian's free variation selectors are allowed
 * between two non-ASCII characters, and the soft hyphen (a hyphenation hint) inside a word; each is
 * only warned about elsewhere, where it does nothing a reader can see. Tab and line break are the
 * only control characters a text may hold.
 */
final class Characters {
  private Characters() {}

  /**
   * Reports the first deceptive character of {@code s}'s text as an error and the first misplaced
   * joiner as a warning.
   *
   * @param what the field, for the message: "text", "title", "'signed'"
   * @return whether no error was reported
   */
  static boolean check(Node.Scalar s, String what, Diagnostics d) {
    String text = s.text();
    boolean warned = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int width = Character.charCount(c);
      String problem = problem(text, i, c);
      if (problem != null) {
        d.error(s.at(i), what + " contains " + problem);
        return false;
      }
      String joiner = joiner(c);
      boolean needed = c == 0x00AD ? withinWord(text, i, width) : joinsScript(text, i, width);
      if (!warned && joiner != null && !needed) {
        d.warning(
            s.at(i),
            what
                + " contains an invisible "
                + joiner
                + (c == 0x00AD
                    ? " outside a word, where it is no hyphenation hint and shows nothing"
                    : " next to plain text; scripts and emoji need it only between their own"
                        + " characters"));
        warned = true;
      }
      i += width;
    }
    return true;
  }

  /** The name of an invisible character that scripts need between their letters, or null. */
  private static String joiner(int c) {
    return switch (c) {
      case 0x200C -> "zero-width non-joiner (U+200C)";
      case 0x200D -> "zero-width joiner (U+200D)";
      case 0x00AD -> "soft hyphen (U+00AD)";
      case 0x180B, 0x180C, 0x180D, 0x180F ->
          String.format("Mongolian free variation selector (U+%04X)", c);
      default -> null;
    };
  }

  /** Why {@code c} at {@code i} is refused, or null. */
  private static String problem(String text, int i, int c) {
    if (c == 0x1b) {
      return "an ANSI escape (ESC)";
    }
    if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f)) {
      return String.format("a control character (U+%04X)", c);
    }
    if (Character.isSurrogate((char) c) && c <= 0xFFFF) {
      return String.format("an unpaired surrogate (U+%04X), which is not a character", c);
    }
    if (Printable.isBidiControl(c)) {
      return String.format(
          "an invisible bidirectional control (U+%04X), which can reorder what readers see", c);
    }
    if (c == 0x200B
        || c == 0x2060
        || c == 0xFEFF
        || c == 0x180E
        || c == 0x034F
        || (c >= 0x2061 && c <= 0x2064)
        || (c >= 0xFFF9 && c <= 0xFFFB)
        || c == 0x2065
        || c == 0x17B4
        || c == 0x17B5
        || (c >= 0xFFF0 && c <= 0xFFF8)
        || (c >= 0x1BCA0 && c <= 0x1BCA3)
        || (c >= 0x1D173 && c <= 0x1D17A)) {
      return String.format("an invisible character (U+%04X)", c);
    }
    if (c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800) {
      return String.format(
          "a blank that passes for a letter (U+%04X, %s), a common way to hide text",
          c, c == 0x2800 ? "the braille blank" : "a Hangul filler");
    }
    if (c == 0x2028 || c == 0x2029) {
      return String.format(
          "a Unicode %s separator (U+%04X); use a plain line break",
          c == 0x2028 ? "line" : "paragraph", c);
    }
    if (c >= 0xE0000 && c <= 0xE007F) {
      return String.format("an invisible tag character (U+%04X), which can hide text", c);
    }
    if ((c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF)) {
      return String.format("a noncharacter (U+%04X)", c);
    }
    return null;
  }

  /** Whether a joiner at {@code i} sits between two characters of a script or emoji. */
  private static boolean joinsScript(String text, int i, int width) {
    if (i == 0 || i + width >= text.length()) {
      return false;
    }
    int before = text.codePointBefore(i);
    int after = text.codePointAt(i + width);
    return needsJoiner(before) && needsJoiner(after);
  }

  /** Whether a soft hyphen at {@code i} sits inside a word, where it is a hyphenation hint. */
  private static boolean withinWord(String text, int i, int width) {
    return i > 0
        && i + width < text.length()
        && Character.isLetter(text.codePointBefore(i))
        && Character.isLetter(text.codePointAt(i + width));
  }

  private static boolean needsJoiner(int c) {
    return c > 0x7f && !Character.isWhitespace(c) && !Character.isSpaceChar(c);
  }
}
