package motd.sign;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a signing run did.
 *
 * @param signed files that got a new signature
 * @param unchanged files whose existing signature was still valid, by exactly these keys
 * @param manifestWritten whether a new manifest (with a higher serial) was written
 * @param keys the fingerprints of the keys that signed
 * @param notes things the user should know (repairs, a key change), one line each
 */
public record SignReport(
    int signed,
    int unchanged,
    boolean manifestWritten,
    long serial,
    Instant expires,
    List<String> keys,
    List<String> notes,
    long millis) {

  public SignReport {
    keys = List.copyOf(keys);
    notes = List.copyOf(notes);
  }

  /** This report with {@code notes} in place of its own. */
  public SignReport withNotes(List<String> notes) {
    return new SignReport(signed, unchanged, manifestWritten, serial, expires, keys, notes, millis);
  }

  /**
   * {@code signed site: 64 files signed, 0 unchanged; manifest written (serial 1764374400, expires
   * 2026-12-29T00:00:00Z); key 6E1F…; 0.84 s}.
   */
  public String summary(String site) {
    return String.format(
        Locale.ROOT,
        "signed %s: %d files signed, %d unchanged; manifest %s (serial %d, expires %s); %s %s;"
            + " %.2f s",
        site,
        signed,
        unchanged,
        manifestWritten ? "written" : "unchanged",
        serial,
        expires,
        keys.size() == 1 ? "key" : "keys",
        String.join(", ", keys),
        millis / 1000.0);
  }
}
