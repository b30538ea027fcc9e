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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import motd.emit.SiteFileIo;

/**
 * The site's table of contents, {@code motd/manifest.json}: the hash and length of every file but
 * the signatures, a serial that only grows, an expiry, and the signing key. Signed last, it lets a
 * mirror detect a stale, rolled-back or mixed-up site.
 */
public record Manifest(
    int format,
    long serial,
    Instant generated,
    Instant expires,
    String key,
    SortedMap<String, Entry> files) {

  public static final String PATH = "motd/manifest.json";
  public static final int FORMAT = 1;

  public Manifest {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /** One file: lower-case hex SHA-256 and length in bytes. */
  public record Entry(String sha256, long length) {
    static Entry of(byte[] bytes) {
      return new Entry(SiteFileIo.sha256(bytes), bytes.length);
    }
  }

  /** Whether both list the same files with the same hashes, signed by the same key. */
  public boolean sameContent(Manifest other) {
    return other != null && files.equals(other.files) && key.equals(other.key);
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
      g.writeStringField("key", key);
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
      if (format != FORMAT) {
        throw new IllegalArgumentException("unknown manifest format " + format);
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
          required(root, "key").asText(),
          files);
    } catch (IOException | java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("not a valid manifest: " + Keys.describe(e), e);
    }
  }

  public static Manifest read(Path file) {
    try {
      return parse(Files.readAllBytes(file));
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
