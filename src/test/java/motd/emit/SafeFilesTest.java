package motd.emit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import motd.diagnostic.OutputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {
  @TempDir Path tmp;

  @Test
  void aSymlinkPlantedAtTheTargetIsReplacedAndItsVictimIsUntouched() throws IOException {
    Path victim = Files.writeString(tmp.resolve("victim"), "precious");
    Path dir = Files.createDirectories(tmp.resolve("site"));
    Path target = dir.resolve("manifest.json");
    Files.createSymbolicLink(target, victim);

    SafeFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.readString(victim)).isEqualTo("precious");
    assertThat(Files.isSymbolicLink(target)).isFalse();
    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(dir.toFile().list()).containsExactly("manifest.json");
  }

  @Test
  void aFolderThatIsASymlinkIsRefused() throws IOException {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(tmp.resolve("site"), elsewhere);

    assertThatThrownBy(() -> SafeFiles.write(link.resolve("x.json"), new byte[] {1}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("symbolic link");
    assertThat(elsewhere.toFile().list()).isEmpty();
  }

  @Test
  void exclusiveCreationRefusesAnExistingNameEvenADanglingLink() throws IOException {
    Path victim = tmp.resolve("not-yet");
    Path planted = Files.createSymbolicLink(tmp.resolve("x.motd-tmp-0"), victim);

    assertThatThrownBy(() -> SafeFiles.createExclusive(planted, new byte[] {1}))
        .isInstanceOf(IOException.class);
    assertThat(Files.exists(victim, LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void aRefusedExclusiveCreationLeavesWhatWasThereAndAPrivateFileIsNeverWider() throws IOException {
    // keygen's race: another keygen made the key between the check and the creation.
    Path key = Files.writeString(tmp.resolve("signing-key.asc"), "the other key");
    assertThatThrownBy(() -> SafeFiles.createExclusive(key, new byte[] {1}))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    assertThat(Files.readString(key)).isEqualTo("the other key");

    // Made with its mode, not widened then narrowed: no reader can open it in between.
    Path secret =
        SafeFiles.createExclusive(
            tmp.resolve("secret.asc"),
            "secret".getBytes(StandardCharsets.US_ASCII),
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    assertThat(Files.getPosixFilePermissions(secret))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(secret)).isEqualTo("secret");
  }

  @Test
  void temporaryNamesAreUnpredictableAndRecognised() {
    Path a = SafeFiles.tempFor(tmp.resolve("motd.json.asc"));
    Path b = SafeFiles.tempFor(tmp.resolve("motd.json.asc"));
    assertThat(a).isNotEqualTo(b);
    assertThat(SafeFiles.isTemp(a.getFileName().toString())).isTrue();
    assertThat(SafeFiles.isTemp("motd.json.asc")).isFalse();
  }

  @Test
  void staleTemporaryFilesAreRemovedAndNothingElse() throws IOException {
    Files.writeString(tmp.resolve("keep.json"), "{}");
    Files.writeString(SafeFiles.tempFor(tmp.resolve("keep.json")), "half");
    Files.createSymbolicLink(SafeFiles.tempFor(tmp.resolve("x")), Path.of("/etc/passwd"));

    assertThat(SafeFiles.removeStaleTemps(tmp)).isEqualTo(2);
    assertThat(tmp.toFile().list()).containsExactly("keep.json");
  }

  @Test
  void aSecondWriterIsRefusedWhileTheFirstHoldsTheLock() throws IOException {
    Path site = Files.createDirectories(tmp.resolve("site"));
    try (FolderLock first = FolderLock.acquire(site)) {
      assertThat(first).isNotNull();
      assertThatThrownBy(() -> FolderLock.acquire(site))
          .isInstanceOf(OutputException.class)
          .hasMessageContaining("another motd run");
    }
    try (FolderLock again = FolderLock.acquire(site)) {
      assertThat(again).isNotNull();
      assertThat(Files.exists(FolderLock.lockFile(site))).isTrue();
    }
  }
}
