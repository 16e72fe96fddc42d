package dev.outreach.store;

/**
 * Which recipients the store may hold anything about: a lead with their address or number, a
 * touch, a consent, a runtime suppression or a preference-centre choice. A recipient it holds
 * nothing about (a new address on a campaign list, most of a batch scrub) needs none of those
 * reads, so a decision about them asks the database nothing.
 *
 * <p>An answer may be a false "maybe" (the facts are then read as before), never a false "no":
 * {@link #now()} first takes in every fact committed before the call, by this process or any
 * other process writing the same database, so an opt-out acknowledged anywhere is seen by the
 * next decision everywhere.
 */
public interface KnownRecipients {

    /** What the store may hold, up to date with every commit that finished before this call. */
    View now();

    /** One decision's look at the store's keys. */
    @FunctionalInterface
    interface View {

        /**
         * True when a fact may be stored under this lookup key: a lead's normalised address or E.164
         * number, or a recipient, domain or number pseudonym.
         */
        boolean mayHold(String key);

        default boolean mayHoldAny(Iterable<String> keys) {
            for (String key : keys) {
                if (mayHold(key)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Answers every decision from one look taken earlier, without catching up again: what a batch
     * scrub uses for a run of rows, so a row sees every fact committed before its run began.
     */
    static KnownRecipients asOf(View look) {
        return () -> look;
    }

    /** Always "maybe": every fact is read from the database (several instances share it). */
    KnownRecipients EVERYONE = () -> key -> true;
}
