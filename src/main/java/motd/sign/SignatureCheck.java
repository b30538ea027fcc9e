package motd.sign;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.api.OpenPGPApi;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPSignature;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * Checks detached signatures against the certificates of a {@link Keyring}, as of one moment, and
 * fails closed: a signature file is one armored block holding one or more signatures, and each of
 * them must be a valid, strong document signature over exactly these bytes by a key the keyring
 * holds, made no later than {@code now}. The verdict names the keys that signed; which keys must
 * have signed is the caller's policy.
 *
 * <p>A site holds thousands of signatures made by the same keys at one moment. The first of them
 * per (key, time) goes through Bouncy Castle's high-level processor, which validates the
 * certificate (bindings, flags, expiry, revocation) at the signature's time; the verdict on the key
 * is remembered, and the rest only need their bytes checked. Thread-safe.
 */
public final class SignatureCheck {
  private static final String BEGIN = "-----BEGIN PGP SIGNATURE-----";
  private static final String END = "-----END PGP SIGNATURE-----";

  private final Keyring keyring;
  private final Instant now;

  /** Key validity per issuer and signature time, found by a full check; sites repeat both. */
  private final Map<String, Optional<String>> keyValidity = new ConcurrentHashMap<>();

  /**
   * @param now the moment of the check: signatures made after it are refused, as are keys not valid
   *     when they signed
   */
  public SignatureCheck(Keyring keyring, Instant now) {
    this.keyring = keyring;
    this.now = now;
  }

  /** A check against one certificate. */
  public SignatureCheck(OpenPGPCertificate certificate, Instant now) {
    this(Keyring.of(List.of(certificate)), now);
  }

  /**
   * What a signature file proves.
   *
   * @param signers the primary fingerprints of the keys with a valid signature, in file order
   * @param problems what is wrong, one phrase each; empty if nothing is
   */
  public record Verdict(Set<String> signers, List<String> problems) {
    /** Whether exactly {@code keys} signed, and nothing is wrong. */
    public boolean signedByExactly(Set<String> keys) {
      return problems.isEmpty() && signers.equals(keys);
    }
  }

  /** Checks {@code signature} (an armored file) over {@code data}. */
  public Verdict check(byte[] data, byte[] signature) {
    List<PGPSignature> sigs = new ArrayList<>();
    Optional<String> unreadable = read(signature, sigs);
    if (unreadable.isPresent()) {
      return new Verdict(Set.of(), List.of(unreadable.get()));
    }
    Set<String> signers = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (PGPSignature sig : sigs) {
      OpenPGPCertificate.OpenPGPComponentKey issuer = keyring.issuer(sig.getKeyIdentifiers());
      Optional<String> problem = problem(data, sig, issuer);
      if (problem.isPresent()) {
        problems.add(problem.get());
      } else if (!signers.add(Keys.fingerprint(issuer.getCertificate()))) {
        problems.add(
            "holds two signatures by key "
                + Keys.shortId(Keys.fingerprint(issuer.getCertificate())));
      }
    }
    return new Verdict(signers, problems);
  }

  /** Whether every signature in an armored signature file is dated {@code time}, to the second. */
  static boolean madeAt(byte[] signature, Instant time) {
    List<PGPSignature> sigs = new ArrayList<>();
    if (read(signature, sigs).isPresent()) {
      return false;
    }
    return sigs.stream()
        .allMatch(s -> s.getCreationTime().toInstant().getEpochSecond() == time.getEpochSecond());
  }

  /** Why the signature file does not hold exactly one valid signature by this keyring, or empty. */
  public Optional<String> problem(byte[] data, byte[] signature) {
    Verdict v = check(data, signature);
    if (!v.problems().isEmpty()) {
      return Optional.of(v.problems().get(0));
    }
    return v.signers().size() == 1
        ? Optional.empty()
        : Optional.of("holds " + v.signers().size() + " signatures, expected 1");
  }

  /**
   * Parses the armor: exactly one block of signature packets, nothing before or after it.
   *
   * @return the problem, or empty with {@code out} filled
   */
  private static Optional<String> read(byte[] signature, List<PGPSignature> out) {
    String text = new String(signature, StandardCharsets.US_ASCII).strip();
    if (!text.startsWith(BEGIN)) {
      return Optional.of("not an ASCII-armored OpenPGP signature");
    }
    int end = text.indexOf(END);
    if (end < 0) {
      return Optional.of("truncated: the armored signature has no end line");
    }
    if (text.indexOf(BEGIN, 1) >= 0) {
      return Optional.of("more than one armored block");
    }
    if (end + END.length() != text.length()) {
      return Optional.of("extra data after the signature");
    }
    try (ArmoredInputStream armored =
        ArmoredInputStream.builder().build(new ByteArrayInputStream(signature))) {
      PGPObjectFactory objects = new BcPGPObjectFactory(armored);
      Object o;
      while ((o = objects.nextObject()) != null) {
        if (!(o instanceof PGPSignatureList list)) {
          return Optional.of("holds something other than signatures");
        }
        list.forEach(out::add);
      }
    } catch (IOException | RuntimeException e) {
      String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
      return Optional.of(
          m.contains("crc") || m.contains("checksum")
              ? "damaged: the armor's checksum does not match its content"
              : "damaged: not a readable OpenPGP signature (" + Keys.describe(e) + ")");
    }
    if (out.isEmpty()) {
      return Optional.of("holds no signature");
    }
    return Optional.empty();
  }

