package motd.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import motd.model.Config;
import motd.render.SiteTemplates;
import motd.stats.Dimension;
import motd.stats.Figures;
import motd.stats.OpenData;

/**
 * {@code stats/}: the published usage figures as open data ({@code stats.json}, {@code stats.csv})
 * and a page for people with charts drawn at build time. The charts are inline SVG that stretch
 * with the page (horizontal positions in percent, heights in pixels, so text keeps its size on a
 * phone); they use presentation attributes and classes from the site's stylesheet, so they pass
 * {@code Content-Security-Policy: default-src 'self'}. Every number on the page comes from the
 * floored {@link Figures}.
 */
final class StatsPage {
  /** Days shown in the charts over time; the open data has them all. */
  static final int CHART_DAYS = 90;

  private static final int PLOT_HEIGHT = 180;
  private static final int PLOT_TOP = 18;

  /**
   * The left part of a time chart, in percent of its width, kept free for the grid's labels so they
   * never sit on the bars: at least 36 px on a 390 px phone, enough for "100%" or "250k".
   */
  private static final double PLOT_LEFT = 9.5;

  /** Every variable {@code stats.mustache} may use. */
  static final List<String> VARIABLES =
      List.of(
          "stats_title",
          "has_days",
          "newest_fetch",
          "first_date",
          "last_date",
          "targeted",
          "generic",
          "opt_in",
          "newest_release",
          "newest_share",
          "fetches",
          "releases",
          "breakdowns",
          "height",
          "axis_y",
          "plot_left",
          "label_x",
          "axis_end",
          "one_day",
          "ticks",
          "y",
          "text_y",
          "label",
          "bars",
          "x",
          "width",
          "segments",
          "css",
          "tip",
          "rows",
          "cells",
          "value",
          "count",
          "share",
          "date",
          "other",
          "heading",
          "id",
          "bar_y",
          "empty");

  private StatsPage() {}

  /** {@code stats/index.html}, {@code stats/stats.json} and {@code stats/stats.csv}. */
  static SortedMap<String, byte[]> render(
      PageContext ctx, Figures figures, SiteTemplates templates) {
    Config config = ctx.config();
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("stats/stats.json", OpenData.json(figures));
    files.put("stats/stats.csv", OpenData.csv(figures));
    Map<String, Object> view = ctx.site();
    view.putAll(view(figures, config));
    files.put("stats/index.html", Pages.bytes(templates.render("stats.mustache", view)));
    return files;
  }

  static Map<String, Object> view(Figures figures, Config config) {
    Map<String, Object> v = new HashMap<>();
    v.put("stats_title", "Usage statistics");
    v.put("newest_fetch", String.valueOf(figures.newestFetch()));
    v.put("has_days", !figures.isEmpty());
    String newestRelease = config.newestRelease().version().text();
    v.put("newest_release", newestRelease);
    if (figures.isEmpty()) {
      return v;
    }
    List<Figures.Day> days = figures.last(CHART_DAYS);
    Figures.Day last = days.get(days.size() - 1);
    v.put("first_date", days.get(0).date().toString());
    v.put("last_date", last.date().toString());
    v.put("targeted", words(last.targeted()));
    v.put("generic", words(last.generic()));
    v.put("opt_in", optIn(last.targeted(), last.generic()));
    long lastVersions = sum(last.of(Dimension.VERSION));
    v.put(
        "newest_share",
        percent(last.of(Dimension.VERSION).getOrDefault(newestRelease, 0L), lastVersions));
    v.put("fetches", fetchesChart(days));
    v.put("releases", releasesChart(days, newestRelease));
    List<Map<String, Object>> breakdowns = new ArrayList<>();
    breakdowns.add(breakdown("version", "Versions", last, Dimension.VERSION));
    breakdowns.add(breakdown("platform", "Platforms", last, Dimension.PLATFORM));
    breakdowns.add(breakdown("os", "Operating systems (sys.platform)", last, Dimension.OS));
    breakdowns.add(breakdown("py", "Python versions", last, Dimension.PY));
    breakdowns.add(breakdown("lang", "Languages", last, Dimension.LANG));
    breakdowns.add(breakdown("via", "Over Tor or the clearnet", last, Dimension.VIA));
    v.put("breakdowns", breakdowns);
    return v;
  }

