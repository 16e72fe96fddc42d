package dev.outreach.suppression;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the lists root holds right now: every list file of every kind folder, and which folders
 * could actually be listed. The difference matters: a file missing from a folder that was listed
 * has been deleted on purpose; a file "missing" because its folder or the whole root vanished
 * (unmounted volume, permissions) must keep blocking.
 *
 * <p>Skipped without a word: {@code README.md}, {@code <file>.ready} markers ({@link FileSettling}), hidden entries (names starting with '.', which is
 * also where editors and atomic-replace scripts write temporary files), and subfolders (room for
 * archives). Reported as unreadable: a folder named like a list file, and any other file whose type
 * the kind folder does not accept, because someone put it there expecting it to suppress.
 * Folders of other kinds (such as {@code national-dnc/}) are not this scan's business.
 *
 * @param files         sorted by name
 * @param listedFolders kinds whose folder exists and was listed
 */
record ListFolderScan(List<ListFile> files, Set<ListKind> listedFolders) {

    static ListFolderScan of(Path root) {
        List<ListFile> files = new ArrayList<>();
        Set<ListKind> listed = EnumSet.noneOf(ListKind.class);
        if (!Files.exists(root)) {
            return new ListFolderScan(List.of(), listed); // nothing configured: no lists
        }
        for (ListKind kind : ListKind.values()) {
            if (!Files.isDirectory(root)) {
                files.add(folderProblem(root, kind, "the suppression lists root is not a folder"));
                continue;
            }
            scanFolder(root, kind, files, listed);
        }
        files.sort((a, b) -> a.name().compareTo(b.name()));
        return new ListFolderScan(List.copyOf(files), listed);
    }

    private static void scanFolder(Path root, ListKind kind, List<ListFile> files, Set<ListKind> listed) {
        Path folder = root.resolve(kind.folder());
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            files.add(folderProblem(folder, kind, "is not a folder"));
            return;
        }
        List<ListFile> found = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                classify(kind, child).ifPresent(found::add);
            }
        } catch (IOException | RuntimeException e) {
            files.add(folderProblem(folder, kind, "cannot be listed (" + e.getClass().getSimpleName() + ")"));
            return;
        }
        files.addAll(found);
        listed.add(kind);
    }

    private static Optional<ListFile> classify(ListKind kind, Path child) {
        String fileName = child.getFileName().toString();
        String name = kind.folder() + "/" + fileName;
        if (fileName.startsWith(".") || fileName.toLowerCase(Locale.ROOT).equals("readme.md")
                || fileName.endsWith(FileSettling.READY_SUFFIX)) {
            return Optional.empty();
        }
        Optional<ListFormat> format = ListFormat.of(kind, fileName);
        if (Files.isDirectory(child)) {
            return format.map(f -> ListFile.unreadable(name, child, kind, "is a folder, not a list file"));
        }
        return Optional.of(format
                .map(f -> ListFile.readable(name, child, kind, f))
                .orElseGet(() -> ListFile.unreadable(name, child, kind,
                        "unsupported file type; " + kind.folder() + "/ reads " + ListFormat.extensionsOf(kind))));
    }

    private static ListFile folderProblem(Path folder, ListKind kind, String problem) {
        return ListFile.unreadable(kind.folder() + "/", folder, kind, kind.folder() + "/ " + problem);
    }
}
