package motd.stats;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * One log to read: a file or standard input, plain or compressed (gzip, xz, zstd, recognised by
 * their first bytes, whatever the name). A plain file is read through its channel, so that it can
 * be cut into parts; anything else is one decompressed stream.
 */
final class LogInput implements Closeable {
  /** The decompressed bytes that identify a log: a hash of up to this many. */
  static final int PREFIX = 64 * 1024;

  /** xz may use this much memory (KiB) to decompress: enough for {@code xz -9}. */
  private static final int XZ_MEMORY_LIMIT_KIB = 100 * 1024;

  enum Compression {
    PLAIN,
    GZIP,
    XZ,
    ZSTD
  }

  final String name;
  final Compression compression;

  /** The plain file's channel, or null for a stream. */
  final FileChannel channel;

  /** The size of the file on disk (compressed), or -1 for standard input. */
  final long rawSize;

  /** Bytes of the file on disk read so far (for progress). */
  final AtomicLong rawRead = new AtomicLong();

  private final Closeable closeable;
  private InputStream stream;

  private LogInput(
      String name,
      Compression compression,
      FileChannel channel,
      long rawSize,
      InputStream stream,
      Closeable closeable) {
    this.name = name;
    this.compression = compression;
    this.channel = channel;
    this.rawSize = rawSize;
    this.stream = stream;
    this.closeable = closeable;
  }

  /** Opens {@code name}; {@code -} is {@code stdin}. */
  static LogInput open(String name, InputStream stdin) throws IOException {
    if (name.equals("-")) {
      BufferedInputStream in = new BufferedInputStream(stdin, 1 << 16);
      in.mark(8);
      byte[] magic = in.readNBytes(6);
      in.reset();
      LogInput input = new LogInput(name, sniff(magic, magic.length), null, -1, null, in);
      input.stream = input.decompress(input.counting(in));
      return input;
    }
    FileChannel ch = FileChannel.open(Path.of(name), StandardOpenOption.READ);
    try {
      long size = ch.size();
      ByteBuffer head = ByteBuffer.allocate(6);
      while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
        // a few bytes, to tell compressed from plain
      }
      Compression c = sniff(head.array(), head.position());
      if (c == Compression.PLAIN) {
        return new LogInput(name, c, ch, size, null, ch);
      }
      LogInput input = new LogInput(name, c, null, size, null, ch);
      input.stream =
          input.decompress(
              input.counting(
                  new BufferedInputStream(Channels.newInputStream(ch.position(0)), 1 << 16)));
      return input;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static Compression sniff(byte[] m, int n) {
    if (n >= 2 && (m[0] & 0xFF) == 0x1F && (m[1] & 0xFF) == 0x8B) {
      return Compression.GZIP;
    }
    if (n >= 6
        && (m[0] & 0xFF) == 0xFD
        && m[1] == '7'
        && m[2] == 'z'
        && m[3] == 'X'
        && m[4] == 'Z'
        && m[5] == 0) {
      return Compression.XZ;
    }
    if (n >= 4
        && (m[0] & 0xFF) == 0x28
        && (m[1] & 0xFF) == 0xB5
        && (m[2] & 0xFF) == 0x2F
        && (m[3] & 0xFF) == 0xFD) {
      return Compression.ZSTD;
    }
    return Compression.PLAIN;
  }

  private InputStream counting(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
          rawRead.incrementAndGet();
        }
        return c;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          rawRead.addAndGet(n);
        }
        return n;
      }
    };
  }

  private InputStream decompress(InputStream in) throws IOException {
    return switch (compression) {
      case PLAIN -> in;
      case GZIP -> new GZIPInputStream(in, 1 << 16);
      case XZ -> new XZInputStream(in, XZ_MEMORY_LIMIT_KIB);
      case ZSTD -> new ZstdInputStream(in);
    };
  }

  /** Whether this is a plain file read through its channel. */
  boolean plainFile() {
    return channel != null;
  }

  /**
   * The first {@link #PREFIX} bytes of the content (fewer if it is shorter). For a stream, {@link
   * #rest} then starts again at the beginning.
   */
  byte[] prefix() throws IOException {
    if (channel != null) {
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(PREFIX, rawSize));
      while (buf.hasRemaining()) {
        if (channel.read(buf, buf.position()) < 0) {
          break;
        }
      }
      return java.util.Arrays.copyOf(buf.array(), buf.position());
    }
    byte[] prefix = stream.readNBytes(PREFIX);
    stream = new SequenceInputStream(new ByteArrayInputStream(prefix), stream);
    return prefix;
  }

  /** The whole decompressed content, from its first byte. */
  InputStream rest() {
    return stream;
  }

  @Override
  public void close() throws IOException {
    closeable.close();
  }
}
