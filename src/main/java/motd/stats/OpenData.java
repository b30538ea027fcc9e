package motd.stats;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The published figures as open data: {@code stats.json} and {@code stats.csv}. Their names and
 * layout are a public interface; others read them.
 */
public final class OpenData {
  private OpenData() {}

  /**
   * {@code stats.json}: {@code {"floor": 10, "days": [{"date", "targeted", "generic", "version",
   * "platform", "os", "py", "lang", "via"}, …]}}, one day a line, oldest first. A number under the
   * floor is left out, never written as 0.
   */
  public static byte[] json(Figures figures) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\n  \"floor\": ").append(Figures.FLOOR).append(",\n  \"days\": [");
    boolean firstDay = true;
    for (Figures.Day d : figures.days()) {
      sb.append(firstDay ? "\n    {" : ",\n    {");
      firstDay = false;
      sb.append("\"date\": ").append(quote(d.date().toString()));
      if (d.targeted() > 0) {
        sb.append(", \"targeted\": ").append(d.targeted());
      }
      if (d.generic() > 0) {
        sb.append(", \"generic\": ").append(d.generic());
      }
      for (Dimension dim : Dimension.values()) {
        sb.append(", ").append(quote(dim.key())).append(": {");
        boolean first = true;
        for (Map.Entry<String, Long> e : d.of(dim).entrySet()) {
          sb.append(first ? "" : ", ").append(quote(e.getKey())).append(": ").append(e.getValue());
          first = false;
        }
        sb.append('}');
      }
      sb.append('}');
    }
    sb.append(firstDay ? "]\n}\n" : "\n  ]\n}\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code stats.csv}: {@code date,dimension,value,count}, the same numbers as {@code stats.json}.
   * The day totals are the rows {@code fetches,targeted} and {@code fetches,generic}.
   */
  public static byte[] csv(Figures figures) {
    StringBuilder sb = new StringBuilder("date,dimension,value,count\n");
    for (Figures.Day d : figures.days()) {
      if (d.targeted() > 0) {
        sb.append(d.date()).append(",fetches,targeted,").append(d.targeted()).append('\n');
      }
      if (d.generic() > 0) {
        sb.append(d.date()).append(",fetches,generic,").append(d.generic()).append('\n');
      }
      for (Dimension dim : Dimension.values()) {
        for (Map.Entry<String, Long> e : d.of(dim).entrySet()) {
          sb.append(d.date())
              .append(',')
              .append(dim.key())
              .append(',')
              .append(csvField(e.getKey()))
              .append(',')
              .append(e.getValue())
              .append('\n');
        }
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String csvField(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
