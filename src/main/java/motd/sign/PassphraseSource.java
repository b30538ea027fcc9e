package motd.sign;

/** Where a key's passphrase comes from: an environment variable, a terminal prompt, a test. */
@FunctionalInterface
public interface PassphraseSource {
  /**
   * The passphrase for the key with {@code fingerprint}, or null if none can be had. The caller
   * wipes the returned array.
   */
  char[] passphraseFor(String fingerprint);

  static PassphraseSource none() {
    return fingerprint -> null;
  }

  static PassphraseSource of(String passphrase) {
    return fingerprint -> passphrase == null ? null : passphrase.toCharArray();
  }
}
