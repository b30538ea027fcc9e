package motd.model;

import motd.diagnostic.Position;

/**
 * One language's text of an announcement: a plain-text Mustache template.
 *
 * @param position where the text starts, so template errors can point into it
 */
public record Message(String language, String text, Position position) {}
