package dev.outreach.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Builds a WHERE clause from optional filters: a null filter value adds no condition. */
final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    /** {@code column = value}, only when value is not null. */
    Where equalIfPresent(String column, Object value) {
        return addIfPresent(column + " = ?", value);
    }

    /** A condition with one parameter, only when the parameter is not null. */
    Where addIfPresent(String condition, Object parameter) {
        return parameter == null ? this : add(condition, parameter);
    }

    Where add(String condition, Object parameter) {
        conditions.add(condition);
        parameters.add(parameter);
        return this;
    }

    /** A condition with several parameters, bound in order. */
    Where addAll(String condition, Object... parameters) {
        conditions.add(condition);
        this.parameters.addAll(java.util.Arrays.asList(parameters));
        return this;
    }

    String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the parameters from index 1; returns the next free index. */
    int bind(PreparedStatement ps) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            ps.setObject(index++, parameter);
        }
        return index;
    }
}