  private Optional<String> problem(
      byte[] data, PGPSignature sig, OpenPGPCertificate.OpenPGPComponentKey issuer) {
    if (sig.getSignatureType() != PGPSignature.BINARY_DOCUMENT
        && sig.getSignatureType() != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
      return Optional.of("not a document signature (type " + sig.getSignatureType() + ")");
    }
    if (Crypto.isWeakHash(sig.getHashAlgorithm())) {
      return Optional.of(
          "made with " + Crypto.hashName(sig.getHashAlgorithm()) + ", which is refused as weak");
    }
    if (issuer == null) {
      List<KeyIdentifier> ids = sig.getKeyIdentifiers();
      return Optional.of(
          "signed by "
              + (ids.isEmpty() ? "an unnamed key" : "key " + describe(ids.get(0)))
              + ", whose certificate is not known here");
    }
    if (sig.getCreationTime().after(Date.from(now))) {
      return Optional.of(
          "made at "
              + sig.getCreationTime().toInstant()
              + ", after the time of this check ("
              + now
              + ")");
    }
    String cacheKey = describe(issuer.getKeyIdentifier()) + "@" + sig.getCreationTime().getTime();
    Optional<String> keyProblem = keyValidity.get(cacheKey);
    if (keyProblem == null) {
      // The first signature of a key at a given time goes through the full high-level check:
      // the certificate's chains, the key's flags, expiry and revocation at that time.
      Optional<String> full = fullCheck(data, sig, issuer.getCertificate());
      if (full.isEmpty() || bytesMatch(data, sig, issuer)) {
        keyValidity.put(cacheKey, full);
      }
      return full;
    }
    if (keyProblem.isPresent()) {
      return keyProblem;
    }
    // The same key at the same moment was already found valid: only the bytes are left to check.
    return bytesMatch(data, sig, issuer)
        ? Optional.empty()
        : Optional.of(
            "does not verify for these bytes (key " + describe(issuer.getKeyIdentifier()) + ")");
  }

  /** The full check through Bouncy Castle's high-level processor. */
  private Optional<String> fullCheck(byte[] data, PGPSignature sig, OpenPGPCertificate cert) {
    // A new processor for each check: its time window is fixed when it is made.
    OpenPGPApi api = Crypto.api();
    String who = "key " + Keys.shortId(Keys.fingerprint(cert));
    try {
      List<OpenPGPSignature.OpenPGPDocumentSignature> results =
          api.verifyDetachedSignature()
              .addVerificationCertificate(cert)
              .verifyNotAfter(Date.from(now))
              .addSignature(sig)
              .process(new ByteArrayInputStream(data));
      if (results.isEmpty()) {
        return Optional.of(
            "does not verify for these bytes (changed file, or "
                + who
                + " not valid when it signed)");
      }
      for (OpenPGPSignature.OpenPGPDocumentSignature r : results) {
        if (!r.isValid()) {
          return Optional.of("does not verify for these bytes (" + who + ")");
        }
      }
      return Optional.empty();
    } catch (IOException | PGPException | RuntimeException e) {
      return Optional.of("does not verify (" + who + "): " + Keys.describe(e));
    }
  }

  /** Only the cryptography: is {@code sig} by {@code key} over exactly {@code data}? */
  private static boolean bytesMatch(
      byte[] data, PGPSignature sig, OpenPGPCertificate.OpenPGPComponentKey key) {
    try {
      PGPSignature copy = copyOf(sig);
      copy.init(JdkHashedImplementation.verifierProvider(), key.getPGPPublicKey());
      copy.update(data);
      return copy.verify();
    } catch (IOException | PGPException | RuntimeException e) {
      return false;
    }
  }

  /** A fresh copy, so that verifying leaves the caller's signature object untouched. */
  private static PGPSignature copyOf(PGPSignature sig) throws IOException {
    Object o = new BcPGPObjectFactory(sig.getEncoded()).nextObject();
    return ((PGPSignatureList) o).get(0);
  }

  static String describe(KeyIdentifier id) {
    byte[] fpr = id.getFingerprint();
    if (fpr != null) {
      return Keys.shortId(HexFormat.of().withUpperCase().formatHex(fpr));
    }
    return String.format("%016X", id.getKeyId());
  }
}
