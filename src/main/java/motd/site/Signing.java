package motd.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;
import motd.diagnostic.Diagnostic;
import motd.diagnostic.InvalidInputException;
import motd.diagnostic.OutputException;
import motd.diagnostic.UsageException;
import motd.emit.SafeFiles;
import motd.emit.SiteWriter;
import motd.load.Loader;
import motd.model.Config;
import motd.sign.GpgSigner;
import motd.sign.KeyAlgorithm;
import motd.sign.KeyException;
import motd.sign.KeyFileSigner;
import motd.sign.Keyring;
import motd.sign.PassphraseSource;
import motd.sign.SignReport;
import motd.sign.Signer;
import motd.sign.SiteSigner;
import motd.sign.SiteVerifier;
import motd.sign.VerificationException;

/**
 * The library entry points for {@code sign}, {@code verify} and {@code bundle}'s check: which keys
 * sign, and which keys are trusted.
 *
 * <p>The keys allowed to sign are listed in the maintainers' repository ({@code signing_keys} in
 * {@code motd.yaml}), reviewed like the announcements. Before any is listed, {@code sign} uses (or
 * makes) the local key and says how to list it; once keys are listed, it refuses any other.
 *
 * <p>{@code verify} trusts only what comes from outside the site: a pinned fingerprint or
 * certificate if one is given; otherwise the keys the repository lists, the local signing key (its
 * holder is the signer), and the keys an earlier manifest names. The site's own certificate file
 * proves nothing. With nothing to trust, it fails closed.
 */
public final class Signing {
  /** Where a key comes from when nothing is said: made by {@code sign} in a fresh checkout. */
  public static final String DEFAULT_KEY = ".motd/signing-key.asc";

  private Signing() {}

  /**
   * Which keys to sign with.
   *
   * @param keyFiles armored secret key files ({@code --key}, repeatable)
   * @param gpgKeys fingerprints of keys in the local GnuPG ({@code --gpg-key}, repeatable)
   * @param gpgProgram the gpg program
   * @param environmentKey {@code MOTD_SIGNING_KEY}, used when no key is given, or null
   * @param defaultKey the key used (and made, while the repository lists none) when neither is set
   * @param passphrases asked for protected keys
   */
  public record KeyChoice(
      List<Path> keyFiles,
      List<String> gpgKeys,
      String gpgProgram,
      Path environmentKey,
      Path defaultKey,
      PassphraseSource passphrases) {
    public KeyChoice {
      keyFiles = List.copyOf(keyFiles);
      gpgKeys = List.copyOf(gpgKeys);
    }
  }

  /**
   * A signing run.
   *
   * @param announcements the folder whose {@code motd.yaml} lists the allowed keys
   * @param expires the manifest's lifetime, or null for the default
   */
  public record SignRequest(
      Path site,
      Path announcements,
      KeyChoice keys,
      Duration expires,
      Instant now,
      IntConsumer progress) {}

  /** Signs the site with the chosen keys, if the repository allows them. */
  public static SignReport sign(SignRequest r) {
    // Before the keys are opened (a passphrase asked), so that a missing site fails first.
    List<String> notes = new ArrayList<>(SiteWriter.requireSite(r.site()));
    SignReport report =
        sign(
            r.site(),
            open(r.keys(), r.announcements(), r.now()),
            r.expires(),
            r.now(),
            r.progress());
    notes.addAll(report.notes());
    return report.withNotes(notes);
  }

  /**
   * Keys that are loaded, unlocked and allowed to sign: what {@link #open} found, so that a caller
   * (the watcher) can know before it changes a signed site that it can sign it again.
   */
  public static final class Keys {
    private final List<Signer> signers;
    private final List<String> listed;
    private final Path configFile;
    private final List<String> notes;

    private Keys(List<Signer> signers, List<String> listed, Path configFile, List<String> notes) {
      this.signers = List.copyOf(signers);
      this.listed = List.copyOf(listed);
      this.configFile = configFile;
      this.notes = List.copyOf(notes);
    }
  }

  /**
   * Finds, loads and unlocks the chosen keys, and checks them against the repository's list.
   *
   * @throws KeyException if a key cannot sign, or the repository does not list it (exit 4)
   */
  public static Keys open(KeyChoice choice, Path announcements, Instant now) {
    Config config = config(announcements);
    List<String> listed = config == null ? List.of() : config.signingKeys();
    motd.diagnostic.Timings.mark("motd.yaml read");
    List<String> notes = new ArrayList<>();
    List<Signer> signers = signers(choice, listed, now, notes);
    motd.diagnostic.Timings.mark("keys loaded and unlocked");
    Path configFile = announcements.resolve(Loader.CONFIG_FILE);
    for (Signer s : signers) {
      if (!listed.isEmpty() && !listed.contains(s.fingerprint())) {
        throw new KeyException(
            "key "
                + s.fingerprint()
                + " is not listed in "
                + configFile
                + "'s signing_keys ("
                + String.join(", ", listed)
                + "); only listed keys may sign. If it should, add it there and have the change"
                + " reviewed:\n  signing_keys:\n    - "
                + s.fingerprint());
      }
    }
    return new Keys(signers, listed, configFile, notes);
  }

