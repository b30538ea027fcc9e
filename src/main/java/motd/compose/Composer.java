package motd.compose;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import motd.model.Announcement;
import motd.model.Config;
import motd.model.Release;
import motd.model.Variant;
import motd.rules.Targeting;

/**
 * Turns the announcements that reach a variant into that variant's {@code motd.json} bytes. Texts
 * are rendered once per distinct input and reused across variants.
 */
public final class Composer {
  /** Priority first (critical on top), then newest first, then id, so order never depends on files. */
  public static final Comparator<Announcement> ORDER =
      Comparator.comparing(Announcement::priority)
          .thenComparing(Announcement::published, Comparator.reverseOrder())
          .thenComparing(Announcement::id);

  private static final ObjectMapper JSON = new ObjectMapper();
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
  private final Map<Key, Composed> cache = new HashMap<>();

  public Composer(Targeting targeting, Texts texts, Instant now) {
    this.targeting = targeting;
    this.texts = texts;
    this.now = now;
  }

  /** What a client's language sees, once composed. */
  private record Composed(Map<String, String> texts, long timestamp, String source) {}

  /** Everything composition depends on; equal keys give equal texts. */
  private record Key(List<String> ids, String latest, String version, String platform) {}

  /** The file for {@code variant}. */
  public MotdFile compose(Variant variant) {
    Config config = targeting.config();
    List<Announcement> matched = new ArrayList<>(targeting.select(variant, now));
    matched.sort(ORDER);
    Release latest =
        variant.platform() == null ? config.newestRelease() : config.newestReleaseOn(variant.platform());
    String version = variant.version() == null ? null : variant.version().text();
    Key key =
        new Key(
            matched.stream().map(Announcement::id).toList(),
            latest.version().text(),
            texts.usesVersion() ? version : null,
            texts.usesPlatform() ? variant.platform() : null);
    Composed c = cache.computeIfAbsent(key, k -> composeTexts(matched, latest, version, variant.platform()));
    return new MotdFile(variant, json(config, variant, latest, c, true), new String(json(config, variant, latest, c, false), StandardCharsets.UTF_8));
  }

  private Composed composeTexts(List<Announcement> matched, Release latest, String version, String platform) {
    Config config = targeting.config();
    Map<String, Object> vars = new HashMap<>();
    vars.put("version", version);
    vars.put("platform", platform);
    vars.put("latest_version", latest.version().text());
    vars.put("latest_date", latest.date().toString());
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
        String text = tidy(texts.message(a.id(), textLang).render(vars));
        Map<String, Object> item = new HashMap<>();
        item.put("id", a.id());
        item.put("title", a.title());
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
    String source = matched.stream().map(Announcement::source).filter(s -> s != null).findFirst().orElse(null);
    return new Composed(out, timestamp, source);
  }

  /** No leading blank lines, no trailing white space: templates' own newlines don't leak out. */
  private static String tidy(String text) {
    int start = 0;
    while (start < text.length() && text.charAt(start) == '\n') {
      start++;
    }
    return text.substring(start).stripTrailing();
  }

  private static byte[] json(Config config, Variant variant, Release latest, Composed c, boolean withVariant) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.getFactory().createGenerator(bytes)) {
      g.setPrettyPrinter(PRETTY);
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
      if (withVariant) {
        g.writeStringField("variant", variant.name());
      }
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
