package dev.outreach.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads inbound texts as revocations of consent (47 CFR 64.1200(a)(10)), from the data file
 * {@code policy/revocation-keywords.yaml}: a reply that is exactly one of the conclusive keywords
 * revokes at once; a reply that contains a keyword as a word, or one of the review terms
 * (misspellings, other languages, phrases such as "remove me"), is flagged for a person and treated
 * as a revocation until that person clears it. The file says how well each fact is established.
 */
public final class RevocationKeywords {

    public static final String RESOURCE = "policy/revocation-keywords.yaml";

    /** What an inbound text is. */
    public enum Reading { REVOCATION, REVIEW, NONE }

    /** The reading and the keyword or term that decided it (null for NONE). */
    public record Match(Reading reading, String matched) {
        static final Match NONE = new Match(Reading.NONE, null);
    }

    private static final Pattern INNER_SEPARATORS = Pattern.compile("[\\s\\-_]+");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}']+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final String citation;
    private final String confidence;
    private final Set<String> keywords;
    private final List<List<String>> keywordWords;
    private final List<String> reviewTerms;
    private final List<List<String>> reviewTermWords;

    private RevocationKeywords(String citation, String confidence, List<String> keywords, List<String> reviewTerms) {
        this.citation = citation;
        this.confidence = confidence;
        this.keywords = Collections.unmodifiableSet(new LinkedHashSet<>(keywords.stream()
                .map(RevocationKeywords::normalise).toList()));
        this.keywordWords = this.keywords.stream().map(RevocationKeywords::words).toList();
        this.reviewTerms = List.copyOf(reviewTerms);
        this.reviewTermWords = reviewTerms.stream().map(RevocationKeywords::words).toList();
    }

    /** The shipped list, from the classpath. Fails at start-up rather than run without one. */
    public static RevocationKeywords load() {
        try (InputStream in = RevocationKeywords.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static RevocationKeywords read(InputStream yaml) throws IOException {
        JsonNode root = new YAMLMapper().readTree(yaml);
        String citation = required(root, "citation");
        String confidence = required(root, "confidence");
        List<String> keywords = strings(root.path("keywords"), "keywords");
        if (keywords.isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": keywords must not be empty");
        }
        List<String> review = new ArrayList<>();
        for (String group : List.of("misspellings", "phrases", "other-languages")) {
            review.addAll(strings(root.path("review").path(group), "review." + group));
        }
        return new RevocationKeywords(citation, confidence, keywords, review);
    }

    private static String required(JsonNode root, String field) {
        String v = root.path(field).asText("");
        if (v.isBlank()) {
            throw new IllegalStateException(RESOURCE + ": " + field + " is required");
        }
        return v;
    }

    private static List<String> strings(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalStateException(RESOURCE + ": " + field + " must be a list");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> {
            if (!n.isTextual() || n.asText().isBlank()) {
                throw new IllegalStateException(RESOURCE + ": " + field + " entries must be non-blank strings");
            }
            out.add(n.asText());
        });
        return out;
    }

    /** Reads one inbound text. */
    public Match classify(String body) {
        if (body == null || body.isBlank()) {
            return Match.NONE;
        }
        String whole = normalise(body);
        if (keywords.contains(whole)) {
            return new Match(Reading.REVOCATION, whole);
        }
        List<String> words = words(body);
        int i = 0;
        for (String keyword : keywords) {
            if (containsSequence(words, keywordWords.get(i++))) {
                return new Match(Reading.REVIEW, keyword);
            }
        }
        for (int t = 0; t < reviewTerms.size(); t++) {
            if (containsSequence(words, reviewTermWords.get(t))) {
                return new Match(Reading.REVIEW, reviewTerms.get(t));
            }
        }
        return Match.NONE;
    }

    /**
     * The whole message as compared with the keywords: compatibility-normalised (full-width
     * letters become plain), lower-cased, without leading or trailing characters that are not
     * letters or digits, and with inner runs of spaces, hyphens or underscores read as one space.
     */
    static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        int start = 0;
        int end = s.length();
        while (start < end && !Character.isLetterOrDigit(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && !Character.isLetterOrDigit(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return INNER_SEPARATORS.matcher(s.substring(start, end)).replaceAll(" ");
    }

    /** Lower-case words without accents ("arrêter" and "arreter" are one word); apostrophes kept. */
    static List<String> words(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).replace('\u2019', '\'')
                .toLowerCase(Locale.ROOT);
        folded = MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
        List<String> out = new ArrayList<>();
        for (String w : WORD_SEPARATORS.split(folded)) {
            String trimmed = w.replaceAll("^'+|'+$", "");
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        return out;
    }

    private static boolean containsSequence(List<String> words, List<String> term) {
        if (term.isEmpty() || term.size() > words.size()) {
            return false;
        }
        for (int i = 0; i + term.size() <= words.size(); i++) {
            if (words.subList(i, i + term.size()).equals(term)) {
                return true;
            }
        }
        return false;
    }

    public String citation() {
        return citation;
    }

    /** V, S or U, as in the regulations reference. */
    public String confidence() {
        return confidence;
    }

    public Set<String> keywords() {
        return keywords;
    }

    public List<String> reviewTerms() {
        return reviewTerms;
    }
}
