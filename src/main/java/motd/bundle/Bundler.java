package motd.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import motd.diagnostic.OutputException;
import motd.diagnostic.UsageException;
import motd.emit.SafeFiles;
import motd.emit.SiteTree;

/**
 * Packs a finished site into one reproducible archive for upload: a {@code .tar.gz} or a {@code
 * .zip}. Entries are sorted, owned by 0:0 with fixed modes, and all carry one modification time, so
 * two bundles of the same site are byte-identical.
 */
public final class Bundler {
  /** What was written. */
  public record Report(Path file, int files, long bytes, Instant mtime) {}

  /**
   * Writes {@code out} from the site {@code tree} holds. The caller decides whether the site must
   * verify first, and scans it once for both.
   *
   * @param tree the site, holding only regular files and folders
   * @param mtime the time every entry carries
   */
  public Report bundle(SiteTree tree, Path out, Instant mtime) {
    Path site = tree.root();
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean zip = name.endsWith(".zip");
    if (!zip && !name.endsWith(".tar.gz") && !name.endsWith(".tgz")) {
      throw new UsageException(out + ": the bundle must end in .tar.gz, .tgz or .zip");
    }
    Path abs = out.toAbsolutePath().normalize();
    if (abs.startsWith(site.toAbsolutePath().normalize())) {
      throw new UsageException(out + " is inside the site; write the bundle elsewhere");
    }
    SortedSet<String> files = new TreeSet<>();
    SortedSet<String> dirs = new TreeSet<>();
    for (String rel : tree.files().keySet()) {
      if (SafeFiles.isTemp(rel.substring(rel.lastIndexOf('/') + 1))) {
        continue; // left by an interrupted run: never shipped
      }
      files.add(rel);
      for (int i = rel.indexOf('/'); i >= 0; i = rel.indexOf('/', i + 1)) {
        dirs.add(rel.substring(0, i));
      }
    }
    SortedSet<String> entries = new TreeSet<>(files);
    dirs.forEach(d -> entries.add(d + "/"));
    try {
      Files.createDirectories(abs.getParent());
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (OutputStream os = new BufferedOutputStream(bytes)) {
        if (zip) {
          writeZip(tree, entries, mtime, os);
        } else {
          writeTarGz(tree, entries, mtime, os);
        }
      }
      SafeFiles.write(abs, bytes.toByteArray());
      return new Report(out, files.size(), bytes.size(), mtime);
    } catch (IOException e) {
      throw new OutputException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * The time for every entry: {@code SOURCE_DATE_EPOCH} if given, else the newest {@code timestamp}
   * of the site's MOTD files, so it changes only when the news does.
   */
  public static Instant entryTime(SiteTree tree, String sourceDateEpoch) {
    if (sourceDateEpoch != null && !sourceDateEpoch.isBlank()) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(sourceDateEpoch.trim()));
      } catch (NumberFormatException e) {
        throw new UsageException(
            "SOURCE_DATE_EPOCH must be a number of seconds, not '" + sourceDateEpoch + "'");
      }
    }
    long newest = 0;
    ObjectMapper json = new ObjectMapper();
    try {
      for (String path : tree.files().keySet()) {
        if (!path.startsWith("motd/") || !path.endsWith("/motd.json")) {
          continue;
        }
        JsonNode ts = json.readTree(tree.read(path)).get("timestamp");
        if (ts != null && ts.canConvertToLong()) {
          newest = Math.max(newest, ts.asLong());
        }
      }
    } catch (IOException e) {
      throw new OutputException("cannot read " + tree.root() + ": " + e.getMessage(), e);
    }
    return Instant.ofEpochSecond(newest);
  }

  private static void writeZip(
      SiteTree site, SortedSet<String> entries, Instant mtime, OutputStream os) throws IOException {
    // DOS times start in 1980; setTimeLocal writes no extra time fields, so no time zone leaks in.
    LocalDateTime time = LocalDateTime.ofInstant(mtime, ZoneOffset.UTC);
    if (time.getYear() < 1980) {
      time = LocalDateTime.of(1980, 1, 1, 0, 0);
    }
    try (ZipOutputStream zip = new ZipOutputStream(os, StandardCharsets.UTF_8)) {
      zip.setLevel(9);
      for (String name : entries) {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(time);
        zip.putNextEntry(e);
        if (!name.endsWith("/")) {
          zip.write(site.read(name));
        }
        zip.closeEntry();
      }
    }
  }

  private static void writeTarGz(
      SiteTree site, SortedSet<String> entries, Instant mtime, OutputStream os) throws IOException {
    GZIPOutputStream gz =
        new GZIPOutputStream(os) {
          {
            def.setLevel(9);
          }
        };
    for (String name : entries) {
      boolean dir = name.endsWith("/");
      byte[] data = dir ? new byte[0] : site.read(name);
      gz.write(tarHeader(name, dir, data.length, mtime.getEpochSecond()));
      gz.write(data);
      int pad = (512 - data.length % 512) % 512;
      gz.write(new byte[pad]);
    }
    gz.write(new byte[1024]); // two empty blocks end the archive
    gz.finish();
    gz.flush();
  }

  /** A POSIX ustar header: owner 0:0, mode 0644 for files and 0755 for folders. */
  static byte[] tarHeader(String name, boolean dir, long size, long mtime) {
    byte[] h = new byte[512];
    String prefix = "";
    String base = name;
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 100) {
      // ustar splits a long path at a slash: up to 155 bytes of prefix, 100 of name.
      int cut = -1;
      for (int i = name.indexOf('/');
          i >= 0 && i < name.length() - 1;
          i = name.indexOf('/', i + 1)) {
        if (utf8(name.substring(i + 1)) <= 100 && utf8(name.substring(0, i)) <= 155) {
          cut = i;
          break;
        }
      }
      if (cut < 0) {
        throw new UsageException("path too long for a tar bundle: " + name + "; use .zip");
      }
      prefix = name.substring(0, cut);
      base = name.substring(cut + 1);
    }
    put(h, 0, 100, base.getBytes(StandardCharsets.UTF_8));
    octal(h, 100, 8, dir ? 0755 : 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, mtime);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    h[156] = (byte) (dir ? '5' : '0');
    put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    put(h, 265, 32, "root".getBytes(StandardCharsets.US_ASCII));
    put(h, 297, 32, "root".getBytes(StandardCharsets.US_ASCII));
    put(h, 345, 155, prefix.getBytes(StandardCharsets.UTF_8));
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int at, int len, byte[] value) {
    System.arraycopy(value, 0, h, at, Math.min(len, value.length));
  }

  private static void octal(byte[] h, int at, int len, long value) {
    String s = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, len - 1 - s.length())) + s;
    put(h, at, len - 1, padded.getBytes(StandardCharsets.US_ASCII));
    h[at + len - 1] = 0;
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
