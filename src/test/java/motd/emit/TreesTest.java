package motd.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import motd.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Making, listing and deleting trees on every core never follows a link out of the tree. */
class TreesTest {
  @TempDir Path tmp;
  private Path tree;
  private Path outside;

  /**
   * A tree like a site's, with what an attacker could plant in it: a link to a folder outside
   * (which holds files), a link to a file outside, a dangling link and a FIFO.
   */
  @BeforeEach
  void plantedTree() throws IOException {
    outside = Files.createDirectories(tmp.resolve("outside/deep"));
    Files.writeString(outside.resolve("precious.txt"), "keep me");
    Files.writeString(tmp.resolve("outside/secret.txt"), "keep me too");
    tree = tmp.resolve("tree");
    List<String> files = new java.util.ArrayList<>(List.of("index.html", "motd/manifest.json"));
    for (int i = 0; i < 300; i++) {
      files.add("motd/1." + i + "-linux/motd.json");
      files.add("motd/1." + i + "-linux/motd.json.asc");
    }
    Files.createDirectory(tree);
    Trees.createFolders(tree, files);
    for (String f : files) {
      Files.writeString(tree.resolve(f), f);
    }
    Files.createSymbolicLink(tree.resolve("motd/1.7-linux/evil"), outside);
    // A folder swapped for a link to the outside, as an attacker between two runs could.
    Files.delete(tree.resolve("motd/1.8-linux/motd.json"));
    Files.delete(tree.resolve("motd/1.8-linux/motd.json.asc"));
    Files.delete(tree.resolve("motd/1.8-linux"));
    Files.createSymbolicLink(tree.resolve("motd/1.8-linux"), outside.getParent());
    Files.createSymbolicLink(tree.resolve("secret.txt"), tmp.resolve("outside/secret.txt"));
    Files.createSymbolicLink(tree.resolve("motd/dangling"), tmp.resolve("nothing-here"));
    Tools.require("mkfifo");
    Tools.Result mk = Tools.run("mkfifo", tree.resolve("motd/1.9-linux/pipe").toString());
    assertThat(mk.exitCode()).as(mk.all()).isZero();
  }

  @Test
  void createsEveryLevelOfFolders() {
    assertThat(tree.resolve("motd/1.299-linux")).isDirectory();
    assertThat(tree.resolve("motd/1.0-linux/motd.json")).hasContent("motd/1.0-linux/motd.json");
  }

  @Test
  void walkListsEverythingButFoldersAndFollowsNoLink() throws IOException {
    Map<String, BasicFileAttributes> seen = new ConcurrentHashMap<>();
    Trees.walk(tree, seen::put);
    SortedMap<String, String> kinds = new TreeMap<>();
    seen.forEach(
        (path, a) ->
            kinds.put(path, a.isRegularFile() ? "file" : a.isSymbolicLink() ? "link" : "other"));
    assertThat(kinds).hasSize(2 + 600 - 2 + 5); // 1.8-linux is a link now, its files gone
    assertThat(kinds)
        .containsEntry("index.html", "file")
        .containsEntry("motd/1.0-linux/motd.json.asc", "file")
        .containsEntry("motd/1.7-linux/evil", "link")
        .containsEntry("motd/1.8-linux", "link")
        .containsEntry("secret.txt", "link")
        .containsEntry("motd/dangling", "link")
        .containsEntry("motd/1.9-linux/pipe", "other");
    assertThat(kinds.keySet()).noneMatch(p -> p.contains("precious") || p.contains("deep"));
  }

  @Test
  void deleteRemovesTheTreeAndLinksAsLinks() throws IOException {
    Trees.delete(tree);
    assertThat(Files.exists(tree, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(outside.resolve("precious.txt")).hasContent("keep me");
    assertThat(tmp.resolve("outside/secret.txt")).hasContent("keep me too");
    assertThat(outside).isDirectory();
  }

  @Test
  void deleteOfALinkRemovesTheLinkOnly() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("link-to-outside"), outside);
    Trees.delete(link);
    assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(outside.resolve("precious.txt")).hasContent("keep me");
    Trees.delete(tmp.resolve("never-was")); // nothing to do
  }
}
