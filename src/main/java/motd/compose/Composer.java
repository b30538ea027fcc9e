package motd.compose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import motd.model.Announcement;
import motd.model.Config;
import motd.model.Release;
import motd.model.Variant;
import motd.render.Template;
import motd.rules.Targeting;

/**
 * Turns the announcements that reach a variant into that variant's {@code motd.json} bytes. Texts
 * are rendered once per distinct input and reused across variants, and each distinct text is
 * JSON-escaped once, however many files carry it.
 */
public final class Composer {
  /**
   * Priority first (critical on top), then newest first, then id, so order never depends on files.
   */
  public static final Comparator<Announcement> ORDER =
      Comparator.comparing(Announcement::priority)
          .thenComparing(Announcement::published, Comparator.reverseOrder())
          .thenComparing(Announcement::id);

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private final Targeting targeting;
  private final Texts texts;
  private final Instant now;
  private final Map<Key, Composed> cache = new ConcurrentHashMap<>();
  private final Map<Announcement, Fixed> fixed = new IdentityHashMap<>();
  private final Map<String, Release> newestOn = new HashMap<>();
  private final SerializableString signed;

  public Composer(Targeting targeting, Texts texts, Instant now) {
    this.targeting = targeting;
    this.texts = texts;
    this.now = now;
    Config config = targeting.config();
    for (String platform : config.platformValues()) {
      newestOn.put(platform, config.newestReleaseOn(platform));
    }
    newestOn.put(null, config.newestRelease());
    for (Announcement a : targeting.announcements()) {
      fixed.put(a, new Fixed(a, config, texts));
    }
    this.signed = new SerializedString(config.signed());
  }

  /**
   * What a client's language sees, once composed, with each text already JSON-escaped.
   *
   * @param languages the languages that have a text, in the configuration's order
   * @param quoted each language's text as a quoted JSON string, in the same order
   */
  private record Composed(
      List<String> languages,
      List<String> texts,
      List<SerializableString> quoted,
      long timestamp,
      SerializableString source) {}

  /** Everything composition depends on; equal keys give equal texts. */
  private record Key(List<String> ids, String latest, String version, String platform) {}

  /** What clients see, apart from the {@code variant} field; equal payloads say the same thing. */
  public record Payload(Map<String, String> texts, long timestamp, String source, String latest) {}

  /** A text rendered for one set of variables, and the title it gives. */
  private record Rendered(String text, String title) {}

  /**
   * What does not change between files about one announcement: the fields the composition template
   * sees, and per language its template with the renderings made so far.
   */
  private static final class Fixed {
    final String id;
    final String priority;
    final String published;
    final String source;
    final Map<String, Slot> byLanguage = new HashMap<>();

    Fixed(Announcement a, Config config, Texts texts) {
      id = a.id();
      priority = a.priority().label();
      published = DateTimeFormatter.ISO_INSTANT.format(a.published());
      source = a.source();
      for (String lang : config.languages()) {
        String textLang = a.messages().containsKey(lang) ? lang : config.defaultLanguage();
        Template t = texts.message(a.id(), textLang);
        if (t != null) {
          byLanguage.put(lang, new Slot(a, t));
        }
      }
    }
  }

  /** One announcement's template in one language, and its renderings by the variables it uses. */
  private static final class Slot {
    final Announcement announcement;
    final Template template;
    final boolean usesVersion;
    final boolean usesPlatform;
    final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

    Slot(Announcement announcement, Template template) {
      this.announcement = announcement;
      this.template = template;
      this.usesVersion = template.uses("version");
      this.usesPlatform = template.uses("platform");
    }

    Rendered render(Map<String, Object> vars, String[] keys) {
      String key = keys[(usesVersion ? 2 : 0) + (usesPlatform ? 1 : 0)];
      Rendered r = rendered.get(key);
      if (r == null) {
        String text = tidy(template.render(vars));
        r = new Rendered(text, announcement.titleOr(text));
        rendered.put(key, r);
      }
      return r;
    }
  }