  /**
   * What {@link #buildAndSign} did.
   *
   * @param built the build's report
   * @param signed the signing's report, its notes included
   */
  public record BuiltAndSigned(BuildReport built, SignReport signed) {}

  /**
   * Builds the site into {@code out} and signs it, in one process: what {@code build && sign} does,
   * without starting a second one. The keys are opened (and checked against the repository's list)
   * before anything is written, so a key that cannot sign leaves the site as it was; a build that
   * fails writes nothing and signs nothing.
   *
   * @param expires the manifest's lifetime, or null for the default
   */
  public static BuiltAndSigned buildAndSign(
      SiteBuilder builder,
      Path out,
      KeyChoice keys,
      Path announcements,
      Duration expires,
      Instant now) {
    Keys opened = open(keys, announcements, now);
    BuildReport built = builder.build(out, now);
    return new BuiltAndSigned(built, sign(out, opened, expires, now, null));
  }

  /** Signs {@code site} with keys from {@link #open}. */
  public static SignReport sign(
      Path site, Keys keys, Duration expires, Instant now, IntConsumer progress) {
    SignReport report =
        new SiteSigner(keys.signers).sign(site, new SiteSigner.Options(expires, now, progress));
    List<String> notes = new ArrayList<>(keys.notes);
    if (keys.listed.isEmpty()) {
      StringBuilder add =
          new StringBuilder(
              "the repository lists no signing key yet, so verify on other machines has nothing"
                  + " to check this site against; add to "
                  + keys.configFile
                  + ":\n  signing_keys:");
      for (String fpr : report.keys()) {
        add.append("\n    - ").append(fpr);
      }
      notes.add(add.toString());
    }
    notes.addAll(report.notes());
    return report.withNotes(notes);
  }

  private static List<Signer> signers(
      KeyChoice choice, List<String> listed, Instant now, List<String> notes) {
    List<Signer> out = new ArrayList<>();
    List<Path> files = new ArrayList<>(choice.keyFiles());
    if (files.isEmpty() && choice.gpgKeys().isEmpty()) {
      if (choice.environmentKey() != null) {
        files.add(choice.environmentKey());
      } else {
        files.add(defaultKey(choice.defaultKey(), listed, now, notes));
      }
    }
    for (Path f : files) {
      out.add(KeyFileSigner.load(f, choice.passphrases(), now));
    }
    for (String g : choice.gpgKeys()) {
      out.add(GpgSigner.open(choice.gpgProgram(), g, now));
    }
    return out;
  }

