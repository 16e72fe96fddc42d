package dev.outreach.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.outreach.lead.Lead;
import dev.outreach.policy.JurisdictionFact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a recipient is protected by the GDPR or the UK GDPR, from the country list in
 * {@code policy/eea-countries.yaml}. The signals, strongest first:
 * <ol>
 *   <li>the lead's {@code country} (ISO 3166-1 alpha-2);</li>
 *   <li>the region of the phone number, from libphonenumber ({@code +44 20 ...} is GB);</li>
 *   <li>the country-code top-level domain of the email address ({@code .de} is DE, {@code .uk} is
 *       GB, {@code .eu} is the EU); generic TLDs ({@code .com}, and two-letter ones used as generic,
 *       such as {@code .io}) are no signal.</li>
 * </ol>
 * Signals may disagree (a lead recorded as US with a +44 number); the stricter answer wins, so the
 * recipient is protected when <em>any</em> signal points to the EEA or the UK. When there is no
 * signal at all the recipient is treated as protected as well. When some signal exists and none
 * points to the EEA or the UK, the recipient is not protected. The fact names the signal that
 * decided.
 */
public final class Jurisdictions {

    public static final String RESOURCE = "policy/eea-countries.yaml";

    private static final Pattern CODE = Pattern.compile("[A-Z]{2}");
    private static final Pattern TLD = Pattern.compile("[a-z]{2,63}");

    private final String version;
    private final String citation;
    private final String confidence;
    /** Protected country code → name. */
    private final Map<String, String> countries;
    /** TLD → protected country code, or the regional name for .eu. */
    private final Map<String, String> protectedTlds;
    private final Set<String> genericCountryTlds;
    /** Calling codes of EU territory whatever region a number of them is placed in. */
    private final Set<Integer> callingCodes;
    private final ForeignMarketingLaws foreignLaws;

    private Jurisdictions(String version, String citation, String confidence, Map<String, String> countries,
                          Map<String, String> protectedTlds, Set<String> genericCountryTlds,
                          Set<Integer> callingCodes, ForeignMarketingLaws foreignLaws) {
        this.version = version;
        this.citation = citation;
        this.confidence = confidence;
        this.countries = Collections.unmodifiableMap(new LinkedHashMap<>(countries));
        this.protectedTlds = Map.copyOf(protectedTlds);
        this.genericCountryTlds = Set.copyOf(genericCountryTlds);
        this.callingCodes = Set.copyOf(callingCodes);
        this.foreignLaws = foreignLaws;
    }

    private static final class Shipped {
        static final Jurisdictions INSTANCE = load();
    }

    /** The shipped list, read once. */
    public static Jurisdictions shipped() {
        return Shipped.INSTANCE;
    }

    /** Reads the shipped list from the classpath; fails at start-up rather than run without one. */
    public static Jurisdictions load() {
        try (InputStream in = Jurisdictions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** @throws IllegalStateException naming what is wrong with the file */
    static Jurisdictions read(InputStream yaml) throws IOException {
        JsonNode root = new YAMLMapper().readTree(yaml);
        if (root == null || !root.isObject()) {
            throw new IllegalStateException(RESOURCE + ": not a YAML mapping");
        }
        String version = required(root, "version");
        String citation = required(root, "citation");
        String confidence = required(root, "confidence");
        Map<String, String> countries = new LinkedHashMap<>();
        Map<String, String> tlds = new LinkedHashMap<>();
        JsonNode list = root.path("countries");
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": countries must be a non-empty list");
        }
        for (JsonNode country : list) {
            String code = required(country, "code");
            if (!CODE.matcher(code).matches()) {
                throw new IllegalStateException(RESOURCE + ": country code '" + code + "' is not ISO 3166-1 alpha-2");
            }
            if (countries.put(code, required(country, "name")) != null) {
                throw new IllegalStateException(RESOURCE + ": country " + code + " is listed twice");
            }
            List<String> own = new ArrayList<>();
            country.path("tlds").forEach(t -> own.add(t.asText()));
            if (own.isEmpty()) {
                own.add(code.toLowerCase(Locale.ROOT));
            }
            for (String tld : own) {
                putTld(tlds, tld, code);
            }
        }
        for (JsonNode regional : root.path("regionalTlds")) {
            putTld(tlds, required(regional, "tld"), required(regional, "name"));
        }
        Set<String> generic = new LinkedHashSet<>();
        root.path("genericCountryTlds").forEach(t -> generic.add(t.asText().toLowerCase(Locale.ROOT)));
        for (String tld : generic) {
            if (tlds.containsKey(tld)) {
                throw new IllegalStateException(RESOURCE + ": ." + tld + " is both protected and generic");
            }
        }
        Set<Integer> callingCodes = new LinkedHashSet<>();
        for (JsonNode code : root.path("callingCodes")) {
            if (!code.canConvertToInt() || code.asInt() < 1 || code.asInt() > 999) {
                throw new IllegalStateException(RESOURCE + ": calling code '" + code.asText() + "' is not 1-3 digits");
            }
            callingCodes.add(code.asInt());
        }
        return new Jurisdictions(version, citation, confidence, countries, tlds, generic, callingCodes,
                ForeignMarketingLaws.load());
    }

