package motd.sign;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPImplementation;
import org.bouncycastle.openpgp.operator.PGPContentSigner;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.PGPContentVerifier;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilder;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyConverter;

/**
 * Bouncy Castle's implementation, except that Ed25519 signatures (legacy EdDSA, the keys {@code
 * keygen} makes) hash what they sign with the JDK's SHA-512, once.
 *
 * <p>An OpenPGP EdDSA signature is an Ed25519 signature over the SHA-512 digest of the data and the
 * signature's trailer. Bouncy Castle computes that digest in plain Java, and for signing twice
 * (once for the signature, once for the digest prefix the packet carries); the JDK's SHA-512 runs
 * on the CPU's vector instructions, several times faster, and here the one digest serves both. The
 * Ed25519 arithmetic is still Bouncy Castle's, so signatures are byte for byte the same (Ed25519 is
 * deterministic), and every other algorithm takes Bouncy Castle's own path.
 */
final class JdkHashedImplementation extends BcOpenPGPImplementation {
  private final java.util.Map<java.nio.ByteBuffer, Ed25519PrivateKeyParameters> ed25519Keys =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public PGPContentSignerBuilder pgpContentSignerBuilder(int keyAlgorithm, int hashAlgorithm) {
    PGPContentSignerBuilder bc = super.pgpContentSignerBuilder(keyAlgorithm, hashAlgorithm);
    if (keyAlgorithm != PublicKeyAlgorithmTags.EDDSA_LEGACY
        || hashAlgorithm != HashAlgorithmTags.SHA512) {
      return bc;
    }
    return (signatureType, privateKey) -> {
      Ed25519PrivateKeyParameters ed25519 = ed25519(privateKey);
      if (ed25519 == null) {
        return bc.build(signatureType, privateKey); // Ed448 and anything else: Bouncy Castle's
      }
      return new Ed25519ContentSigner(signatureType, privateKey, ed25519);
    };
  }

  /**
   * The Ed25519 key of {@code privateKey}, or null if it is another kind. The API unlocks the key
   * afresh for each signature, and a fresh Ed25519 key object works out its public key (a scalar
   * multiplication, as costly as the signature) before it signs: the object is kept per key.
   */
  private Ed25519PrivateKeyParameters ed25519(PGPPrivateKey privateKey) throws PGPException {
    byte[] material = privateKey.getPrivateKeyDataPacket().getEncoded();
    java.nio.ByteBuffer id = java.nio.ByteBuffer.wrap(material);
    Ed25519PrivateKeyParameters known = ed25519Keys.get(id);
    if (known != null) {
      return known;
    }
    AsymmetricKeyParameter key = new BcPGPKeyConverter().getPrivateKey(privateKey);
    if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
      return null;
    }
    ed25519Keys.putIfAbsent(id, ed25519);
    return ed25519;
  }

  @Override
  public PGPContentVerifierBuilderProvider pgpContentVerifierBuilderProvider() {
    return verifierProvider();
  }

  /** Verifiers for every algorithm, Ed25519 over SHA-512 hashed by the JDK. */
  static PGPContentVerifierBuilderProvider verifierProvider() {
    PGPContentVerifierBuilderProvider bc = new BcPGPContentVerifierBuilderProvider();
    return (keyAlgorithm, hashAlgorithm) -> {
      PGPContentVerifierBuilder bcBuilder = bc.get(keyAlgorithm, hashAlgorithm);
      if (keyAlgorithm != PublicKeyAlgorithmTags.EDDSA_LEGACY
          || hashAlgorithm != HashAlgorithmTags.SHA512) {
        return bcBuilder;
      }
      return publicKey -> {
        AsymmetricKeyParameter key = new BcPGPKeyConverter().getPublicKey(publicKey);
        if (!(key instanceof Ed25519PublicKeyParameters ed25519)) {
          return bcBuilder.build(publicKey);
        }
        return new Ed25519ContentVerifier(publicKey, ed25519);
      };
    };
  }

  static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-512", e);
    }
  }

  /** Writes into a digest. */
  private static OutputStream into(MessageDigest digest) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        digest.update((byte) b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        digest.update(b, off, len);
      }
    };
  }

  /** Signs as Bouncy Castle's EdDsaSigner over Ed25519 does: Ed25519 over the SHA-512 digest. */
  private static final class Ed25519ContentSigner implements PGPContentSigner {
    private final int signatureType;
    private final PGPPrivateKey privateKey;
    private final Ed25519PrivateKeyParameters key;
    private final MessageDigest digest = sha512();
    private final OutputStream out = into(digest);
    private byte[] digestValue;

    Ed25519ContentSigner(
        int signatureType, PGPPrivateKey privateKey, Ed25519PrivateKeyParameters key) {
      this.signatureType = signatureType;
      this.privateKey = privateKey;
      this.key = key;
    }

    @Override
    public OutputStream getOutputStream() {
      return out;
    }

    @Override
    public byte[] getDigest() {
      if (digestValue == null) {
        digestValue = digest.digest();
      }
      return digestValue.clone();
    }

    @Override
    public byte[] getSignature() {
      byte[] hash = getDigest();
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, key);
      signer.update(hash, 0, hash.length);
      return signer.generateSignature();
    }

    @Override
    public int getType() {
      return signatureType;
    }

    @Override
    public int getHashAlgorithm() {
      return HashAlgorithmTags.SHA512;
    }

    @Override
    public int getKeyAlgorithm() {
      return PublicKeyAlgorithmTags.EDDSA_LEGACY;
    }

    @Override
    public long getKeyID() {
      return privateKey.getKeyID();
    }
  }

  /** Verifies as Bouncy Castle's EdDsaSigner over Ed25519 does. */
  private static final class Ed25519ContentVerifier implements PGPContentVerifier {
    private final PGPPublicKey publicKey;
    private final Ed25519PublicKeyParameters key;
    private final MessageDigest digest = sha512();
    private final OutputStream out = into(digest);

    Ed25519ContentVerifier(PGPPublicKey publicKey, Ed25519PublicKeyParameters key) {
      this.publicKey = publicKey;
      this.key = key;
    }

    @Override
    public OutputStream getOutputStream() {
      return out;
    }

    @Override
    public int getHashAlgorithm() {
      return HashAlgorithmTags.SHA512;
    }

    @Override
    public int getKeyAlgorithm() {
      return PublicKeyAlgorithmTags.EDDSA_LEGACY;
    }

    @Override
    public long getKeyID() {
      return publicKey.getKeyID();
    }

    @Override
    public boolean verify(byte[] signature) {
      byte[] hash = digest.digest();
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, key);
      verifier.update(hash, 0, hash.length);
      return verifier.verifySignature(signature);
    }
  }
}
