package dev.outreach.report;

/** Touches (allowed and blocked, dry runs excluded) and how many of them were blocked. */
public record TouchCount(long touches, long blocked) {

    public static final TouchCount NONE = new TouchCount(0, 0);

    TouchCount plus(boolean wasBlocked) {
        return new TouchCount(touches + 1, blocked + (wasBlocked ? 1 : 0));
    }

    /** blocked ÷ touches, 4 decimals; null without touches. */
    public Double blockRate() {
        return Rates.ratio(blocked, touches);
    }
}