    private static void putTld(Map<String, String> tlds, String tld, String meaning) {
        String t = tld.toLowerCase(Locale.ROOT);
        if (!TLD.matcher(t).matches()) {
            throw new IllegalStateException(RESOURCE + ": '" + tld + "' is not a top-level domain");
        }
        if (tlds.put(t, meaning) != null) {
            throw new IllegalStateException(RESOURCE + ": ." + t + " is listed twice");
        }
    }

    private static String required(JsonNode node, String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull() || n.asText().isBlank()) {
            throw new IllegalStateException(RESOURCE + ": '" + field + "' is required");
        }
        return n.asText();
    }

    /**
     * Everything known about a recipient: the lead's country, the number and the address being
     * contacted, and the lead's own number and address.
     *
     * @param lead the lead, or null for a bare address or number
     * @param email the normalised address contacted, or null
     * @param e164 the number contacted, or null
     */
    public JurisdictionFact of(Lead lead, String email, String e164) {
        List<String> phones = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        addIfPresent(phones, e164);
        addIfPresent(emails, email);
        if (lead != null) {
            addIfPresent(phones, lead.phone());
            addIfPresent(emails, lead.email());
        }
        return decide(lead == null ? null : lead.country(), phones, emails);
    }

    private static void addIfPresent(List<String> into, String value) {
        if (value != null && !value.isBlank() && !into.contains(value)) {
            into.add(value);
        }
    }

    /**
     * @param country ISO 3166-1 alpha-2 code, or null
     * @param phones E.164 numbers (any that cannot be parsed are no signal)
     * @param emails normalised addresses
     */
    public JurisdictionFact decide(String country, Collection<String> phones, Collection<String> emails) {
        List<Signal> signals = new ArrayList<>();
        if (country != null && !country.isBlank()) {
            String code = country.trim().toUpperCase(Locale.ROOT);
            signals.add(new Signal("lead country " + code, countries.containsKey(code)));
        }
        for (String phone : phones == null ? List.<String>of() : phones) {
            phoneSignal(phone).ifPresent(signals::add);
        }
        for (String email : emails == null ? List.<String>of() : emails) {
            emailSignal(email).ifPresent(signals::add);
        }
        Map<String, String> foreign = foreignLaws.reach(country, phones == null ? List.of() : phones,
                emails == null ? List.of() : emails, signals.isEmpty());
        if (signals.isEmpty()) {
            return new JurisdictionFact(true, "no signal (no lead country, no phone number, no country-code "
                    + "email domain); treated as protected, the stricter answer", foreign);
        }
        Signal first = signals.get(0);
        for (Signal s : signals) {
            if (s.protects()) {
                List<String> disagreeing = signals.stream().filter(o -> !o.protects()).map(Signal::what).toList();
                return new JurisdictionFact(true, s.what() + " (EEA/UK)" + (disagreeing.isEmpty() ? ""
                        : "; " + String.join(", ", disagreeing) + " disagree" + (disagreeing.size() == 1 ? "s" : "")
                        + ", the stricter answer wins"), foreign);
            }
        }
        String others = signals.size() == 1 ? "" : " (also " + String.join(", ", signals.subList(1, signals.size())
                .stream().map(Signal::what).toList()) + ")";
        return new JurisdictionFact(false, first.what() + others + ": outside the EEA and UK", foreign);
    }

    private Optional<Signal> phoneSignal(String e164) {
        Optional<ParsedNumbers.ParsedNumber> parsed = ParsedNumbers.of(e164);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        int callingCode = parsed.get().callingCode();
        String region = parsed.get().region();
        if (callingCodes.contains(callingCode) && (region == null || region.equals("ZZ"))) {
            return Optional.of(new Signal("phone number calling code +" + callingCode, true));
        }
        if (region == null || region.equals("ZZ") || region.equals("001")) {
            return Optional.empty();
        }
        return Optional.of(new Signal("phone number region " + region + " (+" + callingCode + ")",
                countries.containsKey(region) || callingCodes.contains(callingCode)));
    }

    private Optional<Signal> emailSignal(String email) {
        int dot = email.lastIndexOf('.');
        if (dot < 0 || email.lastIndexOf('@') > dot) {
            return Optional.empty();
        }
        String tld = email.substring(dot + 1).toLowerCase(Locale.ROOT);
        String meaning = protectedTlds.get(tld);
        if (meaning != null) {
            return Optional.of(new Signal("email domain ." + tld + " (" + meaning + ")", true));
        }
        if (tld.length() == 2 && !genericCountryTlds.contains(tld)) {
            return Optional.of(new Signal("email domain ." + tld + " (" + tld.toUpperCase(Locale.ROOT) + ")",
                    false));
        }
        return Optional.empty();
    }

    /** True for a country code of the list (the EEA and the UK). */
    public boolean isProtectedCountry(String code) {
        return code != null && countries.containsKey(code.trim().toUpperCase(Locale.ROOT));
    }

    /** The protected country codes, in file order. */
    public Set<String> protectedCountries() {
        return new LinkedHashSet<>(countries.keySet());
    }

    public String version() {
        return version;
    }

    public String citation() {
        return citation;
    }

    public String confidence() {
        return confidence;
    }

    private record Signal(String what, boolean protects) {
        Signal {
            Objects.requireNonNull(what, "what");
        }
    }
}
