package motd.site;

import java.util.Locale;

/**
 * What a build did, for the one-line summary.
 *
 * @param motdFiles MOTD files in the site
 * @param distinctPayloads how many different messages those files carry (ignoring {@code variant})
 */
public record BuildReport(
    int written, int unchanged, int removed, int motdFiles, int distinctPayloads, long millis) {

  /**
   * {@code built site: 2 written, 2399 unchanged, 0 removed; 2403 MOTD files (14 distinct
   * messages); 0.84 s}. Every MOTD file names its variant, so each is signed on its own; the
   * distinct messages are how many different things clients are told.
   */
  public String summary(String out) {
    return String.format(
        Locale.ROOT,
        "built %s: %d written, %d unchanged, %d removed; %d MOTD files (%d distinct messages); %.2f s",
        out,
        written,
        unchanged,
        removed,
        motdFiles,
        distinctPayloads,
        millis / 1000.0);
  }
}