  /** Daily fetches, targeted (bottom) and generic (top), with a table. */
  private static Map<String, Object> fetchesChart(List<Figures.Day> days) {
    long max = 0;
    for (Figures.Day d : days) {
      max = Math.max(max, d.targeted() + d.generic());
    }
    long top = niceTop(max);
    double slot = (100.0 - PLOT_LEFT) / Math.max(days.size(), 7);
    List<Map<String, Object>> bars = new ArrayList<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      Figures.Day d = days.get(i);
      List<Map<String, Object>> segments = new ArrayList<>();
      int base = PLOT_TOP + PLOT_HEIGHT;
      base = segment(segments, base, d.targeted(), top, "bar-targeted");
      segment(segments, base, d.generic(), top, "bar-generic");
      bars.add(
          bar(
              i,
              slot,
              segments,
              d.date() + ": " + n(d.targeted()) + " targeted, " + n(d.generic()) + " generic"));
      rows.add(
          row(
              d.date().toString(),
              n(d.targeted()),
              n(d.generic()),
              optIn(d.targeted(), d.generic())));
    }
    Map<String, Object> chart = chart(bars, ticks(top, false), slot);
    chart.put("rows", rows);
    return chart;
  }

  /** Per day, the share of targeted fetches on the newest release, older ones and other. */
  private static Map<String, Object> releasesChart(List<Figures.Day> days, String newest) {
    double slot = (100.0 - PLOT_LEFT) / Math.max(days.size(), 7);
    List<Map<String, Object>> bars = new ArrayList<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      Figures.Day d = days.get(i);
      Map<String, Long> versions = d.of(Dimension.VERSION);
      long onNewest = versions.getOrDefault(newest, 0L);
      long other = versions.getOrDefault(Dimension.OTHER, 0L);
      long all = sum(versions);
      long older = all - onNewest - other;
      List<Map<String, Object>> segments = new ArrayList<>();
      if (all > 0) {
        int base = PLOT_TOP + PLOT_HEIGHT;
        base = segment(segments, base, onNewest * 1000 / all, 1000, "bar-newest");
        base = segment(segments, base, older * 1000 / all, 1000, "bar-older");
        segment(segments, base, other * 1000 / all, 1000, "bar-other");
      }
      bars.add(bar(i, slot, segments, d.date() + ": " + percent(onNewest, all) + " on " + newest));
      Map<String, Object> r =
          row(d.date().toString(), n(onNewest), n(older), percent(onNewest, all));
      r.put("other", n(other));
      rows.add(r);
    }
    Map<String, Object> chart = chart(bars, ticks(1000, true), slot);
    chart.put("rows", rows);
    return chart;
  }

  /** One dimension on the newest day: a horizontal bar per value, largest first. */
  private static Map<String, Object> breakdown(
      String id, String heading, Figures.Day day, Dimension dim) {
    Map<String, Long> cells = day.of(dim);
    long max = cells.values().stream().mapToLong(Long::longValue).max().orElse(0);
    long all = sum(cells);
    List<Map<String, Object>> rows = new ArrayList<>();
    int y = 0;
    for (Map.Entry<String, Long> e : cells.entrySet()) {
      Map<String, Object> r = new HashMap<>();
      r.put("value", e.getKey());
      r.put("count", n(e.getValue()));
      r.put("share", percent(e.getValue(), all));
      r.put("text_y", y + 15);
      r.put("bar_y", y + 21);
      r.put("width", pct(100.0 * e.getValue() / max));
      rows.add(r);
      y += 36;
    }
    Map<String, Object> b = new HashMap<>();
    b.put("id", id);
    b.put("heading", heading);
    b.put("date", day.date().toString());
    b.put("rows", rows);
    b.put("height", Math.max(y, 1));
    b.put("empty", rows.isEmpty());
    return b;
  }

  private static int segment(
      List<Map<String, Object>> segments, int base, long value, long top, String css) {
    if (value <= 0 || top <= 0) {
      return base;
    }
    int h = (int) Math.round((double) value * PLOT_HEIGHT / top);
    if (h == 0) {
      return base;
    }
    Map<String, Object> s = new HashMap<>();
    s.put("y", base - h);
    s.put("height", h);
    s.put("css", css);
    segments.add(s);
    return base - h;
  }

  private static Map<String, Object> bar(
      int i, double slot, List<Map<String, Object>> segments, String tip) {
    Map<String, Object> b = new HashMap<>();
    b.put("x", pct(PLOT_LEFT + i * slot + slot * 0.1));
    b.put("width", pct(slot * 0.8));
    b.put("segments", segments);
    b.put("tip", tip);
    return b;
  }

  /**
   * A time chart's frame. The first day's date is under the start of the plot and the last day's
   * ends under the last bar's slot, which is the right edge only once there are a week of days.
   */
  private static Map<String, Object> chart(
      List<Map<String, Object>> bars, List<Map<String, Object>> ticks, double slot) {
    Map<String, Object> c = new HashMap<>();
    c.put("bars", bars);
    c.put("axis_end", pct(PLOT_LEFT + bars.size() * slot));
    c.put("one_day", bars.size() == 1);
    c.put("ticks", ticks);
    c.put("height", PLOT_TOP + PLOT_HEIGHT + 24);
    c.put("axis_y", PLOT_TOP + PLOT_HEIGHT + 18);
    c.put("plot_left", pct(PLOT_LEFT));
    c.put("label_x", pct(PLOT_LEFT - 1.5));
    return c;
  }

  /**
   * Grid lines at round numbers from 0 to {@code top}; in tenths of a percent if {@code shares}.
   */
  private static List<Map<String, Object>> ticks(long top, boolean shares) {
    List<Map<String, Object>> ticks = new ArrayList<>();
    if (top <= 0) {
      return ticks;
    }
    long step = shares ? 250 : niceStep(top);
    for (long t = 0; t <= top; t += step) {
      Map<String, Object> m = new HashMap<>();
      int y = PLOT_TOP + PLOT_HEIGHT - (int) Math.round((double) t * PLOT_HEIGHT / top);
      m.put("y", y);
      m.put("text_y", y + 4);
      m.put("label", shares ? (t / 10) + "%" : compact(t));
      ticks.add(m);
    }
    return ticks;
  }

  /** A grid label of at most four characters: 750, 5k, 250k, 1.5M. */
  static String compact(long v) {
    if (v < 1000) {
      return Long.toString(v);
    }
    String unit = v < 1_000_000 ? "k" : "M";
    double scaled = v < 1_000_000 ? v / 1e3 : v / 1e6;
    String digits =
        scaled == Math.rint(scaled) || scaled >= 100
            ? Long.toString(Math.round(scaled))
            : String.format(Locale.ROOT, "%.1f", scaled);
    return digits + unit;
  }

  /** A round number at or above {@code max}, a multiple of its tick step. */
  static long niceTop(long max) {
    if (max <= 0) {
      return 0;
    }
    long step = niceStep(max);
    return (max + step - 1) / step * step;
  }

  /** 1, 2 or 5 times a power of ten, giving about four grid lines up to {@code max}. */
  static long niceStep(long max) {
    long raw = Math.max(1, max / 4);
    long power = 1;
    while (power * 10 <= raw) {
      power *= 10;
    }
    for (long m : new long[] {1, 2, 5, 10}) {
      if (m * power >= raw) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private static Map<String, Object> row(String date, String a, String b, String share) {
    Map<String, Object> r = new HashMap<>();
    r.put("date", date);
    List<Map<String, Object>> cells = new ArrayList<>();
    cells.add(Map.of("value", a));
    cells.add(Map.of("value", b));
    r.put("cells", cells);
    r.put("share", share);
    return r;
  }

  private static long sum(Map<String, Long> m) {
    return m.values().stream().mapToLong(Long::longValue).sum();
  }

  private static String n(long v) {
    return v == 0 ? "–" : String.format(Locale.ROOT, "%,d", v);
  }

  /** The share of targeted fetches, unknown when either count was left out. */
  private static String optIn(long targeted, long generic) {
    return targeted == 0 || generic == 0 ? "–" : percent(targeted, targeted + generic);
  }

  /** A floored count in a sentence: one under the floor was left out. */
  private static String words(long v) {
    return v == 0 ? "fewer than " + Figures.FLOOR : n(v);
  }

  private static String percent(long part, long whole) {
    return whole <= 0 ? "–" : Math.round(100.0 * part / whole) + "%";
  }

  private static String pct(double p) {
    return String.format(Locale.ROOT, "%.3f%%", p);
  }
}
