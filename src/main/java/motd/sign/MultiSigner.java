package motd.sign;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;

/**
 * Signs with several keys at once, for a key rotation: the signatures of every key go into one
 * armored block, as {@code gpg -u OLD -u NEW --detach-sign} writes it. sqv accepts such a file with
 * either certificate; gpgv reports a good signature for each key it has.
 */
final class MultiSigner {
  private final List<Signer> signers;

  MultiSigner(List<Signer> signers) {
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("no signer");
    }
    this.signers = List.copyOf(signers);
  }

  /** Every key's signature over {@code data}, in key order, in one armored block. */
  byte[] sign(byte[] data) {
    if (signers.size() == 1) {
      return signers.get(0).sign(data);
    }
    ByteArrayOutputStream packets = new ByteArrayOutputStream();
    for (Signer s : signers) {
      packets.writeBytes(dearmor(s.sign(data)));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(out)) {
      armored.write(packets.toByteArray());
    } catch (IOException e) {
      throw new KeyException("cannot combine signatures: " + Keys.describe(e), e);
    }
    return out.toByteArray();
  }

  private static byte[] dearmor(byte[] armoredSignature) {
    try (InputStream in =
        ArmoredInputStream.builder().build(new ByteArrayInputStream(armoredSignature))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new KeyException("a signer returned an unreadable signature: " + Keys.describe(e), e);
    }
  }
}
