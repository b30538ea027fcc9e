package motd.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import motd.diagnostic.OutputException;
import motd.emit.SafeFiles;
import motd.emit.SiteFileIo;
import motd.emit.SiteTree;
import motd.emit.SiteUpdate;
import motd.emit.SiteWriter;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;

/**
 * Signs a built site with one or more keys, all or nothing: every signature, the certificates and
 * the manifest go into a new tree that replaces the site in one {@link SiteUpdate}. A wrong
 * passphrase, a broken key, a full disk or a kill leaves the site as it was.
 *
 * <p>With several keys (a key rotation), each {@code .asc} holds one signature per key in one
 * armored block, {@code motd/signing-key.asc} holds every key's certificate, and the manifest names
 * every key and is signed by each.
 */
public final class SiteSigner {
  /** Default lifetime of a manifest. */
  public static final Duration DEFAULT_EXPIRY = Duration.ofDays(30);

  private final List<Signer> signers;

  public SiteSigner(Signer signer) {
    this(List.of(signer));
  }

  /** A signer for every key in {@code signers}, in that order. */
  public SiteSigner(List<Signer> signers) {
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("no signing key");
    }
    this.signers = List.copyOf(signers);
  }

  /**
   * Options for one run.
   *
   * @param expires how long the manifest is valid; null for the default, kept when nothing changed
   * @param now the signing time, written into every signature and the manifest
   * @param progress told the number of signatures made so far, or null
   * @param steps called before each change to the disk, for fault injection
   */
  public record Options(
      Duration expires, Instant now, IntConsumer progress, SiteUpdate.Steps steps) {
    public Options(Duration expires, Instant now, IntConsumer progress) {
      this(expires, now, progress, SiteUpdate.Steps.fromSystemProperties());
    }
  }

  /** Signs {@code site}. */
  public SignReport sign(Path site, Options options) {
    long start = System.nanoTime();
    List<String> notes = new ArrayList<>(SiteWriter.requireSite(site));
    Instant now = options.now();
    Set<String> keys = new LinkedHashSet<>();
    List<OpenPGPCertificate> certs = new ArrayList<>();
    for (Signer s : signers) {
      if (keys.add(s.fingerprint())) {
        certs.add(Keys.parseCertificate(s.certificate(), "the signing key " + s.fingerprint()));
      }
    }
    if (keys.size() != signers.size()) {
      throw new KeyException("the same key is given twice");
    }
    motd.diagnostic.Timings.mark("certificates read");
    SignatureCheck check = new SignatureCheck(Keyring.of(certs), now);
    MultiSigner multi = new MultiSigner(signers);
    try (SiteUpdate update = SiteUpdate.open(site, options.steps())) {
      notes.addAll(update.repairs());
      SiteTree tree = update.current().requireNoStrays("sign");
      motd.diagnostic.Timings.mark("site locked and listed");
      SortedSet<String> all = new TreeSet<>();
      for (String path : tree.files().keySet()) {
        if (SafeFiles.isTemp(path.substring(path.lastIndexOf('/') + 1))) {
          notes.add("dropped " + path + ", a temporary file left by an interrupted run");
        } else {
          all.add(path);
        }
      }
      // One pass over the files on every core: each is read once, hashed (for the manifest and to
      // sign each distinct payload once), its signature checked, and signed if it needs it.
      List<String> signed = new ArrayList<>();
      for (String path : all) {
        if (SiteFiles.isSigned(path) && !path.equals(Manifest.PATH)) {
          signed.add(path);
        }
      }
      Map<String, String> hashes = new ConcurrentHashMap<>();
      Map<String, byte[]> byHash = new ConcurrentHashMap<>();
      Map<String, String> toSign = new ConcurrentHashMap<>();
      AtomicInteger unchangedCount = new AtomicInteger();
      AtomicInteger done = new AtomicInteger();
      try {
        SiteFileIo.forEachInParallel(
            signed,
            path -> {
              byte[] data = read(tree, path);
              String hash = SiteFileIo.sha256(data);
              hashes.put(path, hash);
              byte[] existing = all.contains(path + ".asc") ? read(tree, path + ".asc") : null;
              if (existing != null && check.check(data, existing).signedByExactly(keys)) {
                unchangedCount.incrementAndGet();
                return;
              }
              toSign.put(path, hash);
              byHash.computeIfAbsent(
                  hash,
                  h -> {
                    byte[] signature = multi.sign(data);
                    int n = done.incrementAndGet();
                    if (options.progress() != null) {
                      options.progress().accept(n);
                    }
                    return signature;
                  });
            });
      } catch (IOException e) {
        throw new OutputException("cannot sign: " + e.getMessage(), e);
      }
      int unchanged = unchangedCount.get();
      Map<String, byte[]> signatures = new TreeMap<>();
      toSign.forEach((path, hash) -> signatures.put(path + ".asc", byHash.get(hash)));
      motd.diagnostic.Timings.mark("signatures made");

      SortedMap<String, byte[]> planned = new TreeMap<>();
      byte[] cert =
          (signers.size() == 1 ? signers.get(0).certificate() : Keyring.armor(certs))
              .getBytes(StandardCharsets.US_ASCII);
      if (!all.contains(SiteFiles.CERTIFICATE)
          || !Arrays.equals(read(tree, SiteFiles.CERTIFICATE), cert)) {
        planned.put(SiteFiles.CERTIFICATE, cert);
      }
      planned.putAll(signatures);
      SortedMap<String, Manifest.Entry> entries = manifestEntries(tree, all, planned, hashes);

      byte[] existingJson = all.contains(Manifest.PATH) ? read(tree, Manifest.PATH) : null;
      Manifest existing = parseOrNull(existingJson);
      Manifest previous = ours(existing, existingJson, tree, all, check, keys) ? existing : null;
      if (existing != null && existing.keys().stream().noneMatch(keys::contains)) {
        notes.add(
            "warning: the previous manifest was signed by "
                + String.join(",", existing.keys())
                + " only; verify --previous-manifest refuses a key change that no previous key"
                + " endorses. Sign once with the old and the new key together (--key NEW --key"
                + " OLD), unless the old key is compromised; then tell users to pin the new key");
      }
      Manifest manifest;
      boolean writeManifest;
      if (previous != null
          && options.expires() == null
          && previous.files().equals(entries)
          && Duration.between(now, previous.expires()).compareTo(DEFAULT_EXPIRY.dividedBy(2)) > 0) {
        manifest = previous;
        writeManifest = false;
      } else {
        // The serial only grows: past the previous one, and never below the signing time in
        // seconds, so that a site signed afresh (a new checkout, a CI runner) still goes forward.
        long serial =
            Math.max((existing == null ? 0 : existing.serial()) + 1, now.getEpochSecond());
        Duration lifetime = options.expires() == null ? DEFAULT_EXPIRY : options.expires();
        manifest =
            new Manifest(
                Manifest.FORMAT, serial, now, now.plus(lifetime), new ArrayList<>(keys), entries);
        writeManifest = true;
      }
      if (writeManifest) {
        byte[] json = manifest.toJson();
        planned.put(Manifest.PATH, json);
        planned.put(Manifest.PATH + ".asc", multi.sign(json));
      }
      motd.diagnostic.Timings.mark("manifest");
      boolean dropped = all.size() != tree.files().size();
      if (!planned.isEmpty() || dropped || !update.repairs().isEmpty()) {
        SortedMap<String, SiteUpdate.Content> plan = new TreeMap<>();
        for (String path : all) {
          plan.put(path, new SiteUpdate.Content.Existing(path));
        }
        planned.forEach((path, bytes) -> plan.put(path, new SiteUpdate.Content.Bytes(bytes)));
        update.commit(plan);
      }
      motd.diagnostic.Timings.mark("site replaced");
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new SignReport(
          signatures.size(),
          unchanged,
          writeManifest,
          manifest.serial(),
          manifest.expires(),
          List.copyOf(keys),
          notes,
          millis);
    }
  }

  /** Every file of the signed site but the manifest and the signatures, with hash and length. */
  private static SortedMap<String, Manifest.Entry> manifestEntries(
      SiteTree tree,
      SortedSet<String> all,
      SortedMap<String, byte[]> planned,
      Map<String, String> hashes) {
    SortedSet<String> after = new TreeSet<>(all);
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
        entries.put(path, new Manifest.Entry(hashes.get(path), tree.files().get(path).size()));
      } else {
        entries.put(path, Manifest.Entry.of(read(tree, path)));
      }
    }
    return entries;
  }

  /** {@code json} as a manifest, signed or not; null if there is none or it cannot be read. */
  private static Manifest parseOrNull(byte[] json) {
    try {
      return json == null ? null : Manifest.parse(json);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether manifest {@code m} (bytes {@code json}) is validly signed by exactly these keys. */
  private static boolean ours(
      Manifest m,
      byte[] json,
      SiteTree tree,
      Set<String> all,
      SignatureCheck check,
      Set<String> keys) {
    if (m == null || !all.contains(Manifest.PATH + ".asc")) {
      return false;
    }
    try {
      return new LinkedHashSet<>(m.keys()).equals(keys)
          && check.check(json, read(tree, Manifest.PATH + ".asc")).signedByExactly(keys);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] read(SiteTree tree, String path) {
    try {
      return tree.read(path);
    } catch (IOException e) {
      throw new OutputException(
          "cannot read " + tree.root().resolve(path) + ": " + e.getMessage(), e);
    }
  }
}
