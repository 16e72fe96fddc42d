package dev.outreach.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The language of the pages a recipient reaches from a message (unsubscribe and preference centre),
 * and their texts from the {@code web/messages/unsubscribe*.properties} bundles. The lead's country
 * decides first (a person in Germany reads German, whatever their browser's setting); in a country
 * with several of the supported languages, and for a recipient without a known country, the
 * browser's {@code Accept-Language} chooses; English otherwise.
 */
public final class PageLanguage {

    /** The languages the pages are written in. */
    public static final List<String> SUPPORTED = List.of("en", "de", "fr", "es", "nl", "it", "pt");
    private static final String BUNDLE = "web.messages.unsubscribe";
    private static final Map<String, List<String>> BY_COUNTRY = byCountry();

    private PageLanguage() {
    }

    /**
     * @param country        the lead's ISO 3166-1 alpha-2 country, or null
     * @param acceptLanguage the request's {@code Accept-Language} header, or null
     * @return one of {@link #SUPPORTED}
     */
    public static String choose(String country, String acceptLanguage) {
        List<String> spoken = country == null ? List.of() : BY_COUNTRY.getOrDefault(country.toUpperCase(Locale.ROOT),
                List.of());
        List<String> accepted = accepted(acceptLanguage);
        if (spoken.size() == 1) {
            return spoken.get(0);
        }
        for (String language : accepted) {
            if (spoken.isEmpty() ? SUPPORTED.contains(language) : spoken.contains(language)) {
                return language;
            }
        }
        return spoken.isEmpty() ? "en" : spoken.get(0);
    }

    /** Every text of the pages in {@code language}, keyed as in the bundle. */
    public static Map<String, String> texts(String language) {
        ResourceBundle bundle;
        try {
            bundle = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(language),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            bundle = ResourceBundle.getBundle(BUNDLE, Locale.ROOT,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (String key : bundle.keySet()) {
            texts.put(key, bundle.getString(key));
        }
        return texts;
    }

    /** {@code {0}}, {@code {1}} … replaced by the arguments (plain text; the page escapes it). */
    public static String format(String pattern, String... args) {
        String out = pattern;
        for (int i = 0; i < args.length; i++) {
            out = out.replace("{" + i + "}", args[i]);
        }
        return out;
    }

    /** The browser's languages, most preferred first, as bare language codes; none when unreadable. */
    private static List<String> accepted(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        try {
            return Locale.LanguageRange.parse(header).stream()
                    .filter(r -> r.getWeight() > 0)
                    .map(r -> r.getRange().split("-")[0].toLowerCase(Locale.ROOT))
                    .distinct().toList();
        } catch (IllegalArgumentException malformed) {
            return List.of();
        }
    }

    /** The supported languages spoken officially in a country, the most widely used first. */
    private static Map<String, List<String>> byCountry() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String c : List.of("US", "GB", "IE", "AU", "NZ", "ZA", "SG", "IN", "MT")) {
            m.put(c, List.of("en"));
        }
        for (String c : List.of("DE", "AT", "LI")) {
            m.put(c, List.of("de"));
        }
        for (String c : List.of("FR", "MC")) {
            m.put(c, List.of("fr"));
        }
        for (String c : List.of("ES", "MX", "AR", "CO", "CL", "PE", "VE", "EC", "GT", "CU", "BO", "DO", "HN",
                "PY", "SV", "NI", "CR", "PA", "UY")) {
            m.put(c, List.of("es"));
        }
        for (String c : List.of("NL", "SR")) {
            m.put(c, List.of("nl"));
        }
        for (String c : List.of("IT", "SM", "VA")) {
            m.put(c, List.of("it"));
        }
        for (String c : List.of("PT", "BR", "AO", "MZ")) {
            m.put(c, List.of("pt"));
        }
        m.put("BE", List.of("nl", "fr", "de"));
        m.put("CH", List.of("de", "fr", "it"));
        m.put("LU", List.of("fr", "de"));
        m.put("CA", List.of("en", "fr"));
        return m;
    }
}
