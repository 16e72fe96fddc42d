package dev.outreach.policy.state;

/**
 * A state's own established-business-relationship windows where they are narrower than the federal
 * 18 months after a purchase / 3 months after an inquiry (Utah: 18 months after a purchase, no
 * inquiry window). Zero months means that kind of relationship is no exemption at all.
 */
public record EbrRow(int purchaseMonths, int inquiryMonths) {

    public EbrRow {
        if (purchaseMonths < 0 || inquiryMonths < 0) {
            throw new IllegalArgumentException("EBR windows must be >= 0 months");
        }
    }

    @Override
    public String toString() {
        return "EBR " + purchaseMonths + " months after a purchase, "
                + (inquiryMonths == 0 ? "no inquiry window" : inquiryMonths + " months after an inquiry");
    }
}
