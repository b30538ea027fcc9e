package motd.sign;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import motd.emit.SiteFileIo;
import motd.emit.SiteTree;
import motd.emit.SiteWriter;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;

/**
 * Checks a signed site the way a careful mirror would, and reports every problem at once.
 *
 * <p>Trust comes from outside the site. The caller names the fingerprints it trusts (a pin, the
 * keys the maintainers' repository lists, the local signing key) and may give an earlier manifest,
 * whose keys are trusted too. The site's own {@code motd/signing-key.asc} only supplies certificate
 * material: a key in it counts only if a trusted fingerprint names it, or if a manifest signed by a
 * trusted key names it (which is how a new key is endorsed during a rotation).
 *
 * <p>Then: the manifest must be signed by a trusted key and by every key it names, and by no other;
 * with an earlier manifest, by at least one of that manifest's keys too (a key change needs the
 * previous key's consent), with a serial that did not go back. Every signed file must be signed by
 * exactly the manifest's keys; every file must match the manifest's hash and length; nothing may be
 * missing or extra (temporary files included); symlinks, FIFOs and devices are refused unread; and
 * each MOTD file's {@code variant} must match its path.
 */
public final class SiteVerifier {
  private static final JsonFactory JSON_FACTORY = new JsonFactory();
  private static final Pattern MOTD_FILE = Pattern.compile("motd/[^/]+/motd\\.json");

  /**
   * What to trust.
   *
   * @param trusted fingerprints (upper-case hex) whose signature on the manifest counts
   * @param certificates certificates to check signatures with, beyond the site's own (holding one
   *     here does not make it trusted)
   * @param previousManifest an earlier manifest seen by the caller, or null: its serial must not be
   *     exceeded backwards, and one of its keys must have signed this one
   * @param now the moment of the check, for the manifest's expiry and the signatures
   */
  public record Options(
      Set<String> trusted, Keyring certificates, Path previousManifest, Instant now) {
    public Options {
      trusted = Set.copyOf(trusted);
    }
  }

  /** What passed. */
  public record Report(int signaturesChecked, int filesInManifest, long serial, List<String> keys) {
    public String summary(String site) {
      return String.format(
          Locale.ROOT,
          "verified %s: %d signatures and %d files in manifest serial %d, all good (%s %s)",
          site,
          signaturesChecked,
          filesInManifest,
          serial,
          keys.size() == 1 ? "key" : "keys",
          String.join(", ", keys));
    }
  }

  /**
   * Verifies {@code site}.
   *
   * @throws VerificationException listing every problem, if there is any
   */
  public Report verify(Path site, Options options) {
    SiteWriter.requireSite(site);
    List<String> problems = new ArrayList<>();
    SiteTree tree = SiteTree.scan(site);
    motd.diagnostic.Timings.mark("site listed");
    for (SiteTree.Stray s : tree.strays()) {
      problems.add(site.resolve(s.path()) + ": is " + s.kind() + "; a site holds only plain files");
    }
    Set<String> all = tree.files().keySet();
    Manifest previous = null;
    if (options.previousManifest() != null) {
      try {
        previous = Manifest.read(options.previousManifest());
      } catch (IllegalArgumentException e) {
        throw new VerificationException(
            List.of(options.previousManifest() + ": " + e.getMessage()));
      }
    }
    Set<String> trusted = new LinkedHashSet<>(options.trusted());
    if (previous != null) {
      trusted.addAll(previous.keys());
    }
    if (trusted.isEmpty()) {
      throw new VerificationException(
          List.of(
              site
                  + ": no trusted key: pin one (--fingerprint or --cert), list signing_keys in"
                  + " motd.yaml, or give --previous-manifest; the site's own signing-key.asc"
                  + " proves nothing"));
    }
    Keyring keyring = keyring(site, tree, options, problems);
    SignatureCheck check = new SignatureCheck(keyring, options.now());
    motd.diagnostic.Timings.mark("certificates read");

    // The manifest first: it says which keys the files must be signed by.
    String where = site.resolve(Manifest.PATH).toString();
    Manifest manifest = null;
    Set<String> required = null;
    if (!all.contains(Manifest.PATH)) {
      problems.add(where + ": missing; run ./motd sign");
    } else {
      try {
        byte[] json = tree.read(Manifest.PATH);
        manifest = Manifest.parse(json);
        required =
            checkManifestSignature(site, tree, json, manifest, previous, trusted, check, problems);
      } catch (IOException | IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
      }
    }
    motd.diagnostic.Timings.mark("manifest signature checked");
    int checked = 0;
    // Each file is read once: its SHA-256 is taken while its signature is checked.
    Map<String, String> hashes = new ConcurrentHashMap<>();
    if (required == null) {
      problems.add(
          site
              + ": no file of this site can be trusted until its manifest is signed by a trusted"
              + " key");
    } else {
      checked = checkFiles(site, tree, required, check, hashes, problems) + 1;
    }
    motd.diagnostic.Timings.mark("signatures checked");
    if (manifest != null) {
      checkManifestContent(site, tree, manifest, previous, options.now(), hashes, problems);
    }
    motd.diagnostic.Timings.mark("manifest hashes checked");
    if (!problems.isEmpty()) {
      throw new VerificationException(problems);
    }
    return new Report(checked, manifest.files().size(), manifest.serial(), manifest.keys());
  }

