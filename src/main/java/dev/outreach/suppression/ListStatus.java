package dev.outreach.suppression;

/** The outcome of reading one list file. */
public enum ListStatus {
    /** Read; its entries are in force (broken lines are counted and reported separately). */
    LOADED,
    /**
     * Could not be used: IO error, not UTF-8 text, CSV without its column, not a list file. The
     * kind's marketing is blocked while any list of it is unreadable; if an earlier version had
     * loaded, that version's entries keep blocking.
     */
    UNREADABLE,
    /** The file was deleted from its folder; its entries no longer block. */
    REMOVED
}
