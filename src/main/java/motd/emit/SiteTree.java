package motd.emit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import motd.diagnostic.OutputException;

/**
 * What a site folder holds, seen without following any link: its regular files by relative path,
 * and everything that is neither a file nor a folder (symlinks, FIFOs, devices, sockets). Reading a
 * file through a tree never follows a link and never opens anything but a regular file, so a
 * planted FIFO cannot hang a command and a planted symlink cannot make one read outside the site.
 */
public final class SiteTree {
  /** A regular file: size and modification time in milliseconds, as scanned. */
  public record Entry(long size, long modifiedMillis) {}

  /** Something that does not belong in a site, with a word for what it is. */
  public record Stray(String path, String kind) {
    @Override
    public String toString() {
      return path + " (" + kind + ")";
    }
  }

  private final Path root;
  private final SortedMap<String, Entry> files;
  private final List<Stray> strays;

  private SiteTree(Path root, SortedMap<String, Entry> files, List<Stray> strays) {
    this.root = root;
    this.files = Collections.unmodifiableSortedMap(files);
    this.strays = List.copyOf(strays);
  }

  /** An empty tree, for a site that does not exist yet. */
  public static SiteTree empty(Path root) {
    return new SiteTree(root, new TreeMap<>(), List.of());
  }

  /**
   * Scans {@code root}, which must be a real folder (not a symlink).
   *
   * @throws OutputException if it cannot be read
   */
  public static SiteTree scan(Path root) {
    Map<String, Entry> files = new ConcurrentHashMap<>();
    Map<String, Stray> strays = new ConcurrentHashMap<>();
    try {
      SafeFiles.requireRealFolder(root);
      Trees.walk(
          root,
          (rel, a) -> {
            if (a.isRegularFile()) {
              files.put(rel, new Entry(a.size(), a.lastModifiedTime().toMillis()));
            } else {
              strays.put(rel, new Stray(rel, kind(a)));
            }
          });
    } catch (IOException e) {
      throw new OutputException("cannot read " + root + ": " + describe(e), e);
    }
    return new SiteTree(
        root, new TreeMap<>(files), new ArrayList<>(new TreeMap<>(strays).values()));
  }

  private static String kind(BasicFileAttributes a) {
    if (a.isSymbolicLink()) {
      return "a symbolic link";
    }
    return a.isOther() ? "not a regular file: a FIFO, device or socket" : "not a regular file";
  }

  public Path root() {
    return root;
  }

  /** Every regular file, by '/'-separated relative path, sorted. */
  public SortedMap<String, Entry> files() {
    return files;
  }

  public boolean contains(String path) {
    return files.containsKey(path);
  }

  /** Symlinks, FIFOs, devices and sockets, which no command reads, signs, serves or bundles. */
  public List<Stray> strays() {
    return strays;
  }

  /**
   * Throws unless the tree holds only regular files and folders.
   *
   * @throws OutputException naming every stray entry
   */
  public SiteTree requireNoStrays(String doing) {
    if (!strays.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (Stray s : strays) {
        sb.append(sb.length() == 0 ? "" : "; ").append(root.resolve(s.path())).append(" is ");
        sb.append(s.kind());
      }
      throw new OutputException(
          "refusing to " + doing + " " + root + ": " + sb + "; a site holds only plain files");
    }
    return this;
  }

  /**
   * The bytes of a regular file of this tree, read without following links.
   *
   * @throws IOException if it is gone, or is no longer a regular file
   */
  public byte[] read(String path) throws IOException {
    return readRegular(root.resolve(path));
  }

  /**
   * Reads {@code file} only if it is a regular file, never through a link; refuses a FIFO or device
   * instead of blocking on it.
   */
  public static byte[] readRegular(Path file) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!a.isRegularFile()) {
      throw new FileSystemException(
          file.toString(),
          null,
          a.isSymbolicLink() ? "is a symbolic link" : "is not a regular file; not opened");
    }
    try (SeekableByteChannel ch =
        Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 16) {
        throw new FileSystemException(file.toString(), null, "is too large");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // keep reading
      }
      if (buf.hasRemaining() || ch.read(ByteBuffer.allocate(1)) > 0) {
        throw new FileSystemException(file.toString(), null, "changed while it was read");
      }
      return buf.array();
    }
  }

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or folder (" + e.getMessage() + ")";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getFile() + " " + f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
