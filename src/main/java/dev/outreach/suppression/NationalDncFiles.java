package dev.outreach.suppression;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is in the {@code national-dnc/} folder, sorted into the as-of file, full files and change
 * files, with each file's size and modification time so a poll can tell whether anything changed.
 *
 * <p>Ignored: {@code README.md}, hidden entries (names starting with {@code .}, such as the
 * temporary file of an atomic replace) and subfolders (archives). Everything else must be
 * {@code as-of.txt}, a change file {@code changes-YYYY-MM-DD*.txt} with a real date, or another
 * {@code *.txt} (a full file); names are matched case-insensitively. Any other file (a
 * {@code .zip} that was not unpacked, {@code full-202.txt.bak}), a change file without a date, or
 * a folder named like a list file is a {@link #problem()}: someone put it there expecting it to
 * count, so the download is not used rather than silently read without it.
 *
 * @param exists      the folder exists (a missing folder is simply an empty registry)
 * @param problem     why this folder's content cannot be used, or null
 * @param asOf        {@code as-of.txt}, or null if there is none
 * @param fullFiles   names of the full files, in name order
 * @param changeFiles names of the change files, in name order (which is date order)
 * @param stamps      size and modification time of every file above, by name
 */
record NationalDncFiles(Path folder, boolean exists, String problem, String asOf, List<String> fullFiles,
                        List<String> changeFiles, Map<String, FileStamp> stamps) {

    static final String AS_OF = "as-of.txt";
    private static final Pattern CHANGE_FILE = Pattern.compile("changes-(\\d{4}-\\d{2}-\\d{2}).*\\.txt");
    private static final String TXT = ".txt";

    NationalDncFiles {
        fullFiles = List.copyOf(fullFiles);
        changeFiles = List.copyOf(changeFiles);
        stamps = Collections.unmodifiableMap(new TreeMap<>(stamps));
    }

    boolean hasNumberFiles() {
        return !fullFiles.isEmpty() || !changeFiles.isEmpty();
    }

    /** The files that make up the download, in the order they are read: as-of, full, change. */
    List<String> loadOrder() {
        List<String> names = new ArrayList<>();
        if (asOf != null) {
            names.add(asOf);
        }
        names.addAll(fullFiles);
        names.addAll(changeFiles);
        return List.copyOf(names);
    }

    static NationalDncFiles scan(Path folder) {
        if (Files.notExists(folder)) {
            return new NationalDncFiles(folder, false, null, null, List.of(), List.of(), Map.of());
        }
        // wall-clock, not the injected clock: it is compared with the filesystem's timestamps
        Instant readAt = Instant.now();
        List<String> problems = new ArrayList<>();
        String asOf = null;
        List<String> full = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        Map<String, FileStamp> stamps = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (name.startsWith(".") || lower.equals("readme.md")) {
                    continue;
                }
                Optional<BasicFileAttributes> attributes = FileAttributes.of(entry);
                boolean directory = attributes.map(BasicFileAttributes::isDirectory).orElse(false);
                if (directory) {
                    if (lower.endsWith(TXT)) {
                        problems.add(name + "/ is a folder named like a registry file");
                    }
                    continue;
                }
                attributes.ifPresent(a -> stamps.put(name, FileStamp.of(a, readAt)));
                if (lower.equals(AS_OF)) {
                    if (asOf != null) {
                        problems.add("two as-of files (" + asOf + ", " + name + "): which date is meant is unknown");
                    }
                    asOf = name;
                } else if (lower.startsWith("changes-") && lower.endsWith(TXT)) {
                    if (changeFileDate(lower) == null) {
                        problems.add(name + " is named like a change file but does not start with "
                                + "changes-YYYY-MM-DD (a real date), so its place in the order is unknown");
                    } else {
                        changes.add(name);
                    }
                } else if (lower.endsWith(TXT)) {
                    full.add(name);
                } else {
                    problems.add(name + " is not a registry file (expected *.txt: full files, "
                            + "changes-YYYY-MM-DD*.txt, as-of.txt)");
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("the folder cannot be listed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        Collections.sort(full);
        Collections.sort(changes);
        Collections.sort(problems);
        String problem = problems.isEmpty() ? null : String.join("; ", problems);
        return new NationalDncFiles(folder, true, problem, asOf, full, changes, stamps);
    }

    /** The date in a change file's name, or null if it has none or it is not a real date. */
    static LocalDate changeFileDate(String name) {
        Matcher matcher = CHANGE_FILE.matcher(name.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return null;
        }
        try {
            return LocalDate.parse(matcher.group(1));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * True when a fresh listing shows exactly the files of this scan, each proven unchanged by
     * size and modification time (see {@link FileStamp#provesUnchanged}: a file written within one
     * timestamp tick of the read is re-read until it is safely older).
     */
    boolean unchangedIn(NationalDncFiles now) {
        if (exists != now.exists || !Objects.equals(problem, now.problem)
                || !loadOrder().equals(now.loadOrder()) || !stamps.keySet().equals(now.stamps.keySet())) {
            return false;
        }
        for (Map.Entry<String, FileStamp> entry : stamps.entrySet()) {
            Optional<BasicFileAttributes> current = FileAttributes.of(folder.resolve(entry.getKey()));
            if (current.isEmpty() || !entry.getValue().provesUnchanged(current.get())) {
                return false;
            }
        }
        return true;
    }
}
