package dev.outreach.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreach.gateway.LeadImport;
import dev.outreach.lead.Lead;
import dev.outreach.lead.Stage;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bulk-import row validated exactly as a {@code POST /api/v1/leads} body: the row becomes the JSON
 * object that POST would receive (qualification columns as its {@code qualification} object) and
 * goes through the same {@link LeadFields}, so the same values pass, are normalised and fail with
 * the same field names and messages.
 */
public final class LeadCsvRows implements LeadImport.RowValidator {

    private static final String[] CRITERIA = {"need", "budget", "authority", "timeline", "fit"};
    /** The columns of an import file; {@code qualification.need} etc. carry the five criteria. */
    public static final List<String> COLUMNS = List.of("id", "email", "phone", "firstName", "lastName", "company",
            "country", "region", "timeZone", "stage", "owner", "source", "createdAt", "qualification.need",
            "qualification.budget", "qualification.authority", "qualification.timeline", "qualification.fit",
            "lineType");

    private final LeadFields fields;

    /** An import is never a REP's (the route needs INTEGRATION), so rows keep the owner they name. */
    public LeadCsvRows(LeadFields fields) {
        this.fields = fields;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public LeadImport.Validated validate(Map<String, String> row) {
        JsonBody body = JsonBody.of(toJson(row));
        try {
            Lead lead = fields.newLead(body, null);
            body.validate();
            return LeadImport.Validated.valid(lead);
        } catch (ProblemException e) {
            return LeadImport.Validated.invalid(e.errors().stream()
                    .map(err -> new LeadImport.FieldProblem(err.field(), err.message())).toList());
        }
    }

    /**
     * The row over a stored lead, as a PATCH body is applied: blank cells keep the stored value. A row
     * may repeat the lead's stage and createdAt, not change them (a stage change is a move with a
     * history, through {@code POST /api/v1/leads/{id}/stage}).
     */
    @Override
    public LeadImport.Validated validateUpdate(Map<String, String> row, Lead stored) {
        JsonBody body = JsonBody.of(toJson(row));
        try {
            if (body.has("stage") && body.enumValue("stage", Stage.class, stored.stage()) != stored.stage()) {
                body.error("stage", "cannot be changed by an import (stage changes go through "
                        + "POST /api/v1/leads/{id}/stage)");
            }
            if (body.has("createdAt") && !stored.createdAt().equals(body.instant("createdAt"))) {
                body.error("createdAt", "cannot be changed for a stored lead");
            }
            Lead lead = fields.apply(body, stored);
            body.validate();
            return LeadImport.Validated.valid(lead);
        } catch (ProblemException e) {
            return LeadImport.Validated.invalid(e.errors().stream()
                    .map(err -> new LeadImport.FieldProblem(err.field(), err.message())).toList());
        }
    }

    /** The POST body a row stands for: text cells as strings, criteria as booleans where they read as one. */
    static ObjectNode toJson(Map<String, String> row) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode body = nodes.objectNode();
        ObjectNode qualification = null;
        for (Map.Entry<String, String> cell : row.entrySet()) {
            String column = cell.getKey();
            if (column.startsWith("qualification.")) {
                if (qualification == null) {
                    qualification = body.putObject("qualification");
                }
                String criterion = column.substring("qualification.".length());
                Boolean b = bool(cell.getValue());
                if (b == null) {
                    qualification.put(criterion, cell.getValue());
                } else {
                    qualification.put(criterion, b);
                }
            } else {
                body.put(column, cell.getValue());
            }
        }
        if (qualification != null) {
            for (String c : CRITERIA) {
                if (!qualification.has(c)) {
                    qualification.put(c, false);
                }
            }
        }
        return body;
    }

    /** true/false, yes/no, y/n, 1/0 in any case; null for anything else. */
    private static Boolean bool(String raw) {
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> Boolean.TRUE;
            case "false", "no", "n", "0" -> Boolean.FALSE;
            default -> null;
        };
    }
}
