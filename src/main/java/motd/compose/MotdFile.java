package motd.compose;

import motd.model.Variant;

/**
 * One MOTD file's bytes.
 *
 * @param payload what clients see, without the {@code variant} field; files with equal payloads
 *     tell clients the same thing
 */
public record MotdFile(Variant variant, byte[] bytes, Composer.Payload payload) {}
