package motd.model;

import motd.diagnostic.TextOrigin;

/**
 * One language's text of an announcement: a plain-text Mustache template.
 *
 * @param origin where each character of the text was written, so template errors point into it
 */
public record Message(String language, String text, TextOrigin origin) {}
