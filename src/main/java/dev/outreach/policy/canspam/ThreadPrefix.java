package dev.outreach.policy.canspam;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whether a subject starts with what a person reads as a reply or forward prefix: {@code Re:},
 * {@code Fwd:} and the words mail clients write for them in other languages (reference section G:
 * {@code AW:}/{@code WG:} German, {@code SV:}/{@code VS:} Nordic, {@code Antw:}/{@code Doorst:} Dutch,
 * {@code RIF:}/{@code R:}/{@code I:} Italian, {@code RV:}/{@code RE:}/{@code TR:} French and Spanish,
 * {@code RES:}/{@code ENC:} Portuguese, {@code Odp:}/{@code PD:} Polish, {@code Ynt:}/{@code İlt:}
 * Turkish, {@code 回复:}/{@code 转发:} Chinese), optionally with a counter ({@code Re[2]:}).
 *
 * <p>Look-alike characters read the same (a Cyrillic {@code е}, a fullwidth or ratio colon, Greek
 * capitals), so both the subject and the prefixes are compared on their Unicode confusable skeleton
 * (UTS #39, ICU's {@link SpoofChecker}) after NFKC case folding, not on a hand list of characters.
 * Invisible format characters and spaces before the prefix are ignored.
 */
public final class ThreadPrefix {

    /** The prefixes as mail clients write them (Google 81126; Unicode TR39; reference section G). */
    static final List<String> PREFIXES = List.of("Re", "Fw", "Fwd", "AW", "WG", "SV", "VS", "Antw", "Doorst",
            "RIF", "R", "I", "RV", "TR", "RES", "ENC", "Odp", "PD", "Ynt", "İlt", "回复", "转发", "回覆", "轉寄");

    private static final SpoofChecker CHECKER = new SpoofChecker.Builder().build();
    private static final Normalizer2 FOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Pattern LEADING_NOISE = Pattern.compile("^[\\p{Z}\\s\\p{Cf}]+");
    private static final Pattern ON_SKELETON = Pattern.compile("^(" + PREFIXES.stream()
            .flatMap(p -> Stream.of(p, p.toLowerCase(Locale.ROOT), p.toUpperCase(Locale.ROOT)))
            .map(ThreadPrefix::skeleton).distinct()
            .sorted((a, b) -> b.length() - a.length())
            .map(Pattern::quote).collect(Collectors.joining("|"))
            + ")\\s*(\\[\\d+\\])?\\s*:", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private ThreadPrefix() {
    }

    /** True when the subject opens with a reply or forward prefix, however it is spelled. */
    public static boolean fakesReplyOrForward(String subject) {
        return found(subject).isPresent();
    }

    /** The prefix as written in the subject (e.g. {@code "АW:"}), for the decision's detail. */
    public static Optional<String> found(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        String trimmed = LEADING_NOISE.matcher(subject).replaceFirst("");
        // the skeleton of the start only: a prefix is short, and skeletons can change length
        String head = trimmed.codePointCount(0, trimmed.length()) > 24
                ? trimmed.substring(0, trimmed.offsetByCodePoints(0, 24)) : trimmed;
        Matcher m = ON_SKELETON.matcher(skeleton(head));
        if (!m.find()) {
            return Optional.empty();
        }
        int colon = firstColonLike(head);
        return Optional.of(colon < 0 ? m.group() : head.substring(0, colon + 1).strip());
    }

    private static int firstColonLike(String head) {
        for (int i = 0; i < head.length(); i = head.offsetByCodePoints(i, 1)) {
            if (skeleton(new String(Character.toChars(head.codePointAt(i)))).equals(":")) {
                return i + Character.charCount(head.codePointAt(i)) - 1;
            }
        }
        return -1;
    }

    /** Compatibility-folded (fullwidth ＦＷＤ is FWD), case-folded, then the confusable skeleton. */
    static String skeleton(String s) {
        return CHECKER.getSkeleton(FOLD.normalize(s));
    }
}
