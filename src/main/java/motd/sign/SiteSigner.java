package motd.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import motd.diagnostic.OutputException;
import motd.emit.SiteFileIo;

/**
 * Signs a built site, all or nothing: every signature and the manifest are written to temporary
 * files first and renamed into place only when all succeeded, the manifest last. A wrong
 * passphrase, a broken key or a full disk leaves the site as it was.
 */
public final class SiteSigner {
  /** Default lifetime of a manifest. */
  public static final Duration DEFAULT_EXPIRY = Duration.ofDays(30);

  static final String TEMP_SUFFIX = ".motd-tmp";

  private final Signer signer;

  public SiteSigner(Signer signer) {
    this.signer = signer;
  }

  /**
   * Options for one run.
   *
   * @param expires how long the manifest is valid; null for the default, kept when nothing changed
   * @param progress told the number of signatures made so far, or null
   */
  public record Options(Duration expires, Instant now, IntConsumer progress) {}

  /** Signs {@code site}. */
  public SignReport sign(Path site, Options options) {
    long start = System.nanoTime();
    SiteFiles.requireSite(site);
    Instant now = options.now();
    SignatureCheck check =
        new SignatureCheck(Keys.parseCertificate(signer.certificate(), "the signing key"));
    SortedSet<String> all = SiteFiles.list(site);
    Map<String, byte[]> contents = new HashMap<>();
    Map<String, String> hashes = new HashMap<>();
    List<String> toSign = new ArrayList<>();
    int unchanged = 0;
    for (String path : all) {
      if (!SiteFiles.isSigned(path) || path.equals(Manifest.PATH)) {
        continue;
      }
      byte[] data = read(site, path);
      contents.put(path, data);
      hashes.put(path, SiteFileIo.sha256(data)); // for deduplication and the manifest
      byte[] existing = all.contains(path + ".asc") ? read(site, path + ".asc") : null;
      if (existing != null && check.problem(data, existing).isEmpty()) {
        unchanged++;
      } else {
        toSign.add(path);
      }
    }
    // One signature per distinct payload; copies get the same signature. Payloads are signed on
    // every core; nothing is written until all of them are signed.
    Map<String, byte[]> firstWithHash = new LinkedHashMap<>();
    for (String path : toSign) {
      firstWithHash.putIfAbsent(hashes.get(path), contents.get(path));
    }
    java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger();
    Map<String, byte[]> byHash = new java.util.concurrent.ConcurrentHashMap<>();
    firstWithHash.entrySet().parallelStream()
        .forEach(
            e -> {
              byHash.put(e.getKey(), signer.sign(e.getValue()));
              int n = done.incrementAndGet();
              if (options.progress() != null) {
                options.progress().accept(n);
              }
            });
    Map<String, byte[]> signatures = new TreeMap<>();
    for (String path : toSign) {
      signatures.put(path + ".asc", byHash.get(hashes.get(path)));
    }
    int signed = firstWithHash.size();
    int reused = toSign.size() - signed;
    int distinct = (int) hashes.values().stream().distinct().count();

    // The certificate that verifies the site, and the manifest over everything but signatures.
    byte[] cert = signer.certificate().getBytes(StandardCharsets.US_ASCII);
    SortedMap<String, byte[]> planned = new TreeMap<>();
    if (!all.contains(SiteFiles.CERTIFICATE)
        || !java.util.Arrays.equals(read(site, SiteFiles.CERTIFICATE), cert)) {
      planned.put(SiteFiles.CERTIFICATE, cert);
    }
    planned.putAll(signatures);
    SortedSet<String> after = new java.util.TreeSet<>(all);
    after.addAll(planned.keySet());
    after.add(Manifest.PATH); // so that manifest.json.asc counts as a signature below
    SortedMap<String, Manifest.Entry> entries = new TreeMap<>();
    for (String path : after) {
      if (path.equals(Manifest.PATH) || SiteFiles.isSignature(path, after)) {
        continue;
      }
      if (planned.containsKey(path)) {
        entries.put(path, Manifest.Entry.of(planned.get(path)));
      } else if (hashes.containsKey(path)) {
        entries.put(path, new Manifest.Entry(hashes.get(path), contents.get(path).length));
      } else {
        entries.put(path, Manifest.Entry.of(read(site, path)));
      }
    }
    Manifest previous = previousManifest(site, all, check);
    Manifest manifest;
    boolean writeManifest;
    if (previous != null
        && options.expires() == null
        && previous.key().equals(signer.fingerprint())
        && previous.files().equals(entries)
        && Duration.between(now, previous.expires()).compareTo(DEFAULT_EXPIRY.dividedBy(2)) > 0) {
      manifest = previous;
      writeManifest = false;
    } else {
      long serial = previous == null ? 1 : previous.serial() + 1;
      Duration lifetime = options.expires() == null ? DEFAULT_EXPIRY : options.expires();
      manifest =
          new Manifest(
              Manifest.FORMAT, serial, now, now.plus(lifetime), signer.fingerprint(), entries);
      writeManifest = true;
    }
    if (writeManifest) {
      byte[] json = manifest.toJson();
      planned.put(Manifest.PATH, json);
      planned.put(Manifest.PATH + ".asc", signer.sign(json));
    }
    commit(site, planned);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new SignReport(
        signed,
        reused,
        unchanged,
        distinct,
        writeManifest,
        manifest.serial(),
        signer.fingerprint(),
        millis);
  }

