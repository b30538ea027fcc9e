package motd.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.api.OpenPGPApi;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.SignatureParameters;

/** Making, reading and exporting OpenPGP keys and certificates. */
public final class Keys {
  private Keys() {}

  /**
   * A new key in armored form, with its certificate, a revocation certificate made in advance (the
   * certificate with a revocation signature: publishing or importing it revokes the key), and its
   * fingerprint.
   */
  public record Generated(
      String secretKey, String certificate, String revocation, String fingerprint) {}

  /**
   * Makes a v4 signing key: one primary key that certifies and signs, SHA-512 self-signatures and
   * SHA-512-first hash preferences, as GnuPG 2.2 and Sequoia expect.
   *
   * @param expiresAfter how long the key is valid, or null for no expiry
   * @param passphrase protects the secret key; null or empty leaves it unprotected. It is wiped.
   */
  public static Generated generate(
      String userId,
      KeyAlgorithm algorithm,
      Duration expiresAfter,
      char[] passphrase,
      Instant now) {
    try {
      OpenPGPApi api = Crypto.api();
      Date created = Date.from(now);
      long expirySeconds = expiresAfter == null ? 0 : expiresAfter.getSeconds();
      SignatureParameters.Callback selfSignature =
          new SignatureParameters.Callback() {
            @Override
            public SignatureParameters apply(SignatureParameters parameters) {
              return parameters
                  .setSignatureHashAlgorithm(Crypto.HASH)
                  .setHashedSubpacketsFunction(
                      subpackets -> {
                        selfSignatureSubpackets(subpackets);
                        // Bouncy Castle adds a default expiry; "never" must mean never.
                        subpackets.removePacketsOfType(SignatureSubpacketTags.KEY_EXPIRE_TIME);
                        if (expirySeconds > 0) {
                          subpackets.setKeyExpirationTime(true, expirySeconds);
                        }
                        return subpackets;
                      });
            }
          };
      OpenPGPKey key =
          api.generateKey(PublicKeyPacket.VERSION_4, created, false)
              .withPrimaryKey(
                  generator ->
                      algorithm == KeyAlgorithm.RSA4096
                          ? generator.generateRsaKeyPair(4096)
                          : generator.generateLegacyEd25519KeyPair(),
                  selfSignature)
              .addUserId(userId, selfSignature)
              .build(null);
      OpenPGPKey revoked = api.editKey(key).revokeKey(Crypto.sha512At(created)).done();
      String revocation = revoked.toCertificate().toAsciiArmoredString();
      OpenPGPKey protectedKey =
          passphrase == null || passphrase.length == 0
              ? key
              : api.editKey(key)
                  .changePassphrase(
                      key.getPrimaryKey().getKeyIdentifier(), (char[]) null, passphrase, false)
                  .done();
      return new Generated(
          protectedKey.toAsciiArmoredString(),
          key.toCertificate().toAsciiArmoredString(),
          revocation,
          fingerprint(key));
    } catch (PGPException | IOException e) {
      throw new KeyException("cannot generate a key: " + e.getMessage(), e);
    }
  }

  private static PGPSignatureSubpacketGenerator selfSignatureSubpackets(
      PGPSignatureSubpacketGenerator subpackets) {
    subpackets.removePacketsOfType(SignatureSubpacketTags.KEY_FLAGS);
    subpackets.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
    subpackets.removePacketsOfType(SignatureSubpacketTags.PREFERRED_HASH_ALGS);
    subpackets.setPreferredHashAlgorithms(false, Crypto.HASH_PREFERENCES);
    return subpackets;
  }

  /** Upper-case hex fingerprint of the primary key, as gpg prints it. */
  public static String fingerprint(OpenPGPCertificate certificate) {
    return HexFormat.of().withUpperCase().formatHex(certificate.getFingerprint());
  }

