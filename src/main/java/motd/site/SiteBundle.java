package motd.site;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import motd.bundle.Bundler;
import motd.emit.SiteTree;
import motd.emit.SiteWriter;
import motd.sign.Manifest;
import motd.sign.VerificationException;

/**
 * The library entry point for {@code bundle}: verify the site as {@code verify} does, then pack it.
 */
public final class SiteBundle {
  private SiteBundle() {}

  /**
   * Packs {@code site} into {@code out}.
   *
   * @param trust what the site must verify against, or null to bundle it unverified
   * @param sourceDateEpoch {@code SOURCE_DATE_EPOCH}, or null
   * @throws VerificationException if the site is unsigned or fails verification
   */
  public static Bundler.Report bundle(
      Path site, Path out, Signing.Trust trust, Instant now, String sourceDateEpoch) {
    SiteWriter.requireSite(site);
    // A link or FIFO is "a file in the way" (exit 3) before it is a verification problem.
    SiteTree tree = SiteTree.scan(site).requireNoStrays("bundle");
    if (trust != null) {
      if (!tree.files().containsKey(Manifest.PATH)) {
        throw new VerificationException(
            List.of(site + ": has no signatures; run ./motd sign, or bundle with --unsigned"));
      }
      Signing.verify(site, trust, now);
    }
    return new Bundler().bundle(tree, out, Bundler.entryTime(tree, sourceDateEpoch));
  }
}
