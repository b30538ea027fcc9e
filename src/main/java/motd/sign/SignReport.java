package motd.sign;

import java.util.Locale;

/**
 * What a signing run did.
 *
 * @param signed signatures made
 * @param reused signatures copied to files with the same bytes as a signed one
 * @param unchanged files whose existing signature was still valid
 * @param manifestWritten whether a new manifest (with a higher serial) was written
 */
public record SignReport(
    int signed,
    int reused,
    int unchanged,
    int distinctPayloads,
    boolean manifestWritten,
    long serial,
    String fingerprint,
    long millis) {

  public String summary(String site) {
    return String.format(
        Locale.ROOT,
        "signed %s: %d signed, %d reused, %d unchanged; %d distinct payloads; manifest %s (serial %d); key %s; %.2f s",
        site,
        signed,
        reused,
        unchanged,
        distinctPayloads,
        manifestWritten ? "written" : "unchanged",
        serial,
        fingerprint,
        millis / 1000.0);
  }
}
