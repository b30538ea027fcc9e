package motd.sign;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.PacketFormat;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.api.OpenPGPApi;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPSignature;

/**
 * Signs with a key from an armored key file. The key is unlocked once; each signature is SHA-512
 * whatever the key's preferences say, because GnuPG 2.2 refuses SHA3 and nobody should accept
 * SHA-1.
 */
public final class KeyFileSigner implements Signer {
  private final OpenPGPApi api = Crypto.api();
  private final OpenPGPKey.OpenPGPSecretKey signingKey;
  private final String fingerprint;
  private final String certificate;
  private final Date signatureTime;

  private KeyFileSigner(
      OpenPGPKey.OpenPGPSecretKey signingKey,
      String fingerprint,
      String certificate,
      Date signatureTime) {
    this.signingKey = signingKey;
    this.fingerprint = fingerprint;
    this.certificate = certificate;
    this.signatureTime = signatureTime;
  }

  /**
   * Loads and unlocks the key in {@code file}.
   *
   * @throws KeyException with one clear line if the key cannot sign at {@code now}
   */
  public static KeyFileSigner load(Path file, PassphraseSource passphrases, Instant now) {
    OpenPGPKey key = Keys.readSecretKey(file);
    String fpr = Keys.fingerprint(key);
    String id = "key " + Keys.shortId(fpr);
    Date at = Date.from(now);
    if (key.getPrimaryKey().getCreationTime().after(at)) {
      throw new KeyException(
          id
              + " was created at "
              + key.getPrimaryKey().getCreationTime().toInstant()
              + ", after the signing time "
              + now);
    }
    Date expires = key.getExpirationTime(at);
    if (expires != null && !expires.after(at)) {
      throw new KeyException(id + " expired on " + expires.toInstant());
    }
    OpenPGPCertificate.OpenPGPComponentSignature self =
        key.getPrimaryKey().getLatestSelfSignature(at);
    if (self != null && self.isRevocation()) {
      throw new KeyException(id + " is revoked");
    }
    List<OpenPGPCertificate.OpenPGPComponentKey> signing = key.getSigningKeys(at);
    if (signing.isEmpty()) {
      throw new KeyException(id + " has no signing capability");
    }
    OpenPGPKey.OpenPGPSecretKey secret = key.getSecretKey(signing.get(0));
    if (secret == null || secret.getPGPSecretKey().isPrivateKeyEmpty()) {
      throw new KeyException(
          file
              + " has no secret key material for "
              + id
              + " (a stub?); sign with --gpg-key instead");
    }
    OpenPGPKey.OpenPGPSecretKey unprotected;
    try {
      if (secret.isLocked()) {
        char[] pass = passphrases.passphraseFor(fpr);
        if (pass == null) {
          throw new KeyException(
              id + " is protected by a passphrase; set MOTD_PASSPHRASE or run on a terminal");
        }
        try {
          if (!secret.isPassphraseCorrect(pass)) {
            throw new KeyException("wrong passphrase for " + id);
          }
          unprotected = secret.unlock(pass).removePassphrase();
        } finally {
          Arrays.fill(pass, '\0');
        }
      } else {
        unprotected = secret;
      }
      String cert = key.toCertificate().toAsciiArmoredString();
      return new KeyFileSigner(unprotected, fpr, cert, at);
    } catch (PGPException | IOException e) {
      throw new KeyException("cannot unlock " + id + ": " + Keys.describe(e), e);
    }
  }

  @Override
  public byte[] sign(byte[] data) {
    try {
      List<OpenPGPSignature.OpenPGPDocumentSignature> sigs =
          api.createDetachedSignature()
              .addSigningKey(signingKey, k -> null, Crypto.sha512At(signatureTime))
              .sign(new ByteArrayInputStream(data));
      if (sigs.size() != 1) {
        throw new KeyException("signing produced " + sigs.size() + " signatures, expected 1");
      }
      String armored =
          sigs.get(0)
              .toAsciiArmoredString(
                  PacketFormat.ROUNDTRIP, ArmoredOutputStream.builder().clearHeaders());
      return armored.getBytes(StandardCharsets.US_ASCII);
    } catch (PGPException | IOException e) {
      throw new KeyException(
          "cannot sign with key " + Keys.shortId(fingerprint) + ": " + Keys.describe(e), e);
    }
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public String certificate() {
    return certificate;
  }
}
