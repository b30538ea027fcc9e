package motd.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

  /** PEP 440's own example ordering, oldest first, with Mailpile's versions mixed in. */
  private static final List<String> ORDERED =
      List.of(
          "0.9",
          "1.0.0.dev1",
          "1.0.0a1",
          "1.0.0a2.dev3",
          "1.0.0a2",
          "1.0.0b2",
          "1.0.0rc0",
          "1.0.0rc5",
          "1.0.0rc6",
          "1.0.0rc10",
          "1.0.0",
          "1.0.0+local.1",
          "1.0.0.post1.dev1",
          "1.0.0.post1",
          "1.0.1",
          "1.1.dev0",
          "1.1",
          "2!0.1");

  @Test
  void sortsAsPep440Does() {
    List<Version> shuffled = new ArrayList<>(ORDERED.stream().map(Version::parse).toList());
    Collections.shuffle(shuffled, new Random(42));
    Collections.sort(shuffled);
    assertThat(shuffled.stream().map(Version::text)).containsExactlyElementsOf(ORDERED);
  }

  @ParameterizedTest
  @CsvSource({
    "1.0, 1.0.0",
    "1.0.0RC6, 1.0.0rc6",
    "1.0.0-rc.6, 1.0.0rc6",
    "1.0.0c6, 1.0.0rc6",
    "1.0alpha1, 1.0a1",
    "1.0-1, 1.0.post1",
    "v1.0, 1.0",
    "1.0.0.dev, 1.0.0.dev0",
  })
  void equalAfterNormalization(String a, String b) {
    assertThat(Version.parse(a)).isEqualTo(Version.parse(b)).hasSameHashCodeAs(Version.parse(b));
    assertThat(Version.parse(a).text()).isEqualTo(a);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "latest", "1.0.0rc6-linux2x", "../1.0", "1.0/2", "1..0", "one"})
  void rejectsWhatIsNotAVersion(String text) {
    assertThat(Version.tryParse(text)).isEmpty();
    assertThatThrownBy(() -> Version.parse(text)).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void normalizes() {
    assertThat(Version.parse("1.0.0-RC.6").normalized()).isEqualTo("1.0.0rc6");
    assertThat(Version.parse("1!2.0post3dev4").normalized()).isEqualTo("1!2.0.post3.dev4");
  }
}
