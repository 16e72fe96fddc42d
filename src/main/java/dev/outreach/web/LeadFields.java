package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.contact.EmailAddresses;
import dev.outreach.contact.PhoneNumbers;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadSource;
import dev.outreach.lead.LineType;
import dev.outreach.lead.Qualification;
import dev.outreach.lead.Stage;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one validation of a lead's fields, shared by {@code POST /api/v1/leads}, {@code PATCH
 * /api/v1/leads/{id}} and every row of a bulk import: problems are collected in the {@link JsonBody}
 * (call {@link JsonBody#validate()} after), values are normalised (email lower-cased, phone E.164,
 * country and region upper-cased).
 */
public final class LeadFields {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern REGION = Pattern.compile("[A-Z0-9]{1,3}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final Clock clock;
    private final String defaultPhoneRegion;

    /** @param defaultPhoneRegion region for phone numbers of leads without a country, e.g. {@code US} */
    public LeadFields(Clock clock, String defaultPhoneRegion) {
        this.clock = clock;
        this.defaultPhoneRegion = defaultPhoneRegion;
    }

    /**
     * A new lead from a create request. The id is generated when absent; {@code createdAt} defaults to
     * now; the stage to LEAD_GENERATION and the source to OTHER.
     *
     * @param creatingRep the REP creating the lead, who creates only leads it owns (the owner becomes
     *                    the rep); null when the creator is not a REP
     * @throws ProblemException 403 when a REP names another owner
     */
    public Lead newLead(JsonBody body, String creatingRep) {
        Instant now = clock.instant();
        String id = body.has("id") ? body.requiredText("id") : UUID.randomUUID().toString();
        if (id != null && !ID.matcher(id).matches()) {
            body.error("id", "must be 1-100 characters of letters, digits, '.', '_', ':' or '-'");
        }
        String owner = body.text("owner");
        if (creatingRep != null) {
            if (owner != null && !owner.equals(creatingRep)) {
                throw ProblemException.forbidden("a REP key may only create leads it owns");
            }
            owner = creatingRep;
        }
        Instant createdAt = body.instant("createdAt");
        createdAt = createdAt == null ? now : createdAt;
        return apply(body, new Lead(id == null ? "invalid" : id, null, null, null, null, null, null, null,
                null, Stage.LEAD_GENERATION, null, owner, LeadSource.OTHER, Qualification.none(), createdAt,
                createdAt, now));
    }

    /** Applies every field present in the body over {@code base}; absent fields keep their value. */
    public Lead apply(JsonBody body, Lead base) {
        String country = body.has("country") ? country(body) : base.country();
        String email = body.has("email") ? body.convert("email", body.text("email"), EmailAddresses::normalise)
                : base.email();
        String region = country == null ? defaultPhoneRegion : country;
        String phone = body.has("phone") ? body.convert("phone", body.text("phone"), raw -> PhoneNumbers.toE164(raw, region))
                : base.phone();
        String regionCode = body.has("region") ? body.convert("region", body.text("region"), LeadFields::regionCode)
                : base.region();
        String zone = body.has("timeZone") ? body.convert("timeZone", body.text("timeZone"), LeadFields::zone)
                : base.timeZone();
        Stage stage = body.enumValue("stage", Stage.class, base.stage());
        LeadSource source = body.enumValue("source", LeadSource.class, base.source());
        Qualification q = body.has("qualification") ? qualification(body) : base.qualification();
        boolean landline = verifiedLandline(body, base, phone);
        return new Lead(base.id(), email, phone, text(body, "firstName", base.firstName()),
                text(body, "lastName", base.lastName()), text(body, "company", base.company()), country, regionCode,
                zone, stage, base.outcome(), text(body, "owner", base.owner()), source, q, base.createdAt(),
                base.stageEnteredAt(), clock.instant(), landline, lineType(body, base, phone, landline));
    }

    /**
     * Like the verification, a line type belongs to the number it was stated for: a new number is
     * UNKNOWN unless the same request states its type. A verified landline cannot be WIRELESS.
     */
    private static LineType lineType(JsonBody body, Lead base, String phone, boolean landline) {
        boolean samePhone = java.util.Objects.equals(phone, base.phone());
        LineType current = samePhone ? base.lineType() : LineType.UNKNOWN;
        LineType stated = body.enumValue("lineType", LineType.class, current);
        if (stated != LineType.UNKNOWN && body.has("lineType") && phone == null) {
            body.error("lineType", "needs a phone number");
            return LineType.UNKNOWN;
        }
        if (stated == LineType.WIRELESS && landline) {
            body.error("lineType", "WIRELESS contradicts phoneVerifiedLandline: true");
            return LineType.UNKNOWN;
        }
        return stated;
    }

    /**
     * A verification belongs to the number it was made for: a new number is unverified (treated as
     * wireless) unless the same request verifies it too.
     */
    private static boolean verifiedLandline(JsonBody body, Lead base, String phone) {
        Boolean stated = body.bool("phoneVerifiedLandline");
        if (stated != null) {
            if (stated && phone == null) {
                body.error("phoneVerifiedLandline", "needs a phone number");
            }
            return stated;
        }
        return base.phoneVerifiedLandline() && java.util.Objects.equals(phone, base.phone());
    }

    private static String text(JsonBody body, String field, String current) {
        if (!body.has(field)) {
            return current;
        }
        String v = body.text(field);
        if (v != null && (v.length() > 200 || v.chars().anyMatch(c -> c < 0x20))) {
            body.error(field, "must be at most 200 characters without control characters");
            return current;
        }
        return v;
    }

    private static String country(JsonBody body) {
        String c = body.text("country");
        if (c == null) {
            return null;
        }
        String upper = c.trim().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(upper)) {
            body.error("country", "must be an ISO 3166-1 alpha-2 code such as US or DE");
            return null;
        }
        return upper;
    }

    private static String regionCode(String raw) {
        String upper = raw.trim().toUpperCase(Locale.ROOT);
        if (!REGION.matcher(upper).matches()) {
            throw new IllegalArgumentException("must be a state or province code such as FL");
        }
        return upper;
    }

    private static String zone(String raw) {
        try {
            return ZoneId.of(raw.trim()).getId();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("must be an IANA time zone such as America/Chicago");
        }
    }

    private static Qualification qualification(JsonBody body) {
        JsonNode q = body.node("qualification");
        if (q == null || q.isNull()) {
            return Qualification.none();
        }
        if (!q.isObject()) {
            body.error("qualification", "must be an object of booleans need, budget, authority, timeline, fit");
            return Qualification.none();
        }
        boolean[] v = new boolean[5];
        String[] names = {"need", "budget", "authority", "timeline", "fit"};
        for (int i = 0; i < names.length; i++) {
            JsonNode n = q.get(names[i]);
            if (n != null && !n.isBoolean() && !n.isNull()) {
                body.error("qualification." + names[i], "must be true or false");
            }
            v[i] = n != null && n.asBoolean(false);
        }
        return new Qualification(v[0], v[1], v[2], v[3], v[4]);
    }
}
