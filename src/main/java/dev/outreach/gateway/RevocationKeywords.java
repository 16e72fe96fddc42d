package dev.outreach.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads inbound texts as revocations of consent (47 CFR 64.1200(a)(10): any reasonable means), from
 * the data file {@code policy/revocation-keywords.yaml}, whose header says exactly what counts:
 * a conclusive keyword alone, a revoking phrase of any listed language, or a stop word with nothing
 * but filler words revokes at once (misspellings within a small edit distance included); a negated
 * stop word ("don't stop") is no request to stop; a stop word among other words goes to a person for
 * review, and the number is treated as revoked until that person decides.
 */
public final class RevocationKeywords {

    public static final String RESOURCE = "policy/revocation-keywords.yaml";

    /** What an inbound text is. */
    public enum Reading { REVOCATION, REVIEW, NONE }

    /** The reading and the keyword, phrase or stop word that decided it (null for NONE). */
    public record Match(Reading reading, String matched) {
        static final Match NONE = new Match(Reading.NONE, null);
    }

    /** One language's words: stop words, revoking phrases and negators, each as token lists. */
    record Language(String code, List<List<String>> stopWords, List<List<String>> phrases,
                    List<List<String>> negators, boolean fuzzy) {
    }

    private static final Pattern INNER_SEPARATORS = Pattern.compile("[\\s\\-_]+");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}']+");
    /** "n'arretez", "l'envoi", "m'appelez": a one-letter elided word is its own token. */
    private static final Pattern ELISION = Pattern.compile("^(\\p{L})'(.+)$");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final String citation;
    private final String confidence;
    private final Set<String> keywords;
    private final Set<String> fillers;
    private final List<Language> languages;

    private RevocationKeywords(String citation, String confidence, List<String> keywords, List<String> fillers,
                               List<Language> languages) {
        this.citation = citation;
        this.confidence = confidence;
        this.keywords = Collections.unmodifiableSet(new LinkedHashSet<>(keywords.stream()
                .map(RevocationKeywords::normalise).toList()));
        this.fillers = Set.copyOf(fillers.stream().flatMap(f -> words(f).stream()).toList());
        this.languages = List.copyOf(languages);
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
        List<Language> languages = new ArrayList<>();
        Map<String, JsonNode> byCode = new LinkedHashMap<>();
        root.path("languages").fields().forEachRemaining(e -> byCode.put(e.getKey(), e.getValue()));
        byCode.forEach((code, node) -> languages.add(new Language(code,
                tokenised(strings(node.path("stopWords"), code + ".stopWords")),
                tokenised(strings(node.path("phrases"), code + ".phrases")),
                tokenised(strings(node.path("negators"), code + ".negators")),
                node.path("misspellings").asBoolean(false))));
        return new RevocationKeywords(citation, confidence, keywords, strings(root.path("fillers"), "fillers"),
                languages);
    }

    private static List<List<String>> tokenised(List<String> entries) {
        return entries.stream().map(RevocationKeywords::words).filter(w -> !w.isEmpty()).toList();
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
        for (Language language : languages) {
            for (List<String> phrase : language.phrases()) {
                for (int at : occurrences(words, phrase, language.fuzzy())) {
                    if (!negated(words, at, language)) {
                        return new Match(Reading.REVOCATION, String.join(" ", phrase));
                    }
                }
            }
        }
        Match review = Match.NONE;
        for (Language language : languages) {
            for (List<String> stop : stopWordsAndKeywords(language)) {
                for (int at : occurrences(words, stop, language.fuzzy())) {
                    if (negated(words, at, language)) {
                        continue;
                    }
                    if (onlyFillersBesides(words, at, stop.size())) {
                        return new Match(Reading.REVOCATION, String.join(" ", stop));
                    }
                    if (review == Match.NONE) {
                        review = new Match(Reading.REVIEW, String.join(" ", stop));
                    }
                }
            }
        }
        if (review != Match.NONE) {
            return review;
        }
        // only negated signals ("don't stop"), or none at all
        return Match.NONE;
    }

    private List<List<String>> stopWordsAndKeywords(Language language) {
        List<List<String>> out = new ArrayList<>(language.stopWords());
        if (language.code().equals("en")) {
            keywords.forEach(k -> out.add(words(k)));
        }
        return out;
    }

    /** Where {@code term} starts in {@code words}, each word matched exactly or as a small misspelling. */
    private static List<Integer> occurrences(List<String> words, List<String> term, boolean fuzzy) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i + term.size() <= words.size(); i++) {
            boolean all = true;
            for (int j = 0; j < term.size() && all; j++) {
                all = fuzzy ? sameWord(words.get(i + j), term.get(j)) : words.get(i + j).equals(term.get(j));
            }
            if (all) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Exactly, or misspelt: one edit for words of 6-8 letters, two for 9 or more; under 6 letters only
     * a dropped, doubled or swapped letter ("stp", "stopp", "stpo" but not "step"), and words of 3
     * letters or fewer only exactly.
     */
    static boolean sameWord(String word, String target) {
        if (word.equals(target)) {
            return true;
        }
        int n = target.length();
        if (n <= 3 || word.length() < 3 || word.indexOf('\'') >= 0) {
            return false;
        }
        int d = editDistance(word, target);
        if (n >= 9) {
            return d <= 2;
        }
        if (n >= 6) {
            return d <= 1;
        }
        return d == 1 && (word.length() != n || sortedLetters(word).equals(sortedLetters(target)));
    }

    private static String sortedLetters(String s) {
        char[] c = s.toCharArray();
        java.util.Arrays.sort(c);
        return new String(c);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * A negator ends one or two words before {@code at}. Every language's negators count, because a
     * stop word is often shared ("stop" is English, French and Dutch) and texts mix languages.
     */
    private boolean negated(List<String> words, int at, Language of) {
        for (List<String> negator : languages.stream().flatMap(l -> l.negators().stream()).toList()) {
            for (int gap = 0; gap <= 1; gap++) {
                int start = at - gap - negator.size();
                if (start >= 0 && words.subList(start, start + negator.size()).equals(negator)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean onlyFillersBesides(List<String> words, int at, int length) {
        for (int i = 0; i < words.size(); i++) {
            if ((i < at || i >= at + length) && !fillers.contains(words.get(i))) {
                return false;
            }
        }
        return true;
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

    /**
     * Lower-case words without accents ("arrêter" and "arreter" are one word); apostrophes kept
     * inside words ("don't"), a one-letter elision split off ("n'arretez" is "n", "arretez").
     */
    static List<String> words(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).replace('\u2019', '\'')
                .toLowerCase(Locale.ROOT);
        folded = MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
        List<String> out = new ArrayList<>();
        for (String w : WORD_SEPARATORS.split(folded)) {
            String trimmed = w.replaceAll("^'+|'+$", "");
            var elided = ELISION.matcher(trimmed);
            if (elided.matches()) {
                out.add(elided.group(1));
                out.add(elided.group(2));
            } else if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        return out;
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

    /** The language codes with word lists, e.g. en, es, fr, de, pt, it, nl. */
    public List<String> languages() {
        return languages.stream().map(Language::code).toList();
    }
}
