package motd.stats;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.Position;

/**
 * What the store has read, per source: each log known by the SHA-256 of its first bytes (up to
 * {@link LogInput#PREFIX} of its decompressed content), with how far it was read. A log is found
 * again whatever its name or compression, so a rotated or re-read log adds nothing, and a grown one
 * is continued.
 */
final class ReadLog {
  /**
   * One log.
   *
   * @param hash SHA-256 (hex) of the first {@code prefixLength} bytes of its content
   * @param offset bytes read, always up to the end of a line
   * @param lines lines read, so that warnings keep their line numbers when a log is continued
   */
  record Record(String hash, int prefixLength, long offset, long lines) {
    String line() {
      return hash + " " + prefixLength + " " + offset + " " + lines;
    }
  }

  /** A record that a log's content matches, and the source it was read for. */
  record Match(String source, Record record) {}

  private final Map<String, List<Record>> bySource = new TreeMap<>();

  /** The records of {@code source}, in the order of the file. */
  List<Record> records(String source) {
    return bySource.getOrDefault(source, List.of());
  }

  void add(String source, Record r) {
    bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(r);
  }

  /** Replaces {@code old} (or nothing) of {@code source} by {@code now}. */
  void replace(String source, Record old, Record now) {
    List<Record> list = bySource.computeIfAbsent(source, k -> new ArrayList<>());
    if (old != null) {
      list.remove(old);
    }
    list.add(now);
  }

  /** The record, of any source, whose content is a start of {@code prefix}; the longest one. */
  Optional<Match> find(byte[] prefix) {
    Map<String, Match> byKey = new HashMap<>();
    TreeSet<Integer> lengths = new TreeSet<>();
    bySource.forEach(
        (source, list) -> {
          for (Record r : list) {
            if (r.prefixLength() <= prefix.length && r.prefixLength() > 0) {
              lengths.add(r.prefixLength());
              byKey.putIfAbsent(r.prefixLength() + " " + r.hash(), new Match(source, r));
            }
          }
        });
    MessageDigest running = sha256();
    int done = 0;
    Match best = null;
    for (int length : lengths) {
      running.update(prefix, done, length - done);
      done = length;
      try {
        String hash = HexFormat.of().formatHex(((MessageDigest) running.clone()).digest());
        Match m = byKey.get(length + " " + hash);
        if (m != null) {
          best = m;
        }
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException(e);
      }
    }
    return Optional.ofNullable(best);
  }

  static String hash(byte[] bytes, int length) {
    MessageDigest d = sha256();
    d.update(bytes, 0, length);
    return HexFormat.of().formatHex(d.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The store file of {@code source}. */
  String text(String source) {
    StringBuilder sb = new StringBuilder();
    sb.append("# motd stats, the logs read for source ")
        .append(source)
        .append(", so that none is counted twice\n")
        .append("# SHA-256 of a log's first bytes (up to 64 KiB), how many bytes that is, and how")
        .append(" far it was read (bytes, lines)\n");
    records(source).stream()
        .sorted(Comparator.comparing(Record::hash).thenComparingInt(Record::prefixLength))
        .forEach(r -> sb.append(r.line()).append('\n'));
    return sb.toString();
  }

  /** Reads the store file of {@code source}. */
  void parse(String source, String file, List<String> lines, Diagnostics diagnostics) {
    int n = 0;
    for (String line : lines) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] p = line.split(" ", -1);
      if (p.length != 4
          || !p[0].matches("[0-9a-f]{64}")
          || !p[1].matches("[0-9]{1,6}")
          || !p[2].matches("[0-9]{1,18}")
          || !p[3].matches("[0-9]{1,18}")
          || Integer.parseInt(p[1]) > LogInput.PREFIX
          || Integer.parseInt(p[1]) == 0) {
        diagnostics.error(
            new Position(file, n, 1),
            "expected: SHA-256 (64 hex digits), prefix length (1 to 65536), offset, lines");
        continue;
      }
      add(
          source,
          new Record(p[0], Integer.parseInt(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3])));
    }
  }
}