  /** The certificates given by the caller, and those the site carries (material, not trust). */
  private static Keyring keyring(Path site, SiteTree tree, Options options, List<String> problems) {
    List<OpenPGPCertificate> certs = new ArrayList<>(options.certificates().certificates());
    if (tree.contains(SiteFiles.CERTIFICATE)) {
      try {
        String text = new String(tree.read(SiteFiles.CERTIFICATE), StandardCharsets.US_ASCII);
        certs.addAll(Keyring.parse(text, site.resolve(SiteFiles.CERTIFICATE).toString()));
      } catch (IOException e) {
        problems.add(site.resolve(SiteFiles.CERTIFICATE) + ": cannot read: " + e.getMessage());
      } catch (KeyException e) {
        problems.add(e.getMessage());
      }
    }
    return Keyring.of(certs);
  }

  /**
   * Checks who signed the manifest.
   *
   * @return the keys every signed file must be signed by, or null if the manifest is not trusted
   */
  private static Set<String> checkManifestSignature(
      Path site,
      SiteTree tree,
      byte[] json,
      Manifest manifest,
      Manifest previous,
      Set<String> trusted,
      SignatureCheck check,
      List<String> problems)
      throws IOException {
    String sigWhere = site.resolve(Manifest.PATH + ".asc").toString();
    if (!tree.contains(Manifest.PATH + ".asc")) {
      problems.add(site.resolve(Manifest.PATH) + ": no signature (manifest.json.asc is missing)");
      return null;
    }
    SignatureCheck.Verdict v = check.check(json, tree.read(Manifest.PATH + ".asc"));
    v.problems().forEach(p -> problems.add(sigWhere + ": " + p));
    Set<String> byTrusted =
        v.signers().stream().filter(trusted::contains).collect(Collectors.toSet());
    if (previous != null && v.signers().stream().noneMatch(previous.keys()::contains)) {
      problems.add(
          sigWhere
              + ": signed by "
              + ids(v.signers())
              + ", but the previous manifest names "
              + ids(previous.keys())
              + "; a key change is accepted only when a previous key signs too");
    }

    if (byTrusted.isEmpty()) {
      problems.add(
          sigWhere
              + ": not signed by a trusted key (signed by "
              + (v.signers().isEmpty() ? "no valid key" : ids(v.signers()))
              + "; trusted: "
              + ids(trusted)
              + ")");
      return null;
    }
    Set<String> named = new LinkedHashSet<>(manifest.keys());
    for (String k : named) {
      if (!v.signers().contains(k)) {
        problems.add(sigWhere + ": the manifest names key " + k + ", which did not sign it");
      }
    }
    for (String k : v.signers()) {
      if (!named.contains(k)) {
        problems.add(sigWhere + ": signed by key " + k + ", which the manifest does not name");
      }
    }
    return named;
  }

