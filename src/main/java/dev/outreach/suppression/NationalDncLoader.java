package dev.outreach.suppression;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one version of the {@code national-dnc/} folder into a new {@link NationalDncState}, off to
 * the side: nothing it builds is visible until the registry publishes the returned state.
 *
 * <p>Order: the folder is listed; {@code as-of.txt} is checked first (a download without a usable
 * date is not read at all); then full files in name order, then change files in name order. Any
 * file that cannot be used as a whole makes the result UNREADABLE, which keeps the previous index
 * (if any) answering {@code contains} but sets {@code asOf} to null.
 */
final class NationalDncLoader {

    /** An as-of file is one date and perhaps comments; anything bigger is not one. */
    static final int MAX_AS_OF_BYTES = 4096;

    private final Clock clock;
    private final int fullBudget;
    private final int changeBudget;

    NationalDncLoader(Clock clock, int fullBudget, int changeBudget) {
        this.clock = clock;
        this.fullBudget = fullBudget;
        this.changeBudget = changeBudget;
    }

    NationalDncState load(NationalDncFiles files, NationalDncState previous) {
        Instant loadedAt = clock.instant();
        List<String> order = files.loadOrder();
        if (!files.exists()) {
            if (previous.index().size() > 0) {
                return unreadable(previous, loadedAt, order, null, new NationalDncRejects(),
                        "the folder " + files.folder() + " is missing (an unmounted volume?)");
            }
            return empty(loadedAt, order, "the folder " + files.folder() + " does not exist: no registry is loaded");
        }
        if (files.problem() != null) {
            return unreadable(previous, loadedAt, order, null, new NationalDncRejects(), files.problem());
        }
        if (!files.hasNumberFiles()) {
            return empty(loadedAt, order, files.asOf() == null
                    ? "no registry files in " + files.folder()
                    : "no number files in " + files.folder() + ", only " + files.asOf());
        }
        List<String> digests = new ArrayList<>();
        LocalDate asOf;
        if (files.asOf() == null) {
            return unreadable(previous, loadedAt, order, null, new NationalDncRejects(),
                    NationalDncFiles.AS_OF + " is missing: the date of the download is unknown");
        }
        try {
            byte[] bytes = readAsOfBytes(files.folder().resolve(files.asOf()));
            digests.add(Fingerprints.hex(Fingerprints.digest("SHA-256").digest(bytes)));
            asOf = parseAsOf(bytes);
        } catch (AsOfException | IOException e) {
            return unreadable(previous, loadedAt, order, null, new NationalDncRejects(),
                    files.asOf() + ": " + message(e));
        }

        NationalDncIndexBuilder builder = new NationalDncIndexBuilder(fullBudget, changeBudget);
        NationalDncRejects rejects = new NationalDncRejects();
        for (String name : order.subList(1, order.size())) {
            boolean changeFile = files.changeFiles().contains(name);
            NationalDncFileReader.Outcome outcome;
            try {
                outcome = NationalDncFileReader.read(files.folder().resolve(name), name, changeFile, builder, rejects);
            } catch (IOException | RuntimeException e) {
                return unreadable(previous, loadedAt, order, null, rejects, name + ": cannot be read (" + message(e) + ")");
            }
            digests.add(outcome.sha256());
            if (outcome.problem() != null) {
                return unreadable(previous, loadedAt, order, null, rejects, name + ": " + outcome.problem());
            }
        }
        NationalDncIndex index = builder.build();
        String sha256 = manifest(order, digests);
        if (index.size() == 0) {
            if (rejects.count() > 0) {
                return unreadable(previous, loadedAt, order, sha256, rejects,
                        "no usable number: every one of the " + rejects.count() + " lines with content was rejected");
            }
            return new NationalDncState(NationalDncIndex.EMPTY, null, new NationalDncLoad(0, 0, List.of(), order,
                    null, loadedAt, sha256, NationalDncLoad.EMPTY, "the files hold no numbers (only blank lines and "
                    + "comments); tcpa.dnc-data-fresh blocks telemarketing to NANP numbers"));
        }
        String detail = String.format(Locale.ROOT,
                "%d numbers in %d area codes from %d full and %d change files, as of %s; %d rejected lines; "
                        + "index %.1f MiB (%.2f bytes/number)",
                index.size(), index.areaCodes(), files.fullFiles().size(), files.changeFiles().size(), asOf,
                rejects.count(), index.bytes() / (1024.0 * 1024.0), index.bytesPerNumber());
        return new NationalDncState(index, asOf, new NationalDncLoad(index.size(), rejects.count(), rejects.first(),
                order, asOf, loadedAt, sha256, NationalDncLoad.LOADED, detail));
    }

