package dev.outreach.audit;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The plain mapper {@link AuditPayload} reads and writes trees with; payloads hold only JSON values. */
final class PayloadJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private PayloadJson() {
    }
}
