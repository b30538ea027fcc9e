package motd.sign;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import motd.emit.SiteFileIo;

/**
 * The site's table of contents, {@code motd/manifest.json}: the hash and length of every file but
 * the signatures, a serial that only grows, an expiry, and the fingerprints of every key that
 * signed the site. Signed last (by each of those keys), it lets a mirror detect a stale,
 * rolled-back or mixed-up site, and a key change the previous keys did not endorse.
 *
 * <p>Format 2 lists {@code keys}; format 1 (one {@code key}) is still read.
 */
public record Manifest(
    int format,
    long serial,
    Instant generated,
    Instant expires,
    List<String> keys,
    SortedMap<String, Entry> files) {

  public static final String PATH = "motd/manifest.json";
  public static final int FORMAT = 2;

  public Manifest {
    keys = List.copyOf(keys);
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /** One file: lower-case hex SHA-256 and length in bytes. */
  public record Entry(String sha256, long length) {
    static Entry of(byte[] bytes) {
      return new Entry(SiteFileIo.sha256(bytes), bytes.length);
    }
  }

  /** Whether both list the same files with the same hashes, signed by the same keys. */
  public boolean sameContent(Manifest other) {
    return other != null
        && files.equals(other.files)
        && new java.util.HashSet<>(keys).equals(new java.util.HashSet<>(other.keys));
  }

  public byte[] toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.setPrettyPrinter(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withSeparators(
                  com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(
                          com.fasterxml.jackson.core.util.Separators.Spacing.AFTER)));
      g.writeStartObject();
      g.writeNumberField("format", format);
      g.writeNumberField("serial", serial);
      g.writeStringField("generated", generated.toString());
      g.writeStringField("expires", expires.toString());
      g.writeArrayFieldStart("keys");
      for (String k : keys) {
        g.writeString(k);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("files");
      for (Map.Entry<String, Entry> e : files.entrySet()) {
        g.writeObjectFieldStart(e.getKey());
        g.writeStringField("sha256", e.getValue().sha256());
        g.writeNumberField("length", e.getValue().length());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /**
   * Parses a manifest.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Manifest parse(byte[] json) {
    try {
      JsonNode root = new ObjectMapper().readTree(json);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      int format = required(root, "format").asInt();
      if (format != 1 && format != FORMAT) {
        throw new IllegalArgumentException("unknown manifest format " + format);
      }
      List<String> keys = new ArrayList<>();
      if (format == 1) {
        keys.add(required(root, "key").asText());
      } else {
        JsonNode list = required(root, "keys");
        if (!list.isArray() || list.isEmpty()) {
          throw new IllegalArgumentException("'keys' must list at least one fingerprint");
        }
        list.forEach(k -> keys.add(k.asText()));
      }
      SortedMap<String, Entry> files = new TreeMap<>();
      JsonNode list = required(root, "files");
      for (Map.Entry<String, JsonNode> e : list.properties()) {
        files.put(
            e.getKey(),
            new Entry(
                required(e.getValue(), "sha256").asText(),
                required(e.getValue(), "length").asLong()));
      }
      return new Manifest(
          format,
          required(root, "serial").asLong(),
          Instant.parse(required(root, "generated").asText()),
          Instant.parse(required(root, "expires").asText()),
          keys,
          files);
    } catch (IOException | java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("not a valid manifest: " + Keys.describe(e), e);
    }
  }

  /** Reads a manifest file (never through a symlink, never a FIFO). */
  public static Manifest read(Path file) {
    try {
      return parse(motd.emit.SiteTree.readRegular(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + Keys.describe(e), e);
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing '" + field + "'");
    }
    return v;
  }
}
