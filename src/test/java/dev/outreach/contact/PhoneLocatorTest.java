package dev.outreach.contact;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import dev.outreach.config.StateRulePackReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneLocatorTest {

    private static final PhoneLocator LOCATOR = PhoneLocator.load();
    private static final Set<String> STATES_AND_DC = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC",
            "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT",
            "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
            "VT", "VA", "WA", "WV", "WI", "WY");

    @ParameterizedTest(name = "{0} / zone {1} / {2}-{3}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            # number     | lead zone        | country | region  | zones                                  | states | detail
            +13055550123 |                  |         |         | America/New_York                       | FL     | number +1305…: America/New_York; area code 305: FL
            +13055550123 |                  |         | GA      | America/New_York                       | FL;GA  | number +1305…: America/New_York; area code 305: FL; lead region GA: America/New_York
            +18502001234 |                  |         |         | America/Chicago;America/New_York       | FL     | number +1850…: America/Chicago; area code 850 serves America/New_York, America/Chicago; area code 850: FL
            +18502011234 |                  |         | FL      | America/New_York;America/Chicago       | FL     | number +1850…: America/New_York; area code 850 serves America/New_York, America/Chicago; area code 850: FL; lead region FL: America/New_York, America/Chicago
            +12082001234 |                  |         |         | America/Boise;America/Los_Angeles      | ID     | number +1208…: America/Boise, America/Los_Angeles; area code 208 serves America/Boise, America/Los_Angeles; area code 208: ID
            +14805550123 |                  |         |         | America/Phoenix                        | AZ     | number +1480…: America/Phoenix; area code 480: AZ
            +18085550123 |                  |         |         | Pacific/Honolulu                       | HI     | number +1808…: Pacific/Honolulu; area code 808: HI
            +19155550123 |                  |         | US-TX   | America/Denver;America/Chicago         | TX     | number +1915…: America/Denver; area code 915 serves America/Denver, America/Chicago; area code 915: TX; lead region TX: America/Chicago, America/Denver
            +12125550123 | Europe/Paris     | US      | Florida | Europe/Paris;America/New_York;America/Chicago | NY;FL | lead time zone: Europe/Paris; number +1212…: America/New_York; area code 212: NY; lead region FL: America/New_York, America/Chicago
            +14165550123 |                  | CA      | ON      | America/Toronto                        | ON     | number +1416…: America/Toronto; area code 416: ON; lead region CA-ON: no zone table for CA
            +19025550123 |                  |         |         | America/Halifax                        | NS;PE  | number +1902…: America/Halifax; area code 902: NS, PE
            +18005550100 |                  |         |         |                                        |        | number +1800… is not geographic (TOLL_FREE): no zone from it; area code 800: no state (not a geographic area code in policy/nanp-area-codes.csv)
            +18005550100 | America/Chicago  |         |         | America/Chicago                        |        | lead time zone: America/Chicago; number +1800… is not geographic (TOLL_FREE): no zone from it; area code 800: no state (not a geographic area code in policy/nanp-area-codes.csv)
            +442079460000 |                 | GB      |         | Europe/London                          |        | number +44207…: Europe/London
            +13055550123 | Mars/Olympus     |         | Atlantis | America/New_York                      | FL     | lead time zone 'Mars/Olympus' is not a time zone id: ignored; number +1305…: America/New_York; area code 305: FL; lead region 'Atlantis' is not a US state: ignored
            +1305        |                  |         |         |                                        |        | number +1305… is not a valid number: no zone or state from it
            not-a-number |                  |         | az      | America/Phoenix                        | AZ     | number is not in E.164: no zone or state from it; lead region AZ: America/Phoenix
            """)
    void locatesTheRecipientFromNumberZoneAndRegion(String number, String leadZone, String country, String region,
                                                    String zones, String states, String detail) {
        PhoneLocation where = LOCATOR.locate(number, leadZone, country, region);

        assertThat(where.zones()).containsExactlyInAnyOrderElementsOf(
                split(zones).stream().map(ZoneId::of).toList());
        assertThat(where.states()).containsExactlyInAnyOrderElementsOf(split(states));
        assertThat(where.detail()).isEqualTo(detail);
    }

    @Test
    void saysSoWhenNothingIsKnown() {
        PhoneLocation where = LOCATOR.locate(null, null, null, null);

        assertThat(where.zones()).isEmpty();
        assertThat(where.states()).isEmpty();
        assertThat(where.detail()).isEqualTo("no number");
    }

    @Test
    void neverPutsAWholeNumberInTheDetail() {
        assertThat(LOCATOR.locate("+13055550123", null, null, "GA").detail()).doesNotContain("5550123");
    }

    @Test
    void knowsTheZonesOfEveryStateAndDc() {
        Map<String, List<String>> table = table(PhoneLocator.STATE_ZONES);

        assertThat(table.keySet()).containsAll(STATES_AND_DC);
        table.values().forEach(row -> split(row.get(1)).forEach(ZoneId::of));
        assertThat(split(table.get("FL").get(1))).containsExactly("America/New_York", "America/Chicago");
        assertThat(split(table.get("TX").get(1))).containsExactly("America/Chicago", "America/Denver");
        assertThat(split(table.get("AZ").get(1))).containsExactly("America/Phoenix");
        assertThat(split(table.get("HI").get(1))).containsExactly("Pacific/Honolulu");
        assertThat(split(table.get("IN").get(1))).containsExactly("America/Indiana/Indianapolis", "America/Chicago");
    }

    @Test
    void hasAreaCodesForEveryStateAndEveryStateOfTheRulePack() {
        Set<String> covered = table(PhoneLocator.AREA_CODES).values().stream()
                .flatMap(row -> split(row.get(0)).stream()).collect(Collectors.toCollection(TreeSet::new));

        assertThat(covered).containsAll(STATES_AND_DC);
        assertThat(covered).containsAll(StateRulePackReader.fromClasspath().states().keySet());
        assertThat(covered).contains("ON", "QC", "BC", "AB", "PR");
    }

    /** Each area code's region agrees with libphonenumber's geocoder for a valid number in it. */
    @Test
    void agreesWithTheGeocoderOnEveryAreaCode() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneNumberOfflineGeocoder geocoder = PhoneNumberOfflineGeocoder.getInstance();
        Map<String, String> names = new TreeMap<>();
        table(PhoneLocator.STATE_ZONES).forEach((state, row) -> names.put(state, row.get(0)));
        names.put("WA", "Washington State");
        names.put("DC", "Washington D.C.");
        names.putAll(Map.ofEntries(Map.entry("AB", "Alberta"), Map.entry("BC", "British Columbia"),
                Map.entry("MB", "Manitoba"), Map.entry("NB", "New Brunswick"), Map.entry("NL", "Newfoundland"),
                Map.entry("NS", "Nova Scotia"), Map.entry("PE", "Prince Edward Island"),
                Map.entry("NT", "Northwest Territories"), Map.entry("NU", "Nunavut"), Map.entry("YT", "Yukon"),
                Map.entry("ON", "Ontario"), Map.entry("QC", "Quebec"), Map.entry("SK", "Saskatchewan")));
        // where the geocoder names a city, or misspells the province
        Map<String, String> aliases = Map.of("Philadelphia", "PA", "Toronto", "ON", "British Colombia", "BC");
        List<String> disagreements = new ArrayList<>();
        table(PhoneLocator.AREA_CODES).forEach((areaCode, row) -> {
            PhoneNumber number = validNumberIn(util, areaCode);
            if (number == null) {
                disagreements.add(areaCode + ": no valid number found");
                return;
            }
            String description = geocoder.getDescriptionForNumber(number, Locale.ENGLISH);
            boolean agrees = split(row.get(0)).stream().anyMatch(region -> description.endsWith(", " + region)
                    || description.contains(names.getOrDefault(region, "\u0000"))
                    || description.equals(region) || region.equals(aliases.get(description)));
            if (!agrees) {
                disagreements.add(areaCode + ": table " + row.get(0) + ", geocoder '" + description + "'");
            }
        });

        assertThat(disagreements).isEmpty();
    }

    private static PhoneNumber validNumberIn(PhoneNumberUtil util, String areaCode) {
        for (int exchange = 200; exchange <= 999; exchange++) {
            PhoneNumber n = new PhoneNumber().setCountryCode(1)
                    .setNationalNumber(Long.parseLong(areaCode + exchange + "1234"));
            if (util.isValidNumber(n)) {
                return n;
            }
        }
        return null;
    }

    /** key (first cell) → the other cells, for a CSV resource with '#' comments and a header. */
    private static Map<String, List<String>> table(String resource) {
        Map<String, List<String>> rows = new TreeMap<>();
        try (InputStream in = PhoneLocator.class.getClassLoader().getResourceAsStream(resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean header = true;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split(",", 5);
                rows.put(cells[0], List.of(cells).subList(1, cells.length));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static List<String> split(String list) {
        return list == null || list.isBlank() ? List.of() : List.of(list.split(";"));
    }
}