  /** The file for {@code variant}. */
  public MotdFile compose(Variant variant) {
    Config config = targeting.config();
    List<Announcement> matched = new ArrayList<>(targeting.select(variant, now));
    matched.sort(ORDER);
    Release latest = newestOn.get(variant.platform());
    String version = variant.version() == null ? null : variant.version().text();
    List<String> ids = new ArrayList<>(matched.size());
    for (Announcement a : matched) {
      ids.add(a.id());
    }
    Key key =
        new Key(
            ids,
            latest.version().text(),
            texts.usesVersion() ? version : null,
            texts.usesPlatform() ? variant.platform() : null);
    Composed c = cache.get(key);
    if (c == null) {
      c = composeTexts(matched, latest, version, variant.platform());
      cache.put(key, c);
    }
    Map<String, String> byLanguage = new LinkedHashMap<>();
    for (int i = 0; i < c.languages().size(); i++) {
      byLanguage.put(c.languages().get(i), c.texts().get(i));
    }
    Payload payload =
        new Payload(
            byLanguage,
            c.timestamp(),
            c.source() == null ? null : c.source().getValue(),
            latest.version().text());
    return new MotdFile(variant, json(config, variant, latest, c), payload);
  }

  private Composed composeTexts(
      List<Announcement> matched, Release latest, String version, String platform) {
    Config config = targeting.config();
    Map<String, Object> vars = Texts.variables(version, platform, latest);
    String latestVersion = latest.version().text();
    String v = version == null ? "" : version;
    String p = platform == null ? "" : platform;
    // Rendering keys by the variables a text uses: neither, platform, version, both.
    String[] keys = {
      latestVersion,
      latestVersion + '\0' + '\0' + p,
      latestVersion + '\0' + v,
      latestVersion + '\0' + v + '\0' + p
    };
    List<String> languages = new ArrayList<>();
    List<String> out = new ArrayList<>();
    for (String lang : config.languages()) {
      boolean any = false;
      for (Announcement a : matched) {
        any |= a.messages().containsKey(lang);
      }
      if (!any) {
        continue;
      }
      List<Map<String, Object>> items = new ArrayList<>(matched.size());
      for (int i = 0; i < matched.size(); i++) {
        Fixed f = fixed.get(matched.get(i));
        Rendered r = f.byLanguage.get(lang).render(vars, keys);
        Map<String, Object> item = new HashMap<>(16);
        item.put("id", f.id);
        item.put("title", r.title());
        item.put("priority", f.priority);
        item.put("published", f.published);
        item.put("source", f.source);
        item.put("text", r.text());
        item.put("first", i == 0);
        item.put("last", i == matched.size() - 1);
        items.add(item);
      }
      Map<String, Object> scope = new HashMap<>(vars);
      scope.put("announcements", items);
      scope.put("lang", lang);
      languages.add(lang);
      out.add(tidy(texts.composition().render(scope)));
    }
    long timestamp = latest.date().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    for (Announcement a : matched) {
      timestamp = Math.max(timestamp, a.published().getEpochSecond());
    }
    String source =
        matched.stream().map(Announcement::source).filter(s -> s != null).findFirst().orElse(null);
    List<SerializableString> quoted = new ArrayList<>(out.size());
    for (String text : out) {
      quoted.add(new SerializedString(text));
    }
    return new Composed(
        List.copyOf(languages),
        List.copyOf(out),
        List.copyOf(quoted),
        timestamp,
        source == null ? null : new SerializedString(source));
  }

  /** No leading blank lines, no trailing white space: templates' own newlines don't leak out. */
  static String tidy(String text) {
    int start = 0;
    while (start < text.length() && text.charAt(start) == '\n') {
      start++;
    }
    return text.substring(start).stripTrailing();
  }

  private byte[] json(Config config, Variant variant, Release latest, Composed c) {
    int size = 256;
    for (SerializableString q : c.quoted()) {
      size += q.charLength() + 16;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.setPrettyPrinter(PRETTY.createInstance()); // printers keep state: one per file
      g.writeStartObject();
      g.writeNumberField("timestamp", c.timestamp());
      g.writeStringField("latest_version", latest.version().text());
      for (int i = 0; i < c.languages().size(); i++) {
        g.writeFieldName(c.languages().get(i));
        g.writeString(c.quoted().get(i)); // escaped once per distinct text
      }
      if (c.source() != null) {
        g.writeFieldName("source");
        g.writeString(c.source());
      }
      g.writeFieldName("signed");
      g.writeString(signed);
      g.writeStringField("variant", variant.name());
      for (Map.Entry<String, Object> e : config.extra().entrySet()) {
        g.writeFieldName(e.getKey());
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }

  /**
   * A value of {@code extra} as JSON: the plain values the configuration reader makes (maps, lists,
   * strings, booleans, whole and decimal numbers, null), written as Jackson's databind writes them.
   */
  static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        writeValue(g, item);
      }
      g.writeEndArray();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof BigInteger i) {
      g.writeNumber(i);
    } else if (value instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }
}
