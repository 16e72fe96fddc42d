package dev.outreach.suppression;

/**
 * The result of reading one list file.
 *
 * @param report what to record and show
 * @param index  the entries, or null unless the report is LOADED
 * @param stamp  the file's attributes at the read, or null when they could not be taken
 */
record ListLoad(LoadedList report, FingerprintIndex index, FileStamp stamp) {
}