    private static NationalDncState empty(Instant loadedAt, List<String> order, String why) {
        return new NationalDncState(NationalDncIndex.EMPTY, null, new NationalDncLoad(0, 0, List.of(), order, null,
                loadedAt, null, NationalDncLoad.EMPTY, why + "; tcpa.dnc-data-fresh blocks telemarketing calls and "
                + "marketing texts to NANP numbers until a download with its as-of.txt is in place"));
    }

    /**
     * Not put in force: the earlier index (if any) keeps answering {@code contains}, and the date
     * is null so the freshness rule fails closed.
     */
    private static NationalDncState unreadable(NationalDncState previous, Instant loadedAt, List<String> order,
                                               String sha256, NationalDncRejects rejects, String problem) {
        NationalDncIndex kept = previous.index();
        StringBuilder detail = new StringBuilder(problem)
                .append("; this download is not used and asOf is null, so tcpa.dnc-data-fresh blocks telemarketing "
                        + "to NANP numbers");
        NationalDncLoad keptFrom = previous.inForceFrom();
        if (kept.size() > 0 && keptFrom != null) {
            detail.append("; the numbers loaded at ").append(keptFrom.loadedAt()).append(" (sha256 ")
                    .append(keptFrom.sha256()).append(", ").append(kept.size()).append(" numbers) still answer lookups");
        }
        NationalDncLoad report = new NationalDncLoad(kept.size(), rejects.count(), rejects.first(), order, null,
                loadedAt, sha256, NationalDncLoad.UNREADABLE, detail.toString());
        return new NationalDncState(kept, null, report, keptFrom);
    }

    private static byte[] readAsOfBytes(Path file) throws IOException, AsOfException {
        if (Files.size(file) > MAX_AS_OF_BYTES) {
            throw new AsOfException("longer than " + MAX_AS_OF_BYTES + " bytes; expected one ISO date such as 2026-11-20");
        }
        return Files.readAllBytes(file);
    }

    private LocalDate parseAsOf(byte[] bytes) throws AsOfException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AsOfException("not UTF-8 text; expected one ISO date such as 2026-11-20");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> values = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            String value = line.strip();
            if (!value.isEmpty() && !value.startsWith("#")) {
                values.add(value);
            }
        }
        if (values.size() != 1) {
            throw new AsOfException((values.isEmpty() ? "holds no date" : "holds more than one line")
                    + "; expected one ISO date such as 2026-11-20");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(values.get(0));
        } catch (DateTimeParseException e) {
            throw new AsOfException("not an ISO date (expected YYYY-MM-DD, such as 2026-11-20)");
        }
        LocalDate tomorrow = LocalDate.now(clock).plusDays(1);
        if (date.isAfter(tomorrow)) {
            throw new AsOfException(date + " is in the future; a mistyped date would keep the registry 'fresh' "
                    + "for too long");
        }
        return date;
    }

    /** SHA-256 of {@code "<hex>  <name>\n"} per file, the format {@code sha256sum} prints. */
    private static String manifest(List<String> order, List<String> digests) {
        MessageDigest sha256 = Fingerprints.digest("SHA-256");
        for (int i = 0; i < order.size(); i++) {
            sha256.update((digests.get(i) + "  " + order.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return Fingerprints.hex(sha256.digest());
    }

    private static String message(Exception e) {
        if (e instanceof AsOfException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static final class AsOfException extends Exception {
        AsOfException(String message) {
            super(message, null, false, false);
        }
    }
}
