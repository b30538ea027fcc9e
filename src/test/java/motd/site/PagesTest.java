package motd.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SortedMap;
import javax.xml.parsers.DocumentBuilderFactory;
import motd.Fixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Fragment checks of the pages and the feed rendered for one fixture. */
class PagesTest {
  private static final Instant NOW = Instant.parse("2020-01-01T00:00:00Z");
  @TempDir Path tmp;
  private SortedMap<String, byte[]> files;

  @BeforeEach
  void render() {
    Fixture f = Fixture.create(tmp);
    f.write(
        "security.yaml",
        """
        title: Security fix for Linux
        published: 2019-09-04T09:00:00Z
        priority: critical
        target: {versions: "<1.0.0rc6", platforms: [linux]}
        source: https://community.example.org/t/1
        message:
          en: "Upgrade to {{latest_version}}."
          de: "Aktualisieren Sie auf {{latest_version}}."
        """);
    f.write(
        "escaping.yaml",
        """
        title: "Tom & Jerry <script>alert(1)</script>"
        published: 2019-08-01
        message:
          en: "Text with <script>alert('x')</script> & an ampersand here."
        """);
    f.write(
        "old.yaml",
        "title: Old news\npublished: 2019-01-01\nexpires: 2019-02-01\ntarget: {platforms: [windows], not_platforms: [cygwin]}\nmessage: {en: old}\n");
    f.write(
        "secret-plans.yaml",
        "title: Not yet public\npublished: 2020-06-01\nmessage: {en: 'the embargoed release'}\n");
    files = f.builder().compose(NOW);
  }

  private String page(String path) {
    assertThat(files).containsKey(path);
    return new String(files.get(path), StandardCharsets.UTF_8);
  }

  @Test
  void indexListsLiveNewsWithPriorityDateAudienceTextAndSource() {
    String index = page("index.html");
    assertThat(index)
        .contains("<html lang=\"en\">")
        .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .contains("<a href=\"announcements/security.html\">Security fix for Linux</a>")
        .contains(
            "<span class=\"priority\">critical</span> · <time datetime=\"2019-09-04T09:00:00Z\">2019-09-04</time>")
        .contains("<span class=\"audience\">Mailpile 1.0.0rc5 on Linux</span>")
        .contains("Upgrade to 1.0.0rc6.")
        .contains("href=\"https://community.example.org/t/1\"")
        .contains(
            "Newest release: <strong>Mailpile 1.0.0rc6</strong>, <time datetime=\"2019-09-03\">2019-09-03</time>");
    assertThat(index.indexOf("Security fix for Linux"))
        .as("newest first")
        .isLessThan(index.indexOf("Tom &amp; Jerry"));
  }

  @Test
  void expiredNewsIsArchivedAndUnpublishedNewsIsNowhere() {
    String index = page("index.html");
    assertThat(index.substring(index.indexOf("id=\"archive\"")))
        .contains("Old news")
        .contains("Mailpile on Windows (except cygwin), until 2019-02-01");
    assertThat(files.keySet())
        .contains("announcements/old.html")
        .doesNotContain("announcements/secret-plans.html");
    files
        .values()
        .forEach(
            bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("embargoed"));
  }

  @Test
  void textsAreEscaped() {
    String index = page("index.html");
    assertThat(index)
        .contains("Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("Text with &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; an ampersand")
        .doesNotContain("<script");
  }

  @Test
  void announcementPagesCarryEveryLanguageMarkedUpWithLang() {
    String page = page("announcements/security.html");
    assertThat(page)
        .contains("<section class=\"translation\" lang=\"en\">")
        .contains("<section class=\"translation\" lang=\"de\">")
        .contains("Aktualisieren Sie auf 1.0.0rc6.")
        .contains("href=\"../assets/style.css\"");
  }

  @Test
  void pagesLoadNothingFromOtherHosts() {
    for (String path : files.keySet()) {
      if (!path.endsWith(".html")) {
        continue;
      }
      String html = page(path);
      assertThat(html)
          .as(path)
          .doesNotContainPattern(
              "(?i)<script|<iframe|<img|<link[^>]+href=\"(https?:)?//|src=\"|@import|url\\(");
    }
    assertThat(page("assets/style.css")).doesNotContainPattern("(?i)@import|url\\(|@font-face");
  }

  @Test
  void theFeedIsValidAtomWithStableIds() throws Exception {
    byte[] feed = files.get("feed.atom");
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setNamespaceAware(true);
    Document doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(feed));
    Element root = doc.getDocumentElement();
    String atom = "http://www.w3.org/2005/Atom";
    assertThat(root.getNamespaceURI()).isEqualTo(atom);
    assertThat(root.getLocalName()).isEqualTo("feed");
    assertThat(text(root, "id")).isEqualTo("https://www.mailpile.is/feed.atom");
    assertThat(text(root, "title")).isNotBlank();
    assertThat(text(root, "updated")).isEqualTo("2019-09-04T09:00:00Z");
    NodeList entries = root.getElementsByTagNameNS(atom, "entry");
    assertThat(entries.getLength()).isEqualTo(3);
    Element first = (Element) entries.item(0);
    assertThat(text(first, "id")).isEqualTo("tag:www.mailpile.is,2019-09-04:motd/security");
    assertThat(text(first, "updated")).isEqualTo("2019-09-04T09:00:00Z");
    assertThat(text(first, "title")).isEqualTo("Security fix for Linux");
    assertThat(((Element) first.getElementsByTagNameNS(atom, "link").item(0)).getAttribute("href"))
        .isEqualTo("https://www.mailpile.is/announcements/security.html");
    Element escaped = (Element) entries.item(1);
    assertThat(text(escaped, "title")).isEqualTo("Tom & Jerry <script>alert(1)</script>");
    assertThat(text(escaped, "content")).contains("& an ampersand here.");
  }

  @Test
  void forbiddenXmlCharactersAreStripped() {
    assertThat(Feed.stripForbidden("a\u0001b\uFFFEc\uD800d\tok\n")).isEqualTo("abcd\tok\n");
    assertThat(Feed.stripForbidden("emoji 📬 stays")).isEqualTo("emoji 📬 stays");
  }

  private static String text(Element parent, String name) {
    NodeList list = parent.getElementsByTagNameNS("http://www.w3.org/2005/Atom", name);
    return list.getLength() == 0 ? null : list.item(0).getTextContent();
  }
}
