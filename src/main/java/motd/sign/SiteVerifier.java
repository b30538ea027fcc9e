package motd.sign;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import motd.emit.SiteFileIo;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;

/**
 * Checks a signed site the way a careful mirror would, and reports every problem at once: each
 * signature, the manifest's signature, hashes and lengths, files missing on either side, expiry,
 * rollback against an earlier manifest, and each MOTD file's {@code variant} against its path.
 */
public final class SiteVerifier {
  private static final JsonFactory JSON_FACTORY = new JsonFactory();

  /**
   * What to check against.
   *
   * @param certificate the certificate file; null for the site's own {@code motd/signing-key.asc}
   * @param fingerprint the fingerprint the certificate must have, or null
   * @param previousManifest an earlier manifest whose serial this one must exceed, or null
   */
  public record Options(Path certificate, String fingerprint, Path previousManifest, Instant now) {}

  /** What passed. */
  public record Report(
      int signaturesChecked, int filesInManifest, long serial, String fingerprint) {
    public String summary(String site) {
      return String.format(
          Locale.ROOT,
          "verified %s: %d signatures and %d files in manifest serial %d, all good (key %s)",
          site,
          signaturesChecked,
          filesInManifest,
          serial,
          fingerprint);
    }
  }

  /**
   * Verifies {@code site}.
   *
   * @throws VerificationException listing every problem, if there is any
   */
  public Report verify(Path site, Options options) {
    List<String> problems = new ArrayList<>();
    SiteFiles.requireSite(site);
    Path certFile =
        options.certificate() != null ? options.certificate() : site.resolve(SiteFiles.CERTIFICATE);
    OpenPGPCertificate cert;
    try {
      cert = Keys.readCertificate(certFile);
    } catch (KeyException e) {
      throw new VerificationException(List.of(certFile + ": " + e.getMessage()));
    }
    String fpr = Keys.fingerprint(cert);
    if (options.fingerprint() != null) {
      String pinned = options.fingerprint().replaceAll("\\s", "").toUpperCase(Locale.ROOT);
      if (!fpr.equals(pinned)) {
        // A valid certificate that is not the pinned one counts as no signature at all.
        throw new VerificationException(
            List.of(
                certFile
                    + ": certificate is key "
                    + fpr
                    + ", not the pinned "
                    + pinned
                    + "; no signature can count"));
      }
    }
    SignatureCheck check = new SignatureCheck(cert);
    SortedSet<String> all = SiteFiles.list(site);
    // Each file is checked on its own, on every core; problems are then reported in path order.
    List<String> signed = all.stream().filter(SiteFiles::isSigned).toList();
    List<List<String>> found =
        signed.parallelStream()
            .map(
                path -> {
                  List<String> own = new ArrayList<>();
                  byte[] data = read(site, path, own);
                  if (data == null) {
                    return own;
                  }
                  if (!all.contains(path + ".asc")) {
                    own.add(site.resolve(path) + ": no signature (" + path + ".asc is missing)");
                  } else {
                    byte[] sig = read(site, path + ".asc", own);
                    Optional<String> problem =
                        sig == null ? Optional.empty() : check.problem(data, sig);
                    problem.ifPresent(p -> own.add(site.resolve(path + ".asc") + ": " + p));
                  }
                  if (path.matches("motd/[^/]+/motd\\.json")) {
                    checkVariant(site, path, data, own);
                  }
                  return own;
                })
            .toList();
    found.forEach(problems::addAll);
    int checked = (int) signed.stream().filter(p -> all.contains(p + ".asc")).count();
    Manifest manifest = null;
    if (!all.contains(Manifest.PATH)) {
      problems.add(site.resolve(Manifest.PATH) + ": missing; run ./motd sign");
    } else {
      try {
        manifest = Manifest.read(site.resolve(Manifest.PATH));
      } catch (IllegalArgumentException e) {
        problems.add(site.resolve(Manifest.PATH) + ": " + e.getMessage());
      }
    }
    if (manifest != null) {
      checkManifest(site, manifest, all, fpr, options, problems);
    }
    if (!problems.isEmpty()) {
      throw new VerificationException(problems);
    }
    return new Report(checked, manifest.files().size(), manifest.serial(), fpr);
  }

  private static void checkManifest(
      Path site,
      Manifest manifest,
      SortedSet<String> all,
      String fpr,
      Options options,
      List<String> problems) {
    String where = site.resolve(Manifest.PATH).toString();
    if (!manifest.key().equals(fpr)) {
      problems.add(where + ": names key " + manifest.key() + ", but the certificate is " + fpr);
    }
    if (!options.now().isBefore(manifest.expires())) {
      problems.add(where + ": expired at " + manifest.expires() + "; re-sign the site");
    }
    for (Map.Entry<String, Manifest.Entry> e : manifest.files().entrySet()) {
      String path = e.getKey();
      if (!all.contains(path)) {
        problems.add(site.resolve(path) + ": listed in the manifest but missing");
        continue;
      }
      byte[] data = read(site, path, problems);
      if (data == null) {
        continue;
      }
      if (data.length != e.getValue().length()) {
        problems.add(
            site.resolve(path)
                + ": length "
                + data.length
                + " differs from the manifest's "
                + e.getValue().length());
      } else if (!SiteFileIo.sha256(data).equals(e.getValue().sha256())) {
        problems.add(site.resolve(path) + ": SHA-256 differs from the manifest");
      }
    }
    for (String path : all) {
      if (path.equals(Manifest.PATH)
          || SiteFiles.isSignature(path, all)
          || manifest.files().containsKey(path)) {
        continue;
      }
      problems.add(site.resolve(path) + ": not in the manifest (added after signing?)");
    }
    if (options.previousManifest() != null) {
      try {
        Manifest previous = Manifest.read(options.previousManifest());
        if (manifest.serial() < previous.serial()) {
          problems.add(
              where
                  + ": serial "
                  + manifest.serial()
                  + " is lower than the previous manifest's "
                  + previous.serial()
                  + " (rolled back)");
        } else if (manifest.serial() == previous.serial() && !manifest.sameContent(previous)) {
          problems.add(
              where
                  + ": serial "
                  + manifest.serial()
                  + " equals the previous manifest's, but the content differs (rolled back or replayed)");
        }
      } catch (IllegalArgumentException e) {
        problems.add(options.previousManifest() + ": " + e.getMessage());
      }
    }
  }

  private static void checkVariant(Path site, String path, byte[] data, List<String> problems) {
    String expected = path.substring("motd/".length(), path.length() - "/motd.json".length());
    // Streamed, not parsed into a tree: only one field matters, and texts are skipped unread.
    String variant = null;
    try (JsonParser p = JSON_FACTORY.createParser(data)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("variant") && value == JsonToken.VALUE_STRING) {
          variant = p.getText();
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      problems.add(site.resolve(path) + ": not valid JSON");
      return;
    }
    if (variant == null) {
      problems.add(site.resolve(path) + ": has no 'variant' field");
    } else if (!variant.equals(expected)) {
      problems.add(
          site.resolve(path)
              + ": is the file of variant '"
              + variant
              + "', served at the path of '"
              + expected
              + "'");
    }
  }

  private static byte[] read(Path site, String path, List<String> problems) {
    try {
      return Files.readAllBytes(site.resolve(path));
    } catch (IOException e) {
      problems.add(site.resolve(path) + ": cannot read: " + e.getMessage());
      return null;
    }
  }
}
