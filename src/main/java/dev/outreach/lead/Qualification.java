package dev.outreach.lead;

/** The SOP's qualification criteria. */
public record Qualification(boolean need, boolean budget, boolean authority, boolean timeline, boolean fit) {

    public static Qualification none() {
        return new Qualification(false, false, false, false, false);
    }

    public int metCount() {
        int n = 0;
        for (boolean b : new boolean[] {need, budget, authority, timeline, fit}) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
