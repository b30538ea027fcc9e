package motd.sign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Signs through the local GnuPG, for team keys that live in a keyring or on a smartcard. gpg-agent
 * asks for the passphrase or PIN as usual. Every signature is checked against the exported
 * certificate before it is used, so gpg's output meets the same bar as a key file's.
 */
public final class GpgSigner implements Signer {
  private final String gpg;
  private final Map<String, String> env;
  private final String fingerprint;
  private final String certificate;
  private final Instant now;
  private final SignatureCheck check;

  private GpgSigner(
      String gpg, Map<String, String> env, String fingerprint, String certificate, Instant now) {
    this.gpg = gpg;
    this.env = env;
    this.fingerprint = fingerprint;
    this.certificate = certificate;
    this.now = now;
    this.check =
        new SignatureCheck(
            Keys.parseCertificate(certificate, "gpg's export of " + fingerprint), now);
  }

  /**
   * Finds {@code keyId} among gpg's secret keys and checks that it can sign.
   *
   * @param gpg the gpg program, usually {@code gpg}
   * @param now the signing time: gpg is run with it as its clock, so that its signatures carry the
   *     same time as the manifest and a key file's signatures would
   */
  public static GpgSigner open(String gpg, String keyId, Instant now) {
    return open(gpg, keyId, Map.of(), now);
  }

  /** As {@link #open(String, String, Instant)}, with environment variables for gpg (GNUPGHOME). */
  public static GpgSigner open(String gpg, String keyId, Map<String, String> env, Instant now) {
    String listing;
    try {
      listing =
          new String(
              run(
                  gpg,
                  env,
                  null,
                  "--batch",
                  "--with-colons",
                  "--fixed-list-mode",
                  "--list-secret-keys",
                  "--",
                  keyId),
              StandardCharsets.UTF_8);
    } catch (ExternalToolException e) {
      if (e.getMessage().startsWith("cannot run")) {
        throw e;
      }
      throw new KeyException("gpg has no secret key " + keyId);
    }
    String fpr = null;
    String validity = null;
    String capabilities = null;
    for (String line : listing.split("\n")) {
      String[] f = line.split(":", -1);
      if (f[0].equals("sec") && validity == null) {
        validity = f.length > 1 ? f[1] : "";
        capabilities = f.length > 11 ? f[11] : "";
      } else if (f[0].equals("fpr") && fpr == null && f.length > 9) {
        fpr = f[9];
      }
    }
    if (fpr == null) {
      throw new KeyException("gpg has no secret key " + keyId);
    }
    String id = "key " + Keys.shortId(fpr);
    if ("e".equals(validity)) {
      throw new KeyException(id + " is expired");
    }
    if ("r".equals(validity)) {
      throw new KeyException(id + " is revoked");
    }
    if (!capabilities.toUpperCase(Locale.ROOT).contains("S")) {
      throw new KeyException(id + " has no signing capability");
    }
    String cert =
        new String(
            run(gpg, env, null, "--batch", "--armor", "--export", "--", fpr),
            StandardCharsets.US_ASCII);
    if (cert.isBlank()) {
      throw new KeyException("gpg exported nothing for " + id);
    }
    return new GpgSigner(gpg, env, fpr.toUpperCase(Locale.ROOT), cert, now);
  }

  @Override
  public byte[] sign(byte[] data) {
    byte[] sig = signOnce(data);
    if (!SignatureCheck.madeAt(sig, now)) {
      // gpg ignores a faked time equal to the current second and then uses its real clock, so a
      // signature begun in the second of `now` may be dated the next one. Once that second has
      // passed, the faked time holds: signing again gives the intended time.
      sig = signOnce(data);
    }
    check
        .problem(data, sig)
        .ifPresent(
            p -> {
              throw new KeyException(
                  "gpg's signature with key " + Keys.shortId(fingerprint) + " is unusable: " + p);
            });
    return sig;
  }

  private byte[] signOnce(byte[] data) {
    return run(
        gpg,
        env,
        data,
        "--batch",
        "--yes",
        "--faked-system-time",
        now.getEpochSecond() + "!",
        "--armor",
        "--detach-sign",
        "--digest-algo",
        "SHA512",
        "--local-user",
        fingerprint,
        "--output",
        "-");
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public String certificate() {
    return certificate;
  }

  private static byte[] run(String gpg, Map<String, String> env, byte[] stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(gpg);
    command.addAll(List.of(args));
    Process p;
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().putAll(env);
      p = pb.start();
    } catch (IOException e) {
      throw new ExternalToolException("cannot run " + gpg + ": " + e.getMessage());
    }
    // Own threads for the pipes, not the common pool: signing itself runs on the common pool,
    // and a reader queued behind a blocked signer would never run.
    Pipe out = new Pipe(p.getInputStream());
    Pipe err = new Pipe(p.getErrorStream());
    try {
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      } catch (IOException e) {
        // gpg closed its input early; its exit status and message say why
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        throw new ExternalToolException(gpg + " did not finish within 120 s");
      }
      byte[] stdout = out.join();
      String message = new String(err.join(), StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0) {
        int nl = message.lastIndexOf('\n');
        String last = nl < 0 ? message : message.substring(nl + 1);
        throw new ExternalToolException(
            gpg + " failed (exit " + p.exitValue() + "): " + last + hint(message));
      }
      return stdout;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExternalToolException(gpg + " was interrupted");
    } finally {
      // Never leave a gpg running: on any failure it is killed and reaped before we return.
      if (p.isAlive()) {
        p.destroyForcibly();
      }
      try {
        p.waitFor();
        out.join();
        err.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** What to do about gpg's most common failure without a terminal. */
  static String hint(String gpgMessage) {
    String m = gpgMessage.toLowerCase(Locale.ROOT);
    if (m.contains("inappropriate ioctl") || m.contains("no pinentry") || m.contains("pinentry")) {
      return "; gpg could not ask for the passphrase or PIN because there is no terminal: run"
          + " motd sign in a terminal, unlock the key in gpg-agent first (e.g. by signing"
          + " something with gpg), or sign with a key file (--key) and MOTD_PASSPHRASE";
    }
    return "";
  }

  /** Reads a process's output stream to the end on its own thread. */
  private static final class Pipe {
    private final Thread thread;
    private volatile byte[] bytes = new byte[0];

    Pipe(InputStream in) {
      thread =
          new Thread(
              () -> {
                try {
                  bytes = readAll(in);
                } catch (UncheckedIOException e) {
                  // the process died; its exit status tells
                }
              },
              "gpg-pipe");
      thread.setDaemon(true);
      thread.start();
    }

    byte[] join() throws InterruptedException {
      thread.join();
      return bytes;
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