  /** The existing manifest if it is readable and validly signed by this key, else null. */
  private static Manifest previousManifest(Path site, SortedSet<String> all, SignatureCheck check) {
    if (!all.contains(Manifest.PATH)) {
      return null;
    }
    byte[] json = read(site, Manifest.PATH);
    try {
      Manifest m = Manifest.parse(json);
      boolean signed =
          all.contains(Manifest.PATH + ".asc")
              && check.problem(json, read(site, Manifest.PATH + ".asc")).isEmpty();
      // An unsigned or foreign manifest still tells us the serial to exceed, never the content.
      return signed
          ? m
          : new Manifest(m.format(), m.serial(), m.generated(), Instant.EPOCH, "", new TreeMap<>());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Writes every planned file to a temporary name, then renames them all, the manifest and its
   * signature last. Nothing is renamed unless every write succeeded.
   */
  private static void commit(Path site, SortedMap<String, byte[]> planned) {
    List<String> order = new ArrayList<>(planned.keySet());
    order.remove(Manifest.PATH);
    order.remove(Manifest.PATH + ".asc");
    if (planned.containsKey(Manifest.PATH)) {
      order.add(Manifest.PATH);
      order.add(Manifest.PATH + ".asc");
    }
    List<SiteFileIo.Pending> temps =
        order.stream()
            .map(
                path -> new SiteFileIo.Pending(site.resolve(path + TEMP_SUFFIX), planned.get(path)))
            .toList();
    try {
      SiteFileIo.writeAll(temps, file -> {});
    } catch (IOException e) {
      for (SiteFileIo.Pending t : temps) {
        try {
          Files.deleteIfExists(t.file());
        } catch (IOException ignored) {
          // best effort; the next run skips and overwrites our temp files
        }
      }
      throw new OutputException(
          "cannot write signatures into "
              + site
              + ": "
              + e.getMessage()
              + "; the site is unchanged",
          e);
    }
    try {
      for (String path : order) {
        Path temp = site.resolve(path + TEMP_SUFFIX);
        Path dest = site.resolve(path);
        try {
          Files.move(
              temp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new OutputException(
          "cannot rename signatures into place in " + site + ": " + e.getMessage(), e);
    }
  }

  private static byte[] read(Path site, String path) {
    try {
      return Files.readAllBytes(site.resolve(path));
    } catch (IOException e) {
      throw new OutputException("cannot read " + site.resolve(path) + ": " + e.getMessage(), e);
    }
  }
}
