package motd.site;

import java.util.Locale;

/** Languages as their own speakers write them: Deutsch, Français, Português (Brasil). */
final class LanguageNames {
  private LanguageNames() {}

  /** The BCP 47 tag for HTML's {@code lang}: {@code pt_BR} becomes {@code pt-BR}. */
  static String tag(String code) {
    return code.replace('_', '-');
  }

  /** The language's name in itself, or the code if Java knows no name for it. */
  static String name(String code) {
    Locale locale = Locale.forLanguageTag(tag(code));
    String name = locale.getDisplayName(locale);
    if (name.isBlank() || name.equalsIgnoreCase(code) || name.equalsIgnoreCase(tag(code))) {
      return code;
    }
    return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
  }
}
