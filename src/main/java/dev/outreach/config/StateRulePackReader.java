package dev.outreach.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.state.DayWindow;
import dev.outreach.policy.state.DialerRow;
import dev.outreach.policy.state.EbrRow;
import dev.outreach.policy.state.FrequencyCap;
import dev.outreach.policy.state.Holiday;
import dev.outreach.policy.state.HolidayCalendar;
import dev.outreach.policy.state.StateRule;
import dev.outreach.policy.state.StateRulePack;
import dev.outreach.policy.state.WrittenConsentRow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the state rule pack ({@code policy/state-rules.yaml}, format described in the file's header)
 * from the classpath or a file, and validates every row. Anything wrong fails the start with a
 * message naming the state (or calendar), the field and what was expected; an unknown field is an
 * error too, so a typo never silently leaves a rule out.
 */
public final class StateRulePackReader {

    /** The pack shipped with the gateway. */
    public static final String DEFAULT_RESOURCE = "policy/state-rules.yaml";

    private static final Pattern STATE_CODE = Pattern.compile("[A-Z]{2}");
    private static final Pattern CONFIDENCE = Pattern.compile("[VSU](/[VSU])*");
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");
    private static final Set<String> ROOT_FIELDS = Set.of("version", "holidayCalendars", "states");
    private static final Set<String> CALENDAR_FIELDS = Set.of("name", "citation", "confidence", "saturdayObservedOn",
            "sundayObservedOn", "banActualDate", "holidays", "adHoc");
    private static final Set<String> HOLIDAY_FIELDS = Set.of("name", "confidence", "fixed", "month", "weekday", "nth",
            "easterOffset");
    private static final Set<String> STATE_FIELDS = Set.of("name", "hours", "bannedDays", "holidayCalendar",
            "frequencyCap", "fixedOffset", "citation", "confidence", "enforced", "disabledReason", "notes",
            "writtenConsent", "ebr", "enforcedElsewhere");
    private static final Set<String> HOURS_FIELDS = Set.of("days", "from", "until");
    private static final Set<String> CAP_FIELDS = Set.of("count", "window", "channels", "dialers", "scope", "perSubject");

    private final String source;

    private StateRulePackReader(String source) {
        this.source = source;
    }

    /** The pack shipped with the gateway. */
    public static StateRulePack fromClasspath() {
        return fromClasspath(DEFAULT_RESOURCE);
    }

    public static StateRulePack fromClasspath(String resource) {
        try (InputStream in = StateRulePackReader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException("state rule pack " + resource + " is not on the classpath");
            }
            return read(in.readAllBytes(), "classpath:" + resource);
        } catch (IOException e) {
            throw new ConfigException("cannot read state rule pack classpath:" + resource + ": " + e.getMessage(), e);
        }
    }

    public static StateRulePack fromFile(Path file) {
        try {
            return read(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read state rule pack " + file + ": " + e.getMessage(), e);
        }
    }

    /** @param source where the bytes came from, for messages */
    public static StateRulePack read(byte[] yaml, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException("state rule pack " + source + " is not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read state rule pack " + source + ": " + e.getMessage(), e);
        }
        return new StateRulePackReader(source).pack(root, digest(yaml));
    }

    private StateRulePack pack(JsonNode root, String digest) {
        if (root == null || !root.isObject()) {
            throw fail("the file", "expected a mapping with version, holidayCalendars and states");
        }
        onlyFields(root, ROOT_FIELDS, "the file");
        String version = text(root, "version", "the file", true);
        Map<String, HolidayCalendar> calendars = new TreeMap<>();
        fields(root.path("holidayCalendars"), "holidayCalendars", "the file")
                .forEach((id, node) -> calendars.put(id, calendar(id, node)));
        Map<String, StateRule> states = new TreeMap<>();
        Map<String, JsonNode> stateNodes = fields(root.path("states"), "states", "the file");
        if (stateNodes.isEmpty()) {
            throw fail("the file", "field states: expected at least one state");
        }
        stateNodes.forEach((code, node) -> states.put(code, state(code, node, calendars)));
        return new StateRulePack(version, digest, states, calendars);
    }

    private HolidayCalendar calendar(String id, JsonNode node) {
        String where = "holiday calendar " + id;
        requireObject(node, where);
        onlyFields(node, CALENDAR_FIELDS, where);
        List<Holiday> holidays = new ArrayList<>();
        JsonNode list = node.path("holidays");
        if (!list.isArray() || list.isEmpty()) {
            throw fail(where, "field holidays: expected a non-empty list");
        }
        for (int i = 0; i < list.size(); i++) {
            holidays.add(holiday(list.get(i), where, "holidays[" + i + "]"));
        }
        Map<LocalDate, String> adHoc = new TreeMap<>();
        JsonNode dates = node.path("adHoc");
        if (!dates.isMissingNode() && !dates.isNull()) {
            if (!dates.isArray()) {
                throw fail(where, "field adHoc: expected a list of {date, name}");
            }
            for (int i = 0; i < dates.size(); i++) {
                String field = "adHoc[" + i + "]";
                JsonNode d = dates.get(i);
                requireObject(d, where + ", field " + field);
                onlyFields(d, Set.of("date", "name"), where + ", field " + field);
                adHoc.put(date(text(d, "date", where, true), where, field + ".date"), text(d, "name", where, true));
            }
        }
        return new HolidayCalendar(id, text(node, "name", where, true), text(node, "citation", where, true),
                confidence(node, where), holidays, observedOn(node, "saturdayObservedOn", where,
                EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY)),
                observedOn(node, "sundayObservedOn", where, EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)),
                bool(node, "banActualDate", where, true), adHoc);
    }

    private Holiday holiday(JsonNode node, String where, String field) {
        requireObject(node, where + ", field " + field);
        onlyFields(node, HOLIDAY_FIELDS, where + ", field " + field);
        String name = text(node, "name", where + ", field " + field, true);
        String confidence = confidence(node, where + ", field " + field);
        boolean fixed = node.has("fixed");
        boolean nth = node.has("month") || node.has("weekday") || node.has("nth");
        boolean easter = node.has("easterOffset");
        if ((fixed ? 1 : 0) + (nth ? 1 : 0) + (easter ? 1 : 0) != 1) {
            throw fail(where, "field " + field + " (" + name + "): expected exactly one of fixed (MM-DD),"
                    + " month + weekday + nth, or easterOffset");
        }
        if (fixed) {
            String value = text(node, "fixed", where, true);
            try {
                return new Holiday.FixedDate(name, MonthDay.parse(value, MONTH_DAY), confidence);
            } catch (DateTimeException e) {
                throw fail(where, "field " + field + ".fixed: expected MM-DD, was '" + value + "'");
            }
        }
        if (easter) {
            return new Holiday.EasterOffset(name, integer(node, "easterOffset", where + ", field " + field), confidence);
        }
        Month month = enumValue(Month.class, text(node, "month", where, true), where, field + ".month");
        DayOfWeek weekday = enumValue(DayOfWeek.class, text(node, "weekday", where, true), where, field + ".weekday");
        int n = integer(node, "nth", where + ", field " + field);
        if (n != -1 && (n < 1 || n > 4)) {
            throw fail(where, "field " + field + ".nth: expected 1-4 or -1 (last), was " + n);
        }
        return new Holiday.NthWeekday(name, month, weekday, n, confidence);
    }

    private StateRule state(String code, JsonNode node, Map<String, HolidayCalendar> calendars) {
        String where = "state " + code;
        if (!STATE_CODE.matcher(code).matches()) {
            throw fail(where, "expected a two-letter upper-case state code as the key");
        }
        requireObject(node, where);
        onlyFields(node, STATE_FIELDS, where);
        Map<DayOfWeek, DayWindow> hours = hours(node.path("hours"), where);
        Set<DayOfWeek> banned = EnumSet.noneOf(DayOfWeek.class);
        JsonNode bannedNode = node.path("bannedDays");
        if (!bannedNode.isMissingNode() && !bannedNode.isNull()) {
            banned.addAll(days(bannedNode, where, "bannedDays"));
        }
        HolidayCalendar calendar = null;
        String calendarId = text(node, "holidayCalendar", where, false);
        if (calendarId != null) {
            calendar = calendars.get(calendarId);
            if (calendar == null) {
                throw fail(where, "field holidayCalendar: no calendar '" + calendarId + "' under holidayCalendars"
                        + " (defined: " + calendars.keySet() + ")");
            }
        }
        if (!hours.isEmpty()) {
            Set<DayOfWeek> uncovered = EnumSet.allOf(DayOfWeek.class);
            uncovered.removeAll(hours.keySet());
            uncovered.removeAll(banned);
            if (!uncovered.isEmpty()) {
                throw fail(where, "field hours: " + uncovered + " have neither hours nor a ban; list their hours or"
                        + " add them to bannedDays");
            }
        }
        FrequencyCap cap = cap(node.path("frequencyCap"), where);
        ZoneOffset fixedOffset = null;
        String offset = text(node, "fixedOffset", where, false);
        if (offset != null) {
            try {
                fixedOffset = ZoneOffset.of(offset);
            } catch (DateTimeException e) {
                throw fail(where, "field fixedOffset: expected an offset such as -06:00, was '" + offset + "'");
            }
        }
        WrittenConsentRow writtenConsent = writtenConsent(node.path("writtenConsent"), where);
        EbrRow ebr = ebr(node.path("ebr"), where);
        List<DialerRow> elsewhere = elsewhere(node.path("enforcedElsewhere"), where);
        if (hours.isEmpty() && banned.isEmpty() && calendar == null && cap == null && writtenConsent == null
                && ebr == null) {
            throw fail(where, "encodes nothing: expected at least one of hours, bannedDays, holidayCalendar,"
                    + " frequencyCap, writtenConsent, ebr");
        }
        boolean enforced = bool(node, "enforced", where, true);
        String disabledReason = text(node, "disabledReason", where, false);
        if (!enforced && disabledReason == null) {
            throw fail(where, "field disabledReason: a row with enforced: false needs the reason it is turned off");
        }
        return new StateRule(code, text(node, "name", where, true), hours, banned, calendar, cap, fixedOffset,
                text(node, "citation", where, true), confidence(node, where), text(node, "notes", where, false),
                enforced, disabledReason, writtenConsent, ebr, elsewhere);
    }

    private WrittenConsentRow writtenConsent(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        requireObject(node, where + ", field writtenConsent");
        onlyFields(node, Set.of("covers", "since"), where + ", field writtenConsent");
        WrittenConsentRow.Covers covers = enumValue(WrittenConsentRow.Covers.class,
                text(node, "covers", where, true), where, "writtenConsent.covers");
        String since = text(node, "since", where, false);
        return new WrittenConsentRow(covers, since == null ? null : date(since, where, "writtenConsent.since"));
    }

    private EbrRow ebr(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        requireObject(node, where + ", field ebr");
        onlyFields(node, Set.of("purchaseMonths", "inquiryMonths"), where + ", field ebr");
        int purchase = integer(node, "purchaseMonths", where + ", field ebr");
        int inquiry = integer(node, "inquiryMonths", where + ", field ebr");
        if (purchase < 0 || inquiry < 0) {
            throw fail(where, "field ebr: months must be >= 0");
        }
        return new EbrRow(purchase, inquiry);
    }

    private List<DialerRow> elsewhere(JsonNode node, String where) {
        List<DialerRow> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw fail(where, "field enforcedElsewhere: expected a list of {fact, enforcedBy, reason}");
        }
        for (int i = 0; i < node.size(); i++) {
            String field = where + ", field enforcedElsewhere[" + i + "]";
            JsonNode n = node.get(i);
            requireObject(n, field);
            onlyFields(n, Set.of("fact", "enforcedBy", "reason"), field);
            String by = text(n, "enforcedBy", field, true);
            if (!by.equals("dialer")) {
                throw fail(field, "enforcedBy: expected dialer, was '" + by + "'");
            }
            out.add(new DialerRow(text(n, "fact", field, true), by, text(n, "reason", field, true)));
        }
        return out;
    }

    private Map<DayOfWeek, DayWindow> hours(JsonNode node, String where) {
        Map<DayOfWeek, DayWindow> hours = new EnumMap<>(DayOfWeek.class);
        if (node.isMissingNode() || node.isNull()) {
            return hours;
        }
        if (!node.isArray()) {
            throw fail(where, "field hours: expected a list of {days, from, until}");
        }
        for (int i = 0; i < node.size(); i++) {
            String field = "hours[" + i + "]";
            JsonNode entry = node.get(i);
            requireObject(entry, where + ", field " + field);
            onlyFields(entry, HOURS_FIELDS, where + ", field " + field);
            LocalTime from = time(text(entry, "from", where, true), where, field + ".from");
            LocalTime until = time(text(entry, "until", where, true), where, field + ".until");
            if (!from.isBefore(until)) {
                throw fail(where, "field " + field + ": from " + from + " must be before until " + until);
            }
            for (DayOfWeek day : days(entry.path("days"), where, field + ".days")) {
                if (hours.put(day, new DayWindow(from, until)) != null) {
                    throw fail(where, "field " + field + ".days: " + day + " has hours twice");
                }
            }
        }
        return hours;
    }

    private FrequencyCap cap(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String at = where + ", field frequencyCap";
        requireObject(node, at);
        onlyFields(node, CAP_FIELDS, at);
        int count = integer(node, "count", at);
        if (count < 1) {
            throw fail(where, "field frequencyCap.count: expected >= 1, was " + count);
        }
        String windowText = text(node, "window", at, true);
        Duration window;
        try {
            window = Duration.parse(windowText);
        } catch (DateTimeException e) {
            throw fail(where, "field frequencyCap.window: expected an ISO-8601 duration such as PT24H, was '"
                    + windowText + "'");
        }
        if (window.isNegative() || window.isZero()) {
            throw fail(where, "field frequencyCap.window: expected a positive duration, was " + windowText);
        }
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (String c : strings(node.path("channels"), where, "frequencyCap.channels")) {
            Channel channel = enumValue(Channel.class, c, where, "frequencyCap.channels");
            if (channel == Channel.EMAIL) {
                throw fail(where, "field frequencyCap.channels: expected CALL or SMS, was EMAIL");
            }
            channels.add(channel);
        }
        if (channels.isEmpty()) {
            throw fail(where, "field frequencyCap.channels: expected at least one of CALL, SMS");
        }
        Set<Dialer> dialers = EnumSet.noneOf(Dialer.class);
        JsonNode dialerNode = node.path("dialers");
        if (!dialerNode.isMissingNode() && !dialerNode.isNull()) {
            for (String d : strings(dialerNode, where, "frequencyCap.dialers")) {
                dialers.add(enumValue(Dialer.class, d, where, "frequencyCap.dialers"));
            }
        }
        return new FrequencyCap(count, window, channels, dialers, text(node, "scope", at, true),
                bool(node, "perSubject", at, false));
    }

    private DayOfWeek observedOn(JsonNode node, String field, String where, Set<DayOfWeek> allowed) {
        String value = text(node, field, where, false);
        if (value == null) {
            return null;
        }
        DayOfWeek day = enumValue(DayOfWeek.class, value, where, field);
        if (!allowed.contains(day)) {
            throw fail(where, "field " + field + ": expected one of " + allowed + " or null, was " + value);
        }
        return day;
    }

    private Set<DayOfWeek> days(JsonNode node, String where, String field) {
        List<String> names = strings(node, where, field);
        if (names.isEmpty()) {
            throw fail(where, "field " + field + ": expected at least one day (MONDAY ... SUNDAY)");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String n : names) {
            days.add(enumValue(DayOfWeek.class, n, where, field));
        }
        return days;
    }

    private List<String> strings(JsonNode node, String where, String field) {
        if (!node.isArray()) {
            throw fail(where, "field " + field + ": expected a list");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> {
            if (!n.isTextual()) {
                throw fail(where, "field " + field + ": expected names, found " + n);
            }
            out.add(n.asText());
        });
        return out;
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String value, String where, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            Set<String> names = new TreeSet<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name());
            }
            throw fail(where, "field " + field + ": expected one of " + names + ", was '" + value + "'");
        }
    }

    private LocalTime time(String value, String where, String field) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeException e) {
            throw fail(where, "field " + field + ": expected HH:mm, was '" + value + "'");
        }
    }

    private LocalDate date(String value, String where, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw fail(where, "field " + field + ": expected YYYY-MM-DD, was '" + value + "'");
        }
    }

    private String confidence(JsonNode node, String where) {
        String value = text(node, "confidence", where, true);
        if (!CONFIDENCE.matcher(value).matches()) {
            throw fail(where, "field confidence: expected V, S, U or a mix such as U/S, was '" + value + "'");
        }
        return value;
    }

    private String text(JsonNode node, String field, String where, boolean required) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                throw fail(where, "field " + field + ": required");
            }
            return null;
        }
        if (!value.isValueNode() || value.isBoolean()) {
            throw fail(where, "field " + field + ": expected text, found " + value);
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            if (required) {
                throw fail(where, "field " + field + ": must not be blank");
            }
            return null;
        }
        return text;
    }

    private int integer(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber()) {
            throw fail(where, "field " + field + ": expected a whole number, found "
                    + (value.isMissingNode() ? "nothing" : value.toString()));
        }
        return value.intValue();
    }

    private boolean bool(JsonNode node, String field, String where, boolean defaultValue) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw fail(where, "field " + field + ": expected true or false, found " + value);
        }
        return value.booleanValue();
    }

    private Map<String, JsonNode> fields(JsonNode node, String field, String where) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw fail(where, "field " + field + ": expected a mapping by id");
        }
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private void requireObject(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw fail(where, "expected a mapping, found " + node);
        }
    }

    private void onlyFields(JsonNode node, Set<String> allowed, String where) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw fail(where, "unknown field '" + name + "' (expected one of " + new TreeSet<>(allowed) + ")");
            }
        }
    }

    private ConfigException fail(String where, String what) {
        return new ConfigException("state rule pack " + source + ": " + where + ": " + what);
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
