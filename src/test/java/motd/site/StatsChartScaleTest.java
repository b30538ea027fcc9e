package motd.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The time charts' scale: round tops and grid labels short enough for the gutter they sit in. */
class StatsChartScaleTest {
  @ParameterizedTest
  @CsvSource({"0, 0", "7, 7", "280, 300", "1230, 1500", "98765, 100000", "2400000, 3000000"})
  void theTopIsARoundNumberAtOrAboveTheLargestDay(long max, long top) {
    assertThat(StatsPage.niceTop(max)).isEqualTo(top);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "750, 750",
    "1000, 1k",
    "1500, 1.5k",
    "25000, 25k",
    "250000, 250k",
    "1000000, 1M",
    "2500000, 2.5M",
    "750000000, 750M"
  })
  void gridLabelsFitInFourCharacters(long value, String label) {
    assertThat(StatsPage.compact(value)).isEqualTo(label).hasSizeLessThanOrEqualTo(4);
  }
}
