package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.contact.EmailAddresses;
import dev.outreach.contact.PhoneNumbers;
import dev.outreach.gateway.Actor;
import dev.outreach.gateway.Funnel;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadSource;
import dev.outreach.lead.Qualification;
import dev.outreach.lead.Stage;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static dev.outreach.web.ApiRole.INTEGRATION;
import static dev.outreach.web.ApiRole.REP;

/** {@code /api/v1/leads}: the funnel's leads, their stages and their touches. */
final class LeadRoutes {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern REGION = Pattern.compile("[A-Z0-9]{1,3}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final Funnel funnel;
    private final ObjectMapper json;
    private final Clock clock;
    private final String defaultPhoneRegion;

    LeadRoutes(Funnel funnel, ObjectMapper json, Clock clock, String defaultPhoneRegion) {
        this.funnel = funnel;
        this.json = json;
        this.clock = clock;
        this.defaultPhoneRegion = defaultPhoneRegion;
    }

    void register(RouteTable routes) {
        routes.post("/api/v1/leads", this::create, REP, INTEGRATION);
        routes.get("/api/v1/leads", this::list, REP, INTEGRATION);
        routes.get("/api/v1/leads/{id}", this::get, REP, INTEGRATION);
        routes.patch("/api/v1/leads/{id}", this::patch, REP, INTEGRATION);
        routes.post("/api/v1/leads/{id}/stage", this::stage, REP, INTEGRATION);
        routes.get("/api/v1/leads/{id}/stages", this::history, REP, INTEGRATION);
        routes.get("/api/v1/leads/{id}/touches", this::touches, REP, INTEGRATION);
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.parse(json, ctx.body());
        Actor actor = RequestActor.of(ctx);
        Instant now = clock.instant();
        String id = body.has("id") ? body.requiredText("id") : UUID.randomUUID().toString();
        if (id != null && !ID.matcher(id).matches()) {
            body.error("id", "must be 1-100 characters of letters, digits, '.', '_', ':' or '-'");
        }
        String owner = body.text("owner");
        if (RequestActor.role(ctx) == REP) {
            if (owner != null && !owner.equals(actor.name())) {
                throw ProblemException.forbidden("a REP key may only create leads it owns");
            }
            owner = actor.name();
        }
        Instant createdAt = body.instant("createdAt");
        createdAt = createdAt == null ? now : createdAt;
        Lead draft = fields(body, new Lead(id == null ? "invalid" : id, null, null, null, null, null, null, null,
                null, Stage.LEAD_GENERATION, null, owner, LeadSource.OTHER, Qualification.none(), createdAt,
                createdAt, now));
        body.validate();
        ctx.status(201).json(funnel.create(draft, actor));
    }

    /** Applies every field present in the body over {@code base}; absent fields keep their value. */
    private Lead fields(JsonBody body, Lead base) {
        String country = body.has("country") ? country(body) : base.country();
        String email = body.has("email") ? body.convert("email", body.text("email"), EmailAddresses::normalise)
                : base.email();
        String region = country == null ? defaultPhoneRegion : country;
        String phone = body.has("phone") ? body.convert("phone", body.text("phone"), raw -> PhoneNumbers.toE164(raw, region))
                : base.phone();
        String regionCode = body.has("region") ? body.convert("region", body.text("region"), LeadRoutes::regionCode)
                : base.region();
        String zone = body.has("timeZone") ? body.convert("timeZone", body.text("timeZone"), LeadRoutes::zone)
                : base.timeZone();
        Stage stage = body.enumValue("stage", Stage.class, base.stage());
        LeadSource source = body.enumValue("source", LeadSource.class, base.source());
        Qualification q = body.has("qualification") ? qualification(body) : base.qualification();
        return new Lead(base.id(), email, phone, text(body, "firstName", base.firstName()),
                text(body, "lastName", base.lastName()), text(body, "company", base.company()), country, regionCode,
                zone, stage, base.outcome(), text(body, "owner", base.owner()), source, q, base.createdAt(),
                base.stageEnteredAt(), clock.instant());
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

    private void get(Context ctx) {
        ctx.json(accessible(ctx));
    }

    private Lead accessible(Context ctx) {
        Lead lead = funnel.find(ctx.pathParam("id")).orElseThrow(() -> ProblemException.notFound("lead"));
        RequestActor.requireLeadAccess(ctx, lead);
        return lead;
    }

    private void list(Context ctx) {
        Stage stage = ctx.queryParam("stage") == null ? null : queryEnum("stage", ctx.queryParam("stage"), Stage.class);
        String owner = RequestActor.role(ctx) == REP ? RequestActor.of(ctx).name() : ctx.queryParam("owner");
        int limit = Paging.limit(ctx, 100, 1000);
        ctx.json(Map.of("leads", funnel.list(stage, owner, ctx.queryParam("after"), limit)));
    }

    private void patch(Context ctx) {
        Lead existing = accessible(ctx);
        JsonBody body = JsonBody.parse(json, ctx.body());
        if (body.has("id") || body.has("stage") || body.has("createdAt")) {
            body.error(body.has("id") ? "id" : body.has("stage") ? "stage" : "createdAt",
                    "cannot be changed here (stage changes go through POST /api/v1/leads/{id}/stage)");
        }
        if (RequestActor.role(ctx) == REP && body.has("owner")) {
            body.error("owner", "a REP key cannot reassign leads");
        }
        Lead updated = fields(body, existing);
        body.validate();
        ctx.json(funnel.update(updated));
    }

    private void stage(Context ctx) {
        Lead lead = accessible(ctx);
        JsonBody body = JsonBody.parse(json, ctx.body());
        Stage stage = body.requiredEnum("stage", Stage.class);
        LeadOutcome outcome = body.enumValue("outcome", LeadOutcome.class, null);
        Instant at = body.instant("at");
        body.validate();
        ctx.json(funnel.moveTo(lead.id(), stage, outcome, at, RequestActor.of(ctx)));
    }

    private void history(Context ctx) {
        ctx.json(Map.of("transitions", funnel.history(accessible(ctx).id())));
    }

    private void touches(Context ctx) {
        ctx.json(Map.of("touches", funnel.touches(accessible(ctx).id())));
    }

    static <E extends Enum<E>> E queryEnum(String field, String raw, Class<E> type) {
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
