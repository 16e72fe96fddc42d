package dev.outreach.contact;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Where a call or text recipient may be, from everything known about them. A number can be carried
 * anywhere, so nothing is chosen: the result is the union of
 * <ul>
 *   <li>zones: the lead's stated time zone, the zones libphonenumber maps the number to, every zone
 *       its area code serves (from {@code policy/nanp-multi-zone-area-codes.csv}, because the exchange
 *       does not tell where the person is) and the zones of the lead's region (state);</li>
 *   <li>states: the lead's region and the state (or province) of a North American number's area
 *       code, from {@code policy/nanp-area-codes.csv}.</li>
 * </ul>
 * Nothing unknown is guessed: a stated zone that is not a zone id, a region that is not a known state
 * and a number that names no place are each left out and said so in the detail, and an empty set
 * means unknown (the policy then fails closed).
 */
public final class PhoneLocator {

    static final String AREA_CODES = "policy/nanp-area-codes.csv";
    static final String STATE_ZONES = "policy/us-state-zones.csv";
    static final String AREA_CODE_ZONES = "policy/nanp-multi-zone-area-codes.csv";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String UNKNOWN_ZONE = "Etc/Unknown";
    private static final int NANP = 1;

    private final Map<String, List<String>> areaCodes;
    private final Map<String, List<ZoneId>> stateZones;
    private final Map<String, String> stateByName;
    private final Map<String, List<ZoneId>> areaCodeZones;
    private final PhoneNumberToTimeZonesMapper numberZones = PhoneNumberToTimeZonesMapper.getInstance();

    PhoneLocator(Map<String, List<String>> areaCodes, Map<String, List<ZoneId>> stateZones,
                 Map<String, String> stateByName, Map<String, List<ZoneId>> areaCodeZones) {
        this.areaCodes = Map.copyOf(areaCodes);
        this.areaCodeZones = Map.copyOf(areaCodeZones);
        this.stateZones = Map.copyOf(stateZones);
        this.stateByName = Map.copyOf(stateByName);
    }

    /** Reads both tables from the classpath; a malformed row fails with its resource and line number. */
    public static PhoneLocator load() {
        Map<String, List<String>> areaCodes = new TreeMap<>();
        for (Row row : rows(AREA_CODES, 5)) {
            String code = row.cell(0);
            if (!code.matches("[2-9][0-9]{2}")) {
                throw row.invalid("area code must be three digits starting 2-9, was '" + code + "'");
            }
            List<String> regions = List.of(row.cell(1).split(";"));
            if (regions.stream().anyMatch(r -> !r.matches("[A-Z]{2}"))) {
                throw row.invalid("region must be two-letter codes separated by ';', was '" + row.cell(1) + "'");
            }
            if (areaCodes.put(code, regions) != null) {
                throw row.invalid("area code " + code + " is listed twice");
            }
        }
        Map<String, List<ZoneId>> stateZones = new TreeMap<>();
        Map<String, String> byName = new TreeMap<>();
        for (Row row : rows(STATE_ZONES, 5)) {
            String state = row.cell(0);
            if (!state.matches("[A-Z]{2}")) {
                throw row.invalid("state must be a two-letter code, was '" + state + "'");
            }
            List<ZoneId> zones = new ArrayList<>();
            for (String z : row.cell(2).split(";")) {
                try {
                    zones.add(ZoneId.of(z.strip()));
                } catch (DateTimeException e) {
                    throw row.invalid("'" + z + "' is not a time zone id");
                }
            }
            if (stateZones.put(state, List.copyOf(zones)) != null) {
                throw row.invalid("state " + state + " is listed twice");
            }
            byName.put(row.cell(1).toUpperCase(Locale.ROOT), state);
        }
        return new PhoneLocator(areaCodes, stateZones, byName, areaCodeZones());
    }

    /** The area codes that serve several zones; a row naming an unknown zone fails with its line. */
    private static Map<String, List<ZoneId>> areaCodeZones() {
        Map<String, List<ZoneId>> out = new TreeMap<>();
        for (Row row : rows(AREA_CODE_ZONES, 4)) {
            String code = row.cell(0);
            if (!code.matches("[2-9][0-9]{2}")) {
                throw row.invalid("area code must be three digits starting 2-9, was '" + code + "'");
            }
            List<ZoneId> zones = new ArrayList<>();
            for (String z : row.cell(1).split(";")) {
                try {
                    zones.add(ZoneId.of(z.strip()));
                } catch (DateTimeException e) {
                    throw row.invalid("'" + z + "' is not a time zone id");
                }
            }
            if (zones.size() < 2) {
                throw row.invalid("area code " + code + " is listed as serving several zones but names one");
            }
            if (out.put(code, List.copyOf(zones)) != null) {
                throw row.invalid("area code " + code + " is listed twice");
            }
        }
        return out;
    }

    /** Every zone the area code serves, when it serves more than one; empty otherwise. */
    public List<ZoneId> zonesOfAreaCode(String areaCode) {
        return areaCodeZones.getOrDefault(areaCode, List.of());
    }

    /** The area codes known to serve more than one zone. */
    public Set<String> multiZoneAreaCodes() {
        return new java.util.TreeSet<>(areaCodeZones.keySet());
    }

    /**
     * @param e164 the number in E.164, as {@link PhoneNumbers#toE164} returns it
     * @param leadTimeZone the lead's stated IANA zone id, or null
     * @param leadCountry the lead's ISO 3166 country, or null (then a region is read as a US state)
     * @param leadRegion the lead's state or province: "FL", "US-FL" or "Florida"; or null
     */
    public PhoneLocation locate(String e164, String leadTimeZone, String leadCountry, String leadRegion) {
        Set<ZoneId> zones = new LinkedHashSet<>();
        Set<String> states = new LinkedHashSet<>();
        List<String> detail = new ArrayList<>();
        statedZone(leadTimeZone, zones, detail);
        number(e164, zones, states, detail);
        region(leadCountry, leadRegion, zones, states, detail);
        return new PhoneLocation(zones, states, String.join("; ", detail));
    }

