package motd.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reading a log in fixed blocks, so that memory stays bounded whatever its size: a part of a plain
 * file through its channel, or a decompressed stream with decompression on one thread and parsing
 * on the caller's.
 */
final class Blocks {
  static final int SIZE = 1 << 20;

  /**
   * Blocks in flight between the decompressing thread and the parser: enough to keep decompressing
   * while {@code motd.yaml} is read, and a fixed bound whatever the log's size.
   */
  private static final int IN_FLIGHT = 32;

  /** The longest line read whole; longer ones are malformed. */
  static final int MAX_LINE = SIZE - 1;

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

  /**
   * A block of whole lines ({@code bytes[from..to)}), or one line too long to keep ({@code
   * overlong}), or the end ({@code bytes == null}) or a failure.
   */
  private record Block(
      int seq, byte[] bytes, int from, int to, boolean overlong, IOException failure) {
    static final Block END = new Block(-1, null, 0, 0, false, null);
  }

  /**
   * All of a stream, decompressed and cut into blocks of whole lines on its own thread, and parsed
   * on several. It starts at once, so that decompression overlaps whatever the caller still does
   * before parsing (reading {@code motd.yaml}). At most {@link #IN_FLIGHT} blocks are held at any
   * time, whatever the stream's size; a line longer than a block is skipped unread.
   */
  static final class Pump implements AutoCloseable {
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(IN_FLIGHT);
    private final BlockingQueue<Block> full = new ArrayBlockingQueue<>(IN_FLIGHT + 2);
    private final Thread producer;
    private final InputStream in;
    private final long skip;
    private final Runnable afterBlock;
    private volatile long total;
    private volatile int blocks;

    private Pump(InputStream in, long skip, Runnable afterBlock) {
      this.in = in;
      this.skip = skip;
      this.afterBlock = afterBlock;
      for (int i = 0; i < IN_FLIGHT; i++) {
        free.add(new byte[SIZE]);
      }
      producer = new Thread(this::produce, "motd-stats-decompress");
      producer.setDaemon(true);
      producer.start();
    }

    /**
     * Starts reading {@code in}, leaving out its first {@code skip} bytes (what an earlier run
     * read; they end with a line).
     */
    static Pump start(InputStream in, long skip, Runnable afterBlock) {
      return new Pump(in, skip, afterBlock);
    }

    private void produce() {
      try {
        try {
          produceBlocks();
          full.put(Block.END);
        } catch (IOException e) {
          full.put(new Block(-1, null, 0, 0, false, e));
        } catch (RuntimeException e) {
          // some decompressors report corrupt input as unchecked exceptions
          full.put(new Block(-1, null, 0, 0, false, new IOException(e.getMessage(), e)));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void produceBlocks() throws IOException, InterruptedException {
      long toSkip = skip;
      long read = 0;
      byte[] carry = new byte[SIZE];
      int carried = 0;
      boolean discarding = false;
      int seq = 0;
      while (true) {
        byte[] buf = free.take();
        System.arraycopy(carry, 0, buf, 0, carried);
        int len = carried;
        carried = 0;
        int n = in.readNBytes(buf, len, buf.length - len);
        boolean eof = len + n < buf.length;
        len += n;
        read += n;
        int start = 0;
        if (toSkip > 0) {
          int s = (int) Math.min(toSkip, len);
          start = s;
          toSkip -= s;
        }
        if (discarding && start < len) {
          int nl = Newlines.next(buf, start, len);
          if (nl >= 0 || eof) {
            full.put(new Block(seq++, null, 0, 0, true, null));
            discarding = false;
          }
          start = nl < 0 ? len : nl + 1;
        }
        int last = len - 1;
        while (last >= start && buf[last] != '\n') {
          last--;
        }
        int end = eof ? len : last + 1; // at the end, an unfinished last line is whole
        if (end > start) {
          full.put(new Block(seq++, buf, start, end, false, null));
        } else {
          free.put(buf);
        }
        if (!eof && end < len) {
          if (end == start && start == 0) {
            discarding = true; // a whole block without a line end: a line too long to keep
          } else {
            carried = len - end;
            System.arraycopy(buf, end, carry, 0, carried);
          }
        }
        total = read;
        blocks = seq;
        afterBlock.run();
        if (eof) {
          return;
        }
      }
    }

    /**
     * Parses every block with one of {@code parsers}, each on its own thread.
     *
     * @return the number of lines in each block, by block number (the warnings' segments)
     * @throws IOException the stream's own failure (a corrupt gzip stream, for example)
     */
    long[] parse(List<LineParser> parsers) throws IOException {
      long[][] lines = new long[1][64];
      onThreads(
          "motd-stats-parse-",
          parsers.size(),
          i -> {
            LineParser p = parsers.get(i);
            while (true) {
              Block b = full.take();
              if (b.bytes == null && !b.overlong) {
                full.put(b); // the end, or a failure: for the others too
                if (b.failure != null) {
                  throw b.failure;
                }
                return;
              }
              p.segment(b.seq);
              if (b.overlong) {
                p.overlong();
              } else {
                int pos = b.from;
                while (pos < b.to) {
                  int nl = Newlines.next(b.bytes, pos, b.to);
                  int lineEnd = nl < 0 ? b.to : nl;
                  p.line(b.bytes, pos, lineEnd);
                  pos = lineEnd + 1;
                }
                free.put(b.bytes);
              }
              synchronized (lines) {
                if (b.seq >= lines[0].length) {
                  lines[0] =
                      java.util.Arrays.copyOf(lines[0], Math.max(b.seq + 1, lines[0].length * 2));
                }
                lines[0][b.seq] = p.segmentLines();
              }
            }
          });
      return java.util.Arrays.copyOf(lines[0], blocks);
    }

    /** Bytes of the stream read, the skipped ones included. */
    long total() {
      return total;
    }

    @Override
    public void close() {
      producer.interrupt();
      try {
        producer.join(10_000); // a stream blocked in read (a terminal) is left to end with us
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One of several parts of a job, each on its own thread. */
  interface Part {
    void run(int part) throws IOException, InterruptedException;
  }

  /**
   * Runs parts {@code 0} to {@code n - 1}, each on its own thread, and waits for all of them; then
   * throws the first part's failure, by part number: its IOException, or a bug's unchecked
   * exception, so that a failed part never passes for a smaller count.
   */
  static void onThreads(String name, int n, Part part) throws IOException {
    Throwable[] failure = new Throwable[n];
    Thread[] threads = new Thread[n];
    for (int i = 0; i < n; i++) {
      int k = i;
      threads[i] =
          new Thread(
              () -> {
                try {
                  part.run(k);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (IOException | RuntimeException e) {
                  failure[k] = e;
                }
              },
              name + i);
      threads[i].start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted");
      }
    }
    for (Throwable e : failure) {
      if (e instanceof IOException io) {
        throw io;
      } else if (e instanceof RuntimeException r) {
        throw r;
      }
    }
  }

  /** Told how many bytes were read; called from several threads. */
  interface Progress {
    void advance(long bytes);
  }
}