  /** The default key; made (without a passphrase) if missing while no key is listed. */
  private static Path defaultKey(Path file, List<String> listed, Instant now, List<String> notes) {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return file;
    }
    if (!listed.isEmpty()) {
      throw new KeyException(
          "no signing key: the repository lists "
              + String.join(", ", listed)
              + "; sign with --key FILE or --gpg-key FINGERPRINT (or set MOTD_SIGNING_KEY)");
    }
    motd.sign.Keys.Generated made =
        motd.sign.Keys.generate(
            "MOTD signing key (made by motd sign)",
            KeyAlgorithm.ED25519,
            Duration.ofDays(730),
            null,
            now);
    writeKeyFiles(file, made);
    notes.add("no signing key was set, so a new key WITHOUT a passphrase was made: " + file);
    notes.add(
        "its fingerprint is "
            + made.fingerprint()
            + "; for real releases run ./motd keygen and keep the key safe");
    return file;
  }

  /**
   * Writes a new key: {@code FILE} (the secret key, mode 600), {@code FILE.pub.asc} (the
   * certificate) and {@code FILE.rev.asc} (its revocation certificate, mode 600). Never overwrites,
   * never through a symlink.
   *
   * @throws OutputException if any of them exists or cannot be written
   */
  public static void writeKeyFiles(Path file, motd.sign.Keys.Generated key) {
    requireNoKeyFiles(file);
    Path pub = Path.of(file + ".pub.asc");
    Path rev = Path.of(file + ".rev.asc");
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      createPrivate(file, key.secretKey());
      createPrivate(rev, key.revocation());
      SafeFiles.createExclusive(pub, key.certificate().getBytes(StandardCharsets.US_ASCII));
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new OutputException(e.getFile() + " exists already; keygen never overwrites a key");
    } catch (IOException e) {
      throw new OutputException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a key file name whose secret key, certificate or revocation exists already (even as a
   * link): keygen never overwrites a key.
   *
   * @throws OutputException naming the first that exists
   */
  public static void requireNoKeyFiles(Path file) {
    for (String suffix : List.of("", ".pub.asc", ".rev.asc")) {
      Path p = Path.of(file + suffix);
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new OutputException(p + " exists already; keygen never overwrites a key");
      }
    }
  }

  /** Creates {@code file} readable by its owner only from the start: no one can open it first. */
  private static void createPrivate(Path file, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    try {
      SafeFiles.createExclusive(
          file,
          bytes,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the folder's own permissions apply
      SafeFiles.createExclusive(file, bytes);
    }
  }

  /**
   * What {@code verify} trusts.
   *
   * @param fingerprints pinned fingerprints ({@code --fingerprint}, repeatable)
   * @param certificates pinned certificate files ({@code --cert}, repeatable)
   * @param announcements the folder whose {@code motd.yaml} lists the maintainers' keys
   * @param localKey the local signing key ({@code --key}, {@code MOTD_SIGNING_KEY} or the default
   *     key), or null; used only if it exists
   * @param previousManifest an earlier manifest, or null
   */
  public record Trust(
      List<String> fingerprints,
      List<Path> certificates,
      Path announcements,
      Path localKey,
      Path previousManifest) {
    public Trust {
      fingerprints = List.copyOf(fingerprints);
      certificates = List.copyOf(certificates);
    }
  }

  /**
   * Verifies {@code site} against what {@code trust} allows.
   *
   * @throws UsageException for a malformed fingerprint
   * @throws VerificationException listing every problem, or saying that nothing is trusted
   */
  public static Verified verify(Path site, Trust trust, Instant now) {
    List<String> notes = SiteWriter.requireSite(site);
    Set<String> trusted = new LinkedHashSet<>();
    Keyring certs = Keyring.empty();
    for (String f : trust.fingerprints()) {
      trusted.add(fingerprint(f));
    }
    for (Path c : trust.certificates()) {
      if (!Files.exists(c, LinkOption.NOFOLLOW_LINKS)) {
        throw new UsageException(c + " does not exist");
      }
      Keyring pinned = Keyring.read(c);
      certs = certs.with(pinned);
      trusted.addAll(pinned.fingerprints());
    }
    List<String> looked = new ArrayList<>();
    if (trusted.isEmpty()) {
      // No pin: the maintainers' list, the local key, and an earlier manifest's keys.
      Config config = config(trust.announcements());
      Path configFile = trust.announcements().resolve(Loader.CONFIG_FILE);
      if (config != null) {
        trusted.addAll(config.signingKeys());
      }
      looked.add(
          configFile
              + (config == null
                  ? " (not found)"
                  : " (" + config.signingKeys().size() + " signing_keys)"));
      Path local = trust.localKey();
      if (local != null && Files.exists(local, LinkOption.NOFOLLOW_LINKS)) {
        Keyring mine = Keyring.read(local);
        certs = certs.with(mine);
        trusted.addAll(mine.fingerprints());
      } else if (local != null) {
        looked.add(local + " (not found)");
      }
    }
    if (trusted.isEmpty() && trust.previousManifest() == null) {
      throw new VerificationException(
          List.of(
              site
                  + ": no trusted key, so nothing can be verified (looked at "
                  + String.join(", ", looked)
                  + "). Pin the maintainers' key with --fingerprint FPR or --cert FILE, list it"
                  + " under signing_keys in motd.yaml, or give --previous-manifest. The site's own"
                  + " signing-key.asc proves nothing: whoever changed the site could have"
                  + " replaced it."));
    }
    SiteVerifier.Report report =
        new SiteVerifier()
            .verify(site, new SiteVerifier.Options(trusted, certs, trust.previousManifest(), now));
    return new Verified(report, notes);
  }

  /**
   * A site that verified.
   *
   * @param notes what was repaired before checking (a site put back after an interrupted run)
   */
  public record Verified(SiteVerifier.Report report, List<String> notes) {
    public Verified {
      notes = List.copyOf(notes);
    }
  }

  /**
   * A fingerprint as gpg prints it (spaces allowed), upper-cased.
   *
   * @throws UsageException if it is not 40 or 64 hex digits
   */
  public static String fingerprint(String text) {
    String f = text.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    if (f.startsWith("0X")) {
      f = f.substring(2);
    }
    if (!f.matches("[0-9A-F]{40}|[0-9A-F]{64}")) {
      throw new UsageException(
          "'"
              + text
              + "' is not a key fingerprint: 40 hex digits (64 for a v6 key), as gpg"
              + " --fingerprint prints it; a short key id is not enough");
    }
    return f;
  }

  /** The configuration, or null if there is none; its errors are input errors (exit 1). */
  private static Config config(Path announcements) {
    Loader.ConfigResult r = new Loader().loadConfig(announcements);
    if (r.diagnostics().hasErrors()) {
      throw new InvalidInputException(
          r.diagnostics().sorted().stream()
              .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
              .toList());
    }
    return r.config();
  }
}
