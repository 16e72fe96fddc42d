package dev.outreach.report;

import dev.outreach.config.ConfigException;
import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.lead.Stage;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report settings from configuration: follow-up cadences per stage, the business calendar and
 * the qualified-prospect threshold. Invalid values stop start-up with a message naming the key.
 */
public record ReportSettings(Map<Stage, FollowUpSchedule.Cadence> cadences, BusinessCalendar calendar,
                             int qualifiedThreshold) {

    private static final Map<Stage, ConfigKey> CADENCE_KEYS = Map.of(
            Stage.LEAD_QUALIFICATION, ConfigKey.FOLLOWUPS_CADENCE_LEAD_QUALIFICATION,
            Stage.ENGAGEMENT, ConfigKey.FOLLOWUPS_CADENCE_ENGAGEMENT,
            Stage.NEGOTIATION, ConfigKey.FOLLOWUPS_CADENCE_NEGOTIATION,
            Stage.CLOSING, ConfigKey.FOLLOWUPS_CADENCE_CLOSING,
            Stage.POST_SALE, ConfigKey.FOLLOWUPS_CADENCE_POST_SALE);

    public ReportSettings {
        cadences = Map.copyOf(cadences);
    }

    public static ReportSettings from(GatewayConfig config) {
        Map<Stage, FollowUpSchedule.Cadence> cadences = new EnumMap<>(Stage.class);
        CADENCE_KEYS.forEach((stage, key) -> {
            Duration every = config.duration(key);
            if (every.isNegative() || every.isZero()) {
                throw new ConfigException(key.key() + " (env " + key.environmentVariable()
                        + ") must be a positive duration, was '" + config.string(key) + "'");
            }
            cadences.put(stage, new FollowUpSchedule.Cadence(every, key.key()));
        });
        int threshold = config.integer(ConfigKey.REPORTS_QUALIFIED_THRESHOLD);
        if (threshold < 1 || threshold > 5) {
            throw new ConfigException(ConfigKey.REPORTS_QUALIFIED_THRESHOLD.key() + " must be 1..5, was " + threshold);
        }
        return new ReportSettings(cadences, calendar(config), threshold);
    }

    private static BusinessCalendar calendar(GatewayConfig config) {
        ZoneId zone;
        try {
            zone = ZoneId.of(config.string(ConfigKey.CALENDAR_ZONE));
        } catch (DateTimeException e) {
            throw new ConfigException(ConfigKey.CALENDAR_ZONE.key() + " must be an IANA time zone such as "
                    + "America/New_York, was '" + config.string(ConfigKey.CALENDAR_ZONE) + "'");
        }
        List<DayOfWeek> weekend = new ArrayList<>();
        for (String day : config.list(ConfigKey.CALENDAR_WEEKEND)) {
            try {
                weekend.add(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(ConfigKey.CALENDAR_WEEKEND.key() + " must list days such as SATURDAY,SUNDAY;"
                        + " '" + day + "' is not a day of the week");
            }
        }
        if (weekend.size() >= DayOfWeek.values().length && weekend.containsAll(List.of(DayOfWeek.values()))) {
            throw new ConfigException(ConfigKey.CALENDAR_WEEKEND.key() + " cannot be every day of the week");
        }
        List<LocalDate> holidays = new ArrayList<>();
        for (String date : config.list(ConfigKey.CALENDAR_HOLIDAYS)) {
            try {
                holidays.add(LocalDate.parse(date));
            } catch (DateTimeParseException e) {
                throw new ConfigException(ConfigKey.CALENDAR_HOLIDAYS.key() + " must be ISO dates such as 2026-12-25,"
                        + " was '" + date + "'");
            }
        }
        return new BusinessCalendar(zone, weekend, holidays);
    }
}