    private static void statedZone(String leadTimeZone, Set<ZoneId> zones, List<String> detail) {
        if (blank(leadTimeZone)) {
            return;
        }
        try {
            ZoneId zone = ZoneId.of(leadTimeZone.strip());
            zones.add(zone);
            detail.add("lead time zone: " + zone.getId());
        } catch (DateTimeException e) {
            detail.add("lead time zone '" + leadTimeZone.strip() + "' is not a time zone id: ignored");
        }
    }

    private void number(String e164, Set<ZoneId> zones, Set<String> states, List<String> detail) {
        if (blank(e164)) {
            detail.add("no number");
            return;
        }
        Optional<ParsedNumbers.ParsedNumber> parsed = ParsedNumbers.of(e164);
        if (parsed.isEmpty()) {
            detail.add("number is not in E.164: no zone or state from it");
            return;
        }
        PhoneNumber number = parsed.get().number();
        String shown = shown(number);
        if (!ParsedNumbers.isValid(parsed.get())) {
            detail.add("number " + shown + " is not a valid number: no zone or state from it");
            return;
        }
        // The type costs libphonenumber a walk over region patterns: found once for the zones, the
        // geography and the detail (each of which used to find it again).
        PhoneNumberType type = UTIL.getNumberType(number);
        boolean geographical = UTIL.isNumberGeographical(type, number.getCountryCode());
        List<ZoneId> found = numberZones(number, type, geographical);
        if (!geographical && found.size() > 1) {
            detail.add("number " + shown + " is not geographic (" + type + "): no zone from it");
        } else if (found.isEmpty()) {
            detail.add("number " + shown + ": no zone known");
        } else {
            zones.addAll(found);
            detail.add("number " + shown + ": " + ids(found));
        }
        if (number.getCountryCode() == NANP) {
            String areaCode = String.valueOf(number.getNationalNumber()).substring(0, 3);
            List<ZoneId> served = areaCodeZones.get(areaCode);
            if (served != null) {
                zones.addAll(served);
                detail.add("area code " + areaCode + " serves " + ids(served));
            }
            List<String> regions = areaCodes.get(areaCode);
            if (regions == null) {
                detail.add("area code " + areaCode + ": no state (not a geographic area code in "
                        + AREA_CODES + ")");
            } else {
                states.addAll(regions);
                detail.add("area code " + areaCode + ": " + String.join(", ", regions));
            }
        }
    }

    private void region(String leadCountry, String leadRegion, Set<ZoneId> zones, Set<String> states,
                        List<String> detail) {
        if (blank(leadRegion)) {
            return;
        }
        String region = leadRegion.strip().toUpperCase(Locale.ROOT);
        String country = blank(leadCountry) ? null : leadCountry.strip().toUpperCase(Locale.ROOT);
        if (country != null && !country.equals("US")) {
            if (region.startsWith(country + "-")) {
                region = region.substring(country.length() + 1);
            }
            states.add(region);
            detail.add("lead region " + country + "-" + region + ": no zone table for " + country);
            return;
        }
        if (region.startsWith("US-")) {
            region = region.substring(3);
        }
        String state = stateZones.containsKey(region) ? region : stateByName.get(region);
        if (state == null) {
            detail.add("lead region '" + leadRegion.strip() + "' is not a US state: ignored");
            return;
        }
        states.add(state);
        List<ZoneId> regionZones = stateZones.get(state);
        zones.addAll(regionZones);
        detail.add("lead region " + state + ": " + ids(regionZones));
    }

    /**
     * libphonenumber's zones for the number ({@code getTimeZonesForNumber}, which decides by the same
     * type and geography), without its "Etc/Unknown" placeholder.
     */
    private List<ZoneId> numberZones(PhoneNumber number, PhoneNumberType type, boolean geographical) {
        if (type == PhoneNumberType.UNKNOWN) {
            return List.of();
        }
        List<String> ids = geographical ? numberZones.getTimeZonesForGeographicalNumber(number)
                : numberZones.getTimeZonesForNumber(number);
        List<ZoneId> zones = new ArrayList<>(ids.size());
        for (String id : ids) {
            if (!UNKNOWN_ZONE.equals(id)) {
                zones.add(ZoneId.of(id));
            }
        }
        zones.sort(Comparator.comparing(ZoneId::getId));
        return zones;
    }

    /** "+1305…": country code and area code only, so details and logs carry no whole number. */
    private static String shown(PhoneNumber number) {
        String national = String.valueOf(number.getNationalNumber());
        return "+" + number.getCountryCode() + national.substring(0, Math.min(3, national.length())) + "…";
    }

    private static String ids(List<ZoneId> zones) {
        StringJoiner ids = new StringJoiner(", ");
        for (ZoneId zone : zones) {
            ids.add(zone.getId());
        }
        return ids.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static List<Row> rows(String resource, int cells) {
        InputStream in = PhoneLocator.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the classpath");
        }
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean header = true;
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                // the last cell is a free-text note and may itself contain commas
                String[] split = line.split(",", cells);
                Row row = new Row(resource, lineNumber, split);
                if (split.length != cells) {
                    throw row.invalid("expected " + cells + " comma-separated cells, found " + split.length);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private record Row(String resource, int line, String[] cells) {
        String cell(int i) {
            return cells[i].strip();
        }

        IllegalStateException invalid(String what) {
            return new IllegalStateException(resource + " line " + line + ": " + what);
        }
    }
}
