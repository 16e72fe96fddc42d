package dev.outreach.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.policy.Decision;

import java.util.LinkedHashMap;
import java.util.Map;

/** The decision object of API.md, as a mutable map so routes can add their own fields. */
final class DecisionView {

    private DecisionView() {
    }

    static Map<String, Object> of(Decision decision, ObjectMapper json) {
        return json.convertValue(decision, new TypeReference<LinkedHashMap<String, Object>>() { });
    }
}
