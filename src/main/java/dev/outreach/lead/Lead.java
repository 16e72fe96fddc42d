package dev.outreach.lead;

import java.time.Instant;
import java.util.Objects;

/**
 * A person in the funnel. {@code email} is normalised, {@code phone} is E.164; both may be null.
 * {@code stageEnteredAt} is when the lead entered its current stage. {@code phoneVerifiedLandline}
 * says the number was verified as a landline; without it every number is treated as wireless, the
 * stricter case under 47 USC 227(b)(1)(A)(iii). {@code lineType} says what kind of line the number
 * is (BUSINESS lines are outside the national registry); like the verification it belongs to the
 * stored number. A verified landline is never WIRELESS.
 */
public record Lead(String id, String email, String phone, String firstName, String lastName, String company,
                   String country, String region, String timeZone, Stage stage, LeadOutcome outcome, String owner,
                   LeadSource source, Qualification qualification, Instant createdAt, Instant stageEnteredAt,
                   Instant updatedAt, boolean phoneVerifiedLandline, LineType lineType) {

    /** A lead whose number's line type is not stated (UNKNOWN). */
    public Lead(String id, String email, String phone, String firstName, String lastName, String company,
                String country, String region, String timeZone, Stage stage, LeadOutcome outcome, String owner,
                LeadSource source, Qualification qualification, Instant createdAt, Instant stageEnteredAt,
                Instant updatedAt, boolean phoneVerifiedLandline) {
        this(id, email, phone, firstName, lastName, company, country, region, timeZone, stage, outcome, owner, source,
                qualification, createdAt, stageEnteredAt, updatedAt, phoneVerifiedLandline, LineType.UNKNOWN);
    }

    /** A lead whose number's line type is not verified (treated as wireless). */
    public Lead(String id, String email, String phone, String firstName, String lastName, String company,
                String country, String region, String timeZone, Stage stage, LeadOutcome outcome, String owner,
                LeadSource source, Qualification qualification, Instant createdAt, Instant stageEnteredAt,
                Instant updatedAt) {
        this(id, email, phone, firstName, lastName, company, country, region, timeZone, stage, outcome, owner, source,
                qualification, createdAt, stageEnteredAt, updatedAt, false);
    }

    public Lead {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(createdAt, "createdAt");
        qualification = qualification == null ? Qualification.none() : qualification;
        stageEnteredAt = stageEnteredAt == null ? createdAt : stageEnteredAt;
        updatedAt = updatedAt == null ? createdAt : updatedAt;
        lineType = lineType == null ? LineType.UNKNOWN : lineType;
        if (phoneVerifiedLandline && lineType == LineType.WIRELESS) {
            throw new IllegalArgumentException("a verified landline cannot be a WIRELESS line");
        }
    }

    public Lead inStage(Stage newStage, LeadOutcome newOutcome, Instant at) {
        return new Lead(id, email, phone, firstName, lastName, company, country, region, timeZone, newStage,
                newOutcome == null ? outcome : newOutcome, owner, source, qualification, createdAt, at, at,
                phoneVerifiedLandline, lineType);
    }
}