  /** Reads a file that must hold a secret key. */
  static OpenPGPKey readSecretKey(Path file) {
    String text = read(file);
    OpenPGPCertificate parsed;
    try {
      parsed = Crypto.api().readKeyOrCertificate().parseKeyOrCertificate(text);
    } catch (IOException | RuntimeException e) {
      throw new KeyException(file + " is not an OpenPGP key: " + describe(e), e);
    }
    if (parsed == null) {
      throw new KeyException(file + " holds no OpenPGP key");
    }
    if (!(parsed instanceof OpenPGPKey key) || !parsed.isSecretKey()) {
      throw new KeyException(file + " holds a public certificate, not a secret key");
    }
    return key;
  }

  static OpenPGPCertificate parseCertificate(String armored, String where) {
    try {
      OpenPGPCertificate c = Crypto.api().readKeyOrCertificate().parseKeyOrCertificate(armored);
      if (c == null) {
        throw new KeyException(where + " holds no OpenPGP certificate");
      }
      return c instanceof OpenPGPKey k ? k.toCertificate() : c;
    } catch (IOException | RuntimeException e) {
      if (e instanceof KeyException ke) {
        throw ke;
      }
      throw new KeyException(where + " is not an OpenPGP certificate: " + describe(e), e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new KeyException(file + " does not exist");
    } catch (IOException e) {
      throw new KeyException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static String describe(Exception e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /** The longest key lifetime {@code keygen} makes: ten years. */
  public static final Duration MAX_KEY_LIFETIME = Duration.ofDays(3653);

  /** The longest manifest lifetime {@code sign} accepts: a year. */
  public static final Duration MAX_MANIFEST_LIFETIME = Duration.ofDays(366);

  /**
   * A key lifetime: {@code 30d}, {@code 12w}, {@code 18m}, {@code 2y}, from a day to ten years, or
   * {@code never} (returned as null).
   *
   * @throws IllegalArgumentException saying what is accepted
   */
  public static Duration parseKeyLifetime(String text) {
    if (text.trim().equalsIgnoreCase("never")) {
      return null;
    }
    return parseDuration(text, Duration.ofDays(1), MAX_KEY_LIFETIME, "1d", "10y", "dwmy");
  }

  /**
   * A manifest lifetime: {@code 12h}, {@code 30d}, {@code 4w}, {@code 6m}, from an hour to a year.
   * A manifest always expires.
   *
   * @throws IllegalArgumentException saying what is accepted
   */
  public static Duration parseManifestLifetime(String text) {
    if (text.trim().equalsIgnoreCase("never")) {
      throw new IllegalArgumentException(
          "a manifest must expire, so that a mirror never serves a stale site forever; give"
              + " 1h to 1y, e.g. 30d");
    }
    return parseDuration(text, Duration.ofHours(1), MAX_MANIFEST_LIFETIME, "1h", "1y", "hdwmy");
  }

  private static Duration parseDuration(
      String text, Duration min, Duration max, String minText, String maxText, String units) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    String range = "from " + minText + " to " + maxText;
    if (!t.matches("[0-9]+[" + units + "]")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a duration such as "
              + (units.contains("h") ? "12h, " : "")
              + "30d, 12w, 18m or 2y ("
              + range
              + (units.contains("h") ? "" : ", or never")
              + ")");
    }
    String digits = t.substring(0, t.length() - 1).replaceFirst("^0+(?=.)", "");
    Duration d = null;
    if (digits.length() <= 6) {
      long n = Long.parseLong(digits);
      d =
          switch (t.charAt(t.length() - 1)) {
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            case 'w' -> Duration.ofDays(7 * n);
            case 'm' -> Duration.ofDays(30 * n);
            default -> Duration.ofDays(365 * n);
          };
    }
    if (d == null || d.compareTo(max) > 0) {
      throw new IllegalArgumentException("'" + text + "' is too long: at most " + maxText);
    }
    if (d.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is too short: at least "
              + minText
              + (units.contains("h") ? "" : " (or never)"));
    }
    return d;
  }

  /** Short form for messages: the last 16 hex digits, as in {@code key 1234ABCD…}. */
  static String shortId(String fingerprint) {
    return fingerprint.substring(Math.max(0, fingerprint.length() - 16));
  }
}
