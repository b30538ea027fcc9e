package motd.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reading a log in fixed blocks, so that memory stays bounded whatever its size: a part of a plain
 * file through its channel, or a decompressed stream with decompression on one thread and parsing
 * on the caller's.
 */
final class Blocks {
  static final int SIZE = 1 << 20;

  /** Blocks in flight between the decompressing thread and the parser. */
  private static final int IN_FLIGHT = 3;

  private Blocks() {}

  /** Feeds {@code ch[from..to)} to {@code sink}; {@code progress} is told each block's size. */
  static void readRange(FileChannel ch, long from, long to, LineSplitter sink, Progress progress)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(SIZE, Math.max(1, to - from)));
    long pos = from;
    while (pos < to) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), to - pos));
      int n = ch.read(buf, pos);
      if (n < 0) {
        break; // the file shrank: read what there is
      }
      sink.block(buf.array(), 0, n);
      pos += n;
      progress.advance(n);
    }
  }

  /**
   * Where to cut {@code ch[from..to)} into {@code parts} parts that each start at a line: the
   * returned offsets, {@code parts + 1} of them, start with {@code from} and end with {@code to}.
   */
  static long[] cuts(FileChannel ch, long from, long to, int parts) throws IOException {
    long[] cuts = new long[parts + 1];
    cuts[0] = from;
    cuts[parts] = to;
    ByteBuffer window = ByteBuffer.allocate(1 << 16);
    for (int i = 1; i < parts; i++) {
      long pos = Math.max(cuts[i - 1], from + (to - from) * i / parts);
      long cut = to;
      search:
      while (pos < to) {
        window.clear();
        int n = ch.read(window, pos);
        if (n <= 0) {
          break;
        }
        for (int k = 0; k < n; k++) {
          if (window.get(k) == '\n') {
            cut = Math.min(to, pos + k + 1);
            break search;
          }
        }
        pos += n;
      }
      cuts[i] = cut;
    }
    return cuts;
  }

  private record Block(byte[] bytes, int length, IOException failure) {}

  /**
   * Feeds all of {@code in} to {@code sink}: one thread decompresses into a few reused blocks while
   * this one parses.
   *
   * @throws IOException the stream's own failure (a corrupt gzip stream, for example)
   */
  static void pump(InputStream in, LineSplitter sink, Runnable afterBlock) throws IOException {
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
    BlockingQueue<Block> full = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
    for (int i = 0; i <= IN_FLIGHT; i++) {
      free.add(new byte[SIZE]);
    }
    Thread producer =
        new Thread(
            () -> {
              try {
                while (true) {
                  byte[] buf = free.take();
                  int n;
                  try {
                    n = in.readNBytes(buf, 0, buf.length);
                  } catch (IOException e) {
                    full.put(new Block(null, 0, e));
                    return;
                  } catch (RuntimeException e) {
                    // some decompressors report corrupt input as unchecked exceptions
                    full.put(new Block(null, 0, new IOException(e.getMessage(), e)));
                    return;
                  }
                  full.put(new Block(buf, n, null));
                  if (n < buf.length) {
                    return;
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "motd-stats-decompress");
    producer.setDaemon(true);
    producer.start();
    try {
      while (true) {
        Block b = full.take();
        if (b.failure != null) {
          throw b.failure;
        }
        sink.block(b.bytes, 0, b.length);
        afterBlock.run();
        if (b.length < b.bytes.length) {
          break;
        }
        free.put(b.bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } finally {
      producer.interrupt();
      try {
        producer.join(10_000); // a stream blocked in read (a terminal) is left to end with us
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Told how many bytes were read; called from several threads. */
  interface Progress {
    void advance(long bytes);
  }
}
