package motd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a process and every process it started. wrangler and netlify start children (workerd, a
 * static server) that outlive their parent if only the parent is told to stop.
 */
public final class ProcessTree {
  private ProcessTree() {}

  /** Asks the whole tree to stop, waits up to {@code seconds}, then kills what is left. */
  public static void stop(Process process, long seconds) throws InterruptedException {
    // Children first in the list, taken before anything stops: an orphan leaves the tree.
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    if (!awaitAll(all, seconds)) {
      all.forEach(ProcessHandle::destroyForcibly);
      if (!awaitAll(all, seconds)) {
        throw new IllegalStateException("processes did not stop: " + all);
      }
    }
  }

  private static boolean awaitAll(List<ProcessHandle> handles, long seconds)
      throws InterruptedException {
    CompletableFuture<?>[] exits =
        handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }
}
