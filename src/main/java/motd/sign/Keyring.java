package motd.sign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import motd.emit.SiteTree;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.bcpg.PacketFormat;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;

/**
 * Certificates by fingerprint: where signature checks find the key a signature names. Holding a
 * certificate here says nothing about trusting it; which fingerprints count is the caller's
 * decision.
 */
public final class Keyring {
  private final Map<String, OpenPGPCertificate> byFingerprint;

  private Keyring(Map<String, OpenPGPCertificate> byFingerprint) {
    this.byFingerprint = byFingerprint;
  }

  /**
   * A keyring of {@code certificates}; a later certificate with the same fingerprint is ignored.
   */
  public static Keyring of(Collection<OpenPGPCertificate> certificates) {
    Map<String, OpenPGPCertificate> map = new LinkedHashMap<>();
    for (OpenPGPCertificate c : certificates) {
      map.putIfAbsent(Keys.fingerprint(c), c);
    }
    return new Keyring(map);
  }

  public static Keyring empty() {
    return new Keyring(new LinkedHashMap<>());
  }

  /** This keyring with the certificates of {@code other} added (the ones already here win). */
  public Keyring with(Keyring other) {
    List<OpenPGPCertificate> all = new ArrayList<>(byFingerprint.values());
    all.addAll(other.certificates());
    return of(all);
  }

  /**
   * Every certificate in a file (armored; a secret key file gives its public part). Never read
   * through a symlink.
   *
   * @throws KeyException if the file is missing or holds no certificate
   */
  public static Keyring read(Path file) {
    try {
      String text = new String(SiteTree.readRegular(file), StandardCharsets.US_ASCII);
      return of(parse(text, file.toString()));
    } catch (NoSuchFileException e) {
      throw new KeyException(file + " does not exist");
    } catch (IOException e) {
      throw new KeyException("cannot read " + file + ": " + Keys.describe(e), e);
    }
  }

  /** The fingerprints of every certificate, upper-case hex, in order. */
  public Set<String> fingerprints() {
    return new LinkedHashSet<>(byFingerprint.keySet());
  }

  /** Every certificate in an armored text: one block holding several, or several blocks. */
  public static List<OpenPGPCertificate> parse(String armored, String where) {
    try {
      List<OpenPGPCertificate> out = new ArrayList<>();
      for (OpenPGPCertificate c :
          Crypto.api().readKeyOrCertificate().parseKeysOrCertificates(armored)) {
        out.add(c instanceof org.bouncycastle.openpgp.api.OpenPGPKey k ? k.toCertificate() : c);
      }
      if (out.isEmpty()) {
        throw new KeyException(where + " holds no OpenPGP certificate");
      }
      return out;
    } catch (IOException | RuntimeException e) {
      if (e instanceof KeyException ke) {
        throw ke;
      }
      throw new KeyException(where + " is not an OpenPGP certificate: " + Keys.describe(e), e);
    }
  }

  public Collection<OpenPGPCertificate> certificates() {
    return byFingerprint.values();
  }

  /** The certificate holding the (primary or sub-) key a signature names, if any. */
  OpenPGPCertificate.OpenPGPComponentKey issuer(List<KeyIdentifier> ids) {
    for (KeyIdentifier id : ids) {
      for (OpenPGPCertificate c : byFingerprint.values()) {
        for (OpenPGPCertificate.OpenPGPComponentKey k : c.getKeys()) {
          if (id.matches(k.getKeyIdentifier())) {
            return k;
          }
        }
      }
    }
    return null;
  }

  /**
   * The certificates of {@code fingerprints}, in that order, as one armored block: what {@code gpg
   * --export A B} writes, and what gpgv (after {@code --dearmor}) and sqv read as a keyring.
   */
  public static String armor(List<OpenPGPCertificate> certificates) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(out)) {
      for (OpenPGPCertificate c : certificates) {
        armored.write(c.getEncoded(PacketFormat.ROUNDTRIP));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }
}
