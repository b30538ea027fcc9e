package motd.site;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import motd.emit.SiteTree;
import motd.emit.SiteWriter;
import motd.model.Announcement;

/**
 * What the last build read and wrote, kept beside the site ({@code .site.motd-stamp}) so that a
 * rebuild with nothing to do can say so without composing anything, as make does.
 *
 * <p>A build may be skipped only if all of these hold: the same motd, the same bytes in every input
 * file, a build time within the window in which no announcement starts or stops, and every output
 * file still there with the size and modification time it was written with, with no other file
 * beside them but signatures. Anything else means a full build.
 *
 * @param inputs SHA-256 over the tool and every input file
 * @param validFrom the last publish or expiry instant at or before the build time
 * @param validUntil the first publish or expiry instant after it
 * @param outputs each output path with its size and modification time in milliseconds
 */
record BuildStamp(
    String inputs,
    Instant validFrom,
    Instant validUntil,
    int motdFiles,
    int distinctPayloads,
    SortedMap<String, List<Long>> outputs) {

  private static final JsonFactory JSON = new JsonFactory();

  static Path location(Path out) {
    Path abs = out.toAbsolutePath().normalize();
    return abs.resolveSibling("." + abs.getFileName() + ".motd-stamp");
  }

  /** The window around {@code now} in which no announcement is published or expires. */
  static Instant[] window(List<Announcement> announcements, Instant now) {
    Instant from = Instant.MIN;
    Instant until = Instant.MAX;
    for (Announcement a : announcements) {
      for (Instant b : new Instant[] {a.published(), a.expires()}) {
        if (b == null) {
          continue;
        }
        if (!b.isAfter(now) && b.isAfter(from)) {
          from = b;
        } else if (b.isAfter(now) && b.isBefore(until)) {
          until = b;
        }
      }
    }
    return new Instant[] {from, until};
  }

  /** A hash of the program and of every file below the input folders. */
  static String hashInputs(List<Path> folders) throws IOException {
    MessageDigest digest = sha256();
    update(digest, "motd " + codeIdentity());
    for (Path folder : folders) {
      update(digest, "folder " + folder.toAbsolutePath().normalize());
      if (!Files.isDirectory(folder)) {
        continue;
      }
      // The folder itself may be a link, which the loader follows too; walking the link would
      // see nothing inside it, and an edit would leave a stale site.
      Path root = folder;
      if (Files.isSymbolicLink(folder)) {
        root = folder.toRealPath();
        update(digest, "folder is a link to " + root);
      }
      try (Stream<Path> walk = Files.walk(root)) {
        // Links are hashed by where they point, never followed: the loader decides whether a
        // link is acceptable, and nothing outside the input folders is read here.
        for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
          if (Files.isSymbolicLink(p)) {
            update(digest, "link " + root.relativize(p) + " " + Files.readSymbolicLink(p));
          } else if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            update(digest, "file " + root.relativize(p));
            byte[] bytes = motd.emit.SiteTree.readRegular(p);
            update(digest, "length " + bytes.length);
            digest.update(bytes);
          } else if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            update(digest, "other " + root.relativize(p)); // a FIFO: never read
          }
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The jar (or classes folder) this code runs from: a new motd means a full build. */
  private static String codeIdentity() {
    try {
      Path code =
          Path.of(BuildStamp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      BasicFileAttributes a = Files.readAttributes(code, BasicFileAttributes.class);
      return code + " " + a.size() + " " + a.lastModifiedTime().toMillis();
    } catch (Exception e) {
      return "unknown " + System.nanoTime(); // never matches: always build
    }
  }

  /** The size and modification time of every output, right after writing them. */
  static SortedMap<String, List<Long>> describe(Path out, Set<String> paths) throws IOException {
    SortedMap<String, List<Long>> states = new TreeMap<>();
    for (String path : paths) {
      BasicFileAttributes a =
          Files.readAttributes(
              out.resolve(path), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      states.put(path, List.of(a.size(), a.lastModifiedTime().toMillis()));
    }
    return states;
  }

  /** Whether a build of the same inputs at {@code now} into {@code out} would change nothing. */
  boolean stillHolds(String inputsNow, Instant now, Path out) {
    if (!inputs.equals(inputsNow) || now.isBefore(validFrom) || !now.isBefore(validUntil)) {
      return false;
    }
    try {
      // One scan gives every file's size and time, and anything that is not a file at all.
      SiteTree tree = SiteTree.scan(out);
      if (!tree.strays().isEmpty()) {
        return false;
      }
      Map<String, SiteTree.Entry> present = tree.files();
      for (String path : present.keySet()) {
        boolean allowed =
            outputs.containsKey(path)
                || SiteWriter.SIGNING_FILES.contains(path)
                || (path.endsWith(".asc")
                    && outputs.containsKey(path.substring(0, path.length() - 4)));
        if (!allowed) {
          return false;
        }
      }
      for (Map.Entry<String, List<Long>> o : outputs.entrySet()) {
        SiteTree.Entry file = present.get(o.getKey());
        if (file == null || !o.getValue().equals(List.of(file.size(), file.modifiedMillis()))) {
          return false;
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  static Optional<BuildStamp> read(Path out) {
    Path file = location(out);
    // jackson-core's streaming parser: databind's ObjectMapper takes longer to start than a small
    // build takes to run.
    try (JsonParser p = JSON.createParser(motd.emit.SiteTree.readRegular(file))) {
      String inputs = null;
      Instant from = null;
      Instant until = null;
      int motdFiles = -1;
      int distinct = -1;
      SortedMap<String, List<Long>> outputs = null;
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "inputs" -> inputs = text(p, value);
          case "validFrom" -> from = Instant.parse(text(p, value));
          case "validUntil" -> until = Instant.parse(text(p, value));
          case "motdFiles" -> motdFiles = number(p, value);
          case "distinctPayloads" -> distinct = number(p, value);
          case "outputs" -> outputs = outputs(p, value);
          default -> p.skipChildren();
        }
      }
      if (inputs == null
          || from == null
          || until == null
          || outputs == null
          || motdFiles < 0
          || distinct < 0) {
        return Optional.empty();
      }
      return Optional.of(new BuildStamp(inputs, from, until, motdFiles, distinct, outputs));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // no stamp, or an unreadable one: build
    }
  }

  private static SortedMap<String, List<Long>> outputs(JsonParser p, JsonToken value)
      throws IOException {
    expect(value, JsonToken.START_OBJECT);
    SortedMap<String, List<Long>> outputs = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String path = p.currentName();
      expect(p.nextToken(), JsonToken.START_ARRAY);
      expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
      long size = p.getLongValue();
      expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
      long modified = p.getLongValue();
      expect(p.nextToken(), JsonToken.END_ARRAY);
      outputs.put(path, List.of(size, modified));
    }
    return outputs;
  }

  private static String text(JsonParser p, JsonToken value) throws IOException {
    expect(value, JsonToken.VALUE_STRING);
    return p.getText();
  }

  private static int number(JsonParser p, JsonToken value) throws IOException {
    expect(value, JsonToken.VALUE_NUMBER_INT);
    return p.getIntValue();
  }

  private static void expect(JsonToken found, JsonToken wanted) throws IOException {
    if (found != wanted) {
      throw new IOException("expected " + wanted + ", found " + found);
    }
  }

  /** Writes the stamp; a failure only costs the next build its shortcut. */
  void write(Path out) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try {
      try (JsonGenerator g = JSON.createGenerator(bytes)) {
        g.writeStartObject();
        g.writeStringField("inputs", inputs);
        g.writeStringField("validFrom", validFrom.toString());
        g.writeStringField("validUntil", validUntil.toString());
        g.writeNumberField("motdFiles", motdFiles);
        g.writeNumberField("distinctPayloads", distinctPayloads);
        g.writeObjectFieldStart("outputs");
        for (Map.Entry<String, List<Long>> e : outputs.entrySet()) {
          g.writeArrayFieldStart(e.getKey());
          g.writeNumber(e.getValue().get(0));
          g.writeNumber(e.getValue().get(1));
          g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      motd.emit.SafeFiles.write(location(out), bytes.toByteArray());
    } catch (IOException e) {
      // no stamp: the next build does the full work, nothing worse
    }
  }

  static void delete(Path out) {
    try {
      Files.deleteIfExists(location(out));
    } catch (IOException ignored) {
      // a stale stamp is caught by its input hash anyway
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest d, String s) {
    d.update(s.getBytes(StandardCharsets.UTF_8));
    d.update((byte) 0);
  }
}