  /** Checks each signed file's signature; returns how many signature files were checked. */
  private static int checkFiles(
      Path site,
      SiteTree tree,
      Set<String> required,
      SignatureCheck check,
      Map<String, String> hashes,
      List<String> problems) {
    Set<String> all = tree.files().keySet();
    // Each file is checked on its own, on every core; problems are then reported in path order.
    List<String> signed =
        all.stream().filter(p -> SiteFiles.isSigned(p) && !p.equals(Manifest.PATH)).toList();
    List<List<String>> found =
        signed.parallelStream()
            .map(
                path -> {
                  List<String> own = new ArrayList<>();
                  byte[] data = read(tree, path, own);
                  if (data == null) {
                    return own;
                  }
                  if (data.length == tree.files().get(path).size()) {
                    hashes.put(path, SiteFileIo.sha256(data));
                  }
                  if (!all.contains(path + ".asc")) {
                    own.add(site.resolve(path) + ": no signature (" + path + ".asc is missing)");
                  } else {
                    byte[] sig = read(tree, path + ".asc", own);
                    if (sig != null) {
                      String at = site.resolve(path + ".asc") + ": ";
                      SignatureCheck.Verdict v = check.check(data, sig);
                      v.problems().forEach(p -> own.add(at + p));
                      for (String k : required) {
                        if (!v.signers().contains(k) && v.problems().isEmpty()) {
                          own.add(at + "not signed by key " + k + ", which the manifest names");
                        }
                      }
                      for (String k : v.signers()) {
                        if (!required.contains(k)) {
                          own.add(at + "signed by key " + k + ", which the manifest does not name");
                        }
                      }
                    }
                  }
                  if (MOTD_FILE.matcher(path).matches()) {
                    checkVariant(site, path, data, own);
                  }
                  return own;
                })
            .toList();
    found.forEach(problems::addAll);
    return (int) signed.stream().filter(p -> all.contains(p + ".asc")).count();
  }

  private static void checkManifestContent(
      Path site,
      SiteTree tree,
      Manifest manifest,
      Manifest previous,
      Instant now,
      Map<String, String> hashes,
      List<String> problems) {
    String where = site.resolve(Manifest.PATH).toString();
    if (!now.isBefore(manifest.expires())) {
      problems.add(where + ": expired at " + manifest.expires() + "; re-sign the site");
    }
    Set<String> all = tree.files().keySet();
    // The files checkFiles did not read (pages, the feed, host rules) are hashed on every core;
    // problems are then reported in the manifest's order.
    List<String> unread =
        manifest.files().keySet().stream()
            .filter(p -> all.contains(p) && !hashes.containsKey(p))
            .toList();
    Map<String, List<String>> readProblems = new ConcurrentHashMap<>();
    unread.parallelStream()
        .forEach(
            path -> {
              List<String> own = new ArrayList<>();
              byte[] data = read(tree, path, own);
              if (data != null) {
                hashes.put(path, SiteFileIo.sha256(data));
              }
              readProblems.put(path, own);
            });
    for (Map.Entry<String, Manifest.Entry> e : manifest.files().entrySet()) {
      String path = e.getKey();
      if (!all.contains(path)) {
        problems.add(site.resolve(path) + ": listed in the manifest but missing");
        continue;
      }
      long length = tree.files().get(path).size();
      if (length != e.getValue().length()) {
        problems.add(
            site.resolve(path)
                + ": length "
                + length
                + " differs from the manifest's "
                + e.getValue().length());
        continue;
      }
      problems.addAll(readProblems.getOrDefault(path, List.of()));
      String hash = hashes.get(path);
      if (hash != null && !hash.equals(e.getValue().sha256())) {
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
    if (previous != null) {
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
                + " equals the previous manifest's, but the content differs (rolled back or"
                + " replayed)");
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

  private static String ids(java.util.Collection<String> fingerprints) {
    return fingerprints.isEmpty() ? "none" : String.join(", ", fingerprints);
  }

  private static byte[] read(SiteTree tree, String path, List<String> problems) {
    try {
      return tree.read(path);
    } catch (IOException e) {
      problems.add(tree.root().resolve(path) + ": cannot read: " + e.getMessage());
      return null;
    }
  }
}
