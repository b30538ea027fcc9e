package motd.stats;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Byte strings to dense ids, looked up straight from a log buffer, so that checking a value against
 * an allowlist never builds a {@code String} for it. Only values that are added (allowed ones) are
 * ever copied.
 */
final class ByteTable {
  private byte[][] keys = new byte[16][];
  private int[] ids = new int[16];
  private final List<String> names = new ArrayList<>();

  /** The id of {@code b[from..to)}, or -1 if it is not in the table. */
  int find(byte[] b, int from, int to) {
    int mask = keys.length - 1;
    int i = hash(b, from, to) & mask;
    int len = to - from;
    while (true) {
      byte[] k = keys[i];
      if (k == null) {
        return -1;
      }
      if (k.length == len && Arrays.equals(k, 0, len, b, from, to)) {
        return ids[i];
      }
      i = (i + 1) & mask;
    }
  }

  /** The id of {@code b[from..to)}, added with the next id if it is new. */
  int add(byte[] b, int from, int to) {
    int found = find(b, from, to);
    if (found >= 0) {
      return found;
    }
    if ((names.size() + 1) * 2 > keys.length) {
      grow();
    }
    int id = names.size();
    byte[] key = Arrays.copyOfRange(b, from, to);
    insert(key, id);
    names.add(new String(key, StandardCharsets.UTF_8));
    return id;
  }

  int add(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return add(b, 0, b.length);
  }

  /** The value with id {@code id}. */
  String name(int id) {
    return names.get(id);
  }

  int size() {
    return names.size();
  }

  private void insert(byte[] key, int id) {
    int mask = keys.length - 1;
    int i = hash(key, 0, key.length) & mask;
    while (keys[i] != null) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    ids[i] = id;
  }

  private void grow() {
    byte[][] oldKeys = keys;
    int[] oldIds = ids;
    keys = new byte[oldKeys.length * 2][];
    ids = new int[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        insert(oldKeys[i], oldIds[i]);
      }
    }
  }

  /** Cheap on purpose: tables are small, and equal keys are confirmed byte by byte. */
  private static int hash(byte[] b, int from, int to) {
    int len = to - from;
    if (len == 0) {
      return 0;
    }
    int h = len * 0x9E3779B1;
    h = (h ^ b[from]) * 0x01000193;
    h = (h ^ b[to - 1]) * 0x01000193;
    h = (h ^ b[from + len / 2]) * 0x01000193;
    h = (h ^ b[from + len / 3]) * 0x01000193;
    return h ^ (h >>> 15);
  }
}
