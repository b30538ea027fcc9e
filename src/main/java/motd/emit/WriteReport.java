package motd.emit;

/**
 * What a site write changed.
 *
 * @param written files created or changed
 * @param unchanged files whose bytes were already there (they keep their modification times)
 * @param removed files of the previous site that are no longer produced, signatures included
 */
public record WriteReport(int written, int unchanged, int removed) {}
