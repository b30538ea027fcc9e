package motd.sign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
  private final SignatureCheck check;

  private GpgSigner(String gpg, Map<String, String> env, String fingerprint, String certificate) {
    this.gpg = gpg;
    this.env = env;
    this.fingerprint = fingerprint;
    this.certificate = certificate;
    this.check =
        new SignatureCheck(Keys.parseCertificate(certificate, "gpg's export of " + fingerprint));
  }

  /**
   * Finds {@code keyId} among gpg's secret keys and checks that it can sign.
   *
   * @param gpg the gpg program, usually {@code gpg}
   */
  public static GpgSigner open(String gpg, String keyId) {
    return open(gpg, keyId, Map.of());
  }

  /** As {@link #open(String, String)}, with extra environment variables for gpg (GNUPGHOME). */
  public static GpgSigner open(String gpg, String keyId, Map<String, String> env) {
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
    return new GpgSigner(gpg, env, fpr.toUpperCase(Locale.ROOT), cert);
  }

  @Override
  public byte[] sign(byte[] data) {
    byte[] sig =
        run(
            gpg,
            env,
            data,
            "--batch",
            "--yes",
            "--armor",
            "--detach-sign",
            "--digest-algo",
            "SHA512",
            "--local-user",
            fingerprint,
            "--output",
            "-");
    check
        .problem(data, sig)
        .ifPresent(
            p -> {
              throw new KeyException(
                  "gpg's signature with key " + Keys.shortId(fingerprint) + " is unusable: " + p);
            });
    return sig;
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
    try {
      CompletableFuture<byte[]> out =
          CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new ExternalToolException(gpg + " did not finish within 120 s");
      }
      if (p.exitValue() != 0) {
        String message = new String(err.join(), StandardCharsets.UTF_8).strip();
        int nl = message.lastIndexOf('\n');
        throw new ExternalToolException(
            gpg
                + " failed (exit "
                + p.exitValue()
                + "): "
                + (nl < 0 ? message : message.substring(nl + 1)));
      }
      return out.join();
    } catch (IOException e) {
      throw new ExternalToolException(gpg + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExternalToolException(gpg + " was interrupted");
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
