package motd.sign;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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

  private static final JsonFactory JSON = new JsonFactory();

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
    try (JsonGenerator g = JSON.createGenerator(out)) {
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
    // jackson-core's streaming parser into plain values: databind's ObjectMapper takes longer to
    // start than signing a small site takes.
    Object root;
    try (JsonParser p = JSON.createParser(json)) {
      root = value(p, p.nextToken());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid manifest: " + Keys.describe(e), e);
    }
    if (!(root instanceof Map<?, ?> object)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    try {
      long format = number(object, "format");
      if (format != 1 && format != FORMAT) {
        throw new IllegalArgumentException("unknown manifest format " + format);
      }
      List<String> keys = new ArrayList<>();
      if (format == 1) {
        keys.add(text(object, "key"));
      } else {
        if (!(required(object, "keys") instanceof List<?> list) || list.isEmpty()) {
          throw new IllegalArgumentException("'keys' must list at least one fingerprint");
        }
        for (Object k : list) {
          if (!(k instanceof String fingerprint)) {
            throw new IllegalArgumentException("'keys' must list fingerprints");
          }
          keys.add(fingerprint);
        }
      }
      if (!(required(object, "files") instanceof Map<?, ?> list)) {
        throw new IllegalArgumentException("'files' must be an object");
      }
      SortedMap<String, Entry> files = new TreeMap<>();
      for (Map.Entry<?, ?> e : list.entrySet()) {
        if (!(e.getValue() instanceof Map<?, ?> entry)) {
          throw new IllegalArgumentException("'" + e.getKey() + "' must be an object");
        }
        files.put((String) e.getKey(), new Entry(text(entry, "sha256"), number(entry, "length")));
      }
      return new Manifest(
          (int) format,
          number(object, "serial"),
          Instant.parse(text(object, "generated")),
          Instant.parse(text(object, "expires")),
          keys,
          files);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("not a valid manifest: " + Keys.describe(e), e);
    }
  }

  /**
   * A JSON value as plain Java: maps (in order), lists, strings, longs, other numbers, booleans.
   */
  private static Object value(JsonParser p, JsonToken token) throws IOException {
    if (token == null) {
      throw new IOException("no JSON value");
    }
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          out.put(name, value(p, p.nextToken()));
        }
        return out;
      }
      case START_ARRAY -> {
        List<Object> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          out.add(value(p, t));
        }
        return out;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? p.getBigIntegerValue()
            : (Object) p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDecimalValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return p.getBooleanValue();
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IOException("unexpected " + token);
    }
  }

  private static Object required(Map<?, ?> object, String field) {
    Object v = object.get(field);
    if (v == null) {
      throw new IllegalArgumentException("missing '" + field + "'");
    }
    return v;
  }

  private static String text(Map<?, ?> object, String field) {
    if (!(required(object, field) instanceof String s)) {
      throw new IllegalArgumentException("'" + field + "' must be a string");
    }
    return s;
  }

  private static long number(Map<?, ?> object, String field) {
    if (!(required(object, field) instanceof Long n)) {
      throw new IllegalArgumentException("'" + field + "' must be a whole number");
    }
    return n;
  }

  /** Reads a manifest file (never through a symlink, never a FIFO). */
  public static Manifest read(Path file) {
    try {
      return parse(motd.emit.SiteTree.readRegular(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + Keys.describe(e), e);
    }
  }
}
