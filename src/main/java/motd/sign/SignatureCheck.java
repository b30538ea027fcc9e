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

/**
 * Checks one detached signature against one certificate, failing closed: anything but exactly one
 * armored, valid, strong signature by that certificate over exactly those bytes is a problem.
 */
public final class SignatureCheck {
  private static final String BEGIN = "-----BEGIN PGP SIGNATURE-----";
  private static final String END = "-----END PGP SIGNATURE-----";

  private final OpenPGPCertificate certificate;

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
      return Optional.of("made with " + Crypto.hashName(sig.getHashAlgorithm()) + ", which is refused as weak");
    }
    List<KeyIdentifier> issuers = sig.getKeyIdentifiers();
    boolean ours =
        issuers.stream()
            .anyMatch(i -> certificate.getKeys().stream().anyMatch(k -> i.matches(k.getKeyIdentifier())));
    if (!ours) {
      String who = issuers.isEmpty() ? "an unknown key" : "key " + describe(issuers.get(0));
      return Optional.of("signed by " + who + ", not by " + Keys.shortId(Keys.fingerprint(certificate)));
    }
    // A new processor for each check: its time window is fixed when it is made.
    OpenPGPApi api = Crypto.api();
    try {
      List<OpenPGPSignature.OpenPGPDocumentSignature> results =
          api.verifyDetachedSignature()
              .addVerificationCertificate(certificate)
              .addSignature(sig)
              .process(new ByteArrayInputStream(data));
      if (results.isEmpty()) {
        return Optional.of("does not verify for these bytes (changed file, or a key not valid then)");
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
