package dev.outreach.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which marketing laws beyond the GDPR reach a recipient (Canada's CASL, Switzerland's UWG,
 * Australia's Spam Act), from {@code policy/foreign-marketing-laws.yaml}. Any signal is enough: the
 * lead's country, a phone number's region, an email domain's country-code TLD. With no signal at all
 * every law applies, the stricter answer.
 */
public final class ForeignMarketingLaws {

    public static final String RESOURCE = "policy/foreign-marketing-laws.yaml";


    /** One law: the country it protects and the TLDs that point there. */
    public record Law(String country, String name, String rule, String law, String citation, String confidence,
                      List<String> tlds) {
    }

    private final String version;
    private final List<Law> laws;

    private ForeignMarketingLaws(String version, List<Law> laws) {
        this.version = version;
        this.laws = List.copyOf(laws);
    }

    public static ForeignMarketingLaws load() {
        try (InputStream in = ForeignMarketingLaws.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            JsonNode root = new YAMLMapper().readTree(in);
            List<Law> laws = new ArrayList<>();
            for (JsonNode n : root.path("laws")) {
                List<String> tlds = new ArrayList<>();
                n.path("tlds").forEach(t -> tlds.add(t.asText().toLowerCase(Locale.ROOT)));
                laws.add(new Law(required(n, "country"), required(n, "name"), required(n, "rule"), required(n, "law"),
                        required(n, "citation"), required(n, "confidence"), tlds));
            }
            if (laws.isEmpty()) {
                throw new IllegalStateException(RESOURCE + ": laws must be a non-empty list");
            }
            return new ForeignMarketingLaws(required(root, "version"), laws);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
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
     * @param noSignalAtAll true when nothing at all is known about where the recipient is
     * @return country code → the signal that puts the recipient under that country's law
     */
    Map<String, String> reach(String country, Collection<String> phones, Collection<String> emails,
                              boolean noSignalAtAll) {
        Map<String, String> out = new LinkedHashMap<>();
        String code = country == null || country.isBlank() ? null : country.strip().toUpperCase(Locale.ROOT);
        for (Law law : laws) {
            if (noSignalAtAll) {
                out.put(law.country(), "no signal at all; treated as under " + law.law() + ", the stricter answer");
                continue;
            }
            signal(law, code, phones, emails).ifPresent(s -> out.put(law.country(), s));
        }
        return out;
    }

    private static Optional<String> signal(Law law, String country, Collection<String> phones,
                                           Collection<String> emails) {
        if (law.country().equals(country)) {
            return Optional.of("lead country " + country);
        }
        for (String phone : phones) {
            // a value that is not a number gives no signal
            Optional<ParsedNumbers.ParsedNumber> number = ParsedNumbers.of(phone);
            if (number.isPresent() && law.country().equals(number.get().region())) {
                return Optional.of("phone number region " + law.country() + " (+" + number.get().callingCode() + ")");
            }
        }
        for (String email : emails) {
            int dot = email.lastIndexOf('.');
            if (dot > email.lastIndexOf('@')) {
                String tld = email.substring(dot + 1).toLowerCase(Locale.ROOT);
                if (law.tlds().contains(tld)) {
                    return Optional.of("email domain ." + tld);
                }
            }
        }
        return Optional.empty();
    }

    public List<Law> laws() {
        return laws;
    }

    public String version() {
        return version;
    }
}
