package motd.sign;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.api.OpenPGPApi;
import org.bouncycastle.openpgp.api.OpenPGPDefaultPolicy;
import org.bouncycastle.openpgp.api.OpenPGPPolicy;
import org.bouncycastle.openpgp.api.SignatureParameters;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;

/**
 * The one OpenPGP configuration: what every key, signature and check here uses. Signatures are
 * SHA-512, which GnuPG 2.2 and Sequoia both accept (BC's default, SHA3-512, GnuPG 2.2 rejects).
 * Checks refuse MD5, SHA-1 and RIPEMD-160, and RSA keys under 2048 bits.
 */
final class Crypto {
  static final int HASH = HashAlgorithmTags.SHA512;
  static final int[] HASH_PREFERENCES = {
    HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256
  };

  private Crypto() {}

  /** A fresh policy: weak hashes and short RSA keys refused, SHA-512 by default. */
  static OpenPGPPolicy policy() {
    OpenPGPDefaultPolicy p = new OpenPGPDefaultPolicy();
    p.rejectHashAlgorithm(HashAlgorithmTags.MD5);
    p.rejectHashAlgorithm(HashAlgorithmTags.SHA1);
    p.rejectHashAlgorithm(HashAlgorithmTags.RIPEMD160);
    p.rejectHashAlgorithm(HashAlgorithmTags.MD2);
    p.acceptPublicKeyAlgorithmWithMinimalStrength(PublicKeyAlgorithmTags.RSA_GENERAL, 2048);
    p.setDefaultDocumentSignatureHashAlgorithm(HASH);
    p.setDefaultCertificationSignatureHashAlgorithm(HASH);
    return p;
  }

  /**
   * An API instance with {@link #policy()}; one per use, never shared state. Its EdDSA signatures
   * are hashed by the JDK ({@link JdkHashedImplementation}).
   */
  static OpenPGPApi api() {
    return new BcOpenPGPApi(new JdkHashedImplementation(), policy());
  }

  /**
   * Signature parameters: SHA-512 and the given creation time. An anonymous class, not a lambda:
   * the callback's one method is a default one, so a lambda would become something else.
   */
  static SignatureParameters.Callback sha512At(java.util.Date time) {
    return new SignatureParameters.Callback() {
      @Override
      public SignatureParameters apply(SignatureParameters parameters) {
        return parameters.setSignatureHashAlgorithm(HASH).setSignatureCreationTime(time);
      }
    };
  }

  static boolean isWeakHash(int hashAlgorithm) {
    return hashAlgorithm == HashAlgorithmTags.MD5
        || hashAlgorithm == HashAlgorithmTags.SHA1
        || hashAlgorithm == HashAlgorithmTags.RIPEMD160
        || hashAlgorithm == HashAlgorithmTags.MD2;
  }

  static String hashName(int hashAlgorithm) {
    return switch (hashAlgorithm) {
      case HashAlgorithmTags.MD5 -> "MD5";
      case HashAlgorithmTags.SHA1 -> "SHA-1";
      case HashAlgorithmTags.RIPEMD160 -> "RIPEMD-160";
      case HashAlgorithmTags.SHA256 -> "SHA-256";
      case HashAlgorithmTags.SHA384 -> "SHA-384";
      case HashAlgorithmTags.SHA512 -> "SHA-512";
      case HashAlgorithmTags.SHA224 -> "SHA-224";
      case HashAlgorithmTags.SHA3_256 -> "SHA3-256";
      case HashAlgorithmTags.SHA3_512 -> "SHA3-512";
      default -> "hash algorithm " + hashAlgorithm;
    };
  }
}
