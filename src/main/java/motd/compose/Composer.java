package motd.compose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * are rendered once per distinct input and reused across variants.
 */
public final class Composer {
  /**
   * Priority first (critical on top), then newest first, then id, so order never depends on files.
   */
  public static final Comparator<Announcement> ORDER =
      Comparator.comparing(Announcement::priority)
          .thenComparing(Announcement::published, Comparator.reverseOrder())
          .thenComparing(Announcement::id);

  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
              .build());
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
  private final Map<TextKey, String> rendered = new ConcurrentHashMap<>();

  private final Map<String, Release> newestOn = new HashMap<>();

  public Composer(Targeting targeting, Texts texts, Instant now) {
    this.targeting = targeting;
    this.texts = texts;
    this.now = now;
    Config config = targeting.config();
    for (String platform : config.platformValues()) {
      newestOn.put(platform, config.newestReleaseOn(platform));
    }
    newestOn.put(null, config.newestRelease());
  }

  /** What a client's language sees, once composed. */
  private record Composed(Map<String, String> texts, long timestamp, String source) {}

  /** Everything composition depends on; equal keys give equal texts. */
  private record Key(List<String> ids, String latest, String version, String platform) {}

  /** Everything one message text depends on: variables it does not use are left null. */
  private record TextKey(String id, String lang, String latest, String version, String platform) {}

  /** What clients see, apart from the {@code variant} field; equal payloads say the same thing. */
  public record Payload(Map<String, String> texts, long timestamp, String source, String latest) {}

  /** The file for {@code variant}. */
  public MotdFile compose(Variant variant) {
    Config config = targeting.config();
    List<Announcement> matched = new ArrayList<>(targeting.select(variant, now));
    matched.sort(ORDER);
    Release latest = newestOn.get(variant.platform());
    String version = variant.version() == null ? null : variant.version().text();
    Key key =
        new Key(
            matched.stream().map(Announcement::id).toList(),
            latest.version().text(),
            texts.usesVersion() ? version : null,
            texts.usesPlatform() ? variant.platform() : null);
    Composed c = cache.get(key);
    if (c == null) {
      c = composeTexts(matched, latest, version, variant.platform());
      cache.put(key, c);
    }
    Payload payload = new Payload(c.texts(), c.timestamp(), c.source(), latest.version().text());
    return new MotdFile(variant, json(config, variant, latest, c), payload);
  }

  private Composed composeTexts(
      List<Announcement> matched, Release latest, String version, String platform) {
    Config config = targeting.config();
    Map<String, Object> vars = Texts.variables(version, platform, latest);
    Map<String, String> out = new LinkedHashMap<>();
    for (String lang : config.languages()) {
      boolean any = matched.stream().anyMatch(a -> a.messages().containsKey(lang));
      if (!any) {
        continue;
      }
      List<Map<String, Object>> items = new ArrayList<>();
      for (int i = 0; i < matched.size(); i++) {
        Announcement a = matched.get(i);
        String textLang = a.messages().containsKey(lang) ? lang : config.defaultLanguage();
        String text = render(a.id(), textLang, vars);
        Map<String, Object> item = new HashMap<>();
        item.put("id", a.id());
        item.put("title", a.titleOr(text));
        item.put("priority", a.priority().label());
        item.put("published", DateTimeFormatter.ISO_INSTANT.format(a.published()));
        item.put("source", a.source());
        item.put("text", text);
        item.put("first", i == 0);
        item.put("last", i == matched.size() - 1);
        items.add(item);
      }
      Map<String, Object> scope = new HashMap<>(vars);
      scope.put("announcements", items);
      scope.put("lang", lang);
      out.put(lang, tidy(texts.composition().render(scope)));
    }
    long timestamp = latest.date().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    for (Announcement a : matched) {
      timestamp = Math.max(timestamp, a.published().getEpochSecond());
    }
    String source =
        matched.stream().map(Announcement::source).filter(s -> s != null).findFirst().orElse(null);
    return new Composed(out, timestamp, source);
  }

  private String render(String id, String lang, Map<String, Object> vars) {
    Template t = texts.message(id, lang);
    TextKey key =
        new TextKey(
            id,
            lang,
            (String) vars.get("latest_version"),
            t.uses("version") ? (String) vars.get("version") : null,
            t.uses("platform") ? (String) vars.get("platform") : null);
    String text = rendered.get(key);
    if (text == null) {
      text = tidy(t.render(vars));
      rendered.put(key, text);
    }
    return text;
  }

  /** No leading blank lines, no trailing white space: templates' own newlines don't leak out. */
  static String tidy(String text) {
    int start = 0;
    while (start < text.length() && text.charAt(start) == '\n') {
      start++;
    }
    return text.substring(start).stripTrailing();
  }

  private static byte[] json(Config config, Variant variant, Release latest, Composed c) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.getFactory().createGenerator(bytes)) {
      g.setPrettyPrinter(PRETTY.createInstance()); // printers keep state: one per file
      g.writeStartObject();
      g.writeNumberField("timestamp", c.timestamp());
      g.writeStringField("latest_version", latest.version().text());
      for (Map.Entry<String, String> e : c.texts().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      if (c.source() != null) {
        g.writeStringField("source", c.source());
      }
      g.writeStringField("signed", config.signed());
      g.writeStringField("variant", variant.name());
      for (Map.Entry<String, Object> e : config.extra().entrySet()) {
        g.writeFieldName(e.getKey());
        JSON.writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }
}
