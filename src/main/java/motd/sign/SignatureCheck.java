package motd.sign;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
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
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks detached signatures against one certificate, failing closed: anything but exactly one
 * armored, valid, strong signature by that certificate over exactly those bytes is a problem.
 *
 * <p>A site holds thousands of signatures made by one key at one moment. The first of them goes
 * through Bouncy Castle's high-level processor, which validates the certificate (bindings, flags,
 * expiry, revocation) at the signature's time; the verdict on the key is remembered for that time,
 * and the rest only need their bytes checked. Thread-safe.
 */
public final class SignatureCheck {
  private static final String BEGIN = "-----BEGIN PGP SIGNATURE-----";
  private static final String END = "-----END PGP SIGNATURE-----";

  private final OpenPGPCertificate certificate;

  /** Key validity per issuer and signature time, found by a full check; sites repeat both. */
  private final java.util.Map<String, Optional<String>> keyValidity =
      new java.util.concurrent.ConcurrentHashMap<>();

  public SignatureCheck(OpenPGPCertificate certificate) {
    this.certificate = certificate;
  }

  /** Why {@code signature} is not a valid signature over {@code data}, or empty if it is. */
  public Optional<String> problem(byte[] data, byte[] signature) {
    String text = new String(signature, StandardCharsets.US_ASCII);
    String trimmed = text.strip();
    if (!trimmed.startsWith(BEGIN)) {
      return Optional.of("not an ASCII-armored OpenPGP signature");
    }
    if (!trimmed.endsWith(END)) {
      return Optional.of("extra data after the signature");
    }
    if (trimmed.indexOf(BEGIN, 1) >= 0 || trimmed.indexOf(END) != trimmed.length() - END.length()) {
      return Optional.of("more than one armored block");
    }
    PGPSignature sig;
    try {
      sig = onlySignature(new ByteArrayInputStream(signature));
    } catch (IOException | PGPException | RuntimeException e) {
      return Optional.of("unreadable signature: " + Keys.describe(e));
    }
    if (sig == null) {
      return Optional.of("holds no signature or more than one");
    }
    if (sig.getSignatureType() != PGPSignature.BINARY_DOCUMENT
        && sig.getSignatureType() != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
      return Optional.of("not a document signature (type " + sig.getSignatureType() + ")");
    }
    if (Crypto.isWeakHash(sig.getHashAlgorithm())) {
      return Optional.of(
          "made with " + Crypto.hashName(sig.getHashAlgorithm()) + ", which is refused as weak");
    }
    List<KeyIdentifier> issuers = sig.getKeyIdentifiers();
    boolean ours =
        issuers.stream()
            .anyMatch(
                i -> certificate.getKeys().stream().anyMatch(k -> i.matches(k.getKeyIdentifier())));
    if (!ours) {
      String who = issuers.isEmpty() ? "an unknown key" : "key " + describe(issuers.get(0));
      return Optional.of(
          "signed by " + who + ", not by " + Keys.shortId(Keys.fingerprint(certificate)));
    }
    OpenPGPCertificate.OpenPGPComponentKey issuer = issuerKey(issuers);
    String cacheKey =
        issuer == null
            ? null
            : describe(issuer.getKeyIdentifier()) + "@" + sig.getCreationTime().getTime();
    Optional<String> keyProblem = cacheKey == null ? null : keyValidity.get(cacheKey);
    if (keyProblem == null) {
      // The first signature of a key at a given time goes through the full high-level check:
      // the certificate's chains, the key's flags, expiry and revocation at that time.
      Optional<String> full = fullCheck(data, sig);
      if (cacheKey != null && (full.isEmpty() || bytesMatch(data, sig, issuer))) {
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
        : Optional.of("does not verify for these bytes");
  }

  /** The full check through Bouncy Castle's high-level processor. */
  private Optional<String> fullCheck(byte[] data, PGPSignature sig) {
    // A new processor for each check: its time window is fixed when it is made.
    OpenPGPApi api = Crypto.api();
    try {
      List<OpenPGPSignature.OpenPGPDocumentSignature> results =
          api.verifyDetachedSignature()
              .addVerificationCertificate(certificate)
              .addSignature(sig)
              .process(new ByteArrayInputStream(data));
      if (results.isEmpty()) {
        return Optional.of(
            "does not verify for these bytes (changed file, or a key not valid then)");
      }
      for (OpenPGPSignature.OpenPGPDocumentSignature r : results) {
        if (!r.isValid()) {
          return Optional.of("does not verify for these bytes");
        }
      }
      return Optional.empty();
    } catch (IOException | PGPException | RuntimeException e) {
      return Optional.of("does not verify: " + Keys.describe(e));
    }
  }

  /** Only the cryptography: is {@code sig} by {@code key} over exactly {@code data}? */
  private static boolean bytesMatch(
      byte[] data, PGPSignature sig, OpenPGPCertificate.OpenPGPComponentKey key) {
    if (key == null || sig.getCreationTime().after(new java.util.Date())) {
      return false;
    }
    try {
      PGPSignature copy = onlySignatureOf(sig);
      copy.init(new BcPGPContentVerifierBuilderProvider(), key.getPGPPublicKey());
      copy.update(data);
      return copy.verify();
    } catch (IOException | PGPException | RuntimeException e) {
      return false;
    }
  }

  /** A fresh copy, so that verifying leaves the caller's signature object untouched. */
  private static PGPSignature onlySignatureOf(PGPSignature sig) throws IOException {
    Object o = new BcPGPObjectFactory(sig.getEncoded()).nextObject();
    return ((PGPSignatureList) o).get(0);
  }

  private OpenPGPCertificate.OpenPGPComponentKey issuerKey(List<KeyIdentifier> issuers) {
    for (KeyIdentifier i : issuers) {
      for (OpenPGPCertificate.OpenPGPComponentKey k : certificate.getKeys()) {
        if (i.matches(k.getKeyIdentifier())) {
          return k;
        }
      }
    }
    return null;
  }

  private static PGPSignature onlySignature(InputStream in) throws IOException, PGPException {
    try (ArmoredInputStream armored = ArmoredInputStream.builder().build(in)) {
      PGPObjectFactory objects = new BcPGPObjectFactory(armored);
      Object first = objects.nextObject();
      if (!(first instanceof PGPSignatureList list) || list.size() != 1) {
        return null;
      }
      if (objects.nextObject() != null) {
        return null;
      }
      return list.get(0);
    }
  }

  private static String describe(KeyIdentifier id) {
    byte[] fpr = id.getFingerprint();
    if (fpr != null) {
      return Keys.shortId(HexFormat.of().withUpperCase().formatHex(fpr));
    }
    return String.format("%016X", id.getKeyId());
  }
}
