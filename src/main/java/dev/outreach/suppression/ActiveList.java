package dev.outreach.suppression;

/**
 * A list as the registry holds it between reloads.
 *
 * @param published   what {@link SuppressionLists#lists()} shows for it
 * @param lastOutcome the raw report of the last read, to tell a changed file from an unchanged one
 * @param lastGood    the report of the version {@code index} was built from, or null
 * @param index       the last good entries, still blocking even while the file is unreadable;
 *                    null if it never loaded
 * @param scheme      how {@code index} was fingerprinted; null when {@code index} is
 * @param stamp       the file's attributes at the last read, or null to force a re-read
 */
record ActiveList(LoadedList published, LoadedList lastOutcome, LoadedList lastGood, FingerprintIndex index,
                  FingerprintScheme scheme, FileStamp stamp) {

    String name() {
        return published.name();
    }

    ListKind kind() {
        return published.kind();
    }

    ActiveList withStamp(FileStamp newStamp) {
        return new ActiveList(published, lastOutcome, lastGood, index, scheme, newStamp);
    }
}
