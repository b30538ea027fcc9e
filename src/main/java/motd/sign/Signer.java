package motd.sign;

/**
 * Makes detached, ASCII-armored OpenPGP signatures. Implementations: a key file ({@link
 * KeyFileSigner}) and the local GnuPG ({@link GpgSigner}); both give signatures any OpenPGP tool
 * verifies against {@link #certificate()}.
 */
public interface Signer {
  /** An armored detached signature over exactly {@code data}. */
  byte[] sign(byte[] data);

  /** The signing key's primary fingerprint, upper-case hex. */
  String fingerprint();

  /** The armored public certificate that verifies this signer's signatures. */
  String certificate();
}
