package dev.outreach.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/** Conversions between model values and the column encodings both dialects share. */
final class Columns {

    private Columns() {
    }

    /** Instants are epoch milliseconds, so they round-trip exactly and sort numerically. */
    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value.toEpochMilli());
        }
    }

    /** For optional filters: null stays null. */
    static Long millis(Instant value) {
        return value == null ? null : value.toEpochMilli();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static void setEnum(PreparedStatement ps, int index, Enum<?> value) throws SQLException {
        ps.setString(index, value == null ? null : value.name());
    }

    static <E extends Enum<E>> E enumValue(ResultSet rs, String column, Class<E> type) throws SQLException {
        String name = rs.getString(column);
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** Lists are stored comma-joined; an empty list is stored as null. */
    static String joined(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }
}
