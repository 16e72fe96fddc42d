package dev.outreach.policy.state;

import dev.outreach.contact.PhoneLocation;
import dev.outreach.contact.PhoneLocator;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.PolicyEngine;
import dev.outreach.policy.Verdict;
import dev.outreach.policy.tcpa.CallingHoursRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static dev.outreach.policy.state.CallAttempts.PACK;
import static dev.outreach.policy.state.CallAttempts.decide;
import static dev.outreach.policy.state.CallAttempts.telemarketingCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of {@code policy/nanp-multi-zone-area-codes.csv}: its zones are IANA ids, the real
 * {@link PhoneLocator} gives all of them for a number in the area code, and the federal and state hour
 * rules block at the first minute the earliest-closing zone is outside hours and until the
 * latest-opening zone is inside them.
 */
class AreaCodeZonesTest {

    private static final PhoneLocator LOCATOR = PhoneLocator.load();
    /** A Wednesday that is no holiday in any calendar of the pack. */
    private static final LocalDate DAY = LocalDate.of(2026, 11, 18);

    record Row(String areaCode, List<ZoneId> zones, String source) {
        @Override
        public String toString() {
            return areaCode + " " + zones;
        }
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = AreaCodeZonesTest.class.getClassLoader()
                .getResourceAsStream("policy/nanp-multi-zone-area-codes.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("area_code")).forEach(l -> {
                String[] c = l.split(",", 4);
                List<String> ids = List.of(c[1].split(";"));
                assertThat(ZoneId.getAvailableZoneIds()).as("zones of " + c[0]).containsAll(ids);
                rows.add(new Row(c[0], ids.stream().map(ZoneId::of).toList(), c[3]));
            });
        }
        return rows;
    }

    @Test
    void everyRowNamesSeveralIanaZonesAndASource() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).extracting(Row::areaCode).contains("907", "812", "270", "423", "850", "541", "208", "701",
                "605", "308", "620", "432", "906");
        for (Row row : rows) {
            assertThat(row.zones()).as(row.areaCode()).hasSizeGreaterThan(1);
            assertThat(row.source()).as(row.areaCode()).isNotBlank();
        }
        assertThat(LOCATOR.multiZoneAreaCodes()).containsExactlyInAnyOrderElementsOf(
                rows.stream().map(Row::areaCode).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void federalHoursHoldInEveryZoneTheAreaCodeServes(Row row) {
        String number = number(row.areaCode());
        PhoneLocation where = LOCATOR.locate(number, null, null, null);
        assertThat(where.zones()).as(where.detail()).containsAll(row.zones());
        PolicyEngine engine = new PolicyEngine(List.of(new CallingHoursRule()), "test");
        DayWindow hours = DayWindow.of("08:00", "21:00");

        Instant close = firstClose(where, hours);
        Instant open = lastOpen(where, hours);
        assertThat(verdict(engine, where, number, close.minusSeconds(60))).isEqualTo(Verdict.ALLOW);
        Decision atClose = decide(engine, telemarketingCall(close), facts(where, number));
        assertThat(atClose.blockingRules()).as(atClose.reasons().toString()).containsExactly(CallingHoursRule.ID);
        assertThat(atClose.nextAllowedAt()).isEqualTo(lastOpen(where, hours, DAY.plusDays(1)));
        Decision beforeOpen = decide(engine, telemarketingCall(open.minusSeconds(60)), facts(where, number));
        assertThat(beforeOpen.blockingRules()).containsExactly(CallingHoursRule.ID);
        assertThat(beforeOpen.nextAllowedAt()).isEqualTo(open);
        assertThat(verdict(engine, where, number, open)).isEqualTo(Verdict.ALLOW);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void stateHoursHoldInEveryZoneTheAreaCodeServes(Row row) {
        String number = number(row.areaCode());
        PhoneLocation where = LOCATOR.locate(number, null, null, null);
        Optional<DayWindow> stateHours = where.states().stream().map(PACK::rule).flatMap(Optional::stream)
                .filter(StateRule::hasHours).map(r -> r.hoursOn(DayOfWeek.WEDNESDAY))
                .min(Comparator.comparing(w -> w.until() == null ? LocalTime.MAX : w.until()));
        if (stateHours.isEmpty() || where.states().size() != 1) {
            return; // no single state with hours for this area code: the federal test covers it
        }
        DayWindow hours = stateHours.get();
        PolicyEngine engine = new PolicyEngine(List.of(new StateCallingHoursRule(PACK)), "test");
        Instant close = firstClose(where, hours);
        Instant open = lastOpen(where, hours);
        assertThat(verdict(engine, where, number, close.minusSeconds(60))).isEqualTo(Verdict.ALLOW);
        Decision atClose = decide(engine, telemarketingCall(close), facts(where, number));
        assertThat(atClose.blockingRules()).as(atClose.reasons().toString())
                .containsExactly(StateCallingHoursRule.ID);
        Decision beforeOpen = decide(engine, telemarketingCall(open.minusSeconds(60)), facts(where, number));
        assertThat(beforeOpen.blockingRules()).containsExactly(StateCallingHoursRule.ID);
        assertThat(beforeOpen.nextAllowedAt()).isEqualTo(open);
    }

    @Test
    void anAleutianNumberIsBlockedAtEightAnchorageTimeBecauseAdakIsStillAtSeven() {
        String number = number("907");
        PhoneLocation where = LOCATOR.locate(number, null, null, null);
        PolicyEngine engine = new PolicyEngine(List.of(new CallingHoursRule()), "test");
        Instant eightInAnchorage = DAY.atTime(8, 0).atZone(ZoneId.of("America/Anchorage")).toInstant();

        Decision d = decide(engine, telemarketingCall(eightInAnchorage), facts(where, number));

        assertThat(d.blockingRules()).containsExactly(CallingHoursRule.ID);
        assertThat(d.nextAllowedAt()).isEqualTo(DAY.atTime(8, 0).atZone(ZoneId.of("America/Adak")).toInstant());
    }

    @Test
    void aKnownLocationAddsToTheAreaCodeZonesAndTheStricterWins() {
        // a 907 number whose lead says Anchorage: the Aleutian zone still applies (the person may be there)
        PhoneLocation where = LOCATOR.locate(number("907"), "America/Anchorage", "US", "AK");
        assertThat(where.zones()).contains(ZoneId.of("America/Adak"), ZoneId.of("America/Anchorage"));
        // a 850 panhandle number whose lead lives in Georgia: Eastern and Central both apply
        PhoneLocation panhandle = LOCATOR.locate(number("850"), null, "US", "GA");
        assertThat(panhandle.zones()).contains(ZoneId.of("America/Chicago"), ZoneId.of("America/New_York"));
        assertThat(panhandle.states()).containsExactlyInAnyOrder("FL", "GA");
    }

    private static Verdict verdict(PolicyEngine engine, PhoneLocation where, String number, Instant at) {
        Decision d = decide(engine, telemarketingCall(at), facts(where, number));
        return d.decision();
    }

    private static Facts facts(PhoneLocation where, String number) {
        return Facts.none().withPhone(new PhoneFacts(number, true, where.zones(), where.states(), true, null, false,
                List.of(), null, List.of(), List.of()));
    }

    private static Instant firstClose(PhoneLocation where, DayWindow hours) {
        return where.zones().stream().map(z -> DAY.atTime(hours.until()).atZone(z).toInstant())
                .min(Comparator.naturalOrder()).orElseThrow();
    }

    private static Instant lastOpen(PhoneLocation where, DayWindow hours) {
        return lastOpen(where, hours, DAY);
    }

    private static Instant lastOpen(PhoneLocation where, DayWindow hours, LocalDate day) {
        return where.zones().stream().map(z -> day.atTime(hours.from()).atZone(z).toInstant())
                .max(Comparator.naturalOrder()).orElseThrow();
    }

    /** A valid number in the area code (exchange 234; libphonenumber checks the area code). */
    static String number(String areaCode) {
        for (String rest : List.of("2345678", "2001234", "5550123", "7271234")) {
            String candidate = "+1" + areaCode + rest;
            var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
            try {
                if (util.isValidNumber(util.parse(candidate, null))) {
                    return candidate;
                }
            } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no valid number found for area code " + areaCode);
    }
}
