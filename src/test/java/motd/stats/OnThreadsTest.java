package motd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The parts of a log are read and parsed on several threads. A part that fails, by a bad stream or
 * by a bug, must fail the whole file: a lost part would otherwise pass for a smaller count.
 */
class OnThreadsTest {
  @Test
  void everyPartRunsAndAFailureIsThrownOnlyAfterAllHaveEnded() throws IOException {
    AtomicInteger done = new AtomicInteger();
    Blocks.onThreads("test-", 4, part -> done.incrementAndGet());
    assertThat(done).hasValue(4);

    done.set(0);
    assertThatThrownBy(
            () ->
                Blocks.onThreads(
                    "test-",
                    4,
                    part -> {
                      done.incrementAndGet();
                      if (part == 2) {
                        throw new IllegalStateException("a bug in part 2");
                      }
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a bug in part 2");
    assertThat(done).hasValue(4);
  }

  @Test
  void theFirstPartsFailureWinsWhetherAnIoErrorOrABug() {
    assertThatThrownBy(
            () ->
                Blocks.onThreads(
                    "test-",
                    3,
                    part -> {
                      if (part == 1) {
                        throw new IOException("corrupt gzip stream");
                      }
                      if (part == 2) {
                        throw new IllegalStateException("a bug");
                      }
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("corrupt gzip stream");
  }
}
